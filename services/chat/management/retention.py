"""Anonymising closed chats after ``CHAT_RETENTION_DAYS``: what a citizen and officials
wrote, who the citizen was and how to reach them are removed; the chat's dates, state,
unit and rating stay, so the unit's figures do not change.

Safe to run from cron at any time and again: a chat is anonymised once (its
``anonymised_at`` is set in the same transaction), each in its own transaction, rows
locked (and, on PostgreSQL, skipped when another run holds them), attachment files
removed only after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from cms.attachments import delete_files

from .. import conf
from ..enums import CLOSED
from ..models import ChatAttachment, ChatMessage, ChatSession, ChatTransfer, ChatTransition

# What is left of the citizen's name on an anonymised chat.
ANONYMOUS = "—"


@dataclass
class RetentionResult:
    chats: int = 0
    messages: int = 0
    files: int = 0


def cutoff(now=None, days=None):
    """Chats closed before this moment are past their retention (``None``: keep all)."""
    days = conf.retention_days() if days is None else days
    if days <= 0:
        return None
    return (now or timezone.now()) - timedelta(days=days)


def due(before):
    """Closed chats not yet anonymised that ended (or, without an end, started) before."""
    ended_before = Q(ended_at__lt=before) | Q(ended_at__isnull=True, created_at__lt=before)
    return ChatSession.objects.filter(state__in=CLOSED, anonymised_at__isnull=True).filter(
        ended_before
    )


def _locked(pk):
    rows = ChatSession.objects.filter(pk=pk, state__in=CLOSED, anonymised_at__isnull=True)
    if connection.features.has_select_for_update_skip_locked:
        return rows.select_for_update(skip_locked=True).first()
    return rows.select_for_update().first()


def anonymise_one(pk, now=None) -> tuple[int, int] | None:
    """Anonymises one chat; ``(messages, files)`` or ``None`` when there was nothing to do
    (already anonymised, reopened, or being anonymised by another run)."""
    now = now or timezone.now()
    files: list[str] = []
    with transaction.atomic():
        session = _locked(pk)
        if session is None:
            return None
        attachments = ChatAttachment.objects.filter(message__session=session)
        files = [name for name in attachments.values_list("file", flat=True) if name]
        attachments.delete()
        messages = ChatMessage.objects.filter(session=session).update(body="")
        # Reasons and notes written about the chat may name the citizen too.
        ChatTransfer.objects.filter(session=session).update(reason="")
        ChatTransition.objects.filter(session=session).update(note="")
        personal = {"name": ANONYMOUS, "mobile": "", "client_address": None, "rating_comment": ""}
        ChatSession.objects.filter(pk=pk).update(anonymised_at=now, **personal)
        # The history keeps every earlier version of the row: those lose it too.
        ChatSession.history.filter(id=pk).update(**personal)
        transaction.on_commit(lambda: delete_files(files))
    return messages, len(files)


def anonymise_due(now=None, days=None, dry_run=False) -> RetentionResult:
    result = RetentionResult()
    before = cutoff(now, days)
    if before is None:
        return result
    pks = list(due(before).order_by("pk").values_list("pk", flat=True))
    if dry_run:
        result.chats = len(pks)
        return result
    for pk in pks:
        done = anonymise_one(pk, now=now)
        if done is None:
            continue
        result.chats += 1
        result.messages += done[0]
        result.files += done[1]
    return result
