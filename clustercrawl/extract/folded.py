"""Case-insensitive word tables run fast: a pattern run case-sensitively over the
lowercased text, its alternation grouped so that the regex engine tries few alternatives
per position, and the same matches as the plain pattern (split from vocab.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from re import _constants as _sre  # type: ignore[attr-defined]
from re import _parser as _sre_parse  # type: ignore[attr-defined]
from typing import Any

__all__ = ["UNFOLDABLE", "FoldedPattern", "fold", "grouped_alternation", "required_literals",
           "same_fold"]

_UNSEEN = object()


class FoldedPattern:
    """A case-insensitive pattern run as a case-sensitive one over the lowercased text:
    2-3 times faster (``re.IGNORECASE`` defeats the engine's literal scans), and these
    tables run over every post body. Matches index the lowercased text; when lowercasing
    changes the length (a rare "İ"), the case-insensitive pattern is used instead."""

    __slots__ = ("_found", "_has", "_rare", "_rare_words", "folded", "lite", "pattern")

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
        self._has: dict[str, bool] = {}
        #: see :meth:`of_fragments`: the pattern without its costly fragments, and each of
        #: those with the strings one of which every match of it holds
        self.lite: re.Pattern[str] | None = None
        self._rare: tuple[tuple[frozenset[str], re.Pattern[str]], ...] = ()
        self._rare_words: tuple[str, ...] = ()  # all of their words

    @classmethod
    def of_fragments(cls, fragments: Sequence[str], head: str, tail: str) -> FoldedPattern:
        """``head(?:f1|f2|…)tail`` (lowercase fragments), run without the fragments that
        cannot match the text at hand.

        A fragment led by ``\\w*`` ("\\w*konferenz\\w*": German compounds) is tried at every
        word start, once per letter of the word: such fragments make a pattern 5-7 times
        slower, yet each needs a word ("konferenz") that most texts lack. A fragment that
        cannot match anywhere in a text changes nothing in an alternation (it fails wherever
        it is tried), so a text holding none of their words is scanned by :attr:`lite`, the
        pattern without them, with the very matches of the whole one."""
        self = cls(head + "(?:" + "|".join(fragments) + ")" + tail,
                   head + "(?:" + grouped_alternation(list(fragments)) + ")" + tail)
        rare: list[tuple[frozenset[str], re.Pattern[str]]] = []
        kept: list[str] = []
        for fragment in fragments:
            words = required_literals(fragment)
            if words and _word_led(fragment):
                rare.append((words, re.compile(head + "(?:" + fragment + ")" + tail)))
            else:
                kept.append(fragment)
        if rare:
            self.lite = re.compile(head + "(?:" + grouped_alternation(kept) + ")" + tail)
            self._rare = tuple(rare)
            self._rare_words = tuple(sorted({w for words, _ in rare for w in words}))
        return self

    def _pick(self, text: str) -> tuple[re.Pattern[str], str]:
        low = text.lower()
        if not same_fold(text, low):
            return self.pattern, text
        if self.lite is not None and not any(map(low.__contains__, self._rare_words)):
            return self.lite, low
        return self.folded, low

    def match(self, text: str) -> re.Match[str] | None:
        """``pattern.match(text)``, offsets as in :meth:`search`."""
        rx, subject = self._pick(text)
        return rx.match(subject)

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

    def found(self, text: str) -> bool:
        """Whether the pattern matches somewhere in text (``search(text) is not None``):
        the whole pattern matches at a place exactly when one of its fragments does, so
        :attr:`lite` runs first and each costly fragment only over a text holding its
        word."""
        has = self._has.get(text)
        if has is not None:
            return has
        low = text.lower()
        if self.lite is None or not same_fold(text, low):
            has = self.search(text) is not None
        else:
            has = self.lite.search(low) is not None or (
                any(map(low.__contains__, self._rare_words)) and any(
                    rx.search(low) is not None for words, rx in self._rare
                    if any(map(low.__contains__, words))))
        if len(text) <= self.CACHED_CHARS:
            if len(self._has) >= self.CACHED_TEXTS:
                self._has.clear()
            self._has[text] = has
        return has

    def findall(self, text: str) -> list[Any]:
        rx, subject = self._pick(text)
        return rx.findall(subject)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        rx, subject = self._pick(text)
        return rx.finditer(subject)

    def sub(self, repl: str, text: str) -> str:
        """``pattern.sub(repl, text)`` for a plain ``repl`` (no backslash): the text between
        matches kept as written."""
        rx, subject = self._pick(text)
        if subject is text:
            return rx.sub(repl, text)
        out: list[str] = []
        pos = 0
        for m in rx.finditer(subject):
            out += (text[pos : m.start()], repl)
            pos = m.end()
        if not out:
            return text
        out.append(text[pos:])
        return "".join(out)

    def blank(self, text: str) -> str:
        """The text with every match replaced by spaces (same length, offsets kept)."""
        rx, subject = self._pick(text)
        return rx.sub(lambda m: " " * len(m.group(0)), subject) if rx.search(subject) else text


#: characters ``re.IGNORECASE`` matches with an ASCII letter while lower() keeps them apart:
#: dotless "ı" (i) and long "ſ" (s); "İ" lowercases to two characters, caught by the length
UNFOLDABLE = ("\u0131", "\u017f")


def same_fold(text: str, low: str) -> bool:
    """Whether a case-sensitive scan of ``low`` (``text.lower()``) with lowercase patterns
    matches where the case-insensitive one matches in text: lowercasing kept every offset,
    and the text holds no character of :data:`UNFOLDABLE`. The one test every folded scan
    (here, in boilerplate, dates and daterange) relies on."""
    return len(low) == len(text) and (
        low.isascii() or not any(ch in low for ch in UNFOLDABLE))


def fold(text: str) -> str | None:
    """The lowercased text when :func:`same_fold` holds, else None."""
    low = text.lower()
    return low if same_fold(text, low) else None


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


def required_literals(fragment: str) -> frozenset[str] | None:
    """Strings one of which every match of the regex fragment holds ("\\w*konferenz\\w*":
    {"konferenz"}; "(?:a|b)c": {"c"}), or None when no such string is known."""
    try:
        parsed = _sre_parse.parse(fragment)
    except re.error:
        return None
    return _required(parsed)


def _word_led(fragment: str) -> bool:
    """Whether the fragment opens (after its lookarounds) with an optional repeat such as
    ``\\w*``: tried at every word start and through the word, the costly kind."""
    try:
        items = list(_sre_parse.parse(fragment))
    except re.error:
        return False
    for op, av in items:
        if op in (_sre.ASSERT, _sre.ASSERT_NOT):
            continue
        return op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] == 0
    return False


def _required(items: Any) -> frozenset[str] | None:
    """The best (longest shortest string) requirement of a parsed sequence: every element
    of a sequence must match, so any one element's requirement is the sequence's."""
    best: frozenset[str] | None = None

    def consider(words: frozenset[str] | None) -> None:
        nonlocal best
        if words and all(words) and (best is None or min(map(len, words)) > min(
                map(len, best))):
            best = words

    run: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        consider(frozenset({"".join(run)}) if run else None)
        run = []
        if op is _sre.SUBPATTERN:
            if av[1] or av[2]:
                return None  # flags set inside ("(?i:…)"): letters may match other case
            consider(_required(av[3]))
        elif op is _sre.BRANCH:
            sets = [_required(branch) for branch in av[1]]
            if all(sets):
                consider(frozenset().union(*sets))  # type: ignore[arg-type]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            consider(_required(av[2]))
    consider(frozenset({"".join(run)}) if run else None)
    return best
