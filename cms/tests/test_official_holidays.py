"""Iran's official holidays come from a table generated with the ``holidays`` package, so
web workers need not import the package (about 11 MB each); the table must say exactly
what the package says, and a year outside it still gets its holidays."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms import official_holidays as module
from cms.working_calendar import WorkingCalendar

ROOT = Path(__file__).resolve().parents[2]


def test_the_table_equals_the_package_for_every_year_it_holds():
    years = sorted(module.table())
    this_year = timezone.now().year
    assert years[0] <= this_year and years[-1] >= this_year + 5
    for year in years:
        assert module.table()[year] == module.compute(year), year


def test_nowruz_is_closed_and_a_year_outside_the_table_still_has_holidays():
    calendar = WorkingCalendar()
    assert calendar.holiday_name(dt.date(2026, 3, 21))  # 1 Farvardin 1405
    assert not calendar.is_working_day(dt.date(2026, 3, 21))
    module.official_holidays.cache_clear()
    assert 1999 not in module.table()
    assert dt.date(1999, 2, 11) in module.official_holidays(1999)  # from the package


def test_the_check_command_fails_when_the_table_is_stale(tmp_path, monkeypatch):
    call_command("official_holidays", "--check")
    stale = tmp_path / "holidays.json"
    stale.write_text(
        module.TABLE.read_text(encoding="utf-8").replace("پیروزی انقلاب اسلامی", "روز دیگر"),
        encoding="utf-8",
    )
    monkeypatch.setattr(module, "TABLE", stale)
    module.table.cache_clear()
    try:
        with pytest.raises(Exception, match="differs"):
            call_command("official_holidays", "--check")
    finally:
        module.table.cache_clear()


def test_a_web_worker_computes_this_years_office_hours_without_the_package():
    script = (
        "import django, sys; django.setup();"
        "from cms.working_calendar import WorkingCalendar; import datetime as dt;"
        "WorkingCalendar().is_working_day(dt.date.today());"
        "print('holidays' in sys.modules)"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "cms.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert done.stdout.strip().splitlines()[-1] == "False"
