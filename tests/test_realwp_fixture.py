"""The real-WordPress fixture's own rules: skip without the packages, fail in CI; content
labels that the scoring can trust."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.realwp import servers
from tests.realwp.web import load_content, provision_spec, render_body

SCHEMA_TYPES = {"news", "event_announcement", "event_report", "call", "member_news", "job",
                "project_news", "press_release", "other"}


def _no_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(servers, "_which", lambda name: None)
    monkeypatch.setattr(servers, "WORDPRESS", Path("/nonexistent/wordpress"))


def test_missing_packages_skip_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_packages(monkeypatch)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"mariadbd \(mariadb-server\).*apt-get install"):
        servers.require_wordpress()


def test_missing_packages_fail_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_packages(monkeypatch)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must install them"):
        servers.require_wordpress()


def test_content_is_enough_and_labelled() -> None:
    contents = load_content()
    assert {c.conf["language"] for c in contents} == {"pl", "de"}
    assert {c.conf["permalinks"] == "" for c in contents} == {True, False}
    event_sites: dict[str, set[str]] = {}
    stories: Counter[str] = Counter()
    for c in contents:
        published = [p for p in c.posts if p.get("status", "publish") == "publish"]
        assert len(published) >= 30, c.conf["host"]
        assert {p["editor"] for p in published} == {"block", "classic"}
        assert {p.get("status") for p in c.posts} >= {"draft", "private", "pending", "future",
                                                      "trash"}
        assert any(p.get("versions") for p in published), "an edited post (a revision)"
        assert len({p["slug"] for p in c.posts}) == len(c.posts)
        for p in published:
            label = p["label"]
            assert label["type"] in SCHEMA_TYPES, p["slug"]
            event = label.get("event")
            assert (event is not None) == label["type"].startswith("event_"), p["slug"]
            if event:
                assert str(event["start"]) <= str(event["end"]), p["slug"]
                event_sites.setdefault(event["key"], set()).add(c.conf["language"])
            if label.get("story"):
                stories[label["story"]] += 1
    assert any(len(langs) == 2 for langs in event_sites.values()), "one event on both sites"
    assert stories and all(n >= 2 for n in stories.values()), "reposts under a new URL"


def test_block_and_classic_bodies() -> None:
    assert render_body("a & b\n\nc", "classic") == "a &amp; b\n\nc"
    block = render_body("one\ntwo\n\nthree", "block")
    assert block.count("<!-- wp:paragraph -->") == 2 and "<p>one two</p>" in block
    spec = provision_spec(load_content()[0])
    assert {p["type"] for p in spec["posts"]} == {"post", "page"}
    assert all(len(p["date"]) == 19 for p in spec["posts"])
