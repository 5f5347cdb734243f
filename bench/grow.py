"""Pages and staff queues as content grows (issue 15).

    .venv/bin/python bench/grow.py [--workdir data/bench-grow] [--factor 20]
        [--requests 100000] [--repeat 3] [--queue-only] [--site DIR]

Copies the demo site that ``bench/pages.py`` built (``data/bench-pages``; built here the
same way when missing) and, in this process with the production settings (DEBUG off,
page cache off), measures every public page (HTML size, median render time, queries)
at demo size; then grows the content FACTOR times (each unit copied at its place in the
tree with its officials and contacts, each service for those copies, each announcement)
and adds REQUESTS desk requests spread over the units, statuses and a year, and measures
again, with the staff queue (``/admin/desk/requests/``) for a unit's staff member and for
a superuser: first page, a deep page, a filter, a search. Prints a Markdown table.

``--queue-only`` skips the pages and their growth: it adds the REQUESTS to the demo site
and measures the staff queue only (a few minutes instead of most of an hour); with
``--keep`` it measures again the site a previous run left in the workdir. ``--site``
names the built demo site to copy (default ``data/bench-pages/site``; built with
``bench/pages.py``'s steps when missing), so that another checkout (the code before a
change) can be measured on the same data with this script copied into it.

Targets: no public page over 80 KB, each page's render time within 1.5x of its demo-size
time; every queue page under 150 ms with at most 10 queries.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = {
    "home": "/",
    "units": "/units/",
    "news": "/news/",
    "services": "/services/",
    "status": "/status/",
    "search": "/search/?q=%D9%88%D8%A7%D9%85",
    "desk hub": "/desk/",
    "desk form": "/desk/request/",
    "meeting form": "/desk/meeting/",
    "home (en)": "/en/",
}


def prepare(workdir: Path, source: Path, keep: bool = False) -> None:
    kept = keep and (workdir / "site" / "portal.sqlite3").exists()
    if not kept and not (source / "site" / "portal.sqlite3").exists():
        if source != ROOT / "data" / "bench-pages":
            sys.exit(f"No demo site in {source}: run bench/pages.py there first.")
        from pages import build_site

        build_site(source, None)
    if not kept:
        shutil.rmtree(workdir, ignore_errors=True)
        (workdir / "site").mkdir(parents=True)
        shutil.copy(source / "site" / "portal.sqlite3", workdir / "site" / "portal.sqlite3")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "DATA_DIR": str(workdir / "site"),
            "STATIC_ROOT": str(source / "static"),
            "SECRET_KEY": "bench-only-" + "x" * 40,
            "PORTAL_BASE_URL": "http://127.0.0.1",
            "ALLOWED_HOSTS": "testserver,127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "PORTAL_PAGE_CACHE_SECONDS": "0",
            # Fragments off unless asked (--fragments): what rendering costs as content
            # grows, not what a warm cache hides.
            "PORTAL_FRAGMENT_CACHE_SECONDS": os.environ.get("BENCH_FRAGMENT_SECONDS", "0"),
            "LOG_LEVEL": "ERROR",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)


def measure(client, url: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # process-wide caches (content types, site root paths, the menu)
    times, cpu = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
    return {
        "status": response.status_code,
        "kb": round(len(response.content) / 1024, 1),
        "ms": round(statistics.median(times), 1),
        # This process's CPU time: what the page costs, less the waiting for a core
        # that a loaded machine adds to the wall time (SQLite runs in this process).
        "cpu ms": round(statistics.median(cpu), 1),
        "queries": len(queries),
    }


def measure_pages(repeat: int, extra: dict) -> dict:
    from django.test import Client

    client = Client()
    return {name: measure(client, url, repeat) for name, url in {**PAGES, **extra}.items()}


def grow_units(factor: int) -> int:
    from sitepages.models import UnitPage

    originals = list(UnitPage.objects.filter(locale__language_code="fa").order_by("path"))
    made = 0
    for copy_number in range(1, factor):
        for unit in originals:
            parent = unit.get_parent()
            copy = UnitPage(
                title=f"{unit.title} {copy_number}",
                slug=f"{unit.slug}-{copy_number}",
                kind=unit.kind,
                summary=unit.summary,
                menu_title=f"{unit.menu_title or unit.title} {copy_number}",
                show_in_menus=unit.show_in_menus,
                locale_id=unit.locale_id,
                live=True,
            )
            parent.add_child(instance=copy)
            for related in (*unit.contacts.all(), *unit.officials.all()):
                related.pk = None
                related.page = copy
                related.save()
            made += 1
    return made


def grow_services(factor: int) -> int:
    import uuid

    from sitepages.models import UnitPage
    from sla.models import Service

    units = list(UnitPage.objects.filter(locale__language_code="fa").values_list("pk", flat=True))
    originals = [(s.code, s.title, s) for s in Service.objects.filter(live=True)]
    made = 0
    for copy_number in range(1, factor):
        for code, title, service in originals:
            service.pk = None
            service.code = f"{code}-X{copy_number}"[:32]
            service.title = f"{title} ({copy_number})"
            service.responsible_unit_id = random.choice(units)  # noqa: S311
            service.latest_revision = service.live_revision = None
            if hasattr(service, "translation_key"):
                service.translation_key = uuid.uuid4()
            service.save()
            made += 1
    return made


def grow_news(factor: int) -> int:
    from sitepages.models import NewsPage

    originals = list(NewsPage.objects.live().filter(locale__language_code="fa"))
    made = 0
    for copy_number in range(1, factor):
        for news in originals:
            news.copy(
                update_attrs={"slug": f"{news.slug}-{copy_number}", "title": news.title},
                keep_live=True,
                log_action=None,
            )
            made += 1
    return made


def add_requests(count: int) -> None:
    from django.utils import timezone

    from cms.tracking import generate_tracking_code
    from services.desk.enums import RequestChannel, RequestStatus
    from services.desk.models import ServiceRequest
    from sitepages.models import UnitPage

    units = list(UnitPage.objects.filter(locale__language_code="fa").values_list("pk", flat=True))
    statuses = [RequestStatus.NEW, RequestStatus.IN_PROGRESS, RequestStatus.ANSWERED]
    now = timezone.now()
    rng = random.Random(15)  # noqa: S311 (repeatable data, not secrets)
    batch = []
    for number in range(count):
        submitted = now - timedelta(minutes=rng.randrange(365 * 24 * 60))
        batch.append(
            ServiceRequest(
                tracking_code=generate_tracking_code(),
                channel=RequestChannel.REQUEST,
                status=rng.choice(statuses),
                unit_id=rng.choice(units),
                name=f"متقاضی {number}",
                mobile="0912" + f"{number:07d}",
                subject=f"درخواست شمارهٔ {number}",
                body="متن درخواست",
                submitted_at=submitted,
                due_at=submitted + timedelta(days=7),
            )
        )
        if len(batch) == 5000:
            ServiceRequest.objects.bulk_create(batch)
            batch = []
    ServiceRequest.objects.bulk_create(batch)


def measure_queues(repeat: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from services.desk.models import DeskStaff, ServiceRequest
    from sitepages.models import UnitPage

    users = get_user_model()
    unit = UnitPage.objects.get(slug="welfare-office", locale__language_code="fa")
    staff, _ = users.objects.get_or_create(username="bench-staff", defaults={"is_staff": True})
    DeskStaff.objects.get_or_create(user=staff, unit=unit)
    root = users.objects.filter(is_superuser=True).first() or users.objects.create_superuser(
        "bench-root", "root@example.ir", "x-Long-pass-1"
    )
    own = ServiceRequest.objects.filter(unit=unit).count()
    results = {}
    for label, user, rows in (("unit staff", staff, own), ("superuser", root, None)):
        client = Client()
        client.force_login(user)
        rows = rows if rows is not None else ServiceRequest.objects.count()
        deep = max(rows // 50 - 1, 1)
        for name, query in (
            ("first page", ""),
            (f"page {deep}", f"?p={deep}"),
            ("status filter", "?status__exact=new"),
            ("search", "?q=%D8%B4%D9%85%D8%A7%D8%B1%D9%87%D9%94+42"),
        ):
            results[f"{label}: {name}"] = measure(client, f"/admin/desk/requests/{query}", repeat)
    return results


def print_queues(results: dict) -> None:
    print("\n| staff queue (100k) | ms | CPU ms | queries | KB |\n| --- | --- | --- | --- | --- |")
    for name, result in results.items():
        print(
            f"| {name} | {result['ms']} | {result['cpu ms']} | {result['queries']} "
            f"| {result['kb']} |"
        )


# Indexes added for the queue (issue 15): a checkout whose models do not declare them
# (the code before) is measured without them, although the copied site has them.
QUEUE_INDEXES = {"desk.ServiceRequest": ["desk_request_status_queue"]}


def drop_undeclared_indexes() -> None:
    from django.apps import apps
    from django.db import connection

    for label, names in QUEUE_INDEXES.items():
        declared = {index.name for index in apps.get_model(label)._meta.indexes}
        with connection.cursor() as cursor:
            for name in names:
                if name not in declared:
                    cursor.execute(f'DROP INDEX IF EXISTS "{name}"')


def queue_only(args) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)  # this checkout's indexes
    drop_undeclared_indexes()
    from services.desk.models import ServiceRequest

    started = time.monotonic()
    missing = args.requests - ServiceRequest.objects.count()
    if missing > 0:
        add_requests(missing)
    print(f"{max(missing, 0)} requests added in {time.monotonic() - started:.0f} s")
    print_queues(measure_queues(args.repeat))
    print(f"load average: {os.getloadavg()}")


def table(before: dict, after: dict, factor: int) -> None:
    print(
        f"| page | demo KB | demo ms | demo queries | {factor}x KB | {factor}x ms "
        f"| {factor}x queries | ms ratio |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, grown in after.items():
        small = before.get(name)
        if small is None:
            continue
        ratio = grown["ms"] / small["ms"] if small["ms"] else 0
        flag = " (over 80 KB)" if grown["kb"] > 80 else ""
        print(
            f"| {name} | {small['kb']} | {small['ms']} | {small['queries']} | "
            f"{grown['kb']}{flag} | {grown['ms']} | {grown['queries']} | {ratio:.2f}x |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=ROOT / "data" / "bench-grow")
    parser.add_argument("--factor", type=int, default=20)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--queue-only", action="store_true", help="the staff queue only")
    parser.add_argument("--site", type=Path, default=ROOT / "data" / "bench-pages")
    parser.add_argument(
        "--keep", action="store_true", help="with --queue-only: the workdir's site as it is"
    )
    parser.add_argument(
        "--fragments", action="store_true", help="keep cms.pagecache's fragments on (60 s)"
    )
    args = parser.parse_args()
    if args.fragments:
        os.environ["BENCH_FRAGMENT_SECONDS"] = "60"

    prepare(args.workdir, args.site, keep=args.queue_only and args.keep)
    import django

    django.setup()
    if args.queue_only:
        queue_only(args)
        return
    from django.core.cache import cache

    from sitepages.models import UnitPage
    from sla.models import Service, SLAStatementPage
    from sla.models.pages import ServiceCatalogPage

    unit = UnitPage.objects.get(slug="welfare-office", locale__language_code="fa")
    service = Service.objects.filter(live=True).order_by("code").first()
    statement = SLAStatementPage.objects.live().filter(locale__language_code="fa").first()
    extra = {
        "unit page": unit.url,
        "parent unit page": unit.get_parent().url,
        "service card": ServiceCatalogPage.url_for_service(service),
        "statement": statement.url,
    }
    before = measure_pages(args.repeat, extra)
    started = time.monotonic()
    grown = {
        "units": grow_units(args.factor),
        "services": grow_services(args.factor),
        "news": grow_news(args.factor),
    }
    if args.requests:
        add_requests(args.requests)
    cache.clear()
    print(f"grown in {time.monotonic() - started:.0f} s: {grown}, {args.requests} requests\n")
    after = measure_pages(args.repeat, extra)
    table(before, after, args.factor)
    if not args.requests:
        return
    print_queues(measure_queues(args.repeat))


if __name__ == "__main__":
    main()
