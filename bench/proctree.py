"""A process tree's pids, resident memory and CPU time from Linux /proc, for the benchmarks.

One walk of /proc per sample serves both figures (the benchmarks sample every 0.25 s).
"""

from __future__ import annotations

import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def tree_stats(pid: int) -> dict[int, list[str]]:
    """The ``/proc/<pid>/stat`` fields (after the command name) of a process and all its
    descendants, by pid."""
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
            stats[int(stat.parent.name)] = fields
        except (OSError, IndexError, ValueError):
            continue
    out: dict[int, list[str]] = {}
    todo = [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        if p in stats:
            out[p] = stats[p]
    return out


def cpu_seconds(fields: list[str]) -> float:
    """User + system CPU seconds of one process from its stat fields."""
    return (int(fields[11]) + int(fields[12])) / TICK


def status_kib(pid: int, name: str, path: str = "status") -> int:
    """A ``kB`` field (``VmRSS:``, ``Pss:`` ...) of ``/proc/<pid>/<path>``; 0 once it ended."""
    try:
        for line in Path(f"/proc/{pid}/{path}").read_text().splitlines():
            if line.startswith(name):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def rss_kib(pid: int) -> int:
    return status_kib(pid, "VmRSS:")
