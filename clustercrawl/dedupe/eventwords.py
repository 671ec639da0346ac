"""Multilingual event-name vocabulary: words that name the same concept in pl/de/en/es/fr/it/cs.

Event names are compared without a translation service: "Europejska Konferencja Klastrów",
"Europäische Clusterkonferenz" and "Conferencia Europea de Clústeres" all map to the concepts
{EUROPE, CLUSTER, CONFERENCE}. Words are matched after case folding and accent stripping
(see :func:`fold`). ``prefix`` stems also cover inflected forms (konferencji, Klastrów);
``infix`` stems also find German compounds (Clusterkonferenz, Wasserstoffgipfel).
Add a word by adding it to a row.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

__all__ = ["CONCEPTS", "DURATIONS", "DURATION_WORDS", "GENERIC", "QUANTITY_WORDS", "TITLE_WORDS",
           "TOPIC", "TYPE", "Concept", "concepts_of", "fold"]

TYPE: Final = "type"  # what kind of event: conference, forum, fair...
TOPIC: Final = "topic"  # what it is about: clusters, hydrogen, health...
GENERIC: Final = "generic"  # says little: European, international, annual...


@dataclass(frozen=True, slots=True)
class Concept:
    """One language-independent concept and the word forms that express it."""

    name: str
    kind: str
    exact: frozenset[str] = frozenset()
    prefix: tuple[str, ...] = ()
    infix: tuple[str, ...] = ()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _c(name: str, kind: str, exact: str = "", prefix: str = "", infix: str = "") -> Concept:
    return Concept(name, kind, frozenset(exact.split()), tuple(prefix.split()),
                   tuple(infix.split()))


CONCEPTS: tuple[Concept, ...] = (
    # --- event types
    _c("conference", TYPE, exact="convegno convegni", prefix="conferen konferen",
       infix="konferenz konferencj tagung"),
    _c("congress", TYPE, prefix="congres kongres", infix="kongress"),
    _c("forum", TYPE, exact="foro foros", prefix="forum", infix="forum"),
    _c("summit", TYPE, exact="szczyt szczycie gipfel sommet cumbre vertice samit",
       prefix="summit", infix="gipfel"),
    _c("days", TYPE, exact="day days dni dnia dny tag tage tagen journee journees jornada "
       "jornadas giornata giornate", infix="tage"),
    _c("week", TYPE, exact="week tydzien tygodnia tyden tydne woche semaine semana settimana",
       infix="woche"),
    _c("fair", TYPE, exact="fair fairs targi targach targow targu messe salon salons feria "
       "ferias fiera fiere veletrh veletrhu veletrzich expo", infix="messe"),
    _c("workshop", TYPE, exact="atelier ateliers taller talleres dilna dilny",
       prefix="workshop warsztat"),
    _c("webinar", TYPE, prefix="webinar webinaire"),
    _c("seminar", TYPE, prefix="seminar seminair"),
    _c("meeting", TYPE, exact="meeting meetings spotkanie spotkania spotkaniu treffen rencontre "
       "rencontres encuentro encuentros incontro incontri setkani stretnutie stretnutia "
       "stretnuti reunion reuniones riunione riunioni posiedzenie roadshow", infix="treffen"),
    _c("matchmaking", TYPE, exact="b2b brokerage matchmaking kooperacyjna kooperacyjne",
       prefix="matchmak", infix="kooperationsbor"),
    _c("award", TYPE, exact="award awards nagroda nagrody nagrod preis preise prix premio "
       "premios premi gala", infix="preis"),
    _c("hackathon", TYPE, prefix="hackat"),
    _c("mission", TYPE, exact="mission missions misja misji mision misiones missione missioni "
       "mise"),
    _c("assembly", TYPE, exact="assembly assemblee asamblea assemblea zgromadzenie "
       "zgromadzenia hromada", infix="versammlung"),
    _c("training", TYPE, exact="training trainings szkolenie szkolenia schulung schulungen "
       "formation formacion formazione skoleni"),
    _c("infoday", TYPE, exact="infoday infodays info-day"),
    _c("festival", TYPE, prefix="festiwal festival"),
    # --- topics
    _c("cluster", TOPIC, prefix="cluster klast klastr", infix="cluster"),
    _c("hydrogen", TOPIC, exact="h2", prefix="hydrogen wodor wodoru wasserstoff hidrogen "
       "idrogen vodik", infix="wasserstoff"),
    _c("energy", TOPIC, prefix="energ", infix="energie"),
    _c("innovation", TOPIC, prefix="innova innowac inovac", infix="innovation"),
    _c("industry", TOPIC, prefix="indust przemysl prumysl", infix="industrie"),
    _c("digital", TOPIC, prefix="digital cyfrow numerique digitaln", infix="digital"),
    _c("ai", TOPIC, exact="ai ki ia", prefix="artificial sztuczn kunstlich intelligence "
       "inteligenc intelligenz"),
    _c("health", TOPIC, prefix="health zdrow gesundheit sante salud salute zdravot medtech "
       "medic", infix="gesundheit"),
    _c("mobility", TOPIC, prefix="mobil movilidad", infix="mobilitat"),
    _c("automotive", TOPIC, prefix="automotive motoryzac automobil automocion", infix="automobil"),
    _c("aerospace", TOPIC, prefix="aerospace aeronaut lotnic luftfahrt aerospaz letect",
       infix="luftfahrt"),
    _c("space", TOPIC, exact="space kosmos kosmiczny kosmiczna espace espacio spazio vesmir",
       prefix="raumfahrt", infix="raumfahrt"),
    _c("food", TOPIC, exact="food", prefix="agrifood agri-food zywnos lebensmittel alimenta "
       "agroalimenta potravin foodtech", infix="lebensmittel"),
    _c("circular", TOPIC, prefix="circular obieg kreislauf circulaire circolar obehov",
       infix="kreislauf"),
    _c("sustainability", TOPIC, prefix="sustainab zrownowaz nachhaltig sostenib udrzitel",
       infix="nachhaltig"),
    _c("textile", TOPIC, prefix="textil tekstyl tessil"),
    _c("wood", TOPIC, exact="wood drewno drewna holz bois madera legno drevo dreva",
       prefix="drzewn", infix="holz"),
    _c("ict", TOPIC, exact="ict tic"),
    _c("logistics", TOPIC, prefix="logist"),
    _c("maritime", TOPIC, exact="maritime morski morska morskie maritim maritimo marittimo",
       prefix="blue-econom"),
    _c("tourism", TOPIC, prefix="touris turyst turism", infix="tourismus"),
    _c("photonics", TOPIC, prefix="photon fotoni"),
    _c("chemistry", TOPIC, prefix="chemi chemic quimic", infix="chemie"),
    _c("construction", TOPIC, prefix="construct budownic bauwirtschaft stavebn"),
    _c("water", TOPIC, exact="water woda wody wasser eau agua acqua voda"),
    _c("bioeconomy", TOPIC, prefix="bioecon biogosp bioökon bioekon biooekon"),
    _c("skills", TOPIC, exact="skills kompetencje kompetenzen competences competencias "
       "competenze dovednosti"),
    _c("startup", TOPIC, prefix="startup start-up"),
    _c("smart", TOPIC, exact="smart inteligentna inteligentne intelligente"),
    # --- generic
    _c("online", GENERIC, exact="online"),  # how it is held, not what it is
    _c("europe", GENERIC, exact="eu ue", prefix="europ evrop", infix="europa"),
    _c("international", GENERIC, prefix="internation miedzynarod internacional internazional "
       "mezinarod"),
    _c("national", GENERIC, prefix="national nacional nazional narodow narodni ogolnopols"),
    _c("regional", GENERIC, prefix="region"),
    _c("annual", GENERIC, exact="annual doroczna doroczny coroczna jahrestagung annuel "
       "annuelle anual annuale vyrocni"),
    _c("global", GENERIC, prefix="global swiatow weltweit mondial mundial mondiale svetov"),
    _c("network", GENERIC, exact="network networking netzwerk reseau rete siec",
       infix="netzwerk"),
    _c("partnership", GENERIC, prefix="partner"),
)

#: Event types that are also lengths of time ("a few days left", "zwei Wochen")
DURATIONS: frozenset[str] = frozenset({"days", "week"})
#: Words of quantity before such a type make it a duration, in every language of the domain
QUANTITY_WORDS: frozenset[str] = _words(
    """
    few couple several many two three four five six seven eight nine ten
    wenige wenigen paar einige mehrere zwei drei vier funf
    kilka kilku kilkanascie dwa dwoch trzy trzech cztery piec
    quelques plusieurs deux trois quatre cinq
    pocos pocas unos unas varios varias dos tres cuatro cinco
    pochi poche alcuni alcune diversi due tre quattro cinque
    par nekolik nekolika dva dve tri ctyri pet
    """
)


#: Capitalised words that open or fill titles in every language: never a name.
TITLE_WORDS: frozenset[str] = _words(
    """
    the a an and or of for in on at to with from by our your new join us save date registration
    register now open call report recap review highlights invitation invite welcome live event
    events news program programme agenda day first second third next last edition this year
    person
    w we na z ze i o do dla od po za nasz nasza nasze zaproszenie zapraszamy relacja
    podsumowanie rejestracja wydarzenie
    der die das und fur im am zum zur von mit auf ein eine unser unsere einladung ruckblick
    anmeldung veranstaltung bericht
    le la les l de du des et en au aux pour sur avec un une notre nos retour inscription
    invitation bilan evenement
    el los las y del con para por un una nuestro nuestra inscripcion resumen invitacion evento
    il lo gli i e di da nel nella con per un una nostro nostra iscrizione resoconto invito
    a ve v s se na do pro od nas pozvanka registrace ohlednuti akce
    """
)


@functools.lru_cache(maxsize=1 << 16)  # a pure function of words that repeat: memo only
def fold(text: str) -> str:
    """Case-folded, accent-free form: "Klastrów" -> "klastrow", "Łódź" -> "lodz"."""
    text = text.casefold().translate(_EXTRA)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_EXTRA = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i"})

_EXACT: dict[str, Concept] = {}
for _concept in CONCEPTS:
    for _form in _concept.exact:
        _EXACT.setdefault(_form, _concept)
_PREFIXES: tuple[tuple[str, Concept], ...] = tuple(
    sorted(((p, c) for c in CONCEPTS for p in c.prefix), key=lambda pc: -len(pc[0]))
)
_INFIXES: tuple[tuple[str, Concept], ...] = tuple((i, c) for c in CONCEPTS for i in c.infix)
_CACHE: dict[str, tuple[Concept, ...]] = {}
_TYPE_FORMS: tuple[tuple[str, Concept], ...] = tuple(
    (form, c) for c in CONCEPTS if c.kind == TYPE for form in c.exact if len(form) >= 7)
_TYPE_STEMS: tuple[tuple[str, Concept], ...] = tuple(
    (stem, c) for c in CONCEPTS if c.kind == TYPE for stem in c.prefix if len(stem) >= 6)


def concepts_of(word: str) -> tuple[Concept, ...]:
    """Concepts a folded word expresses (several for a compound such as clusterkonferenz)."""
    cached = _CACHE.get(word)
    if cached is not None:
        return cached
    found: dict[str, Concept] = {}
    exact = _EXACT.get(word)
    if exact is not None:
        found[exact.name] = exact
    for stem, concept in _PREFIXES:
        if word.startswith(stem):
            found.setdefault(concept.name, concept)
            break
    if len(word) >= 8:
        for stem, concept in _INFIXES:
            if stem in word:
                found.setdefault(concept.name, concept)
    if not found and len(word) >= 7:
        typo = _typo_of(word)
        if typo is not None:
            found[typo.name] = typo
    result = tuple(found.values())
    if len(_CACHE) < 200_000:
        _CACHE[word] = result
    return result


def _one_edit(a: str, b: str) -> bool:
    """a and b differ by one letter left out, added, changed or two swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    # one edit at i leaves a[:i] equal, and the ends after it: the first half of the
    # shorter word, or its last half less two letters (most pairs fail both, cheaply)
    m = min(len(a), len(b))
    half, tail = m // 2, m - m // 2 - 2
    if a[:half] != b[:half] and tail > 0 and a[len(a) - tail:] != b[len(b) - tail:]:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        swapped = a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]
        return a[i + 1 :] == b[i + 1 :] or swapped
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1:] == shorter[i:]


def _typo_of(word: str) -> Concept | None:
    """The event type a long word misspells ("confernce", "congres"): titles are typed fast.

    Each new long word of a run is checked against every form and stem: those whose first
    two letters share none with the word's are skipped unchecked (one edit leaves the first
    letter, or moves the second to the first place or the first to the second)."""
    first, second = word[0], word[1]
    for form, concept, head in _TYPE_FORMS_HEADS:
        if first not in head and second not in head:
            continue
        if len(word) == len(form) and word[:-1] == form[:-1]:
            continue  # another last letter makes another word ("journey", not "journee")
        if _one_edit(word, form):
            return concept
    for stem, concept, head in _TYPE_STEMS_HEADS:  # "confernce": "conferen" with a slip
        if first not in head and second not in head:
            continue
        # the slice must end where the stem does, or any "congre…" word would pass
        if any(word[n - 1] == stem[-1] and _one_edit(word[:n], stem)
               for n in range(len(stem) - 1, min(len(word), len(stem) + 1) + 1)):
            return concept
    return None


_TYPE_FORMS_HEADS = tuple((form, c, form[:2]) for form, c in _TYPE_FORMS)
_TYPE_STEMS_HEADS = tuple((stem, c, stem[:2]) for stem, c in _TYPE_STEMS)


CONCEPT_BY_NAME: Mapping[str, Concept] = {c.name: c for c in CONCEPTS}
#: the exact word forms of the duration types: skipped as names when they are durations
DURATION_WORDS: frozenset[str] = frozenset(
    form for c in CONCEPTS if c.name in DURATIONS for form in c.exact)


#: Stems of nationality adjectives (folded), in the languages of the domain, and the country
#: they name: "Deutsch-Polnisches Clusterforum" and "Polsko-Niemieckie Forum Klastrów" are
#: one name, whatever the language and the order of the two countries.
_NATIONS: tuple[tuple[str, str], ...] = (
    ("deutsch", "DE"), ("german", "DE"), ("niemieck", "DE"), ("nemeck", "DE"),
    ("allemand", "DE"), ("tedesc", "DE"), ("aleman", "DE"), ("nemeck", "DE"),
    ("polnisch", "PL"), ("polish", "PL"), ("polsk", "PL"), ("polonais", "PL"),
    ("polacc", "PL"), ("polaco", "PL"),
    ("tschech", "CZ"), ("czech", "CZ"), ("czesk", "CZ"), ("cesk", "CZ"), ("tcheque", "CZ"),
    ("checo", "CZ"), ("ceco", "CZ"),
    ("slowak", "SK"), ("slovak", "SK"), ("slowack", "SK"), ("slovensk", "SK"),
    ("franzos", "FR"), ("french", "FR"), ("francusk", "FR"), ("franco", "FR"),
    ("francouzsk", "FR"), ("frances", "FR"),
    ("italien", "IT"), ("italian", "IT"), ("italo", "IT"), ("wlosk", "IT"), ("italsk", "IT"),
    ("spanisch", "ES"), ("spanish", "ES"), ("hiszpansk", "ES"), ("hispano", "ES"),
    ("spanelsk", "ES"), ("espagnol", "ES"), ("spagnol", "ES"),
    ("osterreich", "AT"), ("austria", "AT"), ("austriack", "AT"), ("rakousk", "AT"),
    ("ungarisch", "HU"), ("hungarian", "HU"), ("wegiersk", "HU"), ("madarsk", "HU"),
    ("niederland", "NL"), ("dutch", "NL"), ("holendersk", "NL"), ("nizozemsk", "NL"),
    ("sachsisch", "DE"), ("saksonsk", "DE"),
)


def nations_of(word: str) -> str | None:
    """``"DE+PL"`` for a hyphenated pair (or more) of nationality adjectives, else None."""
    parts = [p for p in fold(word).split("-") if p]
    if len(parts) < 2:
        return None
    codes = []
    for part in parts:
        code = next((c for stem, c in _NATIONS if part.startswith(stem)), None)
        if code is None:
            return None
        codes.append(code)
    unique = sorted(set(codes))
    return "+".join(unique) if len(unique) >= 2 else None
