"""Table-driven tests of the date-range grammar (clustercrawl.extract.daterange).

Expected values are written by hand from the meaning of each expression.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clustercrawl.extract.daterange import (
    DateRange,
    date_order_for,
    find_date_ranges,
    parse_date_range,
    resolve_year,
)

A, B, N = "after", "before", "nearest"

# (text, language, reference, direction, start, end, raw or None)
# start/end are ISO strings as rendered without a site time zone; end None = no match.
ROWS: list[tuple[str, str | None, date | None, str, str | None, str | None, str | None]] = [
    # ---- Polish
    ("20-21 października 2014", "pl", None, N, "2014-10-20", "2014-10-21",
     "20-21 października 2014"),
    ("21-22.10.2014", "pl", None, N, "2014-10-21", "2014-10-22", "21-22.10.2014"),
    ("Bruksela 21-22.10.2014", "pl", None, N, "2014-10-21", "2014-10-22", "21-22.10.2014"),
    ("w dniach 7-8 maja 2024 roku", "pl", None, N, "2024-05-07", "2024-05-08", "7-8 maja 2024"),
    ("W dniach 7–8 maja 2024 r.", "pl", None, N, "2024-05-07", "2024-05-08", None),
    ("20/21 października", "pl", date(2014, 10, 10), A, "2014-10-20", "2014-10-21",
     "20/21 października"),
    ("14 listopada 2017 r.", "pl", None, N, "2017-11-14", "2017-11-14", "14 listopada 2017"),
    ("31-10-2017", "pl", None, N, "2017-10-31", "2017-10-31", None),
    ("8 Listopada 2023, 09:00 (środa)", "pl", None, N, "2023-11-08T09:00", "2023-11-08", None),
    ("30 września - 2 października 2025", "pl", None, N, "2025-09-30", "2025-10-02", None),
    ("od 12 do 14 marca 2025", "pl", None, N, "2025-03-12", "2025-03-14", "12 do 14 marca 2025"),
    ("12 i 13 czerwca 2023", "pl", None, N, "2023-06-12", "2023-06-13", None),
    ("5, 6 i 7 maja 2024", "pl", None, N, "2024-05-05", "2024-05-07", None),
    ("3 stycznia 2024", "pl", None, N, "2024-01-03", "2024-01-03", None),
    ("29 lutego 2024", "pl", None, N, "2024-02-29", "2024-02-29", None),
    ("29 lutego 2023", "pl", None, N, None, None, None),
    ("w październiku 2014", "pl", None, N, "2014-10-01", "2014-10-31", "październiku 2014"),
    ("grudzień 2019", "pl", None, N, "2019-12-01", "2019-12-31", None),
    ("10 grudnia 2024 - 9 stycznia 2025", "pl", None, N, "2024-12-10", "2025-01-09", None),
    ("28 grudnia - 3 stycznia 2025", "pl", None, N, "2024-12-28", "2025-01-03", None),
    ("12.03.2025 r.", "pl", None, N, "2025-03-12", "2025-03-12", "12.03.2025"),
    ("1-3.04.2025", "pl", None, N, "2025-04-01", "2025-04-03", None),
    ("30-2 października 2025", "pl", None, N, "2025-09-30", "2025-10-02", None),
    ("15 pazdziernika 2020", "pl", None, N, "2020-10-15", "2020-10-15", None),
    ("Opublikowano: 24.10.2014", "pl", None, N, "2014-10-24", "2014-10-24", "24.10.2014"),
    ("IMG 20141020_084207", "pl", None, N, None, None, None),
    ("tel. 22 123 45 67", "pl", None, N, None, None, None),
    ("Perspektywa finansowa 2014-2020", "pl", None, N, None, None, None),
    ("ok. 200 osób", "pl", None, N, None, None, None),
    ("uchwała nr 12/2014", "pl", None, N, None, None, None),
    ("21 maja 2024 w godz. 10:00-14:00", "pl", None, N, "2024-05-21T10:00",
     "2024-05-21T14:00", None),
    # ---- Czech / Slovak
    ("20. října 2014", "cs", None, N, "2014-10-20", "2014-10-20", "20. října 2014"),
    ("19.02.2025", "cs", None, N, "2025-02-19", "2025-02-19", None),
    ("5. 6. 2025", "cs", None, N, "2025-06-05", "2025-06-05", "5. 6. 2025"),
    ("10 – 11.1.2023", "cs", None, N, "2023-01-10", "2023-01-11", "10 – 11.1.2023"),
    ("23. a 24. října", "cs", date(2014, 10, 1), A, "2014-10-23", "2014-10-24",
     "23. a 24. října"),
    ("23.–24. října 2019", "cs", None, N, "2019-10-23", "2019-10-24", None),
    ("od 3. do 5. června 2025", "cs", None, N, "2025-06-03", "2025-06-05", None),
    ("dne 12. listopadu 2024", "cs", None, N, "2024-11-12", "2024-11-12", None),
    ("v pondělí 4. března 2024 od 10:00", "cs", None, N, "2024-03-04T10:00", "2024-03-04",
     None),
    ("Konference proběhne 12.–13. 5. 2025", "cs", None, N, "2025-05-12", "2025-05-13", None),
    ("15. októbra 2024", "sk", None, N, "2024-10-15", "2024-10-15", None),
    ("3. – 5. júna 2025", "sk", None, N, "2025-06-03", "2025-06-05", None),
    ("1. 1. 2024", "cs", None, N, "2024-01-01", "2024-01-01", None),
    ("v září 2024", "cs", None, N, "2024-09-01", "2024-09-30", None),
    ("v listopadu 2023", "cs", None, N, "2023-11-01", "2023-11-30", None),
    # ---- German
    ("3.-5. Juni 2025", "de", None, N, "2025-06-03", "2025-06-05", "3.-5. Juni 2025"),
    ("vom 20. bis 28. April 2017", "de", None, N, "2017-04-20", "2017-04-28",
     "20. bis 28. April 2017"),
    ("2. bis 11. April", "de", date(2022, 3, 1), A, "2022-04-02", "2022-04-11", None),
    ("14.11.2018", "de", None, N, "2018-11-14", "2018-11-14", None),
    ("am 8. Oktober 2020", "de", None, N, "2020-10-08", "2020-10-08", "8. Oktober 2020"),
    ("am 8. Oktober 2020 um 10 Uhr", "de", None, N, "2020-10-08T10:00", "2020-10-08", None),
    ("15. Jänner 2021", "de", None, N, "2021-01-15", "2021-01-15", None),
    ("3. März 2022", "de", None, N, "2022-03-03", "2022-03-03", None),
    ("3. Maerz 2022", "de", None, N, "2022-03-03", "2022-03-03", None),
    ("12. und 13. Mai 2019", "de", None, N, "2019-05-12", "2019-05-13", None),
    ("Dienstag, 14. Mai 2024, 18:00 Uhr", "de", None, N, "2024-05-14T18:00", "2024-05-14",
     None),
    ("26.–28.09.2023", "de", None, N, "2023-09-26", "2023-09-28", None),
    ("30.09.-02.10.2025", "de", None, N, "2025-09-30", "2025-10-02", "30.09.-02.10.2025"),
    ("28.12.2024 - 03.01.2025", "de", None, N, "2024-12-28", "2025-01-03", None),
    ("Mi., 5. Feb. 2025", "de", None, N, "2025-02-05", "2025-02-05", None),
    ("5. Okt. 2022", "de", None, N, "2022-10-05", "2022-10-05", None),
    ("im Oktober 2023", "de", None, N, "2023-10-01", "2023-10-31", None),
    ("ab 10 Uhr", "de", None, N, None, None, None),
    ("Dezember 2020", "de", None, N, "2020-12-01", "2020-12-31", None),
    ("Feber 2021", "de", None, N, "2021-02-01", "2021-02-28", None),
    ("20.-21.10.2014", "de", None, N, "2014-10-20", "2014-10-21", None),
    # ---- French
    ("du 3 au 5 juin 2025", "fr", None, N, "2025-06-03", "2025-06-05", "3 au 5 juin 2025"),
    ("les 26 et 27 mai 2021", "fr", None, N, "2021-05-26", "2021-05-27", None),
    ("1er juillet", "fr", date(2023, 5, 10), A, "2023-07-01", "2023-07-01", "1er juillet"),
    ("le 27 mars 2023", "fr", None, N, "2023-03-27", "2023-03-27", None),
    ("du 30 septembre au 2 octobre 2024", "fr", None, N, "2024-09-30", "2024-10-02", None),
    ("le 1er décembre 2022 à 14h30", "fr", None, N, "2022-12-01T14:30", "2022-12-01", None),
    ("12 février 2020", "fr", None, N, "2020-02-12", "2020-02-12", None),
    ("du 28 février au 1er mars 2024", "fr", None, N, "2024-02-28", "2024-03-01", None),
    ("jeudi 5 octobre 2023", "fr", None, N, "2023-10-05", "2023-10-05", None),
    ("3 aout 2021", "fr", None, N, "2021-08-03", "2021-08-03", None),
    ("Soumis par admin le 05/07/2022", "fr", None, N, "2022-07-05", "2022-07-05", None),
    ("en juin 2024", "fr", None, N, "2024-06-01", "2024-06-30", None),
    ("mercredi 15 mai 2024 de 9h à 17h", "fr", None, N, "2024-05-15T09:00", "2024-05-15T17:00",
     None),
    ("le 3 mars 2025", "fr", None, N, "2025-03-03", "2025-03-03", None),
    # ---- Spanish
    ("del 3 al 5 de junio de 2025", "es", None, N, "2025-06-03", "2025-06-05",
     "3 al 5 de junio de 2025"),
    ("25 de noviembre de 2025", "es", None, N, "2025-11-25", "2025-11-25", None),
    ("14 y 15 de abril", "es", date(2023, 3, 1), A, "2023-04-14", "2023-04-15", None),
    ("Publicado: 25 Noviembre 2025", "es", None, N, "2025-11-25", "2025-11-25", None),
    ("el 1 de octubre de 2024", "es", None, N, "2024-10-01", "2024-10-01", None),
    ("del 30 de septiembre al 2 de octubre de 2024", "es", None, N, "2024-09-30", "2024-10-02",
     None),
    ("1 setiembre 2019", "es", None, N, "2019-09-01", "2019-09-01", None),
    ("15/03/2024", "es", None, N, "2024-03-15", "2024-03-15", None),
    ("martes 12 de marzo de 2024, 10:00 horas", "es", None, N, "2024-03-12T10:00",
     "2024-03-12", None),
    ("marzo de 2024", "es", None, N, "2024-03-01", "2024-03-31", None),
    # ---- Italian
    ("dal 3 al 5 giugno 2025", "it", None, N, "2025-06-03", "2025-06-05", None),
    ("dal 28 al 30 novembre", "it", date(2022, 11, 1), A, "2022-11-28", "2022-11-30", None),
    ("Giovedì 5 maggio 2022 - 18:20", "it", None, N, "2022-05-05T18:20", "2022-05-05",
     "5 maggio 2022 - 18:20"),
    ("Pubblicato il 5 maggio 2022", "it", None, N, "2022-05-05", "2022-05-05", None),
    ("1° marzo 2023", "it", None, N, "2023-03-01", "2023-03-01", None),
    ("il 12 e 13 ottobre 2022", "it", None, N, "2022-10-12", "2022-10-13", None),
    ("10 dicembre 2021 alle ore 15:00", "it", None, N, "2021-12-10T15:00", "2021-12-10", None),
    ("dal 30 settembre al 2 ottobre 2022", "it", None, N, "2022-09-30", "2022-10-02", None),
    ("giugno 2024", "it", None, N, "2024-06-01", "2024-06-30", None),
    # ---- English
    ("June 3-5, 2025", "en", None, N, "2025-06-03", "2025-06-05", "June 3-5, 2025"),
    ("October 20-21 2014", "en", None, N, "2014-10-20", "2014-10-21", None),
    ("14-16 May 2019", "en", None, N, "2019-05-14", "2019-05-16", None),
    ("22 and 23 June 2022", "en", None, N, "2022-06-22", "2022-06-23", None),
    ("20-21st of October", "en", date(2014, 9, 1), A, "2014-10-20", "2014-10-21",
     "20-21st of October"),
    ("Submitted by admin on 05 July 2022", "en", None, N, "2022-07-05", "2022-07-05", None),
    ("July 5, 2022", "en", None, N, "2022-07-05", "2022-07-05", None),
    ("June 30 - July 2, 2025", "en", None, N, "2025-06-30", "2025-07-02", None),
    ("31 May 2024 – 18:00 CET (Brussels time)", "en", None, N, "2024-05-31T18:00+01:00",
     "2024-05-31", None),
    ("1st December 2023", "en", None, N, "2023-12-01", "2023-12-01", None),
    ("Monday, 3rd of June 2024", "en", None, N, "2024-06-03", "2024-06-03", None),
    ("Sept. 12, 2024", "en", None, N, "2024-09-12", "2024-09-12", None),
    ("Dec 2-4, 2024", "en", None, N, "2024-12-02", "2024-12-04", None),
    ("from 10 to 12 March 2025", "en", None, N, "2025-03-10", "2025-03-12", None),
    ("in May 2024", "en", None, N, "2024-05-01", "2024-05-31", None),
    ("you may 5 times", "en", date(2024, 1, 1), N, None, None, None),
    ("5 out of 10 people", "pt", date(2024, 1, 1), N, None, None, None),
    ("2 years ago", "en", date(2024, 1, 1), N, None, None, None),
    ("14 - 16 May, 2019", "en", None, N, "2019-05-14", "2019-05-16", None),
    ("November 2023", "en", None, N, "2023-11-01", "2023-11-30", None),
    ("9:00-17:00", "en", None, N, None, None, None),
    ("2014-10-20", "en", None, N, "2014-10-20", "2014-10-20", None),
    ("2014-10-20 – 2014-10-21", "en", None, N, "2014-10-20", "2014-10-21", None),
    ("12 May 2024 10:00 - 12:30", "en", None, N, "2024-05-12T10:00", "2024-05-12T12:30", None),
    ("10/21/2014", "en-US", None, N, "2014-10-21", "2014-10-21", None),
    ("03/06/2025", "en-US", None, N, "2025-03-06", "2025-03-06", None),
    ("03/06/2025", "fr", None, N, "2025-06-03", "2025-06-03", None),
    ("3 Mar 2024", "en", None, N, "2024-03-03", "2024-03-03", None),
    ("3 mar", "es", date(2024, 1, 1), A, None, None, None),
    ("March 5th at 3 pm", "en", date(2024, 1, 10), A, "2024-03-05T15:00", "2024-03-05", None),
    # ---- Portuguese, Dutch, Croatian, Slovenian
    ("de 3 a 5 de junho de 2025", "pt", None, N, "2025-06-03", "2025-06-05", None),
    ("15 de março de 2024", "pt", None, N, "2024-03-15", "2024-03-15", None),
    ("3 t/m 5 juni 2025", "nl", None, N, "2025-06-03", "2025-06-05", None),
    ("12 mei 2024", "nl", None, N, "2024-05-12", "2024-05-12", None),
    ("15. listopada 2024", "hr", None, N, "2024-10-15", "2024-10-15", None),
    ("15 listopada 2024", "pl", None, N, "2024-11-15", "2024-11-15", None),
    ("15 listopada 2024", None, None, N, "2024-11-15", "2024-11-15", None),
    ("3. junija 2025", "sl", None, N, "2025-06-03", "2025-06-03", None),
    # ---- year-less dates, resolved against the publication date
    ("20 października", "pl", date(2014, 10, 24), B, "2014-10-20", "2014-10-20", None),
    ("5 stycznia", "pl", date(2014, 12, 20), A, "2015-01-05", "2015-01-05", None),
    ("5 stycznia", "pl", date(2014, 12, 20), B, "2014-01-05", "2014-01-05", None),
    ("28 grudnia - 3 stycznia", "pl", date(2024, 12, 1), A, "2024-12-28", "2025-01-03", None),
    ("20 października", "pl", None, N, None, None, None),
    ("3 marca", "pl", date(2024, 2, 1), N, "2024-03-03", "2024-03-03", None),
    # ---- weekdays and articles before the second day, the month written twice
    ("da lunedì 3 a mercoledì 5 marzo 2025", "it", None, N, "2025-03-03", "2025-03-05", None),
    ("lunedì 3 e martedì 4 marzo 2025", "it", None, N, "2025-03-03", "2025-03-04", None),
    ("il 3 e l'4 marzo 2025", "it", None, N, "2025-03-03", "2025-03-04", None),
    ("il 10 e l'11 marzo 2025", "it", None, N, "2025-03-10", "2025-03-11", None),
    ("dal 3 marzo al 5 marzo 2025", "it", None, N, "2025-03-03", "2025-03-05", None),
    ("du mardi 4 au jeudi 6 novembre 2025", "fr", None, N, "2025-11-04", "2025-11-06", None),
    ("le 4 novembre et le 5 novembre 2025", "fr", None, N, "2025-11-04", "2025-11-05", None),
    ("mardi 4 et mercredi 5 novembre 2025", "fr", None, N, "2025-11-04", "2025-11-05", None),
    ("June 3 through June 5, 2025", "en", None, N, "2025-06-03", "2025-06-05", None),
    ("Montag, 2. bis Mittwoch, 4. Juni 2025", "de", None, N, "2025-06-02", "2025-06-04", None),
    ("5 June 2025 - 3 June 2025", "en", None, N, "2025-06-05", "2025-06-05", None),
]


@pytest.mark.parametrize(
    ("text", "lang", "ref", "direction", "start", "end", "raw"),
    ROWS,
    ids=[f"{i}:{r[0][:30]}" for i, r in enumerate(ROWS)],
)
def test_table(
    text: str,
    lang: str | None,
    ref: date | None,
    direction: str,
    start: str | None,
    end: str | None,
    raw: str | None,
) -> None:
    found = parse_date_range(text, lang, reference=ref, direction=direction)  # type: ignore[arg-type]
    if start is None:
        assert found is None, f"unexpected match {found}"
        return
    assert found is not None, f"no match in {text!r}"
    assert found.start_iso() == start
    assert found.end_iso() == end
    if raw is not None:
        assert found.raw == raw


def test_table_is_large_enough() -> None:
    assert len(ROWS) >= 120


def test_precision_and_flags() -> None:
    month = parse_date_range("październik 2014", "pl")
    assert month is not None and month.precision == "month" and not month.is_range
    rng = parse_date_range("20-21 października 2014", "pl")
    assert rng is not None and rng.precision == "day" and rng.is_range and rng.days == 2
    timed = parse_date_range("5 maggio 2022 - 18:20", "it")
    assert timed is not None and timed.precision == "datetime"
    yearless = parse_date_range("20/21 października", "pl", reference=date(2014, 10, 10))
    assert yearless is not None and yearless.year_inferred


def test_site_timezone_gives_offset_with_dst() -> None:
    summer = parse_date_range("5 maggio 2022 - 18:20", "it")
    winter = parse_date_range("5 gennaio 2022 - 18:20", "it")
    assert summer is not None and winter is not None
    assert summer.start_iso("Europe/Rome") == "2022-05-05T18:20+02:00"
    assert winter.start_iso("Europe/Rome") == "2022-01-05T18:20+01:00"
    # an explicit abbreviation beats the site zone
    cet = parse_date_range("31 May 2024 – 18:00 CET", "en")
    assert cet is not None and cet.start_iso("Europe/Lisbon") == "2024-05-31T18:00+01:00"


def test_finds_all_in_order_with_spans() -> None:
    text = "Zapraszamy 7-8 maja 2024 r. Rejestracja do 30 kwietnia 2024. Kontakt: 22 123 45 67."
    found = find_date_ranges(text, "pl")
    assert [(f.start.isoformat(), f.end.isoformat()) for f in found] == [
        ("2024-05-07", "2024-05-08"),
        ("2024-04-30", "2024-04-30"),
    ]
    for f in found:
        assert text[f.span[0] : f.span[1]] == f.raw


def test_max_days_drops_project_periods() -> None:
    text = "Projekt realizowany od 1 stycznia 2020 do 31 grudnia 2022."
    # the long range is refused as a whole: its ends do not come back as single dates
    assert find_date_ranges(text, "pl", max_days=31) == []
    long = find_date_ranges(text, "pl", max_days=2000)
    assert len(long) == 1 and long[0].days == 1096


def test_resolve_year_directions() -> None:
    ref = date(2014, 10, 24)
    assert resolve_year(10, 20, ref, "before") == 2014
    assert resolve_year(10, 20, ref, "after") == 2014  # within a week of the reference
    assert resolve_year(9, 1, ref, "after") == 2015
    assert resolve_year(12, 1, ref, "before") == 2013
    assert resolve_year(11, 1, ref, "nearest") == 2014


def test_date_order_for() -> None:
    assert date_order_for("en-US") == "MDY"
    assert date_order_for("en") == "DMY"
    assert date_order_for("pl") == "DMY"
    assert date_order_for(None) == "DMY"


def test_no_machine_clock_for_yearless() -> None:
    # without a reference a year-less date is dropped, never completed with today's year
    assert find_date_ranges("21 października", "pl") == []


def test_daterange_is_frozen() -> None:
    found = parse_date_range("3 marca 2024", "pl")
    assert isinstance(found, DateRange)
    with pytest.raises(AttributeError):
        found.start = date(2000, 1, 1)  # type: ignore[misc]


@given(st.text(alphabet=st.sampled_from(list("0123456789 .-/–:,abcdeijlmnoprstuyzMJOź")),
               max_size=80),
       st.sampled_from([None, "pl", "de", "en", "en-US", "cs"]))
def test_random_text_never_fails_and_spans_match(text: str, lang: str | None) -> None:
    for found in find_date_ranges(text, lang, reference=date(2020, 6, 1)):
        assert text[found.span[0] : found.span[1]] == found.raw
        assert found.start <= found.end
