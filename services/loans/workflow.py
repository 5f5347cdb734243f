"""What happens to an application: submission, every move between stages, corrections,
cancellation and fund batches.

Views (public and admin) and the fund import call these functions. Each saves all or
nothing and asks the transitions table (:data:`services.loans.enums.TRANSITIONS`)
whether the move exists and whether the actor's role may make it. The application's
row is locked while it moves (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite takes the
write lock when the transaction starts), and a move made on what the staff member saw
(``expected_stage``) is refused when someone else moved the application meanwhile: two
staff acting at once leave one consistent state.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.attachments import atomic_with_files
from cms.jalali import to_jalali
from cms.tracking import new_tracking_code
from cms.transitions import TransitionNotAllowed

from . import notify
from .checks import check_document_amount, check_needs, normalize_reference
from .enums import LoanStage, Role, get_transition
from .models import ApplicationDocument, FundBatch, LoanApplication, StageChange

logger = logging.getLogger(__name__)

S = LoanStage


class StageConflict(TransitionNotAllowed):
    """Someone else moved the application since the actor looked at it."""


class DuplicateApplication(ValidationError):
    """The student already has an active application for this loan type and term."""


def duplicate_message() -> str:
    return _(
        "You already have an active application for this loan in this term. "
        "Follow it up on the tracking page."
    )


def not_now_message() -> str:
    """What the public form says on a duplicate: nothing about the national code's owner
    (``duplicate_message`` would tell a stranger that this person has an application)."""
    return _(
        "An application cannot be made now. If an application for this loan already "
        "exists, its tracking code has been sent to the mobile number given on that "
        "application."
    )


# Files


def _store_documents(application, files, *, round_number, stored):
    for file, kind in files:
        ApplicationDocument(application=application, round=round_number).store(
            file, kind, stored=stored
        )


# Submission

STUDENT_FIELDS = (
    "student_number",
    "national_code",
    "full_name",
    "faculty",
    "degree",
    "mobile",
    "email",
    "sheba",
    "requested_amount",
)
# What a student may change when the application is returned for correction: not who
# they are (national code), nor what and when they applied for.
CORRECTABLE_FIELDS = tuple(f for f in STUDENT_FIELDS if f != "national_code")


def _new_code() -> str:
    return new_tracking_code(
        lambda code: LoanApplication.objects.filter(tracking_code=code).exists()
    )


def submit_application(
    *, loan_type, window, student: dict, documents=(), language: str = "fa"
) -> LoanApplication:
    """Saves a new application with its documents, all or nothing.

    Raises :class:`DuplicateApplication` when the student already has an active
    application for this loan type and term (the database's constraint decides, so two
    submissions at once cannot both pass).
    """

    def operation(stored):
        for _attempt in range(5):
            application = LoanApplication(
                tracking_code=_new_code(),
                loan_type=loan_type,
                term=window.term,
                language=(language or "fa")[:8],
                **{field: student.get(field) or "" for field in STUDENT_FIELDS},
            )
            application.requested_amount = int(student["requested_amount"])
            application.stage_changed_at = application.submitted_at
            try:
                with transaction.atomic():
                    application.save()
                break
            except IntegrityError as error:
                if LoanApplication.objects.filter(tracking_code=application.tracking_code).exists():
                    continue  # a clash of random codes (one in 10^12): another code
                if _has_active_duplicate(application):
                    raise DuplicateApplication(duplicate_message(), code="duplicate") from error
                raise
        else:
            raise RuntimeError("Could not store the application with a fresh tracking code.")
        StageChange.objects.create(
            application=application,
            from_stage="",
            to_stage=S.SUBMITTED,
            role=Role.STUDENT,
            at=application.submitted_at,
        )
        _store_documents(application, documents, round_number=0, stored=stored)
        transaction.on_commit(lambda: notify.application_received(application))
        return application

    return atomic_with_files(operation)


def _has_active_duplicate(application) -> bool:
    return (
        LoanApplication.objects.active()
        .filter(
            national_code=application.national_code,
            loan_type=application.loan_type,
            term=application.term,
        )
        .exists()
    )


def has_active_application(*, national_code, loan_type, term, exclude_pk=None) -> bool:
    queryset = LoanApplication.objects.active().filter(
        national_code=national_code, loan_type=loan_type, term=term
    )
    if exclude_pk:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.exists()


# Moves


def move(
    application: LoanApplication,
    target: str,
    *,
    roles,
    user=None,
    note: str = "",
    expected_stage: str | None = None,
    via_batch=None,
    **data,
) -> StageChange:
    """Moves an application through the transitions table, and only through it.

    ``roles`` are the actor's roles (``{Role.STUDENT}`` for the student; staff roles
    from :func:`services.loans.roles.roles_of`). ``data`` holds what the move records
    (document number/date/amount, fund date/reference, deposit date/bank reference).
    """
    roles = set(roles)
    note = (note or "").strip()
    with transaction.atomic():
        locked = LoanApplication.objects.select_for_update().get(pk=application.pk)
        if expected_stage is not None and locked.stage != expected_stage:
            raise StageConflict(
                _(
                    "Someone else moved this application to “%(stage)s” meanwhile; "
                    "nothing was changed. Look at it again before you act."
                )
                % {"stage": locked.get_stage_display()}
            )
        transition = get_transition(locked.stage, target)
        if transition is None:
            raise TransitionNotAllowed(
                _("An application that is “%(current)s” cannot be moved to “%(target)s”.")
                % {"current": locked.get_stage_display(), "target": S(target).label}
            )
        if transition.role not in roles:
            raise TransitionNotAllowed(
                _("Only the %(role)s may move an application to “%(target)s”.")
                % {"role": Role(transition.role).label.lower(), "target": S(target).label}
            )
        if transition.batch_only and via_batch is None:
            raise TransitionNotAllowed(_("Applications are sent to the fund in a batch."))
        check_needs(transition, note=note, data=data)
        if "document" in transition.needs:
            check_document_amount(locked, int(data["document_amount"]))

        now = timezone.now()
        change = StageChange.objects.create(
            application=locked,
            from_stage=locked.stage,
            to_stage=target,
            role=transition.role,
            user=user,
            note=note,
            at=now,
        )
        locked.stage = target
        locked.stage_changed_at = now
        if target == S.RETURNED:
            locked.return_note = note
        elif target == S.REJECTED:
            locked.rejection_reason = note
        elif target == S.DOCUMENT_ISSUED:
            locked.document_number = normalize_reference(data["document_number"])
            locked.document_date = data["document_date"]
            locked.document_amount = int(data["document_amount"])
        elif target == S.SENT_TO_FUND:
            locked.batch = via_batch
        elif target == S.CONFIRMED:
            locked.fund_confirmed_on = data["fund_confirmed_on"]
            locked.fund_reference = normalize_reference(data.get("fund_reference") or "")
        elif target == S.DEPOSITED:
            locked.deposited_on = data["deposited_on"]
            locked.bank_reference = normalize_reference(data["bank_reference"])
        for field, value in (data.get("student_changes") or {}).items():
            setattr(locked, field, value)
        if target == S.SUBMITTED and change.from_stage == S.RETURNED:
            locked.resubmissions += 1
        # The history records who moved it and why.
        locked._history_user = user
        reason = f"{change.from_stage} → {target}" + (f": {note}" if note else "")
        # simple-history keeps the reason in 100 characters (PostgreSQL enforces it);
        # the whole note is on the stage change and on the application itself.
        locked._change_reason = reason if len(reason) <= 100 else reason[:99] + "…"
        try:
            with transaction.atomic():
                locked.save()
        except IntegrityError as error:
            if target == S.DOCUMENT_ISSUED:
                raise ValidationError(
                    _("Another application already has this document number.")
                ) from error
            raise
        # Told once the outermost transaction commits (a batch, a resubmission with
        # its files), never when it is rolled back.
        transaction.on_commit(lambda: notify.stage_changed(locked, change))
    _refresh(application, locked)
    return change


def _refresh(target: LoanApplication, source: LoanApplication):
    for field in LoanApplication._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def resubmit(application, *, changes: dict, documents=(), note: str = "") -> StageChange:
    """The student corrects a returned application and sends it back for review."""
    changes = {key: value for key, value in changes.items() if key in CORRECTABLE_FIELDS}
    if "requested_amount" in changes:
        changes["requested_amount"] = int(changes["requested_amount"])

    def operation(stored):
        change = move(
            application,
            S.SUBMITTED,
            roles={Role.STUDENT},
            note=note,
            expected_stage=S.RETURNED,
            student_changes=changes,
        )
        _store_documents(
            application, documents, round_number=application.resubmissions, stored=stored
        )
        return change

    return atomic_with_files(operation)


def cancel(application, *, note: str = "") -> StageChange:
    """The student withdraws the application before the welfare office reviews it."""
    return move(application, S.CANCELLED, roles={Role.STUDENT}, note=note)


# Batches


def _next_batch_number(now: dt.datetime) -> str:
    year = to_jalali(now).year
    prefix = f"{year}-"
    numbers = FundBatch.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    highest = max(
        (int(n.split("-", 1)[1]) for n in numbers if n.split("-", 1)[1].isdigit()), default=0
    )
    return f"{prefix}{highest + 1:03d}"


def create_batch(*, user, roles, applications=None, note: str = "") -> FundBatch:
    """Puts applications with issued documents into a new batch for the fund and moves
    them to "sent to the fund". ``applications`` narrows the choice (a queryset or
    ids); those already taken by a batch, or not ready, are left out."""
    if Role.FUND_LIAISON not in set(roles):
        raise TransitionNotAllowed(_("Only the fund liaison may send batches to the fund."))
    with transaction.atomic():
        candidates = LoanApplication.objects.ready_for_batch()
        if applications is not None:
            ids = (
                applications.values_list("pk", flat=True)
                if hasattr(applications, "values_list")
                else list(applications)
            )
            candidates = candidates.filter(pk__in=list(ids))
        candidates = list(candidates.select_for_update().order_by("pk"))
        if not candidates:
            raise ValidationError(
                _("No application with an issued document is waiting for a batch.")
            )
        now = timezone.now()
        batch = FundBatch(
            number=_next_batch_number(now), created_at=now, created_by=user, note=note
        )
        batch._history_user = user
        batch.save()
        for application in candidates:
            move(
                application,
                S.SENT_TO_FUND,
                roles=roles,
                user=user,
                note=_("Sent in batch %(number)s") % {"number": batch.number},
                expected_stage=S.DOCUMENT_ISSUED,
                via_batch=batch,
            )
    return batch
