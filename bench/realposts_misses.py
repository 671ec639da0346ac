"""The grouping misses of the real-post set, each pair with what grouping saw of both posts.

bench/realposts.py lists which pairs were missed; this says why: each post's event facts
(dated or its window, city, kind of event, years, editions, name features) and the pair's
score. Reads the same labels and page cache (third-party text stays outside the repository).

    python bench/realposts_misses.py [--part dev|heldout|all] [--kind recall|precision]
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
for entry in (ROOT, ROOT / "bench"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

import realposts  # noqa: E402

from clustercrawl.dedupe.events import (  # noqa: E402
    EventFacts,
    _overlap,
    facts_from_post,
    pair_score,
)
from clustercrawl.extract import extract_post  # noqa: E402


def describe(label: dict[str, Any], post: dict[str, Any], facts: EventFacts | None) -> str:
    """One post as grouping saw it."""
    head = f"{label['url']}\n      label {label.get('type')} {label.get('start')} " \
           f"{label.get('city')} | got {post['post_type']} title={post.get('title')!r}"
    if facts is None:
        event = post.get("event") or {}
        return head + f"\n      NO FACTS (event start={event.get('start')})"
    f = facts.features
    kind = "dated" if facts.dated else "window"
    weights = " ".join(f"{k}:{w:g}" for k, w in sorted(f.weights.items()))
    return (head + f"\n      {kind} {facts.start}..{facts.end} city={facts.city_key or '-'} "
            f"types={list(f.types)} years={list(f.years)} ed={list(f.editions)} "
            f"lead={f.used_lead}\n      name={facts.name!r} w=[{weights}]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--cache", type=Path, default=realposts.DEFAULT_CACHE)
    parser.add_argument("--part", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--kind", choices=("recall", "precision", "both"), default="both")
    args = parser.parse_args(argv)
    if not args.cache.is_dir():
        print(f"realposts_misses: no page cache at {args.cache}; nothing listed")
        return 0
    labels = yaml.safe_load(realposts.LABELS.read_text(encoding="utf-8"))
    chosen, posts = [], []
    for label in labels:
        if args.part != "all" and realposts.part_of(label) != args.part:
            continue
        path = realposts.cache_file(args.cache, label["url"])
        if not path.exists():
            continue
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        page = realposts.render(text, str(label["pub"]))
        chosen.append(label)
        posts.append(extract_post(page, label["url"], language=label["lang"],
                                  timezone=realposts.ZONES.get(label["lang"])))
    predicted = realposts.group(posts)
    facts = [facts_from_post(p) for p in posts]
    gold = {i: str(lab["key"]) for i, lab in enumerate(chosen) if lab.get("key")}
    count = 0
    for a, b in combinations(sorted(gold), 2):
        same_gold = gold[a] == gold[b]
        same_pred = a in predicted and b in predicted and predicted[a] == predicted[b]
        if same_gold == same_pred:
            continue
        kind = "recall" if same_gold else "precision"
        if args.kind not in (kind, "both"):
            continue
        count += 1
        fa, fb = facts[a], facts[b]
        both = fa is not None and fb is not None
        score = pair_score(fa, fb) if both else None  # type: ignore[arg-type]
        overlap = _overlap(fa, fb) if both else None  # type: ignore[arg-type]
        print(f"[{kind}] {gold[a]} / {gold[b]}  pair_score={score} overlap={overlap}")
        for tag, i in (("A", a), ("B", b)):
            group = sorted(gold.get(j, "-") for j, c in predicted.items()
                           if i in predicted and c == predicted[i])
            print(f"   {tag} " + describe(chosen[i], posts[i], facts[i])
                  + f"\n      grouped with {group}")
    print(f"{count} pairs listed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
