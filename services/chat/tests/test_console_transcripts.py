"""Managers' screens: a manager sees their own unit's chats and figures, never another
unit's (listing, search, filters, export, transcript, history: 404 as if absent); an
official who is no manager has no listing; opening a transcript is logged."""

import pytest
from django.urls import reverse

from services.chat import domain
from services.chat.enums import ViewAction
from services.chat.models import ChatViewLog

from .test_console import official_of

INDEX = "chat_transcripts_modeladmin_index"


def url(name, *args):
    return reverse(f"chat_transcripts_modeladmin_{name}", args=args)


@pytest.fixture
def chats(welfare, it_unit):
    official_of(welfare)
    official_of(it_unit)
    ours = domain.start(unit=welfare, name="زهرا احمدی", mobile="09121234567", body="وام")
    theirs = domain.start(unit=it_unit, name="رضا کاظمی", mobile="09127654321", body="رمز")
    return ours, theirs


@pytest.fixture
def manager(welfare):
    return official_of(welfare, manager=True)


@pytest.mark.django_db
def test_a_manager_lists_only_their_units_chats(client, chats, manager):
    ours, theirs = chats
    client.force_login(manager)
    page = client.get(reverse(INDEX))
    text = page.content.decode()
    assert page.status_code == 200
    assert "زهرا احمدی" in text and "رضا کاظمی" not in text
    # The figures of the manager's units are on the page, in Persian digits.
    assert "آمار واحدهای شما در ۳۰ روز گذشته" in text
    # Searching or filtering for the other unit's chat finds nothing.
    found = client.get(reverse(INDEX), {"q": theirs.tracking_code}).content.decode()
    assert "رضا کاظمی" not in found
    export = client.get(reverse(INDEX), {"export": "csv"})
    body = b"".join(export.streaming_content if export.streaming else [export.content]).decode()
    assert ours.tracking_code_display in body and theirs.tracking_code_display not in body
    assert "09127654321" not in body


@pytest.mark.django_db
def test_another_units_transcript_is_absent_and_opening_ones_own_is_logged(client, chats, manager):
    ours, theirs = chats
    client.force_login(manager)
    for name in ("inspect", "history"):
        assert client.get(url(name, theirs.pk)).status_code == 404
    assert not ChatViewLog.objects.filter(session=theirs).exists()

    page = client.get(url("inspect", ours.pk))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert "وام" in page.content.decode()
    log = ChatViewLog.objects.get(session=ours)
    assert (log.user, log.action) == (manager, ViewAction.TRANSCRIPT)
    history = client.get(url("history", ours.pk))
    assert history.status_code == 200
    assert ChatViewLog.objects.filter(session=ours).count() == 2


@pytest.mark.django_db
def test_officials_who_are_not_managers_and_others_have_no_listing(client, chats, welfare):
    ours, _theirs = chats
    client.force_login(official_of(welfare))
    assert client.get(reverse(INDEX)).status_code in (302, 403)
    assert client.get(url("inspect", ours.pk)).status_code in (302, 403)


@pytest.mark.django_db
def test_unknown_listing_parameters_are_a_400(client, chats, manager):
    client.force_login(manager)
    response = client.get(reverse(INDEX), {"mobile": "09121234567"})
    assert response.status_code == 400
    response = client.get(reverse(INDEX), {"unit__title__contains": "رفاه"})
    assert response.status_code == 400
