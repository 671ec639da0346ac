"""Page chrome shared by the CMS renderers: cookie banners, share widgets, EU-funding blocks,
newsletter boxes. This is the boilerplate the extractor has to strip, so it is realistic and
varied (plugin markup of each CMS family), and always outside the article body.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from .util import esc


def cookie_banner(style: str, ui: Mapping[str, str], privacy_href: str) -> str:
    """A consent banner as the usual plugin of each CMS family renders it."""
    text, ok, more = esc(ui["cookie"]), esc(ui["cookie_ok"]), esc(ui["privacy"])
    if style == "wp":
        return (
            '<div id="cookie-notice" role="dialog" class="cookie-notice-hidden '
            'cookie-revoke-hidden '
            'cn-position-bottom" aria-label="Cookie Notice" style="background-color: '
            'rgba(50,50,58,1);"><div class="cookie-notice-container" style="color: #fff">'
            f'<span id="cn-notice-text" class="cn-text-container">{text}</span>'
            '<span id="cn-notice-buttons" class="cn-buttons-container"><a href="#" '
            'id="cn-accept-cookie" data-cookie-set="accept" class="cn-set-cookie cn-button" '
            f'aria-label="{ok}">{ok}</a><a href="{esc(privacy_href)}" target="_blank" '
            f'id="cn-more-info" class="cn-more-info cn-button">{more}</a></span>'
            '<span id="cn-close-notice" data-cookie-set="accept" class="cn-close-icon" '
            'title="No"></span></div></div>\n'
        )
    if style == "typo3":
        return (
            '<div id="cookieconsent" class="cookieconsent cc-window cc-banner cc-type-info '
            'cc-theme-block cc-bottom" role="dialog" aria-live="polite" aria-label="cookieconsent">'
            f'<span id="cookieconsent:desc" class="cc-message">{text} '
            f'<a class="cc-link" href="{esc(privacy_href)}" rel="noopener noreferrer nofollow">'
            f'{more}</a></span><div class="cc-compliance"><a aria-label="dismiss cookie message" '
            f'role="button" tabindex="0" class="cc-btn cc-dismiss">{ok}</a></div></div>\n'
        )
    if style == "drupal":
        return (
            '<div id="sliding-popup" class="sliding-popup-bottom" role="banner" '
            'style="width: 100%;"><div class="eu-cookie-compliance-banner '
            'eu-cookie-compliance-banner-info eu-cookie-compliance-banner--opt-in">'
            '<div class="popup-content info eu-cookie-compliance-content">'
            f'<div id="popup-text" class="eu-cookie-compliance-message"><p>{text}</p>'
            f'<button type="button" class="find-more-button eu-cookie-compliance-more-button">'
            f'{more}</button></div><div id="popup-buttons" class="eu-cookie-compliance-buttons">'
            f'<button type="button" class="agree-button eu-cookie-compliance-secondary-button">'
            f"{ok}</button></div></div></div></div>\n"
        )
    if style == "joomla":
        return (
            '<div id="cookiesck"><span class="cookiesck_inner"><span id="cookiesck_text">'
            f'{text}</span><span id="cookiesck_buttons"><a class="cookiesck_button" '
            f'id="cookiesck_accept">{ok}</a><a class="cookiesck_button" href="{esc(privacy_href)}"'
            f' id="cookiesck_readmore">{more}</a></span></span></div>\n'
        )
    return (
        f'<div class="cookie-bar" id="cookie-bar"><p>{text} <a href="{esc(privacy_href)}">'
        f'{more}</a></p><button type="button" onclick="acceptCookies()">{ok}</button></div>\n'
    )


def share_links(style: str, url: str, title: str, ui: Mapping[str, str]) -> str:
    """Social share buttons (Jetpack-like for WordPress, a plain list elsewhere)."""
    u, t = quote(url, safe=""), quote(title, safe="")
    if style == "wp":
        return (
            '<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block '
            'sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">'
            f'{esc(ui["share"])}</h3>'
            '<div class="sd-content"><ul><li class="share-facebook"><a rel="nofollow noopener '
            'noreferrer" class="share-facebook sd-button share-icon" '
            'href="https://www.facebook.com/'
            f'sharer/sharer.php?u={u}" target="_blank"><span>Facebook</span></a></li>'
            '<li class="share-linkedin"><a rel="nofollow noopener noreferrer" '
            'class="share-linkedin '
            'sd-button share-icon" href="https://www.linkedin.com/shareArticle?mini=true&amp;url='
            f'{u}&amp;title={t}" target="_blank"><span>LinkedIn</span></a></li>'
            '<li class="share-x"><a rel="nofollow noopener noreferrer" class="share-x sd-button '
            f'share-icon" href="https://x.com/intent/post?url={u}&amp;text={t}" target="_blank">'
            '<span>X</span></a></li><li class="share-end"></li></ul></div></div></div>\n'
        )
    return (
        f'<div class="social-share"><span class="social-share__label">{esc(ui["share"])}</span> '
        f'<a class="btn-share btn-share--facebook" href="https://www.facebook.com/sharer/'
        f'sharer.php?u={u}" target="_blank" rel="noopener">Facebook</a> '
        f'<a class="btn-share btn-share--linkedin" href="https://www.linkedin.com/sharing/'
        f'share-offsite/?url={u}" target="_blank" rel="noopener">LinkedIn</a> '
        f'<a class="btn-share btn-share--mail" href="mailto:?subject={t}&amp;body={u}">E-mail</a>'
        "</div>\n"
    )


def eu_block(text: str, logo_href: str) -> str:
    """The EU-funding footer block with its logo strip."""
    return (
        '<div class="eu-funding"><div class="eu-funding__logos">'
        f'<img src="{esc(logo_href)}" alt="" '
        f'width="600" height="80" loading="lazy" /></div><p class="eu-funding__text">{esc(text)}'
        "</p></div>\n"
    )


def newsletter_box(ui: Mapping[str, str], action: str) -> str:
    """A newsletter sign-up widget (sidebar or footer)."""
    return (
        f'<div class="newsletter-box"><h3>{esc(ui["newsletter"])}</h3>'
        f'<p>{esc(ui["newsletter_text"])}</p><form method="post" action="{esc(action)}">'
        '<input type="email" name="email" placeholder="e-mail" required /> '
        '<button type="submit">OK</button></form></div>\n'
    )


def chrome_excludes(ui: Mapping[str, str], eu_text: str | None) -> list[str]:
    """Boilerplate strings that must not appear in any extracted body of the site."""
    out = [ui["cookie"][:60].rsplit(" ", 1)[0]]
    if eu_text:
        out.append(eu_text[:60].rsplit(" ", 1)[0])
    out.append(ui["newsletter_text"][:40].rsplit(" ", 1)[0])
    return out
