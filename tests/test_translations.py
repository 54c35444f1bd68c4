"""German is complete, the residents' other languages too, and what ships is
what was translated.

"Everything a resident sees" is not a subset we pick: public pages, forms,
errors and mails share msgids with the admin (field labels, choices), so the
rule is simply that *every* msgid of the package is translated in English,
Turkish, Arabic, Russian and Ukrainian.
"""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.translation import gettext

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = [
    ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po",
    ROOT / "example_site" / "locale" / "de" / "LC_MESSAGES" / "django.po",
]
#: Languages of the seeds' residents beside German (seed 003), and English.
RESIDENT_LANGUAGES = ["en", "tr", "ar", "ru", "uk"]
RESIDENT_CATALOGS = [
    folder / language / "LC_MESSAGES" / "django.po"
    for folder in (ROOT / "locale", ROOT / "example_site" / "locale")
    for language in RESIDENT_LANGUAGES
]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_german_message_is_translated_and_none_is_fuzzy(po_path):
    catalog = polib.pofile(str(po_path))
    assert [entry.msgid for entry in catalog.untranslated_entries()] == []
    assert [entry.msgid for entry in catalog.fuzzy_entries()] == []


@pytest.mark.parametrize("po_path", RESIDENT_CATALOGS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_message_is_translated_for_english_turkish_arabic_russian_and_ukrainian_readers(
    po_path,
):
    catalog = polib.pofile(str(po_path))
    assert [entry.msgid for entry in catalog.untranslated_entries()] == []
    assert [entry.msgid for entry in catalog.fuzzy_entries()] == []
    assert not catalog.metadata_is_fuzzy  # else its plural rules are ignored


@pytest.mark.parametrize("po_path", RESIDENT_CATALOGS, ids=lambda path: str(path.relative_to(ROOT)))
def test_translations_keep_the_placeholders_the_code_fills_in(po_path):
    wrong = []
    for entry in polib.pofile(str(po_path)):
        source = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            found = set(PLACEHOLDER.findall(text))
            if not found <= source or (not entry.msgid_plural and found != source):
                wrong.append(entry.msgid)
    assert wrong == []


@pytest.mark.parametrize("language", [code for code in RESIDENT_LANGUAGES if code != "en"])
def test_the_compiled_catalogs_answer_in_the_residents_languages(language):
    with translation.override(language):
        assert gettext("Opening hours") != "Opening hours"


def test_an_english_reader_never_gets_german_from_a_site_whose_default_is_german():
    with translation.override("en"):
        assert gettext("Opening hours") == "Opening hours"
        assert gettext("Skip to content") == "Skip to content"


@pytest.mark.parametrize(
    "po_path", [*CATALOGS, *RESIDENT_CATALOGS], ids=lambda path: str(path.relative_to(ROOT))
)
def test_the_compiled_catalog_matches_its_source(po_path):
    """A .po edited without `make messages` would not reach anyone: the .mo ships."""
    source = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural.get(0)
        for entry in polib.pofile(str(po_path)).translated_entries()
    }
    compiled = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural.get(0)
        for entry in polib.mofile(str(po_path.with_suffix(".mo")))
        if entry.msgid
    }
    assert compiled == source


def test_the_package_catalog_is_found_through_the_core_app():
    """The wheel and a checkout both serve locale/ through the core app's folder."""
    from django.apps import apps

    core_locale = Path(apps.get_app_config("stadtteil_core").path) / "locale"
    assert (core_locale / "de" / "LC_MESSAGES" / "django.mo").resolve() == (
        CATALOGS[0].with_suffix(".mo").resolve()
    )
