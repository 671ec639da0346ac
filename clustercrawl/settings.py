"""Scrapy settings for clustercrawl.

Defaults are chosen for hundreds of small cluster-organisation sites on shared hosting:
polite (robots.txt, two requests per host, AutoThrottle, ~1 s between requests to a host),
bounded (30 s timeouts, 16 MiB responses) and honest about who is asking.
Every project-specific setting is prefixed ``CLUSTERCRAWL_`` and documented in README.md.
"""

from __future__ import annotations

import os

from clustercrawl import __version__

BOT_NAME = "clustercrawl"
SPIDER_MODULES = ["clustercrawl.spiders"]
NEWSPIDER_MODULE = "clustercrawl.spiders"

# --- who we are -------------------------------------------------------------------------------
#: Operators should point this at a page describing their crawl (README: "Politeness").
CLUSTERCRAWL_CONTACT_URL = "https://github.com/clustercrawl/clustercrawl#politeness"
USER_AGENT = (
    f"clustercrawl/{__version__} (+{CLUSTERCRAWL_CONTACT_URL}; "
    "news and events of European cluster organisations)"
)

# --- politeness ---------------------------------------------------------------------------------
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 64
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
#: robots.txt is kept this long across runs (0 = fetch it on every run).
CLUSTERCRAWL_ROBOTS_CACHE_HOURS = 24.0
#: Robots.txt Crawl-delay (seconds) is honoured up to this bound; Scrapy ignores it by itself.
CLUSTERCRAWL_MAX_CRAWL_DELAY = 30.0

# --- bounds ---------------------------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
#: A body shorter than its Content-Length arrives flagged "dataloss" instead of failing: the
#: truncation middleware retries it once, then keeps it with a warning (README "Broken sites").
DOWNLOAD_FAIL_ON_DATALOSS = False
RETRY_ENABLED = True
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 10
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
#: Scrapy starts this many tasks for *every* callback's output, however small (2.13+
#: ``_parallel_asyncio``); 100 cost the crawling process ~10 % of its CPU. Our callbacks yield
#: a few requests, or one site's items at once through CPU-bound pipelines: 8 is plenty.
CONCURRENT_ITEMS = 8
DNS_TIMEOUT = 20
#: ``*.localhost`` names resolve to loopback (RFC 6761); the demo web relies on it. The same
#: resolver refuses private answers (SSRF guard, below) on the address the connection uses.
TWISTED_DNS_RESOLVER = "clustercrawl.fetch.resolver.LocalhostAwareResolver"

# --- SSRF guard (clustercrawl/fetch/ssrf.py) ------------------------------------------------------
#: Requests to private, loopback, link-local, unique-local, multicast, reserved, unspecified
#: and cloud-metadata addresses are refused (after DNS resolution and after redirects) with a
#: ``ForbiddenAddress`` error naming the URL, counted in the stat ``clustercrawl/ssrf_refused``.
#: True lifts the guard entirely (metadata addresses included): only for trusted registries.
CLUSTERCRAWL_ALLOW_PRIVATE_NETWORKS = False
#: Host-name patterns (fnmatch, e.g. ``*.localhost``, ``intranet.example.org``) that may resolve
#: to private addresses. IP literals never match a pattern, and cloud-metadata addresses stay
#: refused. The demo web and the tests set ``["*.localhost"]``; on the command line:
#: ``-s CLUSTERCRAWL_ALLOWED_PRIVATE_HOSTS=*.localhost,intranet.example.org``.
CLUSTERCRAWL_ALLOWED_PRIVATE_HOSTS: list[str] = []

# --- downloader middlewares -----------------------------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    # SSRF guard for IP-literal hosts (names: the resolver); before robots.txt (100) so no
    # robots.txt is fetched from a refused address.
    "clustercrawl.fetch.ssrf.SSRFGuardMiddleware": 60,
    # while the run drains (SIGTERM, Ctrl-C, the run deadline) no request leaves
    "clustercrawl.shutdown.DrainMiddleware": 50,
    # robots.txt answered from the crawl state for a day (RFC 9309 allows 24 h of caching)
    "clustercrawl.fetch.robotscache.RobotsTxtCacheMiddleware": 80,
    # Scrapy's robots.txt middleware, keeping a bounded number of parsers (memory flat in
    # the number of sites)
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "clustercrawl.fetch.robotscache.BoundedRobotsTxtMiddleware": 100,
    # Turns the resolver's refusals into ForbiddenAddress errors naming the URL; above
    # RetryMiddleware (550) so a refusal is never retried.
    "clustercrawl.fetch.ssrf.SSRFRefusalMiddleware": 560,
    # A body cut off (shorter than its Content-Length, a gzip stream without its end) is asked
    # for once more, then kept with a warning; before decompression (590) sees it.
    "clustercrawl.fetch.truncation.TruncationMiddleware": 595,
    # Charset repair of mis-declared windows-1250 / iso-8859-2 HTML: after decompression (590),
    # before anything decodes the body (MetaRefresh 580, the spider).
    "clustercrawl.fetch.charset.CharsetRepairMiddleware": 585,
}

# --- discovery budgets (per site; registry overrides win) ----------------------------------------
#: Pages fetched by the last-resort link following.
CLUSTERCRAWL_PAGE_BUDGET = 150
#: Pages walked per listing section (pagination) and per event calendar.
CLUSTERCRAWL_MAX_LISTING_PAGES = 60
#: Event calendars ("next month" forever) are walked over a window of months around today,
#: with a hard cap on pages per site.
CLUSTERCRAWL_MAX_CALENDAR_PAGES = 200
CLUSTERCRAWL_CALENDAR_YEARS_BACK = 15
CLUSTERCRAWL_CALENDAR_MONTHS_AHEAD = 24
#: WordPress REST API page size and page cap.
CLUSTERCRAWL_WP_PER_PAGE = 100
CLUSTERCRAWL_WP_MAX_PAGES = 100
#: Child sitemaps followed per site.
CLUSTERCRAWL_MAX_SITEMAPS = 50
#: Posts fetched per site (0 = no cap).
CLUSTERCRAWL_MAX_POSTS_PER_SITE = 0
#: Re-crawls of a WordPress site ask first for the posts' index (ids and modification dates,
#: most recently modified first), this many per page; an unchanged site costs one request.
CLUSTERCRAWL_WP_INDEX_PER_PAGE = 20

# --- no site can hold a run (clustercrawl/spiders/budget.py) ------------------------------------
#: Requests per site and run, every channel included; a bigger site is finished over the next
#: runs (registry ``overrides: {max_requests: N}`` for one that needs more). 0 = none.
CLUSTERCRAWL_SITE_MAX_REQUESTS = 5000
#: Wall time per site and run (seconds, or "90m", "4h"); registry ``overrides.max_time``.
CLUSTERCRAWL_SITE_MAX_TIME = "2h"
#: A channel of a site (sitemap, feed, listing...) is stopped after this many of its post
#: candidates in a row failed (404/410/5xx, timeouts) or were not posts ...
CLUSTERCRAWL_BREAKER_RUN = 30
#: ... or when more than BREAKER_RATIO of its last BREAKER_WINDOW candidates did.
CLUSTERCRAWL_BREAKER_WINDOW = 100
CLUSTERCRAWL_BREAKER_RATIO = 0.8
#: Post pages of one site scheduled at once (more wait in the site's own queue).
CLUSTERCRAWL_SITE_POSTS_IN_FLIGHT = 4
#: Sites open at once (the next start as others finish; never two of one registered domain
#: together): memory grows with this, not with the registry. 0 = every site at start.
CLUSTERCRAWL_SITES_OPEN = 200
#: robots.txt parsers kept in memory (the oldest let go; the crawl state keeps the files).
CLUSTERCRAWL_ROBOTS_PARSERS_KEPT = 2000
# Scrapy's duplicate filter, a site's fingerprints dropped when the site finishes
DUPEFILTER_CLASS = "clustercrawl.spiders.dupefilter.SiteDupeFilter"
#: The whole run stops gracefully after this long (seconds, or "90m", "6h"; 0 = no
#: deadline): no new request, sites flushed, outputs and manifest written (finish_reason
#: "deadline"). Unfinished sites go on next run.
CLUSTERCRAWL_RUN_DEADLINE = 0
#: After SIGTERM/Ctrl-C (or the deadline) the run drains; past this many seconds it finishes
#: its outputs without waiting for requests still in flight. A second signal stops at once.
CLUSTERCRAWL_SHUTDOWN_GRACE = 10

# --- re-crawls -----------------------------------------------------------------------------------
#: The crawl state (SQLite); default ``<CLUSTERCRAWL_OUTPUT_DIR>/state/state.sqlite`` (the story
#: and event groups beside it, ``groups.sqlite``); "off" = kept in memory for this run only.
CLUSTERCRAWL_STATE_PATH = None
#: A site crawled less than this many days ago is re-crawled from its stored endpoints with
#: conditional requests; older, it is rediscovered from its homepage (which also finds posts
#: removed from sites whose channels cannot tell).
CLUSTERCRAWL_FULL_EVERY_DAYS = 7.0
#: On a re-crawl, stop walking a listing (newest first) at this many consecutive known posts.
CLUSTERCRAWL_KNOWN_STOP = 3
#: On an incremental run, posts published in the last RECENT_DAYS and not fetched for
#: AFTER_HOURS are asked again (conditionally) to catch edits that no channel reports.
CLUSTERCRAWL_RECHECK_RECENT_DAYS = 30.0
CLUSTERCRAWL_RECHECK_AFTER_HOURS = 20.0
#: Share of sites that may regress (had posts, now empty/blocked/error…) before the run's
#: health verdict fails (exit status 3 from ./crawl).
CLUSTERCRAWL_MAX_REGRESSED = 0.1

# --- extraction -----------------------------------------------------------------------------------
#: Extraction (trafilatura, dates, structured data) is CPU-bound; with >0 it runs in that many
#: worker processes beside the crawling process, so a 2-core machine uses both cores.
CLUSTERCRAWL_EXTRACT_PROCESSES = 2

# --- output ---------------------------------------------------------------------------------------
#: Where results land (layout in clustercrawl/runfiles.py): ``runs/<run>/posts.jsonl`` (new and
#: updated posts, through FEEDS), ``runs/<run>/manifest.json``, ``posts.jsonl`` (cumulative),
#: ``rejected-<run>.jsonl`` (items that failed validation, with the reasons), ``state/``.
#: ``<run>`` is the UTC start time. The spider sets FEEDS from it unless FEEDS is given.
CLUSTERCRAWL_OUTPUT_DIR = "output"
FEED_EXPORT_ENCODING = "utf-8"
#: ``-o posts.csv``: nested fields as JSON in their cell (clustercrawl/export/csvfeed.py).
FEED_EXPORTERS = {"csv": "clustercrawl.export.csvfeed.JsonCellCsvItemExporter"}

ITEM_PIPELINES = {
    "clustercrawl.pipelines.NormalizePipeline": 100,
    "clustercrawl.pipelines.ValidatePipeline": 200,
    "clustercrawl.pipelines.DedupePipeline": 300,
    "clustercrawl.pipelines.StatePipeline": 400,
}
#: Feed files are written as ``<name>.part`` and renamed when complete: never a torn line.
FEED_STORAGES = {
    "": "clustercrawl.runfiles.AtomicFileFeedStorage",
    "file": "clustercrawl.runfiles.AtomicFileFeedStorage",
}
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,
    "clustercrawl.fetch.throttle.CrawlDelayAutoThrottle": 0,
    # the crawl state and group stores, reached by every component (clustercrawl/state)
    "clustercrawl.state.CrawlStateExtension": -100,
    # feeds (-o/-O/FEEDS) receive the run's posts at its end, with story and event ids
    "scrapy.extensions.feedexport.FeedExporter": None,
    "clustercrawl.export.feeds.RunFeedExporter": 0,
    "clustercrawl.extensions.RunFinalizeExtension": 500,
    # the run deadline, SIGTERM and Ctrl-C: drain, flush, finish the outputs
    "clustercrawl.shutdown.DrainExtension": 600,
    # sites done / total, posts so far, time left (clustercrawl/progress.py)
    "clustercrawl.progress.ProgressLog": 0,
}
#: Seconds between two progress lines (0 = none).
CLUSTERCRAWL_PROGRESS_INTERVAL = 10.0
#: ``@site ID [KIND]`` in callback docstrings, for ``scrapy check`` (clustercrawl/contracts.py).
SPIDER_CONTRACTS = {"clustercrawl.contracts.SiteContract": 10}
#: ``scrapy crawl`` exits with the run's health verdict (clustercrawl/commands/crawl.py).
COMMANDS_MODULE = "clustercrawl.commands"

# --- distributed crawling (clustercrawl/distributed; README "Distributed crawling") ---------------
#: Always listed; it does nothing unless CLUSTERCRAWL_REDIS_URL is set.
ADDONS = {"clustercrawl.distributed.DistributedAddon": 0}
#: ``redis://:PASSWORD@HOST:6379/0`` switches a ``scrapy crawl clusters`` into a worker: sites
#: from the run's queue in Redis, crawl state and dedupe groups in Redis. Read from the
#: environment too, so the password need not appear on a command line. None = one process.
CLUSTERCRAWL_REDIS_URL = os.environ.get("CLUSTERCRAWL_REDIS_URL") or None
#: The run a worker takes sites from (``clustercrawl seed --run NAME``).
CLUSTERCRAWL_REDIS_RUN = os.environ.get("CLUSTERCRAWL_REDIS_RUN") or "default"
#: Prefix of every key; one Redis database can hold several independent crawls.
CLUSTERCRAWL_REDIS_PREFIX = "clustercrawl"
#: A taken unit (a registered domain's sites) is leased this long and renewed by the worker's
#: heartbeat every third of it; a worker killed mid-site loses its lease after this time and
#: another worker crawls the unit again.
CLUSTERCRAWL_REDIS_LEASE_SECONDS = 60.0
#: A unit whose worker was lost this many times is given up (reported in the manifest).
CLUSTERCRAWL_REDIS_MAX_ATTEMPTS = 3
#: Units a worker crawls at once, at most (and never more than its fair share of the run:
#: unfinished units / live workers). With politeness delays a site yields about a page a
#: second, so a worker needs many sites in flight to keep its cores busy; and a long site
#: (paged listings, calendars: fetched one page after another) taken late becomes the run's
#: tail. Taking generously costs only memory (one process crawls the whole registry at once).
CLUSTERCRAWL_REDIS_SITES_IN_FLIGHT = 128
#: The last worker to finish writes the merged run and cumulative files into its own
#: CLUSTERCRAWL_OUTPUT_DIR (``clustercrawl finalize`` does the same anywhere, any time).
CLUSTERCRAWL_REDIS_FINALIZE = True
#: Safety: a Redis URL without a password, or on a public address, is refused unless these
#: are set (whoever can write to that Redis steers the crawl and writes the dataset).
CLUSTERCRAWL_REDIS_ALLOW_NO_PASSWORD = False
CLUSTERCRAWL_REDIS_ALLOW_PUBLIC = False
#: Factories for the site source, the crawl state store and the story/event group store
#: (``module.function``, called with the crawler); set by the add-on in distributed mode.
#: None = the registry and SQLite.
CLUSTERCRAWL_SITE_SOURCE = None
CLUSTERCRAWL_STATE_STORE = None
CLUSTERCRAWL_GROUP_STORE = None

LOG_LEVEL = "INFO"
