"""The status subscription form after a failed submit: summary and wired message."""

import pytest

from cms.tests.form_a11y import assert_error_summary

pytestmark = pytest.mark.django_db


def test_a_failed_subscription_lists_the_email(client, home_page):
    response = client.post("/status/subscribe/", {"email": "not-an-address"})
    assert response.status_code == 200
    assert_error_summary(response.content.decode(), ["email"])
