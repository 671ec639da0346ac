"""The publication-date cascade (clustercrawl.extract.published): sources, the byline check,
local days of UTC instants, and what is never a publication date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.extract import extract_post
from clustercrawl.extract.dates import DateValue
from clustercrawl.extract.dom import parse_html
from clustercrawl.extract.meta import read_meta, url_date
from clustercrawl.extract.pubevidence import Candidate, choose
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


# ---------------------------------------------------------------------------- evidence


def _article(head: str = "", before: str = "", after: str = "", lang: str = "de",
             title: str = "Post") -> str:
    return (f'<html lang="{lang}"><head><title>{title}</title>{head}</head><body><article>'
            f"{before}<h1>Neue Messe für Zulieferer</h1>{after}<div class='entry-content'>"
            "<p>Der Verband lädt seine Mitglieder zu einem Austausch ein.</p></div>"
            "</article></body></html>")


JSONLD = ('<script type="application/ld+json">{{"@context": "https://schema.org", '
          '"@type": "NewsArticle", "headline": "Neue Messe", "datePublished": "{}"}}</script>')


def test_machine_sources_count_once_against_the_byline() -> None:
    # JSON-LD and meta print the same CMS field: together they still lose to the byline
    head = JSONLD.format("2022-01-26T10:00:00+01:00") + META.format("2022-01-26T10:00:00+01:00")
    out = extract_post(_article(head, after='<p class="byline">Redaktion | 21.01.2022</p>'),
                       "https://x.example/messe")
    assert out["published"]["value"] == "2022-01-21"


def test_a_late_naive_time_supports_the_next_day_shown_in_the_title() -> None:
    head = JSONLD.format("2022-05-10T23:35:55")
    out = extract_post(_article(head, lang="es", title="Nueva feria - 11/05/2022 - Diario"),
                       "https://x.example/feria")
    assert out["published"]["value"][:10] == "2022-05-11"


def test_a_page_showing_only_an_update_is_dated_by_it() -> None:
    head = JSONLD.format("2016-08-29T21:54:39+00:00")
    out = extract_post(_article(head, lang="en", after="<p>By Jane Doe Updated May 06, 2019</p>"),
                       "https://x.example/guide")
    assert out["published"]["value"] == "2019-05-06"


def test_an_update_paragraph_in_a_live_report_is_no_date_line() -> None:
    head = JSONLD.format("2020-05-04T14:50:00+02:00")
    prose = ("<p><strong>Update vom 03. Mai 2020, 16:05 Uhr:</strong> Die Lage hat sich seit "
             "dem Morgen verändert, wie mehrere Quellen übereinstimmend berichten. Die Behörden "
             "kündigten weitere Informationen für den Abend an.</p>")
    out = extract_post(_article(head, after=prose), "https://x.example/lage")
    assert out["published"]["value"][:10] == "2020-05-04"


def test_labelled_date_beats_a_meta_date_of_another_day() -> None:
    page = _article(META.format("2021-10-15"),
                    after="<div class='box'><p>Kurz gemeldet.</p></div>").replace(
        "</article>", "<div class='info'><span>Erschienen am: 13.10.2021</span></div></article>")
    out = extract_post(page, "https://x.example/meldung")
    assert out["published"]["value"] == "2021-10-13"


def test_byline_with_a_two_digit_year() -> None:
    out = extract_post(_article(META.format("2020-05-03T10:00:00+02:00"),
                                after="<p><span>04.05.20 14:50</span></p>"),
                       "https://x.example/bericht")
    assert out["published"]["value"][:10] == "2020-05-04"


def test_slash_date_read_the_other_way_round_supports_the_iso_value() -> None:
    out = extract_post(_article(JSONLD.format("2021-11-01T05:00:14"),
                                after="<p><span>Stand: 11/01/2021, 05:00</span></p>"),
                       "https://x.example/roller")
    assert out["published"]["value"][:10] == "2021-11-01"


def test_dotted_date_is_day_first_even_when_the_meta_swaps_it() -> None:
    out = extract_post(_article(META.format("2023-01-11T12:43"),
                                after="<p>Erstellt am: 01.11.2023</p>"),
                       "https://x.example/wasser")
    assert out["published"]["value"] == "2023-11-01"


def test_a_members_joining_day_is_no_byline() -> None:
    after = ("<dl><dt>Registriert:</dt><dd>18.09.2008, 05:56</dd></dl>"
             "<p>Beitrag von admin » 21.01.2009, 05:42</p>")
    out = extract_post(_article(after=after), "https://forum.example/thema")
    assert out["published"]["value"][:10] == "2009-01-21"


def test_meta_box_in_a_small_aside_is_a_byline() -> None:
    head = ('<script type="application/ld+json">{"@type": "WebPage", "datePublished": '
            '"2023-10-10T12:20:56+02:00"}</script>')
    after = "<aside class='meta'><p>Von: Anna Muster</p><p><time>18. Okt 2023</time></p></aside>"
    out = extract_post(_article(head, after=after), "https://x.example/artikel")
    assert out["published"]["value"] == "2023-10-18"


def test_evidence_adds_up_independent_families_only() -> None:
    def dv(value: str, source: str) -> DateValue:
        return DateValue(value, "datetime" if "T" in value else "day", source,
                         date.fromisoformat(value[:10]))

    machine = [Candidate(dv("2022-01-26T10:00:00+01:00", "jsonld"), "machine", 2.5),
               Candidate(dv("2022-01-26", "meta"), "machine", 2.0)]
    visible = Candidate(dv("2022-01-21", "text"), "visible", 3.0)
    chosen = choose([*machine, visible])
    assert chosen is not None and chosen.day == date(2022, 1, 21)  # 3.0 > 2.5 (not 4.5)
    url = Candidate(dv("2022-01-26", "url"), "url", 2.5)
    chosen = choose([*machine, visible, url])
    assert chosen is not None and chosen.source == "jsonld"  # confirmed by the URL
    # a UTC instant late in the evening lends half its weight to the next day
    late = Candidate(dv("2018-12-31T23:11:59+00:00", "meta"), "machine", 2.5)
    next_day = Candidate(dv("2019-01-01", "url"), "url", 2.5)
    chosen = choose([late, next_day])
    assert chosen is not None and chosen.value == "2019-01-01"
    assert choose([], url_month=dv("2021-10-01", "url")) is not None


def test_byline_with_a_month_name_and_a_two_digit_year() -> None:
    # a parks agency prints "( Town, 3 Marzo 21 )" under the headline
    page = ("<html lang='it'><body><h1>Nuovi sentieri nel parco</h1>"
            "<em>( Scanno, 3 Marzo 21 )</em><p>Il parco apre tre nuovi sentieri per le "
            "famiglie e per le scuole della valle.</p>"
            "<div class='box'><span>10.06.2021</span></div></body></html>")
    out = extract_post(page, "https://x.example/dettaglio?id=7")
    assert out["published"]["value"] == "2021-03-03"


@pytest.mark.parametrize("lead", [
    "(14. März 2023) Die Energiepreise steigen weiter, und viele Haushalte suchen Rat.",
    "Freiburg, (14.03.2023). Die Energiepreise steigen weiter, und viele Haushalte suchen Rat.",
])
def test_bracketed_dateline_opening_the_body_without_a_headline(lead: str) -> None:
    # no headline the finder accepts (the title names the section, not the post); the side
    # list of other news carries later dates
    others = "".join(f"<li><a href='/n{i}'>Meldung {i}</a> <span>2{i}.03.2023</span></li>"
                     for i in range(1, 5))
    page = ("<html lang='de'><head><title>Portal | Preise</title></head><body>"
            f"<ul class='news'>{others}</ul><div class='text'><h6>Rat für Haushalte</h6>"
            f"<h5>Von Jana Beispiel</h5><p>{lead} Wer jetzt vergleicht, spart oft viel Geld "
            "beim Wechsel des Anbieters und bei der Heizung.</p><p>Weitere Tipps folgen in "
            "den nächsten Wochen auf dieser Seite für alle Mitglieder.</p></div></body></html>")
    out = extract_post(page, "https://x.example/preise/NewsDetail/55")
    assert out["published"]["value"] == "2023-03-14"


def test_a_bracketed_date_inside_a_sentence_is_no_dateline() -> None:
    from clustercrawl.extract.byline import lead_dateline
    body = ("Ein langer erster Absatz über die Förderung beginnt hier, und die Frist "
            "(14.03.2023) wird erst viel später genannt.")
    assert lead_dateline(body, "de", None) is None
    assert lead_dateline("Kurz\n(14.03.2023) Der Text der Meldung beginnt hier ganz normal.",
                         "de", None) is not None
