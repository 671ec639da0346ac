"""Checking one registry entry: every field, with the line it is on.

Split from :mod:`clustercrawl.registry.load` (which reads the file and keeps the valid
entries) because the per-field rules are most of the code and change on their own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from clustercrawl.registry.codes import is_country_code, is_language_code, is_zone
from clustercrawl.registry.model import (
    CHANNELS,
    DATE_ORDERS,
    NETWORK_COUNTRIES,
    REACH_STATUSES,
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
_SITE_URL_FIELDS = frozenset({"url", "status"})
_LAST_CHECK_FIELDS = frozenset(
    {"date", "status", "final_url", "http_status", "language", "reason"}
)


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
        if is_country_code(code):
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
            if not is_language_code(code):
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
        if not isinstance(value, str) or not is_zone(value):
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
