"""The run's verdict (clustercrawl.finalize.health_of): a run where no site answered fails."""

from __future__ import annotations

from typing import Any

from clustercrawl.finalize import EXIT_NO_SITE_ANSWERED, EXIT_OK, EXIT_REGRESSED, health_of


def site(sid: str, status: str, regressed: bool = False) -> Any:
    return {"site_id": sid, "status": status, "regressed": regressed}


def test_no_site_answered_is_a_failed_run() -> None:
    health = health_of([site("a", "unreachable"), site("b", "error")], 0.1)
    assert health["exit_status"] == EXIT_NO_SITE_ANSWERED
    assert health.get("reason", "").startswith("no site answered: all 2 site(s)")


def test_one_answer_is_enough_and_regressions_keep_their_status() -> None:
    assert health_of([site("a", "unreachable"), site("b", "empty")], 0.1)["exit_status"] == EXIT_OK
    assert "reason" not in health_of([site("a", "ok")], 0.1)
    both = health_of([site("a", "unreachable", regressed=True), site("b", "unreachable")], 0.1)
    assert both["exit_status"] == EXIT_REGRESSED
    assert "no site answered" in both.get("reason", "") and "1 of 2 site(s) regressed" in both.get(
        "reason", "")
    assert health_of([], 0.1)["exit_status"] == EXIT_OK
