"""The languages an offer, a consultation hour or a team member can be in.

Django's own language list lacks what residents ask for most after German and
Turkish: Pashto, Tigrinya, German Sign Language and Easy German (Leichte
Sprache). So the package keeps its own table of BCP 47 / ISO 639 codes with a
translated name and the name in the language itself (shown with ``lang`` set,
so screen readers pronounce it correctly).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Language:
    code: str
    name: Promise
    endonym: str
    rtl: bool = False

    def __str__(self):
        return str(self.name)

    @property
    def lang(self):
        """The HTML ``lang`` of the endonym (German Sign Language is named in German)."""
        return "de" if self.code == "gsg" else self.code


KNOWN_LANGUAGES = {
    language.code: language
    for language in [
        Language("de", _("German"), "Deutsch"),
        Language("de-x-easy", _("Easy German (Leichte Sprache)"), "Leichte Sprache"),
        Language("gsg", _("German Sign Language"), "Deutsche Gebärdensprache"),
        Language("en", _("English"), "English"),
        Language("tr", _("Turkish"), "Türkçe"),
        Language("ar", _("Arabic"), "العربية", rtl=True),
        Language("ru", _("Russian"), "Русский"),
        Language("uk", _("Ukrainian"), "Українська"),
        Language("fa", _("Persian (Farsi, Dari)"), "فارسی", rtl=True),
        Language("ps", _("Pashto"), "پښتو", rtl=True),
        Language("ku", _("Kurdish"), "Kurdî"),
        Language("pl", _("Polish"), "Polski"),
        Language("ro", _("Romanian"), "Română"),
        Language("bg", _("Bulgarian"), "Български"),
        Language("sq", _("Albanian"), "Shqip"),
        Language("sr", _("Serbian"), "Српски"),
        Language("ti", _("Tigrinya"), "ትግርኛ"),
        Language("fr", _("French"), "Français"),
        Language("es", _("Spanish"), "Español"),
        Language("it", _("Italian"), "Italiano"),
        Language("el", _("Greek"), "Ελληνικά"),
        Language("vi", _("Vietnamese"), "Tiếng Việt"),
    ]
}


def offered_languages():
    """The languages editors can choose from, in the order of the setting."""
    from .app_settings import stadtteil_settings

    return [KNOWN_LANGUAGES[code] for code in stadtteil_settings.LANGUAGES]


def language_choices():
    return [(language.code, language.name) for language in offered_languages()]


def get_language(code):
    """The Language for ``code``; unknown codes (from an old setting) still display."""
    return KNOWN_LANGUAGES.get(code) or Language(code, code, code)
