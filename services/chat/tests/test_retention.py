"""Closed chats past CHAT_RETENTION_DAYS are anonymised by a cron-safe, idempotent
command: what was written and who wrote it go, dates, unit and rating stay; open chats
and recent ones are untouched; the history keeps no copy of the name or mobile."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from cms.uploads import validate_upload
from services.chat.domain import find_by_code
from services.chat.enums import ChatState, SenderKind
from services.chat.models import ChatAttachment, ChatMessage, ChatSession

from .factories import ChatSessionFactory

OLD = timezone.now() - timedelta(days=400)


def old_chat(unit, state=ChatState.ENDED, **fields):
    session = ChatSessionFactory(
        unit=unit,
        state=state,
        created_at=OLD,
        accepted_at=OLD,
        ended_at=OLD + timedelta(minutes=10),
        rating=4,
        rating_comment="آقای رضایی خیلی خوب راهنمایی کرد",
        client_address="203.0.113.9",
        **fields,
    )
    ChatMessage.objects.create(
        session=session, seq=1, kind=SenderKind.CITIZEN, body="کد ملی من ۰۰۱۲۳۴۵۶۷۸"
    )
    ChatMessage.objects.create(
        session=session, seq=2, kind=SenderKind.NOTE, body="شماره دانشجویی ۹۹۱۲"
    )
    session.last_seq = 2
    session.save()
    return session


def run(*args):
    out = StringIO()
    call_command("chat_anonymise", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_old_closed_chats_lose_what_identifies_the_citizen(settings, welfare):
    settings.CHAT_RETENTION_DAYS = 365
    session = old_chat(welfare)
    code, mobile = session.tracking_code, session.mobile
    assert find_by_code(code, mobile) is not None

    output = run()

    session.refresh_from_db()
    assert "Anonymised 1 chat(s)" in output
    assert session.anonymised_at is not None
    assert (session.name, session.mobile, session.client_address) == ("—", "", None)
    assert session.rating_comment == ""
    assert list(session.messages.values_list("body", flat=True)) == ["", ""]
    # What the figures need stays.
    assert (session.state, session.rating, session.unit_id) == (ChatState.ENDED, 4, welfare.pk)
    assert session.ended_at is not None
    # No earlier version in the history keeps the name or the mobile.
    assert not session.history.filter(mobile=mobile).exists()
    assert not session.history.exclude(name="—").exists()
    # The transcript no longer opens with code + mobile.
    assert find_by_code(code, mobile) is None


@pytest.mark.django_db
def test_running_again_changes_nothing_and_recent_or_open_chats_stay(settings, welfare):
    settings.CHAT_RETENTION_DAYS = 365
    old = old_chat(welfare)
    recent = ChatSessionFactory(unit=welfare, ended=True)
    waiting = ChatSessionFactory(unit=welfare, created_at=OLD)  # open: never anonymised

    assert "Anonymised 1 chat(s)" in run()
    first = ChatSession.objects.get(pk=old.pk).anonymised_at
    assert "Anonymised 0 chat(s)" in run()

    assert ChatSession.objects.get(pk=old.pk).anonymised_at == first
    assert ChatSession.objects.get(pk=recent.pk).name == recent.name
    assert ChatSession.objects.get(pk=waiting.pk).mobile == waiting.mobile


@pytest.mark.django_db
def test_dry_run_and_retention_off_change_nothing(settings, welfare):
    session = old_chat(welfare, state=ChatState.ABANDONED)
    settings.CHAT_RETENTION_DAYS = 365
    assert "1 chat(s) closed before" in run("--dry-run")
    settings.CHAT_RETENTION_DAYS = 0
    assert "Retention is off" in run()
    assert "Anonymised 0 chat(s)" in run("--days", "500")
    session.refresh_from_db()
    assert session.anonymised_at is None and session.mobile


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_attachment_files_are_removed_after_the_commit(settings, tmp_path, welfare):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    settings.CHAT_RETENTION_DAYS = 30
    session = old_chat(welfare)
    message = session.messages.first()
    upload = ContentFile(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", name="scan.pdf")
    kind = validate_upload(upload)
    attachment = ChatAttachment(message=message)
    attachment.store(upload, kind)
    stored = tmp_path / attachment.file.name
    assert stored.exists()

    assert "1 file(s) removed" in run()

    assert not ChatAttachment.objects.exists()
    assert not stored.exists()
