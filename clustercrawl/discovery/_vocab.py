"""Words of the local languages the heuristics need: section names, pager labels, months.

The words themselves are data, ``clustercrawl/data/words/<lang>.yaml`` (read by
:mod:`clustercrawl.words`), shared with the demo web; this module gives discovery the folded
sets it matches against. Adding a language is adding a file there.
"""

from __future__ import annotations

from clustercrawl.words import fold, folded, lang_words, languages, slug

__all__ = [
    "ARROWS",
    "BACK_TEXTS",
    "EVENTS_SLUGS",
    "EVENTS_TEXTS",
    "NEWS_SLUGS",
    "NEWS_TEXTS",
    "NEXT_TEXTS",
    "NOT_TITLES",
    "PAGE_SLUGS",
    "PREV_TEXTS",
    "READ_MORE",
    "READ_MORE_RAW",
    "SLUG_JOINERS",
    "fold",
    "words",
]


def words(text: str) -> frozenset[str]:
    """A word set from a whitespace-separated list (keeps long vocabularies compact)."""
    return frozenset(text.split())


def _slugs(names: str, slugs: str) -> frozenset[str]:
    """Slugs of section ``names`` (as a CMS makes them) and the URL-only ``slugs``."""
    made = {slug(w) for code in languages() for w in getattr(lang_words(code), names)}
    return frozenset(made) | folded(slugs)


#: URL slugs (folded) of news sections.
NEWS_SLUGS = _slugs("news", "news_slugs")
#: URL slugs (folded) of event sections.
EVENTS_SLUGS = _slugs("events", "events_slugs")
#: Words in section slugs that join two section words (``news-and-events``).
SLUG_JOINERS = folded("joiners")

#: Navigation texts (folded) naming a news section.
NEWS_TEXTS = folded("news")
#: Navigation texts (folded) naming an events section.
EVENTS_TEXTS = folded("events")

#: Slugs (folded) of the standing pages of an organisation site: never a post.
PAGE_SLUGS = folded("standing_pages")

#: Link texts (folded, arrows stripped) meaning "next/older page" of a listing.
NEXT_TEXTS = folded("next") | folded("older")
#: Link texts (folded) meaning "previous/newer page" (still a pager link).
PREV_TEXTS = folded("prev") | folded("newer")
#: Arrow-like link texts of pagers.
ARROWS = words("» › → > >> »» « ‹ ← < << «« ... …")

#: "Read more" link texts (folded): never a title.
READ_MORE = folded("read_more")
#: "Read more" link texts as pages print them, longest first (to cut them off teasers).
READ_MORE_RAW = tuple(sorted({w for code in languages() for w in lang_words(code).read_more},
                             key=lambda w: (-len(w), w)))
#: "Back (to the list)" link texts (folded): never a title.
BACK_TEXTS = folded("back")
#: Link texts that are never a post's title.
NOT_TITLES = READ_MORE | BACK_TEXTS
