"""The rows a module's tests share (``cms.tests.module_data.ModuleData``): made once,
each test's changes rolled back, and never around a test that commits."""

import pytest
from django.db import connection

from sitepages.models import HomePage

seen = {}


@pytest.mark.django_db
def test_a_test_changes_the_shared_home_page(home_page, module_data):
    assert module_data.is_open
    seen["made"] = (home_page.pk, home_page.first_published_at)
    home_page.title = "عنوانی که باید برگردد"
    home_page.save_revision().publish()
    assert HomePage.objects.get(pk=home_page.pk).title == "عنوانی که باید برگردد"


@pytest.mark.django_db
def test_the_next_test_gets_the_same_row_as_it_was(home_page, module_data):
    assert module_data.is_open
    # Made once, before the first test (a page made again has another publication time).
    assert (home_page.pk, home_page.first_published_at) == seen["made"]
    assert home_page.title != "عنوانی که باید برگردد"
    assert HomePage.objects.filter(depth=2).count() == 2  # Persian and English, once


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_test_that_commits_runs_outside_any_block(home_page, module_data):
    """It runs after the others (the root conftest orders it last); the block was
    rolled back before it, so what it commits is really committed."""
    assert not module_data.is_open
    assert not connection.in_atomic_block
    assert HomePage.objects.filter(depth=2).count() == 2
