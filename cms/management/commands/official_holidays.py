"""Regenerates (``--write``) or checks (``--check``) the table of Iran's official holidays
that the working calendar reads (``cms/official_holidays.py``)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cms.official_holidays import TABLE, compute, serialise, table


class Command(BaseCommand):
    help = "Writes or checks cms/data/official_holidays_ir.json from the holidays package."

    def add_arguments(self, parser):
        this_year = timezone.now().year
        parser.add_argument("--first", type=int, default=this_year - 2)
        parser.add_argument("--last", type=int, default=this_year + 10)
        parser.add_argument("--write", action="store_true", help="rewrite the table")
        parser.add_argument("--check", action="store_true", help="fail if the table differs")

    def handle(self, *args, first, last, write, check, **options):
        if write:
            if first > last:
                raise CommandError("--first must not be after --last.")
            TABLE.parent.mkdir(parents=True, exist_ok=True)
            TABLE.write_text(serialise(range(first, last + 1)), encoding="utf-8")
            table.cache_clear()
        years = sorted(table())
        if not years:
            raise CommandError(f"{TABLE} is missing or empty: run --write.")
        if check:
            differ = [year for year in years if table()[year] != compute(year)]
            if differ:
                raise CommandError(
                    f"{TABLE} differs from the holidays package for {differ}: run --write."
                )
        self.stdout.write(f"{TABLE}: {years[0]}-{years[-1]}")
