"""Demo content of the loans plugin: the Student Welfare Fund's loan types with open
windows this term, the welfare office's three role groups with one staff member each,
and applications in every stage, moved through the real workflow (so their timelines,
history and the SLA figures are what the real ones would be).

Everything is found again by a stable key (a loan type's slug, a term's year and half, a
staff member's username, an applicant's national code), so loading twice duplicates
nothing.
"""

from __future__ import annotations

import datetime as dt

import jdatetime
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cms.demo import demo_loader, set_demo_password

from . import workflow
from .enums import Degree, Faculty, LoanStage, Role, TermHalf
from .models import AcademicTerm, ApplicationWindow, LoanApplication, LoanType, StageChange
from .roles import ensure_role_groups, roles_of

S = LoanStage

LOAN_TYPES = [
    {
        "slug": "tuition",
        "name": "وام شهریه",
        "name_en": "Tuition loan",
        "summary": "برای پرداخت شهریهٔ دانشجویان دوره‌های شبانه و پردیس خودگردان.",
        "summary_en": "Towards the tuition of evening and self-funded programmes.",
        "max_amount": 60_000_000,
        "eligibility": (
            "دانشجویان دوره‌های شبانه و پردیس خودگردان که در نیم‌سال جاری ثبت‌نام کرده‌اند.\n"
            "نداشتن بدهی معوق به صندوق رفاه دانشجویان."
        ),
        "required_documents": "گواهی اشتغال به تحصیل نیم‌سال جاری\nصورت‌حساب شهریهٔ نیم‌سال",
        "degrees": [],
        "order": 1,
    },
    {
        "slug": "essential",
        "name": "وام ضروری (هزینهٔ زندگی)",
        "name_en": "Essential (living costs) loan",
        "summary": "کمک به هزینه‌های زندگی و تحصیل دانشجویان روزانه و شبانه.",
        "summary_en": "Help with living and study costs.",
        "max_amount": 40_000_000,
        "eligibility": "همهٔ دانشجویان شاغل به تحصیل، یک بار در هر نیم‌سال.",
        "required_documents": "",
        "degrees": [],
        "order": 2,
    },
    {
        "slug": "housing-deposit",
        "name": "وام ودیعهٔ مسکن دانشجویان متأهل",
        "name_en": "Housing deposit loan for married students",
        "summary": "برای ودیعهٔ اجارهٔ مسکن دانشجویان متأهلی که از خوابگاه متأهلی استفاده نمی‌کنند.",
        "summary_en": "Towards the rent deposit of married students living outside the dormitory.",
        "max_amount": 150_000_000,
        "eligibility": (
            "دانشجویان متأهل که ساکن خوابگاه متأهلی نیستند.\n"
            "اجاره‌نامهٔ رسمی به نام دانشجو یا همسر او."
        ),
        "required_documents": "تصویر سند ازدواج یا صفحهٔ دوم شناسنامه\nتصویر اجاره‌نامهٔ رسمی",
        "degrees": [],
        "order": 3,
    },
    {
        "slug": "doctoral",
        "name": "وام ویژهٔ دانشجویان دکتری",
        "name_en": "Doctoral students' loan",
        "summary": "برای هزینه‌های پژوهش و زندگی دانشجویان دکتری تخصصی.",
        "summary_en": "For the research and living costs of PhD students.",
        "max_amount": 100_000_000,
        "eligibility": "دانشجویان دکتری تخصصی (PhD) که در نیم‌سال جاری ثبت‌نام کرده‌اند.",
        "required_documents": "تأییدیهٔ استاد راهنما",
        "degrees": [Degree.PHD],
        "order": 4,
    },
    {
        "slug": "emergency",
        "name": "وام اضطراری",
        "name_en": "Emergency loan",
        "summary": "برای پیشامدهای ناگهانی مانند بیماری یا حادثه؛ در تمام نیم‌سال باز است.",
        "summary_en": "For sudden events such as illness or accidents; open all term long.",
        "max_amount": 30_000_000,
        "eligibility": "دانشجویانی که با هزینهٔ پیش‌بینی‌نشده و فوری روبه‌رو شده‌اند.",
        "required_documents": "مدرک پیشامد (گواهی پزشکی، صورت‌حساب بیمارستان و مانند آن)",
        "degrees": [],
        "order": 5,
    },
]

STAFF = [
    ("welfare.expert", "زهرا", "محمدی", Role.WELFARE_EXPERT),
    ("finance.officer", "حمید", "صادقی", Role.FINANCIAL_OFFICER),
    ("fund.liaison", "سعید", "موسوی", Role.FUND_LIAISON),
]

# (national-code seed, name, faculty, degree, loan type, amount, stage reached, days ago)
APPLICANTS = [
    (101, "مریم رضایی", Faculty.NURSING, Degree.BACHELOR, "essential", 30_000_000, S.SUBMITTED, 1),
    (
        102,
        "علی کریمی",
        Faculty.MEDICINE,
        Degree.PROFESSIONAL_DOCTORATE,
        "tuition",
        45_000_000,
        S.UNDER_REVIEW,
        4,
    ),
    (103, "فاطمه احمدی", Faculty.HEALTH, Degree.MASTER, "tuition", 50_000_000, S.RETURNED, 6),
    (
        104,
        "حسین نوروزی",
        Faculty.PARAMEDICAL,
        Degree.ASSOCIATE,
        "essential",
        35_000_000,
        S.REJECTED,
        9,
    ),
    (
        105,
        "زینب حسینی",
        Faculty.PHARMACY,
        Degree.PROFESSIONAL_DOCTORATE,
        "housing-deposit",
        120_000_000,
        S.ELIGIBLE,
        8,
    ),
    (
        106,
        "محمد جعفری",
        Faculty.DENTISTRY,
        Degree.PROFESSIONAL_DOCTORATE,
        "essential",
        40_000_000,
        S.DOCUMENT_ISSUED,
        12,
    ),
    (107, "نرگس قاسمی", Faculty.MEDICINE, Degree.PHD, "doctoral", 90_000_000, S.SENT_TO_FUND, 18),
    (
        108,
        "رضا کاظمی",
        Faculty.REHABILITATION,
        Degree.BACHELOR,
        "tuition",
        55_000_000,
        S.CONFIRMED,
        22,
    ),
    (109, "سارا مرادی", Faculty.NURSING, Degree.BACHELOR, "essential", 40_000_000, S.DEPOSITED, 27),
    (110, "امیر رحیمی", Faculty.HEALTH, Degree.BACHELOR, "emergency", 20_000_000, S.CANCELLED, 3),
    (
        111,
        "لیلا صالحی",
        Faculty.MEDICINE,
        Degree.PROFESSIONAL_DOCTORATE,
        "emergency",
        25_000_000,
        S.DEPOSITED,
        25,
    ),
    (
        112,
        "مهدی عباسی",
        Faculty.PARAMEDICAL,
        Degree.BACHELOR,
        "housing-deposit",
        100_000_000,
        S.SUBMITTED,
        2,
    ),
]

ROAD = [S.UNDER_REVIEW, S.ELIGIBLE, S.DOCUMENT_ISSUED, S.SENT_TO_FUND, S.CONFIRMED, S.DEPOSITED]


def national_code(seed: int) -> str:
    body = f"{(seed * 7919 + 3_180_000_000) % 10**9:09d}"
    total = sum(int(body[i]) * (10 - i) for i in range(9)) % 11
    return body + str(total if total < 2 else 11 - total)


def sheba(seed: int) -> str:
    bban = f"0120000000{(seed * 104_729 + 5_550_000_000) % 10**12:012d}"
    check = 98 - int(bban + "182700") % 97
    return f"IR{check:02d}{bban}"


def current_term(today: dt.date) -> tuple[int, int]:
    """The academic term a Jalali date falls in: Mehr–Dey first, Bahman–Khordad second,
    Tir–Shahrivar summer."""
    j = jdatetime.date.fromgregorian(date=today)
    if j.month >= 11:
        return j.year, TermHalf.SECOND
    if j.month >= 7:
        return j.year, TermHalf.FIRST
    if j.month <= 3:
        return j.year - 1, TermHalf.SECOND
    return j.year - 1, TermHalf.SUMMER


def ensure_loan_types(term, today):
    types = {}
    for spec in LOAN_TYPES:
        loan_type = LoanType.objects.filter(slug=spec["slug"]).first()
        if loan_type is None:
            loan_type = LoanType(
                slug=spec["slug"],
                name=spec["name"],
                name_en=spec["name_en"],
                summary=spec["summary"],
                summary_en=spec["summary_en"],
                max_amount=spec["max_amount"],
                eligibility=spec["eligibility"],
                required_documents=spec["required_documents"],
                eligible_degrees=spec["degrees"],
                sort_order=spec["order"],
            )
            loan_type.save()
        if not ApplicationWindow.objects.filter(loan_type=loan_type, term=term).exists():
            if spec["slug"] == "emergency":
                opens, closes = today - dt.timedelta(days=40), today + dt.timedelta(days=80)
            else:
                opens, closes = today - dt.timedelta(days=30), today + dt.timedelta(days=14)
            window = ApplicationWindow(
                loan_type=loan_type, term=term, opens_on=opens, closes_on=closes
            )
            if spec["slug"] == "tuition":
                # The office gave students a week more.
                window.extended_until = closes + dt.timedelta(days=7)
            window.save()
        types[spec["slug"]] = loan_type
    return types


def ensure_staff():
    groups = ensure_role_groups()
    User = get_user_model()
    staff = {}
    for username, first, last, role in STAFF:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first, last_name=last, is_staff=True)
            set_demo_password(user)
            user.save()
        user.groups.add(groups[role])
        staff[role] = User.objects.get(pk=user.pk)
    return staff


def _backdate(application, days_ago: int, now):
    """Spread the application's timeline over the past days, as if it had lived them."""
    changes = list(application.stage_changes.order_by("at", "pk"))
    start = now - dt.timedelta(days=days_ago, hours=3)
    step = dt.timedelta(days=days_ago) / max(len(changes), 1)
    for index, change in enumerate(changes):
        StageChange.objects.filter(pk=change.pk).update(at=start + step * index)
    LoanApplication.objects.filter(pk=application.pk).update(
        submitted_at=start, stage_changed_at=start + step * (len(changes) - 1)
    )


def _walk(application, stage, staff, index):
    expert, officer = staff[Role.WELFARE_EXPERT], staff[Role.FINANCIAL_OFFICER]

    def go(target, user, **data):
        workflow.move(application, target, roles=roles_of(user), user=user, **data)

    if stage == S.CANCELLED:
        workflow.cancel(application, note="وام را از جای دیگری گرفتم.")
        return
    if stage == S.SUBMITTED:
        return
    go(S.UNDER_REVIEW, expert)
    if stage == S.RETURNED:
        go(S.RETURNED, expert, note="تصویر صورت‌حساب شهریهٔ این نیم‌سال را پیوست کنید.")
        return
    if stage == S.REJECTED:
        go(
            S.REJECTED,
            expert,
            note="این وام در هر نیم‌سال یک بار داده می‌شود و شما در این نیم‌سال آن را گرفته‌اید.",
        )
        return
    if stage == S.UNDER_REVIEW:
        return
    go(S.ELIGIBLE, expert, note="مدارک کامل و شرایط برقرار است.")
    if stage == S.ELIGIBLE:
        return
    go(
        S.DOCUMENT_ISSUED,
        officer,
        document_number=f"1404{index:04d}",
        document_date=timezone.localdate() - dt.timedelta(days=5),
        document_amount=application.requested_amount,
    )


@demo_loader(order=55)
@transaction.atomic
def load_loans(stdout):
    now = timezone.now()
    today = timezone.localdate()
    year, half = current_term(today)
    term, _created = AcademicTerm.objects.get_or_create(year=year, half=half)
    types = ensure_loan_types(term, today)
    staff = ensure_staff()

    created = []
    for seed, name, faculty, degree, slug, amount, stage, days_ago in APPLICANTS:
        code = national_code(seed)
        loan_type = types[slug]
        if LoanApplication.objects.filter(
            national_code=code, loan_type=loan_type, term=term
        ).exists():
            continue
        window = loan_type.windows.get(term=term)
        application = workflow.submit_application(
            loan_type=loan_type,
            window=window,
            student={
                "student_number": f"40{seed:07d}",
                "national_code": code,
                "full_name": name,
                "faculty": faculty,
                "degree": degree,
                "mobile": f"0912{seed:07d}",
                "email": "",
                "sheba": sheba(seed),
                "requested_amount": amount,
            },
        )
        _walk(application, stage, staff, seed)
        created.append((application, stage, days_ago))

    # Applications past the document go to the fund together, in one batch; then the
    # fund's answer moves some on.
    liaison = staff[Role.FUND_LIAISON]
    to_fund = [a for a, stage, _d in created if stage in (S.SENT_TO_FUND, S.CONFIRMED, S.DEPOSITED)]
    if to_fund:
        workflow.create_batch(
            user=liaison,
            roles=roles_of(liaison),
            applications=[a.pk for a in to_fund],
            note="دستهٔ ارسالی این ماه به صندوق رفاه دانشجویان وزارت بهداشت",
        )
        for application, stage, _days in created:
            application.refresh_from_db()
            if stage in (S.CONFIRMED, S.DEPOSITED):
                workflow.move(
                    application,
                    S.CONFIRMED,
                    roles=roles_of(liaison),
                    user=liaison,
                    fund_confirmed_on=today - dt.timedelta(days=3),
                    fund_reference=f"SRF-{application.pk:05d}",
                )
            if stage == S.DEPOSITED:
                workflow.move(
                    application,
                    S.DEPOSITED,
                    roles=roles_of(liaison),
                    user=liaison,
                    deposited_on=today - dt.timedelta(days=1),
                    bank_reference=f"{880000 + application.pk}",
                )
    for application, _stage, days_ago in created:
        _backdate(application, days_ago, now)
    stdout.write(
        f"  loans: {len(types)} loan types open for {term}, {len(created)} application(s) "
        f"created, {LoanApplication.objects.count()} in all"
    )
