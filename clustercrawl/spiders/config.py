"""The spider's budgets and bounds, read once from the settings (see settings.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clustercrawl.registry import SiteOverrides


@dataclass(frozen=True, slots=True)
class CrawlLimits:
    page_budget: int
    max_listing_pages: int
    max_calendar_pages: int
    calendar_window: tuple[int, int]  # month indexes (year * 12 + month - 1), inclusive
    wp_per_page: int
    wp_max_pages: int
    wp_index_per_page: int
    max_sitemaps: int
    max_posts: int
    max_crawl_delay: float
    extract_processes: int

    @classmethod
    def from_settings(cls, s: Any, max_posts: int | None = None) -> CrawlLimits:
        today = datetime.now(UTC).date()
        now_index = today.year * 12 + today.month - 1
        return cls(
            page_budget=s.getint("CLUSTERCRAWL_PAGE_BUDGET"),
            max_listing_pages=s.getint("CLUSTERCRAWL_MAX_LISTING_PAGES"),
            max_calendar_pages=s.getint("CLUSTERCRAWL_MAX_CALENDAR_PAGES"),
            calendar_window=(
                now_index - 12 * s.getint("CLUSTERCRAWL_CALENDAR_YEARS_BACK"),
                now_index + s.getint("CLUSTERCRAWL_CALENDAR_MONTHS_AHEAD"),
            ),
            wp_per_page=s.getint("CLUSTERCRAWL_WP_PER_PAGE"),
            wp_max_pages=s.getint("CLUSTERCRAWL_WP_MAX_PAGES"),
            wp_index_per_page=s.getint("CLUSTERCRAWL_WP_INDEX_PER_PAGE"),
            max_sitemaps=s.getint("CLUSTERCRAWL_MAX_SITEMAPS"),
            max_posts=max_posts or s.getint("CLUSTERCRAWL_MAX_POSTS_PER_SITE"),
            max_crawl_delay=s.getfloat("CLUSTERCRAWL_MAX_CRAWL_DELAY"),
            extract_processes=s.getint("CLUSTERCRAWL_EXTRACT_PROCESSES"),
        )

    def for_site(self, overrides: SiteOverrides) -> CrawlLimits:
        """These limits with a site's registry overrides applied (a big site's budgets)."""
        if overrides.page_budget is None and overrides.max_listing_pages is None:
            return self
        return replace(
            self,
            page_budget=self.page_budget if overrides.page_budget is None
            else overrides.page_budget,
            max_listing_pages=self.max_listing_pages if overrides.max_listing_pages is None
            else overrides.max_listing_pages,
        )
