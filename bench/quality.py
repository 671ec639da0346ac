"""Extraction quality on real pages with third-party gold, side by side with trafilatura and
htmldate in the same run.

Reads ``../shared/evaldata/{aeb,trafilatura-eval}`` in place (never copies it) and scores:
title (normalised match), publication date (exact day), body text (4-gram shingle F1 of
the article-extraction-benchmark), snippets (with/without, trafilatura's evaluation) and
pages/s of each tool on the same pages (one core, HTML already in memory; calls interleaved
page by page so that load changes hit all tools alike; each tool warmed up first), with the
process CPU seconds of each tool's calls beside the wall time (CPU time survives machine load,
wall time does not) and the ratio of clustercrawl's speed to trafilatura's on both.

    python bench/quality.py [--sets aeb,trafilatura-eval] [--limit N] [--every K] [--offset I]
                            [--tools clustercrawl,trafilatura,htmldate] [--misses FIELD]
                            [--json out.json]

Tools: ``clustercrawl`` = ``extract_post(html, url)`` (every field of a post);
``trafilatura`` = ``bare_extraction(html, url, include_comments=False, with_metadata=True)``
(text + title + date, as in its own evaluation); ``htmldate`` =
``find_date(html, url, original_date=True)`` (dates only).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from htmldate import find_date
from htmldate.extractors import external_date_parser
from trafilatura import bare_extraction

from clustercrawl.extract import extract_post
from clustercrawl.extract.evaluation import (
    EvalPage,
    SnippetScore,
    body_scores,
    date_match,
    default_evaldata_dir,
    load_pages,
    shingle_match,
    snippet_counts,
    title_match,
)

Output = dict[str, str | None]  # title, date, text (+ date_source for clustercrawl)


def run_clustercrawl(page: EvalPage) -> Output:
    out = extract_post(page.html, page.url)
    return {"title": out["title"], "date": out["published"]["value"], "text": out["body_text"],
            "date_source": out["published"]["source"]}


def run_trafilatura(page: EvalPage) -> Output:
    doc = bare_extraction(page.html, url=page.url or None, include_comments=False,
                          with_metadata=True)
    if doc is None:
        return {"title": None, "date": None, "text": None}
    return {"title": getattr(doc, "title", None), "date": getattr(doc, "date", None),
            "text": getattr(doc, "text", None)}


def run_htmldate(page: EvalPage) -> Output:
    return {"title": None, "text": None,
            "date": find_date(page.html, url=page.url or None, original_date=True)}


TOOLS: dict[str, tuple[Callable[[EvalPage], Output], frozenset[str]]] = {
    "clustercrawl": (run_clustercrawl, frozenset({"title", "date", "text"})),
    "trafilatura": (run_trafilatura, frozenset({"title", "date", "text"})),
    "htmldate": (run_htmldate, frozenset({"date"})),
}


@dataclass(slots=True)
class Result:
    tool: str
    dataset: str
    pages: int
    seconds: float
    cpu: float = 0.0  # process CPU seconds of the tool's calls (time.process_time)
    title: tuple[int, int] | None = None
    date: tuple[int, int] | None = None
    body: dict[str, float] | None = None
    snippets: dict[str, float] | None = None
    misses: dict[str, list[str]] = field(default_factory=dict)
    date_sources: dict[str, list[int]] = field(default_factory=dict)  # source -> [hits, n]

    @property
    def speed(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def cpu_speed(self) -> float:
        return self.pages / self.cpu if self.cpu else 0.0

    def as_dict(self) -> dict[str, Any]:
        def acc(pair: tuple[int, int] | None) -> float | None:
            return round(pair[0] / pair[1], 4) if pair and pair[1] else None

        return {"tool": self.tool, "dataset": self.dataset, "pages": self.pages,
                "pages_per_s": round(self.speed, 2), "wall_s": round(self.seconds, 3),
                "cpu_s": round(self.cpu, 3), "cpu_pages_per_s": round(self.cpu_speed, 2),
                "title": acc(self.title),
                "date": acc(self.date), "body": self.body, "snippets": self.snippets}


def warm_shared_caches() -> None:
    """Fill the one-off caches the tools share before timing them. dateparser (htmldate's
    fallback parser, called inside trafilatura's metadata and clustercrawl's publication
    date alike) compiles the tables of all its ~200 locales at the first string none of
    them reads: ~1.5 s CPU once per process, which the warm-up on every k-th page may miss
    and which then falls on whichever tool meets such a string first (mostly clustercrawl,
    which runs first on each page)."""
    external_date_parser("qqq 99 zzz", "%Y-%m-%d")


@dataclass(slots=True)
class Run:
    """One tool's outputs on a set, its wall seconds and its process CPU seconds."""

    outputs: list[Output]
    seconds: float
    cpu: float


def run_tools(tools: list[str], pages: list[EvalPage], warm_every: int = 10) -> dict[str, Run]:
    """Outputs, wall and CPU seconds of each tool. Calls are interleaved page by page, so a
    change in machine load during the run weighs on every tool alike; each tool is first
    warmed up on every k-th page (caches such as dateparser's locales are shared between
    tools). CPU seconds are the process's (``time.process_time``) around each call: other
    processes on the machine do not count in them, so they compare across loads."""
    if warm_every:
        warm_shared_caches()
    for tool in tools:
        for page in pages[::warm_every] if warm_every else []:
            TOOLS[tool][0](page)
    runs = {t: Run([], 0.0, 0.0) for t in tools}
    for page in pages:
        for tool in tools:
            run = runs[tool]
            c0, t0 = time.process_time(), time.perf_counter()
            run.outputs.append(TOOLS[tool][0](page))
            run.seconds += time.perf_counter() - t0
            run.cpu += time.process_time() - c0
    return runs


def score(tool: str, dataset: str, pages: list[EvalPage], run: Run) -> Result:
    """Score every field a tool produces against the gold of the pages."""
    fields = TOOLS[tool][1]
    outputs = run.outputs
    result = Result(tool, dataset, len(pages), run.seconds, run.cpu)
    titles = [(p, o) for p, o in zip(pages, outputs, strict=True) if p.gold.get("title")]
    dates = [(p, o) for p, o in zip(pages, outputs, strict=True) if p.gold.get("date")]
    texts = [(p, o) for p, o in zip(pages, outputs, strict=True) if p.gold.get("text")]
    snips = [(p, o) for p, o in zip(pages, outputs, strict=True)
             if p.gold.get("with") or p.gold.get("without")]
    misses: dict[str, list[str]] = {"title": [], "date": [], "text": [], "snippets": []}
    if "title" in fields and titles:
        hits = 0
        for p, o in titles:
            ok = title_match(o["title"], p.gold["title"])
            hits += ok
            if not ok:
                misses["title"].append(f"{p.id}: {o['title']!r} != {p.gold['title']!r}")
        result.title = (hits, len(titles))
    if "date" in fields and dates:
        hits = 0
        for p, o in dates:
            ok = date_match(o["date"], p.gold["date"])
            hits += ok
            if "date_source" in o:
                tally = result.date_sources.setdefault(o["date_source"] or "none", [0, 0])
                tally[0] += ok
                tally[1] += 1
            if not ok:
                misses["date"].append(f"{p.id}: {o['date']} != {p.gold['date']}  {p.url}")
        result.date = (hits, len(dates))
    if "text" in fields and texts:
        matches = [shingle_match(p.gold["text"], o["text"] or "") for p, o in texts]
        body = body_scores(matches)
        result.body = {"precision": round(body.precision, 4), "recall": round(body.recall, 4),
                       "f1": round(body.f1, 4)}
        for (p, _), (tp, fp, fn) in zip(texts, matches, strict=True):
            if tp < 0.9:
                misses["text"].append(f"{p.id}: tp={tp:.2f} fp={fp:.2f} fn={fn:.2f}  {p.url}")
    if "text" in fields and snips:
        total = SnippetScore()
        for p, o in snips:
            counts = snippet_counts(o["text"], p.gold.get("with", []), p.gold.get("without", []))
            total.add(counts)
            if counts[1] or counts[2]:
                misses["snippets"].append(f"{p.id}: fn={counts[1]} fp={counts[2]}  {p.url}")
        result.snippets = {"precision": round(total.precision, 4),
                           "recall": round(total.recall, 4), "f1": round(total.f1, 4)}
    result.misses = misses
    return result


def page_language(page: EvalPage) -> str:
    """The gold language, else the set's language guess on the visible text (a hint)."""
    meta = page.gold.get("meta") or {}
    return str(page.gold.get("language") or meta.get("page_langid") or "?")


@dataclass(slots=True)
class LanguageRow:
    language: str
    date_n: int = 0
    title_n: int = 0
    date_hits: dict[str, int] = field(default_factory=dict)
    title_hits: dict[str, int] = field(default_factory=dict)


def by_language(pages: list[EvalPage], runs: dict[str, Run]) -> list[LanguageRow]:
    """Date and title accuracy of every tool per page language, largest slice first."""
    rows: dict[str, LanguageRow] = {}
    for i, page in enumerate(pages):
        row = rows.setdefault(page_language(page), LanguageRow(page_language(page)))
        if page.gold.get("date"):
            row.date_n += 1
            for tool, run in runs.items():
                if "date" in TOOLS[tool][1]:
                    row.date_hits[tool] = row.date_hits.get(tool, 0) + date_match(
                        run.outputs[i]["date"], page.gold["date"])
        if page.gold.get("title"):
            row.title_n += 1
            for tool, run in runs.items():
                if "title" in TOOLS[tool][1]:
                    row.title_hits[tool] = row.title_hits.get(tool, 0) + title_match(
                        run.outputs[i]["title"], page.gold["title"])
    return sorted(rows.values(), key=lambda r: (-r.date_n, -r.title_n, r.language))


MIN_SLICE = 20  # a language slice this large must not be behind htmldate on dates


def print_languages(dataset: str, rows: list[LanguageRow], tools: list[str]) -> list[str]:
    """Print the per-language table; return the slices (n >= MIN_SLICE) where clustercrawl's
    date accuracy is below htmldate's or trafilatura's."""
    date_tools = [t for t in tools if "date" in TOOLS[t][1]]
    title_tools = [t for t in tools if "title" in TOOLS[t][1]]
    if not any(r.date_n or r.title_n for r in rows):
        return []
    print(f"{dataset}: per language (page_langid), date and title accuracy")
    head = "  lang  date n " + " ".join(f"{t[:12]:>12s}" for t in date_tools)
    head += "  title n " + " ".join(f"{t[:12]:>12s}" for t in title_tools)
    print(head)
    behind = []
    for r in rows:
        def acc(hits: dict[str, int], tool: str, n: int) -> str:
            return f"{hits.get(tool, 0) / n:12.3f}" if n else f"{'-':>12s}"
        line = f"  {r.language:5s} {r.date_n:6d} " + " ".join(
            acc(r.date_hits, t, r.date_n) for t in date_tools)
        line += f" {r.title_n:8d} " + " ".join(acc(r.title_hits, t, r.title_n)
                                               for t in title_tools)
        ours = r.date_hits.get("clustercrawl")
        peers = [r.date_hits[t] for t in date_tools if t != "clustercrawl" and t in r.date_hits]
        if r.date_n >= MIN_SLICE and ours is not None and peers and ours < max(peers):
            line += "  BEHIND on dates"
            behind.append(r.language)
        print(line)
    return behind


def _fmt(value: float | None) -> str:
    return f"{value:.3f}" if value is not None else "  -  "


def print_table(results: list[Result]) -> None:
    print(f"{'dataset':17s} {'tool':13s} {'pages':>5s} {'pages/s':>8s} {'CPU s':>7s} {'title':>6s} "
          f"{'date':>6s} {'body P':>6s} {'body R':>6s} {'body F1':>7s} {'snip P':>6s} "
          f"{'snip R':>6s} {'snip F1':>7s}")
    for r in results:
        d = r.as_dict()
        body = r.body or {}
        snip = r.snippets or {}
        print(f"{r.dataset:17s} {r.tool:13s} {r.pages:5d} {r.speed:8.1f} {r.cpu:7.2f} "
              f"{_fmt(d['title']):>6s} "
              f"{_fmt(d['date']):>6s} {_fmt(body.get('precision')):>6s} "
              f"{_fmt(body.get('recall')):>6s} {_fmt(body.get('f1')):>7s} "
              f"{_fmt(snip.get('precision')):>6s} {_fmt(snip.get('recall')):>6s} "
              f"{_fmt(snip.get('f1')):>7s}")


def speed_ratios(results: list[Result]) -> dict[str, tuple[float, float]]:
    """Per set, clustercrawl's pages/s over trafilatura's: (wall, CPU); > 1 is faster."""
    by = {(r.dataset, r.tool): r for r in results}
    out = {}
    for (dataset, tool), ours in by.items():
        theirs = by.get((dataset, "trafilatura"))
        if tool == "clustercrawl" and theirs is not None and ours.seconds and ours.cpu:
            out[dataset] = (theirs.seconds / ours.seconds, theirs.cpu / ours.cpu)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=default_evaldata_dir())
    parser.add_argument("--sets", default="aeb,trafilatura-eval")
    parser.add_argument("--tools", default="clustercrawl,trafilatura,htmldate")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--every", type=int, default=1, help="keep every k-th page")
    parser.add_argument("--offset", type=int, default=0, help="start the every-k-th selection "
                        "at this page (a held-out split: --every 2 --offset 1)")
    parser.add_argument("--misses", default="", help="print misses of clustercrawl for a "
                        "field: title, date, text or snippets")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    parser.add_argument("--warm-every", type=int, default=10, help="warm each tool up on "
                        "every k-th page before timing it (0: no warm-up)")
    args = parser.parse_args(argv)
    if not args.dir.is_dir():
        print(f"evaldata not found at {args.dir}", file=sys.stderr)
        return 2
    results: list[Result] = []
    languages: list[tuple[str, list[LanguageRow]]] = []
    tools = args.tools.split(",")
    for dataset in args.sets.split(","):
        if args.offset:  # the other half of a split: --every 2 --offset 1 = odd pages
            pages = load_pages(args.dir / dataset)[args.offset::args.every]
            pages = pages[: args.limit] if args.limit else pages
        else:
            pages = load_pages(args.dir / dataset, args.limit or None, args.every)
        runs = run_tools(tools, pages, args.warm_every)
        languages.append((dataset, by_language(pages, runs)))
        for tool in tools:
            result = score(tool, dataset, pages, runs[tool])
            results.append(result)
            if args.misses and tool == "clustercrawl":
                for line in result.misses.get(args.misses, []):
                    print(f"[{dataset}] {args.misses.upper()} {line}")
    print_table(results)
    ratios = speed_ratios(results)
    for dataset, (wall, cpu) in ratios.items():
        print(f"{dataset}: clustercrawl/trafilatura speed {wall:.2f}x wall, {cpu:.2f}x CPU "
              f"(load {os.getloadavg()[0]:.1f})")
    for r in results:
        if r.date_sources:
            print(f"{r.dataset} {r.tool}: publication date by source (hits/pages)")
            for src, (hit, total) in sorted(r.date_sources.items(), key=lambda kv: -kv[1][1]):
                print(f"  {src:9s} {hit:4d}/{total:<4d} = {hit / total:.3f}")
    behind: list[str] = []
    for dataset, rows in languages:
        behind += [f"{dataset}/{lang}" for lang in print_languages(dataset, rows, tools)]
    if behind:
        print(f"behind a peer on dates in language slices of >= {MIN_SLICE} pages: "
              + ", ".join(behind))
    if args.json:
        payload: dict[str, Any] = {
            "results": [r.as_dict() for r in results],
            "speed_ratio": {ds: {"wall": round(w, 3), "cpu": round(c, 3)}
                            for ds, (w, c) in ratios.items()},
            "languages": {ds: [{"language": r.language, "date_n": r.date_n,
                                "date": r.date_hits, "title_n": r.title_n,
                                "title": r.title_hits} for r in rows]
                          for ds, rows in languages},
        }
        args.json.write_text(json.dumps(payload, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
