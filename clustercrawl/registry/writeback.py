"""Storing what ``registry verify`` found in the registry file, comments and order kept.

The registry is edited by people: a rewrite through ``yaml.safe_dump`` would drop every
comment and reorder keys. ruamel.yaml's round-trip mode keeps comments, key order, quoting
and flow-style items, so a ``--write`` diff shows only the fields verify changed.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from clustercrawl.registry.verify import VerifyResult

#: Registry list field ← verify channel key.
FIELD_OF_CHANNEL = {
    "wp_api": "wp_api",
    "feed": "feeds",
    "sitemap": "sitemaps",
    "news": "news",
    "events": "events",
}


def roundtrip_yaml() -> YAML:
    """A ruamel.yaml instance matching the registry's layout (``  - id: …`` lists)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold long URLs
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(type(None), _represent_null)
    return yaml


def _represent_null(representer: Any, _data: None) -> Any:
    """``homepage: null`` stays spelt out (ruamel writes an empty value by default)."""
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def load_roundtrip(path: Path) -> Any:
    return roundtrip_yaml().load(path.read_text(encoding="utf-8"))


def dump_roundtrip(data: Any) -> str:
    out = io.StringIO()
    roundtrip_yaml().dump(data, out)
    return out.getvalue()


#: Words YAML 1.1 (PyYAML, which loads the registry) reads as booleans; ruamel writes YAML 1.2.
_YAML11_BOOLS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false"})


def code(value: str) -> str:
    """A country or language code, quoted when PyYAML would read it as a boolean (``NO``)."""
    return DoubleQuotedScalarString(value) if value.lower() in _YAML11_BOOLS else value


def url_item(url: str, status: str = "seen") -> CommentedMap:
    """``{url: …, status: seen}`` on one line, as the rest of the registry writes them."""
    item = CommentedMap([("url", url), ("status", status)])
    item.fa.set_flow_style()
    return item


def _set(entry: Any, key: str, value: Any, after: tuple[str, ...] = ()) -> None:
    """Set ``key``; a new key goes right after the last present of ``after`` (else at the end)."""
    if key in entry or not hasattr(entry, "insert"):
        entry[key] = value
        return
    keys = list(entry.keys())
    anchors = [keys.index(a) for a in after if a in keys]
    if anchors:
        entry.insert(max(anchors) + 1, key, value)
    else:
        entry[key] = value


#: Where new keys go, so a written entry reads like a hand-written one.
_AFTER: dict[str, tuple[str, ...]] = {
    "cms": ("type", "homepage"),
    "cms_evidence": ("cms",),
    "languages": ("country",),
    "wp_api": ("cms_evidence", "cms", "type", "homepage"),
    "feeds": ("wp_api", "events", "news", "cms_evidence", "cms", "type", "homepage"),
    "sitemaps": ("feeds", "wp_api", "events", "news", "cms_evidence", "cms", "type"),
    "news": ("cms_evidence", "cms", "type", "homepage"),
    "events": ("news", "cms_evidence", "cms", "type", "homepage"),
    "verified_on": ("verified",),
    "last_check": ("verified_on", "evidence", "verified"),
}


def _merge_urls(entry: Any, key: str, found: list[str]) -> None:
    """Seen URLs found now first, then earlier ``seen`` ones; guesses are dropped."""
    old = entry.get(key) or []
    kept: list[str] = list(found)
    for item in old:
        url = item if isinstance(item, str) else item.get("url")
        status = "seen" if isinstance(item, str) else item.get("status", "seen")
        if isinstance(url, str) and status == "seen" and url not in kept:
            kept.append(url)
    if kept:
        _set(entry, key, CommentedSeq([url_item(u) for u in kept]), _AFTER[key])
    elif key in entry:
        del entry[key]


def apply_results(data: Any, results: Iterable[VerifyResult]) -> list[str]:
    """Update the round-trip document in place; return the ids that were not in it."""
    sites = data.get("sites") if isinstance(data, dict) else None
    entries = {e.get("id"): e for e in sites or () if isinstance(e, dict)}
    missing: list[str] = []
    for res in results:
        entry = entries.get(res.site_id)
        if entry is None:
            missing.append(res.site_id)
            continue
        _apply_one(entry, res)
    return missing


def _apply_one(entry: Any, res: VerifyResult) -> None:
    check = CommentedMap([("date", res.checked_on), ("status", res.status)])
    for key, value in (("final_url", res.final_url), ("http_status", res.http_status),
                       ("language", res.language), ("reason", res.reason)):
        if value is not None:
            check[key] = value
    if not res.reachable:
        _set(entry, "last_check", check, _AFTER["last_check"])
        return
    if res.cms:
        _set(entry, "cms", res.cms, _AFTER["cms"])
        _set(entry, "cms_evidence", f"registry verify {res.checked_on}", _AFTER["cms_evidence"])
    if res.language and not entry.get("languages"):
        langs = CommentedSeq([code(res.language)])
        langs.fa.set_flow_style()
        _set(entry, "languages", langs, _AFTER["languages"])
    for channel, key in FIELD_OF_CHANNEL.items():
        _merge_urls(entry, key, res.channels.get(channel, []))
    entry["verified"] = "crawled"
    _set(entry, "verified_on", res.checked_on, _AFTER["verified_on"])
    _set(entry, "last_check", check, _AFTER["last_check"])


def write_results(path: Path, results: Iterable[VerifyResult]) -> list[str]:
    """Apply ``results`` to the registry file at ``path``; return ids not found in it."""
    data = load_roundtrip(path)
    missing = apply_results(data, results)
    text = dump_roundtrip(data)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return missing
