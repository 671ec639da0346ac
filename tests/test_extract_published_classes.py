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


def _section_page(own_href: str, own_date: str = "18. März 2020") -> str:
    teasers = "".join(
        f"<article class='teaser'><h2><a href='{href}'>{title}</a></h2>"
        f"<footer><span class='teaser-date'>{day}</span></footer></article>"
        for href, title, day in (
            ("/gesellschaft/ein-anderer-beitrag-11", "Ein anderer Beitrag", "26. März 2020"),
            (own_href, "Gelassen durch schwere Zeiten", own_date),
            ("/gesellschaft/noch-ein-beitrag-9", "Noch ein Beitrag", "12. März 2020")))
    return ('<html lang="de"><head><title>Gelassen durch schwere Zeiten</title></head><body>'
            "<main><h1>Gelassen durch schwere Zeiten</h1><div class='text'><p>Ein langer "
            "Absatz ohne jedes Datum, der den Beitrag ausmacht und weiter geht.</p></div>"
            f"<section class='more'>{teasers}</section></main></body></html>")


def test_the_teaser_of_the_page_itself_dates_it() -> None:
    url = "https://zeitung.example.at/gesellschaft/gelassen-durch-schwere-zeiten-10"
    out = extract_post(_section_page("/gesellschaft/gelassen-durch-schwere-zeiten-10/"), url)
    assert out["published"] == {"value": "2020-03-18", "source": "listing", "precision": "day"}


def test_an_empty_or_fragment_link_is_not_the_pages_teaser() -> None:
    url = "https://zeitung.example.at/gesellschaft/gelassen-durch-schwere-zeiten-10"
    for href in ("", "#top"):
        out = extract_post(_section_page(href), url)
        assert out["published"]["source"] != "listing", href


def test_own_teasers_that_disagree_date_nothing() -> None:
    from clustercrawl.extract.ownteaser import own_teaser_date

    url = "https://zeitung.example.at/gesellschaft/gelassen-durch-schwere-zeiten-10"
    html = _section_page("/gesellschaft/gelassen-durch-schwere-zeiten-10").replace(
        "</section>", "<p><a href='/gesellschaft/gelassen-durch-schwere-zeiten-10'>Zum "
        "Beitrag</a> 2. April 2020</p></section>")
    assert own_teaser_date(parse_html(html), [url], "de") is None
    html = _section_page("/gesellschaft/gelassen-durch-schwere-zeiten-10")
    found = own_teaser_date(parse_html(html), [url], "de")
    assert found is not None and found.day == date(2020, 3, 18)


def _thread_page(between: str) -> str:
    return ('<html lang="de"><head><title>Kein Netz im Laden?</title></head><body><main>'
            "<h2 class='Title'>Kein Netz im Laden?</h2>"
            "<div class='ForumComment' id='CommentFirst'><div class='CommentInfo'>"
            f"{between}<span class='CommentTime' title='Erstellt'><span>03.10.19</span>"
            "<span>09:12</span></span></div><div class='CommentText'>Seit dem Update habe "
            "ich im Laden kein Netz mehr, im WLAN geht alles. Hat jemand eine Idee, was ich "
            "anders einstellen könnte?</div></div>"
            "<div class='ForumComment'><div class='CommentInfo'><span>anna</span>"
            "<span class='CommentTime'><span>04.10.19</span><span>10:00</span></span></div>"
            "<div class='CommentText'>Bei mir ging es nach einem Neustart.</div></div>"
            "</main></body></html>")


def test_a_forum_threads_opening_post_dates_it_though_marked_as_a_comment() -> None:
    html = _thread_page("<span class='CommentAuthor'>bernd_k</span>")
    out = extract_post(html, "https://forum.example.de/diskussion/kein-netz-4711.html")
    # read as the byline, not left to htmldate's search (which finds sidebar dates first
    # on real forum pages)
    assert out["published"]["value"][:10] == "2019-10-03"
    assert out["published"]["source"] == "text"


def test_a_comment_below_a_post_body_is_no_byline() -> None:
    # the same comment markup after a paragraph of the post: a reader's comment, not the post
    prose = "<p>" + "Ein Absatz des Beitrags, der den Inhalt erklärt. " * 4 + "</p>"
    html = _thread_page("").replace("<div class='ForumComment' id='CommentFirst'>",
                                    prose + "<div class='ForumComment'>")
    out = extract_post(html, "https://blog.example.de/beitrag/kein-netz")
    assert out["published"]["value"] is None or out["published"]["source"] != "text"


def test_og_first_published_beats_a_published_field_rewritten_on_republication() -> None:
    # OpenGraph keeps the first publication; the CMS rewrote datePublished and the byline
    # with the day of the update (the page's modified day)
    head = ('<meta property="article:published_time" content="2017-04-12T18:33:59+02:00">'
            '<meta property="article:modified_time" content="2020-02-19T15:24:33+01:00">'
            '<meta itemprop="datePublished" content="2020-02-19">')
    out = extract_post(_dated_page(head, "<p class='meta'>Le 19 février 2020</p>"),
                       "https://magazine.example.fr/sante/intestin-130897")
    assert out["published"]["value"][:10] == "2017-04-12"


def test_a_recent_first_published_value_is_no_republication() -> None:
    # modified three weeks after: an ordinary update, the byline's day is kept
    head = ('<meta property="article:published_time" content="2020-01-29T18:33:59+01:00">'
            '<meta property="article:modified_time" content="2020-02-19T15:24:33+01:00">'
            '<meta itemprop="datePublished" content="2020-02-19">')
    out = extract_post(_dated_page(head, "<p class='meta'>Le 19 février 2020</p>"),
                       "https://magazine.example.fr/sante/intestin-130897")
    assert out["published"]["value"][:10] == "2020-02-19"


def test_a_date_badge_split_over_three_elements_is_the_byline() -> None:
    # month, day and year in sibling spans: read as one text they run together ("Feb 182009")
    html = ('<html lang="de"><head><title>Ein Beitrag</title></head><body><article>'
            "<h1>Neues Projekt im Test</h1><div class='datum'><span class='monat'>Feb</span> "
            "<span class='tag'>18</span><span class='jahr'>2009</span></div>"
            "<div class='entry'><p>Ein Absatz ohne jedes Datum, lang genug für einen "
            "Beitrag über das Projekt.</p></div></article></body></html>")
    out = extract_post(html, "https://blog.example.de/neues-projekt")
    assert out["published"] == {"value": "2009-02-18", "source": "text", "precision": "day"}


def test_short_texts_in_other_blocks_are_no_badge() -> None:
    # "Feb" in a menu and "18" / "2009" elsewhere do not make a date
    html = ('<html lang="de"><head><title>Ein Beitrag</title></head><body><article>'
            "<h1>Neues Projekt im Test</h1><p class='tags'><a>Feb</a></p><div><div>"
            "<span>18</span></div></div><p><b>2009</b></p><div class='entry'><p>Ein Absatz "
            "ohne jedes Datum, lang genug für einen Beitrag.</p></div></article></body></html>")
    out = extract_post(html, "https://blog.example.de/neues-projekt")
    assert out["published"]["source"] != "text"


def test_a_tie_between_days_goes_to_the_source_read_first() -> None:
    # two JSON-LD nodes of one family name two days with the same weight: the first read
    # wins, whatever order a set of the days has under the interpreter's hash seed
    from clustercrawl.extract.datevalue import DateValue
    from clustercrawl.extract.pubevidence import Candidate, choose

    a = Candidate(DateValue("2018-07-25", "day", "jsonld", date(2018, 7, 25)), "machine", 2.0)
    b = Candidate(DateValue("2020-03-27", "day", "jsonld", date(2020, 3, 27)), "machine", 2.0)
    first = choose([a, b])
    second = choose([b, a])
    assert first is not None and first.day == date(2018, 7, 25)
    assert second is not None and second.day == date(2020, 3, 27)
