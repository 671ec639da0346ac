"""The scheduled-crawl GitHub Actions workflow: triggers, state restored before the crawl and
saved after it, artifacts uploaded whatever happened, bounded time, minimal permissions."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / \
    "scheduled-crawl.yml"
STATE_PATHS = {"output/state/"}
#: (lowest, highest) value of each cron field: minute hour day-of-month month day-of-week
CRON_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 6))


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    jobs = workflow["jobs"]
    assert len(jobs) == 1
    return list(next(iter(jobs.values()))["steps"])


def _cron_field_ok(field: str, low: int, high: int) -> bool:
    for part in field.split(","):
        m = re.fullmatch(r"(\*|\d+(?:-\d+)?)(?:/(\d+))?", part)
        if not m:
            return False
        base, step = m.groups()
        if step is not None and int(step) < 1:
            return False
        if base != "*":
            bounds = [int(x) for x in base.split("-")]
            if not all(low <= b <= high for b in bounds) or bounds != sorted(bounds):
                return False
    return True


def valid_cron(expr: str) -> bool:
    fields = expr.split()
    return len(fields) == 5 and all(
        _cron_field_ok(f, lo, hi) for f, (lo, hi) in zip(fields, CRON_RANGES, strict=True))


def test_cron_validator() -> None:
    assert valid_cron("37 4 * * *") and valid_cron("*/15 0-6 1,15 * 1-5")
    assert not valid_cron("60 4 * * *") and not valid_cron("0 4 * *")
    assert not valid_cron("0 24 * * *") and not valid_cron("0 4 * * 1-9")


def test_triggers(workflow: dict[Any, Any]) -> None:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert isinstance(on, dict)
    assert set(on) == {"schedule", "workflow_dispatch"}
    crons = [entry["cron"] for entry in on["schedule"]]
    assert crons and all(valid_cron(c) for c in crons), crons


def _uses(step: dict[str, Any], action: str) -> bool:
    return str(step.get("uses", "")).split("@")[0] == action


def _index(steps: list[dict[str, Any]], pred: Any) -> int:
    found = [i for i, s in enumerate(steps) if pred(s)]
    assert len(found) == 1, found
    return found[0]


def _paths(step: dict[str, Any]) -> set[str]:
    return {line.strip() for line in str(step["with"]["path"]).splitlines() if line.strip()}


def test_state_restored_before_crawl_and_saved_after(steps: list[dict[str, Any]]) -> None:
    checkout = _index(steps, lambda s: _uses(s, "actions/checkout"))
    python = _index(steps, lambda s: _uses(s, "actions/setup-python"))
    assert str(steps[python]["with"]["python-version"]) == "3.11"
    restore = _index(steps, lambda s: _uses(s, "actions/cache/restore") or
                     _uses(s, "actions/cache"))
    crawl = _index(steps, lambda s: re.search(r"(^|\s)\./crawl\b", str(s.get("run", ""))))
    save = _index(steps, lambda s: _uses(s, "actions/cache/save"))
    assert checkout < python < crawl and checkout < restore < crawl < save
    for step in (steps[restore], steps[save]):
        assert _paths(step) == STATE_PATHS
    # a new key per run, restored from the newest earlier one
    key = str(steps[restore]["with"]["key"])
    assert "github.run_id" in key and key == str(steps[save]["with"]["key"])
    prefixes = str(steps[restore]["with"]["restore-keys"]).split()
    assert prefixes and all(key.startswith(p) for p in prefixes)
    assert "always()" in str(steps[save].get("if", ""))
    assert "--real" in steps[crawl]["run"]
    assert "continue-on-error" not in steps[crawl]  # its exit status fails the job


def test_uploads_after_the_crawl_even_on_failure(steps: list[dict[str, Any]]) -> None:
    crawl = _index(steps, lambda s: re.search(r"(^|\s)\./crawl\b", str(s.get("run", ""))))
    uploads = [i for i, s in enumerate(steps) if _uses(s, "actions/upload-artifact")]
    assert len(uploads) >= 2
    uploaded: set[str] = set()
    for i in uploads:
        assert i > crawl
        assert "always()" in str(steps[i].get("if", "")), steps[i]["name"]
        uploaded |= _paths(steps[i])
    assert {"output/posts.jsonl", "output/events.ics"} <= uploaded
    run_folder = [p for p in uploaded if "steps.run.outputs.dir" in p]
    assert run_folder  # output/runs/<run>/, found by the step below
    finder = next(s for s in steps if s.get("id") == "run")
    assert "output/runs/" in finder["run"] and "always()" in str(finder.get("if", ""))


def test_regressions_fail_visibly(steps: list[dict[str, Any]]) -> None:
    text = "\n".join(str(s.get("run", "")) for s in steps)
    assert "::error" in text and "GITHUB_STEP_SUMMARY" in text


def test_limits_and_permissions(workflow: dict[Any, Any]) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    job = next(iter(workflow["jobs"].values()))
    assert 0 < int(job["timeout-minutes"]) <= 360
    assert "permissions" not in job or job["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] is False
