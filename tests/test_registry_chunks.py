"""A big registry is read a chunk of entries at a time (registry/load.py ``_Chunks``): the
same sites, errors and skips as a whole-file read, and any layout the chunks do not handle
is read whole."""

from __future__ import annotations

import pytest

from clustercrawl.registry import load as registry_load
from clustercrawl.registry.load import load_registry_text


def entry(i: int, country: str = "PL") -> str:
    return (f"  - id: pl-site-{i}\n    name: \"Klaster {i}\"  # a comment\n"
            f"    country: {country}\n    homepage: https://klaster{i}.example/\n"
            "    languages: [pl]\n")


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry_load, "_CHUNK_ENTRIES", 2)


def test_chunks_give_the_sites_of_a_whole_read() -> None:
    text = ("# the registry\nschema_version: 1\nsites:\n"
            + "".join(entry(i) + ("  # between entries\n\n" if i == 2 else "") for i in range(7)))
    fast = registry_load._fast_load(text)
    assert isinstance(fast["sites"], registry_load._Chunks)
    loaded = load_registry_text(text, "r.yaml")
    assert loaded.ok and [s.id for s in loaded.sites] == [f"pl-site-{i}" for i in range(7)]
    whole = registry_load._validate(registry_load._ryaml.loads(text), None, "r.yaml")
    assert loaded.sites == whole.sites


def test_an_error_in_a_later_chunk_is_reported_with_its_line() -> None:
    text = "schema_version: 1\nsites:\n" + "".join(entry(i) for i in range(4)) + entry(4, "XQ")
    loaded = load_registry_text(text, "r.yaml")
    [error] = loaded.errors
    assert "XQ" in str(error) and str(error).startswith("r.yaml:25:")  # its country line
    assert len(loaded.sites) == 4


def test_other_layouts_are_read_whole() -> None:
    after = "schema_version: 1\nsites:\n" + "".join(entry(i) for i in range(3)) + "extra: 1\n"
    loaded = load_registry_text(after, "r.yaml")
    assert len(loaded.sites) == 3 and "unknown top-level field" in str(loaded.errors[0])
    flow = "schema_version: 1\nsites: [{id: pl-a, name: A, country: PL, homepage: https://a.pl/}]\n"
    assert registry_load._chunked_load(flow) is None
    assert [s.id for s in load_registry_text(flow, "r.yaml").sites] == ["pl-a"]
