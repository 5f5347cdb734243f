"""The canned replies are fenced per unit: a unit's chat manager neither reads nor changes
another unit's replies (which that unit's officials send to citizens with one click)."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from services.chat.admin.setup import EDITORS_GROUP, ensure_groups, make_official
from services.chat.models import CannedReply

from .factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "wagtailsnippets_chat_cannedreply"


@pytest.fixture
def welfare_reply(welfare):
    return CannedReply.objects.create(
        unit=welfare, title="مدارک وام", body="کارت دانشجویی و شمارهٔ شبا", language="fa"
    )


@pytest.fixture
def it_reply(it_unit):
    return CannedReply.objects.create(
        unit=it_unit, title="بازنشانی گذرواژه", body="از صفحهٔ ورود", language="fa"
    )


@pytest.fixture
def it_manager(client, it_unit):
    manager = UserFactory()
    make_official(manager, it_unit, manager=True)
    client.force_login(manager)
    return manager


def _form(unit, body):
    return {
        "unit": unit.pk,
        "title": "مدارک وام",
        "body": body,
        "language": "fa",
        "is_active": "on",
        "sort_order": "0",
    }


def test_another_units_reply_is_absent_on_every_route(client, it_manager, welfare_reply):
    pk = welfare_reply.pk
    revision = welfare_reply.save_revision()
    routes = {
        "edit": [pk],
        "delete": [pk],
        "usage": [pk],
        "history": [pk],
        "history_results": [pk],
        "copy": [pk],
        "revisions_revert": [pk, revision.pk],
    }
    for name, args in routes.items():
        response = client.get(reverse(f"{URL}:{name}", args=args))
        assert response.status_code == 404, name
    compare = reverse(f"{URL}:list") + f"history/{pk}/revisions/compare/earliest...latest/"
    assert client.get(compare).status_code == 404
    chosen = reverse("wagtailsnippetchoosers_chat_cannedreply:chosen", args=[pk])
    assert client.get(chosen).status_code == 404
    chosen_many = reverse("wagtailsnippetchoosers_chat_cannedreply:chosen_multiple")
    assert "مدارک وام" not in client.get(chosen_many, {"id": pk}).content.decode()

    client.post(reverse(f"{URL}:edit", args=[pk]), _form(welfare_reply.unit, "evil.example"))
    client.post(reverse(f"{URL}:delete", args=[pk]))
    client.post(
        reverse("wagtail_bulk_action", args=["chat", "cannedreply", "delete"]) + f"?id={pk}"
    )
    welfare_reply.refresh_from_db()
    assert "evil.example" not in welfare_reply.body


def test_the_listing_and_the_chooser_show_only_the_managers_units(
    client, it_manager, welfare_reply, it_reply
):
    for url in (
        reverse(f"{URL}:list"),
        reverse(f"{URL}:list_results"),
        reverse("wagtailsnippetchoosers_chat_cannedreply:choose"),
        reverse("wagtailsnippetchoosers_chat_cannedreply:choose_results"),
    ):
        response = client.get(url)
        page = response.content.decode()
        if response["Content-Type"].startswith("application/json"):  # the chooser's modal
            page = json.loads(page)["html"]
        assert "بازنشانی گذرواژه" in page, url
        assert "مدارک وام" not in page, url
    assert client.get(reverse(f"{URL}:edit", args=[it_reply.pk])).status_code == 200


def test_a_manager_creates_replies_only_for_their_units(client, it_manager, it_unit, welfare):
    form = client.get(reverse(f"{URL}:add")).context["form"]
    assert list(form.fields["unit"].queryset) == [it_unit]

    response = client.post(reverse(f"{URL}:add"), _form(welfare, "به evil.example بفرستید"))
    assert response.status_code == 200
    assert not CannedReply.objects.filter(unit=welfare).exists()

    response = client.post(reverse(f"{URL}:add"), _form(it_unit, "ساعت کاری: ۸ تا ۱۴"))
    assert response.status_code == 302
    assert CannedReply.objects.get(unit=it_unit).body == "ساعت کاری: ۸ تا ۱۴"


def test_editors_keep_every_units_replies(client, welfare_reply, it_reply, welfare):
    editors, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    ensure_groups()
    editor = UserFactory()
    editor.groups.add(editors)
    client.force_login(editor)
    page = client.get(reverse(f"{URL}:list")).content.decode()
    assert "مدارک وام" in page and "بازنشانی گذرواژه" in page
    response = client.post(
        reverse(f"{URL}:edit", args=[welfare_reply.pk]), _form(welfare, "کارت دانشجویی")
    )
    assert response.status_code == 302
    welfare_reply.refresh_from_db()
    assert welfare_reply.body == "کارت دانشجویی"
