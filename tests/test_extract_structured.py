"""Tests of JSON-LD / microdata reading (clustercrawl.extract.structured)."""

from __future__ import annotations

from clustercrawl.extract.dom import parse_html
from clustercrawl.extract.structured import StructuredData, read_structured, short_type

YOAST = """<html><head><script type="application/ld+json" class="yoast-schema-graph">
{"@context":"https://schema.org","@graph":[
 {"@type":"Article","@id":"https://k.pl/a/#article","headline":"Targi Hannover Messe 2024",
  "datePublished":"2024-04-30T10:00:00+00:00","dateModified":"2024-05-02T08:00:00+00:00",
  "keywords":["targi","przemysł 4.0"],"articleSection":["Aktualności"],"inLanguage":"pl-PL"},
 {"@type":"WebPage","@id":"https://k.pl/a/","name":"Targi Hannover Messe 2024 - Klaster X",
  "datePublished":"2024-04-29T10:00:00+00:00","description":"Relacja z targów.",
  "inLanguage":"pl-PL"},
 {"@type":"WebSite","@id":"https://k.pl/#website","name":"Klaster X"},
 {"@type":"BreadcrumbList","itemListElement":[]}
]}</script></head><body></body></html>"""

EVENT = """<html><head><script type="application/ld+json">
{"@context":"http://schema.org","@type":"Event","name":"Webinar: AI w przemyśle",
 "startDate":"2025-06-03T10:00:00+02:00","endDate":"2025-06-03T12:00:00+02:00",
 "eventAttendanceMode":"https://schema.org/OnlineEventAttendanceMode",
 "eventStatus":"https://schema.org/EventScheduled",
 "location":{"@type":"VirtualLocation","url":"https://zoom.us/j/123"},
 "organizer":{"@type":"Organization","name":"Klaster X"},
 "offers":{"@type":"Offer","url":"https://k.pl/rejestracja"}}
</script>
<script type="application/ld+json">{ this is : broken json </script>
<script type="application/ld+json">
{"@context":"http://schema.org","@type":"Event","name":"Forum Klastrów",
 "startDate":"2025-09-30","endDate":"2025-10-02",
 "location":{"@type":"Place","name":"EXPO XXI",
  "address":{"@type":"PostalAddress","addressLocality":"Warszawa","addressCountry":"PL"}},
 "eventStatus":"https://schema.org/EventPostponed"}
</script></head><body></body></html>"""

MICRODATA = """<html><body><div itemscope itemtype="http://schema.org/Event">
<h2 itemprop="name">Salon Global Industrie</h2>
<meta itemprop="startDate" content="2025-03-11">
<meta itemprop="endDate" content="2025-03-14">
<div itemprop="location" itemscope itemtype="http://schema.org/Place">
<span itemprop="name">Eurexpo</span>
<div itemprop="address" itemscope itemtype="http://schema.org/PostalAddress">
<span itemprop="addressLocality">Lyon</span></div></div></div>
<article itemscope itemtype="http://schema.org/NewsArticle">
<h1 itemprop="headline">Nouvelles du cluster</h1>
<time itemprop="datePublished" datetime="2025-01-15">15 janvier 2025</time></article>
</body></html>"""


def _read(html: str) -> StructuredData:
    tree = parse_html(html)
    assert tree is not None
    return read_structured(tree, "https://k.pl/a/")


def test_yoast_graph_article_wins_over_webpage() -> None:
    sd = _read(YOAST)
    assert sd.main_type == "Article"
    assert sd.headline == "Targi Hannover Messe 2024"
    assert sd.published == "2024-04-30T10:00:00+00:00"
    assert sd.published_source == "jsonld"
    assert sd.modified == "2024-05-02T08:00:00+00:00"
    assert sd.site_name == "Klaster X"
    assert sd.page_name == "Targi Hannover Messe 2024 - Klaster X"
    assert sd.language == "pl-PL"
    assert sd.keywords == ["targi", "przemysł 4.0", "Aktualności"]
    assert {"Article", "WebPage", "WebSite", "BreadcrumbList"} <= sd.types


def test_events_from_jsonld_survive_a_broken_script() -> None:
    sd = _read(EVENT)
    assert [e.name for e in sd.events] == ["Webinar: AI w przemyśle", "Forum Klastrów"]
    online, forum = sd.events
    assert online.attendance == "online"
    assert online.online_url == "https://zoom.us/j/123"
    assert online.organizers == ["Klaster X"]
    assert online.registration_url == "https://k.pl/rejestracja"
    assert online.status == "scheduled"
    assert (forum.start, forum.end) == ("2025-09-30", "2025-10-02")
    assert (forum.venue, forum.city, forum.country) == ("EXPO XXI", "Warszawa", "PL")
    assert forum.status == "postponed"
    assert forum.source == "jsonld"


def test_microdata_event_and_article() -> None:
    sd = _read(MICRODATA)
    assert len(sd.events) == 1
    event = sd.events[0]
    assert event.source == "microdata"
    assert (event.name, event.start, event.end) == ("Salon Global Industrie", "2025-03-11",
                                                    "2025-03-14")
    assert (event.venue, event.city) == ("Eurexpo", "Lyon")
    assert sd.headline == "Nouvelles du cluster"
    assert sd.published == "2025-01-15"
    assert sd.published_source == "microdata"


def test_short_type() -> None:
    assert short_type("http://schema.org/Event") == ["Event"]
    assert short_type(["NewsArticle", "https://schema.org/Article/"]) == ["NewsArticle", "Article"]
    assert short_type(None) == []


def test_no_structured_data() -> None:
    sd = _read("<html><body><p>x</p></body></html>")
    assert sd.events == [] and sd.main_type is None and sd.published is None
