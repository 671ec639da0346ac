"""``-o posts.csv``: nested fields (``event``, ``published``, ``cluster``, lists) as JSON in
their cell, which spreadsheets and ``pandas`` can read back, instead of Python reprs."""

from __future__ import annotations

import json
from typing import Any

from scrapy.exporters import CsvItemExporter


class JsonCellCsvItemExporter(CsvItemExporter):
    def serialize_field(self, field: Any, name: str, value: Any) -> Any:
        if isinstance(value, dict | list | tuple):
            return json.dumps(value, ensure_ascii=False, sort_keys=False)
        if value is None:
            return ""
        return super().serialize_field(field, name, value)
