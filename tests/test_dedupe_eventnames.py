"""Name features taken from a post's lead when its title says little (dedupe.eventnames)."""

from __future__ import annotations

from clustercrawl.dedupe.eventnames import Features, name_features


def features(lead: str, title: str = "", url: str = "https://x.example.org/p/1",
             language: str = "en") -> Features:
    return name_features(name=None, title=title, lead=lead, url=url, city=None, city_key="",
                         language=language)


def test_the_lead_line_that_names_the_event_counts_when_the_first_does_not() -> None:
    f = features("ECN2019: just a few days left to sign up!\n"
                 "11th ECN Annual Forum, Lisbon, 4-6 June\n"
                 "Our members meet their partners from the whole continent.")
    assert "forum" in f.types and 11 in f.editions
    assert "days" not in f.types  # "a few days left" is a duration, not the Cluster Days
    assert "A:ecn" in f.weights and "E:members" not in f.weights  # the lines between dilute


def test_durations_are_no_event_types_in_any_language() -> None:
    assert "week" not in features("Noch zwei Wochen bis zur Anmeldung für unser Treffen.").types
    assert "days" not in features("Za kilka dni startujemy z naszym spotkaniem.").types
    assert "days" in features("Cluster Days in Kraków: the programme is out.").types


def test_the_leads_editions_must_stand_before_a_name() -> None:
    assert features("The 12th Forum of Wood Clusters took place in Graz.").editions == (12,)
    # days and rankings in prose are no editions
    assert features("We met on the 10th and 11th of May at our forum.").editions == ()
    assert features("Our cluster came 3rd in the national ranking of forums.").editions == ()


def test_the_leads_years_are_those_of_a_name_not_of_a_date() -> None:
    assert features("14 October 2019\nECN Forum 2017 looked at cross-border work.").years == (
        2017,)
    assert features("14 October 2019\nThe forum in 2017 looked at cross-border work.").years == ()


def test_a_capital_opening_a_clause_is_no_name() -> None:
    f = features("", title="ECN2019: Only a few seats left at the Atlantic Forum. Register Soon")
    assert "E:only" not in f.weights and "E:register" not in f.weights
    assert "A:ecn" in f.weights and "E:atlantic" in f.weights  # names inside the clause stay


def test_a_quoted_event_name_in_the_lead_counts_with_its_bare_edition() -> None:
    f = features("Náš klaster sa online zúčastnil podujatia „12 Forum Klastrów Drzewnych“ "
                 "v Poľsku.", title="Stretnutie klastrov dreva")
    assert "forum" in f.types and 12 in f.editions and "wood" in f.weights
    # a quotation that names no kind of event is no event name
    g = features("Our director said: „clusters need more partners“ at the meeting.",
                 title="Cluster meeting")
    assert "partnership" not in g.weights


def test_another_last_letter_makes_another_word_not_a_typo() -> None:
    from clustercrawl.dedupe import eventwords as ew

    assert ew.concepts_of("journey") == ()  # not "journée" with a slip
    assert [c.name for c in ew.concepts_of("jorunee")] == ["days"]  # two letters swapped still are
    # so a lead about a network's journey does not name a kind of event
    f = features("Did you know our network's journey began in Graz? This year we held the "
                 "9th Alpine Cluster Forum there.")
    assert "days" not in f.types and "forum" in f.types and 9 in f.editions
