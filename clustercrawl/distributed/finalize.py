"""Merging N workers' results into one dataset, once, after all of them finished.

Workers write only their share (``runs/<run>/workers/<worker>/``) and the shared state. The
dedupe batch must see the whole run at once (that is what makes story and event ids
independent of crawl order), so grouping, the run's merged files and the cumulative files
are done here, from Redis alone, on whichever machine runs it:

The stage itself is ``clustercrawl.finalize``, the same as a single process runs:

    <out>/runs/<run>/posts.jsonl     every post the run emitted (any worker), with its ids
    <out>/runs/<run>/events.jsonl    the events those posts report
    <out>/runs/<run>/manifest.json   the workers' manifests merged; report.html beside it
    <out>/posts.jsonl                every live post, rebuilt from the shared crawl state
    <out>/events.jsonl, events.ics   every event known, from the shared group store

The last worker to finish runs it by itself (``CLUSTERCRAWL_REDIS_FINALIZE``), and
``clustercrawl finalize --redis URL --output DIR`` runs it anywhere, again if wanted.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Collection, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, cast

import redis

from clustercrawl.distributed.connection import Keys
from clustercrawl.distributed.groups import RedisGroupStore
from clustercrawl.distributed.queue import SiteQueue, now_iso
from clustercrawl.distributed.state import RedisStateStore
from clustercrawl.finalize import STATUSES, RunManifest, SiteReport, finalize, group_run, health_of

logger = logging.getLogger(__name__)

_UNLOCK = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end"


class FinalizeError(RuntimeError):
    """The run cannot be finalized now (not seeded, not finished, or being finalized)."""


def finalize_run(client: redis.Redis, keys: Keys, outdir: str | Path, *, force: bool = False,
                 only_once: bool = False) -> RunManifest:
    """Write the run's merged files and the cumulative ones; returns the merged manifest."""
    r: Any = client
    queue = SiteQueue(client, keys)
    progress = queue.progress()
    if progress.stamp is None:
        raise FinalizeError(f"run {keys.run!r} was never seeded")
    if not progress.drained and not force:
        raise FinalizeError(f"run {keys.run!r} is not finished: {progress.pending} unit(s) "
                            f"queued, {progress.in_flight} in flight (--force to merge anyway)")
    if only_once and progress.finalized:
        raise FinalizeError(f"run {keys.run!r} was finalized at {progress.finalized}")
    token = secrets.token_hex(8)
    lock = keys.of_run("finalizing")
    if not r.set(lock, token, nx=True, px=30 * 60 * 1000):
        raise FinalizeError(f"run {keys.run!r} is being finalized by another process")
    try:
        manifest = _finalize(r, keys, Path(outdir), progress.stamp)
        r.set(keys.of_run("finalized"), now_iso())
    finally:
        r.eval(_UNLOCK, 1, lock, token)
    return manifest


def _finalize(r: Any, keys: Keys, outdir: Path, stamp: str) -> RunManifest:
    state = RedisStateStore(r, keys)
    groups = RedisGroupStore(r, keys)
    # the run's posts: what its workers emitted (the run's set is kept, so a run can be
    # finalized again: its posts are marked pending again) and whatever earlier runs left
    # pending; from there the stage is a single process's, streamed from the state a page at
    # a time (never the whole run's posts in memory)
    state.mark_run_pending(keys.of_run("emitted"))
    grouped = group_run(state, groups)
    manifest = merge_manifests(
        [json.loads(v) for v in r.hvals(keys.of_run("manifests"))],
        run=stamp, queue=SiteQueue(r, keys), posts=grouped.posts,
    )
    return finalize(state, groups, outdir, manifest, grouped=grouped)


def merge_manifests(manifests: Sequence[dict[str, Any]], *, run: str, queue: SiteQueue,
                    posts: Collection[dict[str, Any]]) -> RunManifest:
    """One manifest for the run, in the single-process layout, plus the workers' part.

    New and updated counts come from the merged posts: a site taken over from a killed worker
    finds the posts that worker stored "unchanged", but for the run they are new."""
    manifests = sorted(manifests, key=lambda m: str(m.get("finished") or ""))
    sites: dict[str, dict[str, Any]] = {}
    for m in manifests:  # a site crawled twice (a lease lost): the later report wins
        for site in m.get("sites", []):
            sites[site["site_id"]] = site
    emitted: dict[tuple[str, str], int] = {}
    for post in posts:
        key = (str(post.get("site_id")), str((post.get("crawl") or {}).get("status")))
        emitted[key] = emitted.get(key, 0) + 1
    for site_id, site in sites.items():
        counts = site.setdefault("counts", dict.fromkeys(STATUSES, 0))
        for status in ("new", "updated"):
            n = emitted.get((site_id, status), 0)
            if status == "new" and n > counts.get("new", 0):
                counts["unchanged"] = max(0, counts.get("unchanged", 0) - (n - counts["new"]))
            counts[status] = n
    failed = queue.progress().failed
    for unit, reason in failed.items():
        raw = queue.r.hget(queue.k("units"), unit)
        for entry in json.loads(raw) if raw else []:
            if isinstance(entry, dict) and entry.get("id") not in sites:
                sites[str(entry.get("id"))] = _failed_site(entry, reason)
    site_list = cast(list[SiteReport], sorted(sites.values(), key=lambda s: s["site_id"]))
    totals = {s: sum(int(site["counts"].get(s, 0)) for site in site_list) for s in STATUSES}
    dropped: dict[str, int] = {}
    for m in manifests:
        for reason, n in m.get("counts", {}).get("dropped", {}).items():
            dropped[reason] = dropped.get(reason, 0) + int(n)
    max_regressed = float(manifests[-1]["health"]["max_regressed"]) if manifests else 0.1
    started = min((m["started"] for m in manifests if m.get("started")), default=None)
    finished = max((m["finished"] for m in manifests if m.get("finished")), default=None)
    reasons = sorted({str(m.get("finish_reason")) for m in manifests})
    attempts = {k.decode(): int(v) for k, v in queue.r.hgetall(queue.k("attempts")).items()}
    meta = queue.meta()
    return {
        "run": run,
        "mode": "distributed",
        "started": started,
        "finished": finished,
        "duration_s": _seconds(started, finished),
        "finish_reason": reasons[0] if len(reasons) == 1 else ",".join(reasons) or "unknown",
        "versions": manifests[-1]["versions"] if manifests else {},
        "options": manifests[-1].get("options", {}) if manifests else {},
        "counts": {
            **totals,
            "emitted": len(posts),
            "requests": sum(int(m.get("counts", {}).get("requests", 0)) for m in manifests),
            "dropped": dropped,
        },
        "sites": site_list,
        "registry_errors": json.loads(meta.get("registry_errors") or "[]"),
        "health": health_of(site_list, max_regressed),
        "errors": [e for m in manifests for e in m.get("errors", [])],
        "workers": [
            {"worker": m.get("worker"), "started": m.get("started"),
             "finished": m.get("finished"), "finish_reason": m.get("finish_reason"),
             "sites": len(m.get("sites", [])), "requests": m.get("counts", {}).get("requests"),
             "emitted": m.get("counts", {}).get("emitted")}
            for m in manifests
        ],
        "units_retaken": {u: n for u, n in sorted(attempts.items()) if n > 1},
        "units_failed": failed,
    }


def _failed_site(entry: dict[str, Any], reason: str) -> dict[str, Any]:
    return {
        "site_id": str(entry.get("id")), "name": entry.get("name"),
        "country": entry.get("country"), "status": "error", "previous_status": None,
        "regressed": False, "mode": None, "counts": dict.fromkeys(STATUSES, 0),
        "requests": 0, "errors": [f"not crawled: {reason}"], "gone": [], "channels": {},
    }


def _seconds(started: str | None, finished: str | None) -> float | None:
    if not started or not finished:
        return None
    a = datetime.fromisoformat(started.replace("Z", "+00:00"))
    b = datetime.fromisoformat(finished.replace("Z", "+00:00"))
    return round((b - a).total_seconds(), 1)
