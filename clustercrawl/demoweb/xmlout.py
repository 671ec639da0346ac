"""XML and iCalendar writers: RSS 2.0 feeds, sitemaps and sitemap indexes, VCALENDAR files.

Written as text (not via an XML library) to control the exact byte layout real CMSs emit:
CDATA sections, namespace declarations, processing instructions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from xml.sax.saxutils import escape as xesc

from .util import to_utc

RSS_NS = (
    'xmlns:content="http://purl.org/rss/1.0/modules/content/"\n\t'
    'xmlns:wfw="http://wellformedweb.org/CommentAPI/"\n\t'
    'xmlns:dc="http://purl.org/dc/elements/1.1/"\n\t'
    'xmlns:atom="http://www.w3.org/2005/Atom"\n\t'
    'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"\n\t'
    'xmlns:slash="http://purl.org/rss/1.0/modules/slash/"'
)


def cdata(text: str) -> str:
    """Wrap in CDATA, splitting any ``]]>`` inside."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


@dataclass(slots=True)
class FeedItem:
    """One RSS item; optional parts are left out when None."""

    title: str
    link: str
    pub_date: str
    guid: str
    guid_is_permalink: bool = False
    description: str | None = None
    content: str | None = None
    creator: str | None = None
    author: str | None = None
    categories: Sequence[str] = ()


@dataclass(slots=True)
class FeedChannel:
    """Channel-level fields of an RSS feed."""

    title: str
    link: str
    self_href: str
    description: str
    language: str
    build_date: str = ""
    generator: str | None = None


def rss(channel: FeedChannel, items: Iterable[FeedItem], wordpress: bool = False) -> str:
    """An RSS 2.0 document; ``wordpress`` adds WP's namespaces and syndication tags."""
    ch = channel
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    if wordpress:
        out.append(f"<rss version=\"2.0\"\n\t{RSS_NS}\n\t>\n\n<channel>")
    else:
        out.append('<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
                   'xmlns:dc="http://purl.org/dc/elements/1.1/" '
                   'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>')
    out.append(f"\t<title>{xesc(ch.title)}</title>")
    out.append(f'\t<atom:link href="{xesc(ch.self_href)}" rel="self" type="application/rss+xml" />')
    out.append(f"\t<link>{xesc(ch.link)}</link>")
    out.append(f"\t<description>{xesc(ch.description)}</description>")
    out.append(f"\t<lastBuildDate>{ch.build_date}</lastBuildDate>")
    out.append(f"\t<language>{xesc(ch.language)}</language>")
    if wordpress:
        out.append("\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>")
        out.append("\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>")
    if ch.generator:
        out.append(f"\t<generator>{xesc(ch.generator)}</generator>")
    for item in items:
        out.append("\t<item>")
        out.append(f"\t\t<title>{xesc(item.title)}</title>")
        out.append(f"\t\t<link>{xesc(item.link)}</link>")
        if item.creator:
            out.append(f"\t\t<dc:creator>{cdata(item.creator)}</dc:creator>")
        if item.author:
            out.append(f"\t\t<author>{xesc(item.author)}</author>")
        out.append(f"\t\t<pubDate>{item.pub_date}</pubDate>")
        out.extend(f"\t\t<category>{cdata(c)}</category>" for c in item.categories)
        perma = "true" if item.guid_is_permalink else "false"
        out.append(f'\t\t<guid isPermaLink="{perma}">{xesc(item.guid)}</guid>')
        if item.description is not None:
            out.append(f"\t\t<description>{cdata(item.description)}</description>")
        if item.content is not None:
            out.append(f"\t\t<content:encoded>{cdata(item.content)}</content:encoded>")
        out.append("\t</item>")
    out.append("\t</channel>\n</rss>\n")
    return "\n".join(out)


def w3c(local: datetime, utc: bool = True) -> str:
    """Sitemap lastmod value."""
    if utc:
        return to_utc(local).strftime("%Y-%m-%dT%H:%M:%S") + "+00:00"
    return local.strftime("%Y-%m-%d")


def sitemap_index(locs: Iterable[tuple[str, str | None]], stylesheet: str | None = None) -> str:
    """A <sitemapindex> of (loc, lastmod)."""
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if stylesheet:
        head += f'<?xml-stylesheet type="text/xsl" href="{xesc(stylesheet)}" ?>\n'
    body = "".join(
        f"<sitemap><loc>{xesc(loc)}</loc>" + (f"<lastmod>{lm}</lastmod>" if lm else "")
        + "</sitemap>"
        for loc, lm in locs
    )
    return (head + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + body + "</sitemapindex>\n")


def urlset(entries: Iterable[tuple[str, str | None]], stylesheet: str | None = None,
           extras: str = "", pretty: bool = False) -> str:
    """A <urlset> of (loc, lastmod); ``extras`` goes inside each <url> (changefreq…)."""
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if stylesheet:
        head += f'<?xml-stylesheet type="text/xsl" href="{xesc(stylesheet)}" ?>\n'
    nl = "\n" if pretty else ""
    ind = "  " if pretty else ""
    body = "".join(
        f"{ind}<url>{nl}{ind}{ind}<loc>{xesc(loc)}</loc>{nl}"
        + (f"{ind}{ind}<lastmod>{lm}</lastmod>{nl}" if lm else "")
        + (f"{ind}{ind}{extras}{nl}" if extras else "")
        + f"{ind}</url>{nl}"
        for loc, lm in entries
    )
    return (head + f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:xhtml="http://www.w3.org/1999/xhtml">{nl}' + body + "</urlset>\n")


def _ical_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts: list[str] = []
    current = ""
    for ch in line:
        limit = 75 if not parts else 74
        if len((current + ch).encode("utf-8")) > limit:
            parts.append(current)
            current = ch
        else:
            current += ch
    parts.append(current)
    return "\r\n ".join(parts)


def ical(prodid: str, uid: str, stamp: datetime, *, start: date, end: date, summary: str,
         location: str, url: str, description: str, start_time: str | None = None) -> str:
    """A one-event VCALENDAR (all-day unless ``start_time`` "HH:MM" is given)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{prodid}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", "BEGIN:VEVENT", f"UID:{uid}",
             "DTSTAMP:" + to_utc(stamp).strftime("%Y%m%dT%H%M%SZ")]
    if start_time:
        hh, mi = (int(x) for x in start_time.split(":"))
        lines.append(f"DTSTART;TZID=Europe/Brussels:{start:%Y%m%d}T{hh:02d}{mi:02d}00")
        lines.append(f"DTEND;TZID=Europe/Brussels:{end:%Y%m%d}T{min(hh + 2, 23):02d}{mi:02d}00")
    else:
        lines.append(f"DTSTART;VALUE=DATE:{start:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{end + timedelta(days=1):%Y%m%d}")
    lines += [f"SUMMARY:{_ical_escape(summary)}", f"LOCATION:{_ical_escape(location)}",
              f"URL:{url}", f"DESCRIPTION:{_ical_escape(description)}", "END:VEVENT",
              "END:VCALENDAR"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
