"""A city's web team that configures the package wrongly is told at
``manage.py check`` time what is wrong and how to fix it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks
from django.test import override_settings

from wagtail_stadtteil.core.checks import check_required_apps, check_settings, check_urls

PROJECT_DIR = Path(__file__).resolve().parent.parent


def ids(messages):
    return [message.id for message in messages]


def stadtteil_settings(**values):
    return override_settings(WAGTAIL_STADTTEIL=values)


def test_a_correct_configuration_passes_the_checks():
    messages = checks.run_checks()
    assert [m for m in messages if m.id and m.id.startswith("wagtail_stadtteil")] == []
    assert check_required_apps() == []
    assert check_settings() == []


def test_manage_py_check_names_a_missing_app_and_how_to_add_it():
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(PROJECT_DIR), str(PROJECT_DIR / "example_site")]),
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--settings=tests.settings_missing_app"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "(wagtail_stadtteil.E001) wagtail_stadtteil.centres needs 'django_filters'" in (
        result.stderr
    )
    assert "INSTALLED_APPS = wagtail_stadtteil.installed_apps(INSTALLED_APPS)" in result.stderr


def test_an_unknown_setting_is_a_warning_that_lists_the_known_keys():
    with stadtteil_settings(HOLIDAY_STATE="NI", PAGE_SIZE=10):
        messages = check_settings()
    assert ids(messages) == ["wagtail_stadtteil.W001"]
    assert isinstance(messages[0], checks.Warning)
    assert "'PAGE_SIZE'" in messages[0].msg
    assert "PROGRAMME_PAGE_SIZE" in messages[0].hint


def test_settings_that_are_not_a_dict_are_an_error():
    with override_settings(WAGTAIL_STADTTEIL=[("HOLIDAY_STATE", "NI")]):
        assert ids(check_settings()) == ["wagtail_stadtteil.E003"]


@pytest.mark.parametrize("time_zone", ["Europe/Laatzen", "", None, "../etc/passwd"])
def test_a_time_zone_that_does_not_exist_is_an_error(time_zone):
    with stadtteil_settings(TIME_ZONE=time_zone):
        messages = check_settings()
    assert ids(messages) == ["wagtail_stadtteil.E004"]
    assert "Europe/Berlin" in messages[0].hint


def test_a_holiday_state_that_is_not_a_german_state_is_an_error():
    with stadtteil_settings(HOLIDAY_STATE="Niedersachsen"):
        messages = check_settings()
    assert ids(messages) == ["wagtail_stadtteil.E005"]
    assert "NI" in messages[0].hint


def test_every_german_state_is_accepted_as_holiday_state():
    for state in [
        "BW",
        "BY",
        "BE",
        "BB",
        "HB",
        "HH",
        "HE",
        "MV",
        "NI",
        "NW",
        "RP",
        "SL",
        "SN",
        "ST",
        "SH",
        "TH",
    ]:
        with stadtteil_settings(HOLIDAY_STATE=state):
            assert check_settings() == [], state


def test_an_unknown_language_code_is_an_error_naming_the_code():
    with stadtteil_settings(LANGUAGES=["de", "tr", "klingon"]):
        messages = check_settings()
    assert ids(messages) == ["wagtail_stadtteil.E006"]
    assert "klingon" in messages[0].msg
    assert "de-x-easy" in messages[0].hint


@pytest.mark.parametrize("size", [0, -5, "20", 2.5, True, None])
def test_a_programme_page_size_that_is_not_a_positive_integer_is_an_error(size):
    with stadtteil_settings(PROGRAMME_PAGE_SIZE=size):
        assert ids(check_settings()) == ["wagtail_stadtteil.E007"]


def test_a_missing_base_template_is_an_error_with_the_template_name():
    with stadtteil_settings(BASE_TEMPLATE="city/layout.html"):
        messages = check_settings()
    assert ids(messages) == ["wagtail_stadtteil.E008"]
    assert "'city/layout.html'" in messages[0].msg
    assert "BASE_TEMPLATE" in messages[0].hint


def test_use_tz_false_is_an_error():
    with override_settings(USE_TZ=False):
        messages = check_settings()
    assert ids(messages) == ["wagtail_stadtteil.E002"]
    assert "USE_TZ = True" in messages[0].hint


def test_several_mistakes_are_reported_together():
    with stadtteil_settings(TIME_ZONE="Mars/Olympus", HOLIDAY_STATE="XX", LANGUAGES=["xx"]):
        assert ids(check_settings()) == [
            "wagtail_stadtteil.E004",
            "wagtail_stadtteil.E005",
            "wagtail_stadtteil.E006",
        ]


@pytest.mark.parametrize("languages", ["de", None])
def test_languages_that_are_not_a_list_are_an_error_not_a_crash(languages):
    with stadtteil_settings(LANGUAGES=languages):
        messages = check_settings()
    assert ids(messages) == ["wagtail_stadtteil.E006"]
    assert "must be a list" in messages[0].msg


def test_a_site_without_the_package_urls_is_warned_that_feeds_would_be_404():
    assert check_urls() == []
    with override_settings(ROOT_URLCONF="tests.urls_without_stadtteil"):
        warnings = check_urls()
    assert [warning.id for warning in warnings] == ["wagtail_stadtteil.W002"]
    assert 'include("wagtail_stadtteil.urls")' in warnings[0].hint
