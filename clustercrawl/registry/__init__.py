"""Site registry: one YAML entry per cluster site, validated at start-up.

The package keeps the import surface of the former ``clustercrawl/registry.py``:
``from clustercrawl.registry import load_registry, select_sites, Site, …``.

* :mod:`~clustercrawl.registry.model` - the ``Site`` record and the vocabularies;
* :mod:`~clustercrawl.registry.load` - reading a registry file, keeping the valid entries;
* :mod:`~clustercrawl.registry.checks` - the per-field checks of one entry, with their lines;
* :mod:`~clustercrawl.registry.codes` - the country, language and time-zone codes accepted;
* :mod:`~clustercrawl.registry.select` - choosing sites by id, country, language, type, tag;
* :mod:`~clustercrawl.registry.verify` - ``clustercrawl registry verify`` (online, Scrapy);
* :mod:`~clustercrawl.registry.writeback` - storing what verify found, comments kept.
"""

from __future__ import annotations

from clustercrawl.registry.checks import (
    ID_PATTERN,
    RegistryError,
)
from clustercrawl.registry.codes import is_country_code, is_language_code
from clustercrawl.registry.load import (
    RegistryFileError,
    RegistryLoad,
    load_registry,
    load_registry_text,
)
from clustercrawl.registry.model import (
    CHANNELS,
    DATE_ORDERS,
    DEFAULT_REGISTRY,
    NETWORK_COUNTRIES,
    REACH_STATUSES,
    SCHEMA_VERSION,
    SITE_TYPES,
    SKIP_NO_HOMEPAGE,
    URL_LIST_FIELDS,
    URL_STATUSES,
    VERIFIED_VALUES,
    LastCheck,
    Site,
    SiteOverrides,
    SiteUrl,
    default_timezone,
    is_http_url,
)
from clustercrawl.registry.select import SelectionError, select_sites, sites_tags

__all__ = [
    "CHANNELS",
    "DATE_ORDERS",
    "DEFAULT_REGISTRY",
    "ID_PATTERN",
    "NETWORK_COUNTRIES",
    "REACH_STATUSES",
    "SCHEMA_VERSION",
    "SITE_TYPES",
    "SKIP_NO_HOMEPAGE",
    "URL_LIST_FIELDS",
    "URL_STATUSES",
    "VERIFIED_VALUES",
    "LastCheck",
    "RegistryError",
    "RegistryFileError",
    "RegistryLoad",
    "SelectionError",
    "Site",
    "SiteOverrides",
    "SiteUrl",
    "default_timezone",
    "is_country_code",
    "is_http_url",
    "is_language_code",
    "load_registry",
    "load_registry_text",
    "select_sites",
    "sites_tags",
]
