"""Site registry: the default registry is valid and faithful to the seed; bad entries are named."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from clustercrawl.registry import (
    DEFAULT_REGISTRY,
    SKIP_NO_HOMEPAGE,
    RegistryError,
    RegistryFileError,
    Site,
    SiteOverrides,
    SiteUrl,
    default_timezone,
    load_registry,
    load_registry_text,
    select_sites,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "registry" / "cluster-sites.yaml"
SCRIPT = ROOT / "scripts" / "import_shared_registry.py"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason="shared seed registry not present")


def load(body: str, name: str = "test.yaml") -> tuple[list[Site], list[RegistryError]]:
    """Load a registry whose ``sites`` list is ``body`` (dedented YAML list items)."""
    result = load_registry_text("schema_version: 1\nsites:\n" + textwrap.dedent(body), name)
    return result.sites, result.errors


GOOD = """\
  - id: good-site
    name: Good Site
    country: PL
    homepage: https://good.example.pl/
"""


# ------------------------------------------------------------------ the default registry


def test_default_registry_loads_without_errors() -> None:
    result = load_registry()
    assert result.errors == [], "\n".join(map(str, result.errors))
    assert result.ok
    assert result.path == str(DEFAULT_REGISTRY)
    assert len(result.sites) >= 50
    assert all(reason == SKIP_NO_HOMEPAGE for _, reason in result.skipped)
    entries = yaml.safe_load(DEFAULT_REGISTRY.read_text(encoding="utf-8"))["sites"]
    assert len(result.sites) + len(result.skipped) == len(entries)
    ids = [s.id for s in result.sites]
    assert len(ids) == len(set(ids))


@needs_seed
def test_default_registry_keeps_every_seed_entry_that_has_evidence() -> None:
    """The seed's entries with a page seen are all still there, facts unchanged; its guessed
    feed/news URLs are gone (discovery finds channels); entries with no evidence were dropped."""
    seed = yaml.safe_load(SEED.read_text(encoding="utf-8"))["sites"]
    loaded = {s.id: s for s in load_registry().sites}
    for entry in seed:
        if entry["id"] not in loaded:
            assert not entry.get("evidence"), entry["id"]
            continue
        site = loaded[entry["id"]]
        assert (site.name, site.country, site.homepage) == (
            entry["name"], entry["country"], entry["homepage"])
        assert site.type == entry["type"]
        assert site.evidence == (entry.get("evidence") or site.evidence)
        for urls in (site.news, site.events, site.feeds, site.sitemaps):
            assert all(u.status == "seen" for u in urls), site.id


@needs_seed
def test_seed_import_script_is_deterministic(tmp_path: Path) -> None:
    out1, out2 = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for out in (out1, out2):
        subprocess.run([sys.executable, str(SCRIPT), str(SEED), str(out)], check=True)
    assert out1.read_bytes() == out2.read_bytes()
    assert load_registry(out1).errors == []


def test_import_script_refuses_unknown_seed_fields(tmp_path: Path) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text("sites:\n  - {id: x, name: X, country: PL, homepage: null, fax: 1}\n")
    run = subprocess.run(
        [sys.executable, str(SCRIPT), str(seed), str(tmp_path / "out.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "fax" in run.stderr


def test_default_registry_known_entry() -> None:
    sites = {s.id: s for s in load_registry().sites}
    site = sites["pl-bydgoski-klaster-przemyslowy"]
    assert site.homepage == "https://klaster.bydgoszcz.pl/"
    assert site.timezone == "Europe/Warsaw"
    assert site.feeds == ()  # the seed's guessed /feed/ was dropped
    assert site.cms == "wordpress"
    assert site.evidence == "https://klaster.bydgoszcz.pl/europejska-konferencja-klastrow/"
    assert sites["eu-eccp"].timezone == "Europe/Brussels"
    assert sites["fr-minalogic"].verified == "page_seen"  # evidence from the reviewed list
    assert sites["fr-minalogic"].evidence == "https://www.minalogic.com/opportunites-de-cooperation/"


# ------------------------------------------------------------------ valid entries


def test_minimal_entry_gets_defaults() -> None:
    sites, errors = load(GOOD)
    assert errors == []
    (site,) = sites
    assert site == Site(
        id="good-site",
        name="Good Site",
        country="PL",
        languages=(),
        homepage="https://good.example.pl/",
        timezone="Europe/Warsaw",
    )
    assert site.language is None
    assert site.overrides == SiteOverrides()


def test_full_entry() -> None:
    sites, errors = load(
        """\
        - id: full
          name: Full
          country: de
          languages: [de, EN]
          homepage: https://full.example.de/
          timezone: Europe/Berlin
          type: association
          cms: typo3
          cms_evidence: tx_news paths
          news: [https://full.example.de/news/]
          events: [{url: https://full.example.de/termine/, status: derived}]
          feeds: [{url: https://full.example.de/rss.xml, status: guessed}]
          sitemaps: [https://full.example.de/sitemap.xml]
          verified: demo
          evidence: https://full.example.de/about
          notes: a note
          overrides:
            page_budget: 200
            max_listing_pages: 50
            channels: [wp_api, feed, sitemap, listing, link]
            date_order: dmy
            fetch_pages: true
            robots_obey: false
        """
    )
    assert errors == []
    (site,) = sites
    assert site.country == "DE"
    assert site.languages == ("de", "en")
    assert site.language == "de"
    assert site.news == (SiteUrl("https://full.example.de/news/", "seen"),)
    assert site.events == (SiteUrl("https://full.example.de/termine/", "derived"),)
    assert site.feeds[0].status == "guessed"
    assert site.sitemaps[0].status == "seen"
    assert site.overrides == SiteOverrides(
        page_budget=200,
        max_listing_pages=50,
        channels=("wp_api", "feed", "sitemap", "listing", "link"),
        date_order="DMY",
        fetch_pages=True,
        robots_obey=False,
    )
    assert (site.evidence, site.notes, site.cms_evidence) == (
        "https://full.example.de/about",
        "a note",
        "tx_news paths",
    )


@pytest.mark.parametrize(
    ("country", "zone"),
    [("PL", "Europe/Warsaw"), ("DE", "Europe/Berlin"), ("ES", "Europe/Madrid"),
     ("EU", "Europe/Brussels"), ("INT", "Europe/Brussels"), ("UA", "Europe/Kyiv")],
)  # fmt: skip
def test_default_timezone(country: str, zone: str) -> None:
    assert default_timezone(country) == zone


def test_null_homepage_is_skipped_not_an_error() -> None:
    result = load_registry_text(
        "sites:\n"
        "  - {id: nohome, name: No Home, country: PL, homepage: null, verified: not_found}\n"
        "  - {id: nohome2, name: No Home 2, country: PL, homepage: null, verified: guessed}\n"
        + GOOD,
        "t.yaml",
    )
    assert result.errors == []
    assert [s.id for s in result.sites] == ["good-site"]
    assert result.skipped == [("nohome", SKIP_NO_HOMEPAGE), ("nohome2", SKIP_NO_HOMEPAGE)]


# ------------------------------------------------------------------ bad entries

BAD_CASES = [
    # (entry YAML, expected entry label, expected field, words expected in the message)
    ("{name: X, country: PL, homepage: https://x.pl/}", "#0", "id", "missing"),
    ("{id: x, country: PL, homepage: https://x.pl/}", "x", "name", "missing"),
    ("{id: x, name: X, homepage: https://x.pl/}", "x", "country", "missing"),
    ("{id: x, name: X, country: PL}", "x", "homepage", "missing"),
    ("{id: x, name: X, country: PL, homepage: 'x.pl'}", "x", "homepage", "http"),
    ("{id: x, name: X, country: PL, homepage: 'ftp://x.pl/'}", "x", "homepage", "http"),
    ("{id: x, name: X, country: PL, homepage: 'https://x.pl:99999/'}", "x", "homepage", "http"),
    ("{id: x, name: X, country: XX, homepage: https://x.pl/}", "x", "country", "unknown country"),
    ("{id: x, name: X, country: UK, homepage: https://x.pl/}", "x", "country", "GB"),
    ("{id: x, name: X, country: NO, homepage: https://x.no/}", "x", "country", "quote"),
    ("{id: x, name: X, country: PL, languages: [pl, xx], homepage: https://x.pl/}", "x",
     "languages[1]", "unknown language"),
    ("{id: x, name: X, country: PL, languages: pl, homepage: https://x.pl/}", "x",
     "languages", "list"),
    ("{id: x, name: X, country: PL, timezone: Europe/Warsow, homepage: https://x.pl/}", "x",
     "timezone", "IANA"),
    ("{id: Bad_Id, name: X, country: PL, homepage: https://x.pl/}", "Bad_Id", "id", "match"),
    ("{id: x, name: X, country: PL, homepage: https://x.pl/, hompage: y}", "x", "hompage",
     "unknown field"),
    ("{id: x, name: X, country: PL, homepage: https://x.pl/, type: club}", "x", "type", "club"),
    ("{id: x, name: X, country: PL, homepage: https://x.pl/, verified: yes}", "x", "verified",
     "page_seen"),
    ("{id: x, name: X, country: PL, homepage: https://x.pl/, news: [{url: 'https://x.pl/n',"
     " status: maybe}]}", "x", "news[0].status", "maybe"),
    ("{id: x, name: X, country: PL, homepage: https://x.pl/, news: [{url: 'https://x.pl/n',"
     " staus: seen}]}", "x", "news[0].staus", "unknown field"),
    ("{id: x, name: X, country: PL, homepage: https://x.pl/, feeds: ['/feed/']}", "x",
     "feeds[0]", "http"),
    ("{id: x, name: X, country: PL, homepage: https://x.pl/, overrides: {page_budget: many}}",
     "x", "overrides.page_budget", "whole number"),
    ("{id: x, name: X, country: PL, homepage: https://x.pl/, overrides: {page_budget: true}}",
     "x", "overrides.page_budget", "whole number"),
    ("{id: x, name: X, country: PL, homepage: https://x.pl/, overrides: {fetch_pages: 1}}",
     "x", "overrides.fetch_pages", "true or false"),
    ("{id: x, name: X, country: PL, homepage: https://x.pl/, overrides: {channels: [rss]}}",
     "x", "overrides.channels", "rss"),
    ("{id: x, name: X, country: PL, homepage: https://x.pl/, overrides: {date_order: DDMMYY}}",
     "x", "overrides.date_order", "DMY"),
    ("{id: x, name: X, country: PL, homepage: https://x.pl/, overrides: {budget: 3}}",
     "x", "overrides.budget", "unknown override"),
    ("{id: x, name: X, country: PL, homepage: https://x.pl/, overrides: [1]}",
     "x", "overrides", "mapping"),
    ("just-a-string", "#0", "(entry)", "mapping"),
]  # fmt: skip


@pytest.mark.parametrize(("entry", "label", "fieldname", "words"), BAD_CASES)
def test_bad_entry_is_named_and_others_still_load(
    entry: str, label: str, fieldname: str, words: str
) -> None:
    sites, errors = load(f"  - {entry}\n{GOOD}", "bad.yaml")
    assert [s.id for s in sites] == ["good-site"]
    assert errors, "expected an error"
    matching = [e for e in errors if e.field == fieldname]
    assert matching, [str(e) for e in errors]
    error = matching[0]
    assert error.file == "bad.yaml"
    assert error.entry == label
    assert words in error.message
    text = str(error)
    assert "bad.yaml:3" in text and label in text and fieldname in text


def test_duplicate_id_second_occurrence_is_the_error() -> None:
    sites, errors = load(
        """\
        - {id: dup, name: First, country: PL, homepage: https://a.pl/}
        - {id: dup, name: Second, country: PL, homepage: https://b.pl/}
        """
    )
    assert [s.name for s in sites] == ["First"]
    (error,) = errors
    assert (error.entry, error.field) == ("dup", "id")
    assert "duplicate" in error.message and "#0" in error.message
    assert error.line == 4


def test_duplicate_yaml_key_is_an_error() -> None:
    sites, errors = load(
        """\
        - id: twice
          name: Twice
          country: PL
          homepage: https://a.pl/
          homepage: https://b.pl/
        """
    )
    assert sites == []
    (error,) = errors
    assert (error.entry, error.field, error.line) == ("twice", "homepage", 7)
    assert "more than once" in error.message


def test_several_problems_in_one_entry_are_all_reported() -> None:
    _, errors = load("  - {id: x, name: X, country: ZZ, languages: [qq], homepage: nope}\n")
    assert {e.field for e in errors} == {"country", "languages[0]", "homepage"}


def test_unknown_top_level_field() -> None:
    result = load_registry_text("sitez: []\nsites:\n" + GOOD, "t.yaml")
    assert [s.id for s in result.sites] == ["good-site"]
    assert [(e.entry, e.field) for e in result.errors] == [("(file)", "sitez")]


# ------------------------------------------------------------------ unusable files


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("sites: [\n", "not valid YAML"),
        ("- a\n- b\n", "sites"),
        ("schema_version: 1\n", "sites"),
        ("sites: {a: 1}\n", "sites"),
        ("", "sites"),
        ("schema_version: 2\nsites: []\n", "schema_version"),
    ],
)
def test_unusable_file_raises(text: str, words: str) -> None:
    with pytest.raises(RegistryFileError) as info:
        load_registry_text(text, "broken.yaml")
    assert "broken.yaml" in str(info.value)
    assert words in str(info.value)


def test_missing_file_raises(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(RegistryFileError) as info:
        load_registry(missing)
    assert str(missing) in str(info.value)
    assert "cannot be read" in info.value.reason


def test_yaml_tags_are_not_constructed(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text("sites: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(RegistryFileError):
        load_registry(path)


# ------------------------------------------------------------------ selection


def _sites() -> list[Site]:
    sites, errors = load(
        """\
        - {id: pl-a, name: A, country: PL, homepage: https://a.pl/}
        - {id: de-b, name: B, country: DE, homepage: https://b.de/}
        - {id: pl-c, name: C, country: PL, homepage: https://c.pl/}
        """
    )
    assert errors == []
    return sites


def test_select_sites() -> None:
    sites = _sites()
    assert [s.id for s in select_sites(sites)] == ["pl-a", "de-b", "pl-c"]
    assert [s.id for s in select_sites(sites, country="pl")] == ["pl-a", "pl-c"]
    assert [s.id for s in select_sites(sites, ids=["pl-c", "de-b"])] == ["de-b", "pl-c"]
    assert [s.id for s in select_sites(sites, ids="pl-c,pl-a")] == ["pl-a", "pl-c"]
    assert [s.id for s in select_sites(sites, ids=["pl-a", "de-b"], country="DE")] == ["de-b"]
    assert select_sites(sites, country="FR") == []


def test_select_unknown_ids_raise() -> None:
    with pytest.raises(ValueError, match=r"nope.*other|other.*nope"):
        select_sites(_sites(), ids=["pl-a", "nope", "other"])


@pytest.mark.parametrize(
    "bad_id", ["../../etc/passwd", "a/b", "..", "x y", "Ünïcode", "a" * 90, ".hidden", "-lead"]
)
def test_ids_that_could_escape_a_folder_are_refused(bad_id: str) -> None:
    """Site ids may end up in file names; only [a-z0-9-] (not leading '-') pass."""
    sites, errors = load(
        f"""\
        - {{id: {json.dumps(bad_id)}, name: X, country: PL, homepage: https://x.pl/}}
        - {{id: pl-ok, name: OK, country: PL, homepage: https://ok.pl/}}
        """
    )
    assert [s.id for s in sites] == ["pl-ok"]
    assert [e.field for e in errors] == ["id"]
