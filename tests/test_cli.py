"""The ``clustercrawl`` command: one page's item as JSON, registry checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clustercrawl.cli import main
from clustercrawl.fetch.resolver import is_localhost_name

PAGE = """<!DOCTYPE html><html lang="de"><head><title>Clustertreffen in Köln – Cluster Test</title>
<meta property="article:published_time" content="2025-03-04T09:00:00+01:00"></head><body>
<article><h1>Clustertreffen in Köln</h1><p>Das nächste Clustertreffen findet vom 3.-5. Juni 2025
in Köln statt. Mitglieder und Partner sind herzlich eingeladen, sich bis Ende Mai anzumelden
und ihre Projekte im Rahmen der Ausstellung vorzustellen.</p></article></body></html>"""


def test_extract_file_prints_the_item(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, "utf-8")
    assert main(["extract", str(page), "--url", "https://cluster.example/treffen/",
                 "--language", "de", "--timezone", "Europe/Berlin"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["title"] == "Clustertreffen in Köln"
    assert out["published"]["value"].startswith("2025-03-04")
    assert (out["event"]["start"], out["event"]["end"]) == ("2025-06-03", "2025-06-05")
    assert out["event"]["location"]["city"] == "Cologne"


def test_extract_missing_file_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "/nonexistent/page.html"]) == 2
    assert "/nonexistent/page.html" in capsys.readouterr().err


def test_registry_check_names_file_entry_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reg = tmp_path / "sites.yaml"
    reg.write_text("schema_version: 1\nsites:\n"
                   "  - {id: pl-ok, name: OK, country: PL, homepage: 'https://ok.example/'}\n"
                   "  - {id: pl-bad, name: Bad, country: PL, homepage: 'not a url'}\n", "utf-8")
    assert main(["registry", str(reg)]) == 1
    captured = capsys.readouterr()
    assert "sites.yaml" in captured.err and "pl-bad" in captured.err and "homepage" in captured.err
    assert "1 sites ok" in captured.out


def test_bundled_registry_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["registry"]) == 0
    assert "0 errors" in capsys.readouterr().out


@pytest.mark.parametrize(("name", "loopback"), [
    ("localhost", True), ("klaster.localhost", True), ("www.a.b.localhost.", True),
    ("localhost.example.org", False), ("notlocalhost", False), ("example.org", False),
])
def test_localhost_names(name: str, loopback: bool) -> None:
    assert is_localhost_name(name) is loopback
