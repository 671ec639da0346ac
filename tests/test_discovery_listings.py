"""Section detection on homepages and listing parsing (entries, dates, pagination, calendars)."""



from __future__ import annotations

import pytest

from clustercrawl.dates import find_date
from clustercrawl.discovery import Channel
from clustercrawl.discovery.listings import find_sections, parse_listing

# --------------------------------------------------------------------------- find_sections


def _menu(*items: tuple[str, str]) -> str:
    lis = "".join(f'<li class="menu-item"><a href="{h}">{t}</a></li>' for h, t in items)
    return (
        '<html><body><header id="masthead"><nav class="main-navigation"><ul id="menu-main">'
        f"{lis}</ul></nav></header><main><p>Witamy</p></main></body></html>"
    )


@pytest.mark.parametrize(
    ("home", "items", "news", "events"),
    [
        (
            "https://klaster.pl/",
            [
                ("/", "Strona główna"),
                ("/o-klastrze/", "O klastrze"),
                ("/aktualnosci/", "Aktualności"),
                ("/wydarzenia/", "Wydarzenia"),
                ("/kontakt/", "Kontakt"),
            ],
            ["https://klaster.pl/aktualnosci/"],
            ["https://klaster.pl/wydarzenia/"],
        ),
        (
            "https://cluster.de/",
            [
                ("/ueber-uns/", "Über uns"),
                ("/index.php?id=12", "Aktuelles"),
                ("/termine/", "Termine"),
                ("/presse/", "Presse"),
            ],
            ["https://cluster.de/index.php?id=12", "https://cluster.de/presse/"],
            ["https://cluster.de/termine/"],
        ),
        (
            "https://pole.fr/",
            [("/actualites/", "Actualités"), ("/agenda/", "Agenda"), ("/adherents/", "Adhérents")],
            ["https://pole.fr/actualites/"],
            ["https://pole.fr/agenda/"],
        ),
        (
            "https://cluster.es/",
            [("/noticias/", "Noticias"), ("/eventos/", "Eventos"), ("/socios/", "Socios")],
            ["https://cluster.es/noticias/"],
            ["https://cluster.es/eventos/"],
        ),
        (
            "https://distretto.it/",
            [("/notizie/", "Notizie"), ("/eventi/", "Eventi"), ("/chi-siamo/", "Chi siamo")],
            ["https://distretto.it/notizie/"],
            ["https://distretto.it/eventi/"],
        ),
        (
            "https://klastr.cz/",
            [("/aktuality/", "Aktuality"), ("/akce/", "Akce"), ("/clenove/", "Členové")],
            ["https://klastr.cz/aktuality/"],
            ["https://klastr.cz/akce/"],
        ),
        (
            "https://cluster.eu/",
            [("/news-events/", "News & Events"), ("/members/", "Members")],
            ["https://cluster.eu/news-events/"],
            [],
        ),
    ],
)
def test_find_sections_menus(
    home: str, items: list[tuple[str, str]], news: list[str], events: list[str]
) -> None:
    sections = find_sections(_menu(*items), home)
    assert sections.news == news
    assert sections.events == events


def test_find_sections_texts_slugs_and_exclusions() -> None:
    html = """<html><body><nav>
      <a href="/index.php/pl/">PL</a>
      <a href="/index.php?option=com_content&amp;view=category&amp;id=8&amp;Itemid=101">Novinky</a>
      <a href="/udalosti/">Události</a>
      <a href="https://facebook.com/news">News</a>
      <a href="/aktuality/feed/">RSS</a>
      </nav><main>
      <a href="/aktuality/2024/03/nova-vyzva/">Nová výzva</a>
      <a href="/category/projekty/">Projekty</a>
      <a href="/akce/">Všechny akce</a>
      </main></body></html>"""
    sections = find_sections(html, "https://klastr.cz/")
    assert sections.news == [
        "https://klastr.cz/index.php?option=com_content&view=category&id=8&Itemid=101",
    ]
    assert sections.events == ["https://klastr.cz/udalosti/", "https://klastr.cz/akce/"]
    assert find_sections("", "https://x.eu/").news == []


def test_find_sections_derived_from_post_urls_and_categories() -> None:
    html = """<html><body><div id="menu"><a href="/">Start</a><a href="/kontakt">Kontakt</a></div>
      <div class="box"><a href="/aktuelles/2024/wasserstoff-tag-im-cluster">Wasserstoff-Tag</a>
      <a href="/veranstaltungen/details/messe-hannover-2025">Messe</a>
      <a href="/kategorie/projekte/">Projekte</a></div></body></html>"""
    sections = find_sections(html, "https://cluster.de/")
    assert sections.news == ["https://cluster.de/aktuelles"]
    assert sections.events == ["https://cluster.de/veranstaltungen"]
    only_categories = """<html><body><nav><a href="/category/projekty/">Projekty</a>
      <a href="/category/szkolenia/">Szkolenia</a></nav></body></html>"""
    assert find_sections(only_categories, "https://klaster.pl/").news == [
        "https://klaster.pl/category/projekty/",
        "https://klaster.pl/category/szkolenia/",
    ]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "raw", "iso"),
    [
        ("Opublikowano 14.11.2018 przez admin", "14.11.2018", "2018-11-14"),
        ("05/05/2022", "05/05/2022", "2022-05-05"),
        ("03/06/2025", "03/06/2025", "2025-06-03"),
        ("05/13/2022", "05/13/2022", "2022-05-13"),
        ("24 października 2014", "24 października 2014", "2014-10-24"),
        ("am 8. Oktober 2020 in Berlin", "8. Oktober 2020", "2020-10-08"),
        ("le 1er juillet 2021", "1er juillet 2021", "2021-07-01"),
        ("25 de noviembre de 2025", "25 de noviembre de 2025", "2025-11-25"),
        ("Giovedì 5 maggio 2022 - 18:20", "5 maggio 2022", "2022-05-05"),
        ("5. 6. 2025", "5. 6. 2025", "2025-06-05"),
        ("20. října 2014", "20. října 2014", "2014-10-20"),
        ("Posted on November 14, 2018", "November 14, 2018", "2018-11-14"),
        ("2024-05-14", "2024-05-14", "2024-05-14"),
        ("20-21 października 2014", "20-21 października 2014", None),
        ("21-22.10.2014", "21-22.10.2014", None),
        ("14 listopada", "14 listopada", None),
        ("14.11.18", "14.11.18", None),
        # month names from every words file: Croatian, Romanian, Finnish, Slovak
        ("12. studenoga 2024.", "12. studenoga 2024", "2024-11-12"),
        ("3 martie 2023", "3 martie 2023", "2023-03-03"),
        ("5. joulukuuta 2022", "5. joulukuuta 2022", "2022-12-05"),
        ("9. septembra 2021", "9. septembra 2021", "2021-09-09"),
        # a year-less abbreviation needs a dot, capitals, or a language that capitalises
        ("14. Nov", "14. Nov", None),
        ("14 NOV", "14 NOV", None),
        ("18 Aug", "18 Aug", None),
        ("3 lis. 2024", "3 lis. 2024", "2024-11-03"),
        ("Top 5 out of 10 firms, 12.03.2024", "12.03.2024", "2024-03-12"),
    ],
)
def test_find_date(text: str, raw: str, iso: str | None) -> None:
    found = find_date(text)
    assert found is not None
    assert found.raw == raw
    assert found.iso == iso


def test_find_date_none() -> None:
    assert find_date("12 osób, 3 firmy") is None
    assert find_date("31.02.2020") is None
    assert find_date("") is None
    assert find_date("5 pro kluby") is None  # Czech "pro" (December) is a word too
    assert find_date("iPhone 14 Pro") is None
    assert find_date("Finale 3er Set") is None  # Italian "set" is written in lower case


# --------------------------------------------------------------------------- listings

WP_LISTING = """<!DOCTYPE html><html lang="pl-PL"><head>
<link rel="next" href="https://klaster.pl/aktualnosci/page/2/" />
</head><body class="archive category">
<header id="masthead"><nav class="main-navigation"><ul>
  <li><a href="/o-nas/">O nas</a></li><li><a href="/aktualnosci/">Aktualności</a></li>
</ul></nav></header>
<main id="main">
<h1 class="page-title">Aktualności</h1>
<article id="post-4711" class="post-4711 post type-post status-publish hentry">
  <header class="entry-header">
    <h2 class="entry-title"><a href="https://klaster.pl/2024/05/14/konferencja-klastrow/" rel="bookmark">Konferencja klastrów 2024</a></h2>
    <div class="entry-meta"><span class="posted-on"><a href="https://klaster.pl/2024/05/14/konferencja-klastrow/"><time class="entry-date published" datetime="2024-05-14T10:30:00+02:00">14 maja 2024</time></a></span>
    <span class="cat-links"><a href="https://klaster.pl/category/aktualnosci/">Aktualności</a></span></div>
  </header>
  <div class="entry-summary"><p>W dniach 7-8 maja odbyła się konferencja klastrów w Brukseli. [&hellip;]</p>
  <a class="more-link" href="https://klaster.pl/2024/05/14/konferencja-klastrow/">Czytaj dalej</a></div>
</article>
<article id="post-4700" class="post-4700 post type-post hentry">
  <header class="entry-header">
    <h2 class="entry-title"><a href="https://klaster.pl/2024/04/02/nabor-do-projektu/">Nabór do projektu</a></h2>
    <span class="posted-on">02.04.2024</span>
  </header>
  <div class="entry-summary"><p>Ruszył nabór firm do projektu wsparcia eksportu.</p></div>
</article>
<nav class="navigation pagination" aria-label="Wpisy">
  <h2 class="screen-reader-text">Nawigacja po wpisach</h2>
  <div class="nav-links"><span aria-current="page" class="page-numbers current">1</span>
  <a class="page-numbers" href="https://klaster.pl/aktualnosci/page/2/">2</a>
  <a class="page-numbers" href="https://klaster.pl/aktualnosci/page/3/">3</a>
  <a class="next page-numbers" href="https://klaster.pl/aktualnosci/page/2/">Następna</a></div>
</nav>
</main>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries">
  <h2 class="widget-title">Ostatnie wpisy</h2>
  <ul><li><a href="https://klaster.pl/2023/12/01/stary-wpis/">Stary wpis z grudnia</a></li></ul>
</section></aside>
<footer class="site-footer"><a href="/polityka-prywatnosci/">Polityka prywatności</a></footer>
</body></html>"""


def test_wordpress_listing() -> None:
    listing = parse_listing(WP_LISTING, "https://klaster.pl/aktualnosci/")
    assert [e.url for e in listing.entries] == [
        "https://klaster.pl/2024/05/14/konferencja-klastrow/",
        "https://klaster.pl/2024/04/02/nabor-do-projektu/",
    ]
    first, second = listing.entries
    assert first.channel is Channel.LISTING
    assert first.source_url == "https://klaster.pl/aktualnosci/"
    assert first.title == "Konferencja klastrów 2024"
    assert first.published == "2024-05-14T10:30:00+02:00"
    assert first.extra["date_text"] == "14 maja 2024"
    assert first.summary == "W dniach 7-8 maja odbyła się konferencja klastrów w Brukseli."
    assert second.published == "2024-04-02"
    assert second.extra["date_text"] == "02.04.2024"
    assert listing.next_pages == [
        "https://klaster.pl/aktualnosci/page/2/",
        "https://klaster.pl/aktualnosci/page/3/",
    ]
    assert listing.calendar_pages == []


JOOMLA_LISTING = """<html><body>
<div class="moduletable_menu"><ul class="nav menu"><li><a href="/index.php/pl/">Start</a></li></ul></div>
<div class="blog" itemscope itemtype="https://schema.org/Blog">
 <div class="items-leading clearfix">
  <div class="leading-0" itemprop="blogPost" itemscope itemtype="https://schema.org/BlogPosting">
   <div class="page-header"><h2 itemprop="name">
     <a href="/index.php/pl/aktualnosci/125-spotkanie-czlonkow-klastra" itemprop="url">Spotkanie członków klastra</a></h2></div>
   <dl class="article-info muted"><dd class="published">
     <time datetime="2019-03-04T09:12:00+00:00" itemprop="datePublished">Opublikowano: 04 marzec 2019</time></dd></dl>
   <p>Zapraszamy wszystkich członków na walne zgromadzenie klastra.</p>
   <p class="readmore"><a class="btn" href="/index.php/pl/aktualnosci/125-spotkanie-czlonkow-klastra">Czytaj więcej: Spotkanie członków klastra</a></p>
  </div>
 </div>
 <div class="items-row cols-1 row-0 row-fluid clearfix"><div class="span12"><div class="item column-1" itemprop="blogPost">
   <div class="page-header"><h2 itemprop="name"><a href="/index.php/pl/aktualnosci/124-warsztaty-eksportowe" itemprop="url">Warsztaty eksportowe</a></h2></div>
   <dl class="article-info"><dd class="published">Opublikowano: 12.02.2019</dd></dl>
 </div></div></div>
 <div class="pagination"><p class="counter pull-right">Strona 1 z 4</p>
  <ul class="pagination-list">
   <li class="active"><a>1</a></li>
   <li><a href="/index.php/pl/aktualnosci?start=10" class="pagenav">2</a></li>
   <li><a href="/index.php/pl/aktualnosci?start=20" class="pagenav">3</a></li>
   <li><a title="Następna" href="/index.php/pl/aktualnosci?start=10" class="hasTooltip pagenav">Następna</a></li>
   <li><a title="Koniec" href="/index.php/pl/aktualnosci?limitstart=30" class="pagenav">Koniec</a></li>
  </ul></div>
</div></body></html>"""


def test_joomla_listing() -> None:
    listing = parse_listing(JOOMLA_LISTING, "https://klaster.pl/index.php/pl/aktualnosci")
    assert [e.url for e in listing.entries] == [
        "https://klaster.pl/index.php/pl/aktualnosci/125-spotkanie-czlonkow-klastra",
        "https://klaster.pl/index.php/pl/aktualnosci/124-warsztaty-eksportowe",
    ]
    first, second = listing.entries
    assert first.title == "Spotkanie członków klastra"
    assert first.published == "2019-03-04T09:12:00Z"
    assert first.summary == "Zapraszamy wszystkich członków na walne zgromadzenie klastra."
    assert second.published == "2019-02-12"
    assert listing.next_pages[0] == "https://klaster.pl/index.php/pl/aktualnosci?start=10"
    assert set(listing.next_pages) == {
        "https://klaster.pl/index.php/pl/aktualnosci?start=10",
        "https://klaster.pl/index.php/pl/aktualnosci?start=20",
        "https://klaster.pl/index.php/pl/aktualnosci?limitstart=30",
    }


TYPO3_LISTING = """<html><body>
<nav class="navbar"><a href="/aktuelles/">Aktuelles</a><a href="/veranstaltungen/">Veranstaltungen</a></nav>
<div class="news"><div class="news-list-view" id="news-container-123">
 <div class="article articletype-0" itemscope="itemscope" itemtype="http://schema.org/Article">
  <div class="header"><h3><a title="Wasserstoff-Tag 2018" href="/aktuelles/detail/wasserstoff-tag-2018/"><span itemprop="headline">Wasserstoff-Tag 2018</span></a></h3></div>
  <div class="footer"><p><span class="news-list-date"><time itemprop="datePublished" datetime="2018-11-14">14.11.2018</time></span></p></div>
  <div class="teaser-text"><div itemprop="description"><p>Rund 200 Teilnehmer diskutierten über Wasserstoff in der Region.</p></div>
   <a class="more" title="Wasserstoff-Tag 2018" href="/aktuelles/detail/wasserstoff-tag-2018/">Weiterlesen</a></div>
 </div>
 <div class="article articletype-0" itemscope="itemscope" itemtype="http://schema.org/Article">
  <div class="header"><h3><a href="/aktuelles/detail/neues-mitglied/"><span itemprop="headline">Neues Mitglied im Cluster</span></a></h3></div>
  <div class="footer"><p><span class="news-list-date"><time datetime="2018-10-02">02.10.2018</time></span></p></div>
 </div>
 <div class="news-list-browse"><div class="page-navigation">
  <p>Seite 1 von 3.</p>
  <ul class="f3-widget-paginator">
   <li class="current">1</li>
   <li><a href="/aktuelles/?tx_news_pi1%5B%40widget_0%5D%5BcurrentPage%5D=2&amp;cHash=6f4bc1cd29e55e1e0e4e9b5f3b15d4d1">2</a></li>
   <li><a href="/aktuelles/?tx_news_pi1%5B%40widget_0%5D%5BcurrentPage%5D=3&amp;cHash=0a7a0b0c1d2e3f405162738495a6b7c8">3</a></li>
   <li class="next"><a href="/aktuelles/?tx_news_pi1%5B%40widget_0%5D%5BcurrentPage%5D=2&amp;cHash=6f4bc1cd29e55e1e0e4e9b5f3b15d4d1">nächste</a></li>
  </ul></div></div>
</div></div></body></html>"""


def test_typo3_listing_percent_encoded_pager() -> None:
    listing = parse_listing(TYPO3_LISTING, "https://cluster.de/aktuelles/")
    assert [e.url for e in listing.entries] == [
        "https://cluster.de/aktuelles/detail/wasserstoff-tag-2018/",
        "https://cluster.de/aktuelles/detail/neues-mitglied/",
    ]
    first = listing.entries[0]
    assert first.title == "Wasserstoff-Tag 2018"
    assert first.published == "2018-11-14"
    assert first.extra["date_text"] == "14.11.2018"
    assert first.summary == "Rund 200 Teilnehmer diskutierten über Wasserstoff in der Region."
    page2 = (
        "https://cluster.de/aktuelles/?tx_news_pi1%5B%40widget_0%5D%5BcurrentPage%5D=2"
        "&cHash=6f4bc1cd29e55e1e0e4e9b5f3b15d4d1"
    )
    assert listing.next_pages[0] == page2
    assert len(listing.next_pages) == 2
    assert all("currentPage" in p for p in listing.next_pages)


def test_typo3_plain_current_page_on_page_two() -> None:
    html = """<html><body><div class="news-list-view">
     <div class="article"><h3><a href="/news/detail/a-b-c/">Alpha beta gamma news</a></h3></div>
     <div class="article"><h3><a href="/news/detail/d-e-f/">Delta epsilon news item</a></h3></div>
     </div><ul class="pagination">
     <li><a href="/news?tx_news_pi1[currentPage]=1&amp;cHash=1">1</a></li>
     <li><a href="/news?tx_news_pi1[currentPage]=3&amp;cHash=3">3</a></li></ul></body></html>"""
    url = "https://cluster.at/news?tx_news_pi1[currentPage]=2&cHash=2"
    listing = parse_listing(html, url)
    assert len(listing.entries) == 2
    assert len(listing.next_pages) == 2
    assert url not in listing.next_pages


DRUPAL_LISTING = """<html><body><div class="region region-content">
<div class="view view-news view-id-news view-display-id-page_1"><div class="view-content">
  <div class="views-row"><div class="views-field views-field-title"><span class="field-content">
    <a href="/news/cluster-meets-industry-2022" hreflang="en">Cluster meets industry 2022</a></span></div>
    <div class="views-field views-field-created"><span class="field-content">05/05/2022</span></div>
    <div class="views-field views-field-body"><div class="field-content">Over forty companies met at the annual matchmaking day of the cluster.</div></div></div>
  <div class="views-row"><div class="views-field views-field-title"><span class="field-content">
    <a href="/node/812" hreflang="en">New members joined the cluster</a></span></div>
    <div class="views-field views-field-created"><span class="field-content">21/04/2022</span></div></div>
</div>
<nav class="pager" role="navigation" aria-labelledby="pagination-heading">
  <ul class="pager__items js-pager__items">
    <li class="pager__item is-active"><a href="?page=0" title="Current page">1</a></li>
    <li class="pager__item"><a href="?page=1" title="Go to page 2">2</a></li>
    <li class="pager__item"><a href="?page=2" title="Go to page 3">3</a></li>
    <li class="pager__item pager__item--next"><a href="?page=1" title="Go to next page" rel="next">Next ›</a></li>
    <li class="pager__item pager__item--last"><a href="?page=7" title="Go to last page">Last »</a></li>
  </ul></nav></div></div></body></html>"""


def test_drupal_listing_zero_based_pager() -> None:
    listing = parse_listing(DRUPAL_LISTING, "https://cluster.eu/news")
    assert [e.url for e in listing.entries] == [
        "https://cluster.eu/news/cluster-meets-industry-2022",
        "https://cluster.eu/node/812",
    ]
    first, second = listing.entries
    assert first.published == "2022-05-05"
    assert second.published == "2022-04-21"
    assert first.summary is not None and first.summary.startswith("Over forty companies")
    assert listing.next_pages == [
        "https://cluster.eu/news?page=1",
        "https://cluster.eu/news?page=0",
        "https://cluster.eu/news?page=2",
        "https://cluster.eu/news?page=7",
    ]


HOMEMADE_TABLE = """<html><body><table width="100%"><tr><td>
<a href="index.php">Strona główna</a> | <a href="kontakt.php">Kontakt</a>
</td></tr></table>
<table class="tresc">
<tr><td class="data">24 października 2014</td><td><a href="aktualnosci.php?id=15">Klaster na targach w Hanowerze</a></td></tr>
<tr><td class="data">14.11.2014</td><td><a href="aktualnosci.php?id=16">Spotkanie z przedstawicielami samorządu</a></td></tr>
<tr><td class="data">20-21 listopada 2014</td><td><a href="aktualnosci.php?id=17">Warsztaty dla firm z branży</a></td></tr>
</table>
<p>Strony: <a href="aktualnosci.php?pag=2">2</a> <a href="aktualnosci.php?pag=3">3</a> <a href="aktualnosci.php?pag=2">»</a></p>
</body></html>"""


def test_homemade_table_listing() -> None:
    listing = parse_listing(HOMEMADE_TABLE, "https://klaster-old.pl/aktualnosci.php")
    assert [e.url for e in listing.entries] == [
        "https://klaster-old.pl/aktualnosci.php?id=15",
        "https://klaster-old.pl/aktualnosci.php?id=16",
        "https://klaster-old.pl/aktualnosci.php?id=17",
    ]
    first, second, third = listing.entries
    assert first.title == "Klaster na targach w Hanowerze"
    assert first.published == "2014-10-24"
    assert second.published == "2014-11-14"
    assert third.published is None and third.extra["date_text"] == "20-21 listopada 2014"
    assert listing.next_pages == [
        "https://klaster-old.pl/aktualnosci.php?pag=2",
        "https://klaster-old.pl/aktualnosci.php?pag=3",
    ]


CZ_LIST = """<html><body><div id="obsah"><ul class="clanky">
<li><span>19.02.2025</span> <a href="/aktuality/vyzva-pro-cleny-klastru">Výzva pro členy klastru na rok 2025</a></li>
<li><span>5. 2. 2025</span> <a href="/aktuality/valna-hromada-klastru">Valná hromada klastru proběhla</a></li>
<li><span>10. 1. 2025</span> <a href="/aktuality/novorocni-setkani">Novoroční setkání členů a partnerů</a></li>
</ul><div class="strankovani"><a href="/aktuality?strana=2">Další</a></div></div></body></html>"""


def test_czech_list_with_strana() -> None:
    listing = parse_listing(CZ_LIST, "https://klastr.cz/aktuality")
    assert [e.published for e in listing.entries] == ["2025-02-19", "2025-02-05", "2025-01-10"]
    assert listing.next_pages == ["https://klastr.cz/aktuality?strana=2"]


CALENDAR = """<html><body><div class="tribe-events-view tribe-events-view--month">
<div class="tribe-events-c-top-bar__nav"><ul>
 <li><a href="https://klaster.pl/wydarzenia/miesiac/2025-05/" class="tribe-events-c-top-bar__nav-link--prev">Poprzedni</a></li>
 <li><a href="https://klaster.pl/wydarzenia/miesiac/2025-07/" class="tribe-events-c-top-bar__nav-link--next">Następny</a></li>
</ul></div>
<a href="https://klaster.pl/wydarzenia/lista/?tribe-bar-date=2025-06-01">Lista</a>
<a href="https://klaster.pl/wydarzenia/?month=2025-08">Sierpień</a>
<a href="https://klaster.pl/wydarzenia/?y=2025&amp;m=9">Wrzesień</a>
<article class="tribe-events-calendar-month__calendar-event">
 <h3 class="tribe-events-calendar-month__calendar-event-title"><a href="https://klaster.pl/wydarzenie/forum-wodorowe-2025/">Forum Wodorowe 2025</a></h3>
 <time datetime="2025-06-12">12 czerwca 2025</time></article>
<article class="tribe-events-calendar-month__calendar-event">
 <h3><a href="https://klaster.pl/wydarzenie/webinar-eksport/">Webinar: eksport do Niemiec</a></h3>
 <span>20-21 czerwca 2025</span></article>
</div></body></html>"""


def test_calendar_month_page() -> None:
    listing = parse_listing(CALENDAR, "https://klaster.pl/wydarzenia/miesiac/2025-06/")
    assert [e.url for e in listing.entries] == [
        "https://klaster.pl/wydarzenie/forum-wodorowe-2025/",
        "https://klaster.pl/wydarzenie/webinar-eksport/",
    ]
    first, second = listing.entries
    assert first.published is None
    assert first.extra["event_start"] == "2025-06-12"
    assert second.extra["event_date_text"] == "20-21 czerwca 2025"
    assert listing.next_pages == []
    assert listing.calendar_pages == [
        "https://klaster.pl/wydarzenia/miesiac/2025-05/",
        "https://klaster.pl/wydarzenia/miesiac/2025-07/",
        "https://klaster.pl/wydarzenia/lista/?tribe-bar-date=2025-06-01",
        "https://klaster.pl/wydarzenia/?month=2025-08",
        "https://klaster.pl/wydarzenia/?y=2025&m=9",
    ]


def test_p_parameter_is_pagination_only_with_pager_text() -> None:
    html = """<html><body><div class="lista">
    <div class="wpis"><h2><a href="/?p=123">Pierwszy wpis na stronie głównej</a></h2></div>
    <div class="wpis"><h2><a href="/?p=124">Drugi wpis na stronie głównej</a></h2></div>
    </div><div class="stronicowanie"><a href="/?p=2">2</a> <a href="/?p=3">3</a></div>
    </body></html>"""
    listing = parse_listing(html, "https://klaster.pl/")
    assert [e.url for e in listing.entries] == [
        "https://klaster.pl/?p=123",
        "https://klaster.pl/?p=124",
    ]
    assert listing.next_pages == ["https://klaster.pl/?p=2", "https://klaster.pl/?p=3"]


def test_generic_repeated_blocks_without_known_classes() -> None:
    html = """<html><body><div id="content"><div class="lst">
      <div class="x"><b>03/06/2025</b><br><a href="/show.php?nid=9">Spotkanie sieciujące firm w Lublinie</a>
        <div>Krótki opis spotkania sieciującego dla członków klastra.</div></div>
      <div class="x"><b>28/05/2025</b><br><a href="/show.php?nid=8">Nowy projekt badawczy klastra</a></div>
      <div class="x"><b>11/05/2025</b><br><a href="/show.php?nid=7">Klaster na targach Hannover Messe</a></div>
    </div></div></body></html>"""
    listing = parse_listing(html, "https://klaster.lublin.pl/news.php")
    assert [e.published for e in listing.entries] == ["2025-06-03", "2025-05-28", "2025-05-11"]
    assert listing.entries[0].summary == "Krótki opis spotkania sieciującego dla członków klastra."


def test_empty_and_junk_pages() -> None:
    assert parse_listing("", "https://x.eu/").entries == []
    menu_only = _menu(("/a/", "A"), ("/b/", "B"), ("/c/", "C"))
    assert parse_listing(menu_only, "https://x.eu/").entries == []


ELEMENTOR = """<html><body><div class="elementor-widget-container">
<div class="elementor-posts-container elementor-posts elementor-grid">
 <article class="elementor-post elementor-grid-item post-881 post type-post">
  <a class="elementor-post__thumbnail__link" href="https://klaster.pl/nowi-czlonkowie-klastra-2024/"><div class="elementor-post__thumbnail"><img src="a.jpg" alt=""></div></a>
  <div class="elementor-post__text">
   <h3 class="elementor-post__title"><a href="https://klaster.pl/nowi-czlonkowie-klastra-2024/">Nowi członkowie klastra</a></h3>
   <div class="elementor-post__meta-data"><span class="elementor-post-date">14 maja 2024</span></div>
   <div class="elementor-post__excerpt"><p>Do klastra dołączyły trzy nowe firmy z branży energetycznej.</p></div>
   <a class="elementor-post__read-more" href="https://klaster.pl/nowi-czlonkowie-klastra-2024/">Czytaj więcej »</a>
  </div></article>
 <article class="elementor-post elementor-grid-item post-870 post type-post">
  <div class="elementor-post__text">
   <h3 class="elementor-post__title"><a href="https://klaster.pl/szkolenie-z-wodoru-dla-firm/">Szkolenie z wodoru dla firm</a></h3>
   <div class="elementor-post__meta-data"><span class="elementor-post-date">2 kwietnia 2024</span></div>
  </div></article>
</div>
<nav class="elementor-pagination" aria-label="Stronicowanie"><span class="page-numbers current">1</span>
<a class="page-numbers" href="https://klaster.pl/aktualnosci/2/">2</a>
<a class="page-numbers next" href="https://klaster.pl/aktualnosci/2/">Następna &raquo;</a></nav>
</div></body></html>"""


def test_elementor_posts_widget() -> None:
    listing = parse_listing(ELEMENTOR, "https://klaster.pl/aktualnosci/")
    assert [(e.url, e.title, e.published) for e in listing.entries] == [
        (
            "https://klaster.pl/nowi-czlonkowie-klastra-2024/",
            "Nowi członkowie klastra",
            "2024-05-14",
        ),
        (
            "https://klaster.pl/szkolenie-z-wodoru-dla-firm/",
            "Szkolenie z wodoru dla firm",
            "2024-04-02",
        ),
    ]
    assert (
        listing.entries[0].summary == "Do klastra dołączyły trzy nowe firmy z branży energetycznej."
    )
    assert listing.next_pages == ["https://klaster.pl/aktualnosci/2/"]


BLOCK_THEME = """<html><body><main class="wp-block-group">
<div class="wp-block-query"><ul class="wp-block-post-template">
 <li class="wp-block-post post-12 post type-post"><h2 class="wp-block-post-title"><a href="https://pole.fr/salon-de-l-hydrogene/">Salon de l’hydrogène</a></h2>
  <div class="wp-block-post-date"><time datetime="2024-03-05T10:00:00+01:00">5 mars 2024</time></div>
  <div class="wp-block-post-excerpt"><p class="wp-block-post-excerpt__excerpt">Le pôle était présent au salon avec six adhérents. </p></div></li>
 <li class="wp-block-post post-11 post type-post"><h2 class="wp-block-post-title"><a href="https://pole.fr/assemblee-generale-2024/">Assemblée générale 2024</a></h2>
  <div class="wp-block-post-date"><time datetime="2024-02-01T09:00:00+01:00">1 février 2024</time></div></li>
</ul>
<nav class="wp-block-query-pagination" aria-label="Pagination">
 <div class="wp-block-query-pagination-numbers"><span aria-current="page" class="page-numbers current">1</span>
 <a class="page-numbers" href="?query-1-page=2">2</a></div>
 <a href="?query-1-page=2" class="wp-block-query-pagination-next">Page suivante</a></nav>
</div></main></body></html>"""


def test_wordpress_block_theme_query_loop() -> None:
    listing = parse_listing(BLOCK_THEME, "https://pole.fr/actualites/")
    assert [e.published for e in listing.entries] == [
        "2024-03-05T10:00:00+01:00",
        "2024-02-01T09:00:00+01:00",
    ]
    assert listing.entries[0].title == "Salon de l’hydrogène"
    assert listing.next_pages == ["https://pole.fr/actualites/?query-1-page=2"]


PLAIN_WP = """<html><body class="archive category right-sidebar nav-float-right" itemscope>
<header class="site-header" id="masthead"><nav class="main-navigation"><ul class="menu">
<li><a href="http://x.eu/">Home</a></li><li><a href="http://x.eu/?cat=3">News</a></li>
<li><a href="http://x.eu/?cat=4">Events</a></li><li><a href="http://x.eu/?page_id=2">About us</a></li>
</ul></nav></header>
<div class="site grid-container has-sidebar"><main class="site-main">
<article class="post type-post"><h2 class="entry-title"><a href="http://x.eu/?p=571">Looking back at Green Industry Summit</a></h2>
<time class="entry-date published" datetime="2025-05-29T09:24:00+02:00">29 May 2025</time></article>
<article class="post type-post"><h2 class="entry-title"><a href="http://x.eu/?p=548">Workshop on AI in manufacturing</a></h2></article>
<nav class="paging-navigation"><div class="nav-links"><a class="page-numbers" href="http://x.eu/?cat=3&amp;paged=2">2</a></div></nav>
</main><div class="widget-area sidebar"><aside class="widget"><a href="http://x.eu/?p=1">Hello world from the sidebar</a></aside></div></div>
</body></html>"""


def test_layout_classes_on_body_are_not_chrome_and_query_categories_are_sections() -> None:
    sections = find_sections(PLAIN_WP, "http://x.eu/")
    assert sections.news == ["http://x.eu/?cat=3"]
    assert sections.events == ["http://x.eu/?cat=4"]
    listing = parse_listing(PLAIN_WP, "http://x.eu/?cat=3")
    assert [e.url for e in listing.entries] == ["http://x.eu/?p=571", "http://x.eu/?p=548"]
    assert listing.next_pages == ["http://x.eu/?cat=3&paged=2"]
