"""Outages for editors: the setup's Editors draft, Moderators publish; the state follows
the kind; a refused publish leaves nothing behind."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from services.outages.enums import NoticeKind, NoticeState
from services.outages.models import OutageNotice
from services.outages.setup import ensure_notice_permissions
from sitepages.setup_content import EDITORS, MODERATORS, ensure_editorial_groups

from .test_admin import add_url, maintenance_data, make_editor, notice_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    ensure_editorial_groups()
    ensure_notice_permissions(StringIO())
    return Group.objects.get(name=EDITORS), Group.objects.get(name=MODERATORS)


def member(django_user_model, group, username):
    user = django_user_model.objects.create_user(username, password="x")
    user.groups.add(group)
    return user


def test_setup_editors_draft_notices_and_moderators_publish_them(client, django_user_model, groups):
    editors, moderators = groups
    client.force_login(member(django_user_model, editors, "editor"))
    assert client.get(add_url()).status_code == 200
    draft = client.post(add_url(), notice_data(**{"action-publish": None}))
    assert draft.status_code == 302
    notice = OutageNotice.objects.get()
    assert not notice.live
    # An editor's publish is not taken.
    client.post(add_url(), notice_data(title="قطعی دوم"))
    assert not OutageNotice.objects.filter(live=True).exists()
    client.force_login(member(django_user_model, moderators, "moderator"))
    response = client.post(add_url(), notice_data(title="قطعی سوم"))
    assert response.status_code == 302
    assert OutageNotice.objects.get(title="قطعی سوم").live


def test_planned_maintenance_takes_the_scheduled_state(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    form = client.get(add_url()).context["form"]
    # A new notice's state starts on "the first state of its kind", not "investigating".
    assert form["state"].value() in ("", None)
    # A browser that still sends "investigating" with "planned maintenance".
    response = client.post(add_url(), maintenance_data(72, state=NoticeState.INVESTIGATING))
    assert response.status_code == 302, response.context["form"].errors
    notice = OutageNotice.objects.get()
    assert notice.kind == NoticeKind.MAINTENANCE and notice.state == NoticeState.SCHEDULED


def test_a_refused_publish_leaves_no_draft_behind(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    for _attempt in range(2):
        response = client.post(add_url(), maintenance_data(2))
        assert response.status_code == 200
        assert response.context["form"].errors["starts_at"]
    assert OutageNotice.objects.count() == 0
    # Publishing an existing draft that is refused leaves one notice, still a draft.
    client.post(add_url(), maintenance_data(2, **{"action-publish": None}))
    notice = OutageNotice.objects.get()
    edit = reverse("outages_notices:edit", args=[notice.pk])
    for _attempt in range(2):
        response = client.post(edit, maintenance_data(2))
        assert response.status_code == 200
    assert OutageNotice.objects.count() == 1
    assert not OutageNotice.objects.get().live


def test_editors_submit_notices_to_the_moderators_who_approve_them(
    client, django_user_model, groups
):
    from services.outages.setup import ensure_notice_workflow
    from sitepages.setup_content import ensure_moderation_workflow

    editors, moderators = groups
    ensure_moderation_workflow(moderators)
    ensure_notice_workflow(StringIO())
    client.force_login(member(django_user_model, editors, "editor"))
    data = notice_data(**{"action-publish": None, "action-submit": "action-submit"})
    assert client.post(add_url(), data).status_code == 302
    notice = OutageNotice.objects.get()
    assert notice.workflow_in_progress and not notice.live
    client.force_login(member(django_user_model, moderators, "moderator"))
    task_state = notice.current_workflow_task_state
    approve = reverse("outages_notices:workflow_action", args=[notice.pk, "approve", task_state.pk])
    response = client.post(approve, {"comment": ""})
    assert response.status_code in (200, 302)
    notice.refresh_from_db()
    assert notice.live and not notice.workflow_in_progress
