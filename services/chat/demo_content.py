"""Demo content of the live chat: the chat service in the catalog (with its card), the
units' chat officials (the desk's demo accounts; away until they open the console),
canned replies, and past chats with ratings, so the figures and transcripts show
something.

Idempotent: the service is found by its code, officials by username, canned replies by
unit and title, chats by their (fixed, demo-only) tracking codes. Units come from the
sitepages demo content; whatever is missing is skipped with a note.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cms.demo import demo_loader, set_demo_password
from sitepages.models import UnitPage
from sla.demo_content import ensure_service
from sla.enums import Audience, Channel, ServiceType, TimeUnit
from sla.models import Service

from . import conf
from .admin.setup import ensure_groups, make_official
from .enums import Actor, ChatState, SenderKind
from .models import CannedReply, ChatMessage, ChatOfficial, ChatSession, ChatTransition

SERVICE = {
    "code": "CHAT-01",
    "unit": "public-relations",
    "title": "گفت‌وگوی برخط با کارشناسان دانشگاه",
    "title_en": "Live chat with the university's officials",
    "description": (
        "<p>پرسش خود را در ساعت‌های کاری به‌صورت برخط با کارشناس واحد مربوط در میان بگذارید؛ "
        "در پایان گفت‌وگو کد رهگیری می‌گیرید و متن گفت‌وگو را در صفحهٔ پیگیری می‌بینید. "
        "اگر کارشناسی در دسترس نباشد، پرسش شما به‌صورت درخواست در میز خدمت ثبت می‌شود.</p>"
    ),
    "description_en": (
        "<p>Ask the responsible unit's officials live during office hours; at the end you get "
        "a tracking code and can read the conversation again. When nobody is online, your "
        "question goes to the service desk as a request.</p>"
    ),
    "service_type": ServiceType.G2C,
    "audience": [Audience.CITIZENS, Audience.STUDENTS],
    "fee": None,
    "channels": [Channel.CHAT, Channel.WEB],
    "delivery": (1, TimeUnit.WORKING_DAYS),
    "response": (1, TimeUnit.WORKING_HOURS),
    "availability": 99,
}

# username, first name, last name, unit slug, manager
OFFICIALS = [
    ("desk.rafah", "زهرا", "کریمی", "welfare-office", False),
    ("desk.rafah.modir", "علی", "رحیمی", "welfare-office", True),
    ("desk.it", "سارا", "موسوی", "it-statistics", False),
    ("desk.it.modir", "رضا", "صادقی", "it-statistics", True),
    ("desk.ravabet", "حسین", "یوسفی", "public-relations", True),
    ("desk.behdasht", "حمید", "نوری", "health-deputy", True),
]

CANNED = {
    "welfare-office": [
        ("ساعت‌های کاری", "ادارهٔ رفاه شنبه تا چهارشنبه از ساعت ۸ تا ۱۴ پاسخ‌گوی شماست."),
        (
            "مدارک وام",
            "برای درخواست وام، کارت دانشجویی، شمارهٔ شبا و فرم تعهد را در سامانه بارگذاری کنید.",
        ),
    ],
    "it-statistics": [
        ("بازنشانی گذرواژه", "برای بازنشانی گذرواژه، کد ملی و شمارهٔ دانشجویی خود را بفرستید."),
    ],
    "public-relations": [
        ("ارجاع", "پرسش شما را به واحد مسئول می‌فرستم؛ لطفاً چند لحظه منتظر بمانید."),
    ],
}

# code, unit slug, official username, state, days ago, minutes to first reply, rating, talk
CHATS = [
    (
        "910000000011",
        "welfare-office",
        "desk.rafah",
        ChatState.ENDED,
        2,
        1,
        5,
        [
            (SenderKind.CITIZEN, "سلام، وام ودیعهٔ مسکن من کی واریز می‌شود؟"),
            (SenderKind.OFFICIAL, "سلام، سند مالی شما صادر شده و این هفته به صندوق می‌رود."),
            (SenderKind.NOTE, "سند در کارتابل صندوق است؛ پیگیری شود."),
            (SenderKind.CITIZEN, "ممنون از راهنمایی‌تان."),
        ],
    ),
    (
        "910000000022",
        "welfare-office",
        "desk.rafah",
        ChatState.ENDED,
        5,
        7,
        3,
        [
            (SenderKind.CITIZEN, "برای وام ضروری چه مدارکی لازم است؟"),
            (SenderKind.OFFICIAL, "کارت دانشجویی، شمارهٔ شبا و مدرک هزینهٔ ضروری."),
        ],
    ),
    (
        "910000000033",
        "it-statistics",
        "desk.it",
        ChatState.ENDED,
        1,
        2,
        4,
        [
            (SenderKind.CITIZEN, "نمی‌توانم وارد سامانهٔ آموزش شوم."),
            (SenderKind.OFFICIAL, "گذرواژهٔ شما بازنشانی شد؛ پیامک را ببینید."),
        ],
    ),
    (
        "910000000044",
        "it-statistics",
        "",
        ChatState.ABANDONED,
        3,
        None,
        None,
        [(SenderKind.CITIZEN, "سلام، کسی هست؟")],
    ),
]


def _unit(slug):
    return UnitPage.objects.filter(slug=slug, locale__language_code="fa").first()


def ensure_chat_service(stdout):
    if Service.objects.filter(code=conf.service_code()).exists():
        return
    unit = _unit(SERVICE["unit"])
    if unit is None:
        stdout.write(f"  chat: unit {SERVICE['unit']} missing; the chat service is skipped")
        return
    ensure_service({**SERVICE, "code": conf.service_code()}, unit, None)
    stdout.write(f"  chat: service {conf.service_code()} in the catalog")


def ensure_officials(stdout) -> dict:
    users = {}
    for username, first, last, slug, manager in OFFICIALS:
        unit = _unit(slug)
        if unit is None:
            stdout.write(f"  chat: unit {slug} missing; {username} skipped")
            continue
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            set_demo_password(user)
            user.save()
        make_official(user, unit, manager=manager)
        # Away until they open the console and set themselves available.
        ChatOfficial.objects.get_or_create(user=user)
        users[username] = user
    return users


def ensure_canned_replies():
    for slug, replies in CANNED.items():
        unit = _unit(slug)
        if unit is None:
            continue
        for order, (title, body) in enumerate(replies):
            CannedReply.objects.get_or_create(
                unit=unit, title=title, defaults={"body": body, "sort_order": order}
            )


def ensure_past_chats(users):
    now = timezone.now()
    for code, slug, username, state, days, reply_minutes, rating, talk in CHATS:
        unit = _unit(slug)
        if unit is None or ChatSession.objects.filter(tracking_code=code).exists():
            continue
        official = users.get(username)
        started = now - timedelta(days=days, hours=2)
        first_reply = started + timedelta(minutes=reply_minutes) if reply_minutes else None
        session = ChatSession.objects.create(
            tracking_code=code,
            unit=unit,
            official=official,
            state=state,
            name="مریم احمدی",
            mobile="09121234567",
            created_at=started,
            accepted_at=first_reply,
            first_reply_at=first_reply,
            ended_at=started + timedelta(minutes=(reply_minutes or 0) + 12),
            ended_by=Actor.OFFICIAL if official else Actor.CITIZEN,
            rating=rating,
            rating_comment="پاسخ سریع و روشن بود." if rating and rating >= 4 else "",
            last_seq=len(talk),
        )
        for seq, (kind, body) in enumerate(talk, start=1):
            ChatMessage.objects.create(
                session=session,
                seq=seq,
                kind=kind,
                body=body,
                author=official if kind in (SenderKind.OFFICIAL, SenderKind.NOTE) else None,
                created_at=started + timedelta(minutes=seq * (reply_minutes or 1)),
            )
        ChatTransition.objects.create(
            session=session,
            from_state=ChatState.WAITING,
            to_state=state,
            actor=Actor.OFFICIAL if official else Actor.CITIZEN,
            user=official,
            at=session.ended_at,
        )


@demo_loader(order=70)
@transaction.atomic
def load_chat(stdout):
    if not UnitPage.objects.exists():
        stdout.write("  chat: no units yet; skipped")
        return
    ensure_groups(stdout)
    ensure_chat_service(stdout)
    users = ensure_officials(stdout)
    ensure_canned_replies()
    ensure_past_chats(users)
    stdout.write(f"  chat: {len(users)} officials, canned replies and past chats")
