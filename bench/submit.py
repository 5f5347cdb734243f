"""Concurrent desk submissions on SQLite (issue 15).

    .venv/bin/python bench/submit.py [--workdir data/bench-submit] [--rounds 5]
        [--citizens 20] [--attach-every 3] [--port 8250] [--threads 1] [--site DIR]

Copies the demo site that ``bench/pages.py`` builds (``data/bench-pages``; built here
the same way when missing) and starts the portal on it with the production settings
(DEBUG off) under gunicorn, 2 workers, on SQLite. Each round, CITIZENS clients (each
its own session, address and mobile number, as citizens behind the site's proxy) load
the request form for its CSRF token and then, all released at the same moment, post it
(every ATTACH_EVERY-th with a small PDF). A submission succeeds when it is answered with
the redirect to its confirmation. The time of a submission is its POST's, from sending
to the full answer. Prints p50, p95, p99 and max over every round, the errors, and
whether every submission is in the database exactly once afterwards.

Targets: p99 under 250 ms, no errors, every submission stored once.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import PYTHON, ROOT, build_site, manage, production_env  # noqa: E402

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"%" * 20_000

FIND_UNIT = """
from sitepages.models import UnitPage
print(UnitPage.objects.get(slug="welfare-office", locale__language_code="fa").pk)
"""

COUNT = """
from collections import Counter
from services.desk.models import ServiceRequest
subjects = Counter(ServiceRequest.objects.filter(subject__startswith="bench-submit ")
                   .values_list("subject", flat=True))
print(len(subjects), sum(subjects.values()), sum(1 for n in subjects.values() if n > 1))
"""


def start_server(port: int, env: dict, threads: int) -> subprocess.Popen:
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "cms.wsgi:application",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "120",
    ]
    if threads > 1:
        command += ["--threads", str(threads)]
    if os.environ.get("BENCH_ACCESS_LOG"):
        # Each request's own time in the worker (microseconds), apart from its wait.
        command += ["--access-logfile", os.environ["BENCH_ACCESS_LOG"]]
        command += ["--access-logformat", "%(D)s %(m)s %(U)s %(s)s"]
    process = subprocess.Popen(  # noqa: S603
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):  # noqa: S310
                return process
        except OSError:
            time.sleep(0.5)
    stop(process)
    sys.exit("the server did not start")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def one_round(base: str, number: int, citizens: int, unit_id: int, attach_every: int):
    """Every citizen's POST time (ms) or error text."""
    barrier = threading.Barrier(citizens)
    results: list = [None] * citizens
    address = urllib.parse.urlsplit(base)
    host, port = address.hostname, address.port

    def citizen(n: int) -> None:
        address = f"10.{number % 250}.{n // 250}.{n % 250 + 1}"
        headers = {"X-Real-IP": address, "Referer": base + "/desk/request/"}
        session = requests.Session()
        try:
            session.get(base + "/desk/request/", headers=headers, timeout=60)
            token = session.cookies["csrftoken"]
        except (requests.RequestException, KeyError) as error:
            barrier.abort()
            results[n] = f"form: {error!r}"
            return
        files = (
            {"attachments": ("madrak.pdf", PDF, "application/pdf")}
            if attach_every and n % attach_every == 0
            else None
        )
        data = {
            "csrfmiddlewaretoken": token,
            "name": f"شهروند {n}",
            "mobile": f"09{number % 100:02d}{n:07d}",
            "unit": unit_id,
            "subject": f"bench-submit {number}-{n}",
            "body": "متن درخواست برای سنجش ثبت هم‌زمان",
        }
        # The POST is encoded before the start, so that what is timed is the server's
        # answer, not this process encoding 20 bodies at once.
        cookies = "; ".join(f"{cookie.name}={cookie.value}" for cookie in session.cookies)
        prepared = requests.Request(
            "POST",
            base + "/desk/request/",
            data=data,
            files=files,
            headers={**headers, "Cookie": cookies},
        ).prepare()
        # Connected only at the start: a sync worker that accepted an idle connection
        # would wait on it while the other citizens' forms queue behind it.
        connection = http.client.HTTPConnection(host, port, timeout=120)
        try:
            barrier.wait(timeout=120)
        except threading.BrokenBarrierError:
            results[n] = "another citizen failed to load the form"
            return
        started = time.perf_counter()
        try:
            # The production settings mark the cookies Secure; this plain-HTTP client
            # sends them itself, as a browser behind the site's TLS proxy would.
            connection.request("POST", "/desk/request/", prepared.body, dict(prepared.headers))
            response = connection.getresponse()
            response.read()
        except OSError as error:
            results[n] = f"post: {error!r}"
            return
        finally:
            connection.close()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 302:
            results[n] = f"status {response.status}"
        else:
            results[n] = elapsed

    threads = [threading.Thread(target=citizen, args=(n,)) for n in range(citizens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=ROOT / "data" / "bench-submit")
    parser.add_argument("--site", type=Path, default=ROOT / "data" / "bench-pages")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--citizens", type=int, default=20)
    parser.add_argument("--attach-every", type=int, default=3)
    parser.add_argument("--port", type=int, default=8250)
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    args = parser.parse_args()

    if not (args.site / "site" / "portal.sqlite3").exists():
        build_site(args.site, None)
    data_dir = args.workdir / "site"
    shutil.rmtree(args.workdir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    shutil.copy(args.site / "site" / "portal.sqlite3", data_dir / "portal.sqlite3")
    env = production_env(data_dir, args.site / "static", 0, "")
    env.update(
        {
            "PORTAL_CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
            "PRIVATE_MEDIA_ROOT": str(data_dir / "private"),
            "LOG_LEVEL": "ERROR",
        }
    )
    manage(ROOT, ["migrate", "--noinput", "-v0"], env)
    unit_id = int(manage(ROOT, ["shell", "-c", FIND_UNIT], env).strip().splitlines()[-1])

    process = start_server(args.port, env, args.threads)
    times: list[float] = []
    errors: list[str] = []
    rounds = []
    try:
        base = f"http://127.0.0.1:{args.port}"
        one_round(base, 999, 2, unit_id, 0)  # warm both workers (not counted)
        for number in range(args.rounds):
            results = one_round(base, number, args.citizens, unit_id, args.attach_every)
            ok = [value for value in results if isinstance(value, float)]
            times += ok
            errors += [value for value in results if not isinstance(value, float)]
            rounds.append(round(statistics.median(ok)) if ok else None)
            time.sleep(1)
    finally:
        stop(process)
    distinct, stored, doubled = (
        int(part) for part in manage(ROOT, ["shell", "-c", COUNT], env).split()[-3:]
    )
    expected = args.rounds * args.citizens + 2
    print(
        f"{args.rounds} rounds of {args.citizens} concurrent submissions "
        f"(gunicorn 2 workers, {args.threads} thread(s) each, SQLite), "
        f"one in {args.attach_every} with a {len(PDF) // 1024} KB PDF"
    )
    if times:
        print(
            f"p50 {statistics.median(times):.0f} ms, p95 {percentile(times, 0.95):.0f} ms, "
            f"p99 {percentile(times, 0.99):.0f} ms, max {max(times):.0f} ms; "
            f"round medians {rounds}"
        )
    print(f"errors: {len(errors)} {sorted(set(errors))[:5]}")
    print(f"stored: {stored} of {expected} posted, {distinct} distinct, {doubled} stored twice")
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
