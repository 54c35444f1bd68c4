"""Test settings: the example site with fast, isolated services.

SQLite by default; ``DATABASE_URL=postgres://…`` runs the same suite on PostgreSQL.
"""

import os
import tempfile

from stadtteil_example.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="stadtteil-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEBUG = False
WAGTAILADMIN_BASE_URL = "http://testserver"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not SQLite's shared in-memory database: there concurrent writers
    # get "database table is locked" at once instead of waiting for the lock,
    # and the booking race tests need real concurrent connections.
    _shm = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(_shm, f"stadtteil-test-{os.getpid()}.sqlite3")
    }
