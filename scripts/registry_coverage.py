#!/usr/bin/env python3
"""Print the registry's coverage per country as a Markdown table (the one in README.md).

Usage: python scripts/registry_coverage.py [--registry YAML] [--update-readme]

``--update-readme`` replaces the table between the ``registry-coverage`` markers of
README.md; ``tests/test_registry_coverage.py`` fails when README.md and the registry differ.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clustercrawl.registry import Site, load_registry  # noqa: E402 - after the path setup

README = ROOT / "README.md"
START = "<!-- registry-coverage:start (python scripts/registry_coverage.py --update-readme) -->"
END = "<!-- registry-coverage:end -->"
_SPECIAL = {"EU": "European networks and platforms", "INT": "International networks"}


def country_name(code: str) -> str:
    if code in _SPECIAL:
        return _SPECIAL[code]
    found = pycountry.countries.get(alpha_2=code)
    return str(getattr(found, "common_name", None) or found.name) if found else code


def table(sites: list[Site]) -> str:
    by_country: dict[str, list[Site]] = {}
    for site in sites:
        by_country.setdefault(site.country, []).append(site)
    order = sorted(by_country, key=lambda c: (c in _SPECIAL, -len(by_country[c]), c))
    lines = [
        "| Country | Organisations | Languages | Types | Verified online |",
        "| --- | ---: | --- | --- | ---: |",
    ]
    for code in order:
        group = by_country[code]
        langs = Counter(lang for s in group for lang in s.languages)
        types = Counter(s.type for s in group)
        crawled = sum(1 for s in group if s.verified == "crawled")
        lines.append(
            f"| {country_name(code)} ({code}) | {len(group)} | "
            f"{', '.join(lang for lang, _ in langs.most_common())} | "
            f"{', '.join(f'{t} {n}' for t, n in sorted(types.items(), key=lambda x: -x[1]))} | "
            f"{crawled} |"
        )
    countries = [c for c in by_country if c not in _SPECIAL]
    lines.append(
        f"| **Total: {len(countries)} countries** | **{len(sites)}** | | | "
        f"**{sum(1 for s in sites if s.verified == 'crawled')}** |"
    )
    return "\n".join(lines) + "\n"


def readme_block(text: str) -> str | None:
    """The table currently between the markers of README.md, or None."""
    if START not in text or END not in text:
        return None
    return text.split(START, 1)[1].split(END, 1)[0].strip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--registry", default=None, help="registry file (default: the bundled one)")
    ap.add_argument("--update-readme", action="store_true")
    args = ap.parse_args(argv)
    loaded = load_registry(args.registry)
    if loaded.errors:
        for err in loaded.errors:
            print(f"error: {err}", file=sys.stderr)
        return 1
    out = table(loaded.sites)
    if not args.update_readme:
        sys.stdout.write(out)
        return 0
    text = README.read_text(encoding="utf-8")
    if readme_block(text) is None:
        print(f"{README}: no {START!r} … {END!r} markers", file=sys.stderr)
        return 1
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    README.write_text(f"{head}{START}\n{out}{END}{tail}", encoding="utf-8")
    print(f"{README}: coverage table updated ({len(loaded.sites)} sites)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
