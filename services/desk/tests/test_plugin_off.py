"""The site boots, migrates and renders with the desk switched off."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[3]

SCRIPT = """
import django
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment

django.setup()
setup_test_environment()
assert not apps.is_installed("services.desk"), "desk still installed"
call_command("migrate", verbosity=0, interactive=False)
call_command("check")
call_command("load_demo", verbosity=0)
from cms.plugins import registry
assert registry.get("desk") is None
client = Client()
home = client.get("/")
assert home.status_code == 200, home.status_code
body = home.content.decode()
assert 'lang="fa"' in body and 'href="/desk/"' not in body and 'href="/track/"' not in body
assert client.get("/desk/").status_code == 404
assert client.get("/track/").status_code == 404
assert client.get("/en/").status_code == 200
print("DESK-OFF-OK")
"""


def test_site_boots_migrates_and_renders_with_the_desk_switched_off(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "PORTAL_DISABLED_PLUGINS": "services.desk",
        "DATA_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "DESK-OFF-OK" in result.stdout, result.stderr[-3000:]
