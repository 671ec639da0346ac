"""The real-post scores (bench/realposts.py) held at floors: the level measured when they were
set, minus about one post, so a regression on real cluster posts fails here.

labels.yaml is tuned on as a whole (parts dev, heldout, all); fresh.yaml holds 75 further
posts found and labelled by reading after that tuning, which nobody tunes on
(bench/realposts.py never lists their misses): a change that only fits the tuned posts and
breaks on new ones fails on the ``fresh`` part.

The posts' text is third-party material kept outside the repository (the page cache, see
README "Real cluster posts"): without it the test skips, naming the directory.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _scorer() -> ModuleType:
    """bench/realposts.py, the scorer the README's figures come from (bench is no package)."""
    spec = importlib.util.spec_from_file_location("realposts", ROOT / "bench" / "realposts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["realposts"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


realposts = _scorer()

#: measured 2026-12-05 after issue 11's whole-set work (dev: 161 posts, held-out: 101, all:
#: 262, now the development set); floors about one post below
FLOORS = {
    "dev": {"type": 0.93, "found": 0.99, "range": 0.97, "city": 0.90, "attendance": 0.95,
            "status": 0.99},  # 0.944, 1.000, 0.983, 0.914, 0.957, 1.000
    "heldout": {"type": 0.88, "found": 0.97, "range": 0.90, "city": 0.87, "attendance": 0.85,
                "status": 0.95},  # 0.891, 0.988, 0.914, 0.884, 0.868, 0.967
    "all": {"type": 0.919, "found": 0.99, "range": 0.949, "city": 0.902, "attendance": 0.917,
            "status": 0.982},  # 242/262, 198/199, 188/197, 213/235, 211/229, 226/229
    # measured on the 75 fresh posts before anyone looked at their misses, and unchanged
    # after the whole-set work: 60/75, 42/43, 36/40, 36/47, 41/46, 46/46, 20/23
    "fresh": {"type": 0.78, "found": 0.95, "range": 0.87, "city": 0.74, "attendance": 0.86,
              "status": 0.97, "no_event": 0.82},
}
#: pairwise grouping precision; the whole set's three false pairs join a matchmaking day
#: held on the eve of a conference with the conference (the report gives only the
#: conference's dates)
GROUP_PRECISION = {"dev": 1.0, "heldout": 1.0, "all": 0.98,
                   "fresh": 0.9}  # 75/75, 100/100, 175/178, 10/10
#: pairwise grouping recall, measured 2026-12-05; floors about one pair below
GROUP_RECALL = {"dev": 0.93, "heldout": 0.86, "all": 0.895,
                "fresh": 0.52}  # 75/79, 100/115, 175/194, 10/17


@pytest.mark.parametrize("part", ["dev", "heldout", "all", "fresh"])
def test_real_posts_hold_their_floors(part: str, capsys: pytest.CaptureFixture[str]) -> None:
    cache = realposts.DEFAULT_CACHE
    if not cache.is_dir():
        pytest.skip(f"no real-post page cache at {cache}")
    labels = realposts.load_labels(realposts.FRESH if part == "fresh" else realposts.LABELS)
    scored = "all" if part == "fresh" else part  # the fresh file is one part as a whole
    tallies, _misses, (pairs, _dated), missing = realposts.run(labels, cache, scored)
    assert missing == 0, f"{missing} labelled posts have no cached text in {cache}"
    scores = {name: tallies[name].share() for name in FLOORS[part]}
    tp, pred, want = pairs
    with capsys.disabled():
        print(f"\nreal posts ({part}): " + ", ".join(
            f"{k} {v:.3f}" for k, v in scores.items() if v is not None))
    low = {k: v if v is None else round(v, 3) for k, v in scores.items()
           if v is None or v < FLOORS[part][k]}
    assert not low, f"{part} below the floors: {low}"
    assert pred == 0 or tp / pred >= GROUP_PRECISION[part], f"grouping precision {tp}/{pred}"
    assert want and tp / want >= GROUP_RECALL[part], f"{part} grouping recall {tp}/{want}"
