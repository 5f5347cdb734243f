from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms.plugins import BackupDataset, HomeTile, MenuEntry, PortalPlugin, RestoreCheck


def _ensure_groups(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """After every migrate: this app's permissions exist and the role groups carry them.

    Django creates an app's permissions in django.contrib.auth's own post_migrate
    receiver, which runs after this one (this app is listed before auth), so this one
    creates them first, with the same arguments Django gives its own.
    """
    from django.contrib.auth.management import create_permissions

    from .roles import ensure_role_groups

    create_permissions(sender, verbosity=0, using=using, apps=apps)
    ensure_role_groups()


class LoansConfig(PortalPlugin, AppConfig):
    """Student loans: applications to the Ministry of Health's Student Welfare Fund,
    reviewed by the welfare office stage by stage up to the deposit."""

    name = "services.loans"
    label = "loans"
    verbose_name = _("Student loans")
    default_auto_field = "django.db.models.BigAutoField"

    url_prefix = "loans"
    urls = "services.loans.urls"

    def ready(self):
        post_migrate.connect(_ensure_groups, sender=self, dispatch_uid="loans-role-groups")

    def get_home_tiles(self, request):
        return [
            HomeTile(
                _("Student loans"),
                _("Apply for a loan of the Student Welfare Fund and follow it to the deposit."),
                reverse("loans:index"),
                icon="loans",
                order=30,
            ),
        ]

    def get_menu_entries(self, request):
        return [
            MenuEntry(_("Student loans"), reverse("loans:index"), order=30),
            MenuEntry(_("Follow a loan"), reverse("loans:track"), order=31),
        ]

    def get_sla_metrics(self, service_code, start, end):
        from . import conf
        from .metrics import service_metrics

        if service_code != conf.service_code():
            return []
        return service_metrics(service_code, start, end)

    def get_service_start_url(self, service):
        from . import conf

        return reverse("loans:index") if service.code == conf.service_code() else None

    def setup_portal(self, stdout):
        # One group per role of the welfare office (expert, financial officer, liaison).
        from .roles import ensure_role_groups

        groups = ensure_role_groups()
        stdout.write(f"  loans: groups {', '.join(group.name for group in groups.values())}")

    def get_backup_datasets(self):
        # Loan types, terms and windows are the office's settings, not users' data, but
        # the applications point to them: they travel with the backup too.
        return [
            BackupDataset("loans.AcademicTerm", description="Academic terms"),
            BackupDataset("loans.LoanType", description="Loan types"),
            BackupDataset("loans.ApplicationWindow", description="Application windows"),
            BackupDataset("loans.FundBatch", description="Batches sent to the fund"),
            BackupDataset("loans.LoanApplication", description="Students' loan applications"),
            BackupDataset("loans.StageChange", description="Stage timeline of applications"),
            BackupDataset(
                "loans.ApplicationDocument", file_fields=("file",), description="Documents sent"
            ),
            BackupDataset(
                "loans.FundAnswerImport", file_fields=("file",), description="Fund answer files"
            ),
            BackupDataset("loans.ApplicationViewLog", description="Staff views of applications"),
        ]

    def find_submissions(self, mobile):
        from .mine import find_submissions

        return find_submissions(mobile)

    def open_submission(self, request, ref, mobile):
        from .mine import open_submission

        return open_submission(request, ref, mobile)

    def verify_restored(self, sample):
        """Open restored applications as students do at /loans/track/: tracking code
        plus national code."""
        from .models import LoanApplication
        from .views import find_application

        checks = []
        for pk, code, national_code in LoanApplication.objects.order_by("?").values_list(
            "pk", "tracking_code", "national_code"
        )[:sample]:
            found = find_application(code, national_code)
            checks.append(RestoreCheck(f"loans {code}", found is not None and found.pk == pk))
        return checks
