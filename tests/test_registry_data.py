"""The bundled registry as data: evidence for every entry, one entry per domain, the reviewed
list imported (reproducibly), and the README's coverage table generated from it."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import tldextract

from clustercrawl.registry import DEFAULT_REGISTRY, is_http_url, load_registry

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "scripts" / "registry_sources.csv"
IMPORT = ROOT / "scripts" / "import_registry_sources.py"
COVERAGE = ROOT / "scripts" / "registry_coverage.py"
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def domain(url: str) -> str:
    parts = _EXTRACT(url)
    return (parts.top_domain_under_public_suffix or parts.domain).lower()


def test_registry_validates_and_every_entry_has_evidence() -> None:
    result = load_registry()
    assert result.errors == [], "\n".join(map(str, result.errors))
    assert result.skipped == []
    for site in result.sites:
        assert site.verified in ("page_seen", "crawled"), site.id
        assert site.evidence and is_http_url(site.evidence), site.id
        for urls in (site.news, site.events, site.feeds, site.sitemaps, site.wp_api):
            assert all(u.status == "seen" for u in urls), f"{site.id}: a guessed URL"


def test_no_two_entries_share_a_registered_domain_unless_sections() -> None:
    sites = load_registry().sites
    ids = {s.id for s in sites}
    owners: dict[str, str] = {}
    for site in sites:
        if site.section_of is not None:
            assert site.section_of in ids, f"{site.id}: section_of names no entry"
            continue
        key = domain(site.homepage)
        assert key not in owners, f"{site.id} and {owners[key]} share {key}"
        owners[key] = site.id


def test_every_reviewed_row_is_in_the_registry() -> None:
    with SOURCES.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    by_domain = {domain(s.homepage): s for s in load_registry().sites}
    for row in rows:
        site = by_domain.get(domain(row["homepage"]))
        assert site is not None, row
        assert site.evidence, row


def test_import_is_current_and_idempotent(tmp_path: Path) -> None:
    check = subprocess.run([sys.executable, str(IMPORT), "--prune", "--check"],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
    registry = tmp_path / "registry.yaml"
    shutil.copy(DEFAULT_REGISTRY, registry)
    again = subprocess.run([sys.executable, str(IMPORT), "--prune", "--registry", str(registry)],
                           capture_output=True, text=True, check=True)
    assert "0 change(s)" in again.stdout
    assert registry.read_bytes() == DEFAULT_REGISTRY.read_bytes()


def test_import_adds_a_new_row_once_and_keeps_comments(tmp_path: Path) -> None:
    registry = tmp_path / "registry.yaml"
    registry.write_text(
        "# my comment\nschema_version: 1\nsites:\n"
        "  - id: pl-existing  # keep me\n    name: Existing\n    country: PL\n"
        "    homepage: https://www.klaster.example.pl/\n"
        "    feeds: [{url: https://www.klaster.example.pl/feed/, status: guessed}]\n", "utf-8")
    sources = tmp_path / "sources.csv"
    sources.write_text(
        "name,homepage,country,evidence,type,languages\n"
        "Same domain,https://news.klaster.example.pl/,PL,https://news.klaster.example.pl/a,cmo,pl\n"
        "Norsk klynge,https://klynge.example.no/,NO,https://klynge.example.no/om,cmo,no;en\n"
        "Клъстер Пример,https://primer.example.bg/,BG,https://primer.example.bg/za-nas,cmo,bg\n",
        "utf-8")
    args = [sys.executable, str(IMPORT), "--prune", "--registry", str(registry),
            "--sources", str(sources)]
    first = subprocess.run(args, capture_output=True, text=True, check=True)
    assert "added no-norsk-klynge" in first.stdout
    assert "added bg-example " in first.stdout  # no Latin letters in the name: id from the domain
    assert "pl-existing: evidence from line 2" in first.stdout
    text = registry.read_text("utf-8")
    assert "# my comment" in text and "# keep me" in text
    assert "guessed" not in text
    loaded = load_registry(registry)
    assert loaded.errors == []
    sites = {s.id: s for s in loaded.sites}
    assert sites["no-norsk-klynge"].country == "NO"  # quoted: PyYAML would read NO as false
    assert sites["no-norsk-klynge"].languages == ("no", "en")
    assert sites["no-norsk-klynge"].timezone == "Europe/Oslo"
    assert sites["pl-existing"].evidence == "https://news.klaster.example.pl/a"
    second = subprocess.run(args, capture_output=True, text=True, check=True)
    assert "0 change(s)" in second.stdout
    assert registry.read_text("utf-8") == text


def test_import_names_a_bad_row(tmp_path: Path) -> None:
    sources = tmp_path / "sources.csv"
    sources.write_text("name,homepage,country,evidence,type,languages\n"
                       "X,https://x.example/,XQ,https://x.example/a,cmo,pl\n", "utf-8")
    run = subprocess.run([sys.executable, str(IMPORT), "--sources", str(sources), "--check"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 2
    assert "sources.csv:2" in run.stderr and "XQ" in run.stderr


def test_readme_coverage_table_matches_the_registry() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import registry_coverage  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    printed = subprocess.run([sys.executable, str(COVERAGE)], capture_output=True, text=True,
                             check=True).stdout
    readme = (ROOT / "README.md").read_text("utf-8")
    assert registry_coverage.readme_block(readme) == printed, (
        "README.md coverage table is stale: python scripts/registry_coverage.py --update-readme")
    assert f"| **{len(load_registry().sites)}** |" in printed
