"""The documentation keeps up with the code: README links lead somewhere, every
setting and every management command of the package is documented, and the
install guide holds the snippets CI applies (``.ci/install_test.sh``).

No database: these tests read files only.
"""

import re
from pathlib import Path

import pytest

from wagtail_stadtteil.core.app_settings import DEFAULTS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"

#: ``[text](target)`` and ``![alt](target)``; the target ends at a space or ")".
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^(```|~~~).*?^\1\s*$", re.S | re.M)
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.M)


def without_code_blocks(text):
    return FENCE.sub("", text)


def slug(heading):
    """The anchor of a heading, as MyST (``myst_heading_anchors``) and GitHub
    make it: the text without markup, lowercase, punctuation removed, spaces
    to hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # links: their text
    text = text.replace("`", "").replace("*", "")  # code and emphasis marks
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")


def anchors(path):
    return {slug(title) for _level, title in HEADING.findall(without_code_blocks(path.read_text()))}


def relative_links(path):
    text = without_code_blocks(path.read_text(encoding="utf-8"))
    for target in LINK.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
            continue
        yield target


def documentation_text():
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(DOCS.glob("*.md")))


def test_the_slug_rule_matches_myst_and_github():
    assert slug("8. Caching") == "8-caching"
    assert slug("`BASE_TEMPLATE`") == "base_template"
    assert slug("Translations: what is translated and what is synchronised") == (
        "translations-what-is-translated-and-what-is-synchronised"
    )
    assert slug("Eine Raumanfrage entscheiden") == "eine-raumanfrage-entscheiden"


def test_a_reader_who_follows_a_link_in_the_readme_finds_the_file_and_heading():
    links = list(relative_links(README))
    assert any(link.startswith("docs/") for link in links), "the README links into docs/"
    broken = []
    for link in links:
        target, _hash, anchor = link.partition("#")
        path = (README.parent / target).resolve() if target else README
        if not path.is_file():
            broken.append(f"{link}: no file {path.relative_to(ROOT)}")
        elif anchor and path.suffix == ".md" and anchor not in anchors(path):
            broken.append(f"{link}: no heading with the anchor #{anchor}")
    assert not broken, "broken links in README.md:\n" + "\n".join(broken)


def documented_setting_keys():
    """Every key of DEFAULTS, of its nested dicts (PROFILE, BOOKING) and the
    requester kinds of BOOKING["FEES"]."""
    keys = set(DEFAULTS)
    for value in DEFAULTS.values():
        if isinstance(value, dict):
            keys |= set(value)
    keys |= set(DEFAULTS["BOOKING"]["FEES"])
    return sorted(keys)


@pytest.mark.parametrize("key", documented_setting_keys())
def test_a_web_team_finds_every_setting_in_the_settings_reference(key):
    reference = (DOCS / "settings.md").read_text(encoding="utf-8")
    assert f"`{key}`" in reference, f"docs/settings.md does not document `{key}`"


def management_commands():
    return sorted(
        path.stem
        for path in (ROOT / "wagtail_stadtteil").glob("*/management/commands/*.py")
        if path.stem != "__init__"
    )


def test_the_package_has_management_commands_to_document():
    assert "stadtteil_setup" in management_commands()


@pytest.mark.parametrize("command", management_commands())
def test_a_web_team_finds_every_management_command_in_the_docs(command):
    assert re.search(rf"\b{command}\b", documentation_text()), (
        f"the management command {command} is not mentioned in docs/*.md"
    )


@pytest.mark.parametrize("name", ["settings", "urls", "commands"])
def test_the_install_guide_holds_the_snippets_ci_applies_to_a_new_site(name):
    guide = (DOCS / "install.md").read_text(encoding="utf-8")
    assert re.search(rf"<!-- install:{name} -->\s*```[a-z]*\n(.*?)```", guide, re.S), (
        f"docs/install.md has no <!-- install:{name} --> snippet (.ci/install_test.sh needs it)"
    )
