"""Reports that come long after their event and give no day (dedupe.undated): the year or the
edition they name moves their window; nothing else does."""

from __future__ import annotations

from typing import Any

from clustercrawl.dedupe.events import facts_from_json, facts_from_post, facts_to_json
from tests.test_dedupe_events import event_ids, post, run, undated

# The 14th Alpine Wood Forum, Innsbruck, 3-4 October 2019, announced with its days
FORUM_2019 = post("wood-at", "forum-2019", "de", "14. Alpenholzforum in Innsbruck",
                  "2019-10-03", "2019-10-04", "Innsbruck", "2019-08-20",
                  body="14. Alpenholzforum: Anmeldung offen.")


def test_a_report_naming_its_events_year_reaches_back_to_that_year() -> None:
    # a look back published two years later: the year it names is the event's
    late = undated("wood-it", "retrospettiva", "it", "Alpine Wood Forum 2019: uno sguardo indietro",
                   "2021-11-02", "event_report")
    # the same words and no year, two years later: another edition, maybe
    no_year = undated("wood-fr", "retour", "fr", "Retour sur le Alpine Wood Forum",
                      "2021-11-05", "event_report")
    posts = [FORUM_2019, late, no_year]
    ids = event_ids(run(posts), posts)
    assert ids[0] is not None and ids[1] == ids[0]
    assert ids[2] != ids[0]


def test_an_edition_number_lets_a_report_reach_a_year_further_back() -> None:
    late = undated("wood-pl", "forum-drewna", "pl", "Wspominamy 14. Alpine Wood Forum",
                   "2020-09-15", "event_report", body="Wspominamy 14. Alpine Wood Forum.")
    posts = [FORUM_2019, late]
    ids = event_ids(run(posts), posts)
    assert ids[0] is not None and ids[1] == ids[0]


def test_the_reached_event_must_name_that_edition_and_no_other() -> None:
    unnumbered = post("wood-at", "forum-2019", "de", "Alpenholzforum in Innsbruck",
                      "2019-10-03", "2019-10-04", "Innsbruck", "2019-08-20")
    two = post("wood-ch", "forum-2019", "de",
               "Nach dem 14. Alpenholzforum ist vor dem 15. Alpenholzforum",
               "2019-10-03", "2019-10-04", "Innsbruck", "2019-10-10")
    late = undated("wood-pl", "forum-drewna", "pl", "Wspominamy 14. Alpine Wood Forum",
                   "2020-09-15", "event_report")
    for dated in (unnumbered, two):
        posts = [dated, late]
        ids = event_ids(run(posts), posts)
        assert ids[1] is None or ids[1] != ids[0], dated["title"]


def test_the_moved_window_is_kept_in_the_store() -> None:
    late: dict[str, Any] = undated("wood-pl", "forum-drewna", "pl",
                                   "Wspominamy 14. Alpine Wood Forum", "2020-09-15",
                                   "event_report")
    facts = facts_from_post(late)
    assert facts is not None and facts.reach is not None
    again = facts_from_json(facts_to_json(facts))
    assert (again.start, again.end, again.reach) == (facts.start, facts.end, facts.reach)


def test_an_online_participants_report_joins_the_congress_held_in_a_city() -> None:
    congress = post("wood-pl", "forum", "pl", "12. Forum Klastrów Drzewnych w Poznaniu",
                    "2026-06-10", "2026-06-11", "Poznań", "2026-05-02")
    online = post("wood-sk", "stretnutie", "sk", "Stretnutie klastrov dreva",
                  "2026-06-10", "2026-06-11", None, "2026-06-15", attendance="online",
                  body="Náš klaster sa online zúčastnil podujatia „12. Forum Klastrów "
                       "Drzewnych“ v Poľsku.")
    # an online seminar on the same days that shares only "cluster" stays apart
    webinar = post("net-cz", "webinar", "cs", "Webinář: klastry a export",
                   "2026-06-10", None, None, "2026-06-01", attendance="online")
    posts = [congress, online, webinar]
    ids = event_ids(run(posts), posts)
    assert ids[0] is not None and ids[1] == ids[0] and ids[2] != ids[0]


def test_a_quoted_name_survives_the_store() -> None:
    online = post("wood-sk", "stretnutie", "sk", "Stretnutie klastrov dreva",
                  "2026-06-10", "2026-06-11", None, "2026-06-15", attendance="online",
                  body="Náš klaster sa online zúčastnil podujatia „12. Forum Klastrów "
                       "Drzewnych“ v Poľsku.")
    facts = facts_from_post(online)
    assert facts is not None and "forum" in facts.features.types
    assert facts_from_json(facts_to_json(facts)).features == facts.features
