"""Which country, language and time-zone codes a registry entry may name.

Shared by the entry checks, the site selection (``--countries``/``--languages``) and the
import script, so that all three accept exactly the same codes.
"""

from __future__ import annotations

import functools
import zoneinfo

import pycountry

from clustercrawl.registry.model import NETWORK_COUNTRIES

__all__ = ["is_country_code", "is_language_code", "is_zone"]


@functools.cache
def _is_country(code: str) -> bool:
    """An ISO 3166-1 alpha-2 code pycountry knows (cached: a registry repeats a few codes)."""
    return len(code) == 2 and code.isalpha() and pycountry.countries.get(alpha_2=code) is not None


@functools.cache
def _is_language(code: str) -> bool:
    """An ISO 639-1 code pycountry knows."""
    return len(code) == 2 and code.isalpha() and pycountry.languages.get(alpha_2=code) is not None


def is_country_code(value: str) -> bool:
    """True for a country a registry entry may name: ISO 3166-1 alpha-2, EU or INT."""
    code = value.strip().upper()
    return code in NETWORK_COUNTRIES or _is_country(code)


def is_language_code(value: str) -> bool:
    """True for an ISO 639-1 language code."""
    return _is_language(value.strip().lower())


@functools.cache
def is_zone(name: str) -> bool:
    """True when zoneinfo knows the zone (what the extractor will use to localise dates)."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
