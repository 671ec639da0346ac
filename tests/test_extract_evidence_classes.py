"""Classes of disagreement between our publication dates / headlines and htmldate's or the
gold's, found on third-party pages (issue 14) and reproduced here in our own words: each
test is one pattern, not one page."""

from __future__ import annotations

from clustercrawl.extract import extract_post

URL = "https://news.example.de/beitrag/neue-halle"


def _doc(head: str, body: str, lang: str = "de") -> str:
    return (f'<html lang="{lang}"><head>{head}</head><body>{body}'
            "<p>Der Verband hat am Montag eine neue Halle eröffnet. Sie bietet Platz für "
            "zwanzig Firmen, die dort gemeinsam an Prototypen arbeiten.</p></body></html>")


# ---------------------------------------------------------------- dates


def test_visible_time_element_beats_a_meta_date_of_another_day() -> None:
    """A <time datetime> that readers see in the post's meta row names the day; the page's
    <meta> carries a re-save date (no byline text next to the headline)."""
    head = ('<title>Neue Halle</title><meta property="article:published_time" '
            'content="2023-03-09T10:00:00+01:00">')
    teaser = "Die Halle liegt am Stadtrand und ist mit der Bahn gut erreichbar. " * 8
    body = ('<div class="wrap"><h1>Neue Halle für junge Firmen</h1></div>'
            f'<aside class="article__wrap"><p class="intro">{teaser}</p>'
            '<div class="meta"><p class="meta__row meta__row--posted"><span>Online seit'
            '</span> <time datetime="2023-03-02">02.03.2023 - 11:15</time></p></div></aside>')
    out = extract_post(_doc(head, body), URL)
    assert out["published"]["value"][:10] == "2023-03-02"


def test_visible_time_element_skips_lists_of_other_posts() -> None:
    """The post's <time> (shown in the title block) is the page's date even though a list of
    other press releases below shows several more."""
    others = "".join(f'<li><a href="/b{i}">Meldung {i}</a> <time datetime="2023-0{i}-01 '
                     f'09:00">01.0{i}.2023 09:00</time></li>' for i in range(1, 5))
    lead = "Die Halle liegt am Stadtrand und ist mit der Bahn gut erreichbar. " * 12
    body = ('<div class="title-holder"><h1>Neue Halle für junge Firmen</h1>'
            f'<p class="lead">{lead}</p><div class="col-right"><time '
            'datetime="2023-06-12 12:30">12.06.2023 12:30</time></div></div>'
            f'<div class="main">Text</div><ul class="weitere-block">{others}</ul>')
    out = extract_post(_doc("<title>Neue Halle</title>", body), URL)
    assert out["published"]["value"][:10] == "2023-06-12"


def test_time_element_showing_another_day_than_its_attribute_is_not_read() -> None:
    body = ('<h1>Neue Halle für junge Firmen</h1><p class="posted"><time '
            'datetime="2023-06-12">gestern</time></p>')
    out = extract_post(_doc("<title>Neue Halle</title>", body), URL)
    assert (out["published"]["value"] or "")[:10] != "2023-06-12" or (
        out["published"]["source"] != "text")


def test_hatom_abbr_published_in_the_post_footer() -> None:
    """Blog engines print the time only and keep the full instant in the title of an
    <abbr class="published"> inside the post's footer; a date quoted in the text is not
    the post's."""
    body = ('<div class="post"><h3 class="post-title">Rezension: Ein Sommerbuch</h3>'
            '<div class="post-body"><p>Gelesen vom 14.08.2017 an, im Urlaub.</p></div>'
            '<div class="post-footer"><span class="post-timestamp"><a href="/p">'
            '<abbr class="published" itemprop="datePublished" '
            'title="2017-09-09T10:52:00+02:00">10:52</abbr></a></span></div></div>')
    out = extract_post(_doc("<title>Rezension: Ein Sommerbuch</title>", body),
                       "https://buchblog.example.com/2017/09/rezension.html")
    assert out["published"]["value"][:10] == "2017-09-09"


# ---------------------------------------------------------------- headlines


def test_headline_in_an_h2_when_the_page_has_no_h1() -> None:
    head = "<title>Was der Mai bringt | Das Blog der Bücherei</title>"
    body = '<div id="content"><h2 class="entry">Was der Mai bringt</h2></div>'
    out = extract_post(_doc(head, body), URL)
    assert out["title"] == "Was der Mai bringt"


def test_ruby_reading_aids_are_not_part_of_the_headline() -> None:
    head = "<title>ニュース|新しい駅ができる</title>"
    body = ('<h1 class="article-title"><ruby>新<rt>あたら</rt></ruby>しい<ruby>駅<rt>えき'
            '</rt></ruby>ができる</h1>')
    out = extract_post(_doc(head, body, lang="ja"), "https://news.example.jp/a/1.html")
    assert out["title"] == "新しい駅ができる"


def test_styled_lead_kept_when_every_metadata_title_carries_it() -> None:
    """A lead line styled apart inside the h1 but carried by JSON-LD and og:title too is
    part of the headline as published."""
    full = "Streit vor dem Parteitag: Vorstand und Basis uneins"
    head = (f'<title>{full} | Tagblatt</title><meta property="og:title" content="{full}">'
            f'<script type="application/ld+json">{{"@type": "NewsArticle", '
            f'"headline": "{full}"}}</script>')
    body = ('<h1><span class="pf-title large">Streit vor dem Parteitag:</span><br>'
            '<span class="large blue">Vorstand und Basis uneins</span></h1>')
    out = extract_post(_doc(head, body), URL)
    assert out["title"] == full


def test_kicker_the_site_marks_as_such_is_dropped_even_if_metadata_carries_it() -> None:
    full = "Klimapolitik: Bohren, bis es warm wird"
    head = (f'<title>{full} | Wochenblatt</title><meta property="og:title" content="{full}">')
    for h1 in ('<h1><span class="heading__kicker">Klimapolitik</span><span class="sr-only">'
               ': </span><span class="heading__title">Bohren, bis es warm wird</span></h1>',
               '<h1><span class="green small">Klimapolitik</span><span class="invisible">'
               ': </span><span class="headline">Bohren, bis es warm wird</span></h1>'):
        out = extract_post(_doc(head, h1), URL)
        assert out["title"] == "Bohren, bis es warm wird", h1


def test_dateline_opening_a_paragraph_whose_text_is_cut_by_a_link() -> None:
    """"29.11.2022 – Mehrfach hatte die Branche <a>…</a> …": the paragraph's first text node
    is short because a link follows, yet it is a dateline."""
    lead = "Die Regierung hat am Freitag einen Entwurf beschlossen, der viele Fragen offen lässt. "
    body = ('<article><h1>Regierung bremst die Bioenergie, Branche protestiert</h1>'
            f'<p class="intro">{lead * 2}</p><div class="text"><p>14.03.2023 – Mehrfach und '
            'deutlich hatte die Branche die Nachteile des <a href="/gesetz">Gesetzes</a> '
            'beschrieben, doch ohne Erfolg.</p></div></article>')
    out = extract_post(_doc("<title>Bioenergie</title>", body), URL)
    assert out["published"]["value"][:10] == "2023-03-14"
    assert out["published"]["source"] == "text"


def test_deadline_opening_a_paragraph_is_no_dateline() -> None:
    body = ('<article><h1>Förderaufruf für junge Firmen im Cluster</h1><div class="text">'
            '<p>Einsendeschluss 14.03.2023 – bis dahin können sich Firmen mit einer kurzen '
            'Skizze bewerben.</p></div></article>')
    out = extract_post(_doc("<title>Förderaufruf</title>", body), URL)
    assert out["published"]["source"] != "text"  # not read as the post's dateline


def test_publication_label_in_the_page_footer_beats_the_modified_date_next_to_it() -> None:
    body = ('<h1>Eine Rezension über Vorfahren</h1><div class="text"><p>Ein Buch.</p></div>'
            '<div class="footerFirstLine">Letzte Änderung: 31.10.2023 - 14:49:39<br>'
            'Erschienen am: 01.11.2023<br>Aufrufe: 61</div>')
    out = extract_post(_doc("<title>Rezension</title>", body), URL)
    assert out["published"]["value"][:10] == "2023-11-01"


def test_update_label_alone_dates_a_page_that_shows_nothing_else() -> None:
    """No machine date, no byline, no date in the URL: "Letzte Änderung: …" in the page's
    info box is the date readers get (htmldate picks an old date from an image path)."""
    body = ('<h1>Neuer Wanderweg am See eröffnet</h1><img src="/bilder/2016-03-09/weg.jpg">'
            '<p>Die Bauarbeiten am Ufer hatten am 03.05.2021 begonnen und dauerten lange.</p>'
            f'<p>{"Der Weg führt durch Wiesen und Wald und ist gut beschildert. " * 12}</p>'
            '<div class="info"><label>Letzte Änderung:</label><div>14.01.2022 um 09:25</div>'
            '</div>')
    out = extract_post(_doc("<title>Wanderweg</title>", body), URL)
    assert out["published"]["value"][:10] == "2022-01-14"
    assert out["published"]["source"] == "text"


def test_lead_line_with_inline_css_is_cut_off_when_the_title_tag_lacks_it() -> None:
    """CSS-in-JS pages put <style> blocks inside the h1; the lead line ("Medienmitteilung
    der Direktion") is set apart and the <title> is the headline alone."""
    head = "<title>Impfen ist bis Ende Februar überall möglich</title>"
    body = ('<h1 class="css-1x"><style>.css-2y{font-size:16px;display:block;}</style>'
            '<span class="css-2y">Medienmitteilung der Direktion für Gesundheit '
            '<style>.css-3z{clip:rect(0 0 0 0);position:absolute;}</style>'
            '<span class="css-3z">:</span></span>Impfen ist bis Ende Februar überall möglich'
            '</h1>')
    out = extract_post(_doc(head, body), URL)
    assert out["title"] == "Impfen ist bis Ende Februar überall möglich"


def test_first_h2_titles_a_page_without_h1_when_it_reads_like_the_post() -> None:
    """Classic blog themes print the post's title in an h2 (no h1 at all); the <title> is
    the site's section name plus a word of it."""
    head = "<title>Feuerwehr Seestadt - Ausbildung</title>"
    body = ('<header><h2 class="slogan">Retten, Löschen, Bergen, Schützen</h2></header>'
            '<div id="inhalt"><h2>Bootsdienst Ausbildung</h2></div>')
    out = extract_post(_doc(head, body), URL)
    assert out["title"] == "Bootsdienst Ausbildung"


def test_first_h2_unrelated_to_every_metadata_title_is_not_the_headline() -> None:
    head = "<title>Geschichte</title>"
    body = '<div id="inhalt"><h2>Unsere Partner im Überblick</h2></div>'
    out = extract_post(_doc(head, body), URL)
    assert out["title"] == "Geschichte"
