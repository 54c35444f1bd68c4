#!/usr/bin/env bash
# Build the wheel, install it into a fresh virtualenv, make a new site with
# `wagtail start`, apply exactly the install lines of docs/install.md, migrate, set up,
# create a centre and render it in German.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$repo/.venv/bin/python" -m build --wheel --outdir "$work/dist" "$repo" >/dev/null
python=$(command -v python3.11 || command -v python3)
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --upgrade pip
"$work/venv/bin/python" -m pip install --quiet "$work"/dist/wagtail_stadtteil-*.whl

cd "$work"
"$work/venv/bin/wagtail" start citysite >/dev/null
cd citysite

# docs/install.md marks its install snippets with <!-- install:settings --> etc.
"$work/venv/bin/python" - "$repo/docs/install.md" <<'PY'
import re
import sys
from pathlib import Path

guide = Path(sys.argv[1]).read_text(encoding="utf-8")
def snippet(name):
    match = re.search(rf"<!-- install:{name} -->\s*```[a-z]*\n(.*?)```", guide, re.S)
    if not match:
        sys.exit(f"docs/install.md has no <!-- install:{name} --> snippet")
    return match.group(1)

settings = Path("citysite/settings/base.py")
settings.write_text(settings.read_text() + "\n" + snippet("settings"))
urls = Path("citysite/urls.py")
urls.write_text(urls.read_text() + "\n" + snippet("urls"))
commands = snippet("commands")
Path("install_commands.sh").write_text(commands)
print("docs/install.md settings lines applied:\n" + snippet("settings"))
PY

export PATH="$work/venv/bin:$PATH"
# The commands of docs/install.md, with `python` being the new site's virtualenv.
bash -euxo pipefail install_commands.sh
python - <<'PY'
from pathlib import Path

import wagtail_stadtteil

catalogs = Path(wagtail_stadtteil.__file__).parent / "core" / "locale"
languages = ["de", "en", "tr", "ar", "ru", "uk"]
missing = [code for code in languages if not (catalogs / code / "LC_MESSAGES" / "django.mo").is_file()]
assert not missing, f"compiled catalogs missing from the wheel: {missing}"
print(f"install test: compiled catalogs for {', '.join(languages)} ship in the wheel")
PY
python manage.py stadtteil_create_centre "Stadtteilzentrum Nord" >/dev/null
python manage.py check --fail-level WARNING

python manage.py shell <<'PY'
from django.test import Client

response = Client().get("/stadtteilzentrum-nord/")
body = response.content.decode()
assert response.status_code == 200, response.status_code
for text in ["Stadtteilzentrum Nord", "Öffnungszeiten", "Barrierefreiheit"]:
    assert text in body, f"{text!r} missing from the centre page"
feed = Client().get("/stadtteilzentrum-nord/calendar.ics")
assert feed.status_code == 200 and b"BEGIN:VCALENDAR" in feed.content, feed.status_code
print("install test: centre renders with German UI strings, its iCal feed is served")
PY
