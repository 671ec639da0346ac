"""Event extraction and grouping classes found on the whole real-post set (issue 11), each
reproduced in our own words: a byline naming its author is no event date; an undated report
joins the event most posts agree on, not a lone post of its first day."""

from __future__ import annotations

from typing import Any

from clustercrawl.extract import extract_post
from tests.test_dedupe_events import event_ids, post, run, undated


def _page(title: str, *paragraphs: str, published: str = "2021-06-04") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title>"
            f'<meta property="article:published_time" content="{published}T09:00:00">'
            f"</head><body><article><h1>{title}</h1>{body}</article></body></html>")


def _event(html: str, lang: str = "en") -> dict[str, Any]:
    return extract_post(html, "https://cluster.example.org/news/1", language=lang)


def test_a_byline_with_its_author_is_not_the_event_date() -> None:
    html = _page("Our students' diary of the Regional Cluster Conference 2021",
                 "Submitted by Jane Novak on 04 June 2021",
                 "Three of our students ran the live blog of the conference in Ghent and "
                 "learned a lot during those two days.")
    event = _event(html).get("event") or {}
    assert event.get("start") is None
    for byline in ("Veröffentlicht von Max Muster am 04.06.2021",
                   "Posted by the editors on 4 June 2021"):
        lang = "de" if byline.startswith("V") else "en"
        html = _page("Clusterkonferenz 2021: Rückblick" if lang == "de" else "Conference look back",
                     byline, "Die Konferenz war ein Erfolg." if lang == "de" else
                     "The conference was a success and we met many partners.")
        assert (_event(html, lang).get("event") or {}).get("start") is None, byline
    # a date after "on" that is not a byline stays the event's
    html = _page("Regional Cluster Conference", "The conference takes place on 18 June 2021 in "
                 "Ghent.")
    assert _event(html)["event"]["start"] == "2021-06-18"


def test_undated_report_joins_the_event_more_posts_agree_on() -> None:
    # the conference, from three sites; the same site's call for an award dated its first day,
    # with no city: a separate event of one post
    conference = [
        post("net-a", "conf-2019", "en", "Regional Cluster Conference 2019 in Lisbon",
             "2019-05-14", "2019-05-16", "Lisbon", "2019-03-01"),
        post("klaster-b", "konferencja", "pl", "Regionalna Konferencja Klastrów 2019 w Lizbonie",
             "2019-05-14", "2019-05-16", "Lisbon", "2019-05-20"),
        post("cluster-c", "konferenz", "de", "Regionale Clusterkonferenz 2019 in Lissabon",
             "2019-05-14", "2019-05-16", "Lisbon", "2019-05-18"),
    ]
    award = post("aaa-awards", "awards", "en", "Cluster Awards at the Regional Conference 2019",
                 "2019-05-14", None, None, "2019-02-01",
                 body="Cluster Awards: apply by 1 April, winners named at the conference.")
    report = undated("zz-students", "conference-2019-report", "en",
                     "Regional Cluster Conference 2019: our report", "2019-06-07",
                     "event_report")
    posts = [*conference, award, report]
    ids = event_ids(run(posts), posts)
    assert ids[0] is not None and ids[0] == ids[1] == ids[2]
    assert ids[4] == ids[0]


def test_undated_reports_read_in_more_past_tense_verbs() -> None:
    from clustercrawl.extract.posttype import undated_event_type

    assert undated_event_type(
        "Insights from the Alpine Cluster Conference 2024",
        "The fifth Alpine Cluster Conference witnessed a record turnout of cluster managers "
        "who convened for two days of talks.") == "event_report"
    assert undated_event_type(
        "Alpine Cluster Conference 2019",
        "Last week was the Alpine Cluster Conference, a yearly event held over two days in "
        "the old town hall of Graz.") == "event_report"
    # "will be held over two days" is still to come
    assert undated_event_type(
        "Alpine Cluster Conference 2027",
        "The Alpine Cluster Conference will be held over two days.") == "event_announcement"


def test_a_postponed_fair_is_an_announcement_and_quoted_full_stops_end_no_sentence() -> None:
    from clustercrawl.extract.posttype import undated_event_type

    assert undated_event_type("Northern Industry Fair 2021 postponed",
                              "The organisers move the fair to the autumn.") == (
        "event_announcement")
    assert undated_event_type("Messe Nordindustrie 2021 verschoben",
                              "Die Veranstalter verlegen die Messe in den Herbst.") == (
        "event_announcement")
    # the event word and the past tense sit on both sides of a full stop inside the
    # quoted name of the event
    assert undated_event_type(
        "", "Presentati durante l’evento “I poli regionali. Una rete per crescere” tenutosi "
            "a Bari, i nove poli della regione.") == "event_report"


def test_an_event_name_in_both_addresses_joins_posts_whose_titles_differ() -> None:
    # a local news site's announcement whose title and lead name people and places, and the
    # network's page of the same meeting series: only the addresses share "tech meet towns"
    news = post("city-news", "2024/04/09/tomorrow-mayor-speaks-at-tech-meet-towns", "it",
                "Domani la sindaca Anna Bruni interviene al Palazzo Civico", "2024-04-10",
                "2024-04-11", "Turin", "2024-04-09",
                body="Domani la sindaca Anna Bruni interviene al Palazzo Civico.")
    network = post("network", "events/tech-meet-towns-turin-italy", "en",
                   "Tech meet Towns: Turin, Italy", "2024-04-10", "2024-04-11", "Turin",
                   "2024-03-01")
    other = post("network", "events/tech-meet-towns-lyon-france", "en",
                 "Tech meet Towns: Lyon, France", "2024-04-10", "2024-04-11", "Lyon",
                 "2024-03-01")  # the same series elsewhere on the same days
    posts = [news, network, other]
    ids = event_ids(run(posts), posts)
    assert ids[0] is not None and ids[0] == ids[1] and ids[2] != ids[0]
    # a project's acronym in one title is the other's address word
    announce = post("agency", "conference-on-cluster-policies-within-the-polystrat-project",
                    "en", "Conference on cluster policies within the PolyStrat project",
                    "2014-02-17", None, "Brussels", "2014-01-20")
    report = post("polystrat", "news/polystrat-presents-its-concepts-in-brussels", "en",
                  "Springe zu Hauptmenü", "2014-02-17", None, "Brussels", "2014-02-20",
                  body="Springe zu Hauptmenü")
    ids = event_ids(run([announce, report]), [announce, report])
    assert ids[0] is not None and ids[0] == ids[1]


def test_an_event_box_label_is_no_name() -> None:
    from clustercrawl.dedupe.eventnames import name_features

    features = name_features(name=None, title="", lead="Tech meet Towns\nIn Person\n"
                             "Location: Poland\nDate: 11.12.2023", url="", city=None,
                             city_key="", language="en")
    assert not any(k in features.weights for k in ("E:location", "E:person", "E:date"))


def test_next_years_date_in_a_post_on_this_years_edition_is_not_its_date() -> None:
    html = _page("The 12th Alpine Cluster Forum 2018 brought 400 experts to Graz",
                 "Graz, 18 October 2018 – This week the Alpine Cluster Forum was hosted by the "
                 "regional agency.",
                 "We will meet again at our forum next year that will take place on 7-9 October "
                 "2019 in Bolzano, said the chair.", published="2018-10-18")
    event = _event(html).get("event") or {}
    assert event.get("start") is None
    # without a year in the title, a later date is only less likely, not ruled out
    html = _page("Alpine Cluster Forum: save the date",
                 "Our next edition will take place on 7-9 October 2019 in Bolzano.")
    assert _event(html)["event"]["start"] == "2019-10-07"


def test_a_news_dateline_is_the_posts_day_not_the_events() -> None:
    for lead in ("(Sabato 5 giugno 2021) La fiera di Parma si è chiusa con 60.000 visitatori.",
                 "GRAZ 4 Jun. (AGENZIA) - La fiera è stata un successo."):
        html = _page("La fiera chiude", "Foto: la fiera", lead.replace("5 giugno", "4 giugno"))
        event = _event(html, "it").get("event") or {}
        assert event.get("start") is None, lead
    # the same day named in a sentence is the event's
    html = _page("Fiera di Parma", "La fiera si terrà il 4 giugno 2021 a Parma.")
    assert _event(html, "it")["event"]["start"] == "2021-06-04"


def test_a_two_word_place_whose_first_word_is_a_capital_is_the_place() -> None:
    from clustercrawl.extract import places

    for text in ("Le forum se tient demain à Sofia Antipolis, au cœur de la technopole.",
                 "Le forum se tient demain à Sophia-Antipolis."):
        assert [c.city for c in places.find_cities(text, "fr")] == ["Sophia Antipolis"], text
    assert [c.city for c in places.find_cities("The summit meets in Sofia.", "en")] == ["Sofia"]
