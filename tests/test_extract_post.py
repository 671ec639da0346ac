"""End-to-end tests of extract_post over small hand-written pages (WordPress, Joomla, TYPO3,
Drupal, The Events Calendar, home-made), checked field by field and against the schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.extract import extract_post

SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "clustercrawl/data/post.schema.json").read_text()
)
CONTRACT_KEYS = {
    "url", "alias_urls", "translations", "is_post", "title", "language", "published",
    "modified", "summary", "body_text", "post_type", "event", "topics", "images",
    "attachments", "videos", "links_out", "warnings",
}


def check_schema(out: dict[str, Any]) -> None:
    """The parts of a post dict that go into a JSONL line unchanged must fit the schema."""
    assert set(out) >= CONTRACT_KEYS
    for key in ("event", "published", "call", "post_type", "language", "alias_urls",
                "translations", "images", "attachments", "videos", "modified", "summary",
                "body_text", "topics", "links_out"):
        sub = {"$defs": SCHEMA["$defs"], **SCHEMA["properties"][key]}
        jsonschema.validate(out[key], sub)


POLISH_JOOMLA = """<!DOCTYPE html>
<html lang="pl-pl" dir="ltr"><head><meta charset="utf-8">
<title>Europejska Konferencja Klastrów, Bruksela 21-22.10.2014 - Klaster Przykładowy</title>
<meta name="description" content="Przedstawiciele klastra wzięli udział w IV Europejskiej
Konferencji Klastrów w Brukseli.">
<link rel="canonical" href="https://klaster.example.pl/aktualnosci/112-europejska-konferencja">
</head><body class="site com_content view-article">
<header><div class="logo"><a href="/">Klaster Przykładowy</a></div>
<nav><ul><li><a href="/">Start</a></li><li><a href="/aktualnosci">Aktualności</a></li></ul></nav>
</header>
<main id="content"><div class="item-page" itemscope itemtype="https://schema.org/Article">
<div class="page-header"><h2 itemprop="headline">Europejska Konferencja Klastrów, Bruksela
21-22.10.2014</h2></div>
<dl class="article-info"><dt class="article-info-term">Szczegóły</dt>
<dd class="published">Opublikowano: 24.10.2014</dd><dd class="hits">Odsłony: 412</dd></dl>
<div itemprop="articleBody">
<p>IV Europejska Konferencja Klastrów odbyła się w dniach 20-21 października 2014 r.
w Brukseli. W wydarzeniu wzięli udział przedstawiciele klastrów z całej Europy, w tym
członkowie naszego klastra, którzy zaprezentowali swoje osiągnięcia.</p>
<p>Podczas konferencji dyskutowano o przyszłości polityki klastrowej Unii Europejskiej oraz
o roli klastrów w strategiach inteligentnej specjalizacji.<img src="/images/20141020_084207.jpg"
alt="">20141020_084207</p>
<p>Nagranie z sesji plenarnej: <a href="https://vimeo.com/109876543">zobacz wideo</a></p>
<p><a href="/images/konferencja/program.pdf">Program konferencji</a></p>
<p><a href="javascript:history.back()">Powrót</a></p>
</div></div></main>
<footer><p>Projekt współfinansowany ze środków Unii Europejskiej</p></footer>
</body></html>"""

URL_PL = "https://klaster.example.pl/aktualnosci/112-europejska-konferencja?Itemid=101"


def test_polish_example_joomla() -> None:
    out = extract_post(POLISH_JOOMLA, URL_PL, language="pl", timezone="Europe/Warsaw")
    check_schema(out)
    assert out["url"] == "https://klaster.example.pl/aktualnosci/112-europejska-konferencja"
    assert URL_PL in out["alias_urls"]
    assert out["title"] == "Europejska Konferencja Klastrów, Bruksela 21-22.10.2014"
    assert out["language"] == "pl"
    assert out["published"] == {"value": "2014-10-24", "source": "text", "precision": "day"}
    event = out["event"]
    assert (event["start"], event["end"]) == ("2014-10-20", "2014-10-21")
    assert event["date_conflict"] is True
    assert event["conflicting_date_text"] == "21-22.10.2014"
    assert event["date_text"] == "20-21 października 2014"
    assert event["date_source"] == "text"
    assert event["location"]["city"] == "Brussels"
    assert event["location"]["city_local"] == "Brukseli"
    # the event runs on Brussels time, whatever the reporting site's zone
    assert event["all_day"] is True and event["timezone"] == "Europe/Brussels"
    assert "title_body_date_conflict" in out["warnings"]
    assert "20141020_084207" not in out["body_text"]
    assert "Powrót" not in out["body_text"]
    assert "20-21 października 2014" in out["body_text"]
    assert "współfinansowany" not in out["body_text"]
    assert out["videos"] == [{"url": "https://vimeo.com/109876543", "provider": "vimeo"}]
    assert out["attachments"][0]["type"] == "pdf"
    assert out["post_type"] == "event_report"
    assert out["is_post"] is True


POLISH_WP = """<!DOCTYPE html><html lang="pl-PL"><head>
<title>Europejska Konferencja Klastrów, Bruksela 21-22.10.2014 &#8211; Klaster Morski</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Europejska Konferencja Klastrów, Bruksela 21-22.10.2014">
<meta property="og:site_name" content="Klaster Morski">
<meta property="article:published_time" content="2014-10-24T09:15:00+00:00">
<meta property="article:modified_time" content="2014-10-25T10:00:00+00:00">
<meta property="article:tag" content="konferencja"><meta property="article:tag" content="UE">
<link rel="shortlink" href="https://morski.example.pl/?p=812">
</head><body class="post-template-default single single-post postid-812">
<div id="page"><article id="post-812" class="post-812 post type-post">
<header class="entry-header"><h1 class="entry-title">Europejska Konferencja Klastrów, Bruksela
21-22.10.2014</h1></header>
<div class="entry-content">
<p>Konferencja odbyła się w dniach 20-21 października 2014 r. w Brukseli i zgromadziła ponad
700 uczestników z 40 krajów, przedstawicieli klastrów, regionów i Komisji Europejskiej.</p>
<p>Relacja wideo poniżej.20141020_084207</p>
<iframe src="https://player.vimeo.com/video/109876543?title=0" width="640"></iframe>
<p><a href="https://morski.example.pl/aktualnosci/">« Powrót</a></p>
</div></article></div></body></html>"""


def test_polish_example_wordpress_meta_date() -> None:
    url = "https://morski.example.pl/2014/10/24/europejska-konferencja-klastrow/"
    out = extract_post(POLISH_WP, url, language="pl", timezone="Europe/Warsaw")
    check_schema(out)
    # the same instants, shown in the site's zone (readers there see 24 October)
    assert out["published"]["value"] == "2014-10-24T11:15:00+02:00"
    assert out["published"]["source"] == "meta"
    assert out["modified"] == "2014-10-25T12:00:00+02:00"
    assert out["title"] == "Europejska Konferencja Klastrów, Bruksela 21-22.10.2014"
    assert "https://morski.example.pl/?p=812" in out["alias_urls"]
    assert out["topics"] == ["konferencja", "UE"]
    assert out["event"]["start"] == "2014-10-20" and out["event"]["end"] == "2014-10-21"
    assert out["event"]["date_conflict"] is True
    assert out["videos"] == [{"url": "https://vimeo.com/109876543", "provider": "vimeo"}]
    assert "20141020_084207" not in out["body_text"] and "Powrót" not in out["body_text"]
    assert out["body_text"].endswith("Relacja wideo poniżej.")
    assert out["post_type"] == "event_report"


def test_polish_example_date_from_url_only() -> None:
    html = POLISH_WP.replace('<meta property="article:published_time" '
                             'content="2014-10-24T09:15:00+00:00">', "")
    url = "https://morski.example.pl/2014/10/24/europejska-konferencja-klastrow/"
    out = extract_post(html, url, language="pl")
    assert out["published"] == {"value": "2014-10-24", "source": "url", "precision": "day"}


def test_polish_example_never_takes_an_event_date_as_published() -> None:
    html = POLISH_WP.replace('<meta property="article:published_time" '
                             'content="2014-10-24T09:15:00+00:00">', "").replace(
        '<meta property="article:modified_time" content="2014-10-25T10:00:00+00:00">', "")
    out = extract_post(html, "https://morski.example.pl/europejska-konferencja/", language="pl")
    value = out["published"]["value"]
    assert value is None or value[:10] not in {"2014-10-20", "2014-10-21", "2014-10-22"}
    assert out["event"]["start"] == "2014-10-20"


GERMAN_YOAST = """<!DOCTYPE html><html lang="de-DE"><head>
<title>Fachtagung Wasserstoff 2025 - Cluster Mechatronik</title>
<link rel="canonical" href="https://cluster.example.de/fachtagung-wasserstoff-2025/">
<link rel="shortlink" href="https://cluster.example.de/?p=123">
<link rel="alternate" hreflang="de" href="https://cluster.example.de/fachtagung-wasserstoff-2025/">
<link rel="alternate" hreflang="en" href="https://cluster.example.de/en/hydrogen-conference-2025/">
<link rel="alternate" hreflang="x-default" href="https://cluster.example.de/fachtagung-wasserstoff-2025/">
<meta property="og:type" content="article">
<meta property="og:title" content="Fachtagung Wasserstoff 2025 - Cluster Mechatronik">
<meta property="og:description" content="Am 3. bis 5. Juni 2025 lädt der Cluster nach München.">
<meta property="og:image" content="https://cluster.example.de/wp-content/uploads/2025/03/h2.jpg">
<script type="application/ld+json" class="yoast-schema-graph">{"@context":"https://schema.org",
"@graph":[{"@type":"Article","headline":"Fachtagung Wasserstoff 2025",
"datePublished":"2025-03-10T08:00:00+00:00","inLanguage":"de-DE",
"keywords":["Wasserstoff","Veranstaltungen"]},
{"@type":"WebPage","name":"Fachtagung Wasserstoff 2025 - Cluster Mechatronik"},
{"@type":"WebSite","name":"Cluster Mechatronik"}]}</script>
</head><body class="post-template-default single single-post postid-123">
<article><h1 class="entry-title">Fachtagung Wasserstoff 2025</h1>
<div class="entry-content">
<p>Die Fachtagung Wasserstoff findet vom 3. bis 5. Juni 2025 in München statt. Expertinnen
und Experten aus Industrie und Forschung stellen aktuelle Projekte vor.</p>
<p>Das <a href="/programm.docx">Programm</a> steht zum Download bereit. Partner:
<a href="https://www.h2-partner.eu/">H2 Partner</a>.</p>
<p>Jetzt anmelden!</p>
<div class="sharedaddy"><h3>Teilen mit:</h3><a href="https://twitter.com/intent/tweet?u=1">X</a></div>
</div></article></body></html>"""


def test_german_wordpress_event_announcement() -> None:
    out = extract_post(GERMAN_YOAST, "https://cluster.example.de/fachtagung-wasserstoff-2025/",
                       language="de", timezone="Europe/Berlin")
    check_schema(out)
    assert out["title"] == "Fachtagung Wasserstoff 2025"
    assert out["published"]["source"] == "jsonld"
    assert out["published"]["value"].startswith("2025-03-10")
    assert out["translations"] == [
        {"language": "en", "url": "https://cluster.example.de/en/hydrogen-conference-2025/"}]
    assert out["alias_urls"] == ["https://cluster.example.de/?p=123"]
    event = out["event"]
    assert (event["start"], event["end"]) == ("2025-06-03", "2025-06-05")
    assert event["location"]["city"] == "Munich"
    assert event["location"]["city_local"] == "München"
    assert event["location"]["country"] == "DE"
    assert out["post_type"] == "event_announcement"
    assert out["summary"] == "Am 3. bis 5. Juni 2025 lädt der Cluster nach München."
    assert out["topics"] == ["Wasserstoff", "Veranstaltungen"]
    assert out["attachments"] == [{"url": "https://cluster.example.de/programm.docx",
                                   "type": "docx", "title": "Programm"}]
    assert out["links_out"] == ["https://www.h2-partner.eu/"]
    assert out["images"][0]["url"].endswith("/h2.jpg")
    assert out["language"] == "de"


EVENTS_CALENDAR = """<!DOCTYPE html><html lang="en-GB"><head>
<title>Webinar: AI in manufacturing &#8211; ClusterNet</title>
<meta property="article:published_time" content="2025-05-02T10:00:00+00:00">
<script type="application/ld+json">[{"@context":"http://schema.org","@type":"Event",
"name":"Webinar: AI in manufacturing","description":"Online session for SMEs.",
"startDate":"2025-06-03T10:00:00+02:00","endDate":"2025-06-03T12:00:00+02:00",
"eventAttendanceMode":"https://schema.org/OnlineEventAttendanceMode",
"eventStatus":"https://schema.org/EventScheduled",
"location":{"@type":"VirtualLocation","url":"https://zoom.us/j/987"},
"organizer":[{"@type":"Person","name":"ClusterNet Europe"}],
"offers":{"@type":"Offer","url":"https://clusternet.example.eu/register"}}]</script>
</head><body class="single-tribe_events">
<div class="tribe-events-single"><h1 class="tribe-events-single-event-title">Webinar: AI in
manufacturing</h1>
<div class="tribe-events-schedule"><span>June 3 @ 10:00 - 12:00 CEST</span></div>
<div class="tribe-events-single-event-description"><p>A two-hour online session on
artificial intelligence for small manufacturers, with three case studies from cluster
members and time for questions.</p></div></div></body></html>"""


def test_events_calendar_jsonld_event() -> None:
    out = extract_post(EVENTS_CALENDAR, "https://clusternet.example.eu/event/webinar-ai/",
                       language="en", timezone="Europe/Brussels")
    check_schema(out)
    event = out["event"]
    assert event["date_source"] == "jsonld"
    assert event["start"] == "2025-06-03T10:00:00+02:00"
    assert event["end"] == "2025-06-03T12:00:00+02:00"
    assert event["all_day"] is False
    assert event["attendance"] == "online"
    assert event["status"] == "scheduled"
    assert event["name"] == "Webinar: AI in manufacturing"
    assert event["location"]["online_url"] == "https://zoom.us/j/987"
    assert event["organizers"] == ["ClusterNet Europe"]
    assert event["registration"]["url"] == "https://clusternet.example.eu/register"
    assert out["post_type"] == "event_announcement"
    assert out["title"] == "Webinar: AI in manufacturing"
    assert out["is_post"] is True


TYPO3_FR = """<!DOCTYPE html><html lang="fr"><head><title>Retour sur le Salon des
composites - Pôle Matériaux</title></head><body>
<div id="page"><div class="news news-single"><div class="article">
<div class="header"><h1>Retour sur le Salon des composites</h1></div>
<div class="news-list-date"><time itemprop="datePublished" datetime="2025-06-10">10/06/2025
</time></div>
<div class="news-text-wrap" itemprop="articleBody">
<p>Le pôle était présent au Salon des composites, organisé du 3 au 5 juin 2025 à Lyon.
Plus de 40 adhérents ont participé aux rencontres d'affaires.</p>
<p>Merci à tous les participants.</p><p><a href="/actualites/">Retour</a></p>
</div></div></div></div></body></html>"""


def test_typo3_french_event_report() -> None:
    out = extract_post(TYPO3_FR, "https://pole.example.fr/actualites/detail/retour-salon/",
                       language="fr", timezone="Europe/Paris")
    check_schema(out)
    assert out["title"] == "Retour sur le Salon des composites"
    assert out["published"] == {"value": "2025-06-10", "source": "meta", "precision": "day"}
    assert (out["event"]["start"], out["event"]["end"]) == ("2025-06-03", "2025-06-05")
    assert out["event"]["location"]["city"] == "Lyon"
    assert out["post_type"] == "event_report"
    assert "Retour" not in out["body_text"].split("\n")[-1]


DRUPAL_EN = """<!DOCTYPE html><html lang="en"><head><title>Matchmaking days in Brussels |
Cluster Platform</title></head>
<body class="path-node page-node-type-article"><main>
<article class="node node--type-article"><h1 class="page-title">Matchmaking days in
Brussels</h1>
<div class="node__meta">Submitted by <span>admin</span> on <span>05 July 2022</span></div>
<div class="field field--name-body"><p>The matchmaking days took place on 22 and 23 June 2022
in Brussels. More than 120 companies held 400 bilateral meetings.</p>
<p>Share this</p></div></article></main></body></html>"""


def test_drupal_submitted_by_and_report() -> None:
    out = extract_post(DRUPAL_EN, "https://platform.example.eu/node/77", language="en")
    check_schema(out)
    assert out["published"] == {"value": "2022-07-05", "source": "text", "precision": "day"}
    assert (out["event"]["start"], out["event"]["end"]) == ("2022-06-22", "2022-06-23")
    assert out["event"]["location"]["city"] == "Brussels"
    assert out["post_type"] == "event_report"
    assert out["title"] == "Matchmaking days in Brussels"
    assert "Share this" not in out["body_text"]


SPANISH_CALL = """<!DOCTYPE html><html lang="es-es"><head>
<title>Convocatoria de ayudas a la innovación 2024</title>
<meta name="article:published_time" content="2024-04-02">
</head><body><div class="item-page"><h1>Convocatoria de ayudas a la innovación 2024</h1>
<div itemprop="articleBody"><p>Se abre la convocatoria de ayudas para proyectos de
innovación de las pymes del clúster, en el marco del programa Horizon Europe.</p>
<p>El plazo de presentación de solicitudes finaliza el 31 de mayo de 2024 a las 14:00 horas.</p>
</div></div></body></html>"""


def test_spanish_call_with_deadline() -> None:
    out = extract_post(SPANISH_CALL, "https://cluster.example.es/convocatoria-2024",
                       language="es", timezone="Europe/Madrid")
    check_schema(out)
    assert out["post_type"] == "call"
    assert out["event"] is None
    assert out["call"]["deadline"] == "2024-05-31T14:00+02:00"
    assert out["call"]["programme"] == "Horizon Europe"
    assert out["published"]["value"] == "2024-04-02"


ITALIAN_REPORT = """<!DOCTYPE html><html lang="it"><head><title>Convegno sulla nautica
sostenibile</title></head><body><table><tr><td class="contenuto">
<h1>Convegno sulla nautica sostenibile</h1>
<p class="data">Pubblicato il 9 giugno 2025</p>
<p>Il convegno si è svolto dal 3 al 5 giugno 2025 a Milano e ha riunito oltre duecento
operatori del settore nautico, ricercatori e rappresentanti delle istituzioni regionali.</p>
<p>« Indietro</p></td></tr></table></body></html>"""


def test_home_made_italian_report() -> None:
    out = extract_post(ITALIAN_REPORT, "https://nautica.example.it/notizia.php?id=31",
                       language="it", timezone="Europe/Rome")
    check_schema(out)
    assert out["published"]["value"] == "2025-06-09"
    assert (out["event"]["start"], out["event"]["end"]) == ("2025-06-03", "2025-06-05")
    assert out["event"]["location"]["city"] == "Milan"
    assert out["post_type"] == "event_report"
    assert "Indietro" not in out["body_text"]


CZECH_YEARLESS = """<!DOCTYPE html><html lang="cs"><head><title>Konference Chytrá energie</title>
<meta property="article:published_time" content="2014-10-27T08:00:00+01:00">
</head><body><article><h1>Konference Chytrá energie</h1><div class="entry-content">
<p>Konference proběhla 23. a 24. října v Brně za účasti více než stovky odborníků
z energetiky a výzkumu.</p></div></article></body></html>"""


def test_czech_yearless_dates_resolved_before_publication() -> None:
    out = extract_post(CZECH_YEARLESS, "https://klastr.example.cz/aktuality/konference/",
                       language="cs")
    check_schema(out)
    assert (out["event"]["start"], out["event"]["end"]) == ("2014-10-23", "2014-10-24")
    assert out["event"]["location"]["city"] == "Brno"
    assert "no_year" in out["warnings"]
    assert out["post_type"] == "event_report"


def test_datetime_event_from_text_has_offset() -> None:
    html = """<html lang="it"><head><meta property="article:published_time"
    content="2022-04-20"></head><body><article><h1>Save the date: Forum delle Rotte</h1>
    <div class="entry-content"><p>Il forum si terrà Giovedì 5 maggio 2022 - 18:20 a Genova,
    presso il porto antico. Iscrizioni aperte.</p></div></article></body></html>"""
    out = extract_post(html, "https://n.example.it/forum", language="it",
                       timezone="Europe/Rome")
    check_schema(out)
    assert out["event"]["start"] == "2022-05-05T18:20+02:00"
    assert out["event"]["end"] == "2022-05-05"
    assert out["event"]["all_day"] is False
    assert out["post_type"] == "event_announcement"


# ------------------------------------------------------------------ not posts

HOME = """<html lang="pl"><head><title>Klaster X – strona główna</title>
<meta property="og:type" content="website"></head><body><h1>Klaster X</h1>
""" + "".join(
    f"<article><h2><a href='/aktualnosci/{i}'>Wiadomość {i}</a></h2><p>Skrót {i}</p>"
    f"<a href='/aktualnosci/{i}'>Czytaj więcej</a></article>" for i in range(6)
) + "</body></html>"


@pytest.mark.parametrize(
    "url",
    [
        "https://klaster.example.pl/",
        "https://klaster.example.pl/pl/",
        "https://klaster.example.pl/aktualnosci/",
        "https://klaster.example.pl/aktualnosci/page/2/",
        "https://klaster.example.pl/category/wydarzenia/",
        "https://klaster.example.pl/kontakt/",
        "https://klaster.example.pl/index.php?option=com_content&view=category&id=8",
    ],
)
def test_home_listing_and_contact_pages_are_not_posts(url: str) -> None:
    out = extract_post(HOME, url, language="pl")
    assert out["is_post"] is False
    assert out["post_type"] == "other"


def test_static_page_without_date_is_not_a_post() -> None:
    html = """<html lang="fr"><head><title>Le pôle | Pôle Matériaux</title></head>
    <body class="page-node-type-page"><h1>Le pôle</h1><article><p>Le pôle de compétitivité
    réunit entreprises, laboratoires et organismes de formation de la région.</p></article>
    </body></html>"""
    assert extract_post(html, "https://pole.example.fr/le-pole-et-ses-missions")["is_post"] is False
    wp_page = POLISH_WP.replace("single single-post postid-812", "page page-id-2")
    assert extract_post(wp_page, "https://morski.example.pl/?page_id=2")["is_post"] is False


def test_listing_with_many_teasers_is_not_a_post() -> None:
    out = extract_post(HOME, "https://klaster.example.pl/strona-z-wiadomosciami", language="pl")
    assert out["is_post"] is False


# ------------------------------------------------------------------ hints

def test_hints_content_html_without_page() -> None:
    entry = Entry(
        url="https://k.example.pl/2024/05/nowy-czlonek/",
        channel=Channel.WP_API,
        title="Nowy członek klastra: firma ABC sp. z o.o.",
        published="2024-05-06T10:00:00",
        modified="2024-05-07T09:00:00",
        content_html=("<p>Do klastra dołączyła firma ABC sp. z o.o. z Gdyni, producent "
                      "systemów nawigacyjnych.</p><p>IMG_2041.JPG</p><p>Czytaj więcej</p>"),
        topics=("Członkowie",),
        alias_urls=("https://k.example.pl/?p=55",),
        language="pl",
    )
    out = extract_post("", entry.url, language="pl", timezone="Europe/Warsaw", hints=entry)
    check_schema(out)
    assert out["title"] == "Nowy członek klastra: firma ABC sp. z o.o."
    assert out["published"] == {"value": "2024-05-06T10:00:00+02:00", "source": "api",
                                "precision": "datetime"}
    assert out["modified"] == "2024-05-07T09:00:00+02:00"
    assert out["body_text"] == ("Do klastra dołączyła firma ABC sp. z o.o. z Gdyni, producent "
                                "systemów nawigacyjnych.")
    assert out["alias_urls"] == ["https://k.example.pl/?p=55"]
    assert out["topics"] == ["Członkowie"]
    assert out["language"] == "pl"
    assert out["post_type"] == "member_news"
    assert out["is_post"] is True


def test_api_hint_date_beats_page_meta_and_listing_hint_does_not() -> None:
    api = Entry(url="https://morski.example.pl/x/", channel=Channel.WP_API,
                published="2014-10-23T12:00:00Z")
    out = extract_post(POLISH_WP, api.url, hints=api)
    assert out["published"]["source"] == "api" and out["published"]["value"].startswith(
        "2014-10-23")
    listing = Entry(url="https://morski.example.pl/x/", channel=Channel.LISTING,
                    published="2014-10-23")
    out = extract_post(POLISH_WP, listing.url, hints=listing)
    assert out["published"]["source"] == "meta"


def test_wrong_language_tag_is_overridden_by_the_text() -> None:
    html = POLISH_WP.replace('lang="pl-PL"', 'lang="en-US"').replace(
        "<p>Relacja wideo poniżej.20141020_084207</p>",
        "<p>Uczestnicy konferencji rozmawiali o finansowaniu klastrów w nowej perspektywie, "
        "o współpracy międzynarodowej oraz o wsparciu dla małych i średnich przedsiębiorstw, "
        "które chcą wejść na rynki zagraniczne razem z partnerami z innych regionów.</p>")
    out = extract_post(html, "https://morski.example.pl/konferencja/")
    assert out["language"] == "pl"
    assert "language_tag_overridden" in out["warnings"]


def test_job_post() -> None:
    html = """<html lang="de"><head><meta property="article:published_time"
    content="2025-01-15"></head><body><article><h1>Projektmanager (m/w/d) Wasserstoff</h1>
    <div class="entry-content"><p>Wir suchen zum nächstmöglichen Zeitpunkt eine/n
    Projektmanager/in für unsere Clustergeschäftsstelle in Stuttgart.</p></div></article>
    </body></html>"""
    out = extract_post(html, "https://cluster.example.de/projektmanager/", language="de")
    assert out["post_type"] == "job"
    assert out["event"] is None


def test_empty_and_broken_input() -> None:
    for html in ("", "   ", "<html></html>", "\x00\x01garbage<<<"):
        out = extract_post(html, "https://example.org/a/b")
        check_schema(out)
        assert out["body_text"] == "" or isinstance(out["body_text"], str)
        assert out["published"]["value"] is None
