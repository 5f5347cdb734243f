"""``built_once`` (cms/tests/snapshots.py), on the database the suite runs on: the second
call puts back the rows and the sequences the build left, and does not build again."""

import uuid

import pytest
from django.contrib.auth.models import Group

from .snapshots import _COPIES, built_once

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_second_call_puts_back_what_the_first_built():
    name = f"snapshot test {uuid.uuid4()}"
    builds = []

    def build():
        builds.append(1)
        Group.objects.create(name="snapshot-a")
        return Group.objects.create(name="snapshot-b")

    try:
        built_once(name, build)
        last = Group.objects.get(name="snapshot-b").pk
        # What the test did afterwards: a row removed, another added (the sequence moves).
        Group.objects.filter(name="snapshot-a").delete()
        assert Group.objects.create(name="snapshot-c").pk == last + 1

        built_once(name, build)
        assert builds == [1]
        names = set(
            Group.objects.filter(name__startswith="snapshot-").values_list("name", flat=True)
        )
        assert names == {"snapshot-a", "snapshot-b"}
        # The sequence is back where the build left it.
        assert Group.objects.create(name="snapshot-d").pk == last + 1
    finally:
        _COPIES.pop(name, None)
