"""The site boots, migrates, loads its demo and renders with any plugin switched off,
and shows no trace of it: one case per plugin the registry knows, plus every plugin off.

Each case is a fresh process (INSTALLED_APPS is fixed when Django starts) on its own
SQLite folder. What every case shares is made once: a folder where the core alone
(every plugin off) was migrated and given its demo content, which is also the "every
plugin off" case. Each plugin case copies it, then migrates the other plugins into it
and runs ``load_demo`` again with its plugin off: the core's own demo content does not
depend on which plugins are on (it never asks the registry), and what each remaining
plugin adds is loaded in that case.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cms.plugins import registry

BASE_DIR = Path(__file__).resolve().parents[2]

# Its own SQLite files whatever DATABASE_URL says: the PostgreSQL pass leaves it out.
pytestmark = [pytest.mark.slow, pytest.mark.own_sqlite]

# Text a plugin shows that its URLs do not reveal (banner keys, tile and menu labels).
EXTRA_TRACES = {
    "outages": ['data-banner-key="outage-'],
    "testplugin": ["کاشی آزمایشی", "پیوند آزمایشی", "اطلاعیهٔ آزمایشی", 'data-banner-key="test-'],
}


def _plugin(config):
    prefixes = [config.url_prefix] if config.urls and config.url_prefix else []
    prefixes += list(config.extra_url_prefixes or {})
    return {
        "name": config.name,
        "label": config.label,
        "prefixes": prefixes,
        "texts": EXTRA_TRACES.get(config.label, []),
    }


PLUGINS = [_plugin(config) for config in registry.plugins()]

SCRIPT = r"""
import json, os, sys
from io import StringIO

import django
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment

django.setup()
setup_test_environment()
spec = json.loads(os.environ["SWITCHED_OFF_SPEC"])
from cms.plugins import registry

for plugin in spec["off"]:
    assert not apps.is_installed(plugin["name"]), plugin["name"] + " still installed"
    assert registry.get(plugin["label"]) is None, plugin["label"] + " still a plugin"
call_command("migrate", verbosity=0, interactive=False)
call_command("check", fail_level="WARNING", stdout=StringIO())
call_command("load_demo", stdout=StringIO())

from wagtail.models import Page
from sla.models import Service

client = Client()
urls = ["/", "/en/", "/search/?q=%D9%88%D8%A7%D9%85", "/sitemap.xml", "/admin/login/"]
urls += [page.url for page in Page.objects.live().filter(depth__gt=1).specific()]
urls += [f"/services/{code}/" for code in Service.objects.values_list("code", flat=True)]
urls += [f"/{prefix}/" for plugin in spec["on"] for prefix in plugin["prefixes"]]
urls += [f"/en/{prefix}/" for plugin in spec["on"] for prefix in plugin["prefixes"]]
problems = []
for url in dict.fromkeys(urls):
    response = client.get(url)
    if response.status_code != 200:
        problems.append(f"{url}: {response.status_code}")
        continue
    body = response.content.decode()
    for plugin in spec["off"]:
        traces = [f'"/{p}/' for p in plugin["prefixes"]] + [f'"/en/{p}/' for p in plugin["prefixes"]]
        for trace in traces + plugin["texts"]:
            if trace in body:
                problems.append(f"{url}: shows {trace!r} of {plugin['label']}")
for plugin in spec["off"]:
    for prefix in plugin["prefixes"]:
        for url in (f"/{prefix}/", f"/en/{prefix}/"):
            status = client.get(url).status_code
            if status != 404:
                problems.append(f"{url}: {status} instead of 404")
assert not problems, "\n".join(problems)
assert 'lang="fa"' in client.get("/").content.decode()
print("SWITCHED-OFF-OK", len(urls), "pages")
"""


def run_switched_off(data_dir, off):
    spec = {"off": off, "on": [plugin for plugin in PLUGINS if plugin not in off]}
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "PORTAL_DISABLED_PLUGINS": ",".join(plugin["name"] for plugin in off),
        "DATA_DIR": str(data_dir),
        "SWITCHED_OFF_SPEC": json.dumps(spec),
    }
    env.pop("DATABASE_URL", None)  # a SQLite file, whatever the suite runs on
    return subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def assert_switched_off(result):
    assert "SWITCHED-OFF-OK" in result.stdout, result.stderr[-4000:]


@pytest.fixture(scope="module")
def core_only(tmp_path_factory):
    """The site with every plugin off, in a data folder that did not exist before (as
    in a fresh clone): migrated, with the core's demo content."""
    data_dir = tmp_path_factory.mktemp("core-only") / "fresh" / "data"
    return data_dir, run_switched_off(data_dir, PLUGINS)


def test_the_registry_knows_the_plugins_to_switch_off():
    by_label = {plugin["label"]: plugin for plugin in PLUGINS}
    assert {"desk", "loans", "outages", "testplugin"} <= set(by_label)
    assert by_label["desk"]["prefixes"] == ["desk", "track"]


def test_site_works_with_every_plugin_switched_off(core_only):
    assert_switched_off(core_only[1])


@pytest.mark.parametrize("plugin", PLUGINS, ids=[plugin["label"] for plugin in PLUGINS])
def test_site_works_with_the_plugin_switched_off(plugin, core_only, tmp_path):
    template, result = core_only
    assert_switched_off(result)
    data_dir = tmp_path / "data"
    shutil.copytree(template, data_dir)
    assert_switched_off(run_switched_off(data_dir, [plugin]))
