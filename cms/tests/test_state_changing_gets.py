"""A GET changes nothing: a link or an image on any site cannot log staff out."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(home_page):
    return get_user_model().objects.create_superuser("editor", "e@example.ir", "x-Long-pass-1")


@pytest.mark.parametrize("url", ["/admin/logout/", "/django-admin/logout/"])
def test_a_get_to_logout_leaves_the_staff_member_logged_in(client, editor, url):
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 405
    assert "sessionid" not in response.cookies or response.cookies["sessionid"].value
    assert client.get("/admin/").status_code == 200
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize("url", ["/admin/logout/", "/django-admin/logout/"])
def test_logging_out_by_post_works(client, editor, url):
    client.force_login(editor)
    response = client.post(url)
    assert response.status_code in (200, 302)
    assert client.get("/admin/").status_code == 302  # back to the login page


def test_the_admin_menu_logs_out_with_a_form(client, editor):
    client.force_login(editor)
    body = client.get("/admin/").content.decode()
    # The sidebar's "Log out" is an action item (a POST form), not a plain link.
    assert '"logout"' in body and "ActionMenuItem" in body
