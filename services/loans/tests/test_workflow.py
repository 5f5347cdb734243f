"""The one transitions table at work: every stage, the roles, the locks."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from services.loans import workflow
from services.loans.enums import TRANSITIONS, LoanStage, Role, allowed_targets, can_transition
from services.loans.models import LoanApplication, StageChange
from services.loans.roles import roles_of

from .factories import LoanApplicationFactory, make_staff, national_code, sheba

S = LoanStage
pytestmark = pytest.mark.django_db


def student(n=1, **overrides):
    return {
        "student_number": f"4011200{n:02d}",
        "national_code": national_code(n),
        "full_name": "مریم رضایی",
        "faculty": "nursing_midwifery",
        "degree": "bachelor",
        "mobile": "09121234567",
        "email": "",
        "sheba": sheba(n),
        "requested_amount": 40_000_000,
        **overrides,
    }


def test_every_stage_role_is_a_real_permission(expert, officer, liaison):
    assert roles_of(expert) == {Role.WELFARE_EXPERT}
    assert roles_of(officer) == {Role.FINANCIAL_OFFICER}
    assert roles_of(liaison) == {Role.FUND_LIAISON}
    assert expert.has_perm("loans.review_application")
    assert not expert.has_perm("loans.issue_document")
    assert officer.has_perm("loans.issue_document") and liaison.has_perm("loans.exchange_with_fund")
    admin = make_staff(superuser=True)
    assert roles_of(admin) == {Role.WELFARE_EXPERT, Role.FINANCIAL_OFFICER, Role.FUND_LIAISON}


def test_the_table_names_one_role_for_every_move():
    assert all(transition.role in Role.values for transition in TRANSITIONS.values())
    assert allowed_targets(S.UNDER_REVIEW, {Role.WELFARE_EXPERT}) == [
        S.RETURNED,
        S.REJECTED,
        S.ELIGIBLE,
    ]
    # Sending to the fund happens only in a batch, never as a single move.
    assert allowed_targets(S.DOCUMENT_ISSUED, {Role.FUND_LIAISON}) == []
    assert can_transition(S.RETURNED, S.SUBMITTED, {Role.STUDENT})
    assert not can_transition(S.SUBMITTED, S.DEPOSITED, set(Role.values))


def test_an_application_walks_through_every_stage_with_return_and_resubmit(
    loan_type, window, expert, officer, liaison
):
    application = workflow.submit_application(loan_type=loan_type, window=window, student=student())
    assert application.stage == S.SUBMITTED and len(application.tracking_code) == 12
    assert application.term == window.term

    workflow.move(application, S.UNDER_REVIEW, roles=roles_of(expert), user=expert)
    workflow.move(
        application,
        S.RETURNED,
        roles=roles_of(expert),
        user=expert,
        note="گواهی اشتغال به تحصیل را پیوست کنید.",
    )
    assert application.stage == S.RETURNED
    assert application.return_note == "گواهی اشتغال به تحصیل را پیوست کنید."

    # The student corrects the amount and sends it back.
    workflow.resubmit(application, changes={"requested_amount": 35_000_000}, note="اصلاح شد")
    application.refresh_from_db()
    assert application.stage == S.SUBMITTED
    assert application.requested_amount == 35_000_000
    assert application.resubmissions == 1

    workflow.move(application, S.UNDER_REVIEW, roles=roles_of(expert), user=expert)
    workflow.move(application, S.ELIGIBLE, roles=roles_of(expert), user=expert, note="واجد شرایط")
    workflow.move(
        application,
        S.DOCUMENT_ISSUED,
        roles=roles_of(officer),
        user=officer,
        document_number="1404-5521",
        document_date=dt.date(2025, 10, 7),
        document_amount=35_000_000,
    )
    assert application.document_number == "1404-5521"

    batch = workflow.create_batch(user=liaison, roles=roles_of(liaison))
    application.refresh_from_db()
    assert application.stage == S.SENT_TO_FUND and application.batch == batch

    workflow.move(
        application,
        S.CONFIRMED,
        roles=roles_of(liaison),
        user=liaison,
        fund_confirmed_on=dt.date(2025, 10, 20),
        fund_reference="F-77",
    )
    workflow.move(
        application,
        S.DEPOSITED,
        roles=roles_of(liaison),
        user=liaison,
        deposited_on=dt.date(2025, 10, 25),
        bank_reference="BR-9912",
    )
    application.refresh_from_db()
    assert application.stage == S.DEPOSITED
    assert application.deposited_on == dt.date(2025, 10, 25)
    assert application.bank_reference == "BR-9912"

    path = list(application.stage_changes.values_list("to_stage", "role"))
    assert path == [
        (S.SUBMITTED, Role.STUDENT),
        (S.UNDER_REVIEW, Role.WELFARE_EXPERT),
        (S.RETURNED, Role.WELFARE_EXPERT),
        (S.SUBMITTED, Role.STUDENT),
        (S.UNDER_REVIEW, Role.WELFARE_EXPERT),
        (S.ELIGIBLE, Role.WELFARE_EXPERT),
        (S.DOCUMENT_ISSUED, Role.FINANCIAL_OFFICER),
        (S.SENT_TO_FUND, Role.FUND_LIAISON),
        (S.CONFIRMED, Role.FUND_LIAISON),
        (S.DEPOSITED, Role.FUND_LIAISON),
    ]
    # django-simple-history recorded who made each move, and why.
    records = list(application.history.order_by("history_date", "history_id"))
    returned = next(r for r in records if r.stage == S.RETURNED)
    assert returned.history_user == expert
    assert "گواهی اشتغال" in returned.history_change_reason
    issued = next(r for r in records if r.stage == S.DOCUMENT_ISSUED)
    assert issued.history_user == officer
    assert records[-1].history_user == liaison and records[-1].stage == S.DEPOSITED
    # The tracker's bar is full.
    assert {step["state"] for step in application.progress()} == {"done"}


@pytest.mark.parametrize(
    ("trait", "target", "role"),
    [
        ({}, S.UNDER_REVIEW, Role.FINANCIAL_OFFICER),
        ({}, S.UNDER_REVIEW, Role.FUND_LIAISON),
        ({"under_review": True}, S.ELIGIBLE, Role.FINANCIAL_OFFICER),
        ({"eligible": True}, S.DOCUMENT_ISSUED, Role.WELFARE_EXPERT),
        ({"sent_to_fund": True}, S.CONFIRMED, Role.FINANCIAL_OFFICER),
        ({"confirmed": True}, S.DEPOSITED, Role.WELFARE_EXPERT),
        ({"under_review": True}, S.CANCELLED, Role.WELFARE_EXPERT),
        ({"under_review": True}, S.ELIGIBLE, Role.STUDENT),
    ],
)
def test_a_move_by_the_wrong_role_is_refused(trait, target, role):
    application = LoanApplicationFactory(**trait)
    before = application.stage
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.move(
            application,
            target,
            roles={role},
            note="x",
            document_number="1",
            document_date=dt.date(2025, 1, 1),
            document_amount=1,
            fund_confirmed_on=dt.date(2025, 1, 1),
            deposited_on=dt.date(2025, 1, 1),
            bank_reference="1",
        )
    application.refresh_from_db()
    assert application.stage == before
    assert not application.stage_changes.filter(to_stage=target).exists()


def test_a_move_that_is_not_in_the_table_is_refused_even_for_every_role():
    application = LoanApplicationFactory()
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.move(application, S.DEPOSITED, roles=set(Role.values))
    with pytest.raises(workflow.TransitionNotAllowed):
        # Sending to the fund is a batch's move only.
        workflow.move(
            LoanApplicationFactory(document_issued=True), S.SENT_TO_FUND, roles={Role.FUND_LIAISON}
        )


def test_returns_and_rejections_need_a_note_for_the_student(expert):
    application = LoanApplicationFactory(under_review=True)
    with pytest.raises(ValidationError):
        workflow.move(application, S.RETURNED, roles=roles_of(expert), note="  ")
    with pytest.raises(ValidationError):
        workflow.move(application, S.REJECTED, roles=roles_of(expert))
    workflow.move(
        application, S.REJECTED, roles=roles_of(expert), note="سقف وام این نیم‌سال پر شده است."
    )
    application.refresh_from_db()
    assert application.rejection_reason == "سقف وام این نیم‌سال پر شده است."


def test_a_document_needs_number_date_and_amount_and_numbers_are_unique(officer):
    first = LoanApplicationFactory(eligible=True)
    second = LoanApplicationFactory(eligible=True)
    with pytest.raises(ValidationError):
        workflow.move(first, S.DOCUMENT_ISSUED, roles=roles_of(officer), document_number="55")
    data = {"document_number": "55", "document_date": dt.date(2025, 5, 1), "document_amount": 10}
    workflow.move(first, S.DOCUMENT_ISSUED, roles=roles_of(officer), **data)
    with pytest.raises(ValidationError):
        workflow.move(second, S.DOCUMENT_ISSUED, roles=roles_of(officer), **data)
    second.refresh_from_db()
    assert second.stage == S.ELIGIBLE


def test_the_student_cancels_only_before_the_review():
    waiting = LoanApplicationFactory()
    workflow.cancel(waiting, note="منصرف شدم")
    waiting.refresh_from_db()
    assert waiting.stage == S.CANCELLED
    reviewed = LoanApplicationFactory(under_review=True)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.cancel(reviewed)


def test_one_active_application_per_student_type_and_term_is_a_database_constraint(
    loan_type, window
):
    first = workflow.submit_application(loan_type=loan_type, window=window, student=student(5))
    with pytest.raises(workflow.DuplicateApplication) as error:
        workflow.submit_application(loan_type=loan_type, window=window, student=student(5))
    assert "یک درخواست فعال دارید" in str(error.value)
    # The database itself refuses it, whatever the code in front of it does.
    with pytest.raises(IntegrityError), transaction.atomic():
        LoanApplicationFactory(
            loan_type=loan_type, term=window.term, national_code=first.national_code
        )
    # A rejected application does not block a new one.
    LoanApplication.objects.filter(pk=first.pk).update(stage=S.REJECTED)
    again = workflow.submit_application(loan_type=loan_type, window=window, student=student(5))
    assert again.pk != first.pk


def test_two_staff_acting_on_what_they_saw_leave_one_consistent_state(expert):
    """Two experts opened the same application under review; one finds it eligible, the
    other, a moment later, tries to return it: the second is refused, nothing mixes."""
    application = LoanApplicationFactory(under_review=True)
    seen_by_first = LoanApplication.objects.get(pk=application.pk)
    seen_by_second = LoanApplication.objects.get(pk=application.pk)
    workflow.move(seen_by_first, S.ELIGIBLE, roles=roles_of(expert), expected_stage=S.UNDER_REVIEW)
    with pytest.raises(workflow.StageConflict):
        workflow.move(
            seen_by_second,
            S.RETURNED,
            roles=roles_of(expert),
            note="مدارک ناقص",
            expected_stage=S.UNDER_REVIEW,
        )
    application.refresh_from_db()
    assert application.stage == S.ELIGIBLE and application.return_note == ""
    assert list(application.stage_changes.values_list("to_stage", flat=True))[-1] == S.ELIGIBLE
    assert application.stage_changes.filter(to_stage=S.RETURNED).count() == 0


def test_a_stale_copy_cannot_make_a_move_its_stage_no_longer_allows(expert, officer):
    """Without ``expected_stage``, the move is judged on the row as it is now (locked)."""
    application = LoanApplicationFactory(under_review=True)
    stale = LoanApplication.objects.get(pk=application.pk)
    workflow.move(application, S.REJECTED, roles=roles_of(expert), note="خارج از ضوابط")
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.move(stale, S.ELIGIBLE, roles=roles_of(expert))
    application.refresh_from_db()
    assert application.stage == S.REJECTED


def test_timeline_and_stage_since_follow_each_move(expert):
    application = LoanApplicationFactory()
    before = timezone.now()
    change = workflow.move(
        application, S.UNDER_REVIEW, roles=roles_of(expert), user=expert, note="شروع بررسی"
    )
    assert isinstance(change, StageChange)
    assert change.user == expert and change.note == "شروع بررسی" and change.at >= before
    application.refresh_from_db()
    assert application.stage_changed_at == change.at
