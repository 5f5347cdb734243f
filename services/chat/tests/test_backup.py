"""Transcripts are users' data: they travel in the portal's backup and come back whole,
files included, and the restore drill opens them as citizens do (code + mobile)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.backup import create_backup, restore_backup
from cms.plugins import registry
from cms.uploads import KINDS
from services.chat import domain
from services.chat.models import (
    ChatAttachment,
    ChatMembership,
    ChatMessage,
    ChatOfficial,
    ChatSession,
)

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_chat_with_its_file_is_backed_up_restored_and_opened_by_the_drill(
    tmp_path, welfare, official
):
    chat = domain.start(
        unit=welfare, name="زهرا احمدی", mobile="09121234567", body="سلام، وام مسکن؟"
    )
    domain.accept(official, chat.pk)
    domain.send_as_official(official, chat.pk, "بله، فرم را پر کنید.")
    pdf = SimpleUploadedFile("نامه.pdf", PDF_BYTES, content_type="application/pdf")
    domain.send_as_citizen(chat.pk, "", upload=pdf, file_kind=KINDS["pdf"])
    domain.end(chat.pk, user=official)
    chat.refresh_from_db()
    stored = ChatAttachment.objects.get()
    file_name = stored.file.name
    archive = tmp_path / "portal.tar.gz"
    create_backup(archive)

    # The chats and their officials are lost...
    ChatSession.objects.all().delete()
    ChatMembership.objects.all().delete()
    ChatOfficial.objects.all().delete()
    stored.file.storage.delete(file_name)

    report = restore_backup(archive)

    assert report.datasets["chat.ChatSession"] == 1
    assert report.datasets["chat.ChatMessage"] == ChatMessage.objects.count() >= 3
    bodies = list(ChatMessage.objects.filter(session_id=chat.pk).values_list("body", flat=True))
    assert "سلام، وام مسکن؟" in bodies and "بله، فرم را پر کنید." in bodies
    restored = ChatAttachment.objects.get()
    assert restored.file.name == file_name and restored.file.read() == PDF_BYTES
    checks = [check for check in registry.verify_restored(5) if check.label.startswith("chat")]
    assert checks and all(check.ok for check in checks)
