"""Czech: "20. října 2014", "5. 6. 2025", "10 – 11.1.2023", "23. a 24. října", "v Praze"."""

from __future__ import annotations

from datetime import date, datetime

from .lang_base import Lang, dd, mm
from .model import City

MONTHS = (
    "ledna", "února", "března", "dubna", "května", "června",
    "července", "srpna", "září", "října", "listopadu", "prosince",
)
WEEKDAYS = ("pondělí", "úterý", "středa", "čtvrtek", "pátek", "sobota", "neděle")


def _long(d: date) -> str:
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def _range_a(s: date, e: date) -> str:
    if s.month != e.month:
        return f"ve dnech {s.day}. {MONTHS[s.month - 1]} – {_long(e)}"
    return f"ve dnech {s.day}. – {_long(e)}"


def _range_b(s: date, e: date) -> str:
    return f"ve dnech {s.day} – {e.day}.{e.month}.{e.year}"


def _range_c(s: date, e: date) -> str:
    if (e - s).days == 1 and s.month == e.month:
        return f"ve dnech {s.day}. a {_long(e)}"
    return _range_a(s, e)


def _deadline(t: datetime) -> str:
    return f"{_long(t.date())} do {t:%H:%M} hodin"


CITIES = {
    c.en: c
    for c in (
        City("Brussels", "Brusel", "v Bruselu", "BE"),
        City("Prague", "Praha", "v Praze", "CZ"),
        City("Brno", "Brno", "v Brně", "CZ"),
        City("Ostrava", "Ostrava", "v Ostravě", "CZ"),
        City("Plzeň", "Plzeň", "v Plzni", "CZ"),
        City("Olomouc", "Olomouc", "v Olomouci", "CZ"),
        City("Zlín", "Zlín", "ve Zlíně", "CZ"),
        City("Vienna", "Vídeň", "ve Vídni", "AT"),
        City("Munich", "Mnichov", "v Mnichově", "DE"),
        City("Warsaw", "Varšava", "ve Varšavě", "PL"),
        City("Bratislava", "Bratislava", "v Bratislavě", "SK"),
        City("Dresden", "Drážďany", "v Drážďanech", "DE"),
        City("Katowice", "Katovice", "v Katovicích", "PL"),
        City("Leipzig", "Lipsko", "v Lipsku", "DE"),
    )
}

UI = {
    "home": "Úvod", "nav_news": "Aktuality", "nav_events": "Akce", "nav_calls": "Výzvy",
    "nav_members_news": "Zprávy členů", "nav_about": "O klastru", "nav_members": "Členové",
    "nav_contact": "Kontakt",
    "slug_news": "aktuality", "slug_events": "akce", "slug_calls": "vyzvy",
    "slug_members_news": "zpravy-clenu", "slug_about": "o-klastru", "slug_members": "clenove",
    "slug_contact": "kontakt",
    "php_list": "aktuality", "php_item": "clanek", "q_page": "strana", "q_month": "mesic",
    "back": "Zpět", "read_more": "Více", "latest": "Nejnovější články",
    "next_page": "Další", "prev_page": "Předchozí", "older": "Starší články",
    "newer": "Novější články",
    "cookie": "Tento web používá k poskytování služeb a analýze návštěvnosti soubory cookie. "
    "Používáním tohoto webu s tím souhlasíte.",
    "cookie_ok": "Rozumím", "privacy": "Ochrana osobních údajů", "share": "Sdílet:",
    "search": "Hledat", "picks": "Z našeho newsletteru", "rights": "Všechna práva vyhrazena",
    "print": "Tisk", "add_to_calendar": "Přidat do kalendáře", "calendar": "Kalendář akcí",
    "no_events": "V tomto měsíci nejsou naplánovány žádné akce.",
    "prev_month": "Předchozí měsíc", "next_month": "Následující měsíc", "venue": "Místo konání",
    "when": "Termín", "not_found": "Stránka nenalezena", "tags": "Štítky", "feed": "RSS aktuality",
    "follow": "Sledujte nás", "published_on": "Publikováno {date}",
    "submitted": "Vložil {author} dne {date}", "published_label": "Publikováno: {date}",
    "page": "Strana", "newsletter": "Přihlaste se k odběru newsletteru",
    "newsletter_text": "Jednou měsíčně přehled výzev, akcí a novinek z klastru.",
    "eu_footer": "Projekt je spolufinancován Evropskou unií z Evropského fondu pro regionální "
    "rozvoj prostřednictvím Operačního programu Podnikání a inovace pro konkurenceschopnost.",
    "cat_news": "Aktuality", "cat_events": "Akce", "cat_calls": "Výzvy",
    "cat_members": "Zprávy členů", "members_intro": "Mezi naše členy patří:",
    "press_release": "Tisková zpráva",
}

TOPICS = (
    {"topic": "digitální transformace", "topic_gen": "digitální transformace"},
    {"topic": "cirkulární ekonomika", "topic_gen": "cirkulární ekonomiky"},
    {"topic": "energetická účinnost", "topic_gen": "energetické účinnosti"},
    {"topic": "umělá inteligence", "topic_gen": "umělé inteligence"},
    {"topic": "vodíkové technologie", "topic_gen": "vodíkových technologií"},
    {"topic": "akumulace energie", "topic_gen": "akumulace energie"},
    {"topic": "kybernetická bezpečnost", "topic_gen": "kybernetické bezpečnosti"},
    {"topic": "obnovitelné zdroje energie", "topic_gen": "obnovitelných zdrojů energie"},
    {"topic": "elektromobilita", "topic_gen": "elektromobility"},
    {"topic": "chytré sítě", "topic_gen": "chytrých sítí"},
    {"topic": "komunitní energetika", "topic_gen": "komunitní energetiky"},
)

TITLES = {
    "news": (
        "Klastr zahajuje nový projekt v oblasti {topic_gen}",
        "Studie: {topic} v malých a středních firmách",
        "Ohlédnutí za rokem {year}",
        "Klastr schválil strategii na roky {year}–{year2}",
        "Valná hromada členů {in_city}",
        "Průzkum mezi členy: prioritou je oblast {topic_gen}",
        "Klastr posiluje evropskou spolupráci",
    ),
    "event_announcement": (
        "Pozvánka: {event} {year}",
        "{event} {in_city}",
        "Workshop na téma {topic}",
        "Save the date: {event}",
        "Podnikatelská mise {in_city}",
        "Praktický workshop: {topic}",
    ),
    "event_report": (
        "Ohlédnutí: {event} {year}",
        "Proběhla akce {event}",
        "Klastr na veletrhu {in_city}",
        "Workshop na téma {topic} – shrnutí",
        "Podnikatelská mise {in_city}: výsledky",
        "{event}: fotografie a výstupy",
    ),
    "call": (
        "Výzva {programme}: {topic}",
        "Nová výzva programu {programme}",
        "Hledáme firmy pro podnikatelskou misi {in_city}",
        "Dotace na projekty v oblasti {topic_gen}",
        "Inovační vouchery {year}: výzva otevřena",
    ),
    "member_news": (
        "{company} otevřela nový závod",
        "Ocenění za inovace pro {company}",
        "Vítáme nového člena: {company}",
        "{company} expanduje do zahraničí",
        "{company} spustila novou výrobní linku",
    ),
}

SENTENCES = {
    "intro_news": (
        "Klastr zahajuje nový společný projekt v oblasti {topic_gen}.",
        "Představenstvo klastru stanovilo priority na další měsíce, zvláštní pozornost bude "
        "věnována oblasti {topic_gen}.",
        "Náš poslední průzkum to potvrzuje: téma {topic_gen} zůstává jedním z hlavních témat "
        "firem v regionu.",
        "Nová studie klastru se zabývá tím, jak malé a střední podniky přistupují k tématu "
        "{topic_gen}.",
        "Zástupci klastru se {in_city} setkali s partnery z několika evropských zemí.",
    ),
    "intro_event_announcement": (
        "Zveme vás na akci „{event}“, která se uskuteční {dates} {in_city}.",
        "{dates_cap} proběhne {in_city} akce „{event}“ – setkání firem, univerzit a veřejné "
        "správy.",
        "Pod názvem „{event}“ pořádá klastr {dates} {in_city} setkání na téma {topic}.",
        "Poznamenejte si termín: akce „{event}“ se koná {dates} {in_city}.",
    ),
    "intro_event_report": (
        "Více než {count} účastníků se sešlo {dates} {in_city} na akci „{event}“.",
        "Akce „{event}“ proběhla {dates} {in_city} za velké účasti členských firem.",
        "Klastr se zúčastnil akce „{event}“, která se konala {dates} {in_city}.",
        "Ohlédnutí za akcí „{event}“: {dates} diskutovali odborníci {in_city} o tématu "
        "{topic_gen}.",
    ),
    "intro_call": (
        "Byla vyhlášena nová výzva v rámci programu {programme}.",
        "Malé a střední podniky mohou podávat žádosti do programu {programme}.",
        "Upozorňujeme členy na otevřenou výzvu programu {programme}.",
        "Pro nový projekt v oblasti {topic_gen} hledáme zapojené firmy.",
    ),
    "intro_member_news": (
        "Náš člen, společnost {company}, získala ocenění za inovace.",
        "Společnost {company} otevřela nový výrobní závod {in_city}.",
        "Vítáme společnost {company} mezi členy klastru.",
        "Společnost {company} podepsala dohodu o spolupráci s německým partnerem.",
    ),
    "news": (
        "Projekt potrvá dva roky a jeho rozpočet přesahuje {count} tisíc eur.",
        "Výsledky budou představeny na příští valné hromadě.",
        "Odborným partnerem projektu je {partner}.",
        "Nedostatek kvalifikovaných pracovníků zůstává pro firmy hlavním problémem.",
        "Firmy trápí také rostoucí ceny energií.",
        "Připravujeme pracovní skupiny, exkurze do firem a online semináře.",
        "Celá studie je k dispozici členům v neveřejné sekci webu.",
        "K zapojení jsou přizvány také univerzity a výzkumné instituce z regionu.",
        "Aktivity navazují na regionální inovační strategii.",
        "První výsledky očekáváme do konce roku.",
    ),
    "event_announcement": (
        "Program zahrnuje odborné přednášky, panelové diskuse a B2B jednání.",
        "Účast je bezplatná, kapacita je však omezená.",
        "Vystoupí řečníci z Česka i ze zahraničí.",
        "Partnerem akce je {partner}.",
        "Akce nabídne prostor pro navázání nových obchodních kontaktů.",
        "Podrobný program zveřejníme v nejbližších dnech.",
        "Letošní ročník se zaměří na téma {topic}.",
        "Součástí akce bude i výstava členských firem.",
    ),
    "event_report": (
        "Účastníci vyslechli řadu přednášek a zapojili se do B2B jednání.",
        "Panelové diskuse se věnovaly především tématu {topic_gen}.",
        "Stánek klastru navštívila řada potenciálních partnerů.",
        "Uskutečnilo se více než {count} obchodních jednání.",
        "Děkujeme všem účastníkům a partnerům za aktivní zapojení.",
        "Prezentace řečníků jsou k dispozici členům klastru.",
        "Akce potvrdila přínos spolupráce firem a výzkumných organizací.",
        "Akce se konala ve spolupráci s partnerem: {partner}.",
    ),
    "call": (
        "Žádat mohou malé a střední podniky se sídlem v EU.",
        "Maximální výše podpory činí {count} tisíc eur na projekt.",
        "Žádosti se podávají výhradně elektronicky.",
        "Podrobnosti najdete v textu výzvy.",
        "Zvýhodněny budou projekty realizované ve spolupráci s výzkumnými organizacemi.",
        "Kancelář klastru nabízí zájemcům bezplatné konzultace.",
        "Výzva je zaměřena na projekty v oblasti {topic_gen}.",
    ),
    "member_news": (
        "Nový závod vytvoří zhruba dvacet pracovních míst.",
        "Společnost se specializuje na řešení v oblasti {topic_gen}.",
        "Ocenění je výsledkem dlouholetých investic do výzkumu a vývoje.",
        "Gratulujeme a přejeme mnoho dalších úspěchů!",
        "Ocenění bylo předáno na slavnostním večeru {in_city}.",
        "V příštím roce firma plánuje vstup na skandinávské trhy.",
        "Spolupráce zahrnuje společný vývoj a sdílení know-how.",
    ),
    "generic": (
        "Klastr v současnosti sdružuje více než {count} firem, univerzit a výzkumných organizací.",
        "Sledujte nás na sociálních sítích, ať vám nic neunikne.",
        "S případnými dotazy se obracejte na kancelář klastru.",
        "Činnost klastru podporuje hospodářský rozvoj regionu.",
        "Jde o další krok k posílení naší sítě spolupráce.",
        "Členové mohou navrhovat témata dalších setkání.",
        "O dalších aktivitách vás budeme průběžně informovat.",
        "Mezinárodní spolupráce zůstává jednou z priorit klastru.",
    ),
    "close_event_announcement": (
        "Registrace je otevřena do {date}.",
        "Přihlásit se můžete do {date} prostřednictvím online formuláře.",
        "Účast prosím potvrďte do {date}.",
    ),
    "close_call": (
        "Uzávěrka příjmu žádostí je {deadline}.",
        "Žádosti je možné podávat do {deadline}.",
    ),
}

LANG = Lang(
    code="cs",
    months=MONTHS,
    weekdays=WEEKDAYS,
    cities=CITIES,
    ui=UI,
    date_long=_long,
    date_numeric=lambda d: f"{dd(d)}.{mm(d)}.{d.year}",
    ranges=(_range_a, _range_b, _range_c),
    singles=(_long, lambda d: f"{d.day}. {d.month}. {d.year}"),
    yearless=lambda s, e: (
        f"ve dnech {s.day}. a {e.day}. {MONTHS[e.month - 1]}"
        if (e - s).days == 1
        else f"ve dnech {s.day}. – {e.day}. {MONTHS[e.month - 1]}"
    ),
    deadline=_deadline,
    titles=TITLES,
    sentences=SENTENCES,
    topics=TOPICS,
    event_names=(
        "Energetický kongres Morava", "Den otevřených dveří klastru", "Konference Chytrá energie",
        "Fórum vodíkových technologií", "Setkání členů klastru", "Veletrh Amper",
        "Konference Akumulace", "Inovační snídaně", "Fórum komunitní energetiky",
        "Kulatý stůl k dotacím",
    ),
    companies=(
        "EnergoTech Ostrava s.r.o.", "Moravské strojírny a.s.", "SolarPark Brno s.r.o.",
        "Vítkovice Power Systems a.s.", "Elektro Novák s.r.o.", "Beskydská energetická a.s.",
        "Hydrogen Mobility CZ s.r.o.", "Smart Grid Solutions s.r.o.", "Teplárna Jih a.s.",
        "BatteryLab s.r.o.",
    ),
    programmes=(
        "OP TAK", "Horizont Evropa", "TA ČR – TREND", "Interreg CZ–PL", "Modernizační fond",
        "Program pro jednotný trh",
    ),
    partners=(
        "VŠB – Technická univerzita Ostrava", "CzechInvest", "Krajská hospodářská komora",
        "Vysoké učení technické v Brně", "Enterprise Europe Network",
    ),
    cluster_names=(
        "Moravskoslezský dřevařský klastr", "Klastr Česká bioekonomika",
        "Strojírenský klastr Vysočina",
        "Jihočeský klastr ICT", "Klastr zdravotnických technologií", "Plastikářský klastr",
        "Klastr sklářského průmyslu", "Textilní klastr Liberec", "Automobilový klastr Plzeň",
        "Klastr potravinářů Haná",
    ),
    pages={
        "about": ("O klastru", "{cluster} je zájmové sdružení firem, univerzit a výzkumných "
                  "organizací. Propojujeme členy, připravujeme společné projekty a pomáháme jim "
                  "na zahraničních trzích."),
        "members": ("Členové", "Klastr má přes 60 členů z řad firem, vysokých škol a veřejných "
                    "institucí."),
        "contact": ("Kontakt", "Kancelář klastru je otevřena v pracovní dny od 8 do 16 hodin."),
    },
    tags=("inovace", "energetika", "dotace", "výzkum", "spolupráce", "EU", "MSP"),
    months_nom=("leden", "únor", "březen", "duben", "květen", "červen", "červenec", "srpen",
                "září", "říjen", "listopad", "prosinec"),
)
