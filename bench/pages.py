"""Public pages under load: uncached, cached and the static-file limit (issue 15).

    .venv/bin/python bench/pages.py [--workdir data/bench-pages] [--before DIR]
        [--duration 4] [--rounds 2] [--port 8161] [--redis redis://127.0.0.1:6379/7]

Builds a demo site in ``WORKDIR/site`` once (migrate + load_demo; ``--template`` copies
an already loaded SQLite file instead), collects the static files, and starts gunicorn
(2 sync workers, ``cms.settings.production``, DEBUG off) three times on the same
database: with the page cache off (``uncached``), with it on (``cached``; files under
the data folder, or Redis with ``--redis``), and, with ``--before DIR``, the code of
another checkout (e.g. ``git archive`` of main before this work) as ``before``. The home
page's HTML is also saved as a static file that whitenoise serves (``static``): the
stack's limit.

Every page is measured with ``wrk -t2 -c16`` for DURATION seconds per server, rounds
interleaved (page after page, server after server), and the median of the rounds is
printed (the static file is measured after every page): req/s, p50 and p99 latency, non-2xx answers, each server's ratio to the
static file and to ``before``, and every worker's RSS after the load.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
WRK = shutil.which("wrk") or "/usr/bin/wrk"

FIND_URLS = """
import json
from sitepages.models import UnitPage
from sla.models import Service, SLAStatementPage
from sla.models.pages import ServiceCatalogPage
unit = UnitPage.objects.live().filter(locale__language_code="fa").order_by("path").first()
service = Service.objects.filter(live=True).order_by("code").first()
statement = SLAStatementPage.objects.live().filter(locale__language_code="fa").first()
print(json.dumps({
    "unit": unit.url,
    "service": ServiceCatalogPage.url_for_service(service),
    "statement": statement.url,
}))
"""


def site_env(data_dir: Path, static_root: Path, extra=None) -> dict:
    env = {
        **os.environ,
        "DATA_DIR": str(data_dir),
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "WARNING",
        **(extra or {}),
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    return env


def production_env(data_dir: Path, static_root: Path, cache_seconds: int, redis: str) -> dict:
    extra = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "PORTAL_BASE_URL": "http://127.0.0.1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "PORTAL_PAGE_CACHE_SECONDS": str(cache_seconds),
    }
    if redis:
        extra["REDIS_URL"] = redis
    env = site_env(data_dir, static_root, extra)
    if redis:
        env["REDIS_URL"] = redis
    return env


def manage(source: Path, args, env) -> str:
    done = subprocess.run(  # noqa: S603
        [PYTHON, str(source / "manage.py"), *args],
        env=env,
        cwd=source,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def build_site(workdir: Path, template: Path | None) -> tuple[Path, Path]:
    data_dir, static_root = workdir / "site", workdir / "static"
    env = site_env(data_dir, static_root, {"DJANGO_SETTINGS_MODULE": "cms.settings.dev"})
    if not (data_dir / "portal.sqlite3").exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        if template:
            shutil.copy(template, data_dir / "portal.sqlite3")
        manage(ROOT, ["migrate", "--noinput", "-v0"], env)
        if not template:
            manage(ROOT, ["load_demo"], env)
    env_prod = production_env(data_dir, static_root, 0, "")
    manage(ROOT, ["collectstatic", "--noinput", "-v0"], env_prod)
    return data_dir, static_root


def find_urls(data_dir: Path, static_root: Path) -> dict:
    env = site_env(data_dir, static_root, {"DJANGO_SETTINGS_MODULE": "cms.settings.dev"})
    found = json.loads(manage(ROOT, ["shell", "-c", FIND_URLS], env).strip().splitlines()[-1])
    return {
        "home": "/",
        "unit": found["unit"],
        "news": "/news/",
        "services": "/services/",
        "service card": found["service"],
        "statement": found["statement"],
        "status": "/status/",
        "search": "/search/?q=%D9%88%D8%A7%D9%85",
        "desk form": "/desk/request/",
    }


class Server:
    def __init__(self, name: str, source: Path, port: int, env: dict):
        self.name, self.port = name, port
        self.process = subprocess.Popen(  # noqa: S603
            [GUNICORN, "cms.wsgi:application", "-w", "2", "-b", f"127.0.0.1:{port}"],
            cwd=source,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait(self) -> None:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url("/healthz"), timeout=5):  # noqa: S310
                    return
            except OSError:
                time.sleep(0.5)
        sys.exit(f"{self.name} did not start")

    def worker_rss_mb(self) -> list[float]:
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        sizes = []
        for child in children:
            status = Path(f"/proc/{child}/status").read_text()
            sizes.append(round(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024, 1))
        return sizes

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def wrk(url: str, duration: int) -> dict:
    out = subprocess.run(  # noqa: S603
        [WRK, "-t2", "-c16", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": latency_ms(out, "50%"),
        "p99": latency_ms(out, "99%"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def latency_ms(out: str, label: str) -> float:
    value, unit = re.search(rf"\s{re.escape(label)}\s+([\d.]+)(us|ms|s)\b", out).groups()
    return round(float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 2)


def median_of(runs: list[dict]) -> dict:
    return {
        key: round(statistics.median(run[key] for run in runs), 2)
        for key in ("rps", "p50", "p99", "errors")
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=ROOT / "data" / "bench-pages")
    parser.add_argument("--template", type=Path)
    parser.add_argument("--before", type=Path, help="another checkout to measure as 'before'")
    parser.add_argument("--duration", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--port", type=int, default=8161)
    parser.add_argument("--redis", default="", help="REDIS_URL for the cached server")
    parser.add_argument("--pages", default="", help="comma-separated page names to measure")
    args = parser.parse_args()

    data_dir, static_root = build_site(args.workdir, args.template)
    urls = find_urls(data_dir, static_root)
    if args.pages:
        urls = {name: url for name, url in urls.items() if name in args.pages.split(",")}
    shutil.rmtree(data_dir / "pagecache", ignore_errors=True)

    servers = []
    try:
        uncached = Server("uncached", ROOT, args.port, production_env(data_dir, static_root, 0, ""))
        servers.append(uncached)
        uncached.wait()
        with urllib.request.urlopen(uncached.url("/"), timeout=30) as response:  # noqa: S310
            (static_root / "bench-home.html").write_bytes(response.read())
        cached = Server(
            "cached",
            ROOT,
            args.port + 1,
            production_env(data_dir, static_root, 300, args.redis),
        )
        servers.append(cached)
        if args.before:
            servers.append(
                Server(
                    "before",
                    args.before,
                    args.port + 2,
                    production_env(data_dir, static_root, 0, ""),
                )
            )
        for server in servers:
            server.wait()

        results: dict[str, dict[str, list]] = {}
        for _round in range(args.rounds):
            for name, path in urls.items():
                for server in servers:
                    results.setdefault(name, {}).setdefault(server.name, []).append(
                        wrk(server.url(path), args.duration)
                    )
                # The limit, measured next to every page: the machine is shared, and
                # its load changes from one minute to the next.
                results.setdefault("static home", {}).setdefault("static", []).append(
                    wrk(cached.url("/static/bench-home.html"), args.duration)
                )
        rss = {server.name: server.worker_rss_mb() for server in servers}
    finally:
        for server in servers:
            server.stop()

    report(results, rss, urls)


def report(results, rss, urls) -> None:
    summary = {
        page: {server: median_of(runs) for server, runs in by_server.items()}
        for page, by_server in results.items()
    }
    limit = summary["static home"]["static"]["rps"]
    print(f"static home (whitenoise): {limit:.0f} req/s\n")
    print(
        "| page | before req/s | uncached req/s (p50/p99 ms) | cached req/s (p50/p99 ms) "
        "| uncached/before | cached/static | errors |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for page in urls:
        row = summary[page]
        before, uncached, cached = row.get("before"), row["uncached"], row["cached"]
        errors = sum(item["errors"] for item in row.values())
        cells = [
            page,
            f"{before['rps']:.0f}" if before else "-",
            f"{uncached['rps']:.0f} ({uncached['p50']}/{uncached['p99']})",
            f"{cached['rps']:.0f} ({cached['p50']}/{cached['p99']})",
            f"{uncached['rps'] / before['rps']:.2f}x" if before else "-",
            f"{cached['rps'] / limit:.2f}x",
            str(errors),
        ]
        print("| " + " | ".join(cells) + " |")
    print("\nworker RSS after load (MB):", json.dumps(rss))
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
