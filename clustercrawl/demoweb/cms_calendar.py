"""A custom-CMS cluster site with an events calendar: news at /aktuality/ (?strana=N), a month
calendar at /akce/?mesic=YYYY-MM with previous/next links (bounded to the months with events
± 2: the classic calendar trap, made finite), event pages with schema.org Event JSON-LD and an
"Add to calendar" .ics file per event.
"""

from __future__ import annotations

import calendar
import json
from datetime import date, datetime, time
from functools import partial

from .chrome import cookie_banner, eu_block, share_links
from .cms_base import Renderer, chunks
from .model import Post, Response, SitePage
from .util import esc, etag_of, http_date, iso_local, rfc822
from .xmlout import FeedChannel, FeedItem, ical, rss

DEMO_TODAY = date(2025, 12, 1)
FEED_SIZE = 10
MONTH_MARGIN = 2


def _shift(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


class EventsCalendarSite(Renderer):
    """News + calendar; event announcements live in the calendar, the rest in the news."""

    cms_name = "custom"

    def is_event_page(self, post: Post) -> bool:
        """Announcements (with an event) are calendar entries."""
        return post.post_type == "event_announcement" and post.event is not None

    def news(self) -> list[Post]:
        """News section contents."""
        return [p for p in self.newest if not self.is_event_page(p)]

    def events(self) -> list[Post]:
        """Calendar entries, by start date."""
        evs = [p for p in self.newest if self.is_event_page(p)]
        return sorted(evs, key=lambda p: (p.event.start if p.event else date.min, p.ident))

    def news_root(self) -> str:
        """/aktuality/."""
        return f"/{self.ui['slug_news']}/"

    def events_root(self) -> str:
        """/akce/."""
        return f"/{self.ui['slug_events']}/"

    def post_path(self, post: Post) -> str:
        root = self.events_root() if self.is_event_page(post) else self.news_root()
        return f"{root}{post.slug}/"

    def ics_path(self, post: Post) -> str:
        """The event's iCalendar file."""
        return f"{self.post_path(post)}ical.ics"

    def news_page(self, n: int) -> str:
        """News listing page ``n``."""
        return self.news_root() if n == 1 else f"{self.news_root()}?{self.ui['q_page']}={n}"

    def month_path(self, year: int, month: int) -> str:
        """Calendar month view."""
        return f"{self.events_root()}?{self.ui['q_month']}={year}-{month:02d}"

    def page_path(self, page: SitePage) -> str:
        """Static page."""
        return f"/{page.slug}/"

    def month_bounds(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """First and last month that have a calendar page."""
        evs = [p.event for p in self.events() if p.event]
        if not evs:
            return (DEMO_TODAY.year, DEMO_TODAY.month), (DEMO_TODAY.year, DEMO_TODAY.month)
        lo = min(e.start for e in evs)
        hi = max(e.end for e in evs)
        return _shift(lo.year, lo.month, -MONTH_MARGIN), _shift(hi.year, hi.month, MONTH_MARGIN)

    def months(self) -> list[tuple[int, int]]:
        """Every month with a calendar page."""
        (y, m), last = self.month_bounds()
        out = []
        while (y, m) <= last:
            out.append((y, m))
            y, m = _shift(y, m, 1)
        return out

    def post_channels(self, post: Post) -> list[str]:
        if self.is_event_page(post):
            return ["listing", "link"]
        feed = ["feed"] if post in self.news()[:FEED_SIZE] else []
        return [*feed, "listing", "link"]

    def site_channels(self) -> list[str]:
        return ["feed", "listing"]

    def non_post_paths(self) -> list[str]:
        out = ["/"] + [self.news_page(n) for n in range(1, len(chunks(self.news(), 10)) + 1)]
        out += [self.events_root()] + [self.month_path(y, m) for y, m in self.months()]
        return out + [self.page_path(p) for p in self.site.pages]

    def section_paths(self) -> tuple[str | None, str | None]:
        return self.news_root(), self.events_root()

    def excludes(self, post: Post) -> list[str]:
        return [*super().excludes(post), self.ui["back"], self.ui["add_to_calendar"]]

    def build(self) -> None:
        for post in self.news():
            self.add(self.post_path(post), partial(self.article, post))
        for post in self.events():
            self.add(self.post_path(post), partial(self.event_page, post))
            self.add(self.ics_path(post), partial(self.ics, post))
        pages = chunks(self.news(), 10)
        for n, items in enumerate(pages, 1):
            self.add(self.news_page(n), partial(self.listing, n, len(pages), items))
        for y, m in self.months():
            self.add(self.month_path(y, m), partial(self.month, y, m))
        self.add(self.events_root(), partial(self.month, *self._default_month()))
        for page in self.site.pages:
            self.add(self.page_path(page), partial(self.static, page))
        self.add("/", self.home)
        self.add(f"{self.news_root()}rss/", self.feed)
        self.add("/robots.txt", self.robots)

    def robots(self, base: str) -> Response:
        """robots.txt without a sitemap."""
        del base
        return self.text("User-agent: *\nDisallow: /admin/\n")

    def _default_month(self) -> tuple[int, int]:
        first, last = self.month_bounds()
        today = (DEMO_TODAY.year, DEMO_TODAY.month)
        return max(first, min(today, last))

    # -- pages ------------------------------------------------------------------------------
    def doc(self, title: str, canonical: str | None, content: str, extra_head: str = "") -> str:
        """Page frame."""
        nav = [(self.news_root(), self.ui["nav_news"]), (self.events_root(), self.ui["nav_events"])]
        nav += [(self.page_path(p), p.title) for p in self.site.pages if p.kind != "privacy"]
        menu = "".join(f'<li><a href="{esc(h)}">{esc(t)}</a></li>' for h, t in nav)
        privacy = next((p for p in self.site.pages if p.kind == "privacy"), self.site.pages[0])
        eu = eu_block(self.site.eu_footer, "/img/loga-eu-optak.png") if self.site.eu_footer else ""
        canon = f'<link rel="canonical" href="{esc(canonical)}">\n' if canonical else ""
        upcoming = "".join(
            f'<li><a href="{esc(self.post_path(p))}">{esc(p.title)}</a></li>'
            for p in self.events()[-3:]
        )
        return (
            f'<!DOCTYPE html>\n<html lang="{self.lang.code}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)} | {esc(self.site.name)}</title>\n{canon}"
            f'<link rel="alternate" type="application/rss+xml" title="{esc(self.ui["feed"])}" '
            f'href="{self.news_root()}rss/">\n<link rel="stylesheet" href="/css/main.css?v=27">\n'
            f"{extra_head}</head>\n<body>\n"
            f'<header class="site-header"><a class="logo" href="/">{esc(self.site.name)}</a>'
            f'<nav class="main-nav"><ul>{menu}</ul></nav></header>\n'
            f'<div class="layout"><main class="content" id="obsah">\n{content}</main>\n'
            '<aside class="sidebar"><section class="widget-upcoming"><h3>'
            f'{esc(self.ui["calendar"])}'
            f"</h3><ul>{upcoming}</ul></section></aside></div>\n"
            f'<footer class="site-footer"><div class="footer-contact"><strong>{esc(self.site.name)}'
            f'</strong><br>{"<br>".join(esc(x) for x in self.site.address)}<br>'
            f'{esc(self.site.phone)}'
            f' · <a href="mailto:{esc(self.site.email)}">{esc(self.site.email)}</a></div>{eu}'
            f'<p class="copy">&copy; {esc(self.site.name)} · <a href="{self.page_path(privacy)}">'
            f'{esc(self.ui["privacy"])}</a></p></footer>\n'
            + cookie_banner("plain", self.ui, self.page_path(privacy))
            + '<script src="/js/app.js?v=27"></script>\n</body>\n</html>\n'
        )

    def box_date(self, post: Post) -> str:
        """The event box date: "5. 6. 2025" or "10 – 11.1.2023" (numeric elsewhere)."""
        ev = post.event
        assert ev is not None
        s, e = ev.start, ev.end
        if self.lang.code == "cs":
            if s == e:
                return f"{s.day}. {s.month}. {s.year}"
            return f"{s.day} – {e.day}.{e.month}.{e.year}"
        if s == e:
            return self.lang.date_numeric(s)
        return f"{self.lang.date_numeric(s)} – {self.lang.date_numeric(e)}"

    def jsonld(self, post: Post, base: str) -> str:
        """schema.org Event."""
        ev = post.event
        assert ev is not None
        city = self.lang.cities.get(ev.city)
        start = ev.start.isoformat()
        if ev.time:
            hh, mi = (int(x) for x in ev.time.split(":"))
            start = iso_local(datetime.combine(ev.start, time(hh, mi)))
        data = {
            "@context": "https://schema.org", "@type": "Event", "name": post.title,
            "startDate": start, "endDate": ev.end.isoformat(),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "eventStatus": "https://schema.org/EventScheduled",
            "location": {"@type": "Place", "name": ev.venue or "",
                         "address": {"@type": "PostalAddress", "streetAddress": ev.street or "",
                                     "addressLocality": city.nom if city else ev.city,
                                     "addressCountry": city.country if city else ""}},
            "organizer": {"@type": "Organization", "name": self.site.name, "url": f"{base}/"},
            "description": post.summary, "url": base + self.post_path(post),
        }
        text = json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")
        return f'<script type="application/ld+json">\n{text}\n</script>\n'

    def event_page(self, post: Post, base: str) -> Response:
        """Event detail."""
        ev = post.event
        assert ev is not None
        city = self.lang.cities.get(ev.city)
        place = ", ".join(x for x in (ev.venue, ev.street, city.nom if city else ev.city) if x)
        posted = self.ui["published_on"].format(date=self.lang.date_numeric(post.published.date()))
        content = (
            f'<article class="event-detail">\n<h1>{esc(post.title)}</h1>\n'
            f'<div class="event-info"><dl><dt>{esc(self.ui["when"])}</dt><dd>'
            f'{esc(self.box_date(post))}{" " + esc(ev.time) if ev.time else ""}</dd>'
            f'<dt>{esc(self.ui["venue"])}</dt><dd>{esc(place)}</dd></dl>'
            f'<a class="btn btn-ical" href="{esc(self.ics_path(post))}" rel="nofollow">'
            f'{esc(self.ui["add_to_calendar"])}</a></div>\n'
            f'<div class="event-body">\n{self.body(post, base)}</div>\n'
            f'<p class="event-meta">{esc(posted)}</p>\n'
            + share_links("plain", base + self.post_path(post), post.title, self.ui)
            + f'<p><a class="back" href="{self.events_root()}">{esc(self.ui["back"])}</a></p>\n'
            "</article>\n"
        )
        return self.html(self.doc(post.title, base + self.post_path(post), content,
                                  self.jsonld(post, base)))

    def ics(self, post: Post, base: str) -> Response:
        """text/calendar for one event."""
        ev = post.event
        assert ev is not None
        city = self.lang.cities.get(ev.city)
        where = ", ".join(x for x in (ev.venue, ev.street, city.nom if city else ev.city) if x)
        text = ical(f"-//{self.site.name}//{self.ui['calendar']}//{self.lang.code.upper()}",
                    f"event-{post.ident}@{self.site.host}", post.modified, start=ev.start,
                    end=ev.end, summary=post.title, location=where,
                    url=base + self.post_path(post), description=post.summary,
                    start_time=ev.time)
        data = text.encode("utf-8")
        return Response(200, data, "text/calendar; charset=utf-8",
                        {"Content-Disposition": f'attachment; filename="{post.slug}.ics"',
                         "Last-Modified": http_date(post.modified), "ETag": etag_of(data)})

    def article(self, post: Post, base: str) -> Response:
        """News article."""
        posted = self.ui["published_on"].format(date=self.lang.date_long(post.published.date()))
        content = (f'<article class="news-detail">\n<h1>{esc(post.title)}</h1>\n'
                   f'<p class="news-date">{esc(posted)}</p>\n<div class="news-text">\n'
                   f"{self.body(post, base)}</div>\n"
                   + share_links("plain", base + self.post_path(post), post.title, self.ui)
                   + f'<p><a class="back" href="{self.news_root()}">{esc(self.ui["back"])}</a></p>'
                     '\n'
                   "</article>\n")
        return self.html(self.doc(post.title, base + self.post_path(post), content))

    def listing(self, n: int, total: int, items: list[Post], base: str) -> Response:
        """News listing page."""
        rows = "".join(
            f'<article class="news-item"><h2><a href="{esc(self.post_path(p))}">{esc(p.title)}</a>'
            f'</h2><p class="date">{esc(self.lang.date_numeric(p.published.date()))}</p>'
            f"<p>{esc(p.summary)}</p></article>\n" for p in items
        )
        links = []
        if n > 1:
            links.append(f'<a class="prev" href="{esc(self.news_page(n - 1))}">'
                         f'{esc(self.ui["newer"])}</a>')
        if n < total:
            links.append(f'<a class="next" rel="next" href="{esc(self.news_page(n + 1))}">'
                         f'{esc(self.ui["older"])}</a>')
        content = (f'<h1>{esc(self.ui["nav_news"])}</h1>\n{rows}<div class="pagination">'
                   f'{" ".join(links)}</div>\n')
        return self.html(self.doc(self.ui["nav_news"], None, content))

    def month(self, year: int, month: int, base: str) -> Response:
        """Month grid with prev/next links inside the bounds."""
        first, last = self.month_bounds()
        by_day: dict[int, list[Post]] = {}
        for post in self.events():
            ev = post.event
            if ev and (ev.start.year, ev.start.month) == (year, month):
                by_day.setdefault(ev.start.day, []).append(post)
        rows = []
        for week in calendar.Calendar(0).monthdayscalendar(year, month):
            cells = []
            for day in week:
                links = "".join(f'<a href="{esc(self.post_path(p))}">{esc(p.title)}</a>'
                                for p in by_day.get(day, []))
                cells.append(f'<td class="{"has-event" if links else ""}">'
                             f'{day or ""}{links}</td>' if day else "<td></td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        head = "".join(f"<th>{esc(w[:2])}</th>" for w in self.lang.weekdays)
        nav = []
        if (year, month) > first:
            py, pm = _shift(year, month, -1)
            nav.append(f'<a class="cal-prev" href="{esc(self.month_path(py, pm))}">&laquo; '
                       f'{esc(self.ui["prev_month"])}</a>')
        if (year, month) < last:
            ny, nm = _shift(year, month, 1)
            nav.append(f'<a class="cal-next" href="{esc(self.month_path(ny, nm))}">'
                       f'{esc(self.ui["next_month"])} &raquo;</a>')
        listed = "".join(
            f'<li><span class="date">{esc(self.box_date(p))}</span> <a href="'
            f'{esc(self.post_path(p))}">{esc(p.title)}</a></li>'
            for d in sorted(by_day) for p in by_day[d]
        ) or f'<li class="empty">{esc(self.ui["no_events"])}</li>'
        heading = self.lang.month_heading(year, month)
        content = (f'<h1>{esc(self.ui["calendar"])}</h1>\n<div class="cal-nav">{" ".join(nav)}'
                   f'<h2>{esc(heading)}</h2></div>\n<table class="calendar"><thead><tr>{head}'
                   f'</tr></thead><tbody>{"".join(rows)}</tbody></table>\n'
                   f'<ul class="event-list">{listed}</ul>\n')
        return self.html(self.doc(f"{self.ui['calendar']} – {heading}", None, content))

    def static(self, page: SitePage, base: str) -> Response:
        """A static page."""
        content = f"<h1>{esc(page.title)}</h1>\n{page.body_html}"
        return self.html(self.doc(page.title, None, content))

    def home(self, base: str) -> Response:
        """Home: latest news teasers."""
        rows = "".join(f'<li><a href="{esc(self.post_path(p))}">{esc(p.title)}</a></li>'
                       for p in self.news()[:5])
        about = next((p for p in self.site.pages if p.kind == "about"), None)
        content = (f"{about.body_html if about else ''}<h2>{esc(self.ui['latest'])}</h2>"
                   f'<ul class="home-news">{rows}</ul>\n')
        del base
        return self.html(self.doc(self.site.name, None, content))

    def feed(self, base: str) -> Response:
        """RSS of the news section."""
        items = [FeedItem(p.title, base + self.post_path(p), rfc822(p.published),
                          guid=base + self.post_path(p), guid_is_permalink=True,
                          description=p.summary) for p in self.news()[:FEED_SIZE]]
        channel = FeedChannel(f"{self.site.name} – {self.ui['nav_news']}",
                              f"{base}{self.news_root()}", f"{base}{self.news_root()}rss/",
                              self.site.name, self.lang.code)
        text = rss(channel, items)
        return self.xml(text, "application/rss+xml", modified=self.site.last_change(), etag=True)
