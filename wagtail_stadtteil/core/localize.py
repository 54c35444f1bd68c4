"""Translating pages and snippets through wagtail-localize from code.

Editors translate in the admin ("Translate this page"); this does the same
for a demo, a test or a city's script that brings in translations made
elsewhere: it creates the wagtail-localize translation (so the page stays a
*synced* translation that editors can open and update later), records each
text's translation in its translation memory and saves the target.
"""

import html

from django.db import transaction
from wagtail.models import DraftStateMixin
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue


def _translated_data(segment, strings):
    """The translation of one text segment from ``strings``, or None.

    Texts are looked up as they read. A plain text's translation is escaped
    the way wagtail-localize stores it; a text with markup (a rich text
    paragraph with <b> or a link) must keep to the tags rich text allows.
    """
    data = segment.string.data
    translated = strings.get(html.unescape(data), strings.get(data))
    if translated is None:
        return None
    if "<" in data:  # markup (a plain text's "<" is stored as "&lt;")
        # wagtail-localize's own check: only inline tags such as <b> and
        # <a id="a1">, no <script>; a ValueError names the offending tag.
        return StringValue.from_translated_html(translated).data
    return StringValue.from_plaintext(translated).data


@transaction.atomic
def translate(instance, locale, strings, *, user=None, publish=True):
    """Translate ``instance`` (a page or snippet in the source language) into
    ``locale``: each text found in ``strings`` (source text → translation)
    is translated, every other text stays in the source language, and the
    synchronised fields (dates, rooms, facts) are copied.

    Calling it again after the source changed updates the translation, as
    "Sync translated pages" does in the admin. Returns the translated object.
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    segments = StringSegment.objects.filter(source=source).select_related("string")
    for segment in segments:
        data = _translated_data(segment, strings)
        if data is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
    # wagtail-localize publishes a page's new revision only when the outermost
    # transaction commits; publish it here, so the caller gets a live page.
    publishable = isinstance(instance, DraftStateMixin)
    translation.save_target(user=user, publish=not publishable)
    translated = source.get_translated_instance(locale)
    if publishable and publish:
        translated.get_latest_revision().publish(user=user)
        translated.refresh_from_db()
    return translated
