"""Event cities (English exonym + the local form as written) and attendance/status markers.

Polish, Czech and Slovak inflect city names ("w Brukseli", "v Praze"), so a gazetteer lookup
of the raw token fails; this table lists the forms seen in cluster posts per city. Add a
city by adding a row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "CITIES",
    "Place",
    "attendance_of",
    "city_near",
    "find_cities",
    "lookup_city",
    "status_of",
]

#: English name -> (ISO country, local and inflected forms)
CITIES: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "Brussels": ("BE", ("Brussels", "Bruksela", "Brukseli", "Bruksel", "Brüssel", "Bruxelles",
                        "Bruselas", "Brusel", "Bruselu", "Brussel", "Bruxelas", "Brusselse")),
    "Warsaw": ("PL", ("Warsaw", "Warszawa", "Warszawie", "Warszawy", "Warszawę", "Varšava",
                      "Varšavě", "Varšave", "Warschau", "Varsovie", "Varsovia", "Varsavia")),
    "Prague": ("CZ", ("Prague", "Praha", "Praze", "Prahy", "Prag", "Praga", "Pradze", "Prahe")),
    "Vienna": ("AT", ("Vienna", "Wien", "Wiedeń", "Wiedniu", "Vídeň", "Vídni", "Viedeň",
                      "Viedni", "Vienne", "Viena")),
    "Berlin": ("DE", ("Berlin", "Berlinie", "Berlína", "Berlíně", "Berlín", "Berlino")),
    "Munich": ("DE", ("Munich", "München", "Monachium", "Monachiu", "Mnichov",
                      "Mnichově", "Mníchov", "Múnich", "Monaco di Baviera")),
    "Cologne": ("DE", ("Cologne", "Köln", "Kolonia", "Kolonii", "Kolín nad Rýnem", "Colonia")),
    "Paris": ("FR", ("Paris", "Paryż", "Paryżu", "Paříž", "Paříži", "París", "Parigi")),
    "Lyon": ("FR", ("Lyon", "Lyonie", "Lione", "Lyonu")),
    "Madrid": ("ES", ("Madrid", "Madrycie", "Madryt", "Madridu", "Madride")),
    "Barcelona": ("ES", ("Barcelona", "Barcelonie", "Barceloně", "Barcelone", "Barcellona")),
    "Rome": ("IT", ("Rome", "Rzym", "Rzymie", "Řím", "Římě", "Rím", "Ríme", "Roma", "Rom")),
    "Milan": ("IT", ("Milan", "Mediolan", "Mediolanie", "Milán", "Miláně", "Milano", "Mailand")),
    "Turin": ("IT", ("Turin", "Turyn", "Turynie", "Turín", "Turíně", "Torino")),
    "Bratislava": ("SK", ("Bratislava", "Bratysława", "Bratysławie", "Bratislavě",
                          "Bratislave", "Pressburg")),
    "Brno": ("CZ", ("Brno", "Brně", "Brnie", "Brünn")),
    "Kraków": ("PL", ("Kraków", "Krakowie", "Krakow", "Krakau", "Krakov", "Krakově",
                      "Cracovie", "Cracovia", "Cracow")),
    "Gdańsk": ("PL", ("Gdańsk", "Gdańsku", "Gdansk", "Danzig", "Gdaňsk")),
    "Wrocław": ("PL", ("Wrocław", "Wrocławiu", "Wroclaw", "Breslau", "Vratislav")),
    "Poznań": ("PL", ("Poznań", "Poznaniu", "Poznan", "Posen")),
    "Łódź": ("PL", ("Łódź", "Łodzi", "Lodz")),
    "Katowice": ("PL", ("Katowice", "Katowicach", "Kattowitz", "Katovice")),
    "Lublin": ("PL", ("Lublin", "Lublinie")),
    "Bydgoszcz": ("PL", ("Bydgoszcz", "Bydgoszczy")),
    "Szczecin": ("PL", ("Szczecin", "Szczecinie", "Stettin")),
    "Rzeszów": ("PL", ("Rzeszów", "Rzeszowie")),
    "Ostrava": ("CZ", ("Ostrava", "Ostravě", "Ostrawa", "Ostrawie")),
    "Budapest": ("HU", ("Budapest", "Budapeszt", "Budapeszcie", "Budapešť", "Budapešti")),
    "Bucharest": ("RO", ("Bucharest", "București", "Bucuresti", "Bukareszt", "Bukareszcie",
                         "Bukarest", "Bukurešť", "Bucarest")),
    "Zagreb": ("HR", ("Zagreb", "Zagrzeb", "Zagrzebiu", "Zagrebu", "Záhřeb", "Zagabria")),
    "Ljubljana": ("SI", ("Ljubljana", "Lublana", "Lublanie", "Lublaň", "Ljubljani", "Laibach")),
    "Copenhagen": ("DK", ("Copenhagen", "København", "Kopenhaga", "Kopenhadze", "Kodaň",
                          "Kopenhagen", "Copenhague", "Copenaghen")),
    "Stockholm": ("SE", ("Stockholm", "Sztokholm", "Sztokholmie", "Stockholmu", "Estocolmo",
                         "Stoccolma")),
    "Helsinki": ("FI", ("Helsinki", "Helsinkach", "Helsinkách", "Helsingfors")),
    "Tallinn": ("EE", ("Tallinn", "Tallinie", "Tallinnu", "Tallin")),
    "Riga": ("LV", ("Riga", "Rīga", "Ryga", "Rydze")),
    "Vilnius": ("LT", ("Vilnius", "Wilno", "Wilnie", "Vilniusu", "Vilna")),
    "Lisbon": ("PT", ("Lisbon", "Lisboa", "Lizbona", "Lizbonie", "Lisabon", "Lisabonu",
                      "Lissabon", "Lisbonne")),
    "Porto": ("PT", ("Porto", "Oporto")),
    "Amsterdam": ("NL", ("Amsterdam", "Amsterdamie", "Amsterdamu", "Ámsterdam")),
    "Rotterdam": ("NL", ("Rotterdam", "Rotterdamie")),
    "Luxembourg": ("LU", ("Luxembourg", "Luksemburg", "Luksemburgu", "Lucemburk",
                          "Lucemburku", "Luxemburg", "Luxemburgo", "Lussemburgo")),
    "Strasbourg": ("FR", ("Strasbourg", "Strasburg", "Strasburgu", "Štrasburk", "Straßburg",
                          "Estrasburgo", "Strasburgo")),
    "Dresden": ("DE", ("Dresden", "Drezno", "Dreźnie", "Drážďany", "Drážďanech", "Dresde")),
    "Leipzig": ("DE", ("Leipzig", "Lipsk", "Lipsku", "Lipsko", "Leipzigu")),
    "Hamburg": ("DE", ("Hamburg", "Hamburgu", "Hamburk", "Hamburku", "Hambourg", "Hamburgo",
                       "Amburgo")),
    "Frankfurt": ("DE", ("Frankfurt", "Frankfurcie", "Frankfurtu", "Francfort", "Fráncfort",
                         "Francoforte")),
    "Stuttgart": ("DE", ("Stuttgart", "Stuttgarcie", "Stuttgartu", "Stoccarda")),
    "Düsseldorf": ("DE", ("Düsseldorf", "Dusseldorf", "Düsseldorfie", "Düsseldorfu")),
    "Hannover": ("DE", ("Hannover", "Hanower", "Hanowerze", "Hanover", "Hanovre", "Hannoveru")),
    "Nuremberg": ("DE", ("Nuremberg", "Nürnberg", "Norymberga", "Norymberdze", "Norimberk",
                         "Núremberg", "Norimberga")),
    "Bilbao": ("ES", ("Bilbao", "Bilbo")),
    "Valencia": ("ES", ("Valencia", "València", "Walencja", "Walencji", "Valencie")),
    "Seville": ("ES", ("Seville", "Sevilla", "Sewilla", "Sewilli", "Séville", "Siviglia")),
    "Bologna": ("IT", ("Bologna", "Bolonia", "Bolonii", "Boloňa", "Bologne", "Bolonha")),
    "Naples": ("IT", ("Naples", "Napoli", "Neapol", "Neapolu", "Neapel", "Nápoles")),
    "Florence": ("IT", ("Florence", "Firenze", "Florencja", "Florencji", "Florencie",
                        "Florenz", "Florencia")),
    "Toulouse": ("FR", ("Toulouse", "Tuluza", "Tuluzie", "Tolosa")),
    "Marseille": ("FR", ("Marseille", "Marsylia", "Marsylii", "Marseilles", "Marsella",
                         "Marsiglia")),
    "Lille": ("FR", ("Lille",)),
    "Linz": ("AT", ("Linz", "Linzu", "Linec")),
    "Graz": ("AT", ("Graz", "Grazu", "Štýrský Hradec")),
    "Salzburg": ("AT", ("Salzburg", "Salzburgu", "Salcburk", "Salisburgo")),
    "Eindhoven": ("NL", ("Eindhoven",)),
    "Dublin": ("IE", ("Dublin", "Dublinie", "Dublinu", "Dublín", "Dublino")),
    "Athens": ("GR", ("Athens", "Ateny", "Atenach", "Athény", "Athen", "Athènes", "Atenas",
                      "Atene")),
    "Sofia": ("BG", ("Sofia", "Sofii", "Sofía")),
    "Košice": ("SK", ("Košice", "Koszyce", "Koszycach", "Košiciach", "Kaschau")),
    "Bordeaux": ("FR", ("Bordeaux", "Burdeos")),
    "Nantes": ("FR", ("Nantes",)),
    "Grenoble": ("FR", ("Grenoble",)),
}

_FORMS: dict[str, str] = {}
for _english, (_country, _forms) in CITIES.items():
    for _form in (_english, *_forms):
        _FORMS.setdefault(_form.casefold(), _english)

_CITY_RX = re.compile(
    r"(?<![^\W\d_])("
    + "|".join(re.escape(f) for f in sorted(_FORMS, key=len, reverse=True))
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)
_PREPOSITION = re.compile(
    r"(?:\b(?:w|we|v|ve|in|im|à|a|en|au|na|nel|nella|di|de|do|to|at|aus|en)\s+)$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Place:
    """A city as normalised and as written."""

    city: str
    city_local: str
    country: str
    span: tuple[int, int]


def find_cities(text: str) -> list[Place]:
    """Known cities in text, in order; a bare "Porto"/"Roma" needs a capital letter."""
    places = []
    for m in _CITY_RX.finditer(text):
        form = m.group(1)
        if not form[0].isupper():
            continue
        english = _FORMS[form.casefold()]
        places.append(Place(english, form, CITIES[english][0], m.span()))
    return places


def lookup_city(name: str) -> tuple[str, str] | None:
    """(English name, country) of a city name in any listed form, e.g. from JSON-LD."""
    english = _FORMS.get(name.strip().casefold())
    return (english, CITIES[english][0]) if english else None


def city_near(text: str, span: tuple[int, int], window: int = 160) -> Place | None:
    """The city closest to a span (a date), preferring one introduced by a preposition."""
    lo, hi = max(0, span[0] - window), min(len(text), span[1] + window)
    best: tuple[int, Place] | None = None
    for place in find_cities(text[lo:hi]):
        start = place.span[0] + lo
        distance = span[0] - start if start < span[0] else start - span[1]
        prep = _PREPOSITION.search(text[max(0, start - 6) : start]) is not None
        score = abs(distance) - (60 if prep else 0)
        shifted = Place(place.city, place.city_local, place.country,
                        (start, place.span[1] + lo))
        if best is None or score < best[0]:
            best = (score, shifted)
    return best[1] if best else None


_ONLINE = re.compile(
    r"\b(?:webinar\w*|webinari\w*|online|on-line|on line|zdalnie|zdaln\w+|virtuell\w*|virtual\w*|"
    r"digital(?:e|es)?\s+(?:veranstaltung|event|konferenz)|en ligne|distanciel|à distance|"
    r"en línea|a distanza|in streaming|livestream\w*|live-stream\w*|ms teams|microsoft teams|"
    r"zoom|google meet|webex|clickmeeting|gotowebinar)\b",
    re.IGNORECASE,
)
_HYBRID = re.compile(
    r"\b(?:hybryd\w*|hybrid\w*|hybride|ibrid[oa]|híbrid[oa]|hybridn\w*|"
    r"stacjonarnie\s+(?:i|oraz|lub)\s+online|online\s+(?:i|oraz|lub|und|et|y|e|and|or)\s+"
    r"(?:stacjonarn\w*|vor ort|en présentiel|presencial|in presenza|prezenčn\w*|on site|"
    r"in person))\b",
    re.IGNORECASE,
)
_CANCELLED = re.compile(
    r"\b(?:odwołan\w*|abgesagt|annulé\w*|cancelad[oa]s?|annullat[oa]|zrušen\w*|cancell?ed)\b",
    re.IGNORECASE,
)
_POSTPONED = re.compile(
    r"\b(?:przełożon\w*|przesunięt\w*|verschoben|reporté\w*|aplazad[oa]s?|pospost\w*|"
    r"rinviat[oa]|posticipat[oa]|odložen\w*|přesunut\w*|postponed)\b",
    re.IGNORECASE,
)


def attendance_of(context: str, has_city: bool) -> str:
    """offline/online/hybrid/unknown from markers in the text around the event."""
    if _HYBRID.search(context):
        return "hybrid"
    if _ONLINE.search(context):
        return "online" if not has_city else "hybrid" if _strong_online(context) else "offline"
    return "offline" if has_city else "unknown"


def _strong_online(context: str) -> bool:
    return re.search(r"\b(?:transmisj\w*|stream\w*|übertrag\w*|retransmis\w*|diretta)\b",
                     context, re.IGNORECASE) is not None


def status_of(context: str) -> str:
    """cancelled/postponed when the text says so near the event, else scheduled."""
    if _CANCELLED.search(context):
        return "cancelled"
    if _POSTPONED.search(context):
        return "postponed"
    return "scheduled"
