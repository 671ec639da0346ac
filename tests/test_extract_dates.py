"""Tests of publication-date parsing and page date sources (clustercrawl.extract.dates)."""

from __future__ import annotations

from datetime import date

import pytest

from clustercrawl.extract.daterange import find_date_ranges
from clustercrawl.extract.dates import (
    days_of,
    htmldate_guess,
    labelled_date,
    parse_date_value,
    time_element_date,
)
from clustercrawl.extract.dom import parse_html
from clustercrawl.extract.meta import url_date
from clustercrawl.extract.published import byline_date


@pytest.mark.parametrize(
    ("raw", "lang", "tz", "value", "precision"),
    [
        ("2014-10-24T10:12:00+02:00", None, None, "2014-10-24T10:12:00+02:00", "datetime"),
        ("2014-10-24T08:12:00Z", None, None, "2014-10-24T08:12:00+00:00", "datetime"),
        ("2014-10-24T10:12:00", None, "Europe/Warsaw", "2014-10-24T10:12:00+02:00", "datetime"),
        ("2014-12-24 10:12:00", None, "Europe/Warsaw", "2014-12-24T10:12:00+01:00", "datetime"),
        ("2014-10-24T10:12:00", None, None, "2014-10-24T10:12:00", "datetime"),
        ("2014-10-24", None, "Europe/Warsaw", "2014-10-24", "day"),
        ("20141024", None, None, "2014-10-24", "day"),
        ("2022-01-26T14:32:06.000+0100", None, None, "2022-01-26T14:32:06+01:00", "datetime"),
        ("Fri, 24 Oct 2014 10:12:00 +0200", None, None, "2014-10-24T10:12:00+02:00", "datetime"),
        ("24 października 2014", "pl", None, "2014-10-24", "day"),
        ("24.10.2014", "de", None, "2014-10-24", "day"),
        ("październik 2014", "pl", None, "2014-10-01", "month"),
        ("25 Noviembre 2025", "es", None, "2025-11-25", "day"),
    ],
)
def test_parse_date_value(
    raw: str, lang: str | None, tz: str | None, value: str, precision: str
) -> None:
    parsed = parse_date_value(raw, "meta", language=lang, tz=tz)
    assert parsed is not None
    assert (parsed.value, parsed.precision, parsed.source) == (value, precision, "meta")


@pytest.mark.parametrize("raw", ["", "tomorrow", "wczoraj", "2 dni temu", "vor 3 Tagen",
                                 "n/a", "1850-01-01", "0000-00-00"])
def test_unparsable_or_relative_values_give_none(raw: str) -> None:
    # relative dates would need the clock: they are refused
    assert parse_date_value(raw, "meta", language="pl") is None


JOOMLA = """<html><body><div class="item-page">
<h1>Spotkanie członków klastra</h1>
<dl class="article-info"><dt>Szczegóły</dt><dd class="published">Opublikowano: 24.10.2014</dd></dl>
<div itemprop="articleBody"><p>Tekst</p></div></div>
<aside class="sidebar"><p>Opublikowano: 01.01.2014</p></aside></body></html>"""

DRUPAL = """<html><body><article><h1>Matchmaking event report</h1>
<div class="submitted">Submitted by <span>admin</span> on <span>05 July 2022</span></div>
<div class="field--name-body"><p>The event took place on 22 and 23 June 2022.</p></div>
</article></body></html>"""

LISTING = """<html><body>
<div class="teaser"><h2>A</h2><span>Posted on 3 May 2024</span></div>
<div class="teaser"><h2>B</h2><span>Posted on 7 April 2024</span></div>
</body></html>"""


def test_labelled_date_joomla_skips_sidebar() -> None:
    tree = parse_html(JOOMLA)
    assert tree is not None
    scope = tree.xpath("//div[@class='item-page']")[0]
    value = labelled_date(tree, scope, "pl", None)
    assert value is not None and (value.value, value.source) == ("2014-10-24", "text")


def test_labelled_date_drupal_submitted_by() -> None:
    tree = parse_html(DRUPAL)
    assert tree is not None
    value = labelled_date(tree, None, "en", None)
    assert value is not None and value.value == "2022-07-05"


def test_labelled_dates_that_disagree_outside_the_article_are_refused() -> None:
    tree = parse_html(LISTING)
    assert tree is not None
    assert labelled_date(tree, None, "en", None) is None


def test_labelled_date_never_returns_a_forbidden_event_day() -> None:
    html = "<html><body><p>Opublikowano: 21.10.2014</p></body></html>"
    tree = parse_html(html)
    assert tree is not None
    assert labelled_date(tree, None, "pl", None, forbidden={date(2014, 10, 21)}) is None


def test_time_element_published_class_wins_over_event_time() -> None:
    html = """<html><body><article><header><h1>Targi</h1>
    <time class="entry-date published" datetime="2025-03-10T09:00:00+01:00">10.03.2025</time>
    <time class="updated" datetime="2025-03-12T09:00:00+01:00">12.03.2025</time></header>
    <div class="tribe-events-schedule"><time datetime="2025-06-03">3 czerwca</time></div>
    </article></body></html>"""
    tree = parse_html(html)
    assert tree is not None
    value = time_element_date(tree, "pl", None)
    assert value is not None and value.value == "2025-03-10T09:00:00+01:00"
    assert value.source == "time"


def test_time_elements_only_in_event_blocks_are_ignored() -> None:
    html = """<html><body><h1>Webinar</h1><div class="event-date">
    <time datetime="2025-06-03">3 June</time></div></body></html>"""
    tree = parse_html(html)
    assert tree is not None
    assert time_element_date(tree, "en", None) is None


def test_many_unmarked_times_are_a_listing() -> None:
    items = "".join(f"<li><time datetime='2024-0{i}-01'>x</time></li>" for i in range(1, 7))
    tree = parse_html(f"<html><body><ul>{items}</ul></body></html>")
    assert tree is not None
    assert time_element_date(tree, "en", None) is None


def test_headline_date_next_to_h1() -> None:
    html = """<html><body><div class="news"><h1>Nowy członek klastra</h1>
    <span class="date">12.03.2024</span><p>Tekst z datą wydarzenia 20.04.2024.</p></div>
    </body></html>"""
    tree = parse_html(html)
    assert tree is not None
    h1 = tree.xpath("//h1")[0]
    value = byline_date(h1, "pl", None)
    assert value is not None and value.value == "2024-03-12"
    assert byline_date(h1, "pl", None, forbidden={date(2024, 3, 12)}) is None


def test_htmldate_guess_refuses_event_dates_from_the_title() -> None:
    html = """<html><head><title>Europejska Konferencja Klastrów, Bruksela 21-22.10.2014</title>
    </head><body><h1>Europejska Konferencja Klastrów, Bruksela 21-22.10.2014</h1>
    <p>Konferencja odbyła się w Brukseli.</p></body></html>"""
    tree = parse_html(html)
    assert tree is not None
    unguarded = htmldate_guess(tree, "https://example.pl/a")
    forbidden = days_of(find_date_ranges("Bruksela 21-22.10.2014", "pl"))
    assert forbidden == {date(2014, 10, 21), date(2014, 10, 22)}
    guarded = htmldate_guess(tree, "https://example.pl/a", forbidden)
    if unguarded is not None:  # htmldate picks an end of the title range
        assert unguarded.day in forbidden
    assert guarded is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.pl/2014/10/24/konferencja/", ("2014-10-24", "day")),
        ("https://a.pl/2014/10/konferencja/", ("2014-10-01", "month")),
        ("https://a.pl/wp-content/uploads/2014/10/x.pdf", None),
        ("https://a.pl/news/konferencja-21-22-10-2014/", None),
        ("https://a.pl/aktualnosci/2024", None),
    ],
)
def test_url_date(url: str, expected: tuple[str, str] | None) -> None:
    assert url_date(url) == expected
