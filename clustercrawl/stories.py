"""Stories and events across sites, runs and languages: the dedupe stage of a run.

Runs once per crawl, after the run's posts file is closed: grouping is a batch over the
run's new and updated posts plus the groups stored by earlier runs (``clustercrawl.dedupe``),
which is what makes the ids independent of crawl order and concurrency and lets a repost
found next week join last week's story. The run's posts file is rewritten with the ids,
the crawl state's items get them too (so the cumulative file has them), and the events of
the run are merged into the cumulative ``events.jsonl``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from clustercrawl.dedupe import Deduper, SQLiteGroupStore
from clustercrawl.runfiles import read_jsonl, write_jsonl_atomic
from clustercrawl.state import StateStore
from clustercrawl.urls import url_key

logger = logging.getLogger(__name__)


def group_run(
    run_posts: Path, events_out: Path, cumulative_events: Path, groups_db: Path,
    state: StateStore | None,
) -> dict[str, int]:
    """Assign story and event ids to the run's posts; returns counts for the manifest."""
    posts = list(read_jsonl(run_posts)) if run_posts.exists() else []
    if not posts:
        return {"stories": 0, "events": 0, "reposts": 0}
    with SQLiteGroupStore(groups_db) as store:
        deduper = Deduper(store)
        for post in posts:
            deduper.add(post)
        groups = deduper.finish()
    updates: dict[str, dict[str, Any]] = {}
    for post in posts:
        fields = groups.fields(post["id"])
        post.update(fields)
        updates[url_key(post["url"])] = fields
    write_jsonl_atomic(run_posts, posts)
    if state is not None:
        state.update_items(updates)
    records = [r.to_dict() for r in groups.events()]
    write_jsonl_atomic(events_out, records)
    old = read_jsonl(cumulative_events) if cumulative_events.exists() else iter(())
    merged = {e["event_id"]: e for e in old}
    merged.update({r["event_id"]: r for r in records})
    write_jsonl_atomic(cumulative_events,
                       sorted(merged.values(), key=lambda e: (e["start"], e["event_id"])))
    reposts = sum(1 for p in posts if p.get("duplicate_of"))
    logger.info("stories: %d posts in %d stories (%d reposts); %d events reported this run",
                len(posts), groups.story_count, reposts, len(records))
    return {"stories": groups.story_count, "events": len(records), "reposts": reposts}
