"""Case-insensitive word tables run fast: a pattern run case-sensitively over the
lowercased text, its alternation grouped so that the regex engine tries few alternatives
per position, and the same matches as the plain pattern (split from vocab.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

__all__ = ["FoldedPattern", "grouped_alternation"]

_UNSEEN = object()


class FoldedPattern:
    """A case-insensitive pattern run as a case-sensitive one over the lowercased text:
    2-3 times faster (``re.IGNORECASE`` defeats the engine's literal scans), and these
    tables run over every post body. Matches index the lowercased text; when lowercasing
    changes the length (a rare "İ"), the case-insensitive pattern is used instead."""

    __slots__ = ("_found", "folded", "pattern")

    #: searches remembered per pattern: one post asks about the same title or sentence in
    #: several steps (event days, event, post type); short texts and a page's worth only
    #: (at most ~0.5 MB held per pattern)
    CACHED_CHARS, CACHED_TEXTS = 2000, 32

    def __init__(self, body: str, folded_body: str | None = None) -> None:
        """``folded_body``: the same pattern written for the case-sensitive run (see
        :func:`grouped_alternation`)."""
        self.folded = re.compile(folded_body or body)
        self.pattern = re.compile(body, re.IGNORECASE)
        self._found: dict[str, re.Match[str] | None] = {}

    def _pick(self, text: str) -> tuple[re.Pattern[str], str]:
        low = text.lower()
        return (self.folded, low) if len(low) == len(text) else (self.pattern, text)

    def search(self, text: str) -> re.Match[str] | None:
        found = self._found.get(text, _UNSEEN)
        if found is not _UNSEEN:
            return found  # type: ignore[return-value]
        rx, subject = self._pick(text)
        match = rx.search(subject)
        if len(text) <= self.CACHED_CHARS:
            if len(self._found) >= self.CACHED_TEXTS:
                self._found.clear()
            self._found[text] = match
        return match

    def findall(self, text: str) -> list[Any]:
        rx, subject = self._pick(text)
        return rx.findall(subject)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        rx, subject = self._pick(text)
        return rx.finditer(subject)

    def blank(self, text: str) -> str:
        """The text with every match replaced by spaces (same length, offsets kept)."""
        rx, subject = self._pick(text)
        return rx.sub(lambda m: " " * len(m.group(0)), subject) if rx.search(subject) else text


_QUANTIFIER_START = frozenset("*+?{")


def _literal_head(fragment: str) -> str | None:
    """The fragment's first character when it is a plain letter every match starts with
    (not quantified, no top-level ``|`` in the fragment), else None."""
    if not fragment or not fragment[0].isalpha() or (
            len(fragment) > 1 and fragment[1] in _QUANTIFIER_START):
        return None
    if any(ch == "|" and depth == 0 for _, ch, depth in _syntax(fragment)):
        return None
    return fragment[0]


def _has_capture(fragment: str) -> bool:
    """Whether the fragment has a capturing group (group numbers must not move)."""
    return re.compile(fragment).groups > 0


def grouped_alternation(fragments: list[str]) -> str:
    """The alternation of the fragments with consecutive letter-led fragments grouped by
    their first letter ("konferencj\\w*|kongres\\w*" -> "k(?:onferencj\\w*|ongres\\w*)").

    For case-sensitive matching only, where two fragments with different first letters
    never match at the same place: the engine then tries one group per position instead
    of every fragment, while the fragments that can match at a position are still tried
    in their original order (fragments not led by a letter are never moved past), so
    every match is the one the plain alternation finds. Consecutive "\\w*X\\w*"
    fragments share one "\\w*" ("\\w*(?:konferenz\\w*|kongress\\w*)"): each of them,
    where it matches, ends where the word ends, so which one matches first changes
    nothing, and the word is scanned once instead of once per fragment."""
    if any(_has_capture(f) for f in fragments):
        return "|".join(fragments)
    parts: list[str] = []
    run: dict[str, list[str]] = {}
    inner: list[str] = []  # consecutive "\w*X\w*" fragments, as "X\w*"

    def flush() -> None:
        for head, rests in run.items():
            parts.append(head + rests[0] if len(rests) == 1 else
                         head + "(?:" + "|".join(rests) + ")")
        run.clear()
        if len(inner) == 1:
            parts.append(_ANY_WORD + inner[0])
        elif inner:
            parts.append(_ANY_WORD + "(?:" + grouped_alternation(inner) + ")")
        inner.clear()

    for fragment in (f for frag in fragments for f in _expanded(frag)):
        infix = _word_infix(fragment)
        if infix is not None:
            if run:
                flush()
            inner.append(infix + _ANY_WORD)
            continue
        head = _literal_head(fragment)
        if inner or head is None:
            flush()
        if head is None:
            parts.append(fragment)
        else:
            run.setdefault(head, []).append(fragment[1:])
    flush()
    return "|".join(parts)


_ANY_WORD = r"\w*"


def _syntax(pattern: str) -> Iterator[tuple[int, str, int]]:
    """Each "(", ")" and "|" of the pattern that is neither escaped nor inside a character
    class: its index, the character and the group depth after it."""
    depth, i = 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 1
        elif ch == "[":
            i += 2 if pattern[i + 1 : i + 2] == "]" else 1  # "[]…]" starts with a "]"
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch in "()|":
            depth += (ch == "(") - (ch == ")")
            yield i, ch, depth
        i += 1


def _group_end(fragment: str) -> int:
    """Index of the ")" closing the group the fragment opens with, or -1."""
    return next((i for i, ch, depth in _syntax(fragment) if ch == ")" and depth == 0), -1)


def _top_level_split(body: str) -> list[str]:
    """The alternatives of a group's body (split at its top-level "|")."""
    cuts = [i for i, ch, depth in _syntax(body) if ch == "|" and depth == 0]
    return [body[lo + 1:hi] for lo, hi in zip([-1, *cuts], [*cuts, len(body)], strict=True)]


def _expanded(fragment: str) -> list[str]:
    """"(?:a|ont)\\s+accueilli" as "a\\s+accueilli", "ont\\s+accueilli": a leading
    non-capturing group tried alternative by alternative is the same as its alternatives
    each followed by the rest, in that order (so they can be grouped by first letter)."""
    if not fragment.startswith("(?:"):
        return [fragment]
    end = _group_end(fragment)
    rest = fragment[end + 1:]
    if end < 0 or (rest and rest[0] in _QUANTIFIER_START):
        return [fragment]
    return [alt + rest for alt in _top_level_split(fragment[3:end])]


def _word_infix(fragment: str) -> str | None:
    """X of a "\\w*X\\w*" fragment (a word containing X: every match of it, where it
    matches, ends where the word ends), else None."""
    if not (fragment.startswith(_ANY_WORD) and fragment.endswith(_ANY_WORD)):
        return None
    middle = fragment[len(_ANY_WORD):-len(_ANY_WORD)]
    trailing = len(middle) - len(middle.rstrip("\\"))
    if not middle or trailing % 2 or _literal_head("x" + middle) is None:
        return None  # an escaped backslash before "w*", or a top-level "|"
    return middle
