"""Headlines, site names, page furniture in the text, layout tables and the evaluation metrics
(clustercrawl.extract.title, .content, .boilerplate, .evaluation)."""

from __future__ import annotations

import pytest

from clustercrawl.extract import extract_post
from clustercrawl.extract.boilerplate import clean_body
from clustercrawl.extract.content import find_headline, unwrap_layout_tables
from clustercrawl.extract.dom import parse_html
from clustercrawl.extract.evaluation import (
    body_scores,
    norm_title,
    shingle_match,
    snippet_counts,
    title_match,
)
from clustercrawl.extract.places import find_cities, status_of
from clustercrawl.extract.title import headline_text


def _h1(markup: str) -> tuple[str, str]:
    tree = parse_html(f"<html><body>{markup}</body></html>")
    assert tree is not None
    return headline_text(tree.xpath("//h1")[0])


@pytest.mark.parametrize(
    ("markup", "main"),
    [
        ('<h1><span class="article-heading__kicker">Klimaschutz</span><span '
         'class="visually-hidden">: </span><span class="article-heading__title">Bohren, bis es '
         "heiß wird</span></h1>", "Bohren, bis es heiß wird"),
        ('<h1><span class="dachzeile">Interne Unterlagen im Netz</span> <span class="headline">'
         "Daten von Rheinmetall gehackt</span></h1>", "Daten von Rheinmetall gehackt"),
        ('<h1><span class="post-title"><small>Einheit der Woche</small><br/>Lagen-Pyramide mit '
         "GA2</span></h1>", "Lagen-Pyramide mit GA2"),
        ('<h1>Was wir nicht hören wollen<span class="element-invisible"> | SITE.NET</span></h1>',
         "Was wir nicht hören wollen"),
        ("<h1>Konferencja <em>wodorowa</em> 2024</h1>", "Konferencja wodorowa 2024"),
    ],
)
def test_headline_without_kicker_and_hidden_text(markup: str, main: str) -> None:
    assert _h1(markup)[1] == main


def test_hidden_and_logo_h1_are_skipped_and_a_matching_h1_wins() -> None:
    tree = parse_html(
        '<html><body><h1 class="navSkip">Hauptnavigation</h1>'
        '<header><h1><a href="/">Cluster X</a></h1></header>'
        '<h1 class="hide-accessible">detail</h1><main><h1>Ein anderer Titel</h1>'
        "<h1>Frauen im THW: Vergangenheit und Zukunft</h1></main></body></html>")
    assert tree is not None
    found = find_headline(tree, ["Frauen im THW: Vergangenheit und Zukunft | THW"])
    assert found is not None and found.text_content() == "Frauen im THW: Vergangenheit und Zukunft"
    first = find_headline(tree)
    assert first is not None and first.text_content() == "Ein anderer Titel"


def test_site_name_runs_shown_on_the_page_are_cut_from_the_title() -> None:
    page = ("<html><head><title>Pour le néolibéralisme, la retraite est un archaïsme | AOC media "
            "- Analyse Opinion Critique</title></head><body><header><a class='logo' href='/'>"
            "<img alt='AOC media - Analyse Opinion Critique' src='/logo.png'></a></header>"
            "<div><p>Texte de l'article, assez long pour être un article.</p></div></body></html>")
    out = extract_post(page, "https://aoc.example/opinion/2019/12/09/retraite/")
    assert out["title"] == "Pour le néolibéralisme, la retraite est un archaïsme"


@pytest.mark.parametrize(
    "tail",
    [
        ["Weitere Artikel zum Thema", "Förderung für Start-ups", "Neue Messe in Köln"],
        ["À lire aussi", "Le pôle obtient le label Or"],
        ["Related articles", "Cluster news from Lyon", "Funding for SMEs"],
        ["Czytaj także", "Nowy członek klastra"],
        ["Comments", "Great article!", "Thanks for sharing"],
    ],
)
def test_related_blocks_at_the_end_are_cut(tail: list[str]) -> None:
    article = ["The cluster met its members in spring to discuss the new strategy and the "
               "plans for the next two years of cooperation with universities."] * 4
    assert clean_body("\n".join(article + tail)) == "\n".join(article)


def test_a_read_also_box_inside_the_article_drops_only_the_box() -> None:
    para = ("The first part of the article explains the plans of the cluster for the coming "
            "year in some detail, with numbers.")
    text = "\n".join([para, para, "Most read in world news", para + " More.", para + " End."])
    assert clean_body(text) == "\n".join([para, para, para + " More.", para + " End."])


@pytest.mark.parametrize(
    "line",
    ["Foto: dpa", "Crédits photos : Bestimage", "AFP / MARCO BERTORELLO", "Quelle: Landesregierung",
     "Aktualisiert am 03.02.2022", "Kategorie: News", "Inhaltsverzeichnis",
     "Auch lesen: Diese drei Sternzeichen verschenken ihr Herz",
     "Never miss the latest news by signing up to our newsletter today!",
     "Sie sind aktuell nicht eingeloggt.", "Anzeige, enthält Affiliate Links",
     "Klicken Sie auf den Button, um den Inhalt von www.komoot.de zu laden."],
)
def test_credits_bylines_teasers_and_calls_are_dropped(line: str) -> None:
    para = "A real paragraph of the post that stays in the text because it is content."
    assert clean_body(f"{para}\n{line}\n{para}") == f"{para}\n{para}"


def test_sentence_ending_with_a_navigation_word_is_kept() -> None:
    line = "Wenn der Führende vorbeilaufen will, zieht die Folgende den Führenden zurück"
    assert clean_body(line) == line
    assert clean_body("Mehr dazu im nächsten Bericht » Weiterlesen") == (
        "Mehr dazu im nächsten Bericht")


def test_layout_tables_become_divs_data_tables_stay() -> None:
    tree = parse_html(
        "<html><body><table><tr><td><h1>Convegno</h1><p>Primo paragrafo.</p>"
        "<p>Secondo paragrafo.</p><table><tr><td>10:00</td><td>Apertura</td></tr></table>"
        "</td></tr></table></body></html>")
    assert tree is not None
    assert unwrap_layout_tables(tree) == 1
    assert [t.xpath("string(.)") for t in tree.xpath("//table")] == ["10:00Apertura"]


def test_new_cities_and_inflected_forms() -> None:
    text = "w Gdyni, v Olomouci, a Genova, in Hannover, à Saint-Étienne, w Lwowie, v Plzni"
    assert [p.city for p in find_cities(text)] == [
        "Gdynia", "Olomouc", "Genoa", "Hanover", "Saint-Étienne", "Lviv", "Plzeň"]


@pytest.mark.parametrize(
    ("context", "status"),
    [
        ("The summit planned in Copenhagen will now take place online.", "moved_online"),
        ("Seminář v Olomouci proběhne nově online.", "moved_online"),
        ("Die Konferenz findet nun ausschließlich online statt.", "moved_online"),
        ("Le colloque se tiendra finalement en ligne.", "moved_online"),
        ("Das Webinar findet online statt.", "scheduled"),
        ("Spotkanie zostało odwołane.", "cancelled"),
        ("La fiera è rinviata a data da destinarsi.", "postponed"),
        ("Die Teilnahmegebühr entfällt.", "scheduled"),
    ],
)
def test_event_status_markers(context: str, status: str) -> None:
    assert status_of(context) == status


def test_evaluation_metrics() -> None:
    assert norm_title("  Ein «Titel»: heute!  ") == "ein titel heute"
    assert title_match("Ein Titel – heute", "ein titel heute") and not title_match(None, "x")
    perfect = shingle_match("one two three four five", "one two three four five")
    assert perfect == (1.0, 0.0, 0.0)
    half = shingle_match("a b c d e f", "a b c d x y")
    scores = body_scores([perfect, half])
    assert 0 < scores.f1 < 1 and scores.pages == 2
    assert snippet_counts("Der  Text\nhier", ["Text hier", "fehlt"], ["Der Text", "nicht"]) == (
        1, 1, 1, 1)
