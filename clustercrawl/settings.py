"""Scrapy settings for clustercrawl.

Defaults are chosen for hundreds of small cluster-organisation sites on shared hosting:
polite (robots.txt, two requests per host, AutoThrottle, ~1 s between requests to a host),
bounded (30 s timeouts, 16 MiB responses) and honest about who is asking.
Every project-specific setting is prefixed ``CLUSTERCRAWL_`` and documented in README.md.
"""

from __future__ import annotations

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
#: Robots.txt Crawl-delay (seconds) is honoured up to this bound; Scrapy ignores it by itself.
CLUSTERCRAWL_MAX_CRAWL_DELAY = 30.0

# --- bounds ---------------------------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 10
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
DNS_TIMEOUT = 20
#: ``*.localhost`` names resolve to loopback (RFC 6761); the demo web relies on it.
TWISTED_DNS_RESOLVER = "clustercrawl.fetch.resolver.LocalhostAwareResolver"

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

# --- extraction -----------------------------------------------------------------------------------
#: Extraction (trafilatura, dates, structured data) is CPU-bound; with >0 it runs in that many
#: worker processes beside the crawling process, so a 2-core machine uses both cores.
CLUSTERCRAWL_EXTRACT_PROCESSES = 2

# --- output ---------------------------------------------------------------------------------------
#: Where a run's files land: ``posts-<run>.jsonl`` (the posts, through FEEDS),
#: ``rejected-<run>.jsonl`` (items that failed validation, with the reason) and
#: ``run-<run>.json`` (per-site channels and counts). ``<run>`` is the UTC start time.
#: The spider sets FEEDS from it unless FEEDS is given (``-o``/``-O``/``-s FEEDS=...``).
CLUSTERCRAWL_OUTPUT_DIR = "output"
FEED_EXPORT_ENCODING = "utf-8"

ITEM_PIPELINES = {
    "clustercrawl.pipelines.NormalizePipeline": 100,
    "clustercrawl.pipelines.ValidatePipeline": 200,
    "clustercrawl.pipelines.DedupePipeline": 300,
}
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,
    "clustercrawl.fetch.throttle.CrawlDelayAutoThrottle": 0,
    "clustercrawl.extensions.RunReportExtension": 500,
}

LOG_LEVEL = "INFO"
