"""Terminating a service as the SLA statement (section 7) says: first a backup of the
users' data, verified by a restore drill, and only then the end of intake.

The backup is the whole portal (the service's requests, their history and attachments
among the rest): one archive restores with ``restore_portal`` like any other. Nothing is
deleted: existing requests stay readable by their owners and by staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.backup import BackupError, create_backup
from cms.backup.report import drill_lines
from cms.backup.retention import backup_dir, file_sha256, mark_verified
from cms.backup.verify import run_drill

from .models import Service, ServiceTermination


class TerminationRefused(Exception):
    """The service stays open: the backup could not be made or did not verify."""

    def __init__(self, message, report: list[str] | None = None):
        super().__init__(message)
        self.report = report or []


@dataclass
class TerminationResult:
    termination: ServiceTermination
    report: list[str]


def archive_name(service: Service, encrypted: bool) -> str:
    # Not "portal-...": backup_portal --keep never removes a termination's archive.
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    return f"termination-{service.code}-{stamp}.tar.gz" + (".age" if encrypted else "")


def terminate(
    service: Service, *, user=None, ended_on: date | None = None, unencrypted: bool = False
) -> TerminationResult:
    """Back the portal up, verify the archive, then close the service's intake."""
    from cms.backup import crypto

    if service.is_terminated:
        raise TerminationRefused(_("This service has already been terminated."))
    try:
        encrypted = not unencrypted and bool(crypto.recipients())
        archive = backup_dir() / archive_name(service, encrypted)
        create_backup(archive, unencrypted=unencrypted)
    except BackupError as exc:
        raise TerminationRefused(exc.args[0]) from exc
    drill = run_drill(archive)
    report = drill_lines(drill, archive)
    if not drill.ok:
        raise TerminationRefused(
            _("The backup did not pass its restore drill: the service stays open."), report
        )
    sha256 = file_sha256(archive)
    mark_verified(archive, sha256)
    with transaction.atomic():
        termination = ServiceTermination.objects.create(
            service=service,
            ended_on=ended_on or timezone.localdate(),
            terminated_by=user if getattr(user, "pk", None) else None,
            terminated_by_name=getattr(user, "get_username", lambda: "")() or "manage.py",
            archive_path=str(archive),
            archive_sha256=sha256,
        )
        # The live row and the catalog listing show it closed at once; open() and
        # get_start_url() also look at the termination, so a later edit cannot reopen it.
        Service.objects.filter(pk=service.pk).update(is_open=False)
    service.is_open = False
    return TerminationResult(termination, report)


def ended_service(code: str) -> Service | None:
    """The service with ``code`` when it has been terminated (for plugins' forms)."""
    if not code:
        return None
    return (
        Service.objects.select_related("termination")
        .filter(code=code, termination__isnull=False)
        .first()
    )


def ended_response(request, service: Service, track_url: str = ""):
    """The page a plugin's form shows instead of itself once its service has ended."""
    return render(request, "sla/service_ended.html", {"service": service, "track_url": track_url})
