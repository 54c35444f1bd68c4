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
MANAGE = [sys.executable, "manage.py"]


@dataclass
class ExampleSite:
    url: str
    log: Path

    def __call__(self, path):
        """The address of ``path`` on the site."""
        return self.url + path

    def server_errors(self, since=0):
        """The lines of the site's log from byte ``since`` on that tell of an
        error of the server (a 500 answer or a traceback)."""
        with self.log.open("rb") as log:
            log.seek(since)
            text = log.read().decode(errors="replace")
        return [line for line in text.splitlines() if '" 500 ' in line or "Traceback" in line]


def _free_port():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        return listener.getsockname()[1]


def _manage(*arguments, env, log, log_path):
    try:
        subprocess.run(
            [*MANAGE, *arguments],
            cwd=EXAMPLE_SITE,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
        )
    except subprocess.CalledProcessError:
        log.flush()
        pytest.fail(f"manage.py {arguments[0]} failed:\n{log_path.read_text()[-3000:]}")


def _serve(port, env, log, log_path):
    """runserver on ``port``, or on another free port if that one was taken
    meanwhile (Wagtail then serves the demo as its default site)."""
    for attempt in range(3):
        port = port if attempt == 0 else _free_port()
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            # --insecure: runserver serves the static files without DEBUG.
            [*MANAGE, "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
            cwd=EXAMPLE_SITE,
            env={**env, "WAGTAILADMIN_BASE_URL": url},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        if _answers(url, server):
            return server, url
        _stop(server)
    log.flush()
    pytest.fail(f"the example site did not start:\n{log_path.read_text()[-3000:]}")


def _answers(url, server, seconds=60):
    """Whether *our* server answers at ``url`` with the demo's home page."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/", timeout=5) as response:
                home = response.read().decode()
            return server.poll() is None and "Stadtteilzentren" in home
        except OSError:
            time.sleep(0.3)
    return False


def _stop(server):
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.fixture(scope="session")
def live_example_site(tmp_path_factory):
    """The example site with its demo content, served live for the session."""
    directory = tmp_path_factory.mktemp("example_site")
    env = {
        **os.environ,
        # manage.py would keep the test settings pytest-django put here.
        "DJANGO_SETTINGS_MODULE": "stadtteil_example.settings",
        "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
        "MEDIA_ROOT": str(directory / "media"),
        "WAGTAIL_ENABLE_UPDATE_CHECK": "0",
        # As in production: the site's own error pages, not Django's debug pages.
        "DEBUG": "0",
        # Whatever the machine has set for its own sites:
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "SECRET_KEY": "browser-tests-only",
        "PYTHONUNBUFFERED": "1",
    }
    log_path = directory / "site.log"
    with log_path.open("w") as log:
        port = _free_port()
        _manage("migrate", "--noinput", env=env, log=log, log_path=log_path)
        _manage(
            "stadtteil_demo",
            f"--base-url=http://127.0.0.1:{port}/",
            env=env,
            log=log,
            log_path=log_path,
        )
        server, url = _serve(port, env, log, log_path)
        try:
            yield ExampleSite(url=url, log=log_path)
        finally:
            _stop(server)


@pytest.fixture
def example_site(live_example_site):
    """The live example site; a test fails when the server had an error
    (a 500 or a traceback in its log) while it ran."""
    since = live_example_site.log.stat().st_size
    yield live_example_site
    errors = live_example_site.server_errors(since)
    assert errors == [], "the example site had server errors:\n" + "\n".join(errors)


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
