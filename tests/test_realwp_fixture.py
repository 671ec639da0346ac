"""The real-WordPress fixture's own rules: skip without the packages, fail in CI; content
labels that the scoring can trust."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.realwp import servers
from tests.realwp.scoring import score
from tests.realwp.web import TruthPost, load_content, provision_spec, render_body

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


def _post(n: int, slug: str, label: dict[str, object], site: str = "pl") -> TruthPost:
    return TruthPost(site_id=site, id=n, slug=slug, url=f"http://{site}-wp.localhost:1/{slug}/",
                     title=f"Title {n}", date="2026-01-01 10:00:00",
                     date_gmt="2026-01-01 09:00:00", categories=["News"], label=label)


def _item(post: TruthPost, **fields: object) -> dict[str, object]:
    item: dict[str, object] = {
        "url": post.url, "alias_urls": [], "title": post.title,
        "published": {"value": "2026-01-01T10:00:00+01:00"}, "topics": ["News", "Extra"],
        "post_type": post.label["type"], "event": None, "story_id": f"s{post.id}",
        "event_id": None,
    }
    return {**item, **fields}


def test_scoring_catches_leaks_misses_and_wrong_groups() -> None:
    event = {"start": "2026-05-20", "end": "2026-05-21", "city": "Wrocław", "key": "forum"}
    truth = [
        _post(1, "a", {"type": "news", "story": "pr"}),
        _post(2, "b", {"type": "news", "story": "pr"}),
        _post(3, "c", {"type": "event_announcement", "event": event}),
        _post(4, "d", {"type": "event_report", "event": event}),
        _post(5, "e", {"type": "news"}),
    ]
    hidden = [{"id": 9, "type": "post", "status": "draft", "title": "Secret draft",
               "url": "http://pl-wp.localhost:1/?p=9", "permalink": None}]
    ev = {"start": "2026-05-20", "end": "2026-05-21", "location": {"city": "Wrocław"}}
    items = [
        _item(truth[0], story_id="S"),
        _item(truth[1], story_id="S", url="http://pl-wp.localhost:1/?p=2"),  # by its ?p= alias
        _item(truth[2], event=ev, event_id="E"),
        _item(truth[3], event={**ev, "end": "2026-05-22"}, event_id="F",
              published={"value": "2026-01-01T10:00:00+00:00"}),
        _item(truth[4], title="Title 5 – edited", story_id="S", event_id="E", topics=[]),
        {**_item(truth[4]), "url": "http://pl-wp.localhost:1/?p=9", "title": "x"},  # a leak
        {**_item(truth[4]), "url": "http://pl-wp.localhost:1/elsewhere/"},  # not a post
    ]
    s = score(items, truth, hidden)
    assert (s.found, s.missing, s.duplicates) == (5, [], 0)
    assert len(s.hidden_seen) == 1 and "draft" in s.hidden_seen[0]
    assert s.extra == ["http://pl-wp.localhost:1/elsewhere/"]
    f = s.figures()
    assert f["titles"] == 0.8 and f["published"] == 0.8 and f["categories"] == 0.8
    assert f["event_ranges"] == 0.5 and f["event_cities"] == 1.0
    # stories: 1 true pair (a, b); predicted a-b, a-e, b-e -> precision 1/3, recall 1
    assert (s.stories.both, s.stories.predicted, s.stories.true) == (1, 3, 1)
    # events: true pair (c, d) missed; c-e predicted together wrongly
    assert (s.events.both, s.events.predicted, s.events.true) == (0, 1, 1)
    assert f["event_precision"] == 0.0 and f["event_recall"] == 0.0
    # a draft's title in the output counts as a leak even under an unknown URL
    leak = {**_item(truth[4]), "url": "http://pl-wp.localhost:1/new/", "title": "Secret draft"}
    assert score([leak], truth, hidden).hidden_seen
