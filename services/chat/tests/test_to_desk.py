"""With nobody online, the hub's question goes to the desk's request form by POST and the
session: the desk form shows it once, and it is never part of an address."""

from urllib.parse import quote

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

QUESTION = "نتیجهٔ آزمایش خون من کی آماده می‌شود؟"


def test_the_question_reaches_the_desk_form_without_a_url(client, welfare):
    response = client.post(reverse("chat:to_desk"), {"text": QUESTION})
    assert response.status_code == 302
    location = response["Location"]
    assert location == reverse("desk:form", args=["request"])
    assert quote(QUESTION) not in location and QUESTION not in location
    form = client.get(location)
    assert form.status_code == 200
    assert form.context["form"]["body"].value() == QUESTION
    # Read once: coming back to the form later does not show it again.
    assert client.get(location).context["form"]["body"].value() in (None, "")


def test_the_hand_over_takes_only_a_post(client, welfare):
    assert client.get(reverse("chat:to_desk")).status_code == 405
    # The desk form no longer takes the text from its address.
    url = reverse("desk:form", args=["request"])
    assert client.get(url, {"text": QUESTION}).status_code == 400


def test_the_hub_posts_the_question(client, welfare):
    page = client.get(reverse("chat:hub")).content.decode()
    assert f'method="post" action="{reverse("chat:to_desk")}"' in page
