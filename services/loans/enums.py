"""Stages, roles and choices of student loans, and the ONE table of stage transitions.

Every change of an application's stage (a student's correction or cancellation, a staff
action in the back office, a batch sent to the fund, a line of the fund's answer file)
asks :data:`TRANSITIONS` whether the move exists and which role may make it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.transitions import Transition as CoreTransition
from cms.transitions import Workflow


class LoanStage(models.TextChoices):
    """Where an application stands. The labels are what students read on the tracker."""

    SUBMITTED = "submitted", _("Submitted, waiting for review")
    UNDER_REVIEW = "under_review", _("Eligibility being reviewed")
    RETURNED = "returned", _("Returned to you for correction")
    REJECTED = "rejected", _("Rejected")
    ELIGIBLE = "eligible", _("Found eligible")
    DOCUMENT_ISSUED = "document_issued", _("Financial document issued")
    SENT_TO_FUND = "sent_to_fund", _("Sent to the Student Welfare Fund")
    CONFIRMED = "confirmed", _("Confirmed by the fund")
    DEPOSITED = "deposited", _("Deposited to your account")
    CANCELLED = "cancelled", _("Cancelled by the student")


class Role(models.TextChoices):
    """Who moves an application from one stage to another."""

    STUDENT = "student", _("Student")
    WELFARE_EXPERT = "welfare_expert", _("Welfare expert")
    FINANCIAL_OFFICER = "financial_officer", _("Financial officer")
    FUND_LIAISON = "fund_liaison", _("Fund liaison")


# What a staff role is, in Django's terms: a real permission of this app, granted
# through a real group (see :mod:`services.loans.roles`).
STAFF_ROLES = (Role.WELFARE_EXPERT, Role.FINANCIAL_OFFICER, Role.FUND_LIAISON)
ROLE_PERMISSIONS = {
    Role.WELFARE_EXPERT: "review_application",
    Role.FINANCIAL_OFFICER: "issue_document",
    Role.FUND_LIAISON: "exchange_with_fund",
}


class Degree(models.TextChoices):
    ASSOCIATE = "associate", _("Associate degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    PROFESSIONAL_DOCTORATE = "professional_doctorate", _("Professional doctorate (MD, DDS, PharmD)")
    PHD = "phd", _("PhD")
    RESIDENCY = "residency", _("Medical residency")


class Faculty(models.TextChoices):
    MEDICINE = "medicine", _("Faculty of Medicine")
    DENTISTRY = "dentistry", _("Faculty of Dentistry")
    PHARMACY = "pharmacy", _("Faculty of Pharmacy")
    NURSING = "nursing_midwifery", _("Faculty of Nursing and Midwifery")
    HEALTH = "health", _("Faculty of Health")
    PARAMEDICAL = "paramedical", _("Faculty of Paramedical Sciences")
    REHABILITATION = "rehabilitation", _("Faculty of Rehabilitation Sciences")


class TermHalf(models.IntegerChoices):
    FIRST = 1, _("First semester")
    SECOND = 2, _("Second semester")
    SUMMER = 3, _("Summer term")


class FundAnswer(models.TextChoices):
    """What the fund's answer file says about one application."""

    CONFIRMED = "confirmed", _("Confirmed")
    DEPOSITED = "deposited", _("Deposited")
    REJECTED = "rejected", _("Rejected")


class ViewAction(models.TextChoices):
    """What a staff member did when they looked at an application (the view log)."""

    INSPECT = "inspect", _("Opened")
    HISTORY = "history", _("Read the history")
    DOWNLOAD = "download", _("Downloaded a document")
    EXPORT = "export", _("Exported")


class ImportState(models.TextChoices):
    PREVIEWED = "previewed", _("Previewed, not applied")
    APPLIED = "applied", _("Applied")


S = LoanStage
R = Role


@dataclass(frozen=True)
class Transition(CoreTransition):
    """One allowed move: the one role that makes it and what it needs.

    ``needs`` names what the move records: ``note`` (a note for the student: what to
    correct), ``reason`` (why it is rejected, shown to the student), ``document``
    (number, date and amount of the financial document), ``fund`` (the fund's
    confirmation date and reference), ``deposit`` (deposit date and bank reference).
    ``batch_only`` moves happen only through a fund batch, never one by one.
    """

    batch_only: bool = False

    @property
    def role(self) -> str:
        (role,) = self.actors
        return role


# The only moves an application can make, and the one role that may make each.
LOAN_WORKFLOW = Workflow(
    [
        Transition(S.SUBMITTED, S.UNDER_REVIEW, {R.WELFARE_EXPERT}),
        Transition(S.SUBMITTED, S.CANCELLED, {R.STUDENT}),
        Transition(S.UNDER_REVIEW, S.RETURNED, {R.WELFARE_EXPERT}, needs={"note"}),
        Transition(S.UNDER_REVIEW, S.REJECTED, {R.WELFARE_EXPERT}, needs={"reason"}),
        Transition(S.UNDER_REVIEW, S.ELIGIBLE, {R.WELFARE_EXPERT}),
        # The student corrects what was asked and sends it back for review.
        Transition(S.RETURNED, S.SUBMITTED, {R.STUDENT}),
        Transition(S.RETURNED, S.CANCELLED, {R.STUDENT}),
        Transition(S.ELIGIBLE, S.DOCUMENT_ISSUED, {R.FINANCIAL_OFFICER}, needs={"document"}),
        Transition(S.DOCUMENT_ISSUED, S.SENT_TO_FUND, {R.FUND_LIAISON}, batch_only=True),
        Transition(S.SENT_TO_FUND, S.CONFIRMED, {R.FUND_LIAISON}, needs={"fund"}),
        Transition(S.SENT_TO_FUND, S.REJECTED, {R.FUND_LIAISON}, needs={"reason"}),
        Transition(S.CONFIRMED, S.DEPOSITED, {R.FUND_LIAISON}, needs={"deposit"}),
    ],
    states=LoanStage,
    state_field="stage",
)
# (stage, stage) -> Transition.
TRANSITIONS = LOAN_WORKFLOW.transitions

# An application in one of these stages no longer counts as the student's active
# application for its loan type and term (a new one may be made).
INACTIVE = frozenset({S.REJECTED, S.CANCELLED})
FINAL = frozenset({S.REJECTED, S.CANCELLED, S.DEPOSITED})
# The road of an application that goes well: the steps of the tracker's progress bar.
MAIN_PATH = (
    S.SUBMITTED,
    S.UNDER_REVIEW,
    S.ELIGIBLE,
    S.DOCUMENT_ISSUED,
    S.SENT_TO_FUND,
    S.CONFIRMED,
    S.DEPOSITED,
)
# Where an application that left the road stands on it (the step it stopped at).
OFF_PATH_POSITION = {S.RETURNED: S.UNDER_REVIEW}
# The queue each staff role works first (the back office's default tabs).
ROLE_QUEUES = {
    R.WELFARE_EXPERT: (S.SUBMITTED, S.UNDER_REVIEW),
    R.FINANCIAL_OFFICER: (S.ELIGIBLE,),
    R.FUND_LIAISON: (S.DOCUMENT_ISSUED, S.SENT_TO_FUND, S.CONFIRMED),
}
# Stages whose time is measured for the SLA figures (time spent waiting in each).
MEASURED_STAGES = (
    S.SUBMITTED,
    S.UNDER_REVIEW,
    S.RETURNED,
    S.ELIGIBLE,
    S.DOCUMENT_ISSUED,
    S.SENT_TO_FUND,
    S.CONFIRMED,
)
# The eligibility decision: the first answer the welfare office owes the student.
DECISION_STAGES = frozenset({S.RETURNED, S.REJECTED, S.ELIGIBLE})


def get_transition(current: str, target: str) -> Transition | None:
    return LOAN_WORKFLOW.get(current, target)


def can_transition(current: str, target: str, roles) -> bool:
    """Whether one of ``roles`` may move an application from ``current`` to ``target``."""
    return LOAN_WORKFLOW.allows(current, target, set(roles))


def allowed_targets(current: str, roles, *, include_batch_only=False) -> list[str]:
    """The stages ``roles`` may move an application in ``current`` to, in stage order."""
    return [
        stage
        for stage in LOAN_WORKFLOW.targets(current, set(roles))
        if include_batch_only or not get_transition(current, stage).batch_only
    ]
