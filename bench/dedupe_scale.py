"""Dedupe at scale: time and peak memory of stories + events for 100k and 1M synthetic posts.

    python bench/dedupe_scale.py [--sizes 100000,1000000] [--store [--rerun 100000]] [--seed 1]

Each size runs in its own process (peak RSS = ``ru_maxrss`` of that process, which counts
numpy buffers, unlike tracemalloc; the generator runs in a process of its own, as costly
as the dedupe itself, and is not counted). Posts arrive 1,000 at a time and are fed to
``Deduper.add`` one by one, as the crawl's finalisation step will; only time inside
``add``/``finish`` is counted (wall and CPU: the machine may be shared), the hashing
thread's included. The synthetic web:
2,000 sites per million posts, half with a 30-word footer; 15 % of posts are reposts of a
recent post on another site (title prefix, trimmed end, a few word edits); 25 % describe an
event, a third of those one already reported (same city and dates, the name in the
report's language); 26 cities per 100,000 posts, so events of one kind on one day in one
city stay as rare at 10M posts as at 100k. The generator knows which posts are copies of
one text and which report one event: the bench scores the grouping against that truth
(pairwise precision and recall: of the post pairs put in one story/event, how many truly
are; of the true pairs, how many were found). ``--store`` also writes a fresh SQLite store
(a crawl's first run); ``--rerun N`` then dedupes N new posts against that store in
another process (a later run).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from array import array
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clustercrawl.dedupe import Deduper, Groups, SQLiteGroupStore  # noqa: E402

LANGS = ("pl", "de", "en", "es", "fr", "it", "cs")
EVENT_WORDS = {  # (type, topic) words per language, for event names
    "pl": (("Konferencja", "Forum", "Targi", "Dni"),
           ("Klastrów", "Wodorowa", "Cyfrowa", "Zdrowia")),
    "de": (("Konferenz", "Forum", "Messe", "Tage"),
           ("Cluster", "Wasserstoff", "Digital", "Gesundheit")),
    "en": (("Conference", "Forum", "Fair", "Days"),
           ("Cluster", "Hydrogen", "Digital", "Health")),
    "es": (("Conferencia", "Foro", "Feria", "Jornadas"),
           ("Clústeres", "Hidrógeno", "Digital", "Salud")),
    "fr": (("Conférence", "Forum", "Salon", "Journées"),
           ("Clusters", "Hydrogène", "Numérique", "Santé")),
    "it": (("Conferenza", "Forum", "Fiera", "Giornate"),
           ("Cluster", "Idrogeno", "Digitale", "Salute")),
    "cs": (("Konference", "Fórum", "Veletrh", "Dny"),
           ("Klastrů", "Vodíku", "Digitální", "Zdraví")),
}
CITIES = ("Brussels", "Warsaw", "Prague", "Vienna", "Berlin", "Munich", "Paris", "Lyon", "Madrid",
          "Barcelona", "Rome", "Milan", "Gdańsk", "Kraków", "Brno", "Dresden", "Hamburg", "Bilbao",
          "Turin", "Lisbon", "Copenhagen", "Stockholm", "Helsinki", "Riga", "Vilnius", "Zagreb")
#: Posts per city of the synthetic web. A fixed list of cities would put ever more events
#: of one kind in one city on one day as the run grows (precision then measures the
#: generator, not the grouping): 26 cities per 100,000 posts keeps the density constant.
POSTS_PER_CITY = 100_000 // len(CITIES)


def cities(n: int, rng: random.Random) -> list[str]:
    """The real cities, then made-up town names as the run grows (one city per
    ``POSTS_PER_CITY`` posts)."""
    names = list(CITIES)
    parts = ("Nor", "Vel", "Ka", "Sto", "Bra", "Lin", "Mar", "Tor", "Gal", "Ost", "Ber", "Ru")
    ends = ("burg", "grad", "ville", "hagen", "ów", "ice", "stadt", "ona", "heim", "polis")
    made: set[str] = set()
    while len(names) < max(len(CITIES), n // POSTS_PER_CITY):
        name = "".join(rng.choice(parts) for _ in range(rng.randint(1, 3))) + rng.choice(ends)
        if name not in made:
            made.add(name)
            names.append(name)
    return names


def vocabulary(rng: random.Random, size: int = 60_000) -> list[str]:
    """Pronounceable pseudo-words with diacritics, Zipf-sampled below: text-like statistics."""
    syllables = ["ka", "lo", "ste", "rin", "pol", "ve", "dru", "mi", "sza", "cze", "ła", "ge",
                 "ün", "ré", "ción", "ne", "tà", "ří", "ko", "ber", "an", "to", "zi", "mu"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))))
    return sorted(words)


class Truth:
    """The generator's answer key: story and event of every post, as compact int arrays."""

    def __init__(self) -> None:
        self.story = array("q")  # index of the original post the text comes from
        self.event = array("q")  # index of the event reported, -1 for none


def posts(n: int, seed: int, offset: int = 0, truth: Truth | None = None
          ) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    vocab = vocabulary(rng)
    sites = max(10, n // 500)
    towns = cities(n, random.Random(seed + 7))
    footers = {s: " ".join(rng.choice(vocab) for _ in range(30)) for s in range(0, sites, 2)}
    zipf = np.zeros(0, dtype=np.int64)
    at = 0
    recent: list[tuple[str, list[str], int, str, int]] = []  # reposts copy one of the last 5,000
    events: list[tuple[date, int, str, int, int]] = []
    day0 = date(2016, 1, 1)
    for i in range(n):
        site = rng.randrange(sites)
        lang = LANGS[site % len(LANGS)]
        if recent and rng.random() < 0.15:
            title, words, origin, lang, story = rng.choice(recent)  # a repost keeps its language
            site = (origin + 1 + rng.randrange(sites - 1)) % sites
            words = list(words)
            if rng.random() < 0.5:
                words = words[: int(len(words) * rng.uniform(0.75, 0.95))]
            for _ in range(rng.randint(0, 4)):
                words[rng.randrange(len(words))] = rng.choice(vocab)
            title = rng.choice(("Press release: ", "Repost: ", "")) + title
        else:
            length = rng.randint(80, 400)
            if at + length > zipf.size:
                zipf, at = np.minimum(nprng.zipf(1.15, size=1 << 20), len(vocab)) - 1, 0
            words = [vocab[k] for k in zipf[at : at + length]]
            at += length
            title = " ".join(words[:6]).capitalize()
            story = i
            recent.append((title, words, site, lang, story))
            if len(recent) > 5000:
                recent.pop(0)
        body = " ".join(words)
        if site in footers:
            body += "\n" + footers[site]
        published = day0 + timedelta(days=rng.randrange(3650))
        url = f"https://site{site}.example.org/post-{offset + i}"
        event, event_index = None, -1
        if rng.random() < 0.25:
            if events and rng.random() < 0.33:
                start, length, city, kind, event_index = rng.choice(events)
            else:
                start = day0 + timedelta(days=rng.randrange(3650))
                length, city, kind = rng.randint(0, 2), rng.choice(towns), rng.randrange(16)
                event_index = i
                events.append((start, length, city, kind, event_index))
                if len(events) > 20_000:
                    events.pop(0)
            types, topics = EVENT_WORDS[lang]
            title = f"{topics[kind % 4]} {types[kind // 4]} {start.year}"
            end = start + timedelta(days=length)
            event = {"start": start.isoformat(), "end": end.isoformat(), "name": None,
                     "date_conflict": False, "conflicting_date_text": None,
                     "location": {"city": city}}
        # what clustercrawl.posts.content_hash gives for already normalised text, faster
        digest = hashlib.sha256(f"{title}\n{body}".casefold().encode()).hexdigest()[:32]
        if truth is not None:
            truth.story.append(story)
            truth.event.append(event_index)
        yield {
            "id": f"{offset + i:016x}", "url": url, "site_id": f"site-{site}", "language": lang,
            "title": title, "body_text": body, "published": {"value": published.isoformat()},
            "event": event,
            "crawl": {"fetched_at": "2025-01-01T00:00:00Z", "content_hash": digest},
        }


def pairwise(found: npt.NDArray[np.int64], true: npt.NDArray[np.int64]) -> tuple[float, float]:
    """Pairwise precision and recall of a grouping (one label per item) against the truth."""

    def pairs(*labels: npt.NDArray[np.int64]) -> int:
        _, counts = np.unique(np.stack(labels), axis=1, return_counts=True)
        return int((counts * (counts - 1) // 2).sum())

    both = pairs(found, true)
    return both / max(1, pairs(found)), both / max(1, pairs(true))


def _labels(values: list[str]) -> npt.NDArray[np.int64]:
    return np.unique(np.asarray(values), return_inverse=True)[1].astype(np.int64)


def score(groups: Groups, n: int, offset: int, truth: Truth) -> dict[str, float]:
    """Pairwise P/R of stories (all posts) and events (posts with an event) vs the truth."""
    keys = np.arange(offset, offset + n, dtype=np.uint64)  # the generator's ids, as keys
    story_p, story_r = pairwise(groups.story_rows(keys), np.asarray(truth.story, np.int64))
    true_event = np.asarray(truth.event, dtype=np.int64)
    with_event = np.flatnonzero(true_event >= 0)
    found = [groups.event_of_key(offset + i) or "" for i in with_event.tolist()]
    event_p, event_r = pairwise(_labels(found), true_event[with_event])
    return {"story_p": round(story_p, 4), "story_r": round(story_r, 4),
            "event_p": round(event_p, 4), "event_r": round(event_r, 4)}


CHUNK = 1_000  # posts generated, sent and timed at a time (the crawl streams them one by one)


def _produce(n: int, seed: int, offset: int, queue: Any) -> None:
    """Generate in another process (the generator costs as much CPU as the dedupe): chunks
    of posts with their truth, then None."""
    truth = Truth()
    stream = posts(n, seed, offset, truth)
    while chunk := list(itertools.islice(stream, CHUNK)):
        queue.put((chunk, truth.story.tobytes(), truth.event.tobytes()))
        truth.story, truth.event = array("q"), array("q")
    queue.put(None)


def generated(n: int, seed: int, offset: int, truth: Truth) -> Iterator[list[dict[str, Any]]]:
    """Chunks of ``posts(n, seed, offset)`` made by a producer process; fills ``truth``."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=3)
    producer = context.Process(target=_produce, args=(n, seed, offset, queue), daemon=True)
    producer.start()
    done = 0
    try:
        while (item := queue.get()) is not None:
            chunk, story, event = item
            truth.story.frombytes(story)
            truth.event.frombytes(event)
            del item
            done += len(chunk)
            if done % 1_000_000 < CHUNK:
                print(f"   {done:,} posts generated (RSS "
                      f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024:,} MB peak, "
                      f"CPU {time.process_time():.0f} s, load {os.getloadavg()[0]:.1f})",
                      file=sys.stderr, flush=True)
            yield chunk
            del chunk
    finally:
        producer.join(timeout=5)
        if producer.is_alive():
            producer.terminate()


def _dedupe(chunks: Iterator[list[dict[str, Any]]], store: SQLiteGroupStore | None
            ) -> tuple[dict[str, Any], Groups]:
    deduper = Deduper(store)
    add_time = add_cpu = 0.0
    # posts arrive 1,000 at a time, the clock stopped; it stops again only once the
    # hashing thread is done, so its work is timed (in wall and CPU) like the rest of add
    for chunk in chunks:
        t, c = time.perf_counter(), time.process_time()
        for post in chunk:
            deduper.add(post)
        deduper.wait()
        add_time += time.perf_counter() - t
        add_cpu += time.process_time() - c
        del chunk  # before the next one is unpickled
    t, c = time.perf_counter(), time.process_time()
    groups = deduper.finish()
    if store is not None:
        store.close()
    return {
        "add_s": round(add_time, 1), "finish_s": round(time.perf_counter() - t, 1),
        "cpu_s": round(add_cpu + time.process_time() - c, 1),
        "dedupe_s": round(add_time + time.perf_counter() - t, 1),
        "stories": groups.story_count, "events": groups.event_count,
        "disk_mb": round(deduper.spilled_bytes / 2**20),
        "phases_cpu_s": {k: round(v, 1) for k, v in deduper.cpu_seconds.items()},
        "phases_peak_mb": deduper.peak_mb,
    }, groups


def one(n: int, seed: int, store_dir: str | None, offset: int) -> dict[str, Any]:
    """One measured run in this process; with ``offset``, a later run against the store."""
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    path = Path(store_dir) / "dedupe.sqlite" if store_dir else None
    stored = path.stat().st_size if path and path.exists() else 0
    truth = Truth()
    result, groups = _dedupe(generated(n, seed + (1 if offset else 0), offset, truth),
                             SQLiteGroupStore(path) if path else None)
    result.update(posts=n, base_rss_mb=round(base_rss / 1024), load=round(os.getloadavg()[0], 1),
                  peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                  store_mb=round(stored / 2**20))
    result.update(score(groups, n, offset, truth))  # after the peak: not part of the dedupe
    return result


def child(size: int, seed: int, store_dir: str | None, offset: int = 0) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--one", str(size), "--seed", str(seed),
           "--offset", str(offset)]
    if store_dir:
        cmd += ["--store-dir", store_dir]
    done = subprocess.run(cmd, check=False, stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"dedupe_scale: the run of {size:,} posts failed (exit status "
                 f"{done.returncode}; a negative status is the signal that ended it)")
    out = done.stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--store", action="store_true", help="also write a fresh SQLite store")
    parser.add_argument("--rerun", type=int, default=0,
                        help="with --store: then dedupe this many new posts against the store")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--offset", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--store-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.seed, args.store_dir, args.offset)))
        return
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            store_dir = tmp if args.store else None
            rows.append(child(size, args.seed, store_dir))
            if store_dir and args.rerun:
                rows[-1]["rerun"] = child(args.rerun, args.seed, store_dir, offset=size)
        r = rows[-1]
        print(f"{r['posts']:>9,} posts: dedupe {r['dedupe_s']:6.1f} s (add {r['add_s']:.1f} + "
              f"finish {r['finish_s']:.1f}; CPU {r['cpu_s']:.1f} s), "
              f"{1e6 * r['dedupe_s'] / r['posts']:.0f} µs/post, "
              f"peak RSS {r['peak_rss_mb']:,} MB (at start {r['base_rss_mb']} MB), "
              f"signatures on disk {r['disk_mb']:,} MB; "
              f"{r['stories']:,} stories (P {r['story_p']:.4f} R {r['story_r']:.4f}), "
              f"{r['events']:,} events (P {r['event_p']:.4f} R {r['event_r']:.4f})"
              f"{' [with SQLite store]' if args.store else ''} (load avg {r['load']})",
              flush=True)
        print("   CPU s by phase: " + ", ".join(f"{k} {v}" for k, v in r["phases_cpu_s"].items())
              + " (the rest of add: ids, dates, event facts); peak RSS MB after: "
              + ", ".join(f"{k} {v:,}" for k, v in r.get("phases_peak_mb", {}).items()),
              flush=True)
        if "rerun" in r:
            x = r["rerun"]
            print(f"   then {x['posts']:,} new posts against that store ({x['store_mb']} MB), "
                  "own process: "
                  f"{x['dedupe_s']:.1f} s (finish {x['finish_s']:.1f}; CPU {x['cpu_s']:.1f} s), "
                  f"peak RSS {x['peak_rss_mb']:,} MB", flush=True)
    for a, b in itertools.pairwise(rows):
        grown = (b["peak_rss_mb"] - b["base_rss_mb"]) / max(1, a["peak_rss_mb"] - a["base_rss_mb"])
        print(f"growth {a['posts']:,} -> {b['posts']:,} (x{b['posts'] / a['posts']:.0f}): "
              f"time x{b['dedupe_s'] / a['dedupe_s']:.1f} (CPU x{b['cpu_s'] / a['cpu_s']:.1f}), "
              f"memory above start x{grown:.1f}; "
              f"per million posts {1e6 * a['dedupe_s'] / a['posts']:.0f} s -> "
              f"{1e6 * b['dedupe_s'] / b['posts']:.0f} s wall, "
              f"{1e6 * a['cpu_s'] / a['posts']:.0f} s -> {1e6 * b['cpu_s'] / b['posts']:.0f} s CPU")


if __name__ == "__main__":
    main()
