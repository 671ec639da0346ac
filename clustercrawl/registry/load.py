"""Loading and validating a registry file: one YAML entry per cluster site.

A bad entry must not pass silently (it would crawl the wrong thing for weeks) nor stop the
other sites from crawling, so each problem becomes a :class:`RegistryError` naming the file,
the entry and the field, and the valid entries still load. Only a file that cannot be used at
all (unreadable, not YAML, no ``sites`` list) raises :class:`RegistryFileError`.
A valid file is read by ryaml (Rust) and only re-read by PyYAML (libyaml's parser when
present) to place errors on their lines: a 5,000-entry registry loads in well under a second
(``tests/test_registry_scale.py``).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zoneinfo
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry
import yaml

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
from clustercrawl.spiders.budget import parse_duration

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
TAG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")
# Common non-ISO codes (EU protocol order / everyday use) with the ISO code to write instead.
_COUNTRY_HINTS: dict[str, str] = {"UK": "GB", "EL": "GR"}

_SITE_FIELDS = frozenset(
    {
        "id", "name", "country", "languages", "homepage", "timezone", "type", "cms",
        "cms_evidence", *URL_LIST_FIELDS, "verified", "evidence", "notes", "overrides",
        "tags", "section_of", "verified_on", "last_check",
    }
)  # fmt: skip
_TOP_FIELDS = frozenset({"schema_version", "sites"})
_SITE_URL_FIELDS = frozenset({"url", "status"})
_LAST_CHECK_FIELDS = frozenset(
    {"date", "status", "final_url", "http_status", "language", "reason"}
)
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ryaml: Any
try:
    import ryaml as _ryaml
except ImportError:  # pragma: no cover - a declared dependency; PyYAML reads alone then
    _ryaml = None


@dataclass(frozen=True, slots=True)
class RegistryError:
    file: str
    entry: str  # the entry's id, or "#<index>" when it has none
    field: str
    message: str
    line: int | None = None  # 1-based line of the entry/field in the file, when known

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: site {self.entry}: field {self.field!r}: {self.message}"


class RegistryFileError(Exception):
    """The registry file as a whole is unusable: nothing can be loaded from it."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


@dataclass(slots=True)
class RegistryLoad:
    """What loading produced: valid sites, per-entry errors, and entries kept but not crawled."""

    sites: list[Site]
    errors: list[RegistryError]
    skipped: list[tuple[str, str]]  # (id, reason)
    path: str

    @property
    def ok(self) -> bool:
        """True when every entry was valid (skipped entries are not errors)."""
        return not self.errors


def load_registry(path: str | Path | None = None) -> RegistryLoad:
    """Load and validate a registry file (default: the packaged real-site registry)."""
    file = Path(path) if path is not None else DEFAULT_REGISTRY
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryFileError(str(file), f"cannot be read: {exc}") from exc
    return load_registry_text(text, str(file))


def load_registry_text(text: str, name: str = "<text>") -> RegistryLoad:
    """Validate registry YAML given as text; ``name`` stands for the file in messages.

    A valid registry is read once by ryaml (Rust, ~20x faster than PyYAML here); anything
    else - a problem in some entry, a duplicate key, a YAML 1.1 boolean spelling, no ryaml -
    is read again by PyYAML, whose nodes give every error its line number.
    """
    fast = _fast_load(text)
    if fast is not None:
        try:
            result: RegistryLoad | None = _validate(fast, None, name)
        except _ChunkError:
            result = None  # read whole below
        if result is not None and result.ok:
            return result
    try:
        data = yaml.load(text, Loader=_Loader)  # a safe loader (CSafeLoader or SafeLoader)
        # A second, node-level parse (no object construction) gives line numbers and reveals
        # duplicate keys, which safe_load would silently resolve to the last one.
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise RegistryFileError(name, f"is not valid YAML: {exc}") from exc
    return _validate(data, root, name)


#: Plain scalars PyYAML (YAML 1.1, what the registry has always been read as) takes for
#: booleans and YAML 1.2 readers for strings: a file with one is left to PyYAML.
_YAML11_BOOL = re.compile(
    r"(?:^|[\[{,:]|-\s)[ \t]*(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)[ \t]*(?:$|[,\]}#])",
    re.MULTILINE,
)


def _fast_load(text: str) -> Any:
    """The document read by ryaml (its ``sites`` a :class:`_Chunks` for a registry of the
    usual layout), or None when PyYAML must read it (see above)."""
    if _ryaml is None or _YAML11_BOOL.search(text):
        return None
    try:
        chunked = _chunked_load(text)
        return chunked if chunked is not None else _ryaml.loads(text)
    except Exception:
        return None


#: entries parsed together by the chunked reading of a registry
_CHUNK_ENTRIES = 500
_SITES_KEY = re.compile(r"^sites:[ \t]*(?:#.*)?$", re.MULTILINE)


class _ChunkError(Exception):
    """The chunked reading met something it does not handle: the file is read whole."""


class _Chunks:
    """The ``sites`` list of a registry, parsed ``_CHUNK_ENTRIES`` entries at a time as it is
    iterated: the whole document as Python objects costs ~20 times its size (230 MB for
    30,000 sites), a chunk's a few MB, and each is let go of once checked."""

    def __init__(self, body: str, indent: str) -> None:
        self.body = body
        self.item = indent + "- "
        self.inner = indent + " "

    def __iter__(self) -> Iterator[Any]:
        chunk: list[str] = []
        entries = 0
        for line in io.StringIO(self.body):
            if line.startswith(self.item):
                entries += 1
                if entries > _CHUNK_ENTRIES:
                    yield from self._parse(chunk)
                    chunk, entries = [], 1
            elif (line.strip() and not line.startswith(self.inner)
                  and not line.lstrip().startswith("#")):
                raise _ChunkError("a top-level field after the sites list")
            chunk.append(line)
        yield from self._parse(chunk)

    @staticmethod
    def _parse(lines: list[str]) -> list[Any]:
        text = "".join(lines)
        try:
            items = _ryaml.loads(text) if text.strip() else []
        except Exception as exc:
            raise _ChunkError(str(exc)) from exc
        if not isinstance(items, list):
            raise _ChunkError("not a block list")
        return items


def _chunked_load(text: str) -> dict[str, Any] | None:
    """A registry laid out as usual (top-level fields, then ``sites:`` and its block list to
    the end of the file) with its sites read lazily; None for any other layout."""
    match = _SITES_KEY.search(text)
    if match is None:
        return None
    head = _ryaml.loads(text[:match.start()] + "sites: []\n")
    body = text[match.end():].lstrip("\n")
    first = next((line for line in io.StringIO(body)
                  if line.strip() and not line.lstrip().startswith("#")), None)
    if not isinstance(head, dict) or first is None or not first.lstrip().startswith("- "):
        return None
    head["sites"] = _Chunks(body, first[: len(first) - len(first.lstrip())])
    return head


def _validate(data: Any, root: yaml.Node | None, name: str) -> RegistryLoad:
    if not isinstance(data, dict):
        raise RegistryFileError(name, "has no top-level mapping with a 'sites' list")
    version = data.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        raise RegistryFileError(
            name, f"schema_version {version!r} is not supported (expected {SCHEMA_VERSION})"
        )
    sites_data = data.get("sites")
    if not isinstance(sites_data, list | _Chunks):
        raise RegistryFileError(name, "has no 'sites' list")

    errors: list[RegistryError] = []
    for key in sorted(set(data) - _TOP_FIELDS, key=str):
        errors.append(RegistryError(name, "(file)", str(key), "unknown top-level field"))
    entry_nodes = _entry_nodes(root)

    sites: list[Site] = []
    skipped: list[tuple[str, str]] = []
    seen_ids: dict[str, int] = {}
    for index, raw in enumerate(sites_data):
        node = entry_nodes[index] if index < len(entry_nodes) else None
        checker = _EntryChecker(name, index, raw, node)
        site, skip_reason = checker.check(seen_ids)
        errors.extend(checker.errors)
        if checker.errors:
            continue
        if skip_reason is not None:
            skipped.append((checker.label, skip_reason))
        elif site is not None:
            sites.append(site)
    return RegistryLoad(sites=sites, errors=errors, skipped=skipped, path=name)


# --------------------------------------------------------------------------- internals


def _entry_nodes(root: yaml.Node | None) -> list[yaml.Node]:
    """The YAML nodes of the ``sites`` items, for line numbers and duplicate-key checks."""
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if (
            isinstance(key, yaml.ScalarNode)
            and key.value == "sites"
            and isinstance(value, yaml.SequenceNode)
        ):
            return list(value.value)
    return []


def _key_lines(node: yaml.Node | None) -> tuple[dict[str, int], list[tuple[str, int]]]:
    """Line of each key of a mapping node, and the keys given more than once."""
    lines: dict[str, int] = {}
    dups: list[tuple[str, int]] = []
    if isinstance(node, yaml.MappingNode):
        for key, _value in node.value:
            if isinstance(key, yaml.ScalarNode):
                line = key.start_mark.line + 1
                if key.value in lines:
                    dups.append((key.value, line))
                else:
                    lines[key.value] = line
    return lines, dups


def _yaml_bool_hint(value: object) -> str:
    """YAML 1.1 reads NO/no/on/off as booleans: say so, since the cause is not obvious."""
    if isinstance(value, bool):
        return " (YAML read an unquoted NO/no/yes/on/off as a boolean; quote the code)"
    return ""


class _EntryChecker:
    """Validates one entry, collecting every problem rather than stopping at the first."""

    def __init__(self, file: str, index: int, raw: object, node: yaml.Node | None) -> None:
        self.file = file
        self.index = index
        self.raw = raw
        self.errors: list[RegistryError] = []
        self.line = node.start_mark.line + 1 if node is not None else None
        self.key_lines, self.dup_keys = _key_lines(node)
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        self.label = raw_id if isinstance(raw_id, str) and raw_id.strip() else f"#{index}"

    def error(self, fieldname: str, message: str) -> None:
        top = re.split(r"[.\[]", fieldname, maxsplit=1)[0]
        line = self.key_lines.get(top, self.line)
        self.errors.append(RegistryError(self.file, self.label, fieldname, message, line))

    # The entry as a whole ------------------------------------------------------------

    def check(self, seen_ids: dict[str, int]) -> tuple[Site | None, str | None]:
        """Return (site, None), (None, skip reason), or (None, None) with errors recorded."""
        raw = self.raw
        if not isinstance(raw, dict):
            self.error("(entry)", f"must be a mapping of fields, not {type(raw).__name__}")
            return None, None
        for key, line in self.dup_keys:
            self.errors.append(
                RegistryError(self.file, self.label, key, "given more than once", line)
            )
        for key in sorted(set(raw) - _SITE_FIELDS, key=str):
            self.error(
                str(key), f"unknown field {key!r} (known: {', '.join(sorted(_SITE_FIELDS))})"
            )

        site_id = self._id(raw, seen_ids)
        name = self._required_text(raw, "name")
        country = self._country(raw)
        languages = self._languages(raw)
        homepage, has_homepage = self._homepage(raw)
        tz = self._timezone(raw, country)
        site_type = self._choice(raw, "type", SITE_TYPES, "cmo")
        verified = self._choice(raw, "verified", VERIFIED_VALUES, "page_seen")
        cms = self._optional_text(raw, "cms")
        evidence = self._optional_text(raw, "evidence")
        notes = self._optional_text(raw, "notes")
        cms_evidence = self._optional_text(raw, "cms_evidence")
        url_lists = {name_: self._url_list(raw, name_) for name_ in URL_LIST_FIELDS}
        overrides = self._overrides(raw)
        tags = self._tags(raw)
        section_of = self._section_of(raw, site_id)
        verified_on = self._date(raw, "verified_on")
        last_check = self._last_check(raw)
        if verified == "page_seen" and evidence is None and "verified" in raw:
            self.error("evidence", "missing: verified: page_seen needs the URL of the page seen")
        if verified == "crawled" and verified_on is None:
            self.error("verified_on", "missing: verified: crawled needs the date of the check")
        if evidence is not None and not is_http_url(evidence):
            self.error("evidence", f"{evidence!r} is not an absolute http(s) URL")

        if self.errors:
            return None, None
        if not has_homepage:
            return None, SKIP_NO_HOMEPAGE
        assert site_id and name and country and homepage and tz  # all checked above
        site = Site(
            id=site_id,
            name=name,
            country=country,
            languages=languages,
            homepage=homepage,
            timezone=tz,
            type=site_type,
            cms=cms,
            news=url_lists["news"],
            events=url_lists["events"],
            feeds=url_lists["feeds"],
            sitemaps=url_lists["sitemaps"],
            verified=verified,
            overrides=overrides,
            evidence=evidence,
            notes=notes,
            cms_evidence=cms_evidence,
            tags=tags,
            section_of=section_of,
            wp_api=url_lists["wp_api"],
            verified_on=verified_on,
            last_check=last_check,
        )
        return site, None

    # Fields ----------------------------------------------------------------------------

    def _id(self, raw: Mapping[str, Any], seen_ids: dict[str, int]) -> str | None:
        if "id" not in raw or raw["id"] is None:
            self.error("id", "missing (required)")
            return None
        value = raw["id"]
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.error(
                "id",
                f"{value!r} does not match {ID_PATTERN.pattern} "
                "(lower-case letters, digits, hyphens; it becomes part of file names)",
            )
            return None
        if value in seen_ids:
            self.error("id", f"duplicate id {value!r} (first used by entry #{seen_ids[value]})")
            return None
        seen_ids[value] = self.index
        return value

    def _required_text(self, raw: Mapping[str, Any], key: str) -> str | None:
        value = raw.get(key)
        if value is None:
            self.error(key, "missing (required)")
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(key, f"must be a non-empty string, not {value!r}")
            return None
        return value.strip()

    def _optional_text(self, raw: Mapping[str, Any], key: str) -> str | None:
        value = raw.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.error(key, f"must be a string, not {type(value).__name__} {value!r}")
            return None
        return value.strip() or None

    def _choice(
        self, raw: Mapping[str, Any], key: str, allowed: frozenset[str], default: str
    ) -> str:
        value = raw.get(key)
        if value is None:
            return default
        if not isinstance(value, str) or value not in allowed:
            self.error(key, f"{value!r} is not one of {', '.join(sorted(allowed))}")
            return default
        return value

    def _country(self, raw: Mapping[str, Any]) -> str | None:
        value = raw.get("country")
        if value is None:
            self.error("country", "missing (required)")
            return None
        if not isinstance(value, str):
            self.error("country", f"must be a string, not {value!r}{_yaml_bool_hint(value)}")
            return None
        code = value.strip().upper()
        if code in NETWORK_COUNTRIES:
            return code
        if _is_country(code):
            return code
        hint = f"; write {_COUNTRY_HINTS[code]!r}" if code in _COUNTRY_HINTS else ""
        self.error(
            "country",
            f"unknown country {value!r} (ISO 3166-1 alpha-2, or EU / INT for networks{hint})",
        )
        return None

    def _languages(self, raw: Mapping[str, Any]) -> tuple[str, ...]:
        value = raw.get("languages")
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error("languages", f"must be a list of ISO 639-1 codes, not {value!r}")
            return ()
        codes: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.error(
                    f"languages[{i}]", f"must be a string, not {item!r}{_yaml_bool_hint(item)}"
                )
                continue
            code = item.strip().lower()
            if not _is_language(code):
                self.error(f"languages[{i}]", f"unknown language {item!r} (ISO 639-1 expected)")
                continue
            if code not in codes:
                codes.append(code)
        return tuple(codes)

    def _homepage(self, raw: Mapping[str, Any]) -> tuple[str | None, bool]:
        """Return (url, known); a null homepage is allowed and makes the entry skipped."""
        if "homepage" not in raw:
            self.error("homepage", "missing (required; write null if it is not known)")
            return None, False
        value = raw["homepage"]
        if value is None:
            return None, False
        if not isinstance(value, str) or not is_http_url(value.strip()):
            self.error("homepage", f"{value!r} is not an absolute http(s) URL")
            return None, False
        return value.strip(), True

    def _timezone(self, raw: Mapping[str, Any], country: str | None) -> str | None:
        value = raw.get("timezone")
        if value is None:
            return default_timezone(country) if country else None
        if not isinstance(value, str) or not _is_zone(value):
            self.error("timezone", f"{value!r} is not an IANA time zone (e.g. Europe/Warsaw)")
            return None
        return value

    def _url_list(self, raw: Mapping[str, Any], key: str) -> tuple[SiteUrl, ...]:
        value = raw.get(key)
        if value is None:
            return ()
        if isinstance(value, str | dict):
            value = [value]  # one URL written without the list brackets
        if not isinstance(value, list):
            self.error(key, f"must be a list of URLs or {{url, status}} mappings, not {value!r}")
            return ()
        out: list[SiteUrl] = []
        for i, item in enumerate(value):
            where = f"{key}[{i}]"
            if isinstance(item, str):
                url, status = item.strip(), "seen"
            elif isinstance(item, dict):
                for extra in sorted(set(item) - _SITE_URL_FIELDS, key=str):
                    self.error(f"{where}.{extra}", f"unknown field {extra!r} (known: url, status)")
                url_value = item.get("url")
                if not isinstance(url_value, str):
                    self.error(f"{where}.url", f"missing or not a string: {url_value!r}")
                    continue
                url = url_value.strip()
                status = item.get("status", "seen")
                if status not in URL_STATUSES:
                    self.error(
                        f"{where}.status",
                        f"{status!r} is not one of {', '.join(sorted(URL_STATUSES))}",
                    )
                    continue
            else:
                self.error(where, f"must be a URL or a {{url, status}} mapping, not {item!r}")
                continue
            if not is_http_url(url):
                self.error(where, f"{url!r} is not an absolute http(s) URL")
                continue
            out.append(SiteUrl(url=url, status=str(status)))
        return tuple(out)

    def _tags(self, raw: Mapping[str, Any]) -> tuple[str, ...]:
        value = raw.get("tags")
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error("tags", f"must be a list of lower-case labels, not {value!r}")
            return ()
        tags: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not TAG_PATTERN.match(item):
                self.error(f"tags[{i}]", f"{item!r} does not match {TAG_PATTERN.pattern}")
            elif item not in tags:
                tags.append(item)
        return tuple(tags)

    def _section_of(self, raw: Mapping[str, Any], site_id: str | None) -> str | None:
        value = raw.get("section_of")
        if value is None:
            return None
        if not isinstance(value, str) or not ID_PATTERN.match(value) or value == site_id:
            self.error("section_of", f"{value!r} must be the id of another entry")
            return None
        return value

    def _date(self, raw: Mapping[str, Any], key: str) -> str | None:
        value = raw.get(key)
        if value is None:
            return None
        if isinstance(value, dt.date):  # YAML reads an unquoted 2026-12-05 as a date
            return value.isoformat()
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            self.error(key, f"{value!r} is not an ISO date (YYYY-MM-DD)")
            return None

    def _last_check(self, raw: Mapping[str, Any]) -> LastCheck | None:
        value = raw.get("last_check")
        if value is None:
            return None
        if not isinstance(value, dict):
            self.error("last_check", f"must be a mapping, not {value!r}")
            return None
        for key in sorted(set(value) - _LAST_CHECK_FIELDS, key=str):
            self.error(f"last_check.{key}", f"unknown field (known: "
                       f"{', '.join(sorted(_LAST_CHECK_FIELDS))})")
        date = self._date(value, "date")
        status = value.get("status")
        if status not in REACH_STATUSES:
            self.error("last_check.status",
                       f"{status!r} is not one of {', '.join(sorted(REACH_STATUSES))}")
            return None
        http_status = value.get("http_status")
        if http_status is not None and (isinstance(http_status, bool)
                                        or not isinstance(http_status, int)):
            self.error("last_check.http_status", f"must be a number, not {http_status!r}")
            http_status = None
        final_url = value.get("final_url")
        if final_url is not None and not (isinstance(final_url, str) and is_http_url(final_url)):
            self.error("last_check.final_url", f"{final_url!r} is not an absolute http(s) URL")
            final_url = None
        language = value.get("language")
        reason = value.get("reason")
        if date is None:
            self.error("last_check.date", "missing (required)")
            return None
        return LastCheck(
            date=date,
            status=str(status),
            final_url=final_url,
            http_status=http_status,
            language=str(language) if language is not None else None,
            reason=str(reason) if reason is not None else None,
        )

    def _overrides(self, raw: Mapping[str, Any]) -> SiteOverrides:
        value = raw.get("overrides")
        if value is None:
            return SiteOverrides()
        if not isinstance(value, dict):
            self.error("overrides", f"must be a mapping, not {value!r}")
            return SiteOverrides()
        known = {"page_budget", "max_listing_pages", "channels", "date_order", "fetch_pages",
                 "robots_obey", "max_requests", "max_time"}  # fmt: skip
        for key in sorted(set(value) - known, key=str):
            self.error(f"overrides.{key}", f"unknown override (known: {', '.join(sorted(known))})")
        return SiteOverrides(
            page_budget=self._count(value, "page_budget"),
            max_listing_pages=self._count(value, "max_listing_pages"),
            channels=self._channels(value),
            date_order=self._date_order(value),
            fetch_pages=self._flag(value, "fetch_pages"),
            robots_obey=self._flag(value, "robots_obey"),
            max_requests=self._count(value, "max_requests"),
            max_time=self._duration(value, "max_time"),
        )

    def _duration(self, ov: Mapping[str, Any], key: str) -> float | None:
        value = ov.get(key)
        if value is None:
            return None
        try:
            return parse_duration(value, key)
        except ValueError:
            self.error(f"overrides.{key}", f"must be a duration (3600, 90m, 4h), not {value!r}")
            return None

    def _count(self, ov: Mapping[str, Any], key: str) -> int | None:
        value = ov.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.error(f"overrides.{key}", f"must be a whole number >= 0, not {value!r}")
            return None
        return value

    def _flag(self, ov: Mapping[str, Any], key: str) -> bool | None:
        value = ov.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.error(f"overrides.{key}", f"must be true or false, not {value!r}")
            return None
        return value

    def _channels(self, ov: Mapping[str, Any]) -> tuple[str, ...] | None:
        value = ov.get("channels")
        if value is None:
            return None
        if not isinstance(value, list) or not value:
            self.error("overrides.channels", f"must be a non-empty list, not {value!r}")
            return None
        bad = [c for c in value if not isinstance(c, str) or c not in CHANNELS]
        if bad:
            self.error(
                "overrides.channels",
                f"unknown channel(s) {bad!r} (known: {', '.join(CHANNELS)})",
            )
            return None
        return tuple(dict.fromkeys(value))

    def _date_order(self, ov: Mapping[str, Any]) -> str | None:
        value = ov.get("date_order")
        if value is None:
            return None
        if not isinstance(value, str) or value.upper() not in DATE_ORDERS:
            self.error(
                "overrides.date_order", f"{value!r} is not one of {', '.join(sorted(DATE_ORDERS))}"
            )
            return None
        return value.upper()


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
def _is_zone(name: str) -> bool:
    """True when zoneinfo knows the zone (what the extractor will use to localise dates)."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
