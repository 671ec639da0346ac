"""Spanish: "del 3 al 5 de junio de 2025", "14 y 15 de abril", "25 de noviembre de 2025"."""

from __future__ import annotations

from datetime import date, datetime

from .lang_base import Lang, dd, mm
from .model import City

MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)
WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")


def _long(d: date) -> str:
    return f"{d.day} de {MONTHS[d.month - 1]} de {d.year}"


def _range_a(s: date, e: date) -> str:
    if s.month != e.month:
        return f"del {s.day} de {MONTHS[s.month - 1]} al {_long(e)}"
    return f"del {s.day} al {_long(e)}"


def _range_b(s: date, e: date) -> str:
    if (e - s).days == 1 and s.month == e.month:
        return f"los días {s.day} y {_long(e)}"
    return _range_a(s, e)


def _deadline(t: datetime) -> str:
    return f"{_long(t.date())} a las {t:%H:%M} horas"


CITIES = {
    c.en: c
    for c in (
        City("Brussels", "Bruselas", "en Bruselas", "BE"),
        City("Valencia", "Valencia", "en Valencia", "ES"),
        City("Madrid", "Madrid", "en Madrid", "ES"),
        City("Barcelona", "Barcelona", "en Barcelona", "ES"),
        City("Bilbao", "Bilbao", "en Bilbao", "ES"),
        City("Zaragoza", "Zaragoza", "en Zaragoza", "ES"),
        City("Seville", "Sevilla", "en Sevilla", "ES"),
        City("Málaga", "Málaga", "en Málaga", "ES"),
        City("Castellón de la Plana", "Castellón", "en Castellón", "ES"),
        City("Lisbon", "Lisboa", "en Lisboa", "PT"),
        City("Marseille", "Marsella", "en Marsella", "FR"),
        City("Milan", "Milán", "en Milán", "IT"),
        City("Hamburg", "Hamburgo", "en Hamburgo", "DE"),
        City("Rotterdam", "Róterdam", "en Róterdam", "NL"),
    )
}

UI = {
    "home": "Inicio", "nav_news": "Noticias", "nav_events": "Eventos",
    "nav_calls": "Convocatorias", "nav_members_news": "Noticias de socios",
    "nav_about": "Quiénes somos", "nav_members": "Socios", "nav_contact": "Contacto",
    "slug_news": "noticias", "slug_events": "eventos", "slug_calls": "convocatorias",
    "slug_members_news": "noticias-de-socios", "slug_about": "quienes-somos",
    "slug_members": "socios",
    "slug_contact": "contacto",
    "php_list": "noticias", "php_item": "noticia", "q_page": "pagina", "q_month": "mes",
    "back": "Volver", "read_more": "Leer más", "latest": "Últimas noticias",
    "next_page": "Siguiente", "prev_page": "Anterior", "older": "Noticias anteriores",
    "newer": "Noticias recientes",
    "cookie": "Utilizamos cookies propias y de terceros para mejorar nuestros servicios. "
    "Si continúa navegando, consideramos que acepta su uso.",
    "cookie_ok": "Aceptar", "privacy": "Política de privacidad", "share": "Compartir:",
    "search": "Buscar", "picks": "Destacados del boletín",
    "rights": "Todos los derechos reservados",
    "print": "Imprimir", "add_to_calendar": "Añadir al calendario",
    "calendar": "Calendario de eventos", "no_events": "No hay eventos este mes.",
    "prev_month": "Mes anterior", "next_month": "Mes siguiente", "venue": "Lugar", "when": "Fecha",
    "not_found": "Página no encontrada", "tags": "Etiquetas", "feed": "Canal RSS",
    "follow": "Síguenos", "published_on": "Publicado el {date}",
    "submitted": "Enviado por {author} el {date}", "published_label": "Publicado: {date}",
    "page": "Página", "newsletter": "Suscríbete a nuestro boletín",
    "newsletter_text": "Cada mes, convocatorias, eventos y noticias del clúster en tu correo.",
    "eu_footer": "Proyecto cofinanciado por el Fondo Europeo de Desarrollo Regional (FEDER). "
    "Una manera de hacer Europa.",
    "cat_news": "Noticias", "cat_events": "Eventos", "cat_calls": "Convocatorias",
    "cat_members": "Noticias de socios", "members_intro": "Entre nuestros socios se encuentran:",
    "press_release": "Nota de prensa", "details": "Detalles", "category": "Categoría",
}

TOPICS = (
    {"topic": "la transformación digital", "de_topic": "de la transformación digital"},
    {"topic": "la economía circular", "de_topic": "de la economía circular"},
    {"topic": "la eficiencia energética", "de_topic": "de la eficiencia energética"},
    {"topic": "la inteligencia artificial", "de_topic": "de la inteligencia artificial"},
    {"topic": "el hidrógeno verde", "de_topic": "del hidrógeno verde"},
    {"topic": "la logística portuaria", "de_topic": "de la logística portuaria"},
    {"topic": "la ciberseguridad", "de_topic": "de la ciberseguridad"},
    {"topic": "la intermodalidad", "de_topic": "de la intermodalidad"},
    {"topic": "la descarbonización del transporte",
    "de_topic": "de la descarbonización del transporte"},
    {"topic": "la internacionalización de las pymes",
    "de_topic": "de la internacionalización de las pymes"},
    {"topic": "la cadena de frío", "de_topic": "de la cadena de frío"},
)

TITLES = {
    "news": (
        "El clúster lanza un proyecto en el ámbito {de_topic}",
        "Estudio sobre {topic} en las pymes del sector",
        "Balance del año {year} del clúster",
        "El clúster aprueba su plan estratégico {year}-{year2}",
        "Asamblea general de socios {in_city}",
        "Encuesta a los socios: {topic}, prioridad para {year}",
        "El clúster refuerza su red de socios europeos",
    ),
    "event_announcement": (
        "Abiertas las inscripciones: {event} {year}",
        "{event} {in_city}",
        "Jornada técnica sobre {topic}",
        "Reserva la fecha: {event}",
        "Misión comercial {in_city}",
        "Taller práctico: {topic}",
    ),
    "event_report": (
        "Crónica: {event} {year}",
        "Éxito de participación en {event}",
        "El clúster, presente en la feria {in_city}",
        "Jornada sobre {topic}: resumen",
        "Misión comercial {in_city}: balance",
        "Así fue {event} {year}",
    ),
    "call": (
        "Convocatoria {programme}: {topic}",
        "Nueva convocatoria del programa {programme}",
        "Convocatoria para participar en la misión comercial {in_city}",
        "Ayudas para proyectos en el ámbito {de_topic}",
        "Bonos de innovación {year}: abierta la convocatoria",
    ),
    "member_news": (
        "{company} inaugura nuevas instalaciones",
        "Premio a la innovación para {company}",
        "Damos la bienvenida a {company}",
        "{company} refuerza su presencia internacional",
        "{company} amplía su flota",
    ),
}

SENTENCES = {
    "intro_news": (
        "El clúster pone en marcha un nuevo proyecto colaborativo en el ámbito {de_topic}.",
        "La junta directiva ha fijado las prioridades de los próximos meses, con especial atención "
        "al reto {de_topic}.",
        "Nuestra última encuesta lo confirma: {topic} sigue siendo una de las principales "
        "preocupaciones de las empresas asociadas.",
        "El nuevo estudio del clúster analiza cómo abordan las pymes el reto {de_topic}.",
        "Una delegación del clúster se reunió {in_city} con socios de varios países europeos.",
    ),
    "intro_event_announcement": (
        "Os invitamos a «{event}», que se celebrará {dates} {in_city}.",
        "{dates_cap} tendrá lugar {in_city} «{event}», punto de encuentro de empresas, centros "
        "tecnológicos y administraciones.",
        "Bajo el título «{event}», el clúster organiza {dates} {in_city} una jornada sobre "
        "{topic}.",
        "Reserva la fecha: «{event}» se celebrará {dates} {in_city}.",
    ),
    "intro_event_report": (
        "Más de {count} profesionales se dieron cita {dates} {in_city} en «{event}».",
        "«{event}» se celebró {dates} {in_city} con una gran participación de empresas socias.",
        "El clúster participó en «{event}», celebrado {dates} {in_city}.",
        "Así fue «{event}»: {dates}, expertos debatieron {in_city} sobre {topic}.",
    ),
    "intro_call": (
        "Se ha publicado una nueva convocatoria en el marco del programa {programme}.",
        "Las pymes ya pueden presentar sus solicitudes al programa {programme}.",
        "Recordamos a nuestros socios que está abierta una convocatoria del programa {programme}.",
        "Buscamos empresas interesadas en participar en un nuevo proyecto sobre {topic}.",
    ),
    "intro_member_news": (
        "Nuestra empresa socia {company} ha recibido un premio a la innovación.",
        "La empresa {company} ha inaugurado un nuevo centro logístico {in_city}.",
        "Damos la bienvenida a {company}, nueva empresa socia del clúster.",
        "{company} ha firmado un acuerdo de colaboración con un socio alemán.",
    ),
    "news": (
        "El proyecto tendrá una duración de dos años y un presupuesto de {count}.000 euros.",
        "Los resultados se presentarán en la próxima asamblea general.",
        "El socio tecnológico del proyecto es {partner}.",
        "La falta de perfiles cualificados sigue siendo la principal dificultad para las empresas.",
        "El aumento de los costes energéticos también preocupa al sector.",
        "Se han previsto grupos de trabajo, visitas a empresas y seminarios en línea.",
        "El estudio completo está disponible en el área de socios.",
        "Universidades y centros tecnológicos de la región están invitados a participar.",
        "Las actuaciones se alinean con la estrategia regional de especialización inteligente.",
        "Los primeros resultados se esperan antes de finales de año.",
    ),
    "event_announcement": (
        "El programa incluye ponencias, mesas redondas y reuniones B2B.",
        "La asistencia es gratuita, pero las plazas son limitadas.",
        "Participarán ponentes nacionales e internacionales.",
        "El evento cuenta con la colaboración de {partner}.",
        "Será una excelente ocasión para establecer nuevos contactos.",
        "El programa detallado se publicará próximamente.",
        "Esta edición pondrá el foco en {topic}.",
        "Habrá una zona de exposición para las empresas socias.",
    ),
    "event_report": (
        "Los asistentes pudieron seguir varias ponencias y participar en reuniones B2B.",
        "Las mesas redondas se centraron en {topic}.",
        "El estand del clúster recibió numerosas visitas.",
        "Se celebraron más de {count} reuniones de negocio.",
        "Agradecemos a todos los participantes y colaboradores su implicación.",
        "Las presentaciones de los ponentes están disponibles para los socios.",
        "La jornada demostró el valor de la colaboración entre empresas y centros de "
        "investigación.",
        "El evento contó con la colaboración de {partner}.",
    ),
    "call": (
        "Pueden participar las pymes con sede en la Unión Europea.",
        "La ayuda máxima asciende a {count}.000 euros por proyecto.",
        "Las solicitudes se presentan exclusivamente por vía electrónica.",
        "Las bases de la convocatoria detallan los requisitos.",
        "Se valorarán los proyectos en cooperación con centros de investigación.",
        "El equipo técnico del clúster asesora gratuitamente a las empresas interesadas.",
        "La convocatoria se dirige a proyectos en el ámbito {de_topic}.",
    ),
    "member_news": (
        "Las nuevas instalaciones permitirán crear una veintena de puestos de trabajo.",
        "La empresa está especializada en soluciones en el ámbito {de_topic}.",
        "Este reconocimiento premia años de inversión en I+D+i.",
        "¡Enhorabuena y muchos éxitos!",
        "El premio se entregó en una gala celebrada {in_city}.",
        "La compañía prevé abrir mercado en el norte de Europa el próximo año.",
        "La colaboración incluye desarrollos conjuntos e intercambio de conocimiento.",
    ),
    "generic": (
        "El clúster agrupa actualmente a más de {count} empresas, universidades y centros "
        "tecnológicos.",
        "Síguenos en redes sociales para no perderte ninguna novedad.",
        "El equipo del clúster queda a vuestra disposición para cualquier consulta.",
        "La actividad del clúster contribuye al desarrollo económico de la región.",
        "Es un paso más en la consolidación de nuestra red.",
        "Los socios pueden proponer temas para los próximos encuentros.",
        "Os mantendremos informados de las próximas actividades.",
        "La cooperación europea sigue siendo una prioridad para el clúster.",
    ),
    "close_event_announcement": (
        "Inscripción previa obligatoria antes del {date}.",
        "Las inscripciones permanecerán abiertas hasta el {date}.",
        "Rogamos confirmar asistencia antes del {date}.",
    ),
    "close_call": (
        "El plazo de presentación de solicitudes finaliza el {deadline}.",
        "Las solicitudes podrán presentarse hasta el {deadline}.",
    ),
}

LANG = Lang(
    code="es",
    months=MONTHS,
    weekdays=WEEKDAYS,
    cities=CITIES,
    ui=UI,
    date_long=_long,
    date_numeric=lambda d: f"{dd(d)}/{mm(d)}/{d.year}",
    ranges=(_range_a, _range_b),
    singles=(lambda d: f"el {_long(d)}", lambda d: f"el {WEEKDAYS[d.weekday()]} {_long(d)}"),
    yearless=lambda s, e: (
        f"los días {s.day} y {e.day} de {MONTHS[e.month - 1]}"
        if (e - s).days == 1
        else f"del {s.day} al {e.day} de {MONTHS[e.month - 1]}"
    ),
    deadline=_deadline,
    titles=TITLES,
    sentences=SENTENCES,
    topics=TOPICS,
    event_names=(
        "Foro de Logística del Mediterráneo", "Jornada de Innovación Portuaria",
        "Congreso de Transporte Sostenible", "Encuentro Empresarial del Clúster",
        "Foro del Hidrógeno", "Jornada de Digitalización Logística", "Encuentro de Cargadores",
        "Foro de Economía Circular", "Semana de la Intermodalidad", "Foro de Talento Logístico",
    ),
    companies=(
        "Transportes Navarro S.L.", "Frigoríficos del Turia S.A.", "LogiPort Levante S.L.",
        "Grupo Mediterráneo Cargo", "Almacenes Serrano S.A.", "TecnoRail Ibérica S.L.",
        "Naviera Azahar S.A.", "DataLog Solutions S.L.", "Embalajes Vicent S.L.",
        "Ecotrans Valencia",
    ),
    programmes=(
        "Horizonte Europa", "Kit Digital", "FEDER Comunitat Valenciana", "CEF Transporte",
        "Interreg MED", "Programa para el Mercado Único",
    ),
    partners=(
        "la Universitat Politècnica de València", "la Autoridad Portuaria", "el Instituto "
        "Tecnológico de la Logística", "la Cámara de Comercio", "Enterprise Europe Network",
    ),
    cluster_names=(
        "Clúster de la Automoción de Aragón", "Clúster Agroalimentario de Andalucía",
        "Clúster de Energía del País Vasco", "Clúster TIC de Galicia",
        "Clúster del Mueble de Murcia",
        "Clúster Marítimo de Cantabria", "Clúster de la Salud de Navarra",
        "Clúster Cerámico de Castellón", "Clúster del Vino de La Rioja",
        "Clúster Aeroespacial de Madrid",
    ),
    pages={
        "about": ("Quiénes somos", "{cluster} es una asociación empresarial sin ánimo de lucro que "
                  "agrupa a empresas, centros tecnológicos y entidades públicas. Impulsamos la "
                  "competitividad y la innovación de nuestros socios."),
        "members": ("Socios", "Más de 90 entidades forman parte del clúster."),
        "contact": ("Contacto",
                    "Nuestra oficina atiende de lunes a viernes de 9:00 a 15:00 horas."),
    },
    tags=("innovación", "logística", "puertos", "sostenibilidad", "pymes", "Europa", "I+D+i"),
)
