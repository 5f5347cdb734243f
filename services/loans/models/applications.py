"""A student's loan application, its timeline of stages, its documents and who saw it."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cms.attachments import PrivateUpload, private_upload_to
from cms.backoffice.view_log import StaffViewLog
from cms.fields import staff_member_field, tracking_code_field
from cms.masking import mask_national_code, mask_sheba
from cms.tracking import format_tracking_code

from ..enums import (
    FINAL,
    INACTIVE,
    MAIN_PATH,
    OFF_PATH_POSITION,
    Degree,
    Faculty,
    LoanStage,
    Role,
    ViewAction,
    can_transition,
)


class LoanApplicationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(stage__in=INACTIVE)

    def in_stage(self, *stages):
        return self.filter(stage__in=stages)

    def for_student(self, national_code: str):
        return self.filter(national_code=national_code)

    def submitted_between(self, start, end):
        return self.filter(submitted_at__gte=start, submitted_at__lt=end)

    def ready_for_batch(self):
        """Applications with an issued document that no batch has taken yet."""
        return self.filter(stage=LoanStage.DOCUMENT_ISSUED, batch__isnull=True)

    def with_related(self):
        return self.select_related("loan_type", "term", "batch")


class LoanApplication(models.Model):
    """A student's application to the Student Welfare Fund for one loan in one term."""

    # Users' data and staff records: kept out of Wagtail's reference index, so a page's
    # "usage" neither lists nor counts them (and saving one writes nothing there).
    wagtail_reference_index_ignore = True

    tracking_code = tracking_code_field()
    loan_type = models.ForeignKey(
        "loans.LoanType",
        verbose_name=_("loan type"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    term = models.ForeignKey(
        "loans.AcademicTerm",
        verbose_name=_("academic term"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    stage = models.CharField(
        _("stage"),
        max_length=20,
        choices=LoanStage.choices,
        default=LoanStage.SUBMITTED,
        db_index=True,
    )
    stage_changed_at = models.DateTimeField(_("stage since"), default=timezone.now)

    # The student. Shown in full only to the welfare office's staff and in the tracking
    # session; lists mask the national code and the Sheba number.
    student_number = models.CharField(_("student number"), max_length=20)
    national_code = models.CharField(_("national code"), max_length=10, db_index=True)
    full_name = models.CharField(_("full name"), max_length=150)
    faculty = models.CharField(_("faculty"), max_length=30, choices=Faculty.choices)
    degree = models.CharField(_("degree"), max_length=30, choices=Degree.choices)
    mobile = models.CharField(_("mobile number"), max_length=11)
    email = models.EmailField(_("email"), blank=True)
    sheba = models.CharField(_("Sheba account number"), max_length=26)
    requested_amount = models.PositiveBigIntegerField(
        _("requested amount (Rials)"), validators=[MinValueValidator(1)]
    )
    language = models.CharField(_("language"), max_length=8, default="fa")

    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    resubmissions = models.PositiveSmallIntegerField(_("resubmissions"), default=0)
    # What the welfare office asked the student to correct (the last time it did).
    return_note = models.TextField(_("what to correct"), blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    document_number = models.CharField(_("financial document number"), max_length=40, blank=True)
    document_date = models.DateField(_("financial document date"), null=True, blank=True)
    document_amount = models.PositiveBigIntegerField(
        _("financial document amount (Rials)"), null=True, blank=True
    )
    batch = models.ForeignKey(
        "loans.FundBatch",
        verbose_name=_("fund batch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    fund_confirmed_on = models.DateField(_("confirmed by the fund on"), null=True, blank=True)
    fund_reference = models.CharField(_("fund reference"), max_length=60, blank=True)
    deposited_on = models.DateField(_("deposited on"), null=True, blank=True)
    bank_reference = models.CharField(_("bank reference"), max_length=60, blank=True)

    history = HistoricalRecords()
    objects = LoanApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("loan application")
        verbose_name_plural = _("loan applications")
        ordering = ["-submitted_at", "-pk"]
        permissions = [
            ("review_application", _("Can review the eligibility of loan applications")),
            ("issue_document", _("Can issue financial documents for loan applications")),
            ("exchange_with_fund", _("Can send batches to the fund and record its answers")),
            ("view_loan_reports", _("Can see the reports of student loans")),
        ]
        indexes = [
            models.Index(fields=["stage", "loan_type"]),
            models.Index(fields=["term", "stage"]),
            # The queue's default order, for all stages and for one (the stage tabs).
            models.Index(fields=["-submitted_at", "-id"], name="loans_application_queue"),
            models.Index(fields=["stage", "-submitted_at"], name="loans_application_stage_queue"),
        ]
        constraints = [
            # One active application per student, loan type and term: rejected and
            # cancelled ones do not count, so the student may apply again.
            models.UniqueConstraint(
                fields=["national_code", "loan_type", "term"],
                condition=~Q(stage__in=[LoanStage.REJECTED, LoanStage.CANCELLED]),
                name="loans_one_active_application_per_term",
                violation_error_message=_(
                    "You already have an active application for this loan in this term. "
                    "Follow it up on the tracking page."
                ),
            ),
            models.UniqueConstraint(
                fields=["document_number"],
                condition=~Q(document_number=""),
                name="loans_unique_document_number",
            ),
            models.CheckConstraint(
                condition=Q(requested_amount__gte=1), name="loans_requested_amount_positive"
            ),
        ]

    def __str__(self):
        return f"{self.formatted_code} — {self.full_name}"

    @property
    def formatted_code(self) -> str:
        return format_tracking_code(self.tracking_code)

    @property
    def masked_national_code(self) -> str:
        return mask_national_code(self.national_code)

    @property
    def masked_sheba(self) -> str:
        return mask_sheba(self.sheba)

    @property
    def is_final(self) -> bool:
        return self.stage in FINAL

    @property
    def is_active(self) -> bool:
        return self.stage not in INACTIVE

    @property
    def can_be_cancelled(self) -> bool:
        return can_transition(self.stage, LoanStage.CANCELLED, {Role.STUDENT})

    @property
    def can_be_corrected(self) -> bool:
        return can_transition(self.stage, LoanStage.SUBMITTED, {Role.STUDENT})

    def progress(self) -> list[dict]:
        """The steps of the tracker's bar: done, current or ahead, in order."""
        position = OFF_PATH_POSITION.get(self.stage, self.stage)
        if position in MAIN_PATH:
            current = MAIN_PATH.index(position)
        else:
            # Rejected or cancelled: the bar stops after the last step it reached.
            reached = [
                MAIN_PATH.index(change.from_stage)
                for change in self.stage_changes.all()
                if change.from_stage in MAIN_PATH
            ]
            current = max(reached, default=0)
        steps = []
        for index, stage in enumerate(MAIN_PATH):
            if index < current:
                state = "done"
            elif index == current:
                state = "current" if self.stage in MAIN_PATH else "stopped"
            else:
                state = "ahead"
            if stage == LoanStage.DEPOSITED and self.stage == LoanStage.DEPOSITED:
                state = "done"
            steps.append({"stage": stage, "label": LoanStage(stage).label, "state": state})
        return steps


class StageChange(models.Model):
    """One move of an application through the transitions table: who, when and why."""

    application = models.ForeignKey(
        LoanApplication, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=LoanStage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=LoanStage.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    user = staff_member_field()
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_stage_display()} → {self.get_to_stage_display()}"


# Kept under its old name: the migrations refer to it.
document_upload_to = private_upload_to


class ApplicationDocument(PrivateUpload):
    """A document a student attached, kept in the private storage."""

    upload_folder = "loans"

    application = models.ForeignKey(
        LoanApplication, on_delete=models.CASCADE, related_name="documents"
    )
    # 0 with the application, n with the n-th correction.
    round = models.PositiveSmallIntegerField(_("sent with correction"), default=0)

    history = HistoricalRecords()

    class Meta(PrivateUpload.Meta):
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")


class ApplicationViewLog(StaffViewLog):
    """Who of the staff looked at which application, and when (personal data is watched)."""

    subject_field = "application"

    application = models.ForeignKey(
        LoanApplication, on_delete=models.CASCADE, related_name="view_logs"
    )
    # The reverse relation keeps the name it had before the shared model.
    user = staff_member_field("loan_view_logs", blank=False)
    action = models.CharField(_("action"), max_length=10, choices=ViewAction.choices)

    class Meta(StaffViewLog.Meta):
        verbose_name = _("application view")
        verbose_name_plural = _("application views")
