"""German is complete and what ships is what was translated."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = [
    ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po",
    ROOT / "example_site" / "locale" / "de" / "LC_MESSAGES" / "django.po",
]


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_german_message_is_translated_and_none_is_fuzzy(po_path):
    catalog = polib.pofile(str(po_path))
    assert [entry.msgid for entry in catalog.untranslated_entries()] == []
    assert [entry.msgid for entry in catalog.fuzzy_entries()] == []


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda path: str(path.relative_to(ROOT)))
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
