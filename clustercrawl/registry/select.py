"""Choosing sites from a loaded registry: by id, country, language, type and tag.

The spider (``-a country=… language=… type=… tag=…``), ``clustercrawl seed`` and
``clustercrawl registry verify`` share these filters. A typo must not turn into an empty
crawl that looks like success, so an unknown id, code, type or tag raises
:class:`SelectionError` (a ``ValueError``) with one line saying what is known.
"""

from __future__ import annotations

from collections.abc import Iterable

from clustercrawl.registry.codes import is_country_code, is_language_code
from clustercrawl.registry.model import SITE_TYPES, Site


class SelectionError(ValueError):
    """A filter value that names nothing the registry could hold."""


def _values(raw: str | Iterable[str] | None) -> list[str]:
    """Comma-separated text (as typed on a command line) or an iterable → clean values."""
    if raw is None:
        return []
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    return [i.strip() for i in items if i and i.strip()]


def select_sites(
    sites: Iterable[Site],
    ids: Iterable[str] | str | None = None,
    country: str | Iterable[str] | None = None,
    language: str | Iterable[str] | None = None,
    type: str | Iterable[str] | None = None,  # the registry field's name
    tag: str | Iterable[str] | None = None,
) -> list[Site]:
    """Sites matching every given filter, in registry order; each filter may list values.

    ``ids`` must all exist. ``country`` must be ISO 3166-1 alpha-2 (or EU / INT),
    ``language`` ISO 639-1 (matches any of a site's languages), ``type`` one of the registry
    types, ``tag`` a tag some site of the registry carries.
    """
    everything = list(sites)
    pool = everything
    wanted = _values(ids)
    if wanted:
        known = {s.id for s in pool}
        unknown = [i for i in dict.fromkeys(wanted) if i not in known]
        if unknown:
            raise SelectionError(f"unknown site id(s): {', '.join(unknown)}")
        keep = set(wanted)
        pool = [s for s in pool if s.id in keep]
    countries = [c.upper() for c in _values(country)]
    if countries:
        bad = [c for c in countries if not is_country_code(c)]
        if bad:
            raise SelectionError(
                f"unknown country code(s): {', '.join(bad)} (ISO 3166-1 alpha-2, or EU / INT)"
            )
        pool = [s for s in pool if s.country in countries]
    languages = [c.lower() for c in _values(language)]
    if languages:
        bad = [c for c in languages if not is_language_code(c)]
        if bad:
            raise SelectionError(f"unknown language code(s): {', '.join(bad)} (ISO 639-1)")
        pool = [s for s in pool if any(lang in s.languages for lang in languages)]
    types = [t.lower() for t in _values(type)]
    if types:
        bad = [t for t in types if t not in SITE_TYPES]
        if bad:
            raise SelectionError(
                f"unknown site type(s): {', '.join(bad)} (known: {', '.join(sorted(SITE_TYPES))})"
            )
        pool = [s for s in pool if s.type in types]
    tags = [t.lower() for t in _values(tag)]
    if tags:
        known_tags = set(sites_tags(everything))
        bad = [t for t in tags if t not in known_tags]
        if bad:
            shown = ", ".join(sorted(known_tags)[:30]) or "none"
            raise SelectionError(f"unknown tag(s): {', '.join(bad)} (tags in use: {shown})")
        pool = [s for s in pool if any(t in s.tags for t in tags)]
    return pool


def sites_tags(sites: Iterable[Site]) -> list[str]:
    """Every tag used by these sites, sorted."""
    return sorted({t for s in sites for t in s.tags})
