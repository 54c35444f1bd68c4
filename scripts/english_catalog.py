"""Complete the English catalog after `makemessages`: English is the source
language, so a message without a translation gets its own text (a translator
may still improve the wording; filled entries are left alone).

Usage: python scripts/english_catalog.py locale/en/LC_MESSAGES/django.po
"""

import sys

import polib


def complete(path):
    catalog = polib.pofile(path)
    catalog.metadata_is_fuzzy = False
    catalog.metadata.update({"Language": "en", "Plural-Forms": "nplurals=2; plural=(n != 1);"})
    filled = 0
    for entry in catalog:
        if "fuzzy" in entry.flags:  # msgmerge's guess from a similar message: start afresh
            entry.flags.remove("fuzzy")
            entry.msgstr = ""
            entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
        if entry.msgid_plural and not all(entry.msgstr_plural.values()):
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            filled += 1
        elif not entry.msgid_plural and not entry.msgstr:
            entry.msgstr = entry.msgid
            filled += 1
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    catalog.save()
    return filled


if __name__ == "__main__":
    for path in sys.argv[1:]:
        print(f"{path}: {complete(path)} messages filled in")
