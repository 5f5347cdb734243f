"""Django merges every Persian catalogue into one and the first app in INSTALLED_APPS wins:
two catalogues must never translate the same msgid (same context) differently, or a page
shows whichever happens to load first (the /track/ button read «فعال» for «باز کردن»)."""

from collections import defaultdict
from pathlib import Path

import polib
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def catalogues():
    found = sorted(ROOT.glob("locale/fa/LC_MESSAGES/django.po"))
    found += sorted(ROOT.glob("*/locale/fa/LC_MESSAGES/django.po"))
    found += sorted(ROOT.glob("services/*/locale/fa/LC_MESSAGES/django.po"))
    return [path for path in found if ".venv" not in path.parts]


def test_the_test_reads_the_project_catalogue_and_every_apps():
    names = {str(path.relative_to(ROOT)) for path in catalogues()}
    for folder in ("", "sitepages/", "sla/", "services/desk/", "services/loans/"):
        assert f"{folder}locale/fa/LC_MESSAGES/django.po" in names


def test_no_two_catalogues_translate_the_same_msgid_differently():
    translations = defaultdict(dict)
    for path in catalogues():
        for entry in polib.pofile(str(path)):
            if entry.obsolete or entry.fuzzy or not entry.translated():
                continue
            key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
            value = entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))
            translations[key][str(path.relative_to(ROOT))] = value
    collisions = {
        f"{msgid!r} (context {ctx!r})": by_file
        for (ctx, msgid, _plural), by_file in translations.items()
        if len(set(by_file.values())) > 1
    }
    assert not collisions, "\n".join(f"{k}: {v}" for k, v in collisions.items())


def test_the_tracker_button_and_the_service_status_are_told_apart():
    from django.utils import translation

    with translation.override("fa"):
        assert translation.gettext("Open") == "باز کردن"
        assert translation.pgettext("service status", "Open") == "فعال"
        assert translation.gettext("Tracking code") == "کد رهگیری"
        assert translation.gettext("Email") == "رایانامه"
