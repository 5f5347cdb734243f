"""Factories for the loans tests. Stages are traits:
``LoanApplicationFactory(eligible=True)``, ``LoanApplicationFactory(sent_to_fund=True)``.

A stage trait also writes the timeline an application in that stage would have
(``StageChange`` rows from "submitted" on), one day per step.
"""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from services.loans.enums import Degree, Faculty, LoanStage, Role, TermHalf
from services.loans.models import (
    AcademicTerm,
    ApplicationWindow,
    FundBatch,
    LoanApplication,
    LoanType,
    StageChange,
)
from services.loans.roles import grant_role

S = LoanStage


def national_code(seed: int) -> str:
    """A valid Iranian national code made from ``seed``."""
    body = f"{(seed * 7919 + 1234567) % 10**9:09d}"
    if len(set(body)) == 1:
        body = "12345678" + body[-1]
    total = sum(int(body[i]) * (10 - i) for i in range(9)) % 11
    check = total if total < 2 else 11 - total
    return body + str(check)


def sheba(seed: int) -> str:
    """A valid Sheba (Iranian IBAN) made from ``seed``."""
    bban = f"0170000000{(seed * 104729 + 987654321) % 10**12:012d}"
    numeric = bban + "1827" + "00"  # "IR" as digits (I=18, R=27), then 00
    check = 98 - int(numeric) % 97
    return f"IR{check:02d}{bban}"


def persian_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


class AcademicTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AcademicTerm
        django_get_or_create = ("year", "half")

    year = 1404
    half = TermHalf.FIRST


class LoanTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LoanType
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"loan-{n}")
    name = factory.Sequence(lambda n: f"وام آزمایشی {n}")
    name_en = factory.Sequence(lambda n: f"Test loan {n}")
    summary = "وامی برای آزمون"
    max_amount = 50_000_000
    eligibility = "دانشجویان روزانه و شبانه"
    required_documents = ""
    is_active = True


class ApplicationWindowFactory(factory.django.DjangoModelFactory):
    """A window open today: it opened ten days ago and closes in twenty."""

    class Meta:
        model = ApplicationWindow

    loan_type = factory.SubFactory(LoanTypeFactory)
    term = factory.SubFactory(AcademicTermFactory)
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=20))

    class Params:
        closed = factory.Trait(
            opens_on=factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=60)),
            closes_on=factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30)),
        )
        upcoming = factory.Trait(
            opens_on=factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=15)),
            closes_on=factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=45)),
        )


# The stages an application passes through to reach each stage.
PATHS = {
    S.SUBMITTED: [S.SUBMITTED],
    S.UNDER_REVIEW: [S.SUBMITTED, S.UNDER_REVIEW],
    S.RETURNED: [S.SUBMITTED, S.UNDER_REVIEW, S.RETURNED],
    S.REJECTED: [S.SUBMITTED, S.UNDER_REVIEW, S.REJECTED],
    S.ELIGIBLE: [S.SUBMITTED, S.UNDER_REVIEW, S.ELIGIBLE],
    S.DOCUMENT_ISSUED: [S.SUBMITTED, S.UNDER_REVIEW, S.ELIGIBLE, S.DOCUMENT_ISSUED],
    S.SENT_TO_FUND: [S.SUBMITTED, S.UNDER_REVIEW, S.ELIGIBLE, S.DOCUMENT_ISSUED, S.SENT_TO_FUND],
    S.CONFIRMED: [
        S.SUBMITTED,
        S.UNDER_REVIEW,
        S.ELIGIBLE,
        S.DOCUMENT_ISSUED,
        S.SENT_TO_FUND,
        S.CONFIRMED,
    ],
    S.DEPOSITED: [
        S.SUBMITTED,
        S.UNDER_REVIEW,
        S.ELIGIBLE,
        S.DOCUMENT_ISSUED,
        S.SENT_TO_FUND,
        S.CONFIRMED,
        S.DEPOSITED,
    ],
    S.CANCELLED: [S.SUBMITTED, S.CANCELLED],
}
ROLE_OF_STEP = {
    S.SUBMITTED: Role.STUDENT,
    S.CANCELLED: Role.STUDENT,
    S.UNDER_REVIEW: Role.WELFARE_EXPERT,
    S.RETURNED: Role.WELFARE_EXPERT,
    S.REJECTED: Role.WELFARE_EXPERT,
    S.ELIGIBLE: Role.WELFARE_EXPERT,
    S.DOCUMENT_ISSUED: Role.FINANCIAL_OFFICER,
    S.SENT_TO_FUND: Role.FUND_LIAISON,
    S.CONFIRMED: Role.FUND_LIAISON,
    S.DEPOSITED: Role.FUND_LIAISON,
}


def _document(n):
    return {
        "document_number": f"90{n:05d}",
        "document_date": timezone.localdate() - dt.timedelta(days=3),
        "document_amount": 30_000_000,
    }


class FundBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundBatch

    number = factory.Sequence(lambda n: f"1404-{n + 100:03d}")


class LoanApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application for a loan type with an open window."""

    class Meta:
        model = LoanApplication
        skip_postgeneration_save = True

    tracking_code = factory.Sequence(lambda n: f"{(n * 7_654_321 + 100_000_000_003) % 10**12:012d}")
    loan_type = factory.SubFactory(LoanTypeFactory)
    term = factory.SubFactory(AcademicTermFactory)
    stage = S.SUBMITTED
    student_number = factory.Sequence(lambda n: f"40112{n:04d}")
    national_code = factory.Sequence(lambda n: national_code(n + 11))
    full_name = factory.Sequence(lambda n: f"دانشجوی آزمایشی {n}")
    faculty = Faculty.MEDICINE
    degree = Degree.PROFESSIONAL_DOCTORATE
    mobile = "09121234567"
    email = "student@example.com"
    sheba = factory.Sequence(lambda n: sheba(n + 3))
    requested_amount = 30_000_000
    submitted_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))

    class Params:
        under_review = factory.Trait(stage=S.UNDER_REVIEW)
        returned = factory.Trait(stage=S.RETURNED, return_note="تصویر کارت دانشجویی را پیوست کنید.")
        rejected = factory.Trait(
            stage=S.REJECTED, rejection_reason="معدل نیم‌سال پیش کمتر از حد لازم است."
        )
        eligible = factory.Trait(stage=S.ELIGIBLE)
        document_issued = factory.Trait(
            stage=S.DOCUMENT_ISSUED,
            document_number=factory.Sequence(lambda n: _document(n)["document_number"]),
            document_date=factory.LazyFunction(lambda: _document(0)["document_date"]),
            document_amount=30_000_000,
        )
        sent_to_fund = factory.Trait(
            document_issued=True,
            stage=S.SENT_TO_FUND,
            batch=factory.SubFactory(FundBatchFactory),
        )
        confirmed = factory.Trait(
            sent_to_fund=True,
            stage=S.CONFIRMED,
            fund_confirmed_on=factory.LazyFunction(
                lambda: timezone.localdate() - dt.timedelta(days=1)
            ),
        )
        deposited = factory.Trait(
            confirmed=True,
            stage=S.DEPOSITED,
            deposited_on=factory.LazyFunction(timezone.localdate),
            bank_reference=factory.Sequence(lambda n: f"BR{n:06d}"),
        )
        cancelled = factory.Trait(stage=S.CANCELLED)

    @factory.post_generation
    def timeline(obj, create, extracted, **kwargs):
        """The stage changes that lead to the application's stage, a day apart."""
        if not create or extracted is False:
            return
        path = PATHS[obj.stage]
        at = obj.submitted_at
        previous = ""
        for stage in path:
            StageChange.objects.create(
                application=obj,
                from_stage=previous,
                to_stage=stage,
                role=ROLE_OF_STEP[stage],
                note=obj.return_note
                if stage == S.RETURNED
                else obj.rejection_reason
                if stage == S.REJECTED
                else "",
                at=at,
            )
            previous = stage
            at = at + dt.timedelta(days=1)
        LoanApplication.objects.filter(pk=obj.pk).update(stage_changed_at=at - dt.timedelta(days=1))
        obj.stage_changed_at = at - dt.timedelta(days=1)


def make_staff(role=None, *, username=None, superuser=False):
    """A staff member with one role's group (or a superuser)."""
    User = get_user_model()
    username = username or (f"{role}-user" if role else "admin-user")
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.com", "pass")
    user = User.objects.create_user(username, f"{username}@example.com", "pass", is_staff=True)
    if role:
        grant_role(user, role)
    return User.objects.get(pk=user.pk)
