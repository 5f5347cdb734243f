"""README's "Writing a plugin" shows the example plugin cms/tests/testplugin file for
file: a change to one without the other fails here."""

import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PLUGIN = BASE_DIR / "cms" / "tests" / "testplugin"
SHOWN = re.compile(r"^`cms/tests/testplugin/([^`]+)`:\n\n```\w+\n(.*?)^```$", re.S | re.M)


def test_the_readme_shows_every_file_of_the_example_plugin_as_it_is():
    readme = (BASE_DIR / "README.md").read_text(encoding="utf-8")
    shown = dict(SHOWN.findall(readme))
    assert set(shown) == {
        "apps.py",
        "models.py",
        "forms.py",
        "views.py",
        "urls.py",
        "admin.py",
        "wagtail_hooks.py",
        "templates/testplugin/index.html",
        "templates/testplugin/ticket.html",
        "templates/testplugin/admin/ticket_inspect.html",
    }
    for name, text in shown.items():
        assert text == (PLUGIN / name).read_text(encoding="utf-8"), name
    # Everything else in the folder is tests' help, migrations or the catalogue.
    code = {
        str(path.relative_to(PLUGIN))
        for path in PLUGIN.rglob("*")
        if path.suffix in {".py", ".html"} and "migrations" not in path.parts
    }
    assert code - set(shown) == {"__init__.py", "factories.py"}
