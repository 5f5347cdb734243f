"""Import an SLA statement file (like the customer's) as a draft statement page."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from sla.importer import StatementParseError, import_statement
from sla.models import SLAIndexPage


class Command(BaseCommand):
    help = (
        "Read an SLA statement written like the customer's file (numbered Persian sections, "
        "the validity date in Jalali) into a draft SLAStatementPage for an editor to review."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The statement file (UTF-8 text).")
        parser.add_argument("--parent", type=int, help="ID of the SLA index page to put it under.")
        parser.add_argument("--title", help="The page title (default: the file's first line).")
        parser.add_argument("--slug", help="The page slug (default: statement-<valid until>).")
        parser.add_argument("--owner", help="Username of the page's owner, who gets expiry emails.")

    def handle(self, *args, path, parent=None, title=None, slug=None, owner=None, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        if parent is not None:
            index = SLAIndexPage.objects.filter(pk=parent).first()
            if index is None:
                raise CommandError(f"No SLA index page with ID {parent}.")
        else:
            index = SLAIndexPage.objects.order_by("path").first()
            if index is None:
                raise CommandError(
                    "There is no SLA index page: create one under the home page first."
                )
        user = None
        if owner:
            user = get_user_model().objects.filter(username=owner).first()
            if user is None:
                raise CommandError(f"No user named {owner!r}.")
        try:
            # The university's editors read the problems in Persian, like the file.
            with translation.override(settings.LANGUAGE_CODE):
                page = import_statement(file.read_bytes(), index, user=user, title=title, slug=slug)
        except StatementParseError as error:
            with translation.override(settings.LANGUAGE_CODE):
                nothing = _("Nothing was imported.")
            raise CommandError(f"{file}: {error} {nothing}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported “{page.title}” as a draft (page #{page.pk}, valid until "
                f"{page.valid_until.isoformat()}): review and publish it in the admin."
            )
        )
