"""The declared dependencies are what the code imports: nothing missing, nothing unused."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: declared for another package's sake, not imported by name (see the comments in pyproject)
NOT_IMPORTED = {"lxml-html-clean"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return {_norm(re.split(r"[<>=!~ ;\[]", dep, maxsplit=1)[0])
            for dep in project["dependencies"]}


def _imported_top_levels() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "clustercrawl").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "clustercrawl"}


def test_every_import_is_declared_and_every_declaration_imported() -> None:
    dists = packages_distributions()
    declared = _declared()
    imported: set[str] = set()
    missing: set[str] = set()
    for mod in _imported_top_levels():
        names = {_norm(d) for d in dists.get(mod, [mod])}
        imported |= names
        if not names & declared:  # a namespace (ruamel) maps to several distributions
            missing.add(mod)
    assert missing == set(), "imported but not declared in pyproject.toml"
    assert declared - imported - NOT_IMPORTED == set(), "declared but never imported"
