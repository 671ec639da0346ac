"""English (EU-level networks): "June 3-5, 2025", "14-16 May 2019", "22 and 23 June 2022"."""

from __future__ import annotations

from datetime import date, datetime

from .lang_base import Lang, dd, mm
from .model import City

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _long(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _range_us(s: date, e: date) -> str:
    if s.month != e.month:
        return f"from {MONTHS[s.month - 1]} {s.day} to {MONTHS[e.month - 1]} {e.day}, {e.year}"
    return f"on {MONTHS[s.month - 1]} {s.day}-{e.day}, {e.year}"


def _range_uk(s: date, e: date) -> str:
    if s.month != e.month:
        return f"from {s.day} {MONTHS[s.month - 1]} to {_long(e)}"
    return f"on {s.day}-{_long(e)}"


def _range_and(s: date, e: date) -> str:
    if (e - s).days == 1 and s.month == e.month:
        return f"on {s.day} and {_long(e)}"
    return _range_uk(s, e)


def _deadline(t: datetime) -> str:
    return f"{_long(t.date())} – {t:%H:%M} CET (Brussels time)"


CITIES = {
    c.en: c
    for c in (
        City("Brussels", "Brussels", "in Brussels", "BE"),
        City("Vienna", "Vienna", "in Vienna", "AT"),
        City("Copenhagen", "Copenhagen", "in Copenhagen", "DK"),
        City("Lisbon", "Lisbon", "in Lisbon", "PT"),
        City("Bilbao", "Bilbao", "in Bilbao", "ES"),
        City("Tallinn", "Tallinn", "in Tallinn", "EE"),
        City("Vilnius", "Vilnius", "in Vilnius", "LT"),
        City("Zagreb", "Zagreb", "in Zagreb", "HR"),
        City("Bucharest", "Bucharest", "in Bucharest", "RO"),
        City("Helsinki", "Helsinki", "in Helsinki", "FI"),
        City("Amsterdam", "Amsterdam", "in Amsterdam", "NL"),
        City("Warsaw", "Warsaw", "in Warsaw", "PL"),
        City("Milan", "Milan", "in Milan", "IT"),
        City("Lyon", "Lyon", "in Lyon", "FR"),
        City("Dublin", "Dublin", "in Dublin", "IE"),
        City("Stockholm", "Stockholm", "in Stockholm", "SE"),
    )
}

UI = {
    "home": "Home", "nav_news": "News", "nav_events": "Events", "nav_calls": "Calls",
    "nav_members_news": "Member news", "nav_about": "About us", "nav_members": "Members",
    "nav_contact": "Contact",
    "slug_news": "news", "slug_events": "events", "slug_calls": "calls",
    "slug_members_news": "member-news", "slug_about": "about-us", "slug_members": "members",
    "slug_contact": "contact",
    "php_list": "news", "php_item": "article", "q_page": "page", "q_month": "month",
    "back": "Back", "read_more": "Read more", "latest": "Recent Posts", "next_page": "Next",
    "prev_page": "Previous", "older": "Older posts", "newer": "Newer posts",
    "cookie": "We use cookies on our website to give you the most relevant experience by "
    "remembering your preferences and repeat visits.",
    "cookie_ok": "Accept all", "privacy": "Privacy policy", "share": "Share this:",
    "search": "Search", "picks": "From our newsletter", "rights": "All rights reserved",
    "print": "Print", "add_to_calendar": "Add to calendar", "calendar": "Events calendar",
    "no_events": "No events this month.", "prev_month": "Previous month",
    "next_month": "Next month", "venue": "Venue", "when": "Date", "not_found": "Page not found",
    "tags": "Tags", "feed": "Feed", "follow": "Follow us", "published_on": "Published on {date}",
    "submitted": "Submitted by {author} on {date}", "published_label": "Published: {date}",
    "page": "Page", "newsletter": "Subscribe to our newsletter",
    "newsletter_text": "Monthly: calls, events and news from clusters across Europe.",
    "eu_footer": "Funded by the European Union. Views and opinions expressed are however those "
    "of the author(s) only and do not necessarily reflect those of the European Union or EISMEA.",
    "cat_news": "News", "cat_events": "Events", "cat_calls": "Calls",
    "cat_members": "Member news", "members_intro": "Our members include:",
    "press_release": "Press release",
}

TOPICS = (
    {"topic": "the digital transition"}, {"topic": "the circular economy"},
    {"topic": "energy efficiency"}, {"topic": "artificial intelligence in manufacturing"},
    {"topic": "renewable hydrogen"}, {"topic": "resilient supply chains"},
    {"topic": "cybersecurity for SMEs"}, {"topic": "advanced materials"},
    {"topic": "skills for the green transition"}, {"topic": "SME internationalisation"},
    {"topic": "the blue economy"}, {"topic": "sustainable mobility"},
)

TITLES = {
    "news": (
        "New cross-border project on {topic}",
        "Report: how clusters support SMEs in {topic}",
        "Our network in {year}: a look back",
        "Members adopt the {year}-{year2} work programme",
        "General assembly held {in_city}",
        "Survey: cluster managers put {topic} at the top of the agenda",
        "Network welcomes new partners from three countries",
    ),
    "event_announcement": (
        "Registration open: {event} {year}",
        "Join us {in_city} for {event}",
        "Workshop on {topic}",
        "Save the date: {event}",
        "Matchmaking mission to {city}",
        "Hands-on workshop: {topic}",
    ),
    "event_report": (
        "{event} {year}: highlights",
        "Looking back at {event}",
        "Clusters meet {in_city}",
        "Workshop on {topic}: key takeaways",
        "Matchmaking mission to {city}: results",
        "Recap: {event}",
    ),
    "call": (
        "Open call: {programme} – {topic}",
        "New call for proposals under {programme}",
        "Call for expression of interest: mission to {city}",
        "Funding for cluster projects on {topic}",
        "Innovation vouchers {year}: call now open",
    ),
    "member_news": (
        "{company} opens new facility",
        "Innovation award for {company}",
        "Welcome to our new member, {company}",
        "{company} expands to new markets",
        "{company} launches pilot line",
    ),
}

SENTENCES = {
    "intro_news": (
        "The network is launching a new cross-border project on {topic}.",
        "The board has set the priorities for the coming months, with a particular focus on "
        "{topic}.",
        "Our latest survey confirms that the topic of {topic} remains one of the main concerns of "
        "cluster managers across Europe.",
        "A new report by the network looks at how clusters help SMEs deal with {topic}.",
        "Representatives of the network met {in_city} with partners from several EU countries.",
    ),
    "intro_event_announcement": (
        "We are pleased to invite you to {event}, taking place {dates} {in_city}.",
        "{dates_cap} {in_city}, {event} will bring together clusters, companies and policy makers.",
        "Under the title {event}, the network is organising a meeting on {topic} {dates} "
        "{in_city}.",
        "Save the date: {event} will take place {dates} {in_city}.",
    ),
    "intro_event_report": (
        "More than {count} participants gathered {in_city} {dates} for {event}.",
        "{event} took place {dates} {in_city}, with strong participation from our members.",
        "The network was represented at {event}, held {dates} {in_city}.",
        "Looking back at {event}: {dates}, experts met {in_city} to discuss {topic}.",
    ),
    "intro_call": (
        "A new call for proposals has been published under {programme}.",
        "SMEs and cluster organisations can now apply for support under {programme}.",
        "We would like to draw your attention to an open call under {programme}.",
        "For a new project on {topic}, we are looking for interested cluster organisations.",
    ),
    "intro_member_news": (
        "Our member {company} has received an innovation award.",
        "{company} has opened a new production site {in_city}.",
        "We are happy to welcome {company} as a new member of the network.",
        "{company} has signed a cooperation agreement with a partner from Germany.",
    ),
    "news": (
        "The project will run for two years with a budget of EUR {count},000.",
        "The results will be presented at the next general assembly.",
        "The project's research partner is {partner}.",
        "Access to skilled staff remains the biggest challenge reported by companies.",
        "Rising energy costs are also weighing on SMEs in many regions.",
        "Working groups, company visits and online seminars are planned.",
        "The full report is available to members in the partner area.",
        "Universities and research organisations are invited to join.",
        "The activities are aligned with regional smart specialisation strategies.",
        "First results are expected by the end of the year.",
    ),
    "event_announcement": (
        "The programme includes keynotes, panel discussions and B2B meetings.",
        "Participation is free of charge, but places are limited.",
        "Speakers from across Europe are expected.",
        "The event is organised in cooperation with {partner}.",
        "It will be a great opportunity to meet new partners.",
        "The detailed agenda will be published shortly.",
        "This edition will focus on {topic}.",
        "An exhibition area will showcase member organisations.",
    ),
    "event_report": (
        "Participants followed keynotes and took part in B2B meetings.",
        "The panel discussions focused on {topic}.",
        "The network's booth welcomed many visitors.",
        "More than {count} business meetings took place.",
        "We thank all participants and partners for their contributions.",
        "The speakers' presentations are available to members.",
        "The event confirmed the value of cooperation between industry and research.",
        "The event was organised together with {partner}.",
    ),
    "call": (
        "SMEs established in an EU Member State are eligible.",
        "The maximum grant amounts to EUR {count},000 per project.",
        "Applications must be submitted online.",
        "All details can be found in the call documents.",
        "Projects involving research organisations will be given priority.",
        "Our team offers free advice to interested applicants.",
        "The call targets projects on {topic}.",
    ),
    "member_news": (
        "The new site will create around twenty jobs.",
        "The company specialises in solutions for {topic}.",
        "The award recognises years of investment in research and development.",
        "Congratulations and continued success!",
        "The award was presented at a ceremony {in_city}.",
        "The company plans to enter the Nordic markets next year.",
        "The cooperation covers joint development and knowledge sharing.",
    ),
    "generic": (
        "The network currently brings together more than {count} cluster organisations.",
        "Follow us on social media to stay up to date.",
        "Our secretariat is happy to answer any questions.",
        "The network's activities support regional economic development across Europe.",
        "This is another step towards a stronger European cluster community.",
        "Members can suggest topics for upcoming meetings.",
        "We will keep you informed about upcoming activities.",
        "European cooperation remains at the heart of our work.",
    ),
    "close_event_announcement": (
        "Registration closes on {date}.",
        "Please register by {date} using the online form.",
        "Kindly confirm your participation by {date}.",
    ),
    "close_call": (
        "The deadline for applications is {deadline}.",
        "Proposals can be submitted until {deadline}.",
    ),
}

LANG = Lang(
    code="en",
    months=MONTHS,
    weekdays=WEEKDAYS,
    cities=CITIES,
    ui=UI,
    date_long=_long,
    date_numeric=lambda d: f"{dd(d)}/{mm(d)}/{d.year}",
    ranges=(_range_us, _range_uk, _range_and),
    singles=(lambda d: f"on {_long(d)}", lambda d: f"on {WEEKDAYS[d.weekday()]}, {_long(d)}"),
    yearless=lambda s, e: f"on the {s.day}-{_ordinal(e.day)} of {MONTHS[e.month - 1]}",
    deadline=_deadline,
    titles=TITLES,
    sentences=SENTENCES,
    topics=TOPICS,
    event_names=(
        "European Cluster Matchmaking Days", "Clusters Meet Regions", "Green Industry Summit",
        "Cluster Excellence Academy", "Digital SME Forum", "Blue Growth Cluster Forum",
        "Hydrogen Valleys Conference", "Cluster Internationalisation Week",
        "Skills Alliance Workshop", "Smart Specialisation Forum",
    ),
    companies=(
        "Nordic Composites AB", "Helix Robotics BV", "AquaGen Oy", "Baltic Data Labs UAB",
        "Sol de Portugal Lda", "Danube Photonics SRL", "Adria Marine d.o.o.", "Tatra Metals a.s.",
        "Alpine Sensors GmbH", "Celtic Bioworks Ltd",
    ),
    programmes=(
        "Horizon Europe", "the Single Market Programme", "Interreg Europe", "Digital Europe",
        "LIFE", "the European Innovation Council",
    ),
    partners=(
        "the European Cluster Collaboration Platform", "EISMEA", "the Enterprise Europe Network",
        "the European Clusters Alliance", "the Joint Research Centre",
    ),
    cluster_names=(
        "Baltic Sea Cluster Network", "Danube Innovation Clusters", "Nordic Bioeconomy Alliance",
        "Alpine Cluster Association", "Atlantic Maritime Clusters",
        "Central Europe Health Clusters",
        "Mediterranean Agrifood Network", "European Photonics Clusters",
        "Carpathian Wood Clusters", "Adriatic Tourism Clusters",
    ),
    pages={
        "about": ("About us", "{cluster} is a non-profit network of cluster organisations from "
                  "across Europe. We connect cluster managers, run joint projects and help SMEs "
                  "find partners abroad."),
        "members": ("Members", "More than 150 cluster organisations from 25 countries are "
                    "members of the network."),
        "contact": ("Contact", "Our secretariat in Brussels is open Monday to Friday, "
                    "9:00–17:00."),
    },
    tags=("clusters", "SMEs", "EU policy", "internationalisation", "innovation", "funding"),
)
