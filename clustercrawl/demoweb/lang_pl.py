"""Polish: genitive months in dates, locative city phrases ("w Brukseli"), Polish chrome."""

from __future__ import annotations

from datetime import date, datetime

from .lang_base import Lang, dd, mm
from .model import City

MONTHS = (
    "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
    "lipca", "sierpnia", "września", "października", "listopada", "grudnia",
)
WEEKDAYS = ("poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela")
WEEKDAYS_ACC = ("poniedziałek", "wtorek", "środę", "czwartek", "piątek", "sobotę", "niedzielę")


def _long(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _range_a(s: date, e: date) -> str:
    if s.month == e.month:
        return f"w dniach {s.day}-{e.day} {MONTHS[s.month - 1]} {s.year} r."
    return f"w dniach {s.day} {MONTHS[s.month - 1]} – {_long(e)} r."


def _range_b(s: date, e: date) -> str:
    return f"w dniach {s.day}-{e.day} {MONTHS[e.month - 1]} {e.year} roku"


def _range_c(s: date, e: date) -> str:
    return f"w dniach {s.day}-{e.day}.{mm(e)}.{e.year}"


def _single_a(d: date) -> str:
    return f"{_long(d)} r."


def _single_b(d: date) -> str:
    return f"w {WEEKDAYS_ACC[d.weekday()]}, {_long(d)} r."


def _yearless(s: date, e: date) -> str:
    return f"w dniach {s.day}-{e.day} {MONTHS[e.month - 1]}"


def _deadline(t: datetime) -> str:
    return f"{_long(t.date())} r., godz. {t:%H:%M}"


CITIES = {
    c.en: c
    for c in (
        City("Brussels", "Bruksela", "w Brukseli", "BE"),
        City("Warsaw", "Warszawa", "w Warszawie", "PL"),
        City("Gdańsk", "Gdańsk", "w Gdańsku", "PL"),
        City("Gdynia", "Gdynia", "w Gdyni", "PL"),
        City("Poznań", "Poznań", "w Poznaniu", "PL"),
        City("Wrocław", "Wrocław", "we Wrocławiu", "PL"),
        City("Kraków", "Kraków", "w Krakowie", "PL"),
        City("Łódź", "Łódź", "w Łodzi", "PL"),
        City("Berlin", "Berlin", "w Berlinie", "DE"),
        City("Vienna", "Wiedeń", "w Wiedniu", "AT"),
        City("Prague", "Praga", "w Pradze", "CZ"),
        City("Munich", "Monachium", "w Monachium", "DE"),
        City("Cologne", "Kolonia", "w Kolonii", "DE"),
        City("Zagreb", "Zagrzeb", "w Zagrzebiu", "HR"),
        City("Bucharest", "Bukareszt", "w Bukareszcie", "RO"),
        City("Vilnius", "Wilno", "w Wilnie", "LT"),
        City("Copenhagen", "Kopenhaga", "w Kopenhadze", "DK"),
    )
}

UI = {
    "home": "Strona główna", "nav_news": "Aktualności", "nav_events": "Wydarzenia",
    "nav_calls": "Nabory", "nav_members_news": "Z życia członków", "nav_about": "O klastrze",
    "nav_members": "Członkowie", "nav_contact": "Kontakt",
    "slug_news": "aktualnosci", "slug_events": "wydarzenia", "slug_calls": "nabory",
    "slug_members_news": "z-zycia-czlonkow", "slug_about": "o-klastrze",
    "slug_members": "czlonkowie", "slug_contact": "kontakt",
    "php_list": "aktualnosci", "php_item": "artykul", "q_page": "strona", "q_month": "miesiac",
    "back": "Powrót", "read_more": "Czytaj dalej", "latest": "Najnowsze wpisy",
    "next_page": "Następna strona", "prev_page": "Poprzednia strona",
    "older": "Starsze wpisy", "newer": "Nowsze wpisy",
    "cookie": "Ta strona korzysta z plików cookies, aby świadczyć usługi na najwyższym poziomie. "
    "Dalsze korzystanie ze strony oznacza zgodę na ich użycie.",
    "cookie_ok": "Akceptuję", "privacy": "Polityka prywatności", "share": "Udostępnij:",
    "search": "Szukaj", "picks": "Polecamy z newslettera", "rights": "Wszelkie prawa zastrzeżone",
    "print": "Drukuj", "add_to_calendar": "Dodaj do kalendarza", "calendar": "Kalendarz wydarzeń",
    "no_events": "Brak wydarzeń w tym miesiącu.", "prev_month": "Poprzedni miesiąc",
    "next_month": "Następny miesiąc", "venue": "Miejsce", "when": "Termin",
    "not_found": "Nie znaleziono strony", "tags": "Tagi", "feed": "Kanał z wpisami",
    "follow": "Obserwuj nas", "published_on": "Opublikowano {date}",
    "submitted": "Opublikowano przez {author} dnia {date}",
    "published_label": "Opublikowano: {date}",
    "page": "Strona", "newsletter": "Zapisz się do newslettera",
    "newsletter_text": "Raz w miesiącu wysyłamy przegląd naborów, wydarzeń i wiadomości z klastra.",
    "eu_footer": "Projekt współfinansowany ze środków Unii Europejskiej w ramach Europejskiego "
    "Funduszu Rozwoju Regionalnego.",
    "cat_news": "Aktualności", "cat_events": "Wydarzenia", "cat_calls": "Nabory",
    "cat_members": "Z życia członków", "members_intro": "Członkami klastra są m.in.:",
    "press_release": "Informacja prasowa",
}

TOPICS = (
    {"topic": "transformacja cyfrowa", "topic_gen": "transformacji cyfrowej"},
    {"topic": "gospodarka obiegu zamkniętego", "topic_gen": "gospodarki obiegu zamkniętego"},
    {"topic": "efektywność energetyczna", "topic_gen": "efektywności energetycznej"},
    {"topic": "sztuczna inteligencja w przemyśle",
    "topic_gen": "sztucznej inteligencji w przemyśle"},
    {"topic": "technologie wodorowe", "topic_gen": "technologii wodorowych"},
    {"topic": "logistyka morska", "topic_gen": "logistyki morskiej"},
    {"topic": "cyberbezpieczeństwo", "topic_gen": "cyberbezpieczeństwa"},
    {"topic": "automatyzacja produkcji", "topic_gen": "automatyzacji produkcji"},
    {"topic": "morska energetyka wiatrowa", "topic_gen": "morskiej energetyki wiatrowej"},
    {"topic": "umiędzynarodowienie MŚP", "topic_gen": "umiędzynarodowienia MŚP"},
    {"topic": "zielona transformacja", "topic_gen": "zielonej transformacji"},
    {"topic": "druk 3D", "topic_gen": "druku 3D"},
)

TITLES = {
    "news": (
        "Nowy projekt klastra w obszarze {topic_gen}",
        "Raport: {topic} w firmach z regionu",
        "Podsumowanie roku {year} w klastrze",
        "Klaster z nową strategią na lata {year}-{year2}",
        "Spotkanie członków klastra {in_city}",
        "Wyniki ankiety dotyczącej {topic_gen}",
        "Współpraca z partnerami z regionu – {topic}",
    ),
    "event_announcement": (
        "Zaproszenie: {event} {year}",
        "{event} – zapraszamy {in_city}",
        "Zapraszamy na warsztaty z {topic_gen}",
        "Ruszyła rejestracja na {event}",
        "Misja gospodarcza {in_city} – zaproszenie dla firm",
        "Warsztaty praktyczne: {topic}",
    ),
    "event_report": (
        "Relacja: {event} {year}",
        "Za nami {event}",
        "Podsumowanie wydarzenia {event}",
        "Klaster na targach {in_city}",
        "Warsztaty z {topic_gen} – relacja",
        "Misja gospodarcza {in_city} – podsumowanie",
    ),
    "call": (
        "Nabór wniosków: {programme} – {topic}",
        "Ogłoszenie naboru do programu {programme}",
        "Nabór firm na misję gospodarczą {in_city}",
        "Konkurs na projekty z zakresu {topic_gen}",
        "Bony na innowacje – nowy nabór {year}",
    ),
    "member_news": (
        "{company} z nową inwestycją",
        "{company} nagrodzona za innowacje",
        "Nowy członek klastra: {company}",
        "{company} rozwija ofertę eksportową",
        "Sukces członka klastra: {company}",
    ),
}

SENTENCES = {
    "intro_news": (
        "Z przyjemnością informujemy, że {cluster} rozpoczął nowy projekt dotyczący {topic_gen}.",
        "Zarząd klastra przyjął plan działań na kolejne miesiące, w którym szczególny nacisk "
        "położono na obszar {topic_gen}.",
        "Kolejna edycja badania potrzeb członków pokazała, że temat {topic_gen} pozostaje jednym "
        "z najważniejszych tematów dla firm z regionu.",
        "W ostatnich tygodniach zakończyliśmy prace nad raportem, który dotyczy {topic_gen}.",
        "Przedstawiciele klastra spotkali się {in_city} z partnerami z kilku krajów Unii "
        "Europejskiej.",
    ),
    "intro_event_announcement": (
        "Serdecznie zapraszamy na wydarzenie „{event}”, które odbędzie się {dates} {in_city}.",
        "Już {dates} {in_city} odbędzie się „{event}” – spotkanie firm, uczelni i samorządu.",
        "Informujemy, że {dates} {in_city} organizujemy „{event}”, poświęcone tematowi "
        "{topic_gen}.",
        "Zapraszamy przedsiębiorców na „{event}”, które zaplanowaliśmy {dates} {in_city}.",
    ),
    "intro_event_report": (
        "{dates_cap} {in_city} odbyło się „{event}”, w którym wzięło udział ponad {count} osób.",
        "Za nami „{event}”, które {dates} {in_city} zgromadziło przedstawicieli firm i uczelni.",
        "Przedstawiciele klastra uczestniczyli w wydarzeniu „{event}”, zorganizowanym {dates} "
        "{in_city}.",
        "Podsumowujemy „{event}” – spotkanie odbyło się {dates} {in_city}.",
    ),
    "intro_call": (
        "Informujemy o uruchomieniu naboru w ramach programu {programme}.",
        "Ruszył nabór wniosków w programie {programme}, skierowany do małych i średnich "
        "przedsiębiorstw.",
        "Zachęcamy członków klastra do udziału w konkursie ogłoszonym w ramach programu "
        "{programme}.",
        "Otwieramy nabór firm do udziału w projekcie dotyczącym {topic_gen}.",
    ),
    "intro_member_news": (
        "Nasz członek, firma {company}, otrzymała wyróżnienie w konkursie na najbardziej "
        "innowacyjny produkt roku.",
        "Firma {company}, członek klastra od kilku lat, zakończyła ważną inwestycję {in_city}.",
        "Z radością witamy w gronie członków klastra firmę {company}.",
        "Firma {company} podpisała umowę o współpracy z partnerem z Niemiec.",
    ),
    "news": (
        "Projekt potrwa dwa lata, a jego budżet przekracza {count} tys. zł.",
        "Wyniki prac zostaną zaprezentowane na najbliższym walnym zgromadzeniu członków.",
        "Partnerem merytorycznym przedsięwzięcia jest {partner}.",
        "Wśród najważniejszych wniosków znalazła się potrzeba wspólnych szkoleń dla kadry "
        "technicznej.",
        "Firmy wskazywały także na brak wykwalifikowanych pracowników oraz rosnące koszty energii.",
        "W ramach działań przewidziano cykl spotkań branżowych oraz wizyty studyjne.",
        "Raport jest dostępny dla członków klastra w strefie partnera.",
        "Do współpracy zaprosiliśmy również uczelnie i instytuty badawcze z regionu.",
        "Działania są spójne z regionalną strategią inteligentnych specjalizacji.",
        "Planujemy, że pierwsze efekty będą widoczne jeszcze w tym roku.",
    ),
    "event_announcement": (
        "W programie przewidziano panele dyskusyjne, prezentacje firm oraz spotkania B2B.",
        "Udział w wydarzeniu jest bezpłatny, jednak liczba miejsc jest ograniczona.",
        "Wśród prelegentów znajdą się eksperci z kraju i z zagranicy.",
        "Partnerem wydarzenia jest {partner}.",
        "Spotkanie będzie okazją do poznania nowych partnerów biznesowych.",
        "Szczegółowy program zostanie opublikowany w najbliższych dniach.",
        "Tegoroczna edycja będzie poświęcona tematyce {topic_gen}.",
        "Dla uczestników przygotowaliśmy również strefę wystawienniczą.",
    ),
    "event_report": (
        "Uczestnicy wysłuchali wystąpień ekspertów i wzięli udział w spotkaniach B2B.",
        "Podczas paneli dyskusyjnych rozmawiano o tym, jak rozwój {topic_gen} wpływa na łańcuchy "
        "dostaw.",
        "Nasze stoisko odwiedziło kilkudziesięciu potencjalnych partnerów.",
        "Odbyło się ponad {count} spotkań biznesowych.",
        "Dziękujemy wszystkim uczestnikom i partnerom za aktywny udział.",
        "Prezentacje prelegentów udostępnimy członkom klastra.",
        "Wydarzenie potwierdziło, że współpraca firm i uczelni przynosi wymierne efekty.",
        "Partnerem wydarzenia był {partner}.",
    ),
    "call": (
        "O wsparcie mogą ubiegać się mikro, małe i średnie przedsiębiorstwa.",
        "Maksymalna wartość dofinansowania wynosi {count} tys. zł.",
        "Wnioski należy składać wyłącznie w formie elektronicznej.",
        "Szczegółowe informacje znajdują się w regulaminie naboru.",
        "Premiowane będą projekty realizowane we współpracy z jednostkami naukowymi.",
        "Biuro klastra oferuje bezpłatne konsultacje dla firm zainteresowanych udziałem.",
        "Nabór dotyczy przedsięwzięć z zakresu {topic_gen}.",
    ),
    "member_news": (
        "Dzięki nowej linii produkcyjnej firma zwiększy zatrudnienie o kilkanaście osób.",
        "Firma specjalizuje się w rozwiązaniach z zakresu {topic_gen}.",
        "To kolejny sukces przedsiębiorstwa, które od lat rozwija własny dział badawczo-rozwojowy.",
        "Gratulujemy i życzymy dalszych sukcesów!",
        "Wyróżnienie zostało wręczone podczas uroczystej gali {in_city}.",
        "Firma planuje w przyszłym roku wejście na rynki skandynawskie.",
        "Współpraca obejmuje wspólne prace badawcze oraz wymianę doświadczeń.",
    ),
    "generic": (
        "Klaster zrzesza obecnie ponad {count} podmiotów, w tym przedsiębiorstwa, uczelnie "
        "i instytucje otoczenia biznesu.",
        "Zachęcamy do śledzenia naszej strony oraz profili w mediach społecznościowych.",
        "Więcej informacji udziela biuro klastra.",
        "Działania klastra wspierają rozwój gospodarczy regionu.",
        "To kolejny krok w budowaniu silnej sieci współpracy w regionie.",
        "Członkowie klastra mogą zgłaszać swoje propozycje tematów do kolejnych spotkań.",
        "Informacje o kolejnych inicjatywach będziemy publikować na bieżąco.",
        "Współpraca międzynarodowa pozostaje jednym z priorytetów klastra.",
    ),
    "close_event_announcement": (
        "Rejestracja trwa do {date} r.",
        "Zgłoszenia przyjmujemy do {date} r. przez formularz online.",
        "Prosimy o potwierdzenie udziału do {date} r.",
    ),
    "close_call": (
        "Termin składania wniosków upływa {deadline}.",
        "Wnioski przyjmowane są do {deadline}.",
    ),
}

LANG = Lang(
    code="pl",
    months=MONTHS,
    weekdays=WEEKDAYS,
    cities=CITIES,
    ui=UI,
    date_long=_long,
    date_numeric=lambda d: f"{dd(d)}.{mm(d)}.{d.year}",
    ranges=(_range_a, _range_b, _range_c),
    singles=(_single_a, _single_b),
    yearless=_yearless,
    deadline=_deadline,
    titles=TITLES,
    sentences=SENTENCES,
    topics=TOPICS,
    event_names=(
        "Forum Gospodarki Morskiej", "Pomorski Kongres Innowacji", "Dzień Otwarty Klastra",
        "Forum Przemysłu Przyszłości", "Targi Technologii Energetycznych",
        "Kongres Gospodarki Obiegu Zamkniętego", "Bałtyckie Forum Logistyczne",
        "Spotkanie Sieci Klastrów Kluczowych", "Forum Wodorowe", "Dzień Współpracy Nauki i Biznesu",
    ),
    companies=(
        "Baltic Composites sp. z o.o.", "Navimor Systems S.A.", "Pomorskie Zakłady Automatyki",
        "EkoTerm Gdynia sp. z o.o.", "DataPort Solutions", "Kaszubska Stocznia Jachtowa",
        "Hydrogenia sp. z o.o.", "Marelab Technologies", "Termoplast Kwidzyn", "Amber Robotics",
    ),
    programmes=(
        "Horyzont Europa", "Fundusze Europejskie dla Pomorza", "COSME",
        "Interreg Południowy Bałtyk",
        "Fundusze Europejskie dla Nowoczesnej Gospodarki", "Single Market Programme",
    ),
    partners=(
        "Agencja Rozwoju Pomorza", "Politechnika Gdańska", "Uniwersytet Morski w Gdyni",
        "Pomorska Specjalna Strefa Ekonomiczna", "Enterprise Europe Network",
    ),
    cluster_names=(
        "Klaster Technologii Wodorowych", "Mazowiecki Klaster ICT", "Śląski Klaster Lotniczy",
        "Klaster Zielonej Energii", "Wielkopolski Klaster Meblarski", "Klaster Chemii Przyszłości",
        "Podkarpacki Klaster Motoryzacyjny", "Klaster Żywności Regionalnej",
        "Klaster Budownictwa Energooszczędnego", "Dolnośląski Klaster Medyczny",
    ),
    pages={
        "about": ("O klastrze", "{cluster} to inicjatywa przedsiębiorstw, uczelni i instytucji "
                  "otoczenia biznesu, działająca od 2012 roku na rzecz rozwoju innowacji w "
                  "regionie. "
                  "Naszą misją jest budowanie współpracy i wspieranie członków w ekspansji "
                  "zagranicznej."),
        "members": ("Członkowie", "Klaster zrzesza ponad 80 podmiotów z sektora przemysłowego, "
                    "naukowego i publicznego."),
        "contact": ("Kontakt", "Biuro klastra jest czynne od poniedziałku do piątku w godzinach "
                    "8:00–16:00."),
    },
    tags=("innowacje", "B+R", "eksport", "energia", "współpraca", "MŚP", "Unia Europejska"),
    months_nom=("styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień",
                "wrzesień", "październik", "listopad", "grudzień"),
)
