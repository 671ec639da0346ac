"""The post's language: declared tags first, the text when they are missing or clearly wrong.

Multilingual WordPress sites often serve every translation with the default ``lang``
("en-US" on a Polish post), so a confident text guess on enough text overrides the tag.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from py3langid.langid import MODEL_FILE, LanguageIdentifier

__all__ = ["detect_language", "guess_text_language", "primary_tag"]

_TAG = re.compile(r"^[a-z]{2,3}$")
MIN_TEXT = 200  # characters of text below which guesses are noise
OVERRIDE_TEXT = 400
OVERRIDE_PROB = 0.97
SAMPLE_CHARS = 700  # enough for a confident guess; langid cost grows with length


def primary_tag(tag: str | None) -> str | None:
    """BCP-47 primary language subtag, lowercased ("pl-PL" -> "pl", "de_AT" -> "de")."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary if _TAG.match(primary) else None


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid with normalised probabilities; loaded once (~0.4 s), then read-only."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def guess_text_language(text: str) -> tuple[str | None, float]:
    """(language, probability) of a text, (None, 0) when it is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(sample) < MIN_TEXT:
        return None, 0.0
    lang, prob = _identifier().classify(sample)
    return str(lang), float(prob)


def detect_language(
    declared: list[str | None],
    hint: str | None,
    site: str | None,
    text: str,
    fast: bool = True,
) -> tuple[str | None, list[str]]:
    """Pick the language; return it with warnings (e.g. ``language_tag_overridden``).
    ``fast=False`` guesses from the text even where the guess cannot count (for tests)."""
    warnings: list[str] = []
    tag = next((p for p in (primary_tag(d) for d in declared) if p), None)
    hinted = primary_tag(hint)
    site_lang = primary_tag(site)
    if fast and tag and len(text) < OVERRIDE_TEXT:
        return tag, warnings  # too short to override the tag: no guess needed
    guess, prob = guess_text_language(text)
    strong = guess is not None and prob >= OVERRIDE_PROB and len(text) >= OVERRIDE_TEXT
    if tag:
        if strong and guess != tag:
            warnings.append("language_tag_overridden")
            return guess, warnings
        return tag, warnings
    if hinted:
        return (guess if strong and guess != hinted else hinted), warnings
    if guess is not None and prob >= 0.6:
        return guess, warnings
    return site_lang or guess, warnings
