"""The demo in several languages: content locales English, Arabic and
Turkish beside German, made with wagtail-localize as editors make them.

Stadthaus Laatzen and everything below it is translated to English; its
centre page, sections, a few offers and the senior citizens' office also to
Arabic (right to left) and Turkish, so the language switcher, the mirrored
layout and the marked German fallback of untranslated pages can all be seen. The translations of the
texts are in ``demo_translations/<language>.json`` (German text → text).
"""

import json
from pathlib import Path

from wagtail.models import Locale

from wagtail_stadtteil.core.localize import translate
from wagtail_stadtteil.core.models import TargetGroup, Theme

TRANSLATIONS = Path(__file__).resolve().parent / "demo_translations"

#: Below Stadthaus Laatzen, the pages translated to Arabic and Turkish too
#: (by slug); the others show in German there, marked as such.
PARTLY_TRANSLATED = {
    "angebote",
    "beratung",
    "stadthaus-cafe",
    "smartphone-kurs-fuer-seniorinnen-und-senioren",
    "marktplatzzwerge",
    "migrationsberatung",
    "seniorenbuero",
    "seniorenberatung",
}

LANGUAGES = {"en": "all", "ar": "some", "tr": "some"}


def texts(language):
    return json.loads((TRANSLATIONS / f"{language}.json").read_text(encoding="utf-8"))


def build_translations(builder, home, listings, stadthaus):
    """Translate the home page, the ``listings`` (centre index, programme)
    and Stadthaus Laatzen's pages; pages already translated are left alone."""
    subtree = list(stadthaus.get_descendants().specific().order_by("path"))
    for language, extent in LANGUAGES.items():
        locale, created = Locale.objects.get_or_create(language_code=language)
        builder.created["locales"] += created
        strings = texts(language)
        for model in (Theme, TargetGroup):
            for snippet in model.objects.filter(locale=builder.locale):
                if snippet.name in strings and not snippet.has_translation(locale):
                    translate(snippet, locale, strings)
                    builder.created["translations"] += 1
        below = (
            subtree
            if extent == "all"
            else [page for page in subtree if page.slug in PARTLY_TRANSLATED]
        )
        for page in [home, *listings, stadthaus, *below]:
            if not page.has_translation(locale):
                translate(page, locale, strings)
                builder.created["translations"] += 1
