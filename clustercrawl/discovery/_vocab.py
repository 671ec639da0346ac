"""Words of the local languages the heuristics need: section names, pager labels, months.

Kept in one place so that adding a language is a one-file change.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def words(text: str) -> frozenset[str]:
    """A word set from a whitespace-separated list (keeps long vocabularies compact)."""
    return frozenset(text.split())


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Casefold and strip accents: ``Aktualności`` → ``aktualnosci``, ``Événements``…."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ß", "ss")


#: URL slugs (folded) of news sections.
NEWS_SLUGS = words(
    "aktualnosci aktualnosc wiadomosci informacje news blog aktuelles aktuell neuigkeiten "
    "nachrichten presse pressemitteilungen press press-releases newsroom actualites actualite "
    "actus actu noticias noticia actualidad novedades notizie news-ed-eventi novita aktuality "
    "aktualne novinky zpravy spravy nyheder nyheter vijesti novosti nieuws uutiset hirek "
    "stiri noutati naujienos jaunumi uudised noticies berichte meldungen komunikaty updates "
    "articles posts"
)
#: URL slugs (folded) of event sections.
EVENTS_SLUGS = words(
    "wydarzenia wydarzenie kalendarz kalendarium events event veranstaltungen termine "
    "kalender evenements agenda manifestations eventos agenda-eventos eventi calendario akce "
    "udalosti kalendar podujatia arrangementer evenemang evenementer dogadjanja dogadanja "
    "dogodki evenimente renginiai pasakumi uritused tapahtumat esemenyek calendar webinars "
    "webinary konferencje seminars"
)
#: Words in section slugs that join two section words (``news-and-events``).
SLUG_JOINERS = words("and i und et y e a og och en")

#: Navigation texts (folded) naming a news section.
NEWS_TEXTS = frozenset(
    {
        "aktualnosci",
        "wiadomosci",
        "news",
        "blog",
        "aktuelles",
        "neuigkeiten",
        "nachrichten",
        "presse",
        "pressemitteilungen",
        "press",
        "newsroom",
        "actualites",
        "actualite",
        "actus",
        "noticias",
        "actualidad",
        "novedades",
        "notizie",
        "novita",
        "aktuality",
        "novinky",
        "zpravy",
        "spravy",
        "nyheder",
        "nyheter",
        "vijesti",
        "novosti",
        "nieuws",
        "latest news",
        "press releases",
        "komunikaty",
        "informacje",
    }
)
#: Navigation texts (folded) naming an events section.
EVENTS_TEXTS = frozenset(
    {
        "wydarzenia",
        "kalendarz",
        "kalendarium",
        "events",
        "veranstaltungen",
        "termine",
        "kalender",
        "evenements",
        "agenda",
        "eventos",
        "eventi",
        "calendario",
        "akce",
        "udalosti",
        "kalendar",
        "podujatia",
        "arrangementer",
        "evenemang",
        "dogadanja",
        "calendar",
        "upcoming events",
        "webinars",
        "webinary",
    }
)

#: Slugs (folded) of the standing pages of an organisation site: never a post.
PAGE_SLUGS = words(
    "kontakt contact contacts contatti contatto contacto contactos kontakty impressum imprint "
    "imprenta datenschutz privacy privacy-policy polityka-prywatnosci informativa-privacy "
    "ochrana-osobnich-udaju mentions-legales politique-de-confidentialite aviso-legal "
    "cookies cookie-policy rodo gdpr o-nas about about-us ueber-uns uber-uns wir-uber-uns "
    "chi-siamo quienes-somos qui-sommes-nous a-propos o-klastru o-klastrze o-klastrze "
    "members mitglieder membres adherents soci socios czlonkowie clenove team zespol "
    "partner partners partnerzy partenaires partneri le-pole il-cluster el-cluster "
    "das-cluster der-cluster cluster klaster klastr regulamin statut satzung faq "
    "sitemap mapa-strony mapa-serwisu login home start startseite accueil inicio "
    "uvod strona-glowna struktura organizacja vorstand gremien governance board"
)

#: Link texts (folded, arrows stripped) meaning "next/older page" of a listing.
NEXT_TEXTS = frozenset(
    {
        "nastepna",
        "nastepne",
        "nastepna strona",
        "nastepne wpisy",
        "starsze wpisy",
        "starsze",
        "dalej",
        "weiter",
        "nachste",
        "nachste seite",
        "altere beitrage",
        "altere eintrage",
        "vorwarts",
        "suivant",
        "suivante",
        "page suivante",
        "articles plus anciens",
        "siguiente",
        "pagina siguiente",
        "entradas anteriores",
        "successivo",
        "successiva",
        "pagina successiva",
        "avanti",
        "articoli meno recenti",
        "dalsi",
        "starsi",
        "nasledujici",
        "starsi prispevky",
        "dalsi strana",
        "next",
        "next page",
        "older posts",
        "older entries",
        "older",
        "more posts",
        "previous entries",
        "volgende",
        "neste",
        "nasta",
        "naeste",
        "sljedeca",
        "sledeca",
    }
)
#: Link texts (folded) meaning "previous/newer page" (still a pager link).
PREV_TEXTS = frozenset(
    {
        "poprzednia",
        "poprzednie",
        "nowsze wpisy",
        "zuruck",
        "vorherige",
        "neuere beitrage",
        "precedent",
        "precedente",
        "anterior",
        "entradas siguientes",
        "predchozi",
        "novejsi",
        "previous",
        "prev",
        "newer posts",
        "newer entries",
        "previous page",
        "vorige",
    }
)
#: Arrow-like link texts of pagers.
ARROWS = words("» › → > >> »» « ‹ ← < << «« ... …")

#: "Read more" link texts (folded): never a title.
READ_MORE = frozenset(
    {
        "czytaj wiecej",
        "wiecej",
        "czytaj dalej",
        "zobacz wiecej",
        "weiterlesen",
        "mehr",
        "mehr lesen",
        "mehr erfahren",
        "lire la suite",
        "en savoir plus",
        "lire plus",
        "leer mas",
        "ver mas",
        "seguir leyendo",
        "leggi tutto",
        "leggi di piu",
        "continua",
        "vice",
        "cist dale",
        "vice informaci",
        "read more",
        "more",
        "learn more",
        "continue reading",
        "details",
        "szczegoly",
        "more info",
        "zobacz",
        "pokaz",
        "czytaj",
    }
)

#: Month names (folded) of the local languages, nominative and genitive, to month number.
MONTHS: dict[str, int] = {}
_MONTH_NAMES = {
    1: "january jan januar janner jan. janvier janv enero ene gennaio gen stycznia styczen sty "
    "ledna leden led januari tammikuuta siecnja sijecnja ianuarie",
    2: "february feb februar feber fevrier fevr fev febrero febbraio lutego luty lut unora unor "
    "februari veljace",
    3: "march mar marz mars marzo marca marzec brezna brezen maart ozujka martie",
    4: "april apr avril abril aprile kwietnia kwiecien kwi dubna duben travnja aprilie",
    5: "may mai mayo maggio mag maja maj kvetna kveten mei svibnja",
    6: "june jun juni juin junio giugno giu czerwca czerwiec cze cervna cerven lipnja iunie",
    7: "july jul juli juillet juil julio luglio lug lipca lipiec lip cervence cervenec srpnja "
    "iulie",
    8: "august aug aout agosto ago sierpnia sierpien sie srpna srpen augustus kolovoza",
    9: "september sep sept septembre septiembre settembre set wrzesnia wrzesien wrz zari "
    "rujna septembrie",
    10: "october oct oktober octobre oct. octubre ottobre ott pazdziernika pazdziernik paz "
    "rijna rijen okt",
    11: "november nov novembre noviembre novembre listopada listopad lis listopadu studenoga "
    "noiembrie",
    12: "december dec dezember decembre diciembre dic dicembre grudnia grudzien gru prosince "
    "prosinec prosinca decembrie",
}
for _num, _names in _MONTH_NAMES.items():
    for _name in _names.split():
        MONTHS.setdefault(_name.rstrip("."), _num)
