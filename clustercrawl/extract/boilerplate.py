"""Removing what main-text extractors leave in on cluster sites, in all site languages.

trafilatura keeps camera file names under photos ("20141020_084207"), "Powrót"/"Zurück"
links, share widgets, cookie notices and the EU-funding footer that every co-funded site
prints. These are removed line by line; funding sentences only when they sit at the end, where
they are a footer, not the topic of the post.
"""

from __future__ import annotations

import re

__all__ = ["NAV_PHRASES", "clean_body"]

# camera / file-name tokens, also when glued to a word or a sentence end. Every branch
# starts with a literal (lookbehinds come after it) so the regex engine can skip ahead fast.
_EXT = r"(?:\.(?:jpe?g|JPE?G|png|PNG|gif|webp|heic|HEIC|tiff?|mp4|MP4|mov|MOV))?"
_CAMERA = re.compile(
    r"(?:"
    r"(?:19|20)(?<!\d\d\d)\d{6}[_-]\d{6}(?:[_-]\w{1,12})?"  # 20141020_084207 (+ suffix)
    r"|(?:PXL|VID|IMG|PANO|MVIMG|Screenshot)[_-]\d{8}[_-]\d{4,9}(?:[_~-]\w{1,8})?"
    r"|(?:IMG|DSC[FN]?|GOPR|DJI|SAM|MVI|CIMG|PICT|HPIM|WP)"
    r"[_-]?\d{3,}(?:[_-]\d+)*(?:\s?\(\d+\))?"
    r"|P(?<![\w]P)\d{7}(?![\w])"
    r"|WhatsApp Image \d{4}-\d\d-\d\d at \d\d\.\d\d\.\d\d"
    r")" + _EXT
)

#: navigation phrases dropped as whole lines or trailing tokens
NAV_PHRASES: tuple[str, ...] = (
    # pl
    "powrót", "wróć", "wstecz", "więcej", "czytaj dalej", "czytaj więcej", "zobacz więcej",
    "przeczytaj więcej", "powrót do listy", "powrót do aktualności", "wróć do listy",
    "pokaż więcej", "dalej",
    # de
    "zurück", "weiter", "weiterlesen", "mehr", "mehr erfahren", "mehr lesen",
    "zurück zur übersicht", "zur übersicht", "mehr dazu", "zurück zur liste",
    # fr
    "retour", "lire la suite", "en savoir plus", "lire plus", "voir plus", "retour à la liste",
    "suite",
    # es
    "volver", "leer más", "ver más", "seguir leyendo", "saber más", "volver atrás",
    # it
    "indietro", "torna indietro", "leggi tutto", "leggi di più", "continua a leggere",
    "scopri di più", "torna all'elenco",
    # cs / sk
    "zpět", "späť", "číst dále", "čítať ďalej", "více", "viac", "zobrazit více", "číst více",
    "zpět na seznam", "späť na zoznam",
    # pt / nl
    "voltar", "ler mais", "leia mais", "terug", "lees meer",
    # calendar buttons
    "přidat do kalendáře", "dodaj do kalendarza", "zum kalender hinzufügen",
    "in den kalender eintragen", "ajouter au calendrier", "añadir al calendario",
    "aggiungi al calendario", "pridať do kalendára", "add to calendar", "add to google calendar",
    "google calendar", "ical export", "export ical", "ical", "outlook",
    # menu remains at the end of layout pages
    "home", "start", "strona główna", "startseite", "accueil", "inicio", "úvod", "domů",
    # en
    "back", "read more", "more", "continue reading", "learn more", "go back", "back to list",
    "back to news", "see more", "view more", "show more", "previous", "next",
    "previous post", "next post",
)

# share/print widgets: a line made only of these words, with a verb or two network names
_SHARE_VERBS = frozenset({
    "udostępnij", "podziel", "teilen", "partager", "compartir", "condividi", "sdílet",
    "sdílejte", "zdieľať", "share", "tweet", "tweeten", "partilhar", "delen", "drukuj", "print",
    "drucken", "imprimer", "imprimir", "stampa", "tisk", "tlačiť", "polub", "like",
})
_SHARE_NETWORKS = frozenset({
    "facebook", "twitter", "x", "linkedin", "xing", "whatsapp", "e-mail", "email", "mail",
    "pinterest", "telegram", "reddit", "messenger", "bluesky", "mastodon", "threads",
    "instagram", "youtube",
})
_SHARE_FILLER = frozenset({
    "się", "this", "on", "auf", "sur", "na", "en", "su", "via", "post", "page", "article",
    "artykuł", "artikel", "beitrag", "diesen", "cet", "este", "questo", "tento", "článek",
    "it", "link", "copy", "kopiuj", "kopieren", "z", "with", "mit", "avec", "con", "s",
    "friends", "znajomymi", "to", "lubię",
})
_FUNDING = re.compile(
    r"(?<![^\W\d_])(?:"
    r"projekt\s+(?:jest\s+)?(?:współ)?finansowany|(?:współ|do)finansowan[oey]|"
    r"sfinansowano|projekt\s+realizowany\s+(?:jest\s+)?(?:w\s+ramach|ze\s+środków)|"
    r"projekt\s+je\s+spolufinancován|projekt\s+je\s+spolufinancovaný|spolufinancováno|"
    r"spolufinancované|financováno\s+(?:z|evropskou)|"
    r"gefördert\s+(?:durch|vom|von|aus)|kofinanziert|mitfinanziert|"
    r"cofinanciado|cofinanciad[oa]s?\s+por|financiado\s+por\s+la\s+unión|"
    r"cofinanziato|progetto\s+cofinanziato|finanziato\s+dall'unione|"
    r"cofinancé|projet\s+cofinancé|financé\s+par\s+l'union|avec\s+le\s+soutien\s+de\s+l'union|"
    r"co-?funded\s+by|co-?financed\s+by|funded\s+by\s+the\s+european|"
    r"this\s+project\s+(?:has\s+received|is\s+co-?funded|is\s+funded)|"
    r"the\s+project\s+is\s+co-?financed|financiado\s+pela\s+união|medegefinancierd"
    r")",
    re.IGNORECASE,
)

_FOOTERISH = re.compile(
    r"@|\btel\.|\bphone\b|©|\(c\)|privacy|datenschutz|prywatno|impressum|mentions|"
    r"\b\d{2}-\d{3}\b|\b\d{5}\b",
    re.IGNORECASE,
)
_COOKIE = re.compile(r"cookie|ciasteczk|plików\s+cookies", re.IGNORECASE)
_COOKIE_CONTEXT = re.compile(
    r"używa|korzysta|stosuje|verwendet|nutzt|setzt|utilise|utiliza|utilizza|usa|používá|"
    r"používa|uses?|using|accept|akcept|zgod|consent|einwilligung|zustimm|consentement|"
    r"consentimiento|consenso|souhlas|súhlas|privacy|datenschutz|polityk|politique|política|"
    r"zásad|ustawie|browser|przeglądar|navigat|prohlížeč|settings|einstellung|paramètre",
    re.IGNORECASE,
)
_BUTTONS = frozenset({
    "ok", "okay", "accept", "accept all", "i agree", "agree", "reject", "reject all", "decline",
    "akceptuję", "akceptuj", "zgoda", "rozumiem", "zamknij", "zaakceptuj", "odrzuć",
    "alle akzeptieren", "akzeptieren", "ablehnen", "einverstanden", "verstanden",
    "tout accepter", "accepter", "refuser", "j'accepte", "aceptar", "rechazar", "acepto",
    "accetta", "accetto", "rifiuta", "přijmout", "souhlasím", "odmítnout", "rozumím",
    "súhlasím", "prijať", "cookie settings", "cookie-einstellungen", "ustawienia cookies",
    "paramètres des cookies", "configurar cookies", "impostazioni cookie", "nastavení cookies",
})

_ARROWS = "«»‹›→←↑↓>< ·•|…\"'()[]"
_NAV_SET = frozenset(NAV_PHRASES)
_NAV_MAX_WORDS = max(len(p.split()) for p in NAV_PHRASES)
_TRAIL_STRIP = "«»‹›→←>< .…:[]()|"
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")
_MULTI_SPACE = re.compile(r"[ \t]{2,}")


def clean_body(text: str, language: str | None = None) -> str:
    """The main text without camera tokens, navigation, share, cookie and funding lines.

    ``language`` is accepted for per-language rules; the phrase lists cover all site
    languages at once because cluster sites mix them (an English "Read more" on a Polish site).
    """
    if not text:
        return ""
    text = _strip_camera_tokens(text)
    kept: list[str] = []
    for raw in _split_layout_rows(text.splitlines()):
        line = raw.strip()
        if not line or _is_nav(line) or _is_share(line) or _is_cookie(line):
            continue
        line = _strip_trailing_nav(line) if len(line) > 20 else line
        if line:
            kept.append(line)
    kept = _drop_funding_footer(kept)
    while kept and (_is_nav(kept[-1]) or _is_share(kept[-1])):
        kept.pop()
    return "\n".join(kept)


def _strip_camera_tokens(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if before.isupper() or before.isdigit():
            return m.group(0)  # part of a longer code ("MYIMG_1234", "X20141020_084207")
        if before.isalnum() and after.isalnum():
            return " "
        if before in ".!?" and after.isalpha():
            return " "  # "Brukseli.20141020_084207Zdjęcia" -> "Brukseli. Zdjęcia"
        return ""

    if not _CAMERA.search(text):
        return text
    cleaned = _CAMERA.sub(repl, text)
    cleaned = _SPACE_BEFORE_PUNCT.sub(r"\1", cleaned)
    return "\n".join(_MULTI_SPACE.sub(" ", line).strip() for line in cleaned.splitlines())


def _split_layout_rows(lines: list[str]) -> list[str]:
    """Table-layout pages come out of trafilatura as one "| cell | cell |" row holding the
    whole page; long cells are paragraphs, so they become lines of their own."""
    out: list[str] = []
    for line in lines:
        bare = line.strip()
        if bare.startswith("|") and bare.endswith("|"):
            cells = [c.strip() for c in bare.strip("|").split(" | ")]
            cells = [c for c in cells if c]
            if len(cells) <= 1 or max(len(c) for c in cells) > 120:
                out.extend(cells)  # a layout row, not a data table
                continue
        out.append(line)
    return out


def _strip_trailing_nav(line: str) -> str:
    """Drop a "Czytaj więcej »" / "Read more…" glued to the end of a paragraph."""
    body = line.rstrip(_TRAIL_STRIP)
    words = body.split()
    for n in range(min(_NAV_MAX_WORDS, len(words) - 1), 0, -1):
        tail = " ".join(words[-n:]).lower().strip(_TRAIL_STRIP)
        if len(tail) > 4 and tail in _NAV_SET:
            return " ".join(words[:-n]).rstrip(" [(«‹<")
    return line


def _bare(line: str) -> str:
    return line.strip(_ARROWS + ":.!").strip().lower()


def _is_nav(line: str) -> bool:
    return len(line) <= 40 and _bare(line) in _NAV_SET


def _is_share(line: str) -> bool:
    if len(line) > 120:
        return False
    words = re.findall(r"[\w'-]+", _bare(line))
    if not words:
        return True  # only arrows and bullets left
    vocab = _SHARE_VERBS | _SHARE_NETWORKS | _SHARE_FILLER
    if not all(w in vocab for w in words):
        return False
    verbs = sum(w in _SHARE_VERBS for w in words)
    networks = sum(w in _SHARE_NETWORKS for w in words)
    return verbs > 0 or networks >= 2


def _is_cookie(line: str) -> bool:
    bare = _bare(line)
    if bare in _BUTTONS:
        return True
    if len(line) > 600 or not _COOKIE.search(line):
        return False
    return _COOKIE_CONTEXT.search(line) is not None


def _drop_funding_footer(lines: list[str]) -> list[str]:
    """Cut a funding notice and what follows when it is in the last lines of the text."""
    if not lines:
        return lines
    total = sum(len(line) for line in lines)
    tail = 0
    for idx in range(len(lines) - 1, max(-1, len(lines) - 9), -1):
        tail += len(lines[idx])
        if tail > 900 or (idx == 0 and len(lines) > 1):
            break
        found = _FUNDING.search(lines[idx])
        if found and found.start() > 3 and not _FOOTERISH.search(lines[idx]):
            continue  # mid-line, a notice counts only inside a footer line (address, ©, …)
        if found and (tail < 0.5 * total or len(lines) - idx <= 2):
            if idx == 0:
                break  # the whole text is the notice: keep it, it is the post
            return lines[:idx]
    return lines
