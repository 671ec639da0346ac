"""Events: one real-world event reported in many languages shares one id; different events
in the same city and month do not; a post whose title and body disagree matches on either.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from clustercrawl.dedupe import Deduper, Groups, MemoryGroupStore, eventwords
from clustercrawl.dedupe.events import EventFacts, facts_from_post
from clustercrawl.urls import post_id


def post(site: str, slug: str, lang: str, title: str, start: str, end: str | None,
         city: str | None, published: str, *, body: str = "", name: str | None = None,
         conflict: str | None = None, attendance: str = "offline") -> dict[str, Any]:
    url = f"https://{site}.example.org/{slug}"
    return {
        "id": post_id(url), "url": url, "site_id": site, "language": lang, "title": title,
        "body_text": body or f"{title}. Report on the event.", "published": {"value": published},
        "event": {
            "start": start, "end": end, "all_day": True, "timezone": None, "date_text": None,
            "date_source": "text", "date_conflict": conflict is not None,
            "conflicting_date_text": conflict, "attendance": attendance, "name": name,
            "location": {"city": city, "city_local": None, "venue": None, "country": None,
                         "online_url": None} if city else None,
        },
        "crawl": {"fetched_at": "2024-06-01T08:00:00Z"},
    }


# The 2014 European Cluster Conference (Brussels, 20-21 October 2014), as reported by
# clusters in six languages; the Polish title gives 21-22.10.2014, its body 20-21 October.
ECC_2014 = [
    post("klaster-pl", "ecc", "pl", "Europejska Konferencja Klastrów, Bruksela 21-22.10.2014",
         "2014-10-20", "2014-10-21", "Brussels", "2014-10-24T10:32:00+02:00",
         body="Europejska Konferencja Klastrów odbyła się w dniach 20-21 października 2014 r. "
              "w Brukseli.", conflict="21-22.10.2014"),
    post("eu-network", "ecc-report", "en",
         "4th European Cluster Conference: clusters for Europe's industrial renewal",
         "2014-10-20", "2014-10-21", "Brussels", "2014-10-27T15:05:00+01:00"),
    post("cluster-de", "clusterkonferenz", "de",
         "Europäische Clusterkonferenz in Brüssel: Cluster als Motor der Industrie",
         "2014-10-20", "2014-10-21", "Brussels", "2014-10-29T09:40:00+01:00"),
    post("cluster-es", "conferencia", "es",
         "El clúster participa en la Conferencia Europea de Clústeres de Bruselas",
         "2014-10-20", "2014-10-21", "Brussels", "2014-10-30T12:15:00+01:00"),
    post("klastr-cz", "konference", "cs", "Evropská klastrová konference 2014 v Bruselu",
         "2014-10-20", "2014-10-21", "Brussels", "2014-11-03T08:50:00+01:00"),
    post("pole-fr", "conference", "fr",
         "Retour sur la Conférence européenne des clusters à Bruxelles",
         "2014-10-20", "2014-10-21", "Brussels", "2014-10-28T16:20:00+01:00"),
]
ECC_2024 = [
    post("klaster-pl", "ecc-2024", "pl", "Europejska Konferencja Klastrów 2024 w Brukseli",
         "2024-05-07", "2024-05-08", "Brussels", "2024-05-14T11:20:00+02:00"),
    post("cluster-it", "conferenza", "it",
         "Conferenza Europea dei Cluster 2024: il nostro resoconto",
         "2024-05-07", "2024-05-08", "Brussels", "2024-05-13T17:45:00+02:00"),
    post("eu-network", "ecc-2024", "en", "European Cluster Conference 2024: registration now open",
         "2024-05-07", "2024-05-08", "Brussels", "2024-03-12T10:00:00+01:00"),
]
# Other events in Brussels in May 2024: the same days, or the same month.
OTHERS_BRUSSELS_MAY_2024 = [
    post("h2-cluster", "h2-week", "en", "European Hydrogen Conference 2024",
         "2024-05-07", "2024-05-08", "Brussels", "2024-04-02"),
    post("h2-cluster-pl", "h2", "pl", "Europejska Konferencja Wodorowa w Brukseli",
         "2024-05-07", "2024-05-08", "Brussels", "2024-05-10"),
    post("innov-be", "forum", "fr", "Forum bruxellois de l'innovation",
         "2024-05-07", None, "Brussels", "2024-04-20"),
    post("annual-pl", "izba", "pl", "Doroczna konferencja Polskiej Izby Gospodarczej",
         "2024-05-08", None, "Brussels", "2024-04-25"),
    post("green-eu", "green-week", "en", "EU Green Week 2024", "2024-05-27", "2024-05-29",
         "Brussels", "2024-05-02"),
    post("cluster-de", "matchmaking", "de", "Cluster-Matchmaking in Brüssel",
         "2024-05-21", None, "Brussels", "2024-05-02"),
]


def run(posts: list[dict[str, Any]], store: MemoryGroupStore | None = None) -> Groups:
    deduper = Deduper(store)
    for p in posts:
        deduper.add(p)
    return deduper.finish()


def event_ids(groups: Groups, posts: list[dict[str, Any]]) -> list[str | None]:
    return [groups.event(p["id"]) for p in posts]


def test_conference_reported_in_six_languages_is_one_event() -> None:
    groups = run(ECC_2014 + ECC_2024 + OTHERS_BRUSSELS_MAY_2024)
    ids_2014 = set(event_ids(groups, ECC_2014))
    ids_2024 = set(event_ids(groups, ECC_2024))
    assert len(ids_2014) == 1 and None not in ids_2014
    assert len(ids_2024) == 1 and ids_2024 != ids_2014
    record = next(r for r in groups.events() if r.event_id in ids_2014)
    assert (record.start, record.end, record.city) == ("2014-10-20", "2014-10-21", "Brussels")
    assert record.languages == ["cs", "de", "en", "es", "fr", "pl"]
    assert len(record.posts) == 6 and len(record.sites) == 6
    line = record.to_dict()
    assert line["event_id"] == record.event_id and len(line["posts"]) == 6
    print(f"\n2014 event {record.event_id}: {record.name!r}, {record.languages}")


def test_different_events_in_the_same_city_and_month_stay_apart() -> None:
    groups = run(ECC_2024 + OTHERS_BRUSSELS_MAY_2024)
    ecc = groups.event(ECC_2024[0]["id"])
    others = event_ids(groups, OTHERS_BRUSSELS_MAY_2024)
    assert ecc not in others
    # the two hydrogen-conference posts (en, pl) are one event; all the rest differ
    assert others[0] == others[1]
    assert len(set(others)) == len(others) - 1


@pytest.mark.parametrize(
    ("start", "end", "conflict"),
    [
        ("2014-10-20", "2014-10-21", "21-22.10.2014"),  # body range chosen, title aside
        ("2014-10-21", "2014-10-22", "20-21 października 2014"),  # title range chosen
        ("2014-10-27", "2014-10-28", "20-21 października 2014"),  # far off: only the alt fits
        ("2014-10-20", "2014-10-21", "27-28.10.2014"),
    ],
)
def test_post_with_a_date_conflict_matches_on_either_range(
    start: str, end: str, conflict: str
) -> None:
    polish = post("klaster-pl", "ecc-x", "pl", "Europejska Konferencja Klastrów, Bruksela",
                  start, end, "Brussels", "2014-10-24", conflict=conflict)
    groups = run([polish, *ECC_2014[1:]])
    assert groups.event(polish["id"]) == groups.event(ECC_2014[1]["id"])


def test_events_are_stable_across_runs_and_order() -> None:
    store = MemoryGroupStore()
    first = run(ECC_2014[1:3], store)
    event = first.event(ECC_2014[1]["id"])
    second = run([ECC_2014[0], ECC_2014[3]], store)  # new reports next week
    assert second.event(ECC_2014[0]["id"]) == event
    assert second.event(ECC_2014[3]["id"]) == event
    record = next(second.events())
    assert len(record.posts) == 4  # earlier runs' reports included
    forward = run(ECC_2014 + OTHERS_BRUSSELS_MAY_2024 + ECC_2024)
    backward = run(list(reversed(ECC_2014 + OTHERS_BRUSSELS_MAY_2024 + ECC_2024)))
    everything = ECC_2014 + OTHERS_BRUSSELS_MAY_2024 + ECC_2024
    assert event_ids(forward, everything) == event_ids(backward, everything)


def test_posts_without_a_dated_event_have_no_event_id() -> None:
    plain = post("x", "news", "en", "Cluster news", "2024-01-01", None, None, "2024-01-01")
    plain["event"] = None
    groups = run([plain])
    assert groups.event(plain["id"]) is None
    assert list(groups.events()) == []


def test_an_online_event_is_its_own_place() -> None:
    webinar = post("a", "w", "en", "Webinar: hydrogen valleys", "2024-03-05", None, None,
                   "2024-02-20", attendance="online")
    onsite = post("b", "w", "en", "Hydrogen valleys workshop", "2024-03-05", None, "Gdańsk",
                  "2024-02-21")
    webinar2 = post("c", "w2", "pl", "Webinarium: doliny wodorowe", "2024-03-05", None, None,
                    "2024-02-22", attendance="online")
    groups = run([webinar, onsite, webinar2])
    assert groups.event(webinar["id"]) == groups.event(webinar2["id"])
    assert groups.event(onsite["id"]) != groups.event(webinar["id"])


@pytest.mark.parametrize(
    "title",
    [
        "Europejska Konferencja Klastrów",
        "Europäische Clusterkonferenz",
        "Conferencia Europea de Clústeres",
        "Conférence européenne des clusters",
        "Conferenza Europea dei Cluster",
        "Evropská klastrová konference",
        "European Cluster Conference",
    ],
)
def test_event_names_map_to_the_same_concepts(title: str) -> None:
    facts = facts_from_post(post("s", "p", "xx", title, "2024-05-07", None, "Brussels", "2024-05-01"))
    assert facts is not None
    assert set(facts.features.weights) == {"europe", "cluster", "conference"}


@pytest.mark.parametrize(
    ("title", "editions"),
    [
        ("4th European Cluster Conference", {4}),
        ("4. Europäische Clusterkonferenz", {4}),
        ("IV Europejska Konferencja Klastrów", {4}),
        ("La 4e Conférence européenne des clusters", {4}),
        ("Clusterkonferenz vom 20.-21. Oktober 2014", set()),
        ("Konferencja, Bruksela 21-22.10.2014", set()),
    ],
)
def test_edition_numbers(title: str, editions: set[int]) -> None:
    facts = facts_from_post(post("s", "p", "de", title, "2014-10-20", None, "Brussels", "2014-10-01"))
    assert facts is not None
    assert set(facts.features.editions) == editions


def test_different_editions_never_merge() -> None:
    a = post("a", "x", "en", "4th Baltic Hydrogen Forum", "2024-09-10", None, "Gdańsk", "2024-09-01")
    b = post("b", "y", "en", "5th Baltic Hydrogen Forum", "2024-09-10", None, "Gdańsk", "2024-09-02")
    c = post("c", "z", "pl", "Bałtyckie Forum Wodorowe w Gdańsku", "2024-09-10", None, "Gdańsk",
             "2024-09-03")
    groups = run([a, b, c])
    assert groups.event(a["id"]) != groups.event(b["id"])
    assert groups.event(c["id"]) in (groups.event(a["id"]), groups.event(b["id"]))


def test_a_misspelt_event_word_keeps_its_type_and_near_words_do_not() -> None:
    def names(word: str) -> list[str]:
        return [c.name for c in eventwords.concepts_of(word)]

    assert names("confernce") == ["conference"]
    assert names("konferncia") == ["conference"]
    assert names("workshp") == ["workshop"]
    assert names("congregation") == [] and names("confederation") == []


def test_day_ranges_in_titles_are_no_acronyms() -> None:
    facts = EventFacts(start=date(2014, 10, 20), end=date(2014, 10, 21), alt=None,
                       city="Brussels", city_key="brussels", name=None,
                       title="Cluster conference, Brussels 20-21.10.2014 (20-21st)", lead="",
                       language="en", url="https://a.example.org/x")
    assert not any(key.startswith("A:") for key in facts.features.weights)


def test_grouping_does_not_depend_on_which_post_comes_first() -> None:
    """Two announcements name the city, the later report does not: all three are one event,
    whichever the canonical ids put first (they follow the URL, hence even the port)."""
    from itertools import permutations

    from clustercrawl.dedupe.events import cluster_events, facts_from_post

    def post(title: str, body: str, city: str | None) -> dict[str, Any]:
        return {"title": title, "body_text": body, "language": "pl",
                "url": f"https://klaster.example/{len(title)}/",
                "published": {"value": "2026-05-01"},
                "event": {"start": "2026-06-10", "end": "2026-06-11",
                          "location": {"city": city, "city_local": None}}}

    facts = [f for f in (
        facts_from_post(post("Pomorskie Forum Wodorowe 2026 w Gdańsku",
                             "Zapraszamy na Pomorskie Forum Wodorowe 10-11 czerwca.", "Gdańsk")),
        facts_from_post(post("Rejestracja na Pomorskie Forum Wodorowe otwarta",
                             "Pomorskie Forum Wodorowe odbędzie się w AmberExpo.", "Gdańsk")),
        facts_from_post(post("Pomorskie Forum Wodorowe 2026 za nami",
                             "Za nami Pomorskie Forum Wodorowe: dwa dni rozmów.", None)),
    ) if f is not None]
    assert len(facts) == 3
    for order in permutations(range(3)):
        clusters = cluster_events(facts, list(order), {})
        assert len(set(clusters)) == 1, (order, clusters)


def test_a_binational_event_name_is_one_name_in_every_language() -> None:
    from clustercrawl.dedupe.eventwords import nations_of

    assert nations_of("Deutsch-Polnisches") == nations_of("polsko-niemieckie") == "DE+PL"
    assert nations_of("česko-slovenský") == nations_of("Slovak-Czech") == "CZ+SK"
    assert nations_of("franco-italien") == "FR+IT"
    assert nations_of("Bio-Europe") is None and nations_of("deutsch-deutsches") is None


# ------------------------------------------------------------------ posts that give no day


def undated(site: str, slug: str, lang: str, title: str, published: str, post_type: str,
            *, body: str = "") -> dict[str, Any]:
    """A post about an event that never says on which day it was (no ``event`` field)."""
    url = f"https://{site}.example.org/{slug}"
    return {
        "id": post_id(url), "url": url, "site_id": site, "language": lang, "title": title,
        "post_type": post_type, "body_text": body or f"{title}. Photos from the day.",
        "published": {"value": published}, "event": None,
        "crawl": {"fetched_at": "2024-06-01T08:00:00Z"},
    }


def test_report_without_the_day_joins_the_dated_event_it_names() -> None:
    announcement = post("klaster-a", "kongres", "pl", "9. Kongres Klastrów Polskich w Gdańsku",
                        "2023-11-08", "2023-11-09", "Gdańsk", "2023-09-15")
    # the page title is site chrome; the address still names the congress
    chrome = undated("klaster-b", "aktualnosci/9-kongres-klastrow-polskich-w-gdansku", "pl",
                     "Przejdź do treści", "2023-11-10", "event_report")
    english = undated("cluster-c", "news/our-team-at-the-9th-congress-of-polish-clusters",
                      "en", "Our team at the 9th Congress of Polish Clusters", "2023-11-14",
                      "event_report")
    other_edition = undated("klaster-d", "viii-kongres", "pl",
                            "Wspominamy VIII Kongres Klastrów Polskich", "2023-11-12",
                            "event_report")
    news = undated("klaster-e", "kongres-news", "pl",
                   "9. Kongres Klastrów Polskich: nasze wnioski", "2023-11-13", "news")
    # posts on one template about different subjects name no kind of event: no event at all
    director_a = undated("klaster-f", "nowy-dyrektor", "pl",
                         "Nowy dyrektor zarządzający w Klastrze Energii", "2023-11-13", "news")
    director_b = undated("klaster-g", "nowy-dyrektor", "pl",
                         "Nowy dyrektor zarządzający w Klastrze Medycznym", "2023-11-14", "news")
    posts = [announcement, chrome, english, other_edition, news, director_a, director_b]
    groups = run(posts)
    ids = event_ids(groups, posts)
    assert ids[0] is not None and ids[1] == ids[0] and ids[2] == ids[0]
    assert ids[3] is None  # another edition, and alone: no event of its own
    assert ids[4] == ids[0]  # news that names the congress is about it
    assert ids[5] is None and ids[6] is None
    record = next(r for r in groups.events() if r.event_id == ids[0])
    assert (record.start, record.end) == ("2023-11-08", "2023-11-09")  # from the dated post


def test_undated_reports_form_one_event_without_dates_and_years_keep_them_apart() -> None:
    a = undated("net-a", "ecc-2020-recap", "en", "Highlights of the European Cluster Conference 2020",
                "2020-11-13", "event_report")
    no_year = undated("net-d", "ecc-recap", "en", "Highlights of the European Cluster Conference",
                      "2020-11-14", "event_report")  # which year's? it names none
    b = undated("klaster-b", "ekk-2020", "pl", "Europejska Konferencja Klastrów 2020: relacja",
                "2020-11-20", "event_report")
    other_year = undated("net-c", "ecc-2019", "en", "European Cluster Conference 2019 in review",
                         "2020-01-10", "event_report")
    posts = [a, b, other_year, no_year]
    groups = run(posts)
    ids = event_ids(groups, posts)
    assert ids[0] is not None and ids[0] == ids[1] and ids[2] is None and ids[3] is None
    record = next(r for r in groups.events() if r.event_id == ids[0])
    assert record.start is None and record.end is None and len(record.posts) == 2
    assert record.to_dict()["start"] is None


def test_announcement_window_does_not_reach_an_event_long_after() -> None:
    dated = post("fair-a", "messe", "de", "Hannover Messe 2024: unser Gemeinschaftsstand",
                 "2024-04-22", "2024-04-26", "Hanover", "2024-03-01")
    early = undated("fair-b", "messe-einladung", "de", "Einladung zur Hannover Messe",
                    "2023-01-10", "event_announcement")
    groups = run([dated, early])
    assert groups.event(early["id"]) is None


# ------------------------------------------------------------------ one site's own posts


def test_one_sites_announcement_and_report_join_on_plain_words() -> None:
    # German titles: every noun is capitalised, so none counts as a proper name
    invitation = post("verein", "empfang", "de", "Neujahrsempfang des Vereins am 4. Februar",
                      "2027-02-04", None, "Erfurt", "2027-01-12")
    review = post("verein", "rueckblick-empfang", "de", "Rückblick auf den Neujahrsempfang",
                  "2027-02-04", None, "Erfurt", "2027-02-08")
    elsewhere = post("anderer-verein", "empfang", "de", "Neujahrsempfang der Handwerker",
                     "2027-02-04", None, "Erfurt", "2027-01-20")
    groups = run([invitation, review, elsewhere])
    ids = event_ids(groups, [invitation, review, elsewhere])
    assert ids[0] == ids[1] and ids[2] != ids[0]


def test_one_sites_two_webinars_on_one_day_stay_apart() -> None:
    first = post("netz", "webinar-a", "de", "Online-Seminar: Förderprogramme für Batteriezellen",
                 "2027-03-03", None, None, "2027-02-10", attendance="online")
    second = post("netz", "webinar-b", "de", "Online-Seminar: Exportkontrolle für Maschinen",
                  "2027-03-03", None, None, "2027-02-11", attendance="online")
    recording = post("netz", "webinar-a-video", "de",
                     "Online-Seminar zu Förderprogrammen für Batteriezellen: Aufzeichnung",
                     "2027-03-03", None, None, "2027-03-05", attendance="online")
    ids = event_ids(run([first, second, recording]), [first, second, recording])
    assert ids[0] != ids[1]
    assert ids[2] == ids[0]


def test_postponed_notice_joins_the_earlier_announcement_and_the_later_report() -> None:
    first = post("verein", "tagung", "de", "Fachtagung Robotik im Handwerk am 3. Juni in Kassel",
                 "2027-06-03", None, "Kassel", "2027-03-01")
    moved = post("verein", "tagung-verschoben", "de",
                 "Verschoben: Fachtagung Robotik im Handwerk jetzt am 14. Oktober",
                 "2027-10-14", None, "Kassel", "2027-05-10")
    moved["event"]["status"] = "postponed"
    report = post("verein", "tagung-rueckblick", "de", "Rückblick: Fachtagung Robotik im Handwerk",
                  "2027-10-14", None, "Kassel", "2027-10-18")
    unrelated = post("verein", "tagung-holz", "de", "Fachtagung Holzbau am 3. Juni in Kassel",
                     "2027-06-03", None, "Kassel", "2027-03-02")
    other_site = post("anderer", "robotik", "de", "Fachtagung Robotik im Handwerk in Kassel",
                      "2027-06-03", None, "Kassel", "2027-03-05")
    posts = [first, moved, report, unrelated, other_site]
    ids = event_ids(run(posts), posts)
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] not in {ids[0]}


def test_acronym_glued_to_its_year_is_the_name() -> None:
    # an image caption for a title: "ABC2031" is the network's acronym and the year
    banner = post("abc-net", "call", "en", "ABC2031 banner (large).png", "2031-10-07",
                  "2031-10-09", "Ghent", "2031-04-01")
    report = post("member", "abc-report", "en", "Back from the ABC Global Conference",
                  "2031-10-07", "2031-10-09", "Ghent", "2031-10-20")
    other = post("other", "trade", "en", "Flanders Food Fair 2031", "2031-10-07", "2031-10-09",
                 "Ghent", "2031-09-01")
    ids = event_ids(run([banner, report, other]), [banner, report, other])
    assert ids[0] == ids[1] and ids[2] != ids[0]
    undated_report = undated("member-b", "abc2031-recap", "en", "ABC Global Conference recap",
                             "2031-10-25", "event_report")
    undated_old = undated("member-c", "abc2029-recap", "en", "ABC Global Conference recap",
                          "2031-10-25", "event_report")  # the slug names another year
    posts = [banner, report, undated_report, undated_old]
    ids = event_ids(run(posts), posts)
    assert ids[2] == ids[0] and ids[3] is None


def test_undated_event_of_an_earlier_run_gets_its_dates_from_a_later_report() -> None:
    store = MemoryGroupStore()
    first = [
        undated("net-a", "ecc-2020-recap", "en", "Highlights of the European Cluster Conference 2020",
                "2020-11-13", "event_report"),
        undated("klaster-b", "ekk-2020", "pl", "Europejska Konferencja Klastrów 2020: relacja",
                "2020-11-20", "event_report"),
    ]
    ids = set(event_ids(run(first, store), first))
    assert len(ids) == 1 and None not in ids
    later = post("cluster-c", "ecc-2020", "de", "Europäische Clusterkonferenz 2020 (online)",
                 "2020-11-10", "2020-11-11", None, "2020-11-25", attendance="online")
    groups = run([later], store)
    assert groups.event(later["id"]) in ids  # the stored event keeps its id
    record = next(iter(groups.events()))
    assert (record.start, record.end) == ("2020-11-10", "2020-11-11") and len(record.posts) == 3
