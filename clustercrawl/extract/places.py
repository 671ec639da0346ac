"""Event cities (English exonym + the local form as written) and attendance/status markers.

Polish, Czech and Slovak inflect city names ("w Brukseli", "v Praze"), so a gazetteer lookup
of the raw token fails; this table lists the forms seen in cluster posts per city. Add a
city by adding a row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from clustercrawl.extract import gazetteer
from clustercrawl.extract.folded import FoldedPattern, grouped_alternation

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
    "Frankfurt": ("DE", ("Frankfurt am Main", "Frankfurt", "Frankfurcie nad Menem",
                         "Frankfurcie", "Frankfurtu", "Francfort", "Fráncfort", "Francoforte")),
    "Stuttgart": ("DE", ("Stuttgart", "Stuttgarcie", "Stuttgartu", "Stoccarda")),
    "Düsseldorf": ("DE", ("Düsseldorf", "Dusseldorf", "Düsseldorfie", "Düsseldorfu")),
    "Hanover": ("DE", ("Hanover", "Hannover", "Hanower", "Hanowerze", "Hanovre", "Hannoveru",
                       "Hannoveri")),
    "Nuremberg": ("DE", ("Nuremberg", "Nürnberg", "Norymberga", "Norymberdze", "Norimberk",
                         "Norimberku", "Núremberg", "Norimberga")),
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
    "Grenoble": ("FR", ("Grenoble", "Grenoblu")),
    # a science park that hosts many cluster events; its first word alone names Sofia
    "Sophia Antipolis": ("FR", ("Sophia Antipolis", "Sophia-Antipolis", "Sofia Antipolis")),
    # Czech, Slovak and Polish regional centres (inflected forms as written after v/ve/w/we)
    "Olomouc": ("CZ", ("Olomouc", "Olomouci", "Ołomuniec", "Ołomuńcu", "Olmütz")),
    "Plzeň": ("CZ", ("Plzeň", "Plzni", "Plzně", "Pilzno", "Pilźnie", "Pilsen")),
    "Zlín": ("CZ", ("Zlín", "Zlíně", "Zlína", "Zlin")),
    "Liberec": ("CZ", ("Liberec", "Liberci", "Liberca", "Reichenberg")),
    "Hradec Králové": ("CZ", ("Hradec Králové", "Hradci Králové", "Hradec Kralove")),
    "Pardubice": ("CZ", ("Pardubice", "Pardubicích", "Pardubicach")),
    "České Budějovice": ("CZ", ("České Budějovice", "Českých Budějovicích", "Budweis")),
    "Jihlava": ("CZ", ("Jihlava", "Jihlavě")),
    "Ústí nad Labem": ("CZ", ("Ústí nad Labem", "Ústí")),
    "Žilina": ("SK", ("Žilina", "Žiline", "Żylina", "Żylinie")),
    "Banská Bystrica": ("SK", ("Banská Bystrica", "Banskej Bystrici", "Bańska Bystrzyca")),
    "Nitra": ("SK", ("Nitra", "Nitre", "Nitrze")),
    "Prešov": ("SK", ("Prešov", "Prešove", "Preszów", "Preszowie")),
    "Trnava": ("SK", ("Trnava", "Trnave", "Tyrnawa")),
    "Trenčín": ("SK", ("Trenčín", "Trenčíne", "Trenczyn")),
    "Gdynia": ("PL", ("Gdynia", "Gdyni", "Gdyně", "Gdingen")),
    "Toruń": ("PL", ("Toruń", "Toruniu", "Torun")),
    "Olsztyn": ("PL", ("Olsztyn", "Olsztynie", "Allenstein")),
    "Białystok": ("PL", ("Białystok", "Białymstoku", "Bialystok")),
    "Kielce": ("PL", ("Kielce", "Kielcach")),
    "Opole": ("PL", ("Opole", "Opolu", "Oppeln")),
    "Zielona Góra": ("PL", ("Zielona Góra", "Zielonej Górze")),
    "Gliwice": ("PL", ("Gliwice", "Gliwicach", "Gleiwitz")),
    "Częstochowa": ("PL", ("Częstochowa", "Częstochowie")),
    "Koszalin": ("PL", ("Koszalin", "Koszalinie")),
    "Płock": ("PL", ("Płock", "Płocku")),
    # German, Austrian, Swiss and Benelux centres
    "Bremen": ("DE", ("Bremen", "Brema", "Bremie", "Brémy", "Brême")),
    "Dortmund": ("DE", ("Dortmund", "Dortmundzie", "Dortmundu")),
    "Bonn": ("DE", ("Bonn", "Bonnie", "Bonnu")),
    "Aachen": ("DE", ("Aachen", "Akwizgran", "Akwizgranie", "Cáchy", "Cáchách", "Aix-la-Chapelle",
                      "Aquisgrán", "Aquisgrana")),
    "Karlsruhe": ("DE", ("Karlsruhe",)),
    "Mannheim": ("DE", ("Mannheim", "Mannheimie", "Mannheimu")),
    "Freiburg": ("DE", ("Freiburg", "Fryburg", "Fryburgu", "Freiburgu", "Fribourg-en-Brisgau")),
    "Magdeburg": ("DE", ("Magdeburg", "Magdeburgu", "Magdeburk", "Magdeburku")),
    "Erfurt": ("DE", ("Erfurt", "Erfurcie", "Erfurtu")),
    "Rostock": ("DE", ("Rostock", "Rostocku", "Rostok")),
    "Kiel": ("DE", ("Kiel", "Kilonia", "Kilonii")),
    "Chemnitz": ("DE", ("Chemnitz", "Chemnitzu", "Saská Kamenice")),
    "Innsbruck": ("AT", ("Innsbruck", "Innsbrucku", "Inšpruk")),
    "Klagenfurt": ("AT", ("Klagenfurt", "Klagenfurcie", "Celovec")),
    "Zurich": ("CH", ("Zurich", "Zürich", "Zurych", "Zurychu", "Curych", "Curychu", "Zúrich",
                      "Zurigo")),
    "Geneva": ("CH", ("Geneva", "Genève", "Genewa", "Genewie", "Ženeva", "Ženevě", "Genf",
                      "Ginebra", "Ginevra")),
    "Basel": ("CH", ("Basel", "Bazylea", "Bazylei", "Basilej", "Basileji", "Bâle", "Basilea")),
    "Bern": ("CH", ("Bern", "Berno", "Bernie", "Berne", "Berna")),
    "Lausanne": ("CH", ("Lausanne", "Lozanna", "Lozannie", "Losana")),
    "Antwerp": ("BE", ("Antwerp", "Antwerpen", "Antwerpia", "Antwerpii", "Antverpy",
                       "Antverpách", "Anvers", "Amberes", "Anversa")),
    "Ghent": ("BE", ("Ghent", "Gent", "Gandawa", "Gandawie", "Gand", "Gante")),
    "Liège": ("BE", ("Liège", "Liege", "Lüttich", "Lieja", "Liegi")),
    "Utrecht": ("NL", ("Utrecht", "Utrechcie", "Utrechtu")),
    "The Hague": ("NL", ("The Hague", "Den Haag", "Haga", "Hadze", "Haag", "Haagu",
                         "La Haye", "La Haya", "L'Aia")),
    "Delft": ("NL", ("Delft", "Delfcie")),
    # Nordic and Baltic
    "Oslo": ("NO", ("Oslo", "Oslu")),
    "Gothenburg": ("SE", ("Gothenburg", "Göteborg", "Göteborgu", "Gotemburgo", "Göteborgs")),
    "Malmö": ("SE", ("Malmö", "Malmo")),
    "Aarhus": ("DK", ("Aarhus", "Århus", "Aarhusie")),
    "Tampere": ("FI", ("Tampere", "Tampereen")),
    "Oulu": ("FI", ("Oulu", "Oulun")),
    "Kaunas": ("LT", ("Kaunas", "Kowno", "Kownie")),
    "Tartu": ("EE", ("Tartu",)),
    # Southern Europe
    "Venice": ("IT", ("Venice", "Venezia", "Wenecja", "Wenecji", "Benátky", "Benátkách",
                      "Venedig", "Venise", "Venecia")),
    "Genoa": ("IT", ("Genoa", "Genova", "Genua", "Genui", "Janov", "Janově", "Gênes", "Génova")),
    "La Spezia": ("IT", ("La Spezia", "Spezia")),
    "Trieste": ("IT", ("Trieste", "Triest", "Triešť", "Terst")),
    "Padua": ("IT", ("Padua", "Padova", "Padwa", "Padwie", "Padoue")),
    "Verona": ("IT", ("Verona", "Weronie", "Werona", "Vérone")),
    "Bergamo": ("IT", ("Bergamo",)),
    "Brescia": ("IT", ("Brescia",)),
    "Bari": ("IT", ("Bari",)),
    "Palermo": ("IT", ("Palermo", "Palermie")),
    "Trento": ("IT", ("Trento", "Trydent", "Trydencie", "Trient")),
    "Málaga": ("ES", ("Málaga", "Malaga", "Maladze")),
    "Zaragoza": ("ES", ("Zaragoza", "Saragossa", "Saragossie", "Saragosse")),
    "Castellón de la Plana": ("ES", ("Castellón de la Plana", "Castellón", "Castelló")),
    "San Sebastián": ("ES", ("San Sebastián", "Donostia", "Saint-Sébastien")),
    "Pamplona": ("ES", ("Pamplona", "Pampelune")),
    "Vigo": ("ES", ("Vigo",)),
    "Murcia": ("ES", ("Murcia", "Murcji")),
    "Valladolid": ("ES", ("Valladolid",)),
    "Granada": ("ES", ("Granada", "Grenada", "Grenadzie", "Grenade")),
    "Palma": ("ES", ("Palma de Mallorca", "Palma")),
    "Coimbra": ("PT", ("Coimbra",)),
    "Thessaloniki": ("GR", ("Thessaloniki", "Saloniki", "Salonikach", "Soluň", "Thessalonique",
                            "Salónica", "Salonicco")),
    "Nicosia": ("CY", ("Nicosia", "Nikozja", "Nikozji", "Nikósie", "Nicosie")),
    "Valletta": ("MT", ("Valletta", "La Valette", "La Valeta")),
    "Montpellier": ("FR", ("Montpellier",)),
    "Rennes": ("FR", ("Rennes",)),
    "Saint-Étienne": ("FR", ("Saint-Étienne", "Saint-Etienne")),
    "Clermont-Ferrand": ("FR", ("Clermont-Ferrand",)),
    "Mulhouse": ("FR", ("Mulhouse", "Miluza")),
    # Central, South-East and outside the EU
    "Maribor": ("SI", ("Maribor", "Mariborze", "Marburg an der Drau")),
    "Rijeka": ("HR", ("Rijeka", "Rijece")),
    "Timișoara": ("RO", ("Timișoara", "Timisoara", "Temeszwar", "Temešvár", "Temeswar")),
    "Cluj-Napoca": ("RO", ("Cluj-Napoca", "Kluż-Napoka", "Kluż", "Klausenburg")),
    "Iași": ("RO", ("Iași", "Iasi")),
    "Brașov": ("RO", ("Brașov", "Brasov", "Braszów", "Kronstadt")),
    "Debrecen": ("HU", ("Debrecen", "Debreczyn", "Debreczynie")),
    "Szeged": ("HU", ("Szeged", "Segedyn", "Segedynie")),
    "Győr": ("HU", ("Győr", "Gyor")),
    "Plovdiv": ("BG", ("Plovdiv", "Płowdiw", "Płowdiwie")),
    "London": ("GB", ("London", "Londyn", "Londynie", "Londýn", "Londýně", "Londres", "Londra")),
    "Manchester": ("GB", ("Manchester", "Manchesterze", "Manchesteru")),
    "Edinburgh": ("GB", ("Edinburgh", "Edynburg", "Edynburgu", "Edimburgo", "Édimbourg")),
    "Belgrade": ("RS", ("Belgrade", "Beograd", "Belgrad", "Belgradzie", "Bělehrad",
                        "Bělehradě", "Belgrado")),
    "Sarajevo": ("BA", ("Sarajevo", "Sarajewo", "Sarajewie")),
    "Skopje": ("MK", ("Skopje", "Skopju")),
    "Tirana": ("AL", ("Tirana", "Tiranie")),
    "Kyiv": ("UA", ("Kyiv", "Kiev", "Kijów", "Kijowie", "Kyjev", "Kyjevě", "Kiew", "Kiev")),
    "Lviv": ("UA", ("Lviv", "Lwów", "Lwowie", "Lvov", "Lvově", "Lemberg")),
    "Reykjavík": ("IS", ("Reykjavík", "Reykjavik")),
}

_FORMS: dict[str, str] = {}
for _english, (_country, _forms) in CITIES.items():
    for _form in (_english, *_forms):
        _FORMS.setdefault(_form.casefold(), _english)

_CITY_NAMES = [re.escape(f) for f in sorted(_FORMS, key=len, reverse=True)]
# every form in any case: run over the lowercased text, the names grouped by first letter
# (40 times faster than the case-insensitive flat alternation, the same matches)
_CITY_RX = FoldedPattern(
    r"(?<![^\W\d_])(" + "|".join(_CITY_NAMES) + r")(?![^\W\d_])",
    r"(?<![^\W\d_])(" + grouped_alternation(_CITY_NAMES) + r")(?![^\W\d_])",
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


#: venues and institutions that name their city: "w Sejmie RP" is in Warsaw
_VENUES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(rx), city, country) for rx, city, country in (
        (r"\bSejm(?:ie|u)?\s+RP\b|\bSEJMU?\s+RP\b|\bSejmie\b", "Warsaw", "PL"),
        (r"\bw\s+Ministerstwie\s+[A-ZŁŚŻ]\w+", "Warsaw", "PL"),
        # a ministry is a venue only where the text puts the event in it ("im BMWi"), not
        # where it is a patron ("unter der Schirmherrschaft des BMBF")
        (r"\b(?:im|beim|in\s+the|at\s+the)\s+(?:Bundesministerium\s+für\s+(?:Wirtschaft|Bildung)|"
         r"BMWi?\b|BMBF\b|BMWK\b)", "Berlin", "DE"),
        (r"\bBercy\b", "Paris", "FR"),
        (r"\bPala(?:ce|is)\s+of\s+(?:the\s+)?Parliament\b|\bParliament\s+Palace\b|"
         r"\bPalatul\s+Parlamentului\b", "Bucharest", "RO"),
        (r"\bSpodek\b|\bSPODEK\b", "Katowice", "PL"),
        (r"\bPalazzo\s+Lombardia\b", "Milan", "IT"),
        (r"\bHannover[- ]Messe\b|\bHANNOVER\s+MESSE\b", "Hanover", "DE"),
        (r"\bKultur[Pp]ark\w*\b", "Košice", "SK"),
    )
)


def find_cities(text: str, language: str | None = None) -> list[Place]:
    """Cities in text, in order: the hand list (any case-correct form), venues that name
    their city, then GeoNames names in a place context ("w Zielonej Górze", "à Quimper")."""
    places = []
    for m in _CITY_RX.finditer(text):
        form = text[m.start(1) : m.end(1)]  # as written (the scan may run on the lowercase)
        if not form[0].isupper():
            continue
        english = _FORMS[form.casefold()]
        places.append(Place(english, form, CITIES[english][0], m.span()))
    for rx, city, country in _VENUES:
        for m in rx.finditer(text):
            places.append(Place(city, m.group(0), country, m.span()))
    taken = [p.span for p in places]
    for hit in gazetteer.city_mentions(text, language):
        if any(s < hit.span[1] and hit.span[0] < e for s, e in taken):
            continue
        places.append(Place(hit.name, hit.local, hit.country, hit.span))
    places.sort(key=lambda p: p.span)
    return places


def lookup_city(name: str, language: str | None = None) -> tuple[str, str] | None:
    """(English name, country) of a city name in any listed form, e.g. from JSON-LD; the
    gazetteer for cities beyond the hand list."""
    english = _FORMS.get(name.strip().casefold())
    if english:
        return english, CITIES[english][0]
    hit = gazetteer.lookup(name.strip(), language) if name.strip() else None
    return (hit[0], hit[1]) if hit else None


def city_near(text: str, span: tuple[int, int], window: int = 160,
              language: str | None = None) -> Place | None:
    """The city closest to a span (a date), preferring one introduced by a preposition."""
    lo, hi = max(0, span[0] - window), min(len(text), span[1] + window)
    best: tuple[int, Place] | None = None
    for place in find_cities(text[lo:hi], language):
        start = place.span[0] + lo
        distance = span[0] - start if start < span[0] else start - span[1]
        prep = _PREPOSITION.search(text[max(0, start - 6) : start]) is not None
        score = abs(distance) - (60 if prep else 0)
        shifted = Place(place.city, place.city_local, place.country,
                        (start, place.span[1] + lo))
        if best is None or score < best[0]:
            best = (score, shifted)
    return best[1] if best else None


_ONLINE = FoldedPattern(
    r"\b(?:webinar\w*|webinari\w*|webinaire\w*|webinář\w*|webinár\w*|online|on-line|on line|"
    r"zdalnie|zdaln\w+|virtuell\w*|virtual\w*|"
    r"digital(?:e|es)?\s+(?:veranstaltung|event|konferenz)|en ligne|distanciel|à distance|"
    r"en línea|a distanza|in streaming|livestream\w*|live-stream\w*|ms teams|microsoft teams|"
    r"zoom|google meet|webex|clickmeeting|gotowebinar|visio(?:-?conférence)?|"
    r"videokonferenc\w*|wideokonferencj\w*|videoconferencia|videoconferenza|"
    r"videokonferenz\w*|videoconference)\b",
)
_HYBRID = FoldedPattern(
    r"\b(?:hybryd\w*|hybrid\w*|hybride|ibrid[oa]|híbrid[oa]|hybridn\w*|"
    r"stacjonarnie\s+(?:i|oraz|lub)\s+online|online\s+(?:i|oraz|lub|und|et|y|e|and|or|aj|a)\s+"
    r"(?:stacjonarn\w*|vor ort|en présentiel|presencial|in presenza|prezenčn\w*|on site|"
    r"in person)|(?:stacjonarn\w*|vor\s+ort|en\s+présentiel|presencial\w*|in\s+presenza|"
    r"prezenčn\w*|on[- ]site|in\s+person)\s+(?:i|oraz|lub|und|et|y|e|and|or|aj|a|als\s+auch)\s+"
    r"(?:online|on-line|zdalnie|virtuell\w*|virtual\w*|en\s+ligne|en\s+línea))\b",
)
_CANCELLED = FoldedPattern(
    r"\b(?:odwołan[aey]|odwołany|abgesagt|fällt\s+(?:leider\s+)?aus|annulée?s?|"
    r"cancelad[oa]s?|annullat[oa]|zrušen[aáéoýi]?|cancell?ed|geannuleerd|afgelast)\b",
)
_POSTPONED = FoldedPattern(
    r"\b(?:przełożon\w*|przełożeni\w*|przesunięt\w*|przesunięci\w*|nowy\s+termin|verschoben|neuer\s+termin|reporté\w*|"
    r"report\s+de|aplazad[oa]s?|pospuest[oa]s?|rinviat[oa]|posticipat[oa]|odložen\w*|"
    r"přesunut\w*|presunut\w*|postponed|rescheduled|uitgesteld|przenie(?:ść|sion\w*|siemy)|"
    r"zmian\w*\s+terminu|verlegt|déplacée?s?|trasladad[oa]s?|spostat[oa]|rimandat[oa]|"
    r"přeložen\w*|preložen\w*|odložen\w*)\b",
)


# "online" that qualifies the sign-up, the programme or the slides, not how one attends:
# "register online", "Online-Anmeldung", "inscription en ligne", "rejestracja online"
_ONLINE_ASIDE = FoldedPattern(
    r"(?:regist\w*|sign(?:ing)?[- ]?up|apply|anmeld\w*|inscri\w*|rejestr\w*|zgłosz\w*|zapisy|"
    r"prihl[aá]\w*|přihl[aá]\w*|iscri\w*|formul\w*|forms?|tickets?|available|published|"
    r"abrufbar|verfügbar|disponible\w*|disponibil\w*|dostępn\w*|k\s+dispozici)"
    r"(?:\s+\w+){0,2}?\s+(?:online|on-line|en\s+ligne|en\s+línea)\b"
    r"|\b(?:online|on-line)[- ]?(?:regist\w*|anmeld\w*|inscri\w*|rejestr\w*|formul\w*|forms?|"
    r"shop|tickets?|ticketing|platform\w*|plattform\w*|survey|umfrage|ankiet\w*)",
)


def attendance_of(context: str, has_city: bool, lead: str = "") -> str:
    """offline/online/hybrid/unknown from markers in the text around the event; a room or a
    region anywhere in the ``lead`` says it happens on site."""
    context = _ONLINE_ASIDE.sub(" ", context)
    if _HYBRID.found(context):
        return "hybrid"
    if _ONLINE.found(context):
        return "online" if not has_city else "hybrid" if _strong_online(context) else "offline"
    if has_city or _ON_SITE.found(context) or _ON_SITE.found(lead) or _in_country(context):
        return "offline"
    return "unknown"


# a room, a building or a presence that only a physical event has
_ON_SITE = FoldedPattern(
    r"\b(?:in\s+person|on[- ]site|face[- ]to[- ]face|vor\s+ort|präsenz\w*|en\s+présentiel|"
    r"presencial\w*|in\s+presenza|prezenčn\w*|prezenčne|stacjonarn\w*|osobiście|"
    r"hotel\w*|auditori\w*|aula\b|saal\b|sälen?|salle|sala\b|sál[ue]?\b|konferenčn\w+\s+sál\w*|"
    r"v\s+prostorách|v\s+priestoroch|na\s+půdě|na\s+pôde|w\s+siedzibie|nella\s+sede|"
    r"en\s+la\s+sede|dans\s+les\s+locaux|chambre\s+de\s+commerce|camera\s+di\s+commercio|"
    r"cámara\s+de\s+comercio|stand\b|booth|pavilion|pavillon|padiglion\w*|messehalle\w*|"
    r"campus|venue|delegates|exhibitors|aussteller|espositori|expositores|exposants|"
    r"v\s+\w+[éo]m\s+kraji|w\s+województwie|w\s+regionie|in\s+der\s+region|"
    r"v\s+kraji|v\s+regióne|en\s+la\s+regi[oó]n|dans\s+la\s+région|nella\s+regione|"
    # people who came: participants, guests, visitors (an online event says so first)
    r"teilnehmer\w*|gäste[n]?|besucher\w*|participants|attendees|guests|visitors|"
    r"uczestni(?:cy|ków|kami)|goście|gości|účastní(?:ci|ků|kov)|hosté|hostí|hostia|"
    r"partecipanti|ospiti|visitatori|participantes|asistentes|invitados|visitantes|"
    r"participants|invités|visiteurs|"
    # a journey: trade missions and study visits happen where they travel to
    r"(?:trade|business|economic)\s+missions?|podnikatelsk\w+\s+mis\w+|misj\w+\s+gospodarcz\w*|"
    r"missions?\s+(?:économiques?|d'affaires)|misi(?:ón|ones)\s+comercial\w*|"
    r"mission[ei]\s+commercial[ei]|delegationsreise\w*|unternehmerreise\w*|study\s+visits?|"
    r"wizyt\w*\s+studyjn\w*|exkursion\w*|"
    # in a building: "im Technologiezentrum", "at the Innovation Centre", "w budynku"
    r"(?:im|in\s+the|at\s+the|w|v|ve|nel|nella|en\s+el|au|dans\s+le)\s+\w*(?:zentrum|haus|"
    r"center|centre|centrum|centro|gebäude|building|budynku|budově|budove)\b)",
)
_COUNTRY_PLACE = re.compile(r"\b(?:in|at|à|en|au|aux|w|we|v|ve|im|nel|nella|in\s+the)\s+"
                            r"([A-Z][^\W\d_]+(?:\s[A-Z][^\W\d_]+)?)")


def _in_country(text: str) -> bool:
    """A country as the event's place ("held … in Poland"): a physical place."""
    return any(gazetteer.is_country_name(m.group(1)) for m in _COUNTRY_PLACE.finditer(text))


def _strong_online(context: str) -> bool:
    return re.search(r"\b(?:transmisj\w*|stream\w*|übertrag\w*|retransmis\w*|diretta)\b",
                     context, re.IGNORECASE) is not None


# an event that was to happen on site and now happens online: a change word is required,
# "findet online statt" alone is just an online event
_MOVED_ONLINE = FoldedPattern(
    r"\b(?:moved\s+online|(?:will\s+)?now\s+(?:take\s+place|be\s+held)\s+(?:online|virtually)|"
    r"switched\s+to\s+(?:an?\s+)?(?:online|virtual)|(?:instead|only)\s+online|"
    r"przeniesion\w*\s+do\s+(?:internetu|sieci|formuły\s+online)|"
    r"(?:odbędzie|odbędą)\s+się\s+(?:jednak\s+|wyłącznie\s+|tylko\s+)?(?:online|zdalnie)\s+"
    r"zamiast|zamiast\s+stacjonarn\w*|w\s+formule\s+online\s+zamiast|"
    r"(?:findet|wird)\s+(?:\w+\s+){0,3}(?:nun|jetzt|stattdessen|ausschließlich|nur\s+noch)\s+"
    r"(?:als\s+)?(?:online|digital|virtuell)\w*|(?:nun|jetzt|stattdessen)\s+(?:als\s+)?"
    r"(?:online|digital)-?(?:veranstaltung|event|format)|"
    r"(?:se\s+tiendra|aura\s+lieu|se\s+déroulera)\s+(?:désormais|finalement|uniquement)\s+"
    r"(?:en\s+ligne|à\s+distance|en\s+distanciel)|passe\s+en\s+(?:ligne|distanciel)|"
    r"(?:se\s+celebrará|tendrá\s+lugar)\s+(?:finalmente|ahora|únicamente)\s+(?:en\s+línea|"
    r"online|de\s+forma\s+virtual)|pasa\s+a\s+(?:formato\s+)?(?:online|virtual)|"
    r"si\s+(?:terrà|svolgerà)\s+(?:ora|invece|solo)\s+(?:online|in\s+streaming|a\s+distanza)|"
    r"(?:proběhne|uskuteční\s+se)\s+(?:nově|nakonec|pouze)\s+online|"
    r"(?:sa\s+uskutoční|prebehne)\s+(?:nakoniec|len)\s+online)",
)


POSTPONED = _POSTPONED


def status_of(context: str) -> str:
    """cancelled/postponed/moved_online when the text says so near the event, else
    scheduled."""
    if _CANCELLED.found(context):
        return "cancelled"
    if _POSTPONED.found(context):
        return "postponed"
    if _MOVED_ONLINE.found(context):
        return "moved_online"
    return "scheduled"
