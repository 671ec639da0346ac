"""The ``clusters`` spider's ``-a name=value`` arguments, checked before anything is crawled.

A user's mistake (a misspelt name, a country nobody knows, a channel that does not exist, a
registry that cannot be read, a selection without any site) is an :class:`ArgumentError`: one
line naming the argument and what is allowed. ``scrapy crawl`` (``clustercrawl.commands``)
prints it and exits with status 2, the usual status of a usage error; no traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pycountry
from scrapy.exceptions import UsageError

from clustercrawl.discovery.entry import Channel
from clustercrawl.registry import (
    RegistryFileError,
    RegistryLoad,
    Site,
    load_registry,
    select_sites,
)

#: Every argument the spider takes, with what it means (the error for an unknown one lists them).
KNOWN_ARGUMENTS: dict[str, str] = {
    "sites": "site ids, comma-separated",
    "country": "countries, comma-separated: ISO 3166 codes (PL) or names (Poland)",
    "registry": "a registry file",
    "channels": "discovery channels, comma-separated",
    "max_posts": "posts fetched per site, a whole number",
    "full": "1 to re-walk every channel and re-emit unchanged posts",
    "language": "site languages, comma-separated ISO 639-1 codes (pl)",
    "type": "site types, comma-separated (cmo, association, network, ...)",
    "tag": "registry tags, comma-separated",
}
#: Arguments handed as typed to the registry's ``select_sites`` (which checks them and raises
#: a one-line ``ValueError``), e.g. ``language``, ``type``, ``tag`` where the registry has them;
#: each must also be in KNOWN_ARGUMENTS.
SELECTION_ARGUMENTS: tuple[str, ...] = ("language", "type", "tag")
#: Names people type for a channel, and the channel they mean.
CHANNEL_ALIASES = {"rss": "feed", "atom": "feed", "feeds": "feed", "api": "wp_api",
                   "wordpress": "wp_api", "rest": "wp_api", "sitemaps": "sitemap",
                   "listings": "listing", "links": "link"}
#: Codes used in the EU that ISO 3166 spells differently, and the registry's own codes for
#: European and international networks.
COUNTRY_ALIASES = {"UK": "GB", "EL": "GR", "EU": "EU", "INT": "INT"}
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("", "0", "false", "no", "off")


class ArgumentError(UsageError):
    """A spider argument or input file a user got wrong; the message is one line."""


@dataclass(frozen=True)
class CrawlArguments:
    sites: list[str] | None = None
    #: ISO 3166-1 alpha-2 codes (or EU / INT), comma-separated as ``select_sites`` takes them
    country: str | None = None
    registry: str | None = None
    channels: frozenset[Channel] | None = None
    max_posts: int | None = None
    full: bool = False
    #: SELECTION_ARGUMENTS given, for ``select_sites``
    selection: dict[str, str] = field(default_factory=dict)


def did_you_mean(word: str, choices: list[str], cutoff: float = 0.6) -> str:
    """`` (did you mean X?)`` when a choice is close enough, else empty."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    return f" (did you mean {close[0]}?)" if close else ""


def parse_arguments(kwargs: Mapping[str, Any]) -> CrawlArguments:
    """Check every ``-a`` argument; raises :class:`ArgumentError` on the first wrong one."""
    kwargs = {k: v for k, v in kwargs.items() if not k.startswith("_")}  # scrapyd's _job...
    for name in kwargs:
        if name not in KNOWN_ARGUMENTS:
            allowed = ", ".join(KNOWN_ARGUMENTS)
            hint = did_you_mean(name, list(KNOWN_ARGUMENTS))
            raise ArgumentError(f"-a {name}: unknown argument{hint}; the spider takes: {allowed}")
    get = {k: ("" if v is None else str(v)) for k, v in kwargs.items()}
    sites = [s.strip() for s in get.get("sites", "").split(",") if s.strip()] or None
    if "sites" in kwargs and not sites:
        raise ArgumentError("-a sites=: give site ids, comma-separated "
                            "(`clustercrawl sites` lists them)")
    countries = [parse_country(c, get["country"]) for c in get.get("country", "").split(",")
                 if c.strip()]
    country = ",".join(dict.fromkeys(countries)) or None
    registry = get.get("registry", "").strip() or None
    return CrawlArguments(sites=sites, country=country, registry=registry,
                          channels=parse_channels(get["channels"]) if "channels" in get else None,
                          max_posts=parse_max_posts(get["max_posts"]) if "max_posts" in get
                          else None,
                          full=parse_flag("full", get.get("full", "")),
                          selection={k: get[k] for k in SELECTION_ARGUMENTS if get.get(k)})


def parse_country(value: str, typed: str | None = None) -> str:
    """ISO 3166 alpha-2 code of a code (PL, POL, uk) or an English name (Poland); ``typed``
    is the whole argument, for the message."""
    text = value.strip()
    alias = COUNTRY_ALIASES.get(text.upper())
    if alias:
        return alias
    try:
        country = pycountry.countries.lookup(text)
    except LookupError:
        names = [c.name for c in pycountry.countries]
        hint = did_you_mean(text.title(), names, cutoff=0.8)
        what = f"{text!r} is not a country" if typed and typed != value else "not a country"
        raise ArgumentError(f"-a country={typed or value}: {what}{hint}; give ISO 3166 codes "
                            "or English names, e.g. PL or Poland") from None
    return str(country.alpha_2)


def parse_channels(value: str) -> frozenset[Channel]:
    valid = [c.value for c in Channel]
    out: set[Channel] = set()
    for raw in value.split(","):
        name = raw.strip().lower()
        if not name:
            continue
        if name not in valid:
            alias = CHANNEL_ALIASES.get(name)
            hint = f" (did you mean {alias}?)" if alias else did_you_mean(name, valid)
            raise ArgumentError(f"-a channels={value}: unknown channel {raw.strip()!r}{hint}; "
                                f"channels: {', '.join(valid)}")
        out.add(Channel(name))
    if not out:
        raise ArgumentError(f"-a channels={value}: give one or more of: {', '.join(valid)}")
    return frozenset(out)


def parse_max_posts(value: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    try:
        number = int(text)
    except ValueError:
        number = -1
    if number < 0:
        raise ArgumentError(f"-a max_posts={value}: not a whole number of posts per site "
                            "(0 = no cap)")
    return number or None


def parse_flag(name: str, value: str) -> bool:
    text = value.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ArgumentError(f"-a {name}={value}: give 1 (yes) or 0 (no)")


def open_registry(path: str | None) -> RegistryLoad:
    """The registry, or an :class:`ArgumentError` naming the file and what is wrong with it."""
    try:
        return load_registry(path)
    except RegistryFileError as exc:
        raise ArgumentError(_one_line(str(exc))) from None
    except OSError as exc:
        raise ArgumentError(f"-a registry={path}: cannot read it: {exc.strerror or exc}") from None


def select(loaded: RegistryLoad, args: CrawlArguments) -> list[Site]:
    """The sites the arguments pick; an :class:`ArgumentError` when they pick none."""
    known = [s.id for s in loaded.sites]
    for site_id in args.sites or ():
        if site_id not in known:
            raise ArgumentError(f"-a sites: no site {site_id!r} in {loaded.path}"
                                f"{did_you_mean(site_id, known)} (`clustercrawl sites` lists "
                                "them)")
    try:  # the registry's own filters (ids here; more where the registry offers them)
        sites = select_sites(loaded.sites, ids=args.sites, **args.selection)
    except ValueError as exc:
        raise ArgumentError(f"-a: {exc}") from None
    if args.country:
        wanted = set(args.country.split(","))
        sites = [s for s in sites if s.country in wanted]
        if not sites:
            here = sorted({s.country for s in loaded.sites if s.country})
            labels = []
            for code in args.country.split(","):
                name = pycountry.countries.get(alpha_2=code)
                labels.append(f"{code} ({name.name})" if name else code)
            raise ArgumentError(f"-a country: no site of {' or '.join(labels)} in {loaded.path}"
                                + (" among the given sites" if args.sites else "")
                                + f"; countries there: {', '.join(here) or 'none'}")
    if not sites:
        raise ArgumentError(f"{loaded.path}: no site to crawl (every entry has an error or is "
                            "skipped: `clustercrawl registry` lists them)")
    return sites


def _one_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "; ".join(lines)
