"""Test settings of a site that forgot one app the package needs (django_filters):
``manage.py check`` must name it and say how to fix it."""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "django_filters"]
