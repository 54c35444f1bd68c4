"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's
live server. Never downloads a browser (DESIGN §7 "Browser tests offline")."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django refuses
# database access from such a thread unless told it is safe (it is: the test
# thread and the live server thread use their own connections).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("STADTTEIL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches the system Chromium with offline flags."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def browser_errors(page):
    """Console errors and uncaught page errors of the whole session, as text."""
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(f"console: {message.text} ({message.location['url']})")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    return errors


# --- The example site, live -------------------------------------------------
#
# The journeys and the accessibility checks run against the example site as
# `make demo` serves it: its own settings, migrated, the demo loaded, served by
# `manage.py runserver` on a free port, in a directory of its own. They talk to
# it only through the browser, as residents and editors do.

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_SITE = REPO / "example_site"


@dataclass
class ExampleSite:
    url: str
    directory: Path

    def __call__(self, path):
        """The address of ``path`` on the site."""
        return self.url + path


def _free_port():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        return listener.getsockname()[1]


def _manage(*arguments, env, log):
    subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=EXAMPLE_SITE,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        check=True,
    )


def _wait_for(url, server, log_path, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the example site stopped: {log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"the example site did not answer within {seconds} s at {url}")


@pytest.fixture(scope="session")
def example_site(tmp_path_factory):
    """The example site with its demo content, served live for the session."""
    directory = tmp_path_factory.mktemp("example_site")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        # manage.py would keep the test settings pytest-django put here.
        "DJANGO_SETTINGS_MODULE": "stadtteil_example.settings",
        "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
        "MEDIA_ROOT": str(directory / "media"),
        "WAGTAILADMIN_BASE_URL": url,
        "WAGTAIL_ENABLE_UPDATE_CHECK": "0",
        # As in production: the site's own error pages, not Django's debug pages.
        "DEBUG": "0",
        "PYTHONUNBUFFERED": "1",
    }
    log_path = directory / "site.log"
    with log_path.open("w") as log:
        _manage("migrate", "--noinput", env=env, log=log)
        _manage("stadtteil_demo", "--base-url", f"{url}/", env=env, log=log)
        server = subprocess.Popen(
            # --insecure: runserver serves the static files without DEBUG.
            [
                sys.executable,
                "manage.py",
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
                "--insecure",
            ],
            cwd=EXAMPLE_SITE,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for(f"{url}/", server, log_path)
            yield ExampleSite(url=url, directory=directory)
        finally:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory):
    """Where the journeys leave their screenshots: docs/screenshots with
    `make screenshots`, a temporary directory otherwise (the work tree stays
    clean on every other run)."""
    target = os.environ.get("STADTTEIL_SCREENSHOTS")
    directory = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    directory.mkdir(parents=True, exist_ok=True)

    def take(page, name, **options):
        path = directory / f"{name}.png"
        page.screenshot(path=path, **options)
        return path

    return take
