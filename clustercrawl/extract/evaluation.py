"""Scoring extraction against third-party gold (``../shared/evaldata``), shared by the
benchmark (``bench/quality.py``) and the quality gate test, so both count the same way.

Metrics follow the published ones so figures compare with other tools':

- body text: the article-extraction-benchmark metric (tokens ``\\w+``, 4-gram shingle
  multisets, per-page precision and recall averaged over pages, F1 of the two averages);
- snippets: trafilatura's evaluation (a ``with`` snippet found is a true positive, a
  ``without`` snippet found a false positive; whitespace-normalised substring test);
- title: equality after NFKC, casefolding and punctuation -> space;
- date: the exact day.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "BodyScore",
    "EvalPage",
    "SnippetScore",
    "body_scores",
    "date_match",
    "default_evaldata_dir",
    "load_pages",
    "norm_title",
    "shingle_match",
    "snippet_counts",
    "title_match",
]

_TOKEN = re.compile(r"\w+", re.UNICODE)
_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


def default_evaldata_dir() -> Path:
    """``../shared/evaldata`` next to the repository checkout (never copied into it)."""
    return Path(__file__).resolve().parents[2].parent / "shared" / "evaldata"


@dataclass(frozen=True, slots=True)
class EvalPage:
    """One gold page: its id, URL, gold fields and the HTML (read in place)."""

    id: str
    url: str
    gold: dict[str, Any]
    html: str


def load_pages(folder: Path, limit: int | None = None, every: int = 1) -> list[EvalPage]:
    """Pages of one evaldata set, sorted by id; ``every`` keeps each n-th (a fixed subset)."""
    golds = sorted((folder / "pages").glob("*.json"))[::every]
    if limit:
        golds = golds[:limit]
    pages = []
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        raw = gzip.decompress(path.with_name(path.name[:-5] + ".html.gz").read_bytes())
        pages.append(EvalPage(gold["id"], gold.get("url") or "", gold,
                              raw.decode("utf-8", "replace")))
    return pages


def norm_title(text: str | None) -> str:
    """NFKC, casefold, punctuation -> space, collapsed."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(_PUNCT.sub(" ", text).split())


def title_match(predicted: str | None, gold: str) -> bool:
    return bool(predicted) and norm_title(predicted) == norm_title(gold)


def date_match(predicted: str | None, gold: str) -> bool:
    return bool(predicted) and str(predicted)[:10] == gold


# ---------------------------------------------------------------------------- body text


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i : i + n])


def shingle_match(true: str, pred: str, n: int = 4) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page's shingle multisets."""
    gold, got = _shingles(true, n), _shingles(pred, n)
    tp = sum((gold & got).values())
    fp = sum((got - gold).values())
    fn = sum((gold - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


@dataclass(frozen=True, slots=True)
class BodyScore:
    precision: float
    recall: float
    f1: float
    pages: int


def body_scores(matches: Sequence[tuple[float, float, float]]) -> BodyScore:
    """Average precision and recall over pages, then F1 of the averages."""
    precisions = [_precision(*m) for m in matches if m[0] + m[1] > 0]
    recalls = [_recall(*m) for m in matches if m[0] + m[2] > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return BodyScore(p, r, f1, len(matches))


# ---------------------------------------------------------------------------- snippets


@dataclass(slots=True)
class SnippetScore:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, counts: tuple[int, int, int, int]) -> None:
        self.tp += counts[0]
        self.fn += counts[1]
        self.fp += counts[2]
        self.tn += counts[3]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _ws(text: str) -> str:
    return " ".join(text.split())


def snippet_counts(
    text: str | None, with_: Iterable[str], without: Iterable[str]
) -> tuple[int, int, int, int]:
    """(tp, fn, fp, tn) of one page's snippets in the extracted text."""
    body = _ws(text or "")
    tp = fn = fp = tn = 0
    for snippet in with_:
        if _ws(snippet) in body:
            tp += 1
        else:
            fn += 1
    for snippet in without:
        if _ws(snippet) in body:
            fp += 1
        else:
            tn += 1
    return tp, fn, fp, tn
