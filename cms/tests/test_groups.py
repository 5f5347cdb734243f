"""Staff groups made from ``(app_label, codename)`` pairs (cms.groups): what a plugin's
setup, demo and first staff membership rely on."""

import pytest
from django.contrib.auth.models import Group

from cms.groups import ensure_group, permissions_named

pytestmark = pytest.mark.django_db

ADMIN = ("wagtailadmin", "access_admin")
CHANGE_USER = ("auth", "change_user")


def codenames(group):
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_a_group_gets_the_named_permissions_and_no_others():
    group = ensure_group("Clinic staff", [ADMIN, CHANGE_USER])
    assert codenames(group) == {ADMIN, CHANGE_USER}


def test_a_permission_not_created_yet_is_left_out_instead_of_failing():
    group = ensure_group("Clinic staff", [ADMIN, ("clinic", "view_visit")])
    assert codenames(group) == {ADMIN}
    assert permissions_named([]) == []


def test_an_existing_group_is_completed_never_narrowed():
    first = ensure_group("Clinic staff", [ADMIN, CHANGE_USER])
    again = ensure_group("Clinic staff", [ADMIN])
    assert again.pk == first.pk
    assert Group.objects.filter(name="Clinic staff").count() == 1
    assert codenames(again) == {ADMIN, CHANGE_USER}
