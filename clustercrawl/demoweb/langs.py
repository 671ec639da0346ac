"""Language registry: code -> `Lang`."""

from __future__ import annotations

from . import lang_cs, lang_de, lang_en, lang_es, lang_fr, lang_it, lang_pl
from .lang_base import Lang

LANGS: dict[str, Lang] = {
    m.LANG.code: m.LANG for m in (lang_pl, lang_de, lang_fr, lang_es, lang_it, lang_cs, lang_en)
}

#: Order used to cycle languages for generated extra sites.
LANG_ORDER: tuple[str, ...] = ("pl", "de", "fr", "es", "it", "cs", "en")
