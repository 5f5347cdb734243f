"""Demo content of the service desk: staff of a few units, an editor-built service form,
and citizens' requests in every status across several units, some of them overdue.

Idempotent: requests are found by their (fixed, demo-only) tracking codes, staff by
username, the form page by its slug. Units and services come from the sitepages and sla
demo content; whatever is missing is skipped with a note.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cms.demo import demo_loader, set_demo_password

from .demo_figures import load_service_figures  # noqa: F401 (registers its loader)
from .demo_meetings import load_meeting_hours
from .enums import Actor, MeetingStatus, MessageKind, RequestChannel, RequestStatus, StaffRole
from .models import (
    DeskStaff,
    MeetingProposal,
    RequestMessage,
    ServiceFormField,
    ServiceFormPage,
    ServiceRequest,
    StatusChange,
)

S = RequestStatus

STAFF = [
    # username, first name, last name, unit slug, role
    ("desk.rafah", "زهرا", "کریمی", "welfare-office", StaffRole.EXPERT),
    ("desk.rafah.modir", "علی", "رحیمی", "welfare-office", StaffRole.MANAGER),
    ("desk.bazrasi", "محمد", "حسینی", "inspection-complaints", StaffRole.MANAGER),
    ("desk.it", "سارا", "موسوی", "it-statistics", StaffRole.EXPERT),
    ("desk.behdasht", "حمید", "نوری", "health-deputy", StaffRole.MANAGER),
    # Every unit that answers a service or a form has staff, and a manager for escalations.
    ("desk.it.modir", "رضا", "صادقی", "it-statistics", StaffRole.MANAGER),
    ("desk.darman", "نرگس", "امینی", "treatment-deputy", StaffRole.MANAGER),
    ("desk.amoozesh", "مهدی", "جعفری", "education-deputy", StaffRole.MANAGER),
    ("desk.pajoohesh", "لیلا", "کاظمی", "research-deputy", StaffRole.MANAGER),
    ("desk.tose-e", "احمد", "قاسمی", "development-deputy", StaffRole.MANAGER),
    ("desk.ghaza", "فاطمه", "مرادی", "food-drug-deputy", StaffRole.MANAGER),
    ("desk.ravabet", "حسین", "یوسفی", "public-relations", StaffRole.MANAGER),
    ("desk.pezeshki", "مریم", "عباسی", "medicine-faculty", StaffRole.MANAGER),
]

# code, channel, unit slug, service code, status, days ago, name, mobile, subject, body,
# reply (or ""), concerned unit slug (complaints)
REQUESTS = [
    (
        "900000000011",
        RequestChannel.REQUEST,
        "welfare-office",
        "LOAN-01",
        S.NEW,
        0,
        "مریم احمدی",
        "09121234501",
        "درخواست وام ضروری",
        "با سلام، برای هزینه‌های درمان مادرم به وام ضروری نیاز دارم. مدارک پیوست خواهد شد.",
        "",
        None,
    ),
    (
        "900000000022",
        RequestChannel.REQUEST,
        "welfare-office",
        "LOAN-01",
        S.IN_PROGRESS,
        2,
        "رضا محمدی",
        "09121234502",
        "پیگیری واریز وام شهریه",
        "وام شهریهٔ نیم‌سال گذشته هنوز به حسابم واریز نشده است.",
        "درخواست شما به صندوق رفاه دانشجویان ارجاع شد.",
        None,
    ),
    (
        "900000000033",
        RequestChannel.LETTER,
        "welfare-office",
        None,
        S.WAITING,
        4,
        "فاطمه رضایی",
        "09121234503",
        "نامه دربارهٔ خوابگاه متأهلین",
        "خواهشمند است شرایط واگذاری خوابگاه متأهلین را اعلام فرمایید.",
        "لطفاً تصویر عقدنامه را از صفحهٔ پیگیری بفرستید.",
        None,
    ),
    (
        "900000000044",
        RequestChannel.REQUEST,
        "welfare-office",
        "LOAN-01",
        S.ANSWERED,
        6,
        "حسین کاظمی",
        "09121234504",
        "سقف وام مسکن دانشجویی",
        "سقف وام مسکن دانشجویان متأهل در سال جاری چقدر است؟",
        "سقف وام مسکن دانشجویان متأهل در سال جاری ۱۵۰ میلیون ریال است.",
        None,
    ),
    (
        "900000000055",
        RequestChannel.REQUEST,
        "welfare-office",
        "LOAN-01",
        S.CLOSED,
        15,
        "نرگس جعفری",
        "09121234505",
        "تقسیط بازپرداخت وام",
        "آیا امکان تقسیط بدهی وام‌های دوران تحصیل وجود دارد؟",
        "بله؛ با مراجعه به سامانهٔ صندوق رفاه می‌توانید درخواست تقسیط بدهید.",
        None,
    ),
    (
        "900000000066",
        RequestChannel.REQUEST,
        "welfare-office",
        "LOAN-01",
        S.IN_PROGRESS,
        25,
        "امیر قاسمی",
        "09121234506",
        "وام ودیعهٔ مسکن",
        "درخواست وام ودیعهٔ مسکن را ثبت کرده‌ام ولی پاسخی نگرفته‌ام.",
        "",
        None,
    ),
    (
        "900000000077",
        RequestChannel.COMPLAINT,
        "inspection-complaints",
        None,
        S.NEW,
        1,
        "زینب مرادی",
        "09121234507",
        "شکایت از قطعی مکرر سامانهٔ آموزش",
        "سامانهٔ آموزش در روزهای انتخاب واحد بارها از دسترس خارج شد.",
        "",
        "it-statistics",
    ),
    (
        "900000000088",
        RequestChannel.COMPLAINT,
        "inspection-complaints",
        None,
        S.REJECTED,
        9,
        "مهدی صادقی",
        "09121234508",
        "شکایت از نمرهٔ درس فیزیولوژی",
        "به نمرهٔ درس فیزیولوژی اعتراض دارم.",
        "",
        "education-deputy",
    ),
    (
        "900000000099",
        RequestChannel.COMPLAINT,
        "inspection-complaints",
        None,
        S.IN_PROGRESS,
        30,
        "لیلا کریمی",
        "09121234509",
        "شکایت از رفتار کارکنان پذیرش",
        "در مراجعه به واحد پذیرش بیمارستان رفتار مناسبی با من نشد.",
        "",
        "treatment-deputy",
    ),
    (
        "900000000101",
        RequestChannel.MEETING,
        "health-deputy",
        None,
        S.IN_PROGRESS,
        3,
        "سعید عباسی",
        "09121234510",
        "ملاقات دربارهٔ پایگاه سلامت محله",
        "می‌خواهم دربارهٔ راه‌اندازی پایگاه سلامت در محلهٔ شهرک صنعتی گفت‌وگو کنم.",
        "",
        None,
    ),
    (
        "900000000145",
        RequestChannel.MEETING,
        "health-deputy",
        None,
        S.SCHEDULED,
        4,
        "نرگس قاسمی",
        "09121234514",
        "ملاقات دربارهٔ برنامهٔ واکسیناسیون مدارس",
        "می‌خواهم دربارهٔ زمان‌بندی واکسیناسیون دانش‌آموزان با معاون بهداشت گفت‌وگو کنم.",
        "",
        None,
    ),
    (
        "900000000112",
        RequestChannel.REQUEST,
        "it-statistics",
        "IT-01",
        S.WITHDRAWN,
        5,
        "پریسا نادری",
        "09121234511",
        "بازیابی گذرواژهٔ رایانامهٔ دانشگاه",
        "گذرواژهٔ رایانامهٔ دانشگاهی خود را فراموش کرده‌ام.",
        "",
        None,
    ),
    (
        "900000000123",
        RequestChannel.REQUEST,
        "it-statistics",
        "IT-01",
        S.ANSWERED,
        8,
        "کامران یوسفی",
        "09121234512",
        "دسترسی به سامانهٔ اتوماسیون اداری",
        "برای دسترسی به سامانهٔ اتوماسیون اداری چه باید بکنم؟",
        "حساب شما ساخته شد؛ نام کاربری همان کد پرسنلی شماست.",
        None,
    ),
    (
        "900000000134",
        RequestChannel.LETTER,
        "it-statistics",
        None,
        S.IN_PROGRESS,
        21,
        "بهاره شریفی",
        "09121234513",
        "نامه دربارهٔ پهنای باند خوابگاه",
        "سرعت اینترنت خوابگاه دخترانه برای کلاس‌های برخط کافی نیست.",
        "",
        None,
    ),
]

RATINGS = {"900000000044": (5, "پاسخ سریع و روشن بود."), "900000000055": (4, "")}


def _unit(slug):
    from sitepages.models import UnitPage

    return UnitPage.objects.filter(slug=slug, locale__language_code="fa").first()


def _service(code):
    if not code:
        return None
    from sla.models import Service

    return Service.objects.filter(code=code).first()


def _path(status):
    return {
        S.NEW: [],
        S.IN_PROGRESS: [S.IN_PROGRESS],
        S.WAITING: [S.IN_PROGRESS, S.WAITING],
        S.SCHEDULED: [S.IN_PROGRESS, S.SCHEDULED],
        S.ANSWERED: [S.IN_PROGRESS, S.ANSWERED],
        S.CLOSED: [S.IN_PROGRESS, S.ANSWERED, S.CLOSED],
        S.REJECTED: [S.REJECTED],
        S.WITHDRAWN: [S.WITHDRAWN],
    }[status]


def load_staff(stdout):
    users = {}
    for username, first, last, slug, role in STAFF:
        unit = _unit(slug)
        if unit is None:
            stdout.write(f"  desk: unit {slug} not found, staff {username} skipped")
            continue
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.ac.ir"},
        )
        if created:
            set_demo_password(user)
            user.save()
        DeskStaff.objects.get_or_create(user=user, unit=unit, defaults={"role": role})
        users.setdefault(slug, user)
    return users


def load_form_page(stdout):
    from sitepages.models import HomePage

    home = HomePage.objects.filter(depth=2, locale__language_code="fa").first()
    unit = _unit("education-deputy")
    if home is None or unit is None:
        stdout.write("  desk: no home page or education unit, service form skipped")
        return
    if ServiceFormPage.objects.child_of(home).filter(slug="enrolment-certificate").exists():
        return
    page = ServiceFormPage(
        title="درخواست گواهی اشتغال به تحصیل",
        slug="enrolment-certificate",
        intro="<p>دانشجویان برای دریافت گواهی اشتغال به تحصیل این فرم را پر کنند.</p>",
        unit=unit,
        service=_service("EDU-01"),
    )
    page.form_fields = [
        ServiceFormField(
            label="شمارهٔ دانشجویی", field_type="singleline", required=True, sort_order=0
        ),
        ServiceFormField(label="رشته و مقطع", field_type="singleline", required=True, sort_order=1),
        ServiceFormField(
            label="گواهی برای ارائه به",
            field_type="dropdown",
            choices="نظام وظیفه\nبانک\nسایر",
            required=True,
            sort_order=2,
        ),
    ]
    home.add_child(instance=page)
    page.save_revision().publish()


def load_requests(stdout, staff):
    from sla.calendar import WorkingCalendar

    calendar = WorkingCalendar.load()
    now = timezone.now()
    created = 0
    for (
        code,
        channel,
        slug,
        service_code,
        status,
        days_ago,
        name,
        mobile,
        subject,
        body,
        reply,
        concerned,
    ) in REQUESTS:
        if ServiceRequest.objects.filter(tracking_code=code).exists():
            continue
        unit = _unit(slug)
        if unit is None:
            stdout.write(f"  desk: unit {slug} not found, request {code} skipped")
            continue
        submitted = now - dt.timedelta(days=days_ago, hours=3)
        request = ServiceRequest.objects.create(
            tracking_code=code,
            channel=channel,
            unit=unit,
            service=_service(service_code),
            concerned_unit=_unit(concerned) if concerned else None,
            name=name,
            mobile=mobile,
            subject=subject,
            body=body,
            submitted_at=submitted,
            official_name="دکتر نوری — معاون بهداشت" if channel == RequestChannel.MEETING else "",
            preferred_days="شنبه، دوشنبه" if channel == RequestChannel.MEETING else "",
            preferred_times="صبح‌ها ۹ تا ۱۱" if channel == RequestChannel.MEETING else "",
            assigned_to=staff.get(slug),
        )
        StatusChange.objects.create(
            request=request, from_status="", to_status=S.NEW, actor=Actor.CITIZEN, at=submitted
        )
        at, previous = submitted, S.NEW
        for step in _path(status):
            at = min(at + dt.timedelta(days=max(1, days_ago // 4)), now)
            if step in (S.ANSWERED, S.WAITING) and reply:
                RequestMessage.objects.create(
                    request=request,
                    kind=MessageKind.REPLY,
                    body=reply,
                    author=staff.get(slug),
                    created_at=at,
                )
                request.first_replied_at = request.first_replied_at or at
            reason = ""
            if step == S.REJECTED:
                reason = "اعتراض به نمره باید از راه سامانهٔ آموزش و در مهلت اعلام‌شده ثبت شود."
                request.rejection_reason = reason
            StatusChange.objects.create(
                request=request,
                from_status=previous,
                to_status=step,
                actor={S.WITHDRAWN: Actor.CITIZEN, S.SCHEDULED: Actor.SYSTEM}.get(
                    step, Actor.STAFF
                ),
                user=None if step in (S.WITHDRAWN, S.SCHEDULED) else staff.get(slug),
                reason=reason,
                at=at,
            )
            if step == S.ANSWERED:
                request.answered_at = at
            if step in (S.CLOSED, S.REJECTED, S.WITHDRAWN):
                request.closed_at = at
            previous = step
        if status == S.IN_PROGRESS and reply:
            RequestMessage.objects.create(
                request=request,
                kind=MessageKind.REPLY,
                body=reply,
                author=staff.get(slug),
                created_at=at,
            )
            request.first_replied_at = at
        request.status = status
        request.due_at = request.compute_due_at(calendar=calendar)
        if request.answered_at:
            request.answered_in_time = (
                request.due_at is None or request.answered_at <= request.due_at
            )
        if request.first_replied_at:
            request.first_reply_working_hours = request.working_hours_until(
                request.first_replied_at, calendar=calendar
            )
        if code in RATINGS:
            request.rating, request.rating_comment = RATINGS[code]
            request.rated_at = now
        request.save()
        if channel != RequestChannel.MEETING:
            RequestMessage.objects.create(
                request=request,
                kind=MessageKind.NOTE,
                author=staff.get(slug),
                body="بررسی شود و در صورت نیاز با متقاضی تماس گرفته شود.",
                created_at=submitted,
            )
        else:
            scheduled = status == S.SCHEDULED
            MeetingProposal.objects.create(
                request=request,
                starts_at=(now + dt.timedelta(days=2 if scheduled else 5)).replace(
                    hour=6, minute=30
                ),
                official_name="دکتر نوری — معاون بهداشت",
                location="ساختمان معاونت بهداشت، طبقهٔ دوم",
                status=MeetingStatus.ACCEPTED if scheduled else MeetingStatus.PROPOSED,
                created_by=staff.get(slug),
                responded_at=now if scheduled else None,
            )
        created += 1
    stdout.write(f"  desk: {created} demo requests created")


@demo_loader(order=50)
def load_desk(stdout):
    from sitepages.models import UnitPage

    if not UnitPage.objects.exists():
        stdout.write("  desk: no units yet, demo requests skipped")
        return
    with transaction.atomic():
        load_meeting_hours(stdout)
        staff = load_staff(stdout)
        load_form_page(stdout)
        load_requests(stdout, staff)
