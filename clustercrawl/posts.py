"""From an extraction result to a ``PostItem``, and merging copies of one post.

Pure functions: the spider calls them, tests call them without a reactor.
"""

from __future__ import annotations

import hashlib
import html
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from clustercrawl import EXTRACTOR_VERSION
from clustercrawl.discovery.entry import CHANNEL_ORDER, Channel, Entry
from clustercrawl.extract.boilerplate import clean_body
from clustercrawl.items import PostItem
from clustercrawl.registry import Site
from clustercrawl.urls import canonicalize_url, post_id, url_key


def utc_now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def normalize_text(text: str) -> str:
    """NFC, no control characters, single spaces, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def content_hash(title: str, body: str) -> str:
    """Hash of the normalised, case-folded title and body: equal for byte-different copies."""
    norm = normalize_text(f"{title}\n{body}").casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:32]


def normalize_item(item: PostItem) -> PostItem:
    """The one normalisation of a post and its content hash (idempotent).

    Canonical URL and aliases, NFC text with clean whitespace, boilerplate tokens out of the
    body (camera-file names, "Back" links), unique topics; then the content hash over the
    result. The spider's copy merge, the pipelines and the crawl state all see this hash."""
    item.url = canonicalize_url(item.url)
    aliases = {canonicalize_url(u) for u in item.alias_urls}
    aliases.discard(item.url)
    item.alias_urls = sorted(a for a in aliases if a.startswith(("http://", "https://")))
    item.title = normalize_text(item.title).replace("\n", " ")
    item.body_text = normalize_text(clean_body(item.body_text, item.language))
    if item.summary is not None:
        item.summary = normalize_text(item.summary) or None
    item.topics = list(dict.fromkeys(t.strip() for t in item.topics if t and t.strip()))
    item.crawl["content_hash"] = content_hash(item.title, item.body_text)
    return item


def page_from_entry(entry: Entry) -> str:
    """A minimal HTML page for a post whose full content came from an API or feed."""
    title = html.escape(entry.title or "")
    lang = f' lang="{html.escape(entry.language)}"' if entry.language else ""
    return (
        f"<!DOCTYPE html><html{lang}><head><meta charset=utf-8><title>{title}</title>"
        f'<link rel="canonical" href="{html.escape(entry.url)}"></head>'
        f"<body><article><h1>{title}</h1>{entry.content_html or ''}</article></body></html>"
    )


def channels_in_order(channels: Iterable[Channel | str]) -> list[str]:
    present = {Channel(c) for c in channels}
    return [c.value for c in CHANNEL_ORDER if c in present]


def build_item(
    extracted: dict[str, Any],
    site: Site,
    *,
    channel: Channel,
    channels: Iterable[Channel | str],
    fetched_url: str,
    http_status: int | None,
    fetched_at: str,
    page_url: str | None = None,
    aliases: Iterable[str] = (),
) -> PostItem:
    """Assemble the JSONL item; the id is derived from the canonical URL only.

    ``page_url`` is the post's own URL as requested (``fetched_url`` unless the post came
    whole from an API page, whose URL is provenance, not an alias of the post).
    """
    page_url = page_url or fetched_url
    url = canonicalize_url(extracted.get("url") or page_url)
    found_under = [*extracted.get("alias_urls", ()), *aliases, page_url]
    published = extracted.get("published") or {"value": None, "source": None, "precision": None}
    item = PostItem(
        id=post_id(url),
        url=url,
        alias_urls=found_under,
        translations=list(extracted.get("translations") or []),
        site_id=site.id,
        cluster={"name": site.name, "country": site.country, "type": site.type},
        post_type=extracted.get("post_type") or "other",
        title=extracted.get("title") or "",
        language=extracted.get("language") or site.language,
        published=dict(published),
        modified=extracted.get("modified"),
        summary=extracted.get("summary"),
        body_text=extracted.get("body_text") or "",
        event=extracted.get("event"),
        call=extracted.get("call"),
        topics=list(extracted.get("topics") or []),
        images=list(extracted.get("images") or []),
        attachments=list(extracted.get("attachments") or []),
        videos=list(extracted.get("videos") or []),
        links_out=list(extracted.get("links_out") or []),
        crawl={
            "fetched_at": fetched_at,
            "channel": channel.value,
            "channels": channels_in_order([channel, *channels]),
            "fetched_url": fetched_url,
            "http_status": http_status,
            "content_hash": "",
        },
        extraction={
            "version": EXTRACTOR_VERSION,
            "warnings": list(extracted.get("warnings") or []),
        },
    )
    return normalize_item(item)


def _rank(item: PostItem) -> tuple[int, int, str]:
    """Which copy of a post to keep: best channel, a declared canonical, then the URL."""
    channel_rank = CHANNEL_ORDER.index(Channel(item.crawl["channel"]))
    fetched = item.crawl.get("fetched_url", "")
    fetched_is_canonical = 0 if url_key(fetched) == url_key(item.url) else 1
    return (channel_rank, fetched_is_canonical, item.url)


def merge_copies(items: Iterable[PostItem]) -> list[PostItem]:
    """Collapse copies of one post found under several URLs of one site.

    Copies share the canonical URL key or, failing that, the content hash *and* the
    publication date: one post reached under a URL its page does not declare (a CMS alias
    without ``rel=canonical``). The same text published again on another day under a new
    URL is a repost, not a copy: it stays its own post and is grouped into the story of the
    earliest copy at the end of the run. The kept copy gains the others' URLs as aliases and
    their channels; order of the result is stable (by publication date, then URL) whatever
    the crawl order was.
    """
    groups: list[list[PostItem]] = []
    by_key: dict[str, int] = {}
    for item in sorted(items, key=_rank):
        published = item.published.get("value") or ""
        keys = (f"url:{url_key(item.url)}", f"copy:{item.crawl['content_hash']}:{published}")
        idx = next((by_key[k] for k in keys if k in by_key), None)
        if idx is None:
            idx = len(groups)
            groups.append([])
        groups[idx].append(item)
        for k in keys:
            by_key.setdefault(k, idx)
    merged: list[PostItem] = []
    for group in groups:
        keep, rest = group[0], group[1:]
        aliases = set(keep.alias_urls)
        channels = set(keep.crawl["channels"])
        for other in rest:
            aliases.update(other.alias_urls)
            aliases.add(other.url)
            channels.update(other.crawl["channels"])
        aliases.discard(keep.url)
        keep.alias_urls = sorted(aliases)
        keep.crawl["channels"] = channels_in_order(channels)
        merged.append(keep)
    merged.sort(key=lambda i: (i.published.get("value") or "", i.url))
    return merged
