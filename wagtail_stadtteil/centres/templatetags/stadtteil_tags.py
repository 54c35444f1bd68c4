"""Template tags of the public templates: ``{% load stadtteil_tags %}``."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

# The characters that could end a <script> element or open a comment, escaped
# as JSON allows (the same set Django's json_script escapes).
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A ``<script type="application/ld+json">`` element for schema.org data."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    payload = payload.translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


@register.inclusion_tag("wagtail_stadtteil/centres/includes/languages.html")
def language_list(languages):
    """Languages with their own name marked up in their own language."""
    return {"languages": languages}


@register.simple_tag
def stadtteil_stylesheet():
    """The package's stylesheet link, unless WAGTAIL_STADTTEIL['INCLUDE_CSS'] is False."""
    from django.templatetags.static import static

    from wagtail_stadtteil.core.app_settings import stadtteil_settings

    if not stadtteil_settings.INCLUDE_CSS:
        return ""
    return format_html(
        '<link rel="stylesheet" href="{}">', static("wagtail_stadtteil/css/stadtteil.css")
    )


# Languages ---------------------------------------------------------------------


def _context_page(context):
    from wagtail.models import Page

    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.inclusion_tag(
    "wagtail_stadtteil/centres/includes/language_switcher.html", takes_context=True
)
def stadtteil_language_switcher(context, css_class=""):
    """The language switcher: a ``<nav>`` with the site's content languages,
    each linking to this page in that language (or, where it is not
    translated, to the nearest page above it that is, saying so).
    ``css_class`` is added to the ``<nav>``'s classes (a site's own design).

    Shown once per response: a site that places it in its base template's
    header (before ``{% block content %}``) gets it there, and the package's
    pages leave out their own."""
    from wagtail_stadtteil.centres.localizing import language_versions

    if not _first_time(context, "switcher"):
        return {"versions": []}
    request = context["request"]
    return {
        "versions": language_versions(request, _context_page(context)),
        "css_class": css_class,
    }


def _first_time(context, what):
    """True the first time ``what`` is rendered for the request (then never
    again), False without a request."""
    request = context.get("request")
    if request is None:
        return False
    shown = request.__dict__.setdefault("_stadtteil_rendered", set())
    if what in shown:
        return False
    shown.add(what)
    return True


@register.simple_tag(takes_context=True)
def stadtteil_alternate_links(context):
    """``<link rel="alternate" hreflang=…>`` for each live translation of the
    page, and ``x-default`` for the one in the default language. Rendered
    once per response, like the switcher: a site's base template may place
    it in its ``<head>`` for all its pages."""
    from wagtail_stadtteil.centres.localizing import alternate_links

    page = _context_page(context)
    if page is None or not _first_time(context, "alternates"):
        return ""
    request = context["request"]
    return format_html_join(
        "",
        '<link rel="alternate" hreflang="{}" href="{}">',
        alternate_links(request, page),
    )


def _language_of(value):
    """A language code from a code or from an object marked by
    ``wagtail_stadtteil.centres.localizing`` (``stadtteil_lang``)."""
    if isinstance(value, str):
        return value
    return getattr(value, "stadtteil_lang", "") or ""


@register.filter
def lang_attrs(value):
    """`` lang="de" dir="ltr"`` for something written in another language
    than the reader's (a code, or a marked object), else nothing."""
    from wagtail_stadtteil.centres.localizing import is_rtl

    code = _language_of(value)
    if not code:
        return ""
    return format_html(' lang="{}" dir="{}"', code, "rtl" if is_rtl(code) else "ltr")


@register.filter
def in_lang(text, language):
    """``text`` in a ``<span lang=…>`` when ``language`` (a code or a marked
    object) is not the reader's; for texts synchronised from the German page,
    shown on a page in another language."""
    attrs = lang_attrs(language)
    if not attrs or text in (None, ""):
        return text
    return format_html("<span{}>{}</span>", attrs, text)


@register.simple_tag
def other_language_note(value):
    """`` (in German)`` after the title of a page that is listed in another
    language than the reader's, because it has no translation yet."""
    code = _language_of(value)
    if not code:
        return ""
    if code.split("-")[0] == "de":
        note = _("in German")
    else:
        from wagtail_stadtteil.core.languages import get_language

        note = _("in %(language)s") % {"language": get_language(code).name}
    return format_html(' <span class="stadtteil-language-note">({})</span>', note)
