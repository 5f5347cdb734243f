"""A document in a collection restricted to a group reaches only that group."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db

SECRET = b"%PDF-1.4\nboard minutes: not for the public\n%%EOF\n"


@pytest.fixture
def board():
    return Group.objects.create(name="Board")


@pytest.fixture
def document(home_page, board):
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([board])
    document = get_document_model()(title="Minutes", collection=collection)
    document.file.save("minutes.pdf", ContentFile(SECRET), save=True)
    return document


def user_in(group, name):
    user = get_user_model().objects.create_user(name, password="x-Long-pass-1")
    if group is not None:
        user.groups.add(group)
    return user


def body_of(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def test_the_document_link_goes_through_wagtails_view_not_media(document):
    # With "direct" or "redirect" the link (or the redirect) would be /media/documents/...
    assert document.url == f"/documents/{document.pk}/minutes.pdf"


def test_anonymous_and_another_group_are_refused_a_member_is_served(client, document, board):
    response = client.get(document.url)
    assert response.status_code in (302, 403) and SECRET not in body_of(response)
    client.force_login(user_in(Group.objects.create(name="Editors-x"), "outsider"))
    response = client.get(document.url)
    assert response.status_code in (302, 403) and SECRET not in body_of(response)
    client.force_login(user_in(board, "member"))
    response = client.get(document.url)
    assert response.status_code == 200 and body_of(response) == SECRET
