"""Tests of title choice (clustercrawl.extract.title)."""

from __future__ import annotations

from lxml.html import HtmlElement

from clustercrawl.extract.dom import parse_html
from clustercrawl.extract.title import choose_title, normalise_title, title_variants


def _h1(text: str) -> HtmlElement:
    tree = parse_html(f"<html><body><h1>{text}</h1></body></html>")
    assert tree is not None
    h1: HtmlElement = tree.xpath("//h1")[0]
    return h1


def test_h1_matching_a_segment_of_the_title_tag() -> None:
    title = "Europejska Konferencja Klastrów, Bruksela 21-22.10.2014"
    assert choose_title(_h1(title), [None, None, f"{title} - Klaster Przykładowy"]) == title
    assert choose_title(_h1(title), [f"Klaster Przykładowy | {title}"]) == title


def test_h1_with_a_separator_inside_the_title_is_kept_whole() -> None:
    title = "Forum – Przemysł 4.0 | Relacja"
    assert choose_title(_h1(title), [f"{title} | Klaster"]) == title


def test_logo_h1_is_not_the_title() -> None:
    got = choose_title(_h1("Klaster X"), ["Nowy członek klastra – Klaster X"], ["Klaster X"])
    assert got == "Nowy członek klastra"


def test_section_h1_falls_back_to_metadata_title() -> None:
    assert choose_title(_h1("Aktualności"), ["Spotkanie w Łodzi | Klaster X"],
                        ["Klaster X"]) == "Spotkanie w Łodzi"


def test_no_h1_strips_a_known_site_name_only() -> None:
    assert choose_title(None, ["Salon Global Industrie 2025 – Cluster Lyon"],
                        ["Cluster Lyon"]) == "Salon Global Industrie 2025"
    # unknown site name: the title is not "fixed"
    assert choose_title(None, ["Salon Global Industrie 2025 – Programme"]) == (
        "Salon Global Industrie 2025 – Programme")


def test_site_name_from_host() -> None:
    assert choose_title(None, ["Nowe otwarcie | KLASTER-X.PL"], ["klaster-x.pl", "klaster-x"]) == (
        "Nowe otwarcie")


def test_kicker_inside_h1() -> None:
    got = choose_title(_h1("Tunesien Große Aufgaben für die neue Regierung"),
                       ["Große Aufgaben für die neue Regierung | Zeitung"])
    assert got == "Große Aufgaben für die neue Regierung"


def test_api_title_first_and_entities_unescaped() -> None:
    assert choose_title(None, ["Targi &#8211; relacja", "Inny tytuł"]) == "Targi – relacja"


def test_nothing() -> None:
    assert choose_title(None, [None, ""]) is None


def test_helpers() -> None:
    assert normalise_title("  Forum: Przemysł 4.0!  ") == "forum przemysł 4 0"
    variants = title_variants("A – B | Site", ["Site"])
    assert variants[0] == "A – B | Site"
    assert {"A – B", "A", "B"} <= set(variants)
    assert "Site" not in variants


def _page_h1(inner: str, head: str = "") -> HtmlElement:
    tree = parse_html(f"<html><head>{head}</head><body><div id='top'>{inner}</div>"
                      "<main><h2>Vom Werkstor zur Halle</h2><p>Text</p></main></body></html>")
    assert tree is not None
    h1: HtmlElement = tree.xpath("//h1")[0]
    return h1


def test_h1_naming_the_site_is_no_headline() -> None:
    h1 = _page_h1("<h1><a href='/'>Werkbank Notizen</a></h1>")
    got = choose_title(h1, ["Werkbank Notizen » Blog Archive » Vom Werkstor zur Halle"])
    assert got == "Vom Werkstor zur Halle"


def test_short_visible_headline_over_the_seo_title() -> None:
    assert choose_title(_h1("Radwege"), ["Neue Radwege für die Innenstadt – Stadtportal"]) == (
        "Radwege")
    # a compound shows the same word
    assert choose_title(_h1("Vereinsgeschichte"), ["Geschichte - Chor am See"]) == (
        "Vereinsgeschichte")


def test_a_label_h1_is_no_headline() -> None:
    assert choose_title(_h1("Sie sind hier:"), ["Sommerfest im Hafen | Verein"],
                        ["Verein"]) == "Sommerfest im Hafen"


def test_overline_element_opening_the_h1_is_a_kicker() -> None:
    h1 = _h1("<span class='toptitle'>Energie</span> Neue Förderung für Wärmepumpen")
    assert choose_title(h1, ["Förderung | Portal"]) == "Neue Förderung für Wärmepumpen"
    # a bold first word continued in lower case is one line, not a kicker
    h1 = _h1("<b>Streit</b> der Nachbarn eskaliert vor Gericht")
    assert choose_title(h1, []) == "Streit der Nachbarn eskaliert vor Gericht"


def test_a_question_is_not_cut_down_to_the_seo_title() -> None:
    got = choose_title(_h1("Wie pflege ich meine Rosen im Winter?"),
                       ["Rosen im Winter » Gartenportal"])
    assert got == "Wie pflege ich meine Rosen im Winter?"


def test_site_name_in_the_middle_of_the_title() -> None:
    got = choose_title(None, ["Die Jahresbilanz der kleinen Werkstatt : Werkbank Notizen | "
                              "Seit 2005 | Ausgabe 6"],
                       [], lambda: ["Werkbank Notizen"])
    assert got == "Die Jahresbilanz der kleinen Werkstatt"


def test_section_h1_gives_way_to_the_heading_of_a_later_segment() -> None:
    h1 = _page_h1("<h1>Meldungen</h1>")
    got = choose_title(h1, ["Amt online - Meldungen - Vom Werkstor zur Halle"])
    assert got == "Vom Werkstor zur Halle"


def test_soft_hyphens_are_invisible() -> None:
    assert choose_title(_h1("Fach\u00adkräfte\u00adsicherung im Cluster"), []) == (
        "Fachkräftesicherung im Cluster")


def test_another_h1_showing_the_metadata_title_cut_short() -> None:
    tree = parse_html("<html><body><h1>Hafenstadt</h1><main><h1>Neue Fähre verbindet zwei "
                      "Inseln im Norden</h1></main></body></html>")
    assert tree is not None
    section = tree.xpath("//h1")[0]
    got = choose_title(section, ["Neue Fähre verbindet zwei Inseln im Norden, Sommerplan"])
    assert got == "Neue Fähre verbindet zwei Inseln im Norden"


def test_og_title_cut_by_an_unescaped_quote() -> None:
    got = choose_title(None, [None, 'El ministro califica el plan de',
                              'El ministro califica el plan de "urgente"'])
    assert got == 'El ministro califica el plan de "urgente"'


def test_dates_and_categories_around_the_headline_are_not_part_of_it() -> None:
    assert choose_title(_h1("07.03.2022 - Neue Halle für den Nachwuchs"), []) == (
        "Neue Halle für den Nachwuchs")
    got = choose_title(_h1("Neue Halle für den Nachwuchs 07.03.2022 • Verein, Presse"),
                       ["Neue Halle für den Nachwuchs | Verein"])
    assert got == "Neue Halle für den Nachwuchs"


def test_a_breadcrumb_trail_from_home_is_cut_to_its_last_step() -> None:
    trail = "Startseite > Veranstaltungen > 5. Netzwerktreffen Holzbau"
    assert choose_title(_h1(trail), [trail]) == "5. Netzwerktreffen Holzbau"
    assert choose_title(_h1("Home › Events › Cluster Day"), []) == "Cluster Day"
    # an arrow inside a headline that does not start at the site's home is the headline
    assert choose_title(_h1("Wasserstoff > Erdgas?"), []) == "Wasserstoff > Erdgas?"


def test_a_mail_clients_notice_is_no_headline() -> None:
    for notice in ("Falls dieser Newsletter nicht richtig angezeigt wird, bitte hier klicken",
                   "Can't read this message? View it in your browser",
                   "Jeżeli wiadomość nie wyświetla się poprawnie, kliknij tutaj"):
        assert choose_title(_h1(notice), [notice]) is None, notice
    # a headline about newsletters is still one
    kept = "Our newsletter turns ten: a look back"
    assert choose_title(_h1(kept), [kept]) == kept
