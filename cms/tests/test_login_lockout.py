"""Brute force on staff logins: locked per username and address (django-axes)."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

PASSWORD = "right-Horse-battery-1403"  # noqa: S105


@pytest.fixture
def staff():
    return get_user_model().objects.create_user(
        "desk.tester", password=PASSWORD, is_staff=True, is_superuser=False
    )


def try_login(client, url, password, address="198.51.100.10"):
    return client.post(url, {"username": "desk.tester", "password": password}, REMOTE_ADDR=address)


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/"])
def test_fifteen_wrong_passwords_then_the_right_one_is_refused(client, staff, url):
    for _ in range(15):
        try_login(client, url, "wrong-password")
    response = try_login(client, url, PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    body = response.content.decode()
    assert "قفل" in body and "wrong" not in body
    # The lock is on this username from this address, not on the account everywhere.
    assert try_login(client, url, PASSWORD, address="203.0.113.5").status_code == 302
    assert logged_in(client)


def test_a_right_password_resets_the_count(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(4):
        try_login(client, "/admin/login/", "wrong-password")
    assert try_login(client, "/admin/login/", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        try_login(client, "/admin/login/", "wrong-password")
    assert try_login(client, "/admin/login/", PASSWORD).status_code == 302


def test_superusers_reach_the_lockouts_and_staff_do_not(client, staff):
    for _ in range(6):
        try_login(client, "/admin/login/", "wrong-password")
    admin = get_user_model().objects.create_superuser("boss", "boss@example.ir", PASSWORD)
    client.force_login(admin)
    listing = client.get("/django-admin/axes/accessattempt/")
    assert listing.status_code == 200 and "desk.tester" in listing.content.decode()
    assert "/django-admin/axes/accessattempt/" in client.get("/admin/").content.decode()
    client.force_login(staff)
    assert client.get("/django-admin/axes/accessattempt/").status_code in (302, 403)
    assert "/django-admin/axes/accessattempt/" not in client.get("/admin/").content.decode()
