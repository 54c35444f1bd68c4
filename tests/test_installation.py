"""A city installs the package with one line in its settings."""

from django.apps import apps
from django.conf import settings

import wagtail_stadtteil

WAGTAIL_START_APPS = [
    "home",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]


def test_installed_apps_adds_the_package_after_the_sites_own_apps():
    result = wagtail_stadtteil.installed_apps(WAGTAIL_START_APPS)
    assert result[: len(WAGTAIL_START_APPS)] == WAGTAIL_START_APPS
    assert result[len(WAGTAIL_START_APPS) :] == wagtail_stadtteil.INSTALLED_APPS


def test_installed_apps_does_not_list_an_app_twice():
    existing = [*WAGTAIL_START_APPS, "django_filters", "wagtail.contrib.settings"]
    result = wagtail_stadtteil.installed_apps(existing)
    assert len(result) == len(set(result))
    assert result.count("django_filters") == 1
    assert result.index("django_filters") < result.index("wagtail_stadtteil.core")
    assert set(wagtail_stadtteil.INSTALLED_APPS) <= set(result)


def test_installed_apps_accepts_a_tuple_and_leaves_it_unchanged():
    existing = tuple(WAGTAIL_START_APPS)
    result = wagtail_stadtteil.installed_apps(existing)
    assert existing == tuple(WAGTAIL_START_APPS)
    assert isinstance(result, list)
    assert "wagtail_stadtteil.centres" in result


def test_the_package_apps_come_in_dependency_order():
    order = [
        app
        for app in wagtail_stadtteil.INSTALLED_APPS
        if app.startswith("wagtail_stadtteil") and not app.endswith("Config")
    ]
    assert order == [
        "wagtail_stadtteil.core",
        "wagtail_stadtteil.schedules",
        "wagtail_stadtteil.centres",
        "wagtail_stadtteil.rooms",
        "wagtail_stadtteil.booking",
        "wagtail_stadtteil.reports",
    ]


def test_the_example_site_installs_every_app_once_with_its_labels():
    assert len(settings.INSTALLED_APPS) == len(set(settings.INSTALLED_APPS))
    labels = {config.label for config in apps.get_app_configs()}
    assert {
        "stadtteil_core",
        "stadtteil_schedules",
        "stadtteil_centres",
        "stadtteil_rooms",
        "stadtteil_booking",
        "stadtteil_reports",
    } <= labels


def test_django_recurrence_is_installed_once_whether_or_not_the_site_lists_it():
    with_it = wagtail_stadtteil.installed_apps(["wagtail", "recurrence"])
    without_it = wagtail_stadtteil.installed_apps(["wagtail"])
    assert with_it.count("recurrence") == 1
    assert not any(app.endswith("RecurrenceConfig") for app in with_it)
    assert [app for app in without_it if "ecurrence" in app] == [
        "wagtail_stadtteil.schedules.recurrence_app.RecurrenceConfig"
    ]


def test_django_recurrence_models_keep_the_key_type_of_their_migrations():
    """No models.W042 in a site without DEFAULT_AUTO_FIELD, no migration for it."""
    config = apps.get_app_config("recurrence")
    assert config.default_auto_field == "django.db.models.BigAutoField"
    assert config.get_model("Rule")._meta.pk.get_internal_type() == "BigAutoField"
