"""The JSONL contract: the committed JSON Schema and a validator for it."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).parent / "data" / "post.schema.json"


@cache
def post_validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validation_errors(item: dict[str, Any]) -> list[str]:
    """Human-readable reasons why ``item`` breaks the contract ([] when it is valid)."""
    errors = sorted(post_validator().iter_errors(item), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '<item>'}: {e.message}" for e in errors]
