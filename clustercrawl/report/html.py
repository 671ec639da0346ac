"""The run report: one static HTML page from a run's manifest and posts.

Everything is inline (CSS, SVG chart) and a Content-Security-Policy forbids any other load,
so the page reads the same from a CI artifact, a laptop without network, or a mail
attachment. No JavaScript: the error lists open with ``<details>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from html import escape
from typing import Any

from ..export.events import EventEntry, collect_events, event_view
from .chart import bar_chart, month_counts

STATUSES = ("ok", "empty", "blocked", "js_shell", "error", "unreachable")
#: How bad a status is: a site whose status got worse than last run regressed.
SEVERITY = {"ok": 0, "empty": 1, "js_shell": 2, "blocked": 2, "error": 3, "unreachable": 3}
STATUS_HELP = {
    "ok": "posts found",
    "empty": "reachable, but no post found",
    "blocked": "403/429 or a challenge page",
    "js_shell": "the page needs JavaScript to show its content",
    "error": "errors while crawling",
    "unreachable": "DNS, connection or TLS failure",
}
COUNTS = ("new", "updated", "unchanged", "gone")
UPCOMING_LIMIT = 100

CSS = """
:root{--ok:#1a7f37;--empty:#9a6700;--blocked:#bc4c00;--js_shell:#8250df;--error:#cf222e;
--unreachable:#82071e;--muted:#57606a;--line:#d0d7de;--bg-bad:#ffebe9}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
color:#1f2328;margin:0;background:#f6f8fa}
main{max-width:1180px;margin:0 auto;padding:20px 24px 40px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:14px 0 10px}
.meta{color:var(--muted);margin:0}
.banner{margin:16px 0;padding:10px 14px;border-radius:6px;font-weight:600}
.banner.pass{background:#dafbe1;color:#116329}.banner.fail{background:var(--bg-bad);
color:var(--error);border:1px solid #ffcecb}
.totals{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0 0;padding:0;list-style:none}
.totals li{background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 14px;
min-width:104px}
.totals b{display:block;font-size:22px}.totals span{color:var(--muted)}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:4px 16px 14px;
margin-top:18px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
th{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.zero{color:#afb8c1}
tr.regressed td{background:var(--bg-bad)}
tr.regressed td:first-child{box-shadow:inset 4px 0 0 var(--error)}
.status{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:12px;
font-weight:600;white-space:nowrap}
.status.ok{background:var(--ok)}.status.empty{background:var(--empty)}
.status.blocked{background:var(--blocked)}.status.js_shell{background:var(--js_shell)}
.status.error{background:var(--error)}.status.unreachable{background:var(--unreachable)}
.status.unknown{background:#6e7781}
.flag{color:var(--error);font-weight:700;font-size:12px;white-space:nowrap}
.prev{color:var(--muted);font-size:12px;white-space:nowrap}
.site small,.channels{color:var(--muted);font-size:12px}
details summary{cursor:pointer;color:var(--error)}
details ul{margin:4px 0 0;padding-left:18px;font-size:12px;word-break:break-all}
.chart .bar{fill:#0969da}.chart .bar:hover{fill:#0550ae}
.chart .grid{stroke:#eaeef2}.chart .base{stroke:#8c959f}
.chart text{font-size:11px;fill:#57606a}.chart .value{fill:#1f2328}
.note{color:var(--muted);font-size:12px;margin:6px 0 0}
.cancelled{text-decoration:line-through;color:var(--muted)}
.when{white-space:nowrap;font-variant-numeric:tabular-nums}
footer{color:var(--muted);font-size:12px;margin-top:24px}
a{color:#0969da;text-decoration:none}a:hover{text-decoration:underline}
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


def run_date(manifest: Mapping[str, Any]) -> date:
    """The day the run started (UTC): events from this day on are upcoming."""
    for value in (manifest.get("started"), manifest.get("run")):
        if isinstance(value, str):
            for fmt in (None, "%Y%m%dT%H%M%SZ"):
                try:
                    when = (datetime.fromisoformat(value.replace("Z", "+00:00")) if fmt is None
                            else datetime.strptime(value, fmt).replace(tzinfo=UTC))
                except ValueError:
                    continue
                return when.astimezone(UTC).date() if when.tzinfo else when.date()
    return datetime.now(UTC).date()


def _num(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def regressed(site: Mapping[str, Any]) -> bool:
    """The manifest's verdict, else: the status got worse than the previous run's."""
    if isinstance(site.get("regressed"), bool):
        return bool(site["regressed"])
    now, before = site.get("status"), site.get("previous_status")
    if not isinstance(now, str) or not isinstance(before, str):
        return False
    return SEVERITY.get(now, 3) > SEVERITY.get(before, 3)


def _status(value: Any) -> str:
    name = value if isinstance(value, str) and value in STATUSES else "unknown"
    label = value if isinstance(value, str) else "unknown"
    return (f'<span class="status {name}" title="{_e(STATUS_HELP.get(name, ""))}">'
            f"{_e(label)}</span>")


def _channels(site: Mapping[str, Any]) -> str:
    channels = site.get("channels")
    if not isinstance(channels, Mapping):
        return ""
    parts = []
    for name, info in channels.items():
        if isinstance(info, Mapping) and info.get("exists"):
            entries = info.get("entries")
            parts.append(f"{_e(name)} {_num(entries)}" if entries is not None else _e(name))
    return " · ".join(parts)


def _errors(errors: Any) -> str:
    items = [str(x) for x in errors] if isinstance(errors, list) else []
    if not items:
        return '<td class="n zero">0</td>'
    lis = "".join(f"<li>{_e(x)}</li>" for x in items[:50])
    more = f"<li>… {len(items) - 50} more</li>" if len(items) > 50 else ""
    return (f'<td class="n"><details><summary>{len(items)}</summary><ul>{lis}{more}</ul>'
            "</details></td>")


def _site_row(site: Mapping[str, Any]) -> str:
    counts = site.get("counts") if isinstance(site.get("counts"), Mapping) else {}
    assert isinstance(counts, Mapping)
    bad = regressed(site)
    before = site.get("previous_status")
    prev = f'<span class="prev">{_e(before)}</span>' if isinstance(before, str) else \
        '<span class="prev">–</span>'
    flag = ' <span class="flag">▼ regressed</span>' if bad else ""
    cells = "".join(
        f'<td class="n{" zero" if not _num(counts.get(k)) else ""}" data-count="{k}">'
        f"{_num(counts.get(k))}</td>" for k in COUNTS)
    site_id = site.get("site_id", "")
    return (
        f'<tr class="site{" regressed" if bad else ""}" data-site="{_e(site_id)}" '
        f'data-status="{_e(site.get("status"))}">'
        f'<td class="site"><b>{_e(site.get("name") or site_id)}</b><br><small>{_e(site_id)}'
        f"</small></td><td>{_e(site.get('country'))}</td>"
        f'<td class="state">{_status(site.get("status"))}{flag}</td><td>{prev}</td>{cells}'
        f"{_errors(site.get('errors'))}<td class=\"n\">{_num(site.get('requests'))}</td>"
        f'<td class="channels">{_channels(site)}</td></tr>'
    )


def _sites_table(sites: list[Mapping[str, Any]]) -> str:
    return "".join(_sites_table_pieces(sites))


def _sites_table_pieces(sites: list[Mapping[str, Any]]) -> Iterator[str]:
    """The sites table a row at a time (30,000 rows are tens of MB as one string)."""
    order = sorted(sites, key=lambda s: (not regressed(s), -SEVERITY.get(str(s.get("status")),
                                                                          3),
                                         str(s.get("site_id", ""))))
    head = ("<tr><th>Site</th><th>Country</th><th>Status</th><th>Before</th>"
            + "".join(f'<th class="n">{k}</th>' for k in COUNTS)
            + '<th class="n">Errors</th><th class="n">Requests</th><th>Channels</th></tr>')
    tally = {s: sum(1 for x in sites if x.get("status") == s) for s in STATUSES}
    summary = " · ".join(f"{_status(s)} {n}" for s, n in tally.items() if n)
    yield (f'<p class="note">{len(sites)} sites: {summary}</p>'
           f'<table id="sites"><thead>{head}</thead><tbody>\n')
    for index, site in enumerate(order):
        yield ("\n" if index else "") + _site_row(site)
    yield "\n</tbody></table>"


def _when(entry: EventEntry) -> str:
    start, end = entry.start_day(), entry.end_day()
    text = start.isoformat()
    if end != start:
        text += f" – {end.isoformat() if end.year != start.year else end.strftime('%m-%d')}"
    if not entry.all_day and len(entry.start) > 10:
        text += f" {entry.start[11:16]}"
    return text


def _event_row(entry: EventEntry) -> str:
    where = ", ".join(x for x in (entry.venue, entry.city, entry.country) if x) or \
        ("online" if entry.online_url else "")
    links = "<br>".join(f'<a href="{_e(r.url)}">{_e(r.cluster or r.site_id)}</a>'
                        for r in entry.reports[:5])
    if len(entry.reports) > 5:
        links += f"<br>… {len(entry.reports) - 5} more"
    cancelled = entry.status == "cancelled"
    name = f'<span class="cancelled">{_e(entry.name)}</span> (cancelled)' if cancelled \
        else _e(entry.name)
    return (f'<tr class="event" data-start="{_e(entry.start[:10])}"><td class="when">'
            f"{_e(_when(entry))}</td><td>{name}</td><td>{_e(where)}</td><td>{links}</td></tr>")


def _events_table(entries: list[EventEntry], today: date) -> str:
    upcoming = [e for e in entries if e.start_day() >= today]
    if not upcoming:
        return f'<p class="note">No event starting on or after {today.isoformat()}.</p>'
    rows = "\n".join(_event_row(e) for e in upcoming[:UPCOMING_LIMIT])
    more = (f'<p class="note">{len(upcoming) - UPCOMING_LIMIT} later events not shown.</p>'
            if len(upcoming) > UPCOMING_LIMIT else "")
    return ('<table id="events"><thead><tr><th>When</th><th>Event</th><th>Where</th>'
            f"<th>Reported by</th></tr></thead><tbody>\n{rows}\n</tbody></table>{more}")


def _totals(manifest: Mapping[str, Any]) -> str:
    counts = manifest.get("counts") if isinstance(manifest.get("counts"), Mapping) else {}
    assert isinstance(counts, Mapping)
    dropped = counts.get("dropped")
    n_dropped = sum(_num(v) for v in dropped.values()) if isinstance(dropped, Mapping) else 0
    items = [(k, _num(counts.get(k))) for k in (*COUNTS, "emitted", "requests")]
    items.append(("dropped", n_dropped))
    return '<ul class="totals" id="totals">' + "".join(
        f'<li data-total="{k}"><b>{n}</b><span>{k}</span></li>' for k, n in items) + "</ul>"


def _banner(manifest: Mapping[str, Any], sites: list[Mapping[str, Any]]) -> str:
    health = manifest.get("health") if isinstance(manifest.get("health"), Mapping) else {}
    assert isinstance(health, Mapping)
    names = health.get("regressed_sites")
    bad = [str(x) for x in names] if isinstance(names, list) else \
        [str(s.get("site_id")) for s in sites if regressed(s)]
    status = health.get("exit_status")
    limit = health.get("max_regressed")
    share = f"{len(bad)} of {len(sites)} sites regressed" if sites else "no site crawled"
    if isinstance(limit, int | float) and not isinstance(limit, bool):
        share += f" (allowed: {limit:.0%})" if limit <= 1 else f" (allowed: {limit})"
    failed = status not in (0, None)
    verdict = f"run fails (exit status {status})" if failed else "run passes"
    listing = f": {', '.join(bad[:12])}{' …' if len(bad) > 12 else ''}" if bad else ""
    return (f'<p class="banner {"fail" if failed else "pass"}" id="health">{_e(verdict)} — '
            f"{_e(share)}{_e(listing)}</p>")


def _list(values: Any) -> str:
    items = [str(x) for x in values] if isinstance(values, list) else []
    if not items:
        return '<p class="note">None.</p>'
    return "<ul>" + "".join(f"<li>{_e(x)}</li>" for x in items) + "</ul>"


def render_report(manifest: Mapping[str, Any], posts: Iterable[Mapping[str, Any]],
                  events: Iterable[Mapping[str, Any]] = ()) -> str:
    """The report page of one run. ``posts`` feed the monthly chart and the upcoming events
    (pass the cumulative file to see every live post); ``events`` are optional dedupe event
    records (``events-<run>.jsonl`` lines) that merge reports of the same event."""
    return "".join(report_pieces(manifest, posts, events))


def report_pieces(manifest: Mapping[str, Any], posts: Iterable[Mapping[str, Any]],
                  events: Iterable[Mapping[str, Any]] = ()) -> Iterator[str]:
    """`render_report`'s page in pieces, to be written as they come."""
    today = run_date(manifest)
    raw_sites = manifest.get("sites")
    sites = [s for s in raw_sites if isinstance(s, Mapping)] if isinstance(raw_sites,
                                                                           list) else []
    # one pass over the posts (a file of every live post): the chart counts them and only
    # the reports of events are kept, as their `event_view`, never the whole list
    with_events: list[Mapping[str, Any]] = []
    total = 0

    def counted() -> Iterator[Mapping[str, Any]]:
        nonlocal total
        for post in posts:
            total += 1
            if isinstance(post.get("event"), Mapping):
                with_events.append(event_view(post))
            yield post

    series, older, undated = month_counts(counted(), today)
    chart_note = f"{total} posts"
    if older:
        chart_note += f"; {older} published before {series[0][0]} not shown"
    if undated:
        chart_note += f"; {undated} without a month-precise date"
    run = manifest.get("run", "")
    options = manifest.get("options") if isinstance(manifest.get("options"), Mapping) else {}
    assert isinstance(options, Mapping)
    opts = ", ".join(f"{k}={v}" for k, v in options.items() if v not in (None, False)) or \
        "incremental, all sites"
    versions = manifest.get("versions") if isinstance(manifest.get("versions"), Mapping) \
        else {}
    assert isinstance(versions, Mapping)
    duration = manifest.get("duration_s")
    took = f" · {duration:.0f} s" if isinstance(duration, int | float) else ""
    entries = collect_events(with_events, events)
    yield f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>clustercrawl run {_e(run)}</title>
<style>{CSS}</style>
</head>
<body>
<main>
<h1>clustercrawl run {_e(run)}</h1>
<p class="meta">started {_e(manifest.get("started"))} · finished {_e(manifest.get("finished"))}
{_e(took)} · {_e(manifest.get("finish_reason", ""))} · {_e(opts)}</p>
{_banner(manifest, sites)}
{_totals(manifest)}
<section id="sites-section"><h2>Sites</h2>
"""
    yield from _sites_table_pieces(sites)
    yield f"""
</section>
<section id="chart-section"><h2>Posts per month</h2>
{bar_chart(series)}
<p class="note">{_e(chart_note)}.</p>
</section>
<section id="events-section"><h2>Upcoming events</h2>
{_events_table(entries, today)}
</section>
<section id="registry-section"><h2>Registry errors</h2>
{_list(manifest.get("registry_errors"))}
</section>
<footer>{_e(" · ".join(f"{k} {v}" for k, v in versions.items()))}</footer>
</main>
</body>
</html>
"""
