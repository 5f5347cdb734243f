"""Rows made once per test module (see ``ModuleData``), used by the root conftest's
``module_data`` fixture and the apps' conftests."""

from django.db import transaction


class ModuleData:
    """Rows made once for the ordinary tests of one module, as Django's
    ``TestCase.setUpTestData`` makes them once per class: an atomic block is opened
    around the module's tests, what the module-scoped fixtures make goes into it, and
    each test's own atomic block (pytest-django's ``db``) is rolled back to it. The block
    is rolled back when the module ends.

    A test that commits (``transactional``) cannot run inside the block: the block is
    rolled back before the first such test (they run last) and the fixtures made on it
    then make their rows for each test again (``is_open`` is false)."""

    current = None  # the block open now, if any

    def __init__(self, blocker):
        self.blocker = blocker
        self.atomic = None

    @property
    def is_open(self):
        return self.atomic is not None

    def open(self):
        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
        ModuleData.current = self

    def make(self, build):
        """``build()`` inside the block; None when the block is not open."""
        if not self.is_open:
            return None
        with self.blocker.unblock():
            return build()

    def close(self):
        if not self.is_open:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = None
        if ModuleData.current is self:
            ModuleData.current = None


def shared_pages(module_data, home_pk, make):
    """For a module-scoped fixture: ``make(home)`` ({key: page}) run once in the module's
    block; the pages' ids, or None when the block is not open."""
    from sitepages.models import HomePage

    return module_data.make(
        lambda: {key: page.pk for key, page in make(HomePage.objects.get(pk=home_pk)).items()}
    )


def pages_for_test(module_data, keys, make, home):
    """For the test's own fixture: its copies of the module's pages (read afresh: a test
    may change its copies; the rows go back at its end, the objects would not), or
    ``make(home)`` for a test that commits."""
    from wagtail.models import Page

    if not (module_data.is_open and keys is not None):
        return make(home)
    pages = Page.objects.filter(pk__in=keys.values()).specific().in_bulk()
    return {key: pages[pk] for key, pk in keys.items()}
