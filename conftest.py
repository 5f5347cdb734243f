"""Fixtures shared by every app's tests."""

import os
import shutil
from pathlib import Path

import pytest

from cms.tests import xdist_groups
from cms.tests.module_data import ModuleData, pages_for_test, shared_pages

# The browser tests' fixtures: browser, page_factory, screenshot.
pytest_plugins = ["cms.tests.browser_fixtures"]

TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server"}


def _commits(item):
    marker = item.get_closest_marker("django_db")
    committing = bool(marker and marker.kwargs.get("transaction"))
    return committing or bool(TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup"}


def _uses_db(item):
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(item.get_closest_marker("django_db")) or bool(DATABASE_FIXTURES & fixtures)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark the tests that commit (``django_db(transaction=True)``, ``transactional_db``,
    a live server) as ``transactional``. Django flushes the database after each of them,
    so a test of the ordinary kind that ran after one on the same worker would find no
    Wagtail root page: as with Django's own runner, they run last (``_TransactionalLast``).

    Each test also joins the pytest-xdist group of its file (``--dist loadgroup``, as
    ``make pytest`` runs: a file's tests stay on one worker, as with ``--dist loadfile``,
    so a module-scoped fixture is made once), the tests that commit a group of their own.
    """
    for item in items:
        group = item.nodeid.split("::", 1)[0]
        if _commits(item):
            item.add_marker(pytest.mark.transactional)
            group += "::serialized" if _puts_back(item) else "::transactional"
        item.add_marker(pytest.mark.xdist_group(group))


def _puts_back(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("serialized_rollback"))


def _order(item):
    if item.get_closest_marker("transactional"):
        # Last: Django flushes the database after each of them. Those that put the
        # migrated rows back (serialized_rollback) first: after a flush that did not,
        # post_migrate makes groups and permissions again under other ids, and putting
        # the saved rows back would collide with them.
        return 2 if _puts_back(item) else 3
    if item.get_closest_marker("slow"):
        # The long subprocess files first, so no worker ends the run alone on one; those
        # that need no test database before the others: while the first worker to need
        # one makes the migrated template (a minute in a fresh clone), the other is busy
        # in a subprocess instead of waiting for the template's lock.
        return 0 if not _uses_db(item) else 0.5
    return 1


class _TransactionalLast:
    """Runs after pytest-django's own reordering (which would put the tests that use no
    database after the transactional ones). ``make pytest`` keeps this order across its
    workers (``--no-loadscope-reorder``): every worker finishes its other tests before
    it starts one that commits."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        items.sort(key=_order)

    def __init__(self):
        self.committed = None

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        """A test of the ordinary kind after one that committed would find the database
        emptied (unless that one put the migrated data back: ``serialized_rollback``);
        fail it with the reason instead of a puzzling missing root page."""
        if item.get_closest_marker("transactional"):
            if not _puts_back(item):
                self.committed = self.committed or item.nodeid
        elif self.committed and _uses_db(item):
            pytest.fail(
                f"{item.nodeid} runs after {self.committed}, which committed and left an "
                "emptied database: run the suite with make pytest (transactional tests last)"
            )


def pytest_configure(config):
    config.pluginmanager.register(_TransactionalLast(), "portal-transactional-last")
    xdist_groups.name_groups_file(config)
    config.stash[_BUILD] = _start_template_build(config)


def pytest_unconfigure(config):
    build = config.stash.get(_BUILD, None)
    if build is not None:
        build.finish()


_BUILD = pytest.StashKey()


def _start_template_build(config):
    """In the controller of a run on several workers: the migrated template of the run's
    configuration (cms/tests/migrated.py, ``migrated_test_database`` below) starts
    building at once unless it exists, while the workers start and take the long
    subprocess files first, so that no worker sits waiting for it (half a minute in a
    fresh clone)."""
    from django.conf import settings

    from cms.tests.migrated import BackgroundBuild, configuration_key, template_path

    if hasattr(config, "workerinput") or not config.getoption("numprocesses", None):
        return None
    if not settings.configured:
        return None
    kind = _template_kind(not config.getoption("nomigrations"), config.getoption("create_db"))
    if kind is None:
        return None
    current = os.environ.get("DJANGO_SETTINGS_MODULE")
    module = getattr(settings, "PORTAL_MIGRATED_TEMPLATE", None) or current
    if kind == "sqlite" and module == current and template_path(configuration_key()).exists():
        return None
    return BackgroundBuild(module, postgres=kind == "postgresql")


def _template_kind(use_migrations, create_db):
    """Which migrated template the run's test databases start from: "postgresql",
    "sqlite", or None (``--nomigrations``, ``PORTAL_NO_MIGRATED_TEMPLATE=1``, and
    ``--create-db`` on SQLite: see ``migrated_test_database``)."""
    from django.conf import settings

    if not use_migrations or os.environ.get("PORTAL_NO_MIGRATED_TEMPLATE"):
        return None
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine == "django.db.backends.postgresql":
        return "postgresql"
    if engine == "django.db.backends.sqlite3" and not create_db:
        return "sqlite"
    return None


def pytest_collection_finish(session):
    xdist_groups.write_groups(session)


def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup`` by the groups above (``cms.tests.xdist_groups``)."""
    if config.getvalue("dist") == "loadgroup":
        return xdist_groups.WorkerGroupsScheduling(config, log)
    return None


@pytest.fixture(autouse=True)
def _persian_by_default():
    """Every test starts in the site's first language: a request to an /en/ page leaves
    English active in the thread, which would leak into whatever test runs next."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Uploaded files of a test go to its own folder, never to the real data folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


_running = {"transactional": False}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before a test that commits, the module's shared block (if one is open) is rolled
    back: the test must find the database as migrations left it."""
    _running["transactional"] = bool(item.get_closest_marker("transactional"))
    if _running["transactional"] and ModuleData.current is not None:
        ModuleData.current.close()


@pytest.fixture(scope="module")
def module_data(django_db_setup, django_db_blocker):
    """The module's shared block (``ModuleData``); not opened for tests that commit."""
    data = ModuleData(django_db_blocker)
    if not _running["transactional"]:
        data.open()
    yield data
    data.close()


def _load_home():
    from io import StringIO

    from sitepages.demo_content import load_home
    from sitepages.models import HomePage

    load_home(stdout=StringIO())
    return HomePage.objects.get(depth=2, locale__language_code="fa").pk


@pytest.fixture(scope="module")
def _shared_home(module_data):
    return module_data.make(_load_home)


@pytest.fixture
def home_page(db, module_data, _shared_home):
    """The demo home page (Persian) with its English translation, as the site root.

    Made once per module (``ModuleData``); each test gets its own copy of the row."""
    from sitepages.models import HomePage

    if module_data.is_open and _shared_home is not None:
        return HomePage.objects.get(pk=_shared_home)
    return HomePage.objects.get(pk=_load_home())


@pytest.fixture(scope="module")
def _shared_units(module_data, _shared_home):
    from sitepages.factories import make_units

    return shared_pages(module_data, _shared_home, make_units)


@pytest.fixture
def units(home_page, module_data, _shared_units):
    """The units the plugins' tests share (``sitepages.factories.UNIT_TITLES``) by slug,
    made once per module like ``home_page``."""
    from sitepages.factories import make_units

    return pages_for_test(module_data, _shared_units, make_units, home_page)


# The test database starts from the migrated template (cms/tests/migrated.py) instead of
# migrating from scratch in every worker and run: on SQLite a copy of its file, on
# PostgreSQL a CREATE DATABASE ... TEMPLATE of its database.
# PORTAL_NO_MIGRATED_TEMPLATE=1 migrates the test databases from scratch (both backends).


@pytest.fixture(scope="session")
def migrated_test_database(
    request,
    django_db_modify_db_settings_parallel_suffix,
    django_db_use_migrations,
    django_db_createdb,
):
    """Has pytest-django's setup create the test database from the migrated template;
    pytest-django then creates the test database as usual (``migrate`` finds nothing to
    do, ``post_migrate`` runs, the contents are serialized for ``serialized_rollback``).
    Answers "memory", "file", "template" or None (not used: ``--nomigrations``,
    ``PORTAL_NO_MIGRATED_TEMPLATE=1``, and ``--create-db`` on SQLite).

    PostgreSQL ("template"): the settings name the template database (``TEST:
    {"TEMPLATE": ...}``, Django's documented setting), so Django's creation of each
    worker's test database, and of the browser run's ``<name>_e2e``, is ``CREATE
    DATABASE ... TEMPLATE portal_migrated_<key>``. ``--create-db`` keeps it: it asks for
    a new test database, not an unmigrated one, and every creation is a new one (CI
    passes it; bypassing the template there would migrate from scratch in each worker).

    SQLite: the unit run's in-memory database is filled with SQLite's backup API through
    a connection of its own kept open for the session (an in-memory database lives while
    a connection holds it). The browser run's file (cms/settings/e2e.py) is a copy, kept
    by ``django_db_keepdb`` when Django creates the test database, removed at the end.
    ``--create-db`` migrates from scratch there, as pytest-django does: it turns
    ``keepdb`` off, and Django then deletes a test file before creating it (the SQLite
    pass of CI does not pass it).

    ``--reuse-db`` keeps no test database made from the template: every run starts from
    a fresh copy. The tests that commit run last, and Django empties the database after
    each of them, so a kept database would hold not even what migrations made (Wagtail's
    root page, the groups): Django would serialize that emptiness for
    ``serialized_rollback``, and the next run would fail from its first test on. A copy
    takes about a second.

    A settings module may name the configuration whose template it shares
    (``PORTAL_MIGRATED_TEMPLATE``) when it changes nothing ``migrate`` writes.
    """
    import sqlite3

    from django.conf import settings
    from django.db import connections

    from cms.tests.migrated import migrated_database, migrated_postgres_template

    database = settings.DATABASES["default"]
    shared = getattr(settings, "PORTAL_MIGRATED_TEMPLATE", None)
    kind = _template_kind(django_db_use_migrations, django_db_createdb)
    if kind is None:
        yield None
        return
    test = database.setdefault("TEST", {})
    if kind == "postgresql":
        test["TEMPLATE"] = migrated_postgres_template(shared)
        yield "template"
        return
    name = str(test.get("NAME") or ":memory:")
    if name == ":memory:" or "mode=memory" in name:
        worker = getattr(request.config, "workerinput", {}).get("workerid", "main")
        test["NAME"] = f"file:portal-test-{worker}?mode=memory&cache=shared"
        holder = sqlite3.connect(test["NAME"], uri=True)
        template = sqlite3.connect(migrated_database(shared))
        template.backup(holder)
        template.close()
        yield "memory"
        holder.close()
        return
    path = Path(name)
    # With the file go its -wal and -shm (WAL mode, cms/settings/stores.py): a copy next
    # to an old run's leftovers would be read through them.
    files = [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))]
    for file in files:
        file.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(migrated_database(shared), path)
    yield "file"
    connections.close_all()
    for file in files:
        file.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(migrated_test_database):
    """pytest-django's hook for the database settings: the copy is in place, or the
    template named, first."""


@pytest.fixture(scope="session")
def django_db_keepdb(request, migrated_test_database):
    """Django's test-database creation keeps the copied file instead of deleting it;
    ``--reuse-db`` only applies when no template is used (``migrated_test_database``)."""
    if migrated_test_database is None:
        return bool(request.config.getvalue("reuse_db"))
    return migrated_test_database == "file"
