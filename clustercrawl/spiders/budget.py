"""No site can hold a run: per-site budgets and a circuit breaker per site and channel.

A cluster site has hundreds to a few thousand posts. A site whose sitemap lists 50,000 URLs
that all answer 404, or a feed of thousands of failing links, must not keep a polite crawl
busy for a day: its channel is stopped after a run of failures, and every site has a request
budget and a time budget that apply to every channel. A legitimately large site still gets
all its posts, across runs: what one run did not fetch is still unknown to the next, which
fetches the next batch within its budget.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

from scrapy.settings import BaseSettings

#: outcomes the breaker counts as failures of a channel's candidates
FAILURE, NOT_POST, OK = "failure", "not_post", "ok"


def parse_duration(value: object, name: str) -> float:
    """Seconds from ``90``, ``"90"``, ``"90s"``, ``"15m"``, ``"4h"``, ``"1d"``; 0 = none."""
    if value in (None, "", 0, "0"):
        return 0.0
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", str(value).lower())
        if match is None:
            raise ValueError(f"{name}: {value!r} is not a duration (e.g. 3600, 90m, 4h)")
        unit = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]
        seconds = float(match.group(1)) * unit
    if seconds < 0:
        raise ValueError(f"{name}: {value!r} is negative")
    return seconds


@dataclass(frozen=True, slots=True)
class BudgetPolicy:
    """The budgets of every site (registry overrides may raise them for a big site)."""

    max_requests: int  # requests per site and run, every channel included (0 = none)
    max_seconds: float  # wall time per site and run (0 = none)
    breaker_run: int  # this many failed or non-post candidates in a row stop a channel
    breaker_window: int  # ... or, over the last this many candidates,
    breaker_ratio: float  # ... this share of failures (after a full window)
    posts_in_flight: int  # post requests of one site scheduled at once

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> BudgetPolicy:
        return cls(
            max_requests=settings.getint("CLUSTERCRAWL_SITE_MAX_REQUESTS"),
            max_seconds=parse_duration(settings.get("CLUSTERCRAWL_SITE_MAX_TIME"),
                                       "CLUSTERCRAWL_SITE_MAX_TIME"),
            breaker_run=settings.getint("CLUSTERCRAWL_BREAKER_RUN"),
            breaker_window=settings.getint("CLUSTERCRAWL_BREAKER_WINDOW"),
            breaker_ratio=settings.getfloat("CLUSTERCRAWL_BREAKER_RATIO"),
            posts_in_flight=max(1, settings.getint("CLUSTERCRAWL_SITE_POSTS_IN_FLIGHT")),
        )


#: The settings' defaults (settings.py), for a site state made outside a crawl (contracts,
#: tests); the spider gives each site the crawl's own policy.
DEFAULT_POLICY = BudgetPolicy(max_requests=5000, max_seconds=7200.0, breaker_run=30,
                              breaker_window=100, breaker_ratio=0.8, posts_in_flight=4)


@dataclass
class ChannelBreaker:
    """Per channel of one site: a run of failures, or a failure ratio over a window."""

    policy: BudgetPolicy
    in_a_row: dict[str, int] = field(default_factory=dict)
    recent: dict[str, deque[bool]] = field(default_factory=dict)
    last_failure: dict[str, str] = field(default_factory=dict)
    tripped: dict[str, str] = field(default_factory=dict)  # channel -> why

    def record(self, channel: str, outcome: str, detail: str = "") -> str | None:
        """Count one candidate's outcome; the reason when this trips the channel now."""
        if channel in self.tripped:
            return None
        failed = outcome != OK
        window = self.recent.setdefault(channel, deque(maxlen=max(1, self.policy.breaker_window)))
        window.append(failed)
        if failed:
            self.in_a_row[channel] = self.in_a_row.get(channel, 0) + 1
            self.last_failure[channel] = detail or outcome
        else:
            self.in_a_row[channel] = 0
        run = self.in_a_row[channel]
        reason = None
        if self.policy.breaker_run and run >= self.policy.breaker_run:
            reason = (f"channel {channel} stopped: {run} candidates in a row failed or were "
                      f"not posts (last: {self.last_failure[channel]})")
        elif (self.policy.breaker_window and len(window) == window.maxlen
              and sum(window) / len(window) > self.policy.breaker_ratio):
            reason = (f"channel {channel} stopped: {sum(window)} of the last {len(window)} "
                      f"candidates failed or were not posts (last: "
                      f"{self.last_failure.get(channel, outcome)})")
        if reason:
            self.tripped[channel] = reason
        return reason
