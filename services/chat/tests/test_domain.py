"""The domain API: a chat from start to rating, the fence, the queue and the limits."""

import datetime as dt

import pytest

from services.chat import domain
from services.chat.enums import Availability, ChatState, SenderKind
from services.chat.models import ChatMessage, ChatTransition

from .factories import online_official

pytestmark = pytest.mark.django_db


def start(unit, body="سلام، وام ودیعه مسکن کی واریز می‌شود؟", **kwargs):
    fields = {"name": "زهرا احمدی", "mobile": "۰۹۱۲۱۲۳۴۵۶۷", "client_address": "10.0.0.1"}
    fields.update(kwargs)
    return domain.start(unit=unit, body=body, **fields)


def test_a_chat_from_start_to_rating(welfare, official):
    chat = start(welfare)
    assert chat.state == ChatState.WAITING
    assert chat.mobile == "09121234567"
    assert domain.queue_info(chat).position == 1

    domain.accept(official, chat.pk)
    reply = domain.send_as_official(official, chat.pk, "سلام، بفرمایید")
    question = domain.send_as_citizen(chat.pk, "ممنون https://example.com")
    domain.add_note(official, chat.pk, "یادداشت داخلی")
    domain.end(chat.pk, user=official)
    domain.rate(chat.pk, 5, "عالی")

    chat.refresh_from_db()
    assert chat.state == ChatState.ENDED
    assert chat.first_reply_at == reply.created_at
    assert chat.rating == 5
    seqs = list(chat.messages.values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
    assert question.seq > reply.seq
    citizen_kinds = {m.kind for m in domain.messages_after(chat, 0, for_citizen=True)}
    assert SenderKind.NOTE not in citizen_kinds
    assert [t.to_state for t in ChatTransition.objects.filter(session=chat)] == [
        ChatState.ACTIVE,
        ChatState.ENDED,
    ]
    assert "یادداشت داخلی" not in domain.transcript_text(chat)


def test_an_official_of_another_unit_can_neither_accept_nor_write(
    welfare, official, other_official
):
    chat = start(welfare)
    with pytest.raises(domain.NotAllowed):
        domain.accept(other_official, chat.pk)
    with pytest.raises(domain.NotAllowed):
        domain.add_note(other_official, chat.pk, "سلام")
    chat.refresh_from_db()
    assert chat.state == ChatState.WAITING


def test_only_the_first_official_accepts(welfare, official):
    colleague = online_official(welfare)
    chat = start(welfare)
    domain.accept(official, chat.pk)
    with pytest.raises(domain.WrongState):
        domain.accept(colleague, chat.pk)


def test_capacity_and_availability_are_checked(welfare, official):
    official.chat_official.capacity = 1
    official.chat_official.save()
    first = start(welfare, client_address="10.0.0.2")
    second = start(welfare, mobile="09131234567", client_address="10.0.0.3")
    domain.accept(official, first.pk)
    with pytest.raises(domain.AtCapacity):
        domain.accept(official, second.pk)
    domain.set_availability(official, Availability.AWAY)
    domain.end(first.pk, user=official)
    with pytest.raises(domain.NotAvailable):
        domain.accept(official, second.pk)


def test_queue_positions_move_up(welfare, official):
    first = start(welfare, client_address="10.0.0.2")
    second = start(welfare, mobile="09131234567", client_address="10.0.0.3")
    assert domain.queue_info(second).position == 2
    domain.end(first.pk, by_citizen=True)
    first.refresh_from_db()
    assert first.state == ChatState.ABANDONED
    assert domain.queue_info(second).position == 1


def test_limits_per_address_and_text(welfare, official, settings):
    settings.CHAT_OPEN_CHATS_PER_ADDRESS = 1
    start(welfare)
    with pytest.raises(domain.TooMany):
        start(welfare, mobile="09131234567")
    with pytest.raises(domain.InvalidInput):
        start(welfare, body="x" * 5000, client_address="10.0.0.9")
    with pytest.raises(domain.InvalidInput):
        start(welfare, mobile="12345", client_address="10.0.0.8")


def test_transfer_to_unit_goes_back_to_its_queue(welfare, it_unit, official, other_official):
    chat = start(welfare)
    domain.accept(official, chat.pk)
    domain.transfer_to_unit(official, chat.pk, it_unit, "مربوط به فناوری")
    chat.refresh_from_db()
    assert (chat.state, chat.unit_id, chat.official_id) == (ChatState.WAITING, it_unit.pk, None)
    with pytest.raises(domain.NotAllowed):
        domain.send_as_official(official, chat.pk, "سلام")
    domain.accept(other_official, chat.pk)


def test_transfer_to_a_colleague_needs_room(welfare, official):
    colleague = online_official(welfare)
    chat = start(welfare)
    domain.accept(official, chat.pk)
    domain.transfer_to_official(official, chat.pk, colleague)
    chat.refresh_from_db()
    assert chat.official_id == colleague.pk
    with pytest.raises(domain.NotAllowed):
        domain.send_as_official(official, chat.pk, "سلام")


def test_transcript_needs_code_and_mobile(welfare, official):
    chat = start(welfare)
    assert domain.find_by_code(chat.tracking_code, "09121234567") == chat
    assert domain.find_by_code(chat.tracking_code, "09129999999") is None
    assert domain.find_by_code("000000000000", "09121234567") is None


def test_read_marks(welfare, official):
    chat = start(welfare)
    domain.accept(official, chat.pk)
    domain.mark_read(chat, chat.last_seq, by_citizen=False)
    assert ChatMessage.objects.get(session=chat, seq=1).read_at is not None


def test_units_with_someone_online_come_first(welfare, it_unit, official):
    away = online_official(it_unit)
    domain.set_availability(away, Availability.AWAY)
    assert domain.chat_units() == [(welfare, 1), (it_unit, 0)]


def test_chats_per_mobile_are_limited(welfare, official, settings):
    settings.CHAT_START_LIMIT = (2, 3600)
    for n in range(2):
        chat = start(welfare, client_address=f"10.0.1.{n}")
        domain.end(chat.pk, by_citizen=True)
    with pytest.raises(domain.TooMany):
        start(welfare, client_address="10.0.1.9")


def test_a_waiting_citizen_who_left_is_abandoned_and_keeps_their_place_free(welfare, official):
    first = start(welfare, client_address="10.0.0.2")
    second = start(welfare, mobile="09131234567", client_address="10.0.0.3")
    domain.abandon(first.pk)
    first.refresh_from_db()
    assert first.state == ChatState.ABANDONED and first.ended_by == "system"
    assert domain.queue_info(second).position == 1
    with pytest.raises(domain.WrongState):
        domain.rate(first.pk, 5)


def test_citizens_whose_page_went_quiet_leave_the_queue(welfare, official):
    chat = start(welfare)
    later = chat.created_at + dt.timedelta(minutes=10)
    assert domain.abandon_gone([welfare.pk], now=later) == 1
    chat.refresh_from_db()
    assert chat.state == ChatState.ABANDONED


def test_a_citizens_message_is_one_update_one_count_and_one_insert(welfare, official):
    """The socket's hot path (issue 16's load target): numbering, the state check and
    the sign of life in one UPDATE ... RETURNING, the per-minute limit counted from the
    chat's stored messages, then the insert; nothing else read, no cache asked."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    chat = start(welfare)
    domain.accept(official, chat.pk)
    with CaptureQueriesContext(connection) as queries:
        message = domain.send_as_citizen(chat.pk, "پیام تازه")
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert [s for s in statements if s in ("SELECT", "UPDATE", "INSERT")] == [
        "UPDATE",
        "SELECT",
        "INSERT",
    ]
    chat.refresh_from_db()
    assert (message.seq, chat.last_seq) == (3, 3)
    assert chat.citizen_seen_at == message.created_at
    domain.end(chat.pk, user=official)
    with pytest.raises(domain.WrongState):
        domain.send_as_citizen(chat.pk, "دیر رسید")
    assert chat.messages.count() == 4  # joined, ended: nothing stored after the end
