"""An Editors-group user writes an announcement and submits it; it reaches the home
page and the feed only when a Moderators-group user approves (publishes) it."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from sitepages.demo_content import EDITORS, MODERATORS
from sitepages.models import NewsIndexPage, NewsPage
from sitepages.models.news import tehran_today

TITLE = "تغییر ساعت کاری ادارات در ماه رمضان"


@pytest.fixture
def people(portal):
    from django.contrib.auth.models import Group

    users = {}
    for name, group in [("editor", EDITORS), ("moderator", MODERATORS)]:
        user = get_user_model().objects.create_user(name, f"{name}@example.invalid", "x")
        user.groups.add(Group.objects.get(name=group))
        users[name] = user
    return users


def announcement_form(action):
    return nested_form_data(
        {
            "title": TITLE,
            "slug": "ramadan-hours",
            "date": tehran_today().isoformat(),
            "summary": "ساعت کاری ادارات دانشگاه در ماه رمضان از ۸ تا ۱۳ است.",
            "body": streamfield(
                [("paragraph", rich_text("<p>ساعت کاری ستاد دانشگاه تغییر کرد.</p>"))]
            ),
            "tags": "ساعت کاری",
            "comments": inline_formset([]),
            action: "1",
        }
    )


def public_pages_show_it(client):
    client.logout()
    home = client.get("/").content.decode()
    feed = client.get("/news/rss/").content.decode()
    atom = client.get("/news/atom/").content.decode()
    return TITLE in home, TITLE in feed, TITLE in atom


@pytest.mark.django_db
def test_editor_submits_and_only_a_moderator_publishes(client, people):
    news_index = NewsIndexPage.objects.get(slug="news", locale__language_code="fa")
    add_url = reverse("wagtailadmin_pages:add", args=("sitepages", "newspage", news_index.pk))

    # An editor may not publish directly: "publish" leaves a draft, not a live page.
    client.force_login(people["editor"])
    response = client.post(add_url, announcement_form("action-publish"))
    assert response.status_code in (200, 302)
    draft = NewsPage.objects.filter(slug="ramadan-hours").first()
    assert draft is None or not draft.live

    if draft is not None:
        draft.delete()
    client.force_login(people["editor"])
    response = client.post(add_url, announcement_form("action-submit"))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = NewsPage.objects.get(slug="ramadan-hours")
    assert not page.live
    workflow_state = page.current_workflow_state
    assert workflow_state is not None and workflow_state.status == "in_progress"
    assert public_pages_show_it(client) == (False, False, False)

    # The editor cannot approve their own submission.
    task_state = workflow_state.current_task_state
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)
    )
    client.force_login(people["editor"])
    client.post(approve_url, {"comment": ""})
    page.refresh_from_db()
    assert not page.live

    client.force_login(people["moderator"])
    response = client.post(approve_url, {"comment": "تأیید شد"})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert public_pages_show_it(client) == (True, True, True)


@pytest.mark.django_db
def test_demo_groups_have_the_rights_the_workflow_needs(portal):
    from django.contrib.auth.models import Group

    root = Page.get_first_root_node()
    editors = Group.objects.get(name=EDITORS)
    moderators = Group.objects.get(name=MODERATORS)
    editor_rights = set(
        editors.page_permissions.filter(page=root).values_list("permission__codename", flat=True)
    )
    moderator_rights = set(
        moderators.page_permissions.filter(page=root).values_list("permission__codename", flat=True)
    )
    assert {"add_page", "change_page"} <= editor_rights
    assert "publish_page" not in editor_rights
    assert "publish_page" in moderator_rights
    assert get_user_model().objects.get(username="demo-editor").groups.filter(name=EDITORS)
    assert get_user_model().objects.get(username="demo-moderator").groups.filter(name=MODERATORS)
