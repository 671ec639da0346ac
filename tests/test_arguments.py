"""``scrapy crawl clusters -a ...``: every user mistake is one line naming the argument or file
and what is allowed, with exit status 2 and no traceback; right arguments crawl."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from clustercrawl.spiders.arguments import (
    ArgumentError,
    open_registry,
    parse_arguments,
    parse_country,
    select,
)
from tests.conftest import ROOT, TEST_CRAWL_SETTINGS, read_run


def scrapy_crawl(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "clusters",
           "-s", f"CLUSTERCRAWL_OUTPUT_DIR={tmp / 'out'}"]
    for k, v in TEST_CRAWL_SETTINGS.items():
        cmd += ["-s", f"{k}={v}"]
    return subprocess.run([*cmd, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONUNBUFFERED": "1"}, check=False)


MISTAKES = [
    (["-a", "contry=PL"], "-a contry: unknown argument (did you mean country?)"),
    (["-a", "country=XX"], "-a country=XX: not a country"),
    (["-a", "country=Iceland"], "-a country: no site of IS (Iceland)"),
    (["-a", "sites=nope"], "-a sites: no site 'nope'"),
    (["-a", "channels=rss"], "unknown channel 'rss' (did you mean feed?); channels: wp_api, feed, "
     "sitemap, listing, link"),
    (["-a", "max_posts=abc"], "-a max_posts=abc: not a whole number"),
    (["-a", "registry=/nonexistent/sites.yaml"], "/nonexistent/sites.yaml: cannot be read"),
]


@pytest.mark.parametrize(("args", "message"), MISTAKES, ids=[m[1][:30] for m in MISTAKES])
def test_a_mistake_is_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    r = scrapy_crawl(tmp_path, *args)
    assert r.returncode == 2, r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith("scrapy crawl clusters: ") and message in last
    assert not (tmp_path / "out" / "runs").exists()  # nothing was crawled


def test_a_broken_registry_is_one_line(tmp_path: Path) -> None:
    reg = tmp_path / "broken.yaml"
    reg.write_text("sites: [unclosed\n", "utf-8")
    r = scrapy_crawl(tmp_path, "-a", f"registry={reg}")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    last = r.stderr.strip().splitlines()[-1]
    assert str(reg) in last and "not valid YAML" in last


@pytest.mark.parametrize(("spargs", "message"), [
    ({"max_post": "3"}, "-a max_post: unknown argument (did you mean max_posts?)"),
    ({"country": "Icelnd"}, "(did you mean Iceland?)"),
    ({"country": "PL,Narnia"}, "-a country=PL,Narnia: 'Narnia' is not a country; give"),
    ({"full": "maybe"}, "-a full=maybe: give 1 (yes) or 0 (no)"),
    ({"max_posts": "-2"}, "-a max_posts=-2: not a whole number"),
    ({"sites": "pl-klaster-ltp"}, "(did you mean pl-klaster-ltpp?)"),
])
def test_more_mistakes_in_process(spargs: dict[str, str], message: str) -> None:
    """The same checks the command runs (clustercrawl.commands.crawl.check_arguments)."""
    with pytest.raises(ArgumentError) as info:
        select(open_registry(None), parse_arguments(spargs))
    assert message in str(info.value) and "\n" not in str(info.value)


def test_argument_parsing_accepts_names_and_codes() -> None:
    assert parse_country("Poland") == parse_country("pl") == parse_country("POL") == "PL"
    assert parse_country("UK") == "GB" and parse_country("EU") == "EU"
    both = parse_arguments({"country": "Poland, cz,PL"})
    assert both.country == "PL,CZ"
    assert {s.country for s in select(open_registry(None), both)} == {"PL", "CZ"}
    args = parse_arguments({"sites": "a, b", "channels": "feed,wp_api", "max_posts": "0",
                            "full": "yes"})
    assert args.sites == ["a", "b"] and args.max_posts is None and args.full
    with pytest.raises(ArgumentError, match="give one or more of: wp_api, feed"):
        parse_arguments({"channels": ""})


@pytest.mark.e2e
def test_country_by_name_and_csv_feed_with_json_cells(
    tmp_path: Path, demo_web: Any, demo_server: Any
) -> None:
    """``-a country=Poland`` crawls the Polish demo site only; ``-O x.csv`` writes nested
    fields as JSON (clustercrawl.export.csvfeed), not Python reprs."""
    registry = tmp_path / "registry.yaml"
    registry.write_text(demo_web.registry_yaml(demo_server.port), "utf-8")
    out_csv = tmp_path / "posts.csv"
    r = scrapy_crawl(tmp_path, "-a", f"registry={registry}", "-a", "country=Poland",
                     "-a", "max_posts=5", "-O", str(out_csv))
    assert r.returncode == 0, r.stderr[-3000:]
    items, manifest = read_run(tmp_path / "out")
    assert [s["site_id"] for s in manifest["sites"]] == ["pl-demo-klaster-innowacji"]
    assert manifest["options"]["country"] == "PL"
    with out_csv.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(items) > 0
    for row in rows:
        assert isinstance(json.loads(row["published"]), dict)  # not "{'value': ...}"
        assert isinstance(json.loads(row["cluster"]), dict)
        assert isinstance(json.loads(row["topics"]), list)
        if row["event"]:  # an object; an undated event has a null start, a dated one a day
            event = json.loads(row["event"])
            assert isinstance(event, dict) and "start" in event
            assert event["start"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", event["start"])


def test_every_schema_field_is_described() -> None:
    schema = json.loads((ROOT / "clustercrawl" / "data" / "post.schema.json").read_text("utf-8"))
    missing: list[str] = []

    def walk(node: Any, path: str) -> None:
        if not isinstance(node, dict):
            return
        for name, sub in (node.get("properties") or {}).items():
            if not sub.get("description"):
                missing.append(f"{path}.{name}")
            walk(sub, f"{path}.{name}")
        for key in ("oneOf", "anyOf"):
            for sub in node.get(key, []):
                walk(sub, path)
        walk(node.get("items"), f"{path}[]")

    walk(schema, "")
    assert not missing, f"fields without a description: {missing}"
    assert len(schema["properties"]) == 28
