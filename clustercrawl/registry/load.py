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

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from clustercrawl.registry.checks import (
    RegistryError,
    _EntryChecker,
)
from clustercrawl.registry.model import (
    DEFAULT_REGISTRY,
    SCHEMA_VERSION,
    Site,
)

_TOP_FIELDS = frozenset({"schema_version", "sites"})
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ryaml: Any
try:
    import ryaml as _ryaml
except ImportError:  # pragma: no cover - a declared dependency; PyYAML reads alone then
    _ryaml = None


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
