"""Demo notices: an outage resolved last month and a planned maintenance next week.

Tied to catalog services when there are any (the loan service first), else to the
whole portal. Found again by title, so running the loader twice adds nothing.
"""

import datetime as dt

from django.utils import timezone

from cms.demo import demo_loader
from sla.models import Service

from .enums import Impact, NoticeKind, NoticeState
from .models import NoticeUpdate, OutageNotice

OUTAGE_TITLE = "قطعی سامانهٔ درخواست وام دانشجویی"
MAINTENANCE_TITLE = "به‌روزرسانی نرم‌افزار سرورهای پرتال"


def catalog_services(limit=2):
    services = list(Service.objects.live().order_by("code"))
    loans = [s for s in services if "LOAN" in s.code or "وام" in s.title]
    return (loans or services)[:limit]


def _publish(notice, services):
    notice.save()
    if services:
        notice.services.set(services)
        notice.save()
    revision = notice.save_revision(log_action=False)
    revision.publish(log_action=False)
    notice.refresh_from_db()
    # Demo news is old news: nobody is emailed about it.
    notice.updates.update(notified_at=timezone.now())
    return notice


@demo_loader(order=60)
def load_outages(stdout):
    now = timezone.now()
    services = catalog_services()
    whole_portal = not services

    if not OutageNotice.objects.filter(title=OUTAGE_TITLE).exists():
        start = timezone.localtime(now - dt.timedelta(days=33)).replace(
            hour=7, minute=40, second=0, microsecond=0
        )
        notice = OutageNotice(
            kind=NoticeKind.OUTAGE,
            title=OUTAGE_TITLE,
            title_en="Student loan requests unavailable",
            whole_portal=whole_portal,
            impact=Impact.MAJOR,
            state=NoticeState.INVESTIGATING,
            starts_at=start,
            initial_message=(
                "ثبت و پیگیری درخواست وام دانشجویی از صبح امروز ممکن نیست. کارشناسان "
                "مدیریت آمار و فناوری اطلاعات در حال بررسی‌اند؛ درخواست‌های ثبت‌شده محفوظ است."
            ),
            initial_message_en=(
                "Student loan requests cannot be filed or followed up since this morning. "
                "IT is investigating; requests already filed are safe."
            ),
        )
        _publish(notice, services)
        NoticeUpdate.objects.filter(notice=notice).update(
            posted_at=start + dt.timedelta(minutes=15)
        )
        steps = [
            (
                dt.timedelta(hours=1),
                NoticeState.IDENTIFIED,
                "علت پیدا شد: پایگاه دادهٔ سامانه پس از قطع برق به‌درستی راه‌اندازی نشده بود.",
                "Found: the system's database did not restart properly after a power cut.",
                None,
            ),
            (
                dt.timedelta(hours=2, minutes=20),
                NoticeState.RESOLVED,
                "سامانه دوباره در دسترس است. اگر درخواستی نیمه‌کاره ماند، آن را دوباره ثبت کنید.",
                "The system is back. If a request was left half-done, please file it again.",
                start + dt.timedelta(hours=2, minutes=10),
            ),
        ]
        for offset, state, message, message_en, ended_at in steps:
            NoticeUpdate.objects.create(
                notice=notice,
                posted_at=start + offset,
                state=state,
                impact=Impact.MAJOR,
                message=message,
                message_en=message_en,
                ended_at=ended_at,
                notified_at=now,
            )
        OutageNotice.objects.filter(pk=notice.pk).update(
            state=NoticeState.RESOLVED, ended_at=start + dt.timedelta(hours=2, minutes=10)
        )
        stdout.write(f"  outage notice: {OUTAGE_TITLE}")

    if not OutageNotice.objects.filter(title=MAINTENANCE_TITLE).exists():
        start = timezone.localtime(now + dt.timedelta(days=7)).replace(
            hour=22, minute=0, second=0, microsecond=0
        )
        notice = OutageNotice(
            kind=NoticeKind.MAINTENANCE,
            title=MAINTENANCE_TITLE,
            title_en="Software update of the portal servers",
            whole_portal=True,
            impact=Impact.MAJOR,
            state=NoticeState.SCHEDULED,
            starts_at=start,
            expected_end=start + dt.timedelta(hours=3),
            initial_message=(
                "برای نصب به‌روزرسانی‌های امنیتی، پرتال و میز خدمت از ساعت ۲۲ به مدت حدود سه "
                "ساعت در دسترس نخواهند بود. لطفاً درخواست‌های خود را پیش یا پس از این بازه ثبت کنید."
            ),
            initial_message_en=(
                "To install security updates, the portal and the service desk will be "
                "unavailable from 22:00 for about three hours. Please file requests before "
                "or after this window."
            ),
        )
        _publish(notice, [])
        stdout.write(f"  maintenance notice: {MAINTENANCE_TITLE}")
