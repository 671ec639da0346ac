"""Exports for consumers beside the JSONL dumps: events (`events`), an iCalendar file
(`ical`)."""

from __future__ import annotations

from .events import EventEntry, Report, collect_events
from .ical import events_to_ical

__all__ = ["EventEntry", "Report", "collect_events", "events_to_ical"]
