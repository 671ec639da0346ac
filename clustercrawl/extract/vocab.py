"""Multilingual cue words for events and post types, as stems per language.

Each table maps a language to regex fragments (stems end in ``\\w*`` where inflection
varies). The compiled patterns cover all languages at once: cluster sites mix languages,
and a missed cue costs more than a rare false one. Extend a language by adding fragments.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from clustercrawl.extract.folded import FoldedPattern

__all__ = [
    "ANNOUNCE",
    "CALL",
    "DEADLINE",
    "EVENT",
    "JOB",
    "LEGAL_FORM",
    "MEMBER",
    "MEMBER_LEAD",
    "MEMBER_SEGMENTS",
    "NEXT_EVENT_REF",
    "PRESS",
    "PROJECT_SEGMENTS",
    "REPORT",
    "FoldedPattern",
    "compile_table",
]

EVENT_WORDS: Mapping[str, tuple[str, ...]] = {
    "pl": (r"konferencj\w*", r"kongres\w*", r"forum", r"warsztat\w*", r"szkoleni\w*",
           r"seminari\w*", r"webinari\w*", r"spotkani\w*", r"targ(?:i|ach|ów)", r"wydarzeni\w*",
           r"gal[aię]", r"misj[aię] gospodarcz\w*", r"wizyt\w* studyjn\w*", r"hackathon\w*",
           r"festiwal\w*", r"debat\w*", r"sympozj\w*", r"zjazd\w*", r"śniadani\w* biznesow\w*",
           r"giełd\w* kooperacyjn\w*", r"dzie[ńn] informacyjn\w*", r"szczyt\w*", r"kongres",
           r"posiedzeni\w*", r"zgromadzeni\w* ogóln\w*", r"walne\s+zgromadzeni\w*"),
    # German compounds put the event word last ("Clusterkonferenz", "Praxisworkshop")
    "de": (r"\w*konferenz\w*", r"\w*kongress\w*", r"\w*workshops?", r"\w*seminar\w*",
           r"\w*webinar\w*", r"\w*tagung\w*", r"(?!gemess)\w*messen?", r"\w*veranstaltung\w*",
           r"(?!betreff|übertreff|zutreff|antreff)\w*treffen", r"symposium", r"\w*fachtag\w*",
           r"\w*infotag\w*", r"\w*exkursion\w*", r"\w*(?:delegations|unternehmer)reise\w*",
           r"\w*stammtisch\w*", r"kolloquium", r"\w*gipfel\w*", r"\w*forum",
           r"\w*börse\w*", r"\w*netzwerkabend\w*", r"\w*empfang",
           r"messe(?:tag|stand|auftritt|beteiligung)\w*", r"gemeinschaftsst[aä]nd\w*",
           r"(?:cluster|aktions|themen|innovations|projekt)woche\w*",
           r"(?:cluster|innovations|aktions|netzwerk)tage?\b",
           r"(?:mitglieder|haupt|jahreshaupt|gesellschafter|voll)versammlung\w*"),
    "fr": (r"conférence\w*", r"congrès", r"forum", r"ateliers?", r"séminaire\w*",
           r"webinaire\w*", r"salons?", r"rencontres?", r"journées?", r"colloques?",
           r"événements?", r"évènements?", r"missions?\s+(?:économiques?|d'affaires|collectives?)",
           r"table ronde", r"petit-déjeuner\w*", r"sommet", r"conventions?\s+d'affaires",
           r"conventions?(?!\s+(?:de\s+(?:partenariat|collaboration|coopération|financement)|"
           r"cadre))", r"assemblées?\s+générales?", r"matinée\w*", r"universit[ée]s?\s+d'été"),
    "es": (r"conferencias?", r"congresos?", r"foros?", r"talleres?", r"taller", r"seminarios?",
           r"jornadas?", r"ferias?", r"encuentros?", r"eventos?", r"misi(?:ón|ones)\s+comercial\w*",
           r"mesa redonda", r"cumbre", r"convenci(?:ón|ones)", r"asambleas?", r"reuni(?:ón|ones)",
           r"congreso"),
    "it": (r"conferenz[ae]", r"convegn[oi]", r"congress[oi]", r"seminari[oi]?", r"fier[ae]",
           r"incontr[oi]", r"event[oi]", r"giornat[ae]", r"tavola rotonda", r"vertice",
           r"mission[ei]\s+(?:commercial[ei]|imprenditorial[ei])", r"salon[ei]",
           r"assemble[ae]", r"riunion[ei]"),
    "cs": (r"konferenc\w*", r"kongres\w*", r"fór\w*", r"seminář\w*", r"webinář\w*",
           r"veletrh\w*", r"setkání", r"školení", r"kulatý stůl", r"workshop\w*", r"akc[eií]",
           r"podnikatelsk\w+\s+mis\w+", r"mis[eií]", r"jednání", r"zasedání",
           r"dn[ei]\w*\s+klastr\w*", r"den\s+klastr\w*", r"klastrov\w+\s+den",
           r"valn\w+\s+hromad\w*"),
    "sk": (r"konferenci\w*", r"seminár\w*", r"webinár\w*", r"veľtrh\w*", r"stretnuti\w*",
           r"podujati\w*", r"školeni\w*", r"rokovan\w*", r"de[ňn]\w*\s+klastr\w*",
           r"valn\w+\s+zhromaždeni\w*"),
    "en": (r"conferences?", r"congress", r"forums?", r"workshops?", r"seminars?", r"webinars?",
           r"summit", r"fairs?", r"expo", r"exhibitions?", r"meetings?", r"meet-?ups?",
           r"events?", r"info ?days?", r"information days?", r"brokerage\w*", r"matchmaking",
           r"trade missions?", r"study visits?", r"round-?tables?", r"symposium",
           r"hackathons?", r"bootcamps?", r"networking", r"b2b", r"trade\s+fairs?",
           r"(?:business|trade|matchmaking)\s+missions?",
           r"conventions?(?!\s+de\s)", r"general\s+assembly",
           r"assembly", r"assemblies", r"cluster\s+days?", r"clusters?\s+meets?\s+regions?",
           r"roadshows?", r"cluster\s+weeks?", r"fibres\s+congress", r"receptions?",
           r"trade\s+shows?", r"joint\s+stands?"),
    "pt": (r"conferência\w*", r"congresso\w*", r"seminário\w*", r"feira\w*", r"encontro\w*",
           r"evento\w*"),
    "nl": (r"\w*congres\w*", r"\w*conferentie\w*", r"\w*bijeenkomst\w*", r"\w*beurs",
           r"evenement\w*", r"\w*seminar\w*", r"\w*symposium", r"\w*netwerkborrel\w*",
           r"kennissessie\w*", r"studiereis\w*",
           r"handelsmissie\w*"),
}

REPORT_WORDS: Mapping[str, tuple[str, ...]] = {
    "pl": (r"odby(?:ł|ła|ło|ły|li)\s+się", r"się\s+odby(?:ł|ła|ło|ły)", r"miał[aoy]?\s+miejsce",
           r"zakończy(?:ł|ła|ło|ły)\s+się", r"uczestniczy(?:li|ły|ł|ła)",
           r"wzię(?:li|ło|ły|ła)\s+udział",
           r"wziął\s+udział", r"gości(?:liśmy|li)", r"zorganizowa(?:liśmy|ł|ła|li)", r"relacj[aię]",
           r"podsumowani\w*", r"dziękujemy\s+za\s+udział", r"zgromadzi(?:ł|ła|ło)",
           r"spotkali\s+się", r"brał[aoy]?\s+udział", r"bra(?:ło|li|ły)\s+udział",
           r"zgromadził[oay]?", r"za\s+nami"),
    "de": (r"fand(?:en)?\b.{0,80}?\bstatt", r"stattgefunden", r"nahmen\b.{0,60}?\bteil",
           r"teilgenommen", r"rückblick", r"war\s+ein\s+(?:voller\s+)?erfolg", r"trafen\s+sich",
           r"kamen\b.{0,40}?\bzusammen", r"ist\s+vorbei", r"so\s+war\s+(?:die|der|das)",
           r"diskutierten", r"erfolgreiche[rn]?", r"trafen\s+sich", r"eröffnete",
           r"nachbericht", r"review", r"besuchten", r"lockte", r"begrüßte[n]?",
           r"zog\b.{0,60}?\b(?:besucher|teilnehmer|gäste)",
           r"wurden?\b.{0,60}?\b(?:eröffnet|vorgestellt|präsentiert|diskutiert|ausgezeichnet|"
           r"verliehen|durchgeführt|veranstaltet)\b"),
    "fr": (r"s'est\s+(?:tenu|déroulé)e?s?", r"se\s+sont\s+(?:tenu|déroulé)e?s?",
           r"a\s+eu\s+lieu", r"ont\s+eu\s+lieu", r"ont\s+participé", r"a\s+participé",
           r"retour\s+sur", r"compte[- ]rendu", r"ont\s+réuni", r"a\s+réuni",
           r"était\s+présent", r"merci\s+à\s+tous", r"a\s+tenu", r"ont\s+tenu",
           r"se\s+sont\s+retrouvés", r"organisé\s+le", r"(?:a|ont)\s+accueilli",
           r"a\s+été\s+organisée?", r"s'est\s+(?:achevée?|clôturée?|terminée?)",
           r"ont\s+(?:échangé|débattu|présenté)"),
    "es": (r"se\s+celebr(?:ó|aron)", r"tuv(?:o|ieron)\s+lugar", r"se\s+realiz(?:ó|aron)",
           r"participaron", r"ha\s+participado", r"se\s+desarroll(?:ó|aron)", r"reuni(?:ó|eron)",
           r"celebra(?:ba|ban|do|da)", r"fue\s+sede", r"ha\s+cerrado",
           r"(?:ha|han)\s+(?:reunido|acogido|participado|asistido|clausurado|inaugurado)",
           r"se\s+ha(?:n)?\s+(?:celebrado|reunido|analizado|debatido|presentado)",
           r"acogió", r"inauguró", r"clausuró", r"asistieron", r"contó\s+con"),
    "it": (r"si\s+(?:è|sono)\s+(?:svolt|tenut)[oaie]", r"ha\s+avuto\s+luogo",
           r"hanno\s+partecipato", r"ha\s+partecipato", r"resoconto", r"si\s+è\s+svolto",
           r"tenut[oa]si", r"svolt[oa]si", r"hanno\s+preso\s+parte", r"si\s+è\s+conclus[oa]",
           r"ha\s+(?:aperto|riunito)", r"ha\s+(?:ospitato|inaugurato)",
           r"(?:è|sono)\s+stat[oaie]\s+(?:presentat|inaugurat|premiat|illustrat)\w*",
           r"si\s+(?:è|sono)\s+chius[oaie]", r"inaugurat[oa]\s+ieri",
           r"(?:è|sono)\s+stat[oaie]\s+(?:un[oa]?|un')\b", r"ha(?:nno)?\s+superato"),
    "cs": (r"proběh(?:l|la|lo|ly|li)", r"(?:se\s+)?kona(?:l|la|lo|ly|li)\s+se",
           r"se\s+kona(?:l|la|lo|ly|li)", r"uskutečni(?:l|la|lo|ly)\s+se",
           r"zúčastni(?:l|la|li|lo)",
           r"ohlédnutí", r"sešl(?:o|a|i|y)", r"konal[aoyi]?", r"výsledky", r"děkujeme\s+všem",
           r"za\s+námi"),
    "sk": (r"sa\s+kona(?:l|la|lo|li)", r"konal[aoi]?", r"prebeh(?:ol|la|lo|li)",
           r"zúčastni(?:l|la|li)",
           r"sa\s+stretl[oaiy]?", r"stretl[oaiy]?\s+sa", r"sa\s+zišl[oaiy]", r"uskutočnil[ao]?",
           r"realizovan[áé]", r"za\s+nami"),
    "en": (r"took\s+place", r"was\s+held", r"were\s+held", r"participated", r"attended",
           r"gathered", r"recap", r"highlights\s+(?:of|from)", r"report\s+from",
           r"thank(?:s|\s+you)\s+(?:to\s+all|for\s+attending)", r"was\s+a\s+(?:great\s+)?success",
           r"welcomed", r"looking\s+back", r"experts\s+met", r"met\s+in",
           # "hosted by" also qualifies a coming event: only the verb, or its passive past
           r"hosted(?!\s+by)", r"(?:was|were)\s+hosted",
           r"took\s+part", r"organi[sz]ed\s+the", r"we\s+were\s+pleased\s+to\s+attend",
           r"brought\s+together", r"showcased", r"\d{4}\s+saw\b",
           r"(?:drew|attracted)\s+(?:more|over|some|\d)",
           r"wrapped\s+up", r"came\s+to\s+a\s+close", r"(?:is|was)\s+over\b", r"celebrated",
           r"we\s+returned\s+to", r"joined\s+(?:the|us\s+(?:at|for))",
           r"held\s+(?:its|their|our|his|her)\b", r"kicked\s+off",
           r"was\s+attended\s+by", r"(?:was|were)\s+presented\s+(?:at|during)",
           r"witnessed", r"convened", r"(?<!be\s)held\s+over",
           r"(?:days?|week|time)\s+(?:we|they)\s+spent"),
    "pt": (r"realizou-se", r"decorreu", r"teve\s+lugar"),
    "nl": (r"vond(?:en)?\b.{0,80}?\bplaats", r"terugblik", r"namen\b.{0,60}?\bdeel",
           r"hebben\s+deelgenomen", r"was\s+een\s+(?:groot\s+)?succes"),
}

ANNOUNCE_WORDS: Mapping[str, tuple[str, ...]] = {
    "pl": (r"zaprasza(?:my|ją|)\b", r"zgłoszeni[ae]", r"rejestracj[aię]", r"zarejestruj\w*",
           r"zapisy", r"odbędzie\s+się", r"odbędą\s+się", r"weź(?:cie)?\s+udział",
           r"program\s+wydarzenia", r"zgłoś\s+się", r"rozpocznie\s+się", r"odbywa\s+się",
           r"będ(?:zie|ą)\s+(?:gospodarzem|o\s+tym\s+dyskutować)"),
    "de": (r"laden\b.{0,30}?\bein", r"einladung", r"anmeldung", r"anmelden",
           r"findet\b.{0,80}?\bstatt", r"wird\b.{0,40}?\bstattfinden", r"save\s+the\s+date"),
    "fr": (r"inscription\w*", r"inscrivez-vous", r"aura\s+lieu", r"se\s+tiendra",
           r"se\s+déroulera", r"vous\s+invit\w+", r"invitation", r"vous\s+convie", r"se\s+tient",
           r"tiennent"),
    # an entry in a register ("inscripción en el Registro") signs up for no event
    "es": (r"inscripci(?:ón|ones)(?!\s+en\s+el\s+registro)", r"inscríbete", r"tendrá\s+lugar",
           r"se\s+celebrará",
           r"(?:os|les)\s+invita\w*", r"se\s+llevará\s+a\s+cabo", r"participarán",
           r"participan\s+el\s+próximo", r"se\s+celebra\b"),
    "it": (r"iscrizion[ei]", r"iscriviti", r"si\s+terrà", r"si\s+svolgerà", r"avrà\s+luogo",
           r"vi\s+invit\w+", r"si\s+tiene", r"in\s+programma", r"interverrà"),
    "cs": (r"registrac\w+", r"přihlá\w+", r"se\s+uskuteční", r"uskuteční", r"proběhne",
           r"se\s+bude\s+konat",
           r"zveme", r"pozvánk\w+"),
    "sk": (r"registráci\w+", r"pozývame", r"sa\s+uskutoční", r"uskutoční", r"sa\s+bude\s+konať",
           r"bude\s+realizovan\w+", r"sa\s+zúčastní"),
    "nl": (r"nodig(?:en|t)\s+(?:u|je|jullie)\b.{0,40}?\buit", r"uitnodiging", r"aanmelden",
           r"meld\s+(?:je|u)\s+aan", r"inschrijv\w+", r"schrijf\s+(?:je|u)\s+in",
           r"zal\s+plaatsvinden", r"vindt\b.{0,60}?\bplaats"),
    "en": (r"register\w*", r"registration", r"sign\s+up", r"will\s+take\s+place",
           r"will\s+be\s+held", r"join\s+us", r"invit(?:e|es|ation)", r"save\s+the\s+date",
           r"apply\s+now", r"will\s+participate", r"will\s+host", r"scheduled\s+for",
           r"upcoming", r"will\s+(?:allow|bring|gather|feature|offer|welcome|hold)",
           r"holds\s+(?:its|their|our)\b", r"takes\s+place"),
}

CALL_WORDS: Mapping[str, tuple[str, ...]] = {
    "pl": (r"nab[óo]r\w*", r"konkurs\w*", r"zaproszeni\w*\s+do\s+składania", r"przetarg\w*",
           r"zapytani\w*\s+ofertow\w*", r"rekrutacj\w*\s+(?:do|uczestnik)\w*", r"dotacj\w*",
           r"grant\w*", r"dofinansowani\w*"),
    "de": (r"\w*ausschreibung\w*", r"förderaufruf\w*", r"aufruf\w*", r"\w*wettbewerb\w*",
           r"bewerbungsphase", r"jetzt\s+bewerben", r"fördermittel\w*", r"förderprogramm\w*",
           r"förderung\s+für", r"teilnehmer\s+gesucht", r"unternehmen\s+gesucht"),
    "fr": (r"appels?\s+à\s+(?:projets?|candidatures?|propositions?|manifestation\w*)",
           r"appels?\s+d'offres?", r"concours", r"subventions?"),
    "es": (r"convocatorias?", r"licitaci(?:ón|ones)", r"concurso", r"ayudas",
           r"subvenci(?:ón|ones)"),
    "it": (r"band[oi]", r"avvis[oi]\s+pubblic[oi]", r"concors[oi]",
           r"manifestazion[ei]\s+di\s+interesse", r"contribut[oi]\s+per", r"finanziament[oi]",
           r"cerchiamo\s+aziende"),
    "cs": (r"výzv[aye]\w*", r"soutěž\w*", r"dotační\s+program\w*", r"dotac[eí]\w*",
           r"hledáme\s+firmy"),
    "sk": (r"výzv[aye]\w*", r"súťaž\w*"),
    "nl": (r"oproep\w*", r"subsidieregeling\w*", r"aanbesteding\w*", r"open\s+call",
           r"prijsvraag"),
    "en": (r"calls?\s+for\s+(?:proposals|applications|papers|expressions?|tenders?|participants)",
           r"open\s+calls?", r"tenders?", r"funding\s+opportunit\w+", r"competition",
           r"apply\s+(?:now|by|until)", r"funding\s+for", r"call\s+(?:is\s+)?(?:now\s+)?open",
           r"vouchers?", r"grants?\s+for", r"companies\s+wanted",
           r"call\s+to\s+(?:organi[sz]e|host|submit|apply|join)"),
}

DEADLINE_WORDS: Mapping[str, tuple[str, ...]] = {
    "pl": (r"termin\s+(?:składania|nadsyłania|zgłosze\w*)", r"do\s+dnia", r"trwa\s+do",
           r"zgłoszenia\s+(?:do|przyjmujemy\s+do)", r"upływa",
           r"(?:składać|składanie|przesyłać|zgłaszać|nadsyłać)\w*\b.{0,60}?\bdo"),
    "de": (r"einsendeschluss", r"bewerbungsschluss", r"anmeldeschluss", r"frist", r"deadline",
           r"bis\s+zum", r"(?:anmeldung|bewerbung)\w*\s+bis",
           r"(?:einreichen|bewerben|einreichung)\w*\b.{0,40}?\bbis"),
    "fr": (r"date\s+limite", r"jusqu'au", r"clôture", r"avant\s+le",
           r"(?:déposer|candidater|soumettre)\w*\b.{0,60}?\bavant"),
    "es": (r"plazo", r"fecha\s+límite", r"hasta\s+el",
           r"(?:presentar|solicitar)\w*\b.{0,60}?\bhasta"),
    "it": (r"scadenza", r"entro\s+il", r"termine", r"fino\s+al",
           r"(?:presentat|inviat)\w*\b.{0,60}?\bentro"),
    "cs": (r"uzávěrka", r"termín\s+podání", r"do\s+dne",
           r"(?:podávat|podat|zaslat|přihlásit|odeslat)\w*\b.{0,60}?\bdo"),
    # "Submitted by Anna on 9 May" is a byline: "submitted by" is a deadline before a day only
    "en": (r"deadline", r"closing\s+date", r"apply\s+by", r"submissions?\s+(?:by|until)",
           r"submitted\s+(?:by|until|before)(?=\s+(?:the\s+)?\d)",
           r"registration\s+(?:closes|ends)", r"until"),
    "sk": (r"uzávierka", r"termín\s+podania", r"do\s+dňa",
           r"(?:podávať|podať|zaslať|prihlásiť)\w*\b.{0,60}?\bdo"),
    "pt": (r"prazo", r"data\s+limite", r"até\s+(?:ao|o)\s+dia"),
    "nl": (r"uiterlijk", r"deadline", r"sluitingsdatum", r"tot\s+en\s+met"),
}

JOB_WORDS: Mapping[str, tuple[str, ...]] = {
    "pl": (r"ofert\w*\s+pracy", r"ogłoszeni\w*\s+o\s+prac\w*", r"zatrudni(?:my|\s+)\w*",
           r"poszukujemy\s+(?:pracownik|kandydat|osob)\w*", r"praca\s+na\s+stanowisk\w*",
           r"stanowisk\w*\s+(?:ds\.|specjalist|kierownik|koordynator)"),
    "de": (r"stellenangebot\w*", r"stellenausschreibung\w*", r"wir\s+suchen", r"\(m/w/d\)",
           r"\(w/m/d\)", r"\(m/f/d\)", r"jobangebot\w*"),
    "fr": (r"offres?\s+d'emploi", r"recrut(?:e|ons|ement)", r"poste\s+à\s+pourvoir", r"\(h/f\)",
           r"\(f/h\)"),
    "es": (r"ofertas?\s+de\s+(?:empleo|trabajo)", r"vacantes?",
           r"buscamos\s+(?:un|una)\s+\w+"),
    "it": (r"offert[ae]\s+di\s+lavoro", r"posizion[ei]\s+apert[ae]",
           r"cerchiamo\s+(?:un|una|uno)\s+\w+"),
    "cs": (r"voln[ée]\s+(?:pracovní\s+)?míst[oa]", r"pracovní\s+nabídk\w+",
           r"hledáme\s+(?:nového\s+|novou\s+)?(?:kolegu|kolegyni|pracovník\w*|zaměstnan\w*|"
           r"posil\w*)"),
    "nl": (r"vacature\w*", r"wij\s+zoeken\s+(?:een|nieuwe)", r"we\s+zoeken\s+(?:een|nieuwe)"),
    "sk": (r"voľn[éá]\s+pracovn[éá]\s+miest[oa]", r"hľadáme\s+(?:nového|novú)\s+\w+",
           r"ponuka\s+práce"),
    "en": (r"job\s+(?:offer|opening|vacancy|advert)\w*", r"vacanc(?:y|ies)", r"we\s+are\s+hiring",
           r"we'?re\s+hiring", r"internships?", r"\(m/f/d\)"),
}

PRESS_WORDS: Mapping[str, tuple[str, ...]] = {
    "pl": (r"komunikat\w*\s+prasow\w*", r"informacj\w*\s+prasow\w*"),
    "de": (r"pressemitteilung\w*", r"presseinformation\w*", r"pressemeldung\w*"),
    "fr": (r"communiqué\w*\s+de\s+presse",),
    "es": (r"notas?\s+de\s+prensa", r"comunicados?\s+de\s+prensa"),
    "it": (r"comunicat[oi]\s+stampa",),
    "cs": (r"tiskov[áé]\s+zpráv\w*",),
    "sk": (r"tlačov[áé]\s+správ\w*",),
    "nl": (r"persbericht\w*",),
    "en": (r"press\s+release\w*", r"media\s+release\w*"),
    "xx": (r"/\s*prnewswire\s*/", r"dossier\s+de\s+presse", r"press\s+kit", r"pressemappe",
           r"/\s*pressetext\s*/", r"/\s*ots\s*/"),
}

#: unmistakable calls, safe to look for in a post's lead ("konkurs" and "competition" are
#: also prizes a member won: title only)
CALL_LEAD_WORDS: Mapping[str, tuple[str, ...]] = {
    "en": (r"calls?\s+for\s+(?:proposals|applications|expressions?\s+of\s+interest|tenders|"
           r"contributions|papers|abstracts|nominations)",
           r"expressions?\s+of\s+interests?", r"open\s+call",
           # an application with its deadline: awards, contests, programmes
           r"(?:deadline|closing\s+date)\s+for\s+(?:the\s+)?(?:applications?|submissions?|"
           r"nominations?)", r"application\s+(?:form|deadline)s?",
           r"complete\s+your\s+application",
           r"contest\s+is\s+(?:now\s+)?(?:open|started|launched)"),
    "de": (r"förderaufruf\w*", r"interessensbekundung\w*", r"\w*ausschreibung\w*",
           r"bewerbungs(?:schluss|frist|formular)\w*", r"jetzt\s+bewerben"),
    "fr": (r"appels?\s+à\s+(?:projets?|candidatures?|manifestation\w*)",
           r"date\s+limite\s+de\s+(?:candidature|dépôt|soumission)",
           r"dossiers?\s+de\s+candidature"),
    "es": (r"convocatorias?", r"plazo\s+de\s+(?:presentación|solicitud)\s+de\s+(?:solicitudes|"
           r"candidaturas|propuestas)", r"formulario\s+de\s+solicitud"),
    "it": (r"band[oi]\s+(?:per|di|a)", r"avvis[oi]\s+pubblic[oi]",
           r"(?:le\s+)?domande\s+(?:dovranno|potranno|possono)\s+essere\s+presentate",
           r"candidare\s+a\s+finanziamento", r"modulo\s+di\s+candidatura",
           r"scadenza\s+(?:per\s+la\s+)?presentazione\s+delle\s+domande"),
    "pl": (r"nab[óo]r\s+wniosków", r"zaproszeni\w*\s+do\s+składania",
           r"termin\s+składania\s+(?:wniosków|aplikacji|kandydatur)",
           r"formularz\w*\s+aplikacyjn\w*"),
    "cs": (r"výzv[auy]\s+(?:k|pro|programu)", r"termín\s+pro\s+podání\s+(?:žádostí|přihlášek)",
           r"uzávěrk\w+\s+(?:žádostí|přihlášek)"),
    "sk": (r"výzv[auy]\s+(?:na|pre)", r"uzávierk\w+\s+(?:žiadostí|prihlášok)"),
}

MEMBER_WORDS: Mapping[str, tuple[str, ...]] = {
    "pl": (r"członk\w*", r"z\s+życia\s+członków", r"nowy\s+członek"),
    "de": (r"mitglied\w*", r"aus\s+den\s+mitgliedsunternehmen", r"neues\s+mitglied"),
    "fr": (r"membres?", r"adhérents?", r"nouveau\s+membre"),
    "es": (r"socios?", r"asociados?", r"nuevo\s+socio"),
    "it": (r"soci", r"associati", r"nuovo\s+socio"),
    "cs": (r"člen\w*", r"nový\s+člen"),
    "nl": (r"leden", r"nieuw\s+lid"),
    "en": (r"members?", r"member\s+news", r"new\s+member"),
}

#: URL path segments / site categories that mark project news (title words are too common)
PROJECT_SEGMENTS = re.compile(
    r"(?:^|/)(?:projekt[ye]?|projects?|projets?|proyectos?|progetti|projetos?|projekte)(?:$|/)",
    re.IGNORECASE,
)

#: section path segments or categories marking member news ("/vie-des-adherents/…");
#: match them against the section part of a URL, never against a post's own slug
MEMBER_SEGMENTS = re.compile(
    r"(?:^|/)[\w-]*(?:czlonk|członk|member|mitglied|adherent|adhérent|membres|socios|soci|"
    r"associati|clenov|členov|zpravy-clenu)[\w-]*(?:$|/)",
    re.IGNORECASE,
)

#: company legal forms: a title naming a company is news about a member
LEGAL_FORM = re.compile(
    r"(?<![\w.])(?:S\.\s?A\.|sp\.\s?z\s?o\.\s?o\.|sp\.\s?k\.|sp\.\s?j\.|GmbH|AG|KG|"
    r"GmbH\s?&\s?Co\.\s?KG|e\.\s?K\.|S\.\s?L\.(?:U\.)?|S\.\s?r\.\s?l\.|S\.\s?p\.\s?A\.|SRL|"
    r"s\.\s?r\.\s?o\.|a\.\s?s\.|spol\.\s?s\s?r\.\s?o\.|Ltd\.?|Limited|PLC|Oy|Oyj|AB|ApS|A/S|"
    r"SAS|SARL|S\.A\.S\.|B\.?V\.?|N\.V\.|Kft\.|Zrt\.|d\.\s?o\.\s?o\.|Lda\.?)(?![\w])"
)

#: "our member …", "The company X …" at the start of a post
MEMBER_LEAD = re.compile(
    r"^(?i:firma|spółka|die\s+firma|das\s+unternehmen|l'entreprise|la\s+société|la\s+empresa|"
    r"l'azienda|la\s+società|společnost|spoločnosť|the\s+company)\s+[A-ZÀ-Ž]|"
    r"(?i:członek\s+(?:naszego\s+)?klastra|członka\s+(?:naszego\s+)?klastra|nasz\w*\s+członk\w*|"
    r"unser(?:e[sm]?)?\s+mitglied\w*|mitgliedsunternehmen|notre\s+adhérent|nos\s+adhérents|"
    r"nuestr[oa]s?\s+soci[oa]s?|empresa\s+asociada|nostr[oa]\s+soci[oa]|azienda\s+associata|"
    r"n[aá]š\s+člen|členská\s+firma|our\s+member|member\s+company)"
)


def compile_table(table: Mapping[str, tuple[str, ...]]) -> FoldedPattern:
    """One case-insensitive pattern over all languages, fragments bounded by non-letters
    (fragments are lowercase, see :class:`FoldedPattern`)."""
    fragments = [f for frags in table.values() for f in frags]
    return FoldedPattern.of_fragments(fragments, r"(?<![^\W\d_])", r"(?![^\W\d_])")


EVENT = compile_table(EVENT_WORDS)
REPORT = compile_table(REPORT_WORDS)

# "at the next general assembly", "na příští valné hromadě": a later meeting the post points
# to, not the event it is about (a news item's "results will be presented at the next …")
_NEXT_REF_WORDS = (
    r"(?:at|to|during|until|before|by|for)\s+(?:the|our|its)\s+next",
    r"(?:(?:auf|bei|in|zu|bis\s+zu|vor)\s+(?:der|dem|den)|zur|zum|beim|im|am)\s+nächsten",
    r"(?:lors\s+de|à|pour|avant|jusqu'à)\s+(?:la|le|l')\s*prochaine?",
    r"(?:en|para|durante|hasta|antes\s+de)\s+(?:la|el)\s+próxim[oa]",
    r"(?:alla|al|nella|nel|durante\s+(?:la|il)|per\s+(?:la|il)|prima\s+della|fino\s+alla)"
    r"\s+prossim[oa]",
    r"(?:na|podczas|do|przed)\s+(?:następn|najbliższ)\w*",
    r"(?:na|při|do|před|pri|pred)\s+(?:příští|nejbližší|budúc|najbližš|nasledujúc)\w*",
)
NEXT_EVENT_REF = FoldedPattern(
    rf"(?<![^\W\d_])(?:{'|'.join(_NEXT_REF_WORDS)})\s+(?:[^\W\d_]+\s+){{0,2}}?"
    rf"(?:{'|'.join(f for frags in EVENT_WORDS.values() for f in frags)})(?![^\W\d_])")
ANNOUNCE = compile_table(ANNOUNCE_WORDS)
CALL = compile_table(CALL_WORDS)
DEADLINE = compile_table(DEADLINE_WORDS)
JOB = compile_table(JOB_WORDS)
PRESS = compile_table(PRESS_WORDS)
CALL_LEAD = compile_table(CALL_LEAD_WORDS)
MEMBER = compile_table(MEMBER_WORDS)
