"""The date-range grammar against a table of expressions (tests/data/extract/date_ranges.tsv).

Each row: language, text, reference (publication date), direction, expected start, end and
precision. The table covers the formats and traps of ../shared/design/dates-and-places.md in
pl, cs, sk, de, fr, es, it, en and nl; adding a case is adding a row.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from clustercrawl.extract.daterange import Direction, parse_date_range

CORPUS = Path(__file__).parent / "data" / "extract" / "date_ranges.tsv"


@dataclass(frozen=True)
class Case:
    language: str
    text: str
    reference: date | None
    direction: Direction
    start: str | None
    end: str | None
    precision: str | None
    note: str


def _cell(value: str) -> str | None:
    return None if value in {"", "-"} else value


def load_cases() -> list[Case]:
    lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    cases = []
    for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        lang, text, ref, direction, start, end, precision, note = row
        cases.append(Case(lang, text, date.fromisoformat(ref) if ref else None,
                          direction or "nearest",  # type: ignore[arg-type]
                          _cell(start), _cell(end), _cell(precision), note))
    return cases


CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.language}|{c.text}" for c in CASES])
def test_expression(case: Case) -> None:
    found = parse_date_range(case.text, case.language, reference=case.reference,
                             direction=case.direction)
    if case.start is None:
        assert found is None, f"{case.note}: expected no date, got {found}"
        return
    assert found is not None, f"{case.note}: nothing found"
    got = (found.start_iso(), found.end_iso(), found.precision)
    assert got == (case.start, case.end, case.precision), case.note


def test_corpus_size_and_coverage() -> None:
    assert len(CASES) >= 400
    per_language = Counter(c.language.split("-")[0] for c in CASES)
    for lang in ("pl", "cs", "sk", "de", "fr", "es", "it", "en", "nl"):
        assert per_language[lang] >= 25, (lang, per_language[lang])
    notes = " ".join(c.note for c in CASES)
    for trap in ("21 as the year", "never today at 21:10", '"się" is not August',
                 "leading word", "camera file name", "relative date", "impossible date",
                 "US English: month first", "year-less: after", "year-less: before",
                 "month and year only", "zone", "project period"):
        assert trap in notes, trap
    assert sum(c.start is None for c in CASES) >= 30  # expressions that must give nothing
