"""``extract_post``: one HTML page (plus channel hints) -> the post dict of the contract.

The page is parsed once; every step reads the same lxml tree (trafilatura and htmldate copy
it before they prune). Sources are tried in order of trust, each value tagged with where it
came from: structured data, channel hints, page metadata, then the visible text.
"""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.extract import dates as dates_mod
from clustercrawl.extract import vocab
from clustercrawl.extract.boilerplate import clean_body
from clustercrawl.extract.content import (
    containers,
    drop_embedded_posts,
    find_headline,
    first_h2,
    unwrap_layout_tables,
    with_lead,
)
from clustercrawl.extract.daterange import DateRange, find_date_ranges
from clustercrawl.extract.dates import DateValue, parse_date_value
from clustercrawl.extract.datespan import DATE_ORDER_OVERRIDE
from clustercrawl.extract.dom import (
    absolute_url,
    block_text,
    host_of,
    parse_fragment,
    parse_html,
)
from clustercrawl.extract.event import BODY_SCAN_CHARS, MAX_EVENT_DAYS, build_event, cue_counts
from clustercrawl.extract.ical import calendar_events
from clustercrawl.extract.language import detect_language, primary_tag
from clustercrawl.extract.maintext import main_text
from clustercrawl.extract.media import collect_media, visible_frames
from clustercrawl.extract.meta import MODIFIED_KEYS, PageMeta, identity, read_meta
from clustercrawl.extract.pagekind import PageSignals, is_post
from clustercrawl.extract.posttype import PostFacts, call_details, classify
from clustercrawl.extract.published import (
    PublishedInputs,
    localise,
    publication_date,
    zone_named,
)
from clustercrawl.extract.structured import (
    StructuredData,
    StructuredEvent,
    api_event,
    read_structured,
)
from clustercrawl.extract.taxonomy import page_terms
from clustercrawl.extract.title import choose_title, normalise_title, site_identity_texts

__all__ = ["ExtractContext", "extract_post"]

#: the frames of the page outside its chrome (found by media.visible_frames; tests compare)
_IFRAMES = etree.XPath(
    "//body//iframe[not(ancestor::footer or ancestor::header or ancestor::nav or ancestor::aside)]"
)
_SHORT_TEXT = 300  # a main text this short is checked against the CMS-marked body
_HINT_SOURCE = {
    Channel.WP_API: "api",
    Channel.FEED: "feed",
    Channel.LISTING: "listing",
    Channel.SITEMAP: "sitemap",
}


@dataclass(frozen=True, slots=True)
class ExtractContext:
    """What the caller knows about the page besides its HTML."""

    url: str
    language: str | None = None  # the site's main language (a hint)
    timezone: str | None = None  # IANA zone of the site
    hints: Entry | None = None


def extract_post(
    html: str,
    url: str,
    language: str | None = None,
    timezone: str | None = None,
    hints: Entry | None = None,
    date_order: str | None = None,
) -> dict[str, Any]:
    """Extract one post. Pure: no network, no clock, no global state.

    ``date_order`` ("DMY", "MDY", "YMD"...) overrides the language's order of numeric dates
    (a site's registry ``overrides.date_order``)."""
    token = DATE_ORDER_OVERRIDE.set(date_order)
    try:
        return _Extraction(html, ExtractContext(url, language, timezone, hints)).run()
    finally:
        DATE_ORDER_OVERRIDE.reset(token)


class _Extraction:
    """One extraction run; attributes are the intermediate results shared between steps."""

    def __init__(self, html: str, ctx: ExtractContext) -> None:
        self.ctx = ctx
        self.hints = ctx.hints
        self.tz = ctx.timezone
        self.tree: HtmlElement | None = parse_html(html) if html else None
        self.source = html
        self.warnings: list[str] = []

    # ------------------------------------------------------------------ steps

    def run(self) -> dict[str, Any]:
        ctx, hints, tree = self.ctx, self.hints, self.tree
        page = read_meta(tree, ctx.url) if tree is not None else None
        sd = read_structured(tree, ctx.url, scripts=page.ld_scripts) if (
            tree is not None and page is not None) else StructuredData()
        base = page.base_url if page else ctx.url
        hint_aliases = tuple(hints.alias_urls) if hints else ()
        if hints and hints.url and hints.url != ctx.url:
            hint_aliases += (hints.url,)
        canonical, aliases, translations = identity(page, ctx.url, hint_aliases)

        candidates, site_names = self._title_sources(page, sd)
        headline = find_headline(tree, [c for c in candidates if c],
                                 page.h1s if page is not None else None,
                                 ) if tree is not None else None
        shown = headline if headline is not None or tree is None else first_h2(tree)
        title = choose_title(shown, candidates, site_names,
                             lambda: self._shown_site_names(candidates))

        description = (sd.description or page.get("og:description", "description")
                       if page is not None else sd.description)
        body_raw, container = self._body(tree, headline, base, description)
        declared = [page.html_lang if page else None, sd.language,
                    page.get("og:locale", "content-language", "dc.language") if page else None]
        pre_lang = primary_tag(next((d for d in declared if d), None)) or primary_tag(
            hints.language if hints else None) or primary_tag(ctx.language)
        body = _drop_title_line(clean_body(body_raw, pre_lang), title)
        language, lang_warnings = detect_language(
            declared, hints.language if hints else None, ctx.language, body
        )
        self.warnings += lang_warnings
        date_lang = language if not ctx.language or primary_tag(ctx.language) != language else (
            ctx.language
        )

        extra = hints.extra if hints else {}
        ics_texts = extra.get("ics_texts")
        texts = [t for t in ics_texts if isinstance(t, str)] if isinstance(
            ics_texts, list | tuple) else []
        on_page = "calendar" in self.source or "VEVENT" in self.source  # skip the XPaths
        machine_events = [*sd.events, *calendar_events(tree if on_page else None, texts)]
        api = api_event(extra.get("event"))
        if api is not None:
            machine_events.append(api)
        forbidden = self._event_days(title or "", body, date_lang) | _structured_days(
            machine_events, date_lang)
        published = self._published(page, sd, headline=headline, container=container,
                                    canonical=canonical, language=date_lang, forbidden=forbidden,
                                    lead=body[:_LEAD_CHARS])
        modified = self._modified(page, sd, date_lang)

        report, announce = cue_counts(title or "", body)
        hint_date = extra.get("event_date_text")
        facts = build_event(title=title or "", body=body, structured=machine_events,
                            published=published, language=date_lang, tz=self.tz,
                            cues=(report, announce), links=lambda: _anchors(container, base),
                            hint_date_text=hint_date if isinstance(hint_date, str) else None)
        self.warnings += facts.warnings

        page_dated = published is not None and published.source in {
            "jsonld", "microdata", "meta", "time", "text", "url"}
        signals = PageSignals(
            url=canonical,
            types=frozenset(sd.types),
            og_type=(page.get("og:type") or "").lower() or None if page else None,
            has_headline=headline is not None or bool(hints and hints.title),
            page_dated=page_dated,
            body_chars=len(body),
            hint_channel=str(hints.channel) if hints else None,
        )
        post = is_post(signals, tree, page.bodies if page is not None else None)
        topics = self._topics(page, sd)
        post_type = classify(PostFacts(
            title=title or "", body=body, url=canonical, topics=tuple(topics),
            published=published.day if published else None, event_start=facts.start,
            event_end=facts.end, report_cues=report, announce_cues=announce, is_post=post,
        ))
        call = call_details(body, date_lang, published.day if published else None, self.tz) if (
            post_type == "call") else None

        lead = absolute_url(page.get("og:image", "twitter:image"), base) if page else None
        iframes = visible_frames(page.iframes, tree) if (
            tree is not None and page is not None and container is not tree) else []
        media = collect_media(container, base, canonical, lead_image=lead, page_iframes=iframes)

        if published is None:
            self.warnings.append("no_published_date")
        elif published.precision == "month":
            self.warnings.append("month_only_date")
        if not body:
            self.warnings.append("empty_body")
        if not title:
            self.warnings.append("no_title")

        return {
            "url": canonical,
            "alias_urls": aliases,
            "translations": translations,
            "is_post": post,
            "title": title,
            "language": language,
            "published": published.as_dict() if published else
            {"value": None, "source": None, "precision": None},
            "modified": modified,
            "summary": self._summary(page, sd, body),
            "body_text": body,
            "post_type": post_type,
            "event": facts.event,
            "call": call,
            "topics": topics,
            "images": media.images,
            "attachments": media.attachments,
            "videos": media.videos,
            "links_out": media.links_out,
            "warnings": list(dict.fromkeys(self.warnings)),
        }

    def _title_sources(self, page: PageMeta | None, sd: StructuredData,
                       ) -> tuple[list[str | None], list[str]]:
        """(title candidates in trust order, names of the site)."""
        hint_title = self.hints.title if self.hints else None
        candidates = [hint_title, sd.headline]
        site_names: list[str] = []
        if page is not None:
            candidates += [page.get("og:title"), page.get("twitter:title"), sd.page_name,
                           page.title_tag]
            site_names += [n for n in (page.get("og:site_name"), page.get("application-name"))
                           if n]
        else:
            candidates.append(sd.page_name)
        if sd.site_name:
            site_names.append(sd.site_name)
        host = host_of(self.ctx.url)
        if host:  # "Title | FASSETTE.NET", "Title - La Stampa" (lastampa.it)
            site_names += [host, host.rsplit(".", 1)[0]]
        return candidates, site_names

    def _shown_site_names(self, candidates: list[str | None]) -> list[str]:
        """Site names the page shows (logo, copyright), never the post's own title."""
        if self.tree is None:
            return []
        own = {normalise_title(c) for c in candidates[:4] if c}
        return [t for t in site_identity_texts(self.tree, self.ctx.url)
                if normalise_title(t) not in own]

    def _body(self, tree: HtmlElement | None, headline: HtmlElement | None,
              base: str, description: str | None = None) -> tuple[str, HtmlElement | None]:
        """Channel content when given (the post body as stored), else trafilatura."""
        content = self.hints.content_html if self.hints else None
        if content:
            fragment = parse_fragment(content)
            if fragment is not None:
                return block_text(fragment), fragment
        if tree is None:
            return "", None
        unwrap_layout_tables(tree)
        drop_embedded_posts(tree)
        text = with_lead(main_text(tree, self.ctx.url), tree, description)
        cms, container = containers(tree, headline, self.source)
        if len(text) < _SHORT_TEXT and cms is not None:
            marked = block_text(cms)  # trafilatura missed a post the CMS marks
            if len(marked) >= 3 * max(len(text), 100):
                return marked, cms
        return text, container

    def _event_days(self, title: str, body: str, language: str | None) -> set[date]:
        """Dates that belong to an event (title ranges, or title dates next to event words,
        body ranges): never taken as the post date. A lone date in a news title often is the
        post date ("23.01.2022 - …"), so it is not excluded."""
        in_title = find_date_ranges(title, language, month_only=False)
        found: list[DateRange] = in_title if vocab.EVENT.found(title) else [
            r for r in in_title if r.is_range]
        found += [r for r in find_date_ranges(body[:BODY_SCAN_CHARS], language, month_only=False,
                                              max_days=MAX_EVENT_DAYS) if r.is_range]
        return dates_mod.days_of(found)

    def _published(self, page: PageMeta | None, sd: StructuredData, *,
                   headline: HtmlElement | None, container: HtmlElement | None,
                   canonical: str, language: str | None,
                   forbidden: set[date], lead: str | None = None) -> DateValue | None:
        hints = self.hints
        return publication_date(PublishedInputs(
            tree=self.tree, page=page, structured=sd, url=self.ctx.url, canonical=canonical,
            language=language, tz=self.tz,
            hint_value=hints.published if hints else None,
            hint_source=_HINT_SOURCE.get(hints.channel) if hints else None,
            headline=headline, container=container, lead=lead), forbidden)

    def _modified(self, page: PageMeta | None, sd: StructuredData,
                  language: str | None) -> str | None:
        hints = self.hints
        raws: list[tuple[str | None, str]] = []
        if hints and hints.channel in {Channel.WP_API, Channel.FEED}:
            raws.append((hints.modified, "api"))
        raws.append((sd.modified, "jsonld"))
        if page is not None:
            raws += [(page.meta.get(k), "meta") for k in MODIFIED_KEYS]
        if hints:
            raws.append((hints.modified, "hint"))
        for raw, source in raws:
            value = parse_date_value(raw, source, language=language, tz=self.tz)
            if value:
                return localise(value, zone_named(self.tz), force=True).value
        return None

    def _summary(self, page: PageMeta | None, sd: StructuredData, body: str) -> str | None:
        hint = self.hints.summary if self.hints else None
        hint_text = None
        if hint:
            fragment = parse_fragment(hint)
            hint_text = block_text(fragment).replace("\n", " ") if fragment is not None else None
        for cand in (sd.description, hint_text,
                     page.get("og:description", "description", "twitter:description")
                     if page else None):
            if cand and len(cand.strip()) >= 20:
                return html_lib.unescape(" ".join(cand.split()))
        first = body.split("\n", 1)[0] if body else ""
        return first if 80 <= len(first) <= 600 else None

    def _topics(self, page: PageMeta | None, sd: StructuredData) -> list[str]:
        topics: list[str] = list(self.hints.topics) if self.hints else []
        topics += sd.keywords
        if page is not None:
            topics += page.meta_all.get("article:tag", []) + page.meta_all.get(
                "article:section", [])
        topics += page_terms(self.tree)  # rel="category tag" links of the theme
        seen: set[str] = set()
        out = []
        for topic in topics:
            clean = html_lib.unescape(" ".join(topic.split()))
            if clean and clean.casefold() not in seen:
                seen.add(clean.casefold())
                out.append(clean)
        return out


_ANCHORS = etree.XPath(".//a[@href]")


#: how much of the body text the publication date reads for a dateline opening it
_LEAD_CHARS = 600


def _anchors(container: HtmlElement | None, base: str) -> list[tuple[str, str]]:
    """(absolute URL, anchor text) of the links in the post body, for event details."""
    if container is None:
        return []
    out = []
    for a in _ANCHORS(container)[:300]:
        url = absolute_url(a.get("href"), base)
        if url:
            out.append((url, " ".join(a.text_content().split()) or (a.get("title") or "")))
    return out


def _structured_days(events: list[StructuredEvent], language: str | None) -> set[date]:
    """Days covered by machine-readable events: never the publication date."""
    days: set[date] = set()
    for event in events:
        start = parse_date_value(event.start, event.source, language=language)
        end = parse_date_value(event.end, event.source, language=language)
        if start is not None:
            last = end.day if end is not None and end.day >= start.day else start.day
            span = min((last - start.day).days, 40)
            days.update(start.day + timedelta(days=i) for i in range(span + 1))
    return days


def _drop_title_line(body: str, title: str | None) -> str:
    """trafilatura keeps the h1 as the first line; the title has its own field."""
    if not body or not title:
        return body
    first, _, rest = body.partition("\n")
    if normalise_title(first) == normalise_title(title):
        return rest
    return body
