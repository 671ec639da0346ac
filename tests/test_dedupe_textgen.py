"""Deterministic multilingual text for the dedupe tests: cluster news in pl/de/en/es/fr/it/cs.

Sentences are built from parts (opener, subject, predicate, complement) with slots (company,
city, topic, numbers), each language with its own grammar-safe constructions (Polish and
Czech take genitive topics and locative cities; present tense avoids gender agreement), so
two posts almost never share a 4-word shingle by chance, as with real text. A post can be
rendered in another language from the same choices: a translation, not a copy.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

LANGS = ("pl", "de", "en", "es", "fr", "it", "cs")

# Per language: subjects (3rd person singular), predicates (verb + object), complements,
# openers, topics (in the case the constructions need), cities ((nominative, "in" phrase)),
# companies, amounts, title patterns, repost intros, title prefixes, footers, event notes.
BANKS: dict[str, dict[str, tuple[str, ...]]] = {
    "pl": {
        "subj": ("Klaster", "Zarząd klastra", "Nasza firma członkowska {company}",
                 "Regionalna agencja rozwoju", "Konsorcjum {n} przedsiębiorstw",
                 "Politechnika z naszego regionu", "Spółka {company}", "Urząd marszałkowski",
                 "Koordynator projektu", "Zespół ekspertów klastra", "Park technologiczny",
                 "Grupa robocza ds. innowacji"),
        "verb": ("uruchamia", "ogłasza", "przygotowuje", "prezentuje", "finansuje", "testuje",
                 "rozwija", "wspiera", "planuje", "koordynuje"),
        "obj": ("nowy program wsparcia", "projekt pilotażowy", "wspólną ofertę eksportową",
                "raport o stanie branży", "laboratorium badawcze", "platformę współpracy",
                "cykl szkoleń dla kadry zarządzającej", "program mentoringowy dla start-upów",
                "wspólne centrum testowe", "badanie potrzeb kompetencyjnych",
                "usługę kojarzenia dostawców", "nabór na bony na innowacje",
                "mapę drogową na kolejne lata", "bazę kompetencji regionu"),
        "qual": ("w obszarze {topic}", "dla firm {in_city}", "wspólnie z firmą {company2}",
                 "o wartości {amount} mln zł", "dla {n} firm członkowskich",
                 "ze szczególnym uwzględnieniem {topic}"),
        "comp": ("w ramach programu Fundusze Europejskie dla Nowoczesnej Gospodarki",
                 "we współpracy z partnerami z Niemiec i Czech",
                 "do końca {year} roku", "przy wsparciu samorządu województwa",
                 "zgodnie z regionalną strategią inteligentnych specjalizacji",
                 "z myślą o firmach z sektora produkcyjnego",
                 "na podstawie doświadczeń z poprzednich edycji",
                 "po konsultacjach z członkami klastra",
                 "w odpowiedzi na potrzeby zgłaszane przez przedsiębiorców"),
        "open": ("W tym tygodniu", "Jak poinformowali organizatorzy,", "Od {month} roku",
                 "Zgodnie z zapowiedziami", "Po wielu miesiącach przygotowań",
                 "Tuż przed wakacjami", "W drugiej połowie roku", "Dzięki decyzji zarządu"),
        "topic": ("zielonego wodoru", "gospodarki o obiegu zamkniętym", "sztucznej inteligencji",
                  "transformacji cyfrowej", "magazynowania energii", "technologii medycznych",
                  "przetwórstwa żywności", "elektromobilności", "cyberbezpieczeństwa",
                  "automatyzacji produkcji", "budownictwa drewnianego", "fotoniki"),
        "city": ("Gdańsk|w Gdańsku", "Poznań|w Poznaniu", "Wrocław|we Wrocławiu",
                 "Kraków|w Krakowie", "Łódź|w Łodzi", "Lublin|w Lublinie", "Katowice|w Katowicach",
                 "Rzeszów|w Rzeszowie"),
        "company": ("Hydromex", "Ekoenergia", "Pomorskie Centrum Technologii", "Polwax", "Digitron",
                    "Medivia", "Agrofood Polska", "Wodtech", "Kompozyt Sp. z o.o.", "Fotonika Lab",
                    "Baltic Motion", "Drewnobud"),
        "title": ("Nowy program wsparcia w obszarze {topic}", "{company} dołącza do klastra",
                  "Spotkanie członków klastra {in_city}", "Raport o rozwoju {topic}",
                  "Porozumienie z firmą {company2}", "Misja gospodarcza do Kanady",
                  "Nabór wniosków dla firm {in_city}", "Wyniki projektu w obszarze {topic}"),
        "intro": ("Publikujemy komunikat prasowy naszego partnera.",
                  "Poniżej przekazujemy informację otrzymaną od sieci partnerskiej.",
                  "Zamieszczamy komunikat, o którego publikację poproszono nasz klaster."),
        "prefix": ("Komunikat: ", "Informacja prasowa: ", "Z życia członków: "),
        "footer": ("Projekt współfinansowany ze środków Unii Europejskiej w ramach programu "
                   "regionalnego. Klaster {site} zrzesza ponad {n} firm i instytucji. "
                   "Kontakt dla mediów: biuro klastra, tel. 58 555 00 {n}.",
                   "Klaster {site} jest członkiem sieci Krajowych Klastrów Kluczowych. "
                   "Zapisz się do newslettera, aby otrzymywać informacje o wydarzeniach "
                   "i naborach. Administratorem danych osobowych jest {site}."),
        "event": ("Udział w wydarzeniu jest bezpłatny, liczba miejsc jest ograniczona. "
                  "Rejestracja odbywa się przez formularz na stronie klastra.",),
    },
    "de": {
        "subj": ("Der Cluster", "Die Geschäftsstelle des Clusters", "Unser Mitgliedsunternehmen "
                 "{company}", "Die regionale Wirtschaftsförderung", "Ein Verbund aus {n} Firmen",
                 "Die Hochschule der Region", "Die Firma {company}", "Das Landesministerium",
                 "Die Projektleitung", "Das Expertenteam des Clusters", "Der Technologiepark",
                 "Die Arbeitsgruppe Innovation"),
        "verb": ("startet", "präsentiert", "finanziert", "testet", "entwickelt", "unterstützt",
                 "plant", "koordiniert", "veröffentlicht", "organisiert"),
        "obj": ("ein neues Förderprogramm", "ein Pilotprojekt", "ein gemeinsames Exportangebot",
                "einen Bericht zur Lage der Branche", "ein Forschungslabor",
                "eine Kooperationsplattform", "eine Schulungsreihe für Führungskräfte",
                "ein Mentoringprogramm für Start-ups", "ein gemeinsames Testzentrum",
                "eine Studie zum Fachkräftebedarf", "einen Vermittlungsdienst für Zulieferer",
                "einen Aufruf für Innovationsgutscheine", "eine Roadmap für die kommenden Jahre",
                "eine Datenbank regionaler Kompetenzen"),
        "qual": ("im Bereich {topic}", "für Unternehmen {in_city}", "gemeinsam mit {company2}",
                 "im Umfang von {amount} Millionen Euro", "für {n} Mitgliedsunternehmen",
                 "mit Schwerpunkt {topic}"),
        "comp": ("im Rahmen des Programms Zentrales Innovationsprogramm Mittelstand",
                 "gemeinsam mit Partnern aus Polen und Tschechien", "bis Ende {year}",
                 "mit Unterstützung des Landes", "im Einklang mit der regionalen Innovationsstrategie",
                 "mit Blick auf Unternehmen aus der Produktion",
                 "auf Grundlage der Erfahrungen aus früheren Runden",
                 "nach Rücksprache mit den Clustermitgliedern",
                 "als Antwort auf den Bedarf der Unternehmen"),
        "open": ("In dieser Woche", "Wie die Veranstalter mitteilten,", "Seit {month}",
                 "Wie angekündigt", "Nach monatelanger Vorbereitung", "Kurz vor der Sommerpause",
                 "In der zweiten Jahreshälfte", "Auf Beschluss des Vorstands"),
        "topic": ("grüner Wasserstoff", "Kreislaufwirtschaft", "künstliche Intelligenz",
                  "digitale Transformation", "Energiespeicherung", "Medizintechnik",
                  "Lebensmittelverarbeitung", "Elektromobilität", "Cybersicherheit",
                  "Produktionsautomatisierung", "Holzbau", "Photonik"),
        "city": ("Dresden|in Dresden", "Leipzig|in Leipzig", "Stuttgart|in Stuttgart",
                 "Hamburg|in Hamburg", "Köln|in Köln", "Hannover|in Hannover",
                 "Nürnberg|in Nürnberg", "Linz|in Linz"),
        "company": ("Wasserstoffwerk Sachsen", "NordTech GmbH", "Kreislauf AG", "MedSys Leipzig",
                    "Photonik Nord", "Holzbau Müller", "DataForge", "Elektra Mobil", "Agrarfood GmbH",
                    "SensoLab", "Maschinenbau Weber", "CyberShield"),
        "title": ("Neues Förderprogramm im Bereich {topic}", "{company} tritt dem Cluster bei",
                  "Mitgliedertreffen {in_city}", "Branchenbericht {topic}",
                  "Kooperation mit {company2}", "Delegationsreise nach Kanada",
                  "Beratungstage für Unternehmen {in_city}", "Projektergebnisse: {topic}"),
        "intro": ("Wir teilen die folgende Pressemitteilung unseres Partnernetzwerks.",
                  "Nachfolgend veröffentlichen wir eine Meldung unseres Partners.",
                  "Die folgende Mitteilung erreichte uns von einem Mitglied."),
        "prefix": ("Pressemitteilung: ", "Meldung: ", "Aus dem Netzwerk: "),
        "footer": ("Das Projekt wird aus Mitteln des Europäischen Fonds für regionale Entwicklung "
                   "gefördert. Der Cluster {site} vereint mehr als {n} Unternehmen und "
                   "Einrichtungen. Pressekontakt: Geschäftsstelle, Telefon 0351 555 {n}.",
                   "{site} ist Mitglied der Initiative go-cluster. Abonnieren Sie unseren "
                   "Newsletter für Termine und Ausschreibungen. Verantwortlich im Sinne des "
                   "Presserechts ist {site}."),
        "event": ("Die Teilnahme ist kostenfrei, die Zahl der Plätze ist begrenzt. "
                  "Die Anmeldung erfolgt über das Formular auf der Website des Clusters.",),
    },
    "en": {
        "subj": ("The cluster", "The cluster management team", "Our member company {company}",
                 "The regional development agency", "A consortium of {n} companies",
                 "The regional university", "The company {company}", "The regional government",
                 "The project coordinator", "The cluster's expert group", "The science park",
                 "The innovation working group"),
        "verb": ("launches", "announces", "prepares", "presents", "funds", "tests", "develops",
                 "supports", "plans", "coordinates"),
        "obj": ("a new support programme", "a pilot project", "a joint export offer",
                "a report on the state of the sector", "a research laboratory",
                "a cooperation platform", "a series of training courses for managers",
                "a mentoring scheme for start-ups", "a shared testing facility",
                "a study on skills needs", "a matchmaking service for suppliers",
                "an open call for innovation vouchers", "a roadmap for the coming years",
                "a database of regional competences"),
        "qual": ("in the field of {topic}", "for companies {in_city}", "together with {company2}",
                 "worth {amount} million euros", "for {n} member companies",
                 "with a focus on {topic}"),
        "comp": ("under the European Regional Development Fund programme",
                 "together with partners from Germany and Czechia", "by the end of {year}",
                 "with the support of the regional authorities",
                 "in line with the regional smart specialisation strategy",
                 "with manufacturing companies in mind",
                 "building on the experience of previous rounds",
                 "after consulting the cluster members",
                 "in response to needs reported by companies"),
        "open": ("This week", "As the organisers announced,", "Since {month}", "As planned",
                 "After months of preparation", "Just before the summer break",
                 "In the second half of the year", "Following a board decision"),
        "topic": ("green hydrogen", "the circular economy", "artificial intelligence",
                  "digital transformation", "energy storage", "medical technology",
                  "food processing", "electric mobility", "cybersecurity",
                  "production automation", "timber construction", "photonics"),
        "city": ("Dublin|in Dublin", "Manchester|in Manchester", "Glasgow|in Glasgow",
                 "Cork|in Cork", "Leeds|in Leeds", "Bristol|in Bristol", "Cardiff|in Cardiff",
                 "Belfast|in Belfast"),
        "company": ("HydroGen Ltd", "CircleWorks", "Medinova", "AgriTech Solutions", "VoltDrive",
                    "SecureGrid", "PhotonEdge", "TimberFrame Ltd", "DataHarbour", "NanoCoat",
                    "BlueWave Robotics", "ClusterNet Europe"),
        "title": ("New support programme for {topic}", "{company} joins the cluster",
                  "Members' meeting {in_city}", "Industry report on {topic}",
                  "Cooperation agreement with {company2}", "Trade mission to Canada",
                  "Free advisory sessions {in_city}", "Project results: {topic}"),
        "intro": ("We share the following press release by our partner network.",
                  "The following announcement was sent to us by a partner.",
                  "We publish this news item at the request of a member."),
        "prefix": ("Press release: ", "News from our network: ", "Member news: "),
        "footer": ("This project is co-funded by the European Union. The {site} cluster brings "
                   "together more than {n} companies and institutions. Media contact: cluster "
                   "office, phone +44 20 5550 {n}.",
                   "{site} is a member of the European Cluster Collaboration Platform. Sign up "
                   "to our newsletter to receive news about events and calls. Privacy policy "
                   "and imprint of {site}."),
        "event": ("Participation is free of charge and places are limited. Registration is "
                  "open through the form on the cluster website.",),
    },
    "es": {
        "subj": ("El clúster", "La gerencia del clúster", "Nuestra empresa asociada {company}",
                 "La agencia de desarrollo regional", "Un consorcio de {n} empresas",
                 "La universidad de la región", "La empresa {company}", "El gobierno regional",
                 "El coordinador del proyecto", "El grupo de expertos del clúster",
                 "El parque tecnológico", "El grupo de trabajo de innovación"),
        "verb": ("lanza", "anuncia", "prepara", "presenta", "financia", "prueba", "desarrolla",
                 "apoya", "planifica", "coordina"),
        "obj": ("un nuevo programa de apoyo", "un proyecto piloto", "una oferta exportadora conjunta",
                "un informe sobre la situación del sector", "un laboratorio de investigación",
                "una plataforma de cooperación", "un ciclo de formación para directivos",
                "un programa de mentoría para startups", "un centro de ensayos compartido",
                "un estudio sobre necesidades de competencias",
                "un servicio de contacto con proveedores", "una convocatoria de bonos de innovación",
                "una hoja de ruta para los próximos años",
                "una base de datos de capacidades regionales"),
        "qual": ("en materia de {topic}", "para empresas {in_city}", "junto con la empresa {company2}",
                 "por valor de {amount} millones de euros", "para {n} empresas asociadas",
                 "con especial atención al ámbito de {topic}"),
        "comp": ("en el marco del programa FEDER", "junto con socios de Portugal y Francia",
                 "antes de finales de {year}", "con el apoyo del gobierno autonómico",
                 "en línea con la estrategia regional de especialización inteligente",
                 "pensando en las empresas del sector industrial",
                 "a partir de la experiencia de ediciones anteriores",
                 "tras consultar a los socios del clúster",
                 "como respuesta a las necesidades de las empresas"),
        "open": ("Esta semana", "Según informaron los organizadores,", "Desde {month}",
                 "Tal como estaba previsto", "Tras meses de preparación",
                 "Justo antes del verano", "En la segunda mitad del año",
                 "Por decisión de la junta directiva"),
        "topic": ("hidrógeno verde", "economía circular", "inteligencia artificial",
                  "transformación digital", "almacenamiento de energía", "tecnología médica",
                  "procesado de alimentos", "movilidad eléctrica", "ciberseguridad",
                  "automatización industrial", "construcción en madera", "fotónica"),
        "city": ("Bilbao|en Bilbao", "Valencia|en Valencia", "Sevilla|en Sevilla",
                 "Zaragoza|en Zaragoza", "Málaga|en Málaga", "Vigo|en Vigo",
                 "Murcia|en Murcia", "Oviedo|en Oviedo"),
        "company": ("Hidrógena", "Circulab", "Medicalia", "Agroalimentaria del Norte",
                    "Movilek", "Ciberguard", "Fotonia", "Maderas Unidas", "Datanova", "Roboteka",
                    "Energía Sur", "Nanotec Ibérica"),
        "title": ("Nuevo programa de apoyo en materia de {topic}", "{company} se incorpora al clúster",
                  "Reunión de socios {in_city}", "Informe sectorial: {topic}",
                  "Acuerdo con la empresa {company2}", "Misión comercial a Canadá",
                  "Asesoramiento gratuito {in_city}", "Resultados del proyecto: {topic}"),
        "intro": ("Compartimos la siguiente nota de prensa de nuestra red de socios.",
                  "Reproducimos a continuación un comunicado recibido de un socio.",
                  "Publicamos esta noticia a petición de una empresa asociada."),
        "prefix": ("Nota de prensa: ", "Comunicado: ", "Noticias de los socios: "),
        "footer": ("Proyecto cofinanciado por la Unión Europea a través del programa FEDER. "
                   "El clúster {site} agrupa a más de {n} empresas e instituciones. "
                   "Contacto de prensa: oficina del clúster, teléfono 944 555 {n}.",
                   "{site} es miembro de la Red de Clústeres de Excelencia. Suscríbase a "
                   "nuestro boletín para recibir noticias sobre eventos y convocatorias. "
                   "Aviso legal y política de privacidad de {site}."),
        "event": ("La participación es gratuita y las plazas son limitadas. La inscripción se "
                  "realiza mediante el formulario de la web del clúster.",),
    },
    "fr": {
        "subj": ("Le pôle", "L'équipe d'animation du pôle", "Notre entreprise adhérente {company}",
                 "L'agence régionale de développement", "Un consortium de {n} entreprises",
                 "L'université de la région", "La société {company}", "Le conseil régional",
                 "Le coordinateur du projet", "Le groupe d'experts du pôle", "Le technopôle",
                 "Le groupe de travail innovation"),
        "verb": ("lance", "annonce", "prépare", "présente", "finance", "teste", "développe",
                 "soutient", "planifie", "coordonne"),
        "obj": ("un nouveau programme d'accompagnement", "un projet pilote", "une offre export commune",
                "un rapport sur l'état de la filière", "un laboratoire de recherche",
                "une plateforme de coopération", "un cycle de formations pour les dirigeants",
                "un programme de mentorat pour les start-up", "un centre d'essais mutualisé",
                "une étude sur les besoins en compétences",
                "un service de mise en relation avec les fournisseurs",
                "un appel à projets pour des chèques innovation",
                "une feuille de route pour les prochaines années",
                "une base de données des compétences régionales"),
        "qual": ("dans le domaine {topic}", "pour les entreprises {in_city}",
                 "avec la société {company2}", "d'un montant de {amount} millions d'euros",
                 "pour {n} entreprises adhérentes", "au service {topic}"),
        "comp": ("dans le cadre du programme FEDER", "avec des partenaires belges et allemands",
                 "d'ici la fin de l'année {year}", "avec le soutien de la Région",
                 "conformément à la stratégie régionale de spécialisation intelligente",
                 "à destination des entreprises industrielles",
                 "en s'appuyant sur l'expérience des éditions précédentes",
                 "après consultation des adhérents du pôle",
                 "pour répondre aux besoins exprimés par les entreprises"),
        "open": ("Cette semaine", "Comme l'ont annoncé les organisateurs,", "Depuis {month}",
                 "Comme prévu", "Après plusieurs mois de préparation", "Juste avant l'été",
                 "Au second semestre", "Sur décision du conseil d'administration"),
        "topic": ("de l'hydrogène vert", "de l'économie circulaire", "de l'intelligence artificielle",
                  "de la transformation numérique", "du stockage de l'énergie",
                  "des technologies médicales", "de la transformation alimentaire",
                  "de la mobilité électrique", "de la cybersécurité",
                  "de l'automatisation de la production", "de la construction bois",
                  "de la photonique"),
        "city": ("Lyon|à Lyon", "Toulouse|à Toulouse", "Nantes|à Nantes", "Grenoble|à Grenoble",
                 "Lille|à Lille", "Bordeaux|à Bordeaux", "Rennes|à Rennes",
                 "Strasbourg|à Strasbourg"),
        "company": ("Hydrogène Alpes", "Circulo", "Médisens", "Agroval", "Voltéo", "Cybéris",
                    "Photonis Sud", "Bois Concept", "Datavenir", "Robotique Ouest",
                    "Énergie Rhône", "Nanomat"),
        "title": ("Nouveau programme dans le domaine {topic}", "{company} rejoint le pôle",
                  "Réunion des adhérents {in_city}", "Rapport sur l'état {topic}",
                  "Accord avec la société {company2}", "Mission d'affaires au Canada",
                  "Permanences gratuites {in_city}", "Résultats d'un projet au service {topic}"),
        "intro": ("Nous relayons le communiqué de presse suivant de notre réseau partenaire.",
                  "Nous publions ci-dessous une information transmise par un partenaire.",
                  "Cette actualité nous a été communiquée par un adhérent."),
        "prefix": ("Communiqué : ", "Actualité partenaire : ", "Vie des adhérents : "),
        "footer": ("Projet cofinancé par l'Union européenne dans le cadre du FEDER. Le pôle "
                   "{site} fédère plus de {n} entreprises et établissements. Contact presse : "
                   "équipe d'animation, téléphone 04 72 55 {n}.",
                   "{site} est membre de l'Association française des pôles de compétitivité. "
                   "Abonnez-vous à notre lettre d'information pour suivre nos événements et "
                   "appels. Mentions légales de {site}."),
        "event": ("La participation est gratuite et le nombre de places est limité. "
                  "L'inscription se fait via le formulaire du site du pôle.",),
    },
    "it": {
        "subj": ("Il cluster", "La direzione del cluster", "La nostra azienda associata {company}",
                 "L'agenzia di sviluppo regionale", "Un consorzio di {n} imprese",
                 "L'università del territorio", "L'azienda {company}", "La Regione",
                 "Il coordinatore del progetto", "Il gruppo di esperti del cluster",
                 "Il parco scientifico", "Il gruppo di lavoro innovazione"),
        "verb": ("avvia", "annuncia", "prepara", "presenta", "finanzia", "sperimenta", "sviluppa",
                 "sostiene", "pianifica", "coordina"),
        "obj": ("un nuovo programma di sostegno", "un progetto pilota", "un'offerta comune per l'export",
                "un rapporto sullo stato del settore", "un laboratorio di ricerca",
                "una piattaforma di cooperazione", "un ciclo di formazione per i manager",
                "un programma di mentoring per le startup", "un centro prove condiviso",
                "uno studio sui fabbisogni di competenze",
                "un servizio di incontro con i fornitori", "un bando per voucher all'innovazione",
                "una tabella di marcia per i prossimi anni",
                "una banca dati delle competenze regionali"),
        "qual": ("in materia di {topic}", "per le imprese di {city}", "insieme all'azienda {company2}",
                 "del valore di {amount} milioni di euro", "per {n} imprese associate",
                 "con un focus su {topic}"),
        "comp": ("nell'ambito del programma FESR", "insieme a partner austriaci e sloveni",
                 "entro la fine del {year}", "con il sostegno della Regione",
                 "in linea con la strategia regionale di specializzazione intelligente",
                 "pensando alle imprese manifatturiere",
                 "sulla base dell'esperienza delle edizioni precedenti",
                 "dopo aver consultato i soci del cluster",
                 "in risposta alle esigenze segnalate dalle imprese"),
        "open": ("Questa settimana", "Come hanno comunicato gli organizzatori,", "Da {month}",
                 "Come previsto", "Dopo mesi di preparazione", "Poco prima della pausa estiva",
                 "Nella seconda metà dell'anno", "Su decisione del consiglio direttivo"),
        "topic": ("idrogeno verde", "economia circolare", "intelligenza artificiale",
                  "trasformazione digitale", "accumulo di energia", "tecnologie mediche",
                  "trasformazione alimentare", "mobilità elettrica", "sicurezza informatica",
                  "automazione della produzione", "edilizia in legno", "fotonica"),
        "city": ("Torino|a Torino", "Bologna|a Bologna", "Genova|a Genova", "Padova|a Padova",
                 "Trieste|a Trieste", "Bari|a Bari", "Firenze|a Firenze", "Verona|a Verona"),
        "company": ("Idrogenia", "Circolare Srl", "Medilab Italia", "Agrifood Veneto",
                    "Voltamobile", "Cybersafe", "Fotonica Nord", "Legnotech", "Datapiù",
                    "Robotica Adriatica", "Energia Alpina", "Nanomateriali Spa"),
        "title": ("Nuovo programma in materia di {topic}", "{company} entra nel cluster",
                  "Assemblea dei soci {in_city}", "Rapporto di settore: {topic}",
                  "Accordo con l'azienda {company2}", "Missione commerciale in Canada",
                  "Consulenza gratuita {in_city}", "Risultati del progetto: {topic}"),
        "intro": ("Condividiamo il seguente comunicato stampa della nostra rete di partner.",
                  "Pubblichiamo di seguito una notizia ricevuta da un partner.",
                  "Riportiamo questa notizia su richiesta di un socio."),
        "prefix": ("Comunicato stampa: ", "Dalla rete: ", "Notizie dai soci: "),
        "footer": ("Progetto cofinanziato dall'Unione europea nell'ambito del programma FESR. "
                   "Il cluster {site} riunisce oltre {n} imprese ed enti. Contatti stampa: "
                   "segreteria del cluster, telefono 011 555 {n}.",
                   "{site} aderisce alla rete dei Cluster Tecnologici Nazionali. Iscriviti alla "
                   "newsletter per ricevere notizie su eventi e bandi. Informativa privacy di "
                   "{site}."),
        "event": ("La partecipazione è gratuita e i posti sono limitati. L'iscrizione avviene "
                  "tramite il modulo sul sito del cluster.",),
    },
    "cs": {
        "subj": ("Klastr", "Vedení klastru", "Naše členská firma {company}",
                 "Regionální rozvojová agentura", "Konsorcium {n} podniků",
                 "Univerzita v našem regionu", "Společnost {company}", "Krajský úřad",
                 "Koordinátor projektu", "Expertní tým klastru", "Vědeckotechnický park",
                 "Pracovní skupina pro inovace"),
        "verb": ("spouští", "vyhlašuje", "připravuje", "představuje", "financuje", "testuje",
                 "rozvíjí", "podporuje", "plánuje", "koordinuje"),
        "obj": ("nový program podpory", "pilotní projekt", "společnou exportní nabídku",
                "zprávu o stavu odvětví", "výzkumnou laboratoř", "platformu pro spolupráci",
                "cyklus školení pro manažery", "mentoringový program pro start-upy",
                "sdílené testovací centrum", "studii o potřebách dovedností",
                "službu propojování s dodavateli", "výzvu na inovační vouchery",
                "cestovní mapu na další roky", "databázi regionálních kompetencí"),
        "qual": ("v oblasti {topic}", "pro firmy {in_city}", "spolu se společností {company2}",
                 "v hodnotě {amount} milionů korun", "pro {n} členských firem",
                 "se zaměřením na oblast {topic}"),
        "comp": ("v rámci programu OP Technologie a aplikace pro konkurenceschopnost",
                 "spolu s partnery z Polska a Německa", "do konce roku {year}",
                 "s podporou kraje", "v souladu s krajskou strategií inteligentní specializace",
                 "s ohledem na výrobní podniky",
                 "na základě zkušeností z předchozích ročníků",
                 "po konzultaci s členy klastru", "v reakci na potřeby firem"),
        "open": ("Tento týden", "Jak oznámili organizátoři,", "Od {month}", "Podle plánu",
                 "Po měsících příprav", "Těsně před prázdninami", "Ve druhé polovině roku",
                 "Na základě rozhodnutí představenstva"),
        "topic": ("zeleného vodíku", "oběhového hospodářství", "umělé inteligence",
                  "digitální transformace", "ukládání energie", "zdravotnických technologií",
                  "zpracování potravin", "elektromobility", "kybernetické bezpečnosti",
                  "automatizace výroby", "dřevostaveb", "fotoniky"),
        "city": ("Brno|v Brně", "Ostrava|v Ostravě", "Plzeň|v Plzni", "Olomouc|v Olomouci",
                 "Liberec|v Liberci", "Zlín|ve Zlíně", "Pardubice|v Pardubicích",
                 "Hradec Králové|v Hradci Králové"),
        "company": ("Vodíková technika", "Cirkulo", "Medtech Brno", "Agropotraviny",
                    "Elektromobil CZ", "Kyberštít", "Fotonika Olomouc", "Dřevostavby Novák",
                    "Datový most", "Robotika Zlín", "Energie Morava", "Nanovlákna"),
        "title": ("Nový program podpory v oblasti {topic}", "{company} vstupuje do klastru",
                  "Setkání členů klastru {in_city}", "Odvětvová zpráva: {topic}",
                  "Dohoda se společností {company2}", "Obchodní mise do Kanady",
                  "Bezplatné konzultace {in_city}", "Výsledky projektu v oblasti {topic}"),
        "intro": ("Sdílíme následující tiskovou zprávu naší partnerské sítě.",
                  "Níže zveřejňujeme informaci, kterou nám zaslal partner.",
                  "Tuto zprávu zveřejňujeme na žádost členské firmy."),
        "prefix": ("Tisková zpráva: ", "Z partnerské sítě: ", "Zprávy členů: "),
        "footer": ("Projekt je spolufinancován Evropskou unií. Klastr {site} sdružuje více než "
                   "{n} firem a institucí. Kontakt pro média: kancelář klastru, "
                   "telefon 555 100 {n}.",
                   "{site} je členem Národní klastrové asociace. Přihlaste se k odběru "
                   "newsletteru a dostávejte informace o akcích a výzvách. Zásady ochrany "
                   "osobních údajů {site}."),
        "event": ("Účast je bezplatná a kapacita je omezená. Registrace probíhá přes formulář "
                  "na webu klastru.",),
    },
}

MONTH_WORDS = {
    "pl": "stycznia lutego marca kwietnia maja czerwca",
    "de": "Januar Februar März April Mai Juni",
    "en": "January February March April May June",
    "es": "enero febrero marzo abril mayo junio",
    "fr": "janvier février mars avril mai juin",
    "it": "gennaio febbraio marzo aprile maggio giugno",
    "cs": "ledna února března dubna května června",
}


Sentence = tuple[int, int, int, int, int, int, int]  # opener subj verb obj qual comp seed


@dataclass
class Plan:
    """Language-independent choices of one post: render it in any language."""

    sentences: list[Sentence]
    paragraphs: list[int]  # sentences per paragraph
    title: int
    slots: dict[str, int] = field(default_factory=dict)


def plan(rng: random.Random, words: int) -> Plan:
    """Choices for a post of about ``words`` words (3 to 5 paragraphs)."""
    count = max(2, round(words / 15))

    def maybe(n: int, p: float) -> int:
        return rng.randrange(n) if rng.random() < p else -1

    sentences = [
        (maybe(8, 0.3), rng.randrange(12), rng.randrange(10), rng.randrange(14), maybe(6, 0.6),
         maybe(9, 0.45), rng.randrange(1 << 30))
        for _ in range(count)
    ]
    parts = min(count, rng.randint(3, 5))
    sizes = [count // parts + (1 if i < count % parts else 0) for i in range(parts)]
    return Plan(sentences, sizes, rng.randrange(8))


def _fill(template: str, lang: str, seed: int) -> str:
    rng = random.Random(seed)
    bank = BANKS[lang]
    city = rng.choice(bank["city"]).split("|")
    companies = rng.sample(bank["company"], 2)
    return template.format(
        company=companies[0], company2=companies[1], topic=rng.choice(bank["topic"]),
        in_city=city[1], city=city[0], n=rng.choice((12, 18, 25, 36, 40, 54, 64, 85, 120)),
        amount=rng.choice((1.5, 2, 3.2, 4, 7.5, 12, 15, 28)), year=rng.choice((2024, 2025, 2026)),
        month=rng.choice(MONTH_WORDS[lang].split()),
    )


def _sentence(lang: str, parts: Sentence) -> str:
    opener, subj, verb, obj, qual, comp, seed = parts
    bank = BANKS[lang]
    subject, rest = bank["subj"][subj], [bank["obj"][obj]]
    if qual >= 0:
        rest.append(bank["qual"][qual])
    if comp >= 0:
        rest.append(bank["comp"][comp])
    if opener < 0:
        words = [subject, bank["verb"][verb], *rest]
    elif lang == "de":  # verb second: "In dieser Woche startet der Cluster ..."
        words = [bank["open"][opener], bank["verb"][verb], subject[0].lower() + subject[1:], *rest]
    else:
        words = [bank["open"][opener], subject[0].lower() + subject[1:], bank["verb"][verb], *rest]
    text = _fill(" ".join(words), lang, seed)
    return text[0].upper() + text[1:] + "."


def render(p: Plan, lang: str) -> tuple[str, list[str]]:
    """(title, paragraphs) of a plan in one language."""
    sentences = [_sentence(lang, parts) for parts in p.sentences]
    paragraphs, at = [], 0
    for size in p.paragraphs:
        paragraphs.append(" ".join(sentences[at : at + size]))
        at += size
    title = _fill(BANKS[lang]["title"][p.title], lang, p.sentences[0][-1])
    return title[0].upper() + title[1:], paragraphs


def footer(lang: str, site: str, seed: int) -> str:
    """The site's own boilerplate (always the same for one site)."""
    bank = BANKS[lang]
    return bank["footer"][seed % len(bank["footer"])].format(site=site, n=10 + seed % 80)


# ----------------------------------------------------------------------------- tests


def test_render_is_deterministic_and_varied() -> None:
    texts = set()
    for lang in LANGS:
        for i in range(20):
            p = plan(random.Random(i), 200)
            title, paras = render(p, lang)
            assert (title, paras) == render(plan(random.Random(i), 200), lang)
            assert 120 <= len(" ".join(paras).split()) <= 320, (lang, paras)
            texts.add(" ".join(paras))
    assert len(texts) == 7 * 20


def test_two_posts_share_few_shingles() -> None:
    def shingles(text: str) -> set[tuple[str, ...]]:
        w = text.casefold().split()
        return {tuple(w[i : i + 4]) for i in range(len(w) - 3)}

    worst = 0.0
    for lang in LANGS:
        for i in range(15):
            a = shingles(" ".join(render(plan(random.Random(2 * i), 150), lang)[1]))
            b = shingles(" ".join(render(plan(random.Random(2 * i + 1), 150), lang)[1]))
            worst = max(worst, len(a & b) / len(a | b))
    assert worst < 0.2
