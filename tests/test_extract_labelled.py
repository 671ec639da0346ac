"""Per-field accuracy of extract_post on labelled posts: post type, publication date and the
event fields, in nine languages.

Two sets: hand-written posts (tests/data/extract/posts_labelled.yaml, rendered here into
pages of a few CMS-like templates) and every post of the demo web (seed 2014, rendered by
the demo web itself, with its ground truth). The test prints the accuracy of each field and
fails when one falls below its pinned floor.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
import yaml

from clustercrawl.demoweb import generate
from clustercrawl.extract import extract_post
from tests.test_extract_post import check_schema

DATA = Path(__file__).parent / "data" / "extract"
POSTS: list[dict[str, Any]] = yaml.safe_load(
    (DATA / "posts_labelled.yaml").read_text(encoding="utf-8"))
HELDOUT: list[dict[str, Any]] = yaml.safe_load(
    (DATA / "posts_heldout.yaml").read_text(encoding="utf-8"))

ZONES = {"pl": "Europe/Warsaw", "cs": "Europe/Prague", "sk": "Europe/Bratislava",
         "de": "Europe/Berlin", "fr": "Europe/Paris", "es": "Europe/Madrid", "it": "Europe/Rome",
         "en": "Europe/Brussels", "nl": "Europe/Amsterdam"}
BYLINE_LABEL = {"pl": "Opublikowano:", "cs": "Publikováno", "sk": "Publikované", "de": "",
                "fr": "Publié le", "es": "Publicado el", "it": "Pubblicato il", "en": "Posted on",
                "nl": "Gepubliceerd op"}
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


# ---------------------------------------------------------------------------- rendering


def _byline(post: dict[str, Any]) -> str:
    day = date.fromisoformat(str(post["published"]))
    written = (f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}" if post["lang"] == "en"
               else f"{day.day:02d}.{day.month:02d}.{day.year}")
    return f'<p class="date">{BYLINE_LABEL[post["lang"]]} {written}</p>'


def _calendar_link(post: dict[str, Any]) -> str:
    event = post["event"]
    start = date.fromisoformat(str(event["start"]))
    end = date.fromisoformat(str(event["end"]))
    dates = f"{start:%Y%m%d}/{date.fromordinal(end.toordinal() + 1):%Y%m%d}"
    href = ("https://calendar.google.com/calendar/render?action=TEMPLATE"
            f"&text={quote(post['title'])}&dates={dates}&location={quote(event['city'] or '')}")
    return f'<p><a href="{html.escape(href)}">Add to Google Calendar</a></p>'


def render(post: dict[str, Any]) -> str:
    """A page in the style of the post's CMS template, the date where ``date_in`` says."""
    title = html.escape(post["title"])
    paragraphs = "".join(f"<p>{html.escape(line)}</p>"
                         for line in post["body"].strip().splitlines())
    paragraphs += "".join(f'<p><a href="{html.escape(url)}">{html.escape(text)}</a></p>'
                          for text, url in post.get("links", []))
    if post.get("calendar") == "google":
        paragraphs += _calendar_link(post)
    head = [f"<title>{title} – Cluster</title>", '<meta charset="utf-8">']
    date_in = post["date_in"]
    if date_in == "meta":
        head.append('<meta property="og:type" content="article">'
                    f'<meta property="article:published_time" '
                    f'content="{post["published"]}T09:30:00+01:00">')
    if date_in == "jsonld":
        head.append('<script type="application/ld+json">' + json.dumps(
            {"@context": "https://schema.org", "@type": "NewsArticle", "headline": post["title"],
             "datePublished": str(post["published"])}) + "</script>")
    for topic in post.get("topics", []):
        head.append(f'<meta property="article:section" content="{html.escape(topic)}">')
    byline = _byline(post) if date_in == "byline" else ""
    nav = '<nav><ul><li><a href="/">Home</a></li><li><a href="/news/">News</a></li></ul></nav>'
    template = post["template"]
    if template == "wp":
        main = (f'<article class="post type-post"><header class="entry-header"><h1 '
                f'class="entry-title">{title}</h1>{byline}</header><div class="entry-content">'
                f"{paragraphs}</div></article>")
        body_class = "single single-post postid-12"
    elif template == "joomla":
        main = (f'<div class="item-page"><div class="page-header"><h2 itemprop="headline">'
                f'{title}</h2></div><dl class="article-info"><dd class="published">'
                f'{byline}</dd></dl><div itemprop="articleBody">{paragraphs}</div></div>')
        body_class = "site com_content view-article"
    elif template == "drupal":
        main = (f'<article class="node node--type-article"><h1>{title}</h1>{byline}'
                f'<div class="field field--name-body">{paragraphs}</div></article>')
        body_class = "page-node-type-article"
    elif template == "typo3":
        main = (f'<div class="news news-single"><div class="header"><h1>{title}</h1></div>'
                f'{byline}<div class="news-text-wrap">{paragraphs}</div></div>')
        body_class = ""
    elif template == "php":
        main = (f'<table><tr><td class="contenuto"><h1>{title}</h1>{byline}{paragraphs}'
                f"</td></tr></table>")
        body_class = ""
    else:
        main = f'<div id="content"><h1>{title}</h1>{byline}{paragraphs}</div>'
        body_class = ""
    return (f'<!DOCTYPE html><html lang="{post["lang"]}"><head>{"".join(head)}</head>'
            f'<body class="{body_class}"><header><div class="logo">Cluster</div>{nav}</header>'
            f"<main>{main}</main><footer><p>© 2025 Cluster</p></footer></body></html>")


# ---------------------------------------------------------------------------- scoring


def _day(value: object) -> str | None:
    return str(value)[:10] if value else None


class Tally:
    """Hits and totals per field."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.totals: Counter[str] = Counter()
        self.misses: list[str] = []

    def check(self, field: str, ok: bool, detail: str = "") -> None:
        self.totals[field] += 1
        self.hits[field] += ok
        if not ok:
            self.misses.append(f"{field}: {detail}")

    def accuracy(self, field: str) -> float:
        return self.hits[field] / self.totals[field] if self.totals[field] else 1.0

    def table(self, name: str) -> str:
        rows = [f"{name}: per-field accuracy"]
        rows += [f"  {f:20s} {self.hits[f]:4d}/{self.totals[f]:<4d} = {self.accuracy(f):.3f}"
                 for f in self.totals]
        return "\n".join(rows)


def _norm(text: object) -> str:
    return " ".join(str(text or "").casefold().replace(",", " ").split())


def score_handwritten(posts: list[dict[str, Any]]) -> Tally:
    tally = Tally()
    for post in posts:
        out = extract_post(render(post), post["url"], timezone=ZONES[post["lang"]])
        check_schema(out)
        pid = post["id"]
        tally.check("title", out["title"] == post["title"], f"{pid} {out['title']!r}")
        tally.check("language", out["language"] == post["lang"], f"{pid} {out['language']}")
        tally.check("published", _day(out["published"]["value"]) == _day(post["published"]),
                    f"{pid} {out['published']}")
        tally.check("post_type", out["post_type"] == post["type"],
                    f"{pid} {out['post_type']} != {post['type']}")
        want, got = post["event"], out["event"]
        tally.check("is_event", (got is not None) == (want is not None), f"{pid} {got}")
        if not want:
            continue
        got = got or {}
        location = got.get("location") or {}
        tally.check("event_dates", (_day(got.get("start")), _day(got.get("end"))) == (
            str(want["start"]), str(want["end"])), f"{pid} {got.get('start')}..{got.get('end')}")
        tally.check("event_city", location.get("city") == want["city"],
                    f"{pid} {location.get('city')} != {want['city']}")
        tally.check("event_attendance", got.get("attendance") == want["attendance"],
                    f"{pid} {got.get('attendance')} != {want['attendance']}")
        tally.check("event_status", got.get("status") == want["status"],
                    f"{pid} {got.get('status')} != {want['status']}")
        tally.check("event_date_conflict", got.get("date_conflict") == want.get("conflict", False),
                    f"{pid} {got.get('date_conflict')}")
        if "venue" in want:
            tally.check("event_venue", _norm(location.get("venue")) == _norm(want["venue"]),
                        f"{pid} {location.get('venue')!r}")
        if "organizers" in want:
            tally.check("event_organizers", [_norm(o) for o in got.get("organizers", [])] == [
                _norm(o) for o in want["organizers"]], f"{pid} {got.get('organizers')}")
        if "deadline" in want:
            reg = got.get("registration") or {}
            tally.check("event_deadline", _day(reg.get("deadline")) == str(want["deadline"]),
                        f"{pid} {reg}")
    return tally


def score_demoweb() -> Tally:
    web = generate(seed=2014)
    port = 8000
    truth = web.ground_truth(port)
    zones = {s.id: s.timezone for s in web.sites}
    tally = Tally()
    for post in truth["posts"]:
        parts = urlsplit(post["url"])
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        response = web.respond(parts.hostname or "", target, port)
        charset = response.content_type.partition("charset=")[2] or "utf-8"
        out = extract_post(response.body.decode(charset, "replace"), post["url"],
                           timezone=zones[post["site_id"]])
        url = post["url"]
        tally.check("title", out["title"] == post["title"], url)
        tally.check("language", out["language"] == post["language"], url)
        tally.check("published", _day(out["published"]["value"]) == post["published"], url)
        tally.check("post_type", out["post_type"] == post["post_type"],
                    f"{url} {out['post_type']} != {post['post_type']}")
        want, got = post["event"], out["event"]
        tally.check("is_event", (got is not None) == (want is not None), url)
        if want:
            got = got or {}
            tally.check("event_dates", (_day(got.get("start")), _day(got.get("end"))) == (
                want["start"], want["end"]), url)
            tally.check("event_city", (got.get("location") or {}).get("city") == want["city"],
                        f"{url} {(got.get('location') or {}).get('city')} != {want['city']}")
            tally.check("event_date_conflict", got.get("date_conflict") == want["date_conflict"],
                        url)
    return tally


# measured: see the closing report of issue 3; floors sit a little below
# measured (see the closing report of issue 3) minus a little: the development set was
# written alongside the extractor, so it is near perfect; the held-out set is the honest one
HANDWRITTEN_FLOORS = {
    "title": 1.0, "language": 1.0, "published": 0.97, "post_type": 0.97, "is_event": 0.97,
    "event_dates": 0.96, "event_city": 0.96, "event_attendance": 0.96, "event_status": 0.96,
    "event_date_conflict": 0.96, "event_venue": 0.88, "event_organizers": 0.99,
    "event_deadline": 0.99,
}
HELDOUT_FLOORS = {
    "title": 1.0, "language": 1.0, "published": 0.97, "post_type": 0.83, "is_event": 0.91,
    "event_dates": 0.88, "event_city": 0.83, "event_attendance": 0.83, "event_status": 0.88,
    "event_date_conflict": 0.88, "event_deadline": 0.99,
}
DEMOWEB_FLOORS = {
    "title": 1.0, "language": 0.99, "published": 0.99, "post_type": 0.99, "is_event": 0.99,
    "event_dates": 0.99, "event_city": 0.98, "event_date_conflict": 0.99,
}


def _check(tally: Tally, floors: dict[str, float], name: str,
           capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print("\n" + tally.table(name))
    low = {f: round(tally.accuracy(f), 3) for f, floor in floors.items()
           if tally.accuracy(f) < floor}
    assert not low, f"{low}\n" + "\n".join(tally.misses)


def test_set_sizes() -> None:
    languages = Counter(p["lang"] for p in POSTS)
    assert len(POSTS) >= 60 and len(languages) >= 9
    assert {p["type"] for p in POSTS} == {"news", "event_announcement", "event_report", "call",
                                          "member_news", "job", "project_news",
                                          "press_release", "other"}
    truth = generate(seed=2014).ground_truth(8000)
    assert len(truth["posts"]) + len(POSTS) + len(HELDOUT) >= 150
    assert len({p["language"] for p in truth["posts"]} | set(languages)) >= 6


def test_handwritten_accuracy_per_field(capsys: pytest.CaptureFixture[str]) -> None:
    _check(score_handwritten(POSTS), HANDWRITTEN_FLOORS, f"hand-written posts ({len(POSTS)})",
           capsys)


def test_heldout_accuracy_per_field(capsys: pytest.CaptureFixture[str]) -> None:
    _check(score_handwritten(HELDOUT), HELDOUT_FLOORS, f"held-out posts ({len(HELDOUT)})",
           capsys)


def test_demoweb_accuracy_per_field(capsys: pytest.CaptureFixture[str]) -> None:
    _check(score_demoweb(), DEMOWEB_FLOORS, "demo web posts (seed 2014)", capsys)

