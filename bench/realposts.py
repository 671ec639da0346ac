"""Extraction and event grouping scored on real cluster posts, labelled by reading them.

Labels (``tests/data/realposts/labels.yaml``) hold URLs and a reader's facts only; the posts'
text is third-party material and stays OUT of the repository, in a cache directory (one JSON
file per URL: ``{"url": ..., "text": ...}`` as the search tool returned it, the excerpt's
opening part). Without the cache the script says so on one line and exits 0.

Each text is wrapped into a plain page (``<title>`` and ``<h1>`` from its first line when that
line reads as a title, one ``<p>`` per line, the labelled publication day in
``article:published_time``) and run through ``extract_post`` with the site's language and time
zone; event groups come from :func:`clustercrawl.dedupe.events.cluster_events`.

A third of the events (by key; posts without a key by URL) is held out: tune on ``dev``,
report both, never look at held-out misses while tuning. ``--labels`` scores another file of
labels instead, such as ``tests/data/realposts/fresh.yaml`` (posts found and labelled after all
of ``labels.yaml`` had been tuned on): such a file is held out as a whole, so it is scored in
one part (``all``) and its misses are never listed.

    python bench/realposts.py [--cache DIR] [--labels FILE] [--part dev|heldout|all]
                              [--misses FIELD] [--json out.json]
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from clustercrawl.dedupe.events import cluster_events, facts_from_post  # noqa: E402
from clustercrawl.extract import extract_post, find_date_ranges  # noqa: E402

LABELS = ROOT / "tests" / "data" / "realposts" / "labels.yaml"
FRESH = ROOT / "tests" / "data" / "realposts" / "fresh.yaml"
DEFAULT_CACHE = Path(os.environ.get("CLUSTERCRAWL_REALPOSTS_CACHE", "/work/realposts-cache"))
ZONES = {"pl": "Europe/Warsaw", "cs": "Europe/Prague", "sk": "Europe/Bratislava",
         "de": "Europe/Berlin", "fr": "Europe/Paris", "es": "Europe/Madrid", "it": "Europe/Rome",
         "en": "Europe/Brussels", "nl": "Europe/Amsterdam"}
HELDOUT_SHARE = 3  # of 10 buckets
FIELDS = ("type", "found", "range", "city", "attendance", "status", "no_event")


def part_of(label: Mapping[str, Any]) -> str:
    """``heldout`` for about 30 % of the events (every post of one event on the same side)."""
    key = str(label.get("key") or label["url"])
    bucket = int(hashlib.sha1(key.encode()).hexdigest(), 16) % 10
    return "heldout" if bucket < HELDOUT_SHARE else "dev"


def cache_file(cache: Path, url: str) -> Path:
    return cache / (hashlib.sha1(url.encode()).hexdigest()[:16] + ".json")


_CHROME = re.compile(
    r"(?:.{0,60}\|\s*home\s*page|you\s+are\s+here:?|sie\s+sind\s+hier:?|news|aktuelles|"
    r"aktuality|novinky|noticias|actualités|notizie|aktualności|novinka|home)\s*$",
    re.IGNORECASE)


def render(text: str, published: str) -> str:
    """A plain page around the cached text: a short first line is the title."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    while lines and _CHROME.match(lines[0]):
        lines.pop(0)  # the excerpt's site chrome ("Modus | Home page", "You are here:")
    title = ""
    first = lines[0] if lines else ""
    dates = find_date_ranges(first, None, month_only=False)
    datelike = bool(dates) and sum(d.span[1] - d.span[0] for d in dates) >= len(first) / 2
    if first and len(first) <= 160 and not first.endswith((".", ":")) and not datelike:
        title = lines.pop(0)
    paras = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return (
        "<html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        f'<meta property="article:published_time" content="{published}T09:00:00">'
        "</head><body><article>"
        f"<h1>{html.escape(title)}</h1>{paras}</article></body></html>"
    )


@dataclass
class Tally:
    """Hits and trials of one field, per language."""

    hits: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    trials: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, lang: str, ok: bool) -> None:
        self.trials[lang] += 1
        self.hits[lang] += ok

    def share(self, lang: str | None = None) -> float | None:
        trials = sum(self.trials.values()) if lang is None else self.trials.get(lang, 0)
        hits = sum(self.hits.values()) if lang is None else self.hits.get(lang, 0)
        return hits / trials if trials else None


def _day(value: Any) -> str | None:
    return str(value)[:10] if value else None


def score_post(label: Mapping[str, Any], post: Mapping[str, Any], tallies: dict[str, Tally],
               misses: dict[str, list[str]]) -> None:
    lang = label["lang"]

    def check(name: str, ok: bool, detail: str) -> None:
        tallies[name].add(lang, ok)
        if not ok:
            misses[name].append(f"{label['url']}\n    {detail}")

    check("type", post["post_type"] == label["type"],
          f"want {label['type']} got {post['post_type']}")
    event = post.get("event") or {}
    if "start" not in label:  # no event in the post: none may be invented
        check("no_event", not event, f"invented {event.get('start')} ({event.get('date_text')})")
        return
    got_start, got_end = _day(event.get("start")), _day(event.get("end"))
    want_start, want_end = _day(label.get("start")), _day(label.get("end"))
    if want_start:
        check("found", got_start is not None, f"want {want_start} got nothing")
        if want_end:
            check("range", (got_start, got_end or got_start) == (want_start, want_end),
                  f"want {want_start}..{want_end} got {got_start}..{got_end}")
    location = event.get("location") or {}
    got_city = location.get("city")
    if event or label.get("city"):
        check("city", (got_city or None) == (label.get("city") or None),
              f"want {label.get('city')} got {got_city} ({location.get('city_local')})")
    if event:
        check("attendance", event.get("attendance") == label.get("att", "offline"),
              f"want {label.get('att')} got {event.get('attendance')}")
        check("status", event.get("status") == label.get("status", "scheduled"),
              f"want {label.get('status', 'scheduled')} got {event.get('status')}")


def pairwise(gold: Mapping[int, str], predicted: Mapping[int, int]
             ) -> tuple[int, int, int]:
    """(true pairs found, predicted pairs, gold pairs) over posts with a gold key."""
    nodes = sorted(gold)
    tp = pred = want = 0
    for a, b in combinations(nodes, 2):
        same_gold = gold[a] == gold[b]
        same_pred = a in predicted and b in predicted and predicted[a] == predicted[b]
        want += same_gold
        pred += same_pred
        tp += same_gold and same_pred
    return tp, pred, want


def group(posts: list[dict[str, Any]]) -> dict[int, int]:
    """Event cluster of each post that has a dated event."""
    facts, index = [], []
    for i, post in enumerate(posts):
        f = facts_from_post(post)
        if f is not None:
            facts.append(f)
            index.append(i)
    clusters = cluster_events(facts, list(range(len(facts))), {})
    return {index[k]: c for k, c in enumerate(clusters)}


Pairs = tuple[int, int, int]


def run(labels: Iterable[Mapping[str, Any]], cache: Path, part: str
        ) -> tuple[dict[str, Tally], dict[str, list[str]], tuple[Pairs, Pairs], int]:
    """Tallies, misses, grouping pairs (all keyed posts; those whose text gives the day) and
    the number of labelled posts without cached text."""
    tallies = {name: Tally() for name in FIELDS}
    misses: dict[str, list[str]] = defaultdict(list)
    chosen, posts = [], []
    missing = 0
    for label in labels:
        if part != "all" and part_of(label) != part:
            continue
        path = cache_file(cache, label["url"])
        if not path.exists():
            missing += 1
            continue
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        page = render(text, str(label["pub"]))
        post = extract_post(page, label["url"], language=label["lang"],
                            timezone=ZONES.get(label["lang"]))
        score_post(label, post, tallies, misses)
        chosen.append(label)
        posts.append(post)
    predicted = group(posts)
    gold = {i: str(lab["key"]) for i, lab in enumerate(chosen) if lab.get("key")}
    for a, b in combinations(sorted(gold), 2):
        same_gold, same_pred = gold[a] == gold[b], (
            a in predicted and b in predicted and predicted[a] == predicted[b])
        if same_gold != same_pred:
            kind = "group_recall" if same_gold else "group_precision"
            misses[kind].append(f"{chosen[a]['url']}\n    {chosen[b]['url']}")
    # pairs of posts whose text gives the event's day: the ones date-based grouping can join
    dated = {i: key for i, key in gold.items() if chosen[i].get("start")}
    return tallies, misses, (pairwise(gold, predicted), pairwise(dated, predicted)), missing


def undated_pairs(all_pairs: Pairs, dated: Pairs) -> Pairs:
    """Pairs where at least one post gives no day: all pairs minus the dated ones."""
    return (all_pairs[0] - dated[0], all_pairs[1] - dated[1], all_pairs[2] - dated[2])


def _fmt(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


def report(tallies: Mapping[str, Tally], pairs: tuple[int, int, int], title: str,
           dated: tuple[int, int, int] | None = None) -> dict[str, Any]:
    langs = sorted({lang for t in tallies.values() for lang in t.trials})
    print(f"\n== {title}")
    print("field       all   " + "  ".join(f"{lang:>4}" for lang in langs))
    out: dict[str, Any] = {}
    for name, tally in tallies.items():
        row = [tally.share()] + [tally.share(lang) for lang in langs]
        n = sum(tally.trials.values())
        print(f"{name:<10} {_fmt(row[0])}  " + "  ".join(_fmt(v) for v in row[1:]) + f"   n={n}")
        out[name] = {"all": row[0], **dict(zip(langs, row[1:], strict=True)), "n": n}
    tp, pred, want = pairs
    precision = tp / pred if pred else None
    recall = tp / want if want else None
    print(f"grouping   precision {_fmt(precision)} ({tp}/{pred})  recall {_fmt(recall)} "
          f"({tp}/{want})")
    out["grouping"] = {"precision": precision, "recall": recall, "pairs": want}
    if dated is not None:
        d_tp, d_pred, d_want = dated
        d_recall = d_tp / d_want if d_want else None
        print(f"  dated    precision {_fmt(d_tp / d_pred if d_pred else None)} ({d_tp}/{d_pred})"
              f"  recall {_fmt(d_recall)} ({d_tp}/{d_want})  (both posts give the day)")
        out["grouping_dated"] = {"recall": d_recall, "pairs": d_want}
        u_tp, u_pred, u_want = undated_pairs(pairs, dated)
        u_recall = u_tp / u_want if u_want else None
        print(f"  undated  precision {_fmt(u_tp / u_pred if u_pred else None)} ({u_tp}/{u_pred})"
              f"  recall {_fmt(u_recall)} ({u_tp}/{u_want})  (a post gives no day)")
        out["grouping_undated"] = {"recall": u_recall, "pairs": u_want}
    return out


def load_labels(path: Path) -> list[dict[str, Any]]:
    """The labels of ``path``; a missing or malformed file raises ``ValueError`` naming it."""
    try:
        labels = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"cannot read labels {path}: {exc}") from exc
    if not isinstance(labels, list) or not all(isinstance(x, dict) and "url" in x
                                               for x in labels):
        raise ValueError(f"labels {path} is not a list of posts with a url")
    return labels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--labels", type=Path, default=LABELS,
                        help="labels to score (default labels.yaml); any other file is held "
                             "out as a whole: scored as part 'all', misses never listed")
    parser.add_argument("--part", choices=("dev", "heldout", "all", "both"), default=None,
                        help="labels.yaml's split (default both); another file: all")
    parser.add_argument("--misses", default="", help="comma-separated fields to list misses of")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    split = args.labels.resolve() == LABELS.resolve()
    part = args.part or ("both" if split else "all")
    if not split and part != "all":
        print(f"realposts: {args.labels} is held out as a whole; use --part all (not {part})")
        return 2
    try:
        labels = load_labels(args.labels)
    except ValueError as exc:
        print(f"realposts: {exc}")
        return 2
    if not args.cache.is_dir():
        print(f"realposts: no page cache at {args.cache}; nothing scored "
              f"(labels only: {args.labels})")
        return 0
    parts = ("dev", "heldout") if part == "both" else (part,)
    results: dict[str, Any] = {"date": date.today().isoformat(), "labels": str(args.labels)}
    wanted = [f for f in args.misses.split(",") if f]
    for name_of_part in parts:
        tallies, misses, (pairs, dated), missing = run(labels, args.cache, name_of_part)
        if missing:
            print(f"realposts: {missing} labelled posts of part {name_of_part} have no cached "
                  "text")
        title = name_of_part if split else f"{args.labels.name} ({name_of_part})"
        results[name_of_part] = report(
            tallies, pairs, f"{title} ({sum(tallies['type'].trials.values())} posts)", dated)
        if not split:  # said whether or not --misses asked for any
            print(f"(misses of {args.labels.name} are not listed: it is held out as a whole)")
            continue
        if name_of_part == "heldout" and wanted:
            print("(misses of the held-out part are not listed)")
            continue
        for name in wanted:
            for line in misses.get(name, []):
                print(f"  {name}: {line}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
