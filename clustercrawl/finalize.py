"""The end of a run: one stage, the same for one process and for N distributed workers.

The run's posts are read back from the crawl state (the posts it stored and marked
*pending*; see ``clustercrawl.state.store``), never from a feed file, so grouping works
whatever outputs the user configured. Then:

1. :func:`group_run` gives the posts their story and event ids (a batch over the run plus
   the groups of earlier runs, ``clustercrawl.dedupe``) and sets the ids in the state;
2. the caller hands the grouped posts to the user's feeds (``-o``/``-O``/``FEEDS``,
   ``clustercrawl.export.feeds``) when there are any;
3. :func:`finalize` writes the run folder (``posts.jsonl``, ``events.jsonl``,
   ``manifest.json``, ``report.html``), the cumulative ``posts.jsonl``, ``events.jsonl`` and
   ``events.ics``, and only then clears the pending marks: a run killed before that leaves
   its posts pending, and the next run emits them.

A run that cannot group says so: an error in the log, ``errors`` in the manifest, and exit
status :data:`EXIT_STAGE_FAILED`; its posts stay pending so the next run groups them.
"""

from __future__ import annotations

import ctypes
import gc
import json
import logging
import os
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NotRequired, TypedDict

from clustercrawl.dedupe import Deduper, GroupStore
from clustercrawl.export.ical import ical_chunks
from clustercrawl.report.io import write_report
from clustercrawl.runfiles import read_jsonl, write_atomic, write_jsonl_atomic, write_text_atomic
from clustercrawl.state import StateStore
from clustercrawl.urls import url_key

logger = logging.getLogger(__name__)

#: Exit statuses of a run (``./crawl``, ``scrapy crawl clusters``, ``clustercrawl finalize``).
EXIT_OK, EXIT_REGRESSED, EXIT_STAGE_FAILED, EXIT_NO_SITE_ANSWERED = 0, 3, 4, 5
#: Site statuses that mean the site never answered (a run of only these found nothing).
SILENT_STATUSES = frozenset({"unreachable", "error"})
STATUSES = ("new", "updated", "unchanged", "gone")
#: posts whose ids are written to the state at once (not the whole run's ids in one dict)
_UPDATE_BATCH = 1000


# -- the manifest ---------------------------------------------------------------------------
class ChannelReport(TypedDict):
    exists: bool
    endpoints: list[str]
    entries: int


class SiteReport(TypedDict):
    site_id: str
    name: str | None
    country: str | None
    status: str
    previous_status: str | None
    regressed: bool
    mode: str | None
    counts: dict[str, int]
    requests: int
    errors: list[str]
    gone: list[str]
    channels: dict[str, ChannelReport]
    stopped: NotRequired[list[str]]  # why the site was cut short (budget, breaker, run stop)


class Health(TypedDict):
    regressed_sites: list[str]
    max_regressed: float
    exit_status: int
    #: one line saying why the run failed, when it did
    reason: NotRequired[str]


class RunManifest(TypedDict):
    """``runs/<run>/manifest.json``: what a scheduler and a person need to judge a run."""

    run: str
    started: str | None
    finished: str | None
    duration_s: float | None
    finish_reason: str
    versions: dict[str, str]
    options: dict[str, Any]
    counts: dict[str, Any]
    sites: list[SiteReport]
    registry_errors: list[str]
    health: Health
    errors: list[str]
    unfinished_sites: NotRequired[list[str]]  # sites a stopping run left unfinished
    mode: NotRequired[str]
    worker: NotRequired[str]
    run_name: NotRequired[str]
    workers: NotRequired[list[dict[str, Any]]]
    units_retaken: NotRequired[dict[str, int]]
    units_failed: NotRequired[dict[str, str]]


def health_of(sites: list[SiteReport], max_regressed: float) -> Health:
    """The run's verdict: too many regressed sites (3), else no site answered at all (5: a
    crawl without network must not pass for a quiet day)."""
    regressed = [s["site_id"] for s in sites if s["regressed"]]
    too_many = bool(sites) and len(regressed) / len(sites) > max_regressed
    silent = bool(sites) and all(s["status"] in SILENT_STATUSES for s in sites)
    health: Health = {"regressed_sites": regressed, "max_regressed": max_regressed,
                      "exit_status": EXIT_REGRESSED if too_many else EXIT_OK}
    reasons = []
    if silent:
        reasons.append(f"no site answered: all {len(sites)} site(s) unreachable or failing "
                       "(no network? see the manifest's per-site errors)")
        if not too_many:
            health["exit_status"] = EXIT_NO_SITE_ANSWERED
    if too_many:
        reasons.append(f"{len(regressed)} of {len(sites)} site(s) regressed since the last run: "
                       f"{', '.join(regressed[:10])}" + (", ..." if len(regressed) > 10 else ""))
    if reasons:
        health["reason"] = "; ".join(reasons)
    return health


# -- the crawl's heap -----------------------------------------------------------------------
def rss_mib() -> float | None:
    """This process's resident memory (Linux ``/proc``), None elsewhere."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return None


def _malloc_trim() -> bool:
    """glibc's ``malloc_trim(0)``: free pages inside the heap go back to the system (Python's
    freed arenas and the C libraries' freed buffers stay mapped otherwise)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows): nothing to trim
        return False
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    trim(0)
    return True


def release_heap(stage: str) -> None:
    """Give back freed heap before the end stage grows its own: collect cycles and have glibc
    return its free pages. Cheap insurance, not a large saving: measured at 1k-30k sites it
    returns 4-11 MiB (the crawl leaves little freed heap behind)."""
    before = rss_mib()
    collected = gc.collect()
    trimmed = _malloc_trim()
    after = rss_mib()
    if before is None or after is None:
        logger.debug("%s: %d objects collected (no /proc: RSS unknown)", stage, collected)
    elif trimmed:
        logger.info("%s: heap given back: RSS %.0f -> %.0f MiB (%d objects collected)", stage,
                    before, after, collected)
    else:
        logger.debug("%s: no glibc malloc_trim here; RSS %.0f -> %.0f MiB after gc", stage,
                     before, after)


# -- grouping -------------------------------------------------------------------------------
@dataclass
class GroupedRun:
    """The run's posts with their ids, the events they report, and counts."""

    posts: Collection[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"stories": 0, "events": 0,
                                                            "reposts": 0})
    error: str | None = None


class PendingPosts:
    """The run's pending posts, read back from the state (a page at a time) each time they
    are iterated: a first run of thousands of sites never holds all its posts in memory."""

    def __init__(self, state: StateStore) -> None:
        self.state = state
        self.count = sum(1 for _ in state.pending_items())

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self.state.pending_items()

    def __len__(self) -> int:
        return self.count

    def __contains__(self, item: object) -> bool:
        return any(item == p for p in self)


def group_run(state: StateStore, groups: GroupStore) -> GroupedRun:
    """Story and event ids for every pending post of the state, streamed from it a page at a
    time (one process's run, or N workers' once their posts are marked pending); the ids are
    also set in the state. The crawl's heap is given back first (:func:`release_heap`)."""
    release_heap("end stage")
    run_posts = PendingPosts(state)  # (site, key) order
    if not run_posts:
        return GroupedRun()
    try:
        deduper = Deduper(groups)
        for post in run_posts:
            deduper.add(post)
        result = deduper.finish()
    except Exception as exc:
        logger.exception("stories and events: grouping failed; the run's %d posts are written "
                         "without ids and stay pending for the next run", len(run_posts))
        return GroupedRun(posts=run_posts, error=f"grouping failed: {type(exc).__name__}: {exc}")
    updates: dict[str, dict[str, Any]] = {}
    reposts = 0
    for post in run_posts:
        fields = result.fields(post["id"])
        updates[url_key(post["url"])] = fields
        reposts += 1 if fields.get("duplicate_of") else 0
        if len(updates) >= _UPDATE_BATCH:  # written as they go: a PendingPosts reads them
            state.update_items(updates)  # back with their ids (pages ahead are unaffected)
            updates = {}
    state.update_items(updates)
    records = [r.to_dict() for r in result.events()]
    logger.info("stories: %d posts in %d stories (%d reposts); %d events reported this run",
                len(run_posts), result.story_count, reposts, len(records))
    return GroupedRun(run_posts, records, {"stories": result.story_count, "events": len(records),
                                       "reposts": reposts})


# -- the files ------------------------------------------------------------------------------
def finalize(
    state: StateStore,
    groups: GroupStore,
    outdir: str | Path,
    manifest: RunManifest,
    *,
    grouped: GroupedRun | None = None,
    export: Callable[[Iterable[dict[str, Any]]], None] | None = None,
    cumulative: bool = True,
) -> RunManifest:
    """Group the run (unless ``grouped`` is given), write every file, clear the pending marks.

    ``export`` receives the grouped posts (the user's feeds); ``manifest`` is completed with
    the grouping counts and errors and written last but one (before the report).
    ``cumulative=False`` (a state kept for this run only) writes the run folder alone.
    ``grouped.events`` is emptied once written (the files and the store keep them)."""
    out = Path(outdir)
    folder = out / "runs" / manifest["run"]
    if grouped is None:
        grouped = group_run(state, groups)
    release_heap("grouped")  # the grouping's own heap, before the files are written
    if export is not None:
        export(grouped.posts)
    if grouped.posts:
        write_jsonl_atomic(folder / "posts.jsonl", grouped.posts)
        write_jsonl_atomic(folder / "events.jsonl", grouped.events)
    events_file = out / "events.jsonl"
    posts_file = out / "posts.jsonl"
    live = 0
    if cumulative:
        _adopt_old_events(groups, events_file)
        groups.merge_events(grouped.events)
        # in the run's events.jsonl and the store now: not held while every event is read
        # back for the cumulative files (tens of thousands at 30,000 sites)
        grouped.events = []
        live = write_cumulative(state, groups, out)
    else:
        posts_file, events_file = folder / "posts.jsonl", folder / "events.jsonl"
    manifest["counts"].update(grouped.counts)
    manifest["counts"]["run_posts"] = len(grouped.posts)
    manifest["counts"]["live_posts"] = live
    if grouped.error:
        manifest["errors"].append(grouped.error)
        manifest["health"]["exit_status"] = max(manifest["health"]["exit_status"],
                                                EXIT_STAGE_FAILED)
    # encoded a piece at a time: one string of a 30,000-site manifest (and json's list of its
    # pieces) would cost several times the rows themselves
    write_text_atomic(folder / "manifest.json",
                      json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(manifest))
    if grouped.error is None:
        state.clear_pending([url_key(p["url"]) for p in grouped.posts])
    write_report(folder, posts=posts_file if posts_file.exists() else None,
                 events=events_file if events_file.exists() else None, manifest=manifest)
    logger.info("run %s: %d posts this run, %d live; files in %s (health: %s)", manifest["run"],
                len(grouped.posts), live, folder, verdict(manifest))
    return manifest


def write_cumulative(state: StateStore, groups: GroupStore, outdir: Path) -> int:
    """The cumulative ``posts.jsonl``, ``events.jsonl`` and ``events.ics`` from the state and
    the group store (after a run, or after ``clustercrawl purge``); returns the live posts."""
    events_file, posts_file = outdir / "events.jsonl", outdir / "posts.jsonl"
    all_events = groups.all_events()
    if all_events or events_file.exists():
        write_jsonl_atomic(events_file, all_events)
    live = write_jsonl_atomic(posts_file, state.live_items())
    write_atomic(outdir / "events.ics",
                 ical_chunks(read_jsonl(posts_file), "clustercrawl events", all_events))
    return live


def verdict(manifest: RunManifest) -> str:
    status = manifest["health"]["exit_status"]
    return {EXIT_OK: "ok", EXIT_REGRESSED: "REGRESSED"}.get(status, "FAILED")


def _adopt_old_events(groups: GroupStore, events_file: Path) -> None:
    """Outputs written before events lived in the group store: keep their events."""
    if events_file.exists() and not groups.all_events():
        groups.merge_events(read_jsonl(events_file))
