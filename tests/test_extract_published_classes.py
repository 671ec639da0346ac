"""Classes of publication-date misses measured on third-party pages (issue 14), each with a
page written here in the same pattern: what readers see beats a generic guess."""

from __future__ import annotations

from datetime import date

from clustercrawl.extract import extract_post
from clustercrawl.extract.byline import yearless_byline
from clustercrawl.extract.dom import parse_html


def _yearless_page(headline: str, below: str, lang: str = "de",
                   head: str = "") -> str:
    # the only full date is in a link's path: htmldate's extensive search reads it (a guess)
    return (f'<html lang="{lang}"><head><title>Beitrag</title>{head}</head><body>'
            f"<main><h1>{headline}</h1>{below}"
            "<div class='text'><p>Ein Absatz ohne Datum, lang genug, um ein Beitrag zu sein, "
            "mit etwas mehr Text darin.</p>"
            "<p><a href='https://news.example.org/archiv/2021/10/29/frueher.html'>Früherer "
            "Beitrag</a></p></div></main></body></html>")


def test_yearless_cjk_date_below_the_headline_takes_the_year_of_the_guess() -> None:
    html = _yearless_page("学校の新しいルール", "<p class='article-date'>[11月03日 18時05分]</p>",
                          lang="ja")
    out = extract_post(html, "https://news.example.org/easy/item123.html")
    assert out["published"]["value"] == "2021-11-03"
    assert out["published"]["source"] == "text"


def test_yearless_dotted_date_opening_the_headline() -> None:
    html = _yearless_page("03.11. | Buch der Woche", "<p>Von Anna Muster</p>")
    out = extract_post(html, "https://news.example.org/kultur/buch-der-woche")
    assert out["published"]["value"] == "2021-11-03"


def test_without_a_yearless_date_the_guess_stays() -> None:
    html = _yearless_page("Buch der Woche", "<p>Von Anna Muster</p>")
    out = extract_post(html, "https://news.example.org/kultur/buch-der-woche")
    assert out["published"]["value"] == "2021-10-29"


def test_a_yearless_date_inside_the_headline_or_a_sentence_is_not_the_post_date() -> None:
    for headline, below in (("Sitzung des Vorstands am 03.11.", "<p>Von Anna</p>"),
                            ("Buch der Woche", "<p>Anmeldung bis 03.11.</p>")):
        out = extract_post(_yearless_page(headline, below),
                           "https://news.example.org/kultur/sitzung")
        assert out["published"]["value"] == "2021-10-29", headline


def test_a_machine_date_beats_a_yearless_headline() -> None:
    head = '<meta property="article:published_time" content="2021-06-02T10:00:00+02:00">'
    out = extract_post(_yearless_page("03.11. | Buch der Woche", "", head=head),
                       "https://news.example.org/kultur/buch")
    assert out["published"]["value"][:10] == "2021-06-02"


def test_yearless_year_is_the_one_nearest_the_anchor() -> None:
    tree = parse_html("<html><body><h1>30.12. | Rückblick</h1></body></html>")
    h1 = tree.find(".//h1")
    found = yearless_byline(h1, "de", date(2022, 1, 10))
    assert found is not None and found.day == date(2021, 12, 30)
    assert yearless_byline(h1, "de", date(2022, 1, 10), forbidden={date(2021, 12, 30)}) is None


def _dated_page(head: str, byline: str) -> str:
    return ('<html lang="de"><head><title>Reisetipps</title>' + head + "</head><body><article>"
            "<h1>Reisetipps für den Süden</h1>" + byline +
            "<div class='entry-content'><p>Ein Absatz über Reisen, lang genug für einen "
            "Beitrag.</p></div></article></body></html>")


def test_a_stored_day_at_local_midnight_printed_from_its_utc_form() -> None:
    # the CMS stores the day 15 March as local midnight, gives it in UTC (23:00 the day
    # before) and the template prints the UTC day: the same date, not a conflict
    html = _dated_page('<meta property="article:published_time" '
                       'content="2022-03-14T23:00:00.000Z">', "<p class='date'>14.03.22</p>")
    out = extract_post(html, "https://magazin.example.de/artikel/reisetipps")
    assert out["published"]["value"][:10] == "2022-03-15"


def test_midnight_utc_is_no_stored_local_day() -> None:
    # midnight in UTC is a date written as an instant: the byline of the day before wins
    html = _dated_page('<meta property="article:published_time" '
                       'content="2022-03-15T00:00:00Z">', "<p class='date'>14.03.22</p>")
    out = extract_post(html, "https://magazin.example.de/artikel/reisetipps")
    assert out["published"]["value"][:10] == "2022-03-14"
