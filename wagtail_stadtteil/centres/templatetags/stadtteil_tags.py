"""Template tags of the public templates: ``{% load stadtteil_tags %}``."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

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
    from django.utils.html import format_html

    from wagtail_stadtteil.core.app_settings import stadtteil_settings

    if not stadtteil_settings.INCLUDE_CSS:
        return ""
    return format_html(
        '<link rel="stylesheet" href="{}">', static("wagtail_stadtteil/css/stadtteil.css")
    )
