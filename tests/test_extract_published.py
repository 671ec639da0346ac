"""The publication-date cascade (clustercrawl.extract.published): sources, the byline check,
local days of UTC instants, and what is never a publication date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.extract import extract_post
from clustercrawl.extract.dom import parse_html
from clustercrawl.extract.meta import read_meta, url_date
from clustercrawl.extract.published import byline_date, infer_zone
from clustercrawl.extract.structured import StructuredData


def _page(head: str = "", byline: str = "", body: str = "<p>Text of the post.</p>",
          lang: str = "de") -> str:
    return (f'<html lang="{lang}"><head><title>Post</title>{head}</head><body><article>'
            f"<h1>Ein Beitrag über Cluster</h1>{byline}<div class='entry-content'>{body}</div>"
            "</article></body></html>")


META = '<meta property="article:published_time" content="{}">'


def test_meta_date_in_the_site_zone() -> None:
    out = extract_post(_page(META.format("2022-11-06T23:00:00Z")), "https://x.example/a",
                       timezone="Europe/Berlin")
    assert out["published"] == {"value": "2022-11-07T00:00:00+01:00", "source": "meta",
                                "precision": "datetime"}


def test_utc_instant_shown_in_the_zone_the_page_uses() -> None:
    head = META.format("2019-10-18T22:04:00Z") + (
        '<meta property="article:modified_time" content="2019-10-19T09:00:00+02:00">')
    out = extract_post(_page(head), "https://x.example.com/a")
    assert out["published"]["value"] == "2019-10-19T00:04:00+02:00"


def test_utc_instant_shown_in_the_zone_of_the_country_domain() -> None:
    out = extract_post(_page(META.format("2022-05-04T02:41:00Z"), lang="es"),
                       "https://diario.example.bo/nota")
    assert out["published"]["value"] == "2022-05-03T22:41:00-04:00"


def test_midnight_utc_is_a_date_and_stays_put() -> None:
    out = extract_post(_page(META.format("2019-06-17T00:00:00+00:00"), lang="es"),
                       "https://diario.example.bo/nota")
    assert out["published"]["value"][:10] == "2019-06-17"


def test_url_day_keeps_the_local_day_of_a_utc_instant() -> None:
    out = extract_post(_page(META.format("2018-12-31T23:11:59+00:00")),
                       "https://blog.example.com/2019/01/01/neues-jahr/")
    assert out["published"]["value"] == "2019-01-01"
    assert out["published"]["source"] == "url"


def test_byline_beats_a_structured_date_of_another_day() -> None:
    out = extract_post(_page(META.format("2021-12-14T15:41:07+01:00"),
                             byline='<p class="meta">Max Muster | 04.02.2022</p>'),
                       "https://x.example/a")
    assert out["published"] == {"value": "2022-02-04", "source": "text", "precision": "day"}


def test_swapped_byline_does_not_beat_the_iso_date() -> None:
    out = extract_post(_page(META.format("2021-11-01T10:00:00+01:00"),
                             byline='<p class="meta">01/11/2021</p>', lang="en"),
                       "https://x.example/a")
    assert out["published"]["value"][:10] == "2021-11-01"
    assert out["published"]["source"] == "meta"


def test_updated_date_in_the_byline_is_not_the_published_one() -> None:
    byline = ('<p><time class="updated">12. März 2022</time> '
              '<time class="entry-date published">10. März 2022</time></p>')
    out = extract_post(_page(META.format("2022-03-10T08:00:00+01:00"), byline=byline),
                       "https://x.example/a")
    assert out["published"]["value"][:10] == "2022-03-10"


def test_api_date_is_trusted_over_the_page() -> None:
    hints = Entry(url="https://x.example/a", channel=Channel.WP_API,
                  published="2022-03-01T10:00:00")
    out = extract_post(_page(META.format("2022-03-05T08:00:00+01:00")), "https://x.example/a",
                       timezone="Europe/Berlin", hints=hints)
    assert out["published"] == {"value": "2022-03-01T10:00:00+01:00", "source": "api",
                                "precision": "datetime"}


def test_byline_date_skips_deadlines_and_sentences() -> None:
    tree = parse_html("<html><body><h1>Convocatoria 2024</h1>"
                      "<p>El plazo finaliza el 31 de mayo de 2024 a las 14:00 horas.</p>"
                      "<p>Publicado el 2 de abril de 2024</p></body></html>")
    assert tree is not None
    headline = tree.xpath("//h1")[0]
    value = byline_date(headline, "es", None)
    assert value is not None and value.value == "2024-04-02"


def test_copyright_year_is_no_publication_date() -> None:
    page = ("<html lang='de'><body><h1>Über uns</h1><p>Der Cluster vernetzt Unternehmen.</p>"
            "<footer>© 2025 Cluster</footer></body></html>")
    out = extract_post(page, "https://x.example/team-und-geschichte")
    assert out["published"]["value"] is None


def test_first_full_date_in_the_text_as_last_resort() -> None:
    page = ("<html lang='de'><body><div><h1>Neue Förderung</h1></div><div><div>"
            "<span>Stand</span> <b>3. Februar 2022</b></div><p>Der Bund fördert Projekte "
            "zur Digitalisierung mit neuen Mitteln für kleine Unternehmen.</p></div>"
            "</body></html>")
    out = extract_post(page, "https://x.example/a")
    assert out["published"]["value"] == "2022-02-03"


@pytest.mark.parametrize(
    ("url", "offset"),
    [
        ("https://www.example.de/a", 60),
        ("https://www.example.at/a", 60),
        ("https://www.example.pl/a", 60),
        ("https://www.example.com.br/a", -180),
        ("https://www.example.com/a", None),
        ("https://www.example.us/a", None),  # several zones, no main one
    ],
)
def test_zone_of_the_country_domain(url: str, offset: int | None) -> None:
    zone = infer_zone(url, None, StructuredData())
    if offset is None:
        assert zone is None
    else:
        assert zone is not None
        moment = datetime(2024, 1, 15, 12, tzinfo=UTC).astimezone(zone)
        assert moment.utcoffset() == timedelta(minutes=offset)


def test_zone_from_an_offset_the_page_uses() -> None:
    tree = parse_html('<html><head><meta name="date" content="Sat, 19 Oct 2019 00:04:00 +0200">'
                      "</head><body></body></html>")
    assert tree is not None
    zone = infer_zone("https://x.example.com/a", read_meta(tree, "https://x.example.com/a"),
                      StructuredData())
    assert zone is not None and zone.utcoffset(None) == timedelta(hours=2)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.de/meldungen/29-10-2021", ("2021-10-29", "day")),
        ("https://a.de/blog/2021-10-29-neuer-standort", ("2021-10-29", "day")),
        ("https://a.de/news/05-06-2021", None),  # day-first or month-first: unknown
        ("https://a.de/wp-content/uploads/2021-10-29-plan.pdf", None),
        ("https://a.de/tagung-28-29-10-2021", None),  # a range
    ],
)
def test_url_date_in_one_segment(url: str, expected: tuple[str, str] | None) -> None:
    assert url_date(url) == expected
