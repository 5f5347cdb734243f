#!/usr/bin/env python3
"""Smoke test of a running production portal, through its proxy (nginx).

    python deploy/smoke.py --url http://127.0.0.1:8443 --host portal.example.ac.ir \
        [--empty-site] [--sms-dir DIR] [--email-dir DIR] [--kill-pgid PGID] [--check-db]

Talks to the proxy the way browsers on the internet would reach it: with the public
host name, as HTTPS (the proxy says so in X-Forwarded-Proto), and each simulated citizen
from their own address (X-Forwarded-For, which the CI's proxy takes as the client
address, standing in for the internet-facing edge). Checks, in order:

- ``/healthz`` answers 200;
- the main pages answer 200 in Persian and English (``--empty-site``: the empty
  sections ``setup_portal`` makes, with no unit and no announcement);
- static files come with far-future caching (hashed names, a year, immutable), and
  documents and hidden files are never served from disk;
- the live chat's WebSockets pass the proxy to the ASGI processes (``smoke_ws.py``);
- a desk request is submitted and followed up at ``/track/`` with its code and mobile;
- the captured SMS and emails (``--sms-dir``, ``--email-dir``) link to ``PORTAL_BASE_URL``
  (``https://<host>``) only;
- the tracking lookup's rate limit is shared by both app processes (the 11th lookup from
  one address is refused, whichever process answers) and is per client address, from
  the proxy's header (another address is still served);
- killing one app process (``--kill-pgid``) in the middle of a run of submissions loses
  none: the client retries what failed, and (``--check-db``) every submission that was
  accepted is in the database.

Exits 1 at the first failure, with what was expected and what came back.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from email import message_from_bytes
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote

import requests
from smoke_ws import check_websockets

PERSIAN_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
CODE = re.compile(r"[۰-۹0-9]{4}-[۰-۹0-9]{4}-[۰-۹0-9]{4}")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
URL = re.compile(r"https?://[^\s<>\"')]+")
RETRY_STATUSES = {502, 503, 504}
RETRIED = []  # (submission, what failed) the client retried

MAIN_PAGES = ["/", "/units/", "/news/", "/services/", "/sla/", "/desk/", "/track/"]
MAIN_PAGES += ["/loans/", "/loans/track/", "/status/", "/search/?q=وام"]


class SmokeFailure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise SmokeFailure(message)


class Citizen:
    """One visitor: their own address and cookies (kept by hand: the site's cookies are
    Secure, and the proxy is reached over plain HTTP on loopback)."""

    def __init__(self, args, address):
        self.url, self.host, self.address = args.url.rstrip("/"), args.host, address
        self.cookies: dict[str, str] = {}

    def request(self, method, path, **kwargs):
        headers = {
            "Host": self.host,
            "X-Forwarded-For": self.address,
            "Origin": f"https://{self.host}",
            "Referer": f"https://{self.host}{quote(path, safe='/?=&')}",
            "User-Agent": "portal-smoke/1",
            **kwargs.pop("headers", {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(
            method,
            self.url + path,
            headers=headers,
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post_form(self, path, data, **kwargs):
        """GETs the form (its CSRF token and cookie), then POSTs ``data`` to it."""
        page = self.get(path)
        check(page.status_code == 200, f"GET {path}: {page.status_code}")
        token = CSRF.search(page.text)
        check(token, f"no CSRF token in {path}")
        return self.request("POST", path, data={"csrfmiddlewaretoken": token[1], **data}, **kwargs)


def ok(name, detail=""):
    print(f"ok   {name}" + (f": {detail}" if detail else ""), flush=True)


def check_health(args):
    response = Citizen(args, "192.0.2.1").get("/healthz")
    check(response.status_code == 200, f"/healthz: {response.status_code}")
    ok("healthz")


def check_pages(args):
    visitor = Citizen(args, "192.0.2.2")
    for path in MAIN_PAGES:
        for prefix in ("", "/en"):
            response = visitor.get(prefix + path)
            check(response.status_code == 200, f"GET {prefix}{path}: {response.status_code}")
    home = visitor.get("/").text
    check('lang="fa"' in home and 'dir="rtl"' in home, "the home page is not Persian RTL")
    check("Welcome to your new Wagtail site" not in home, "Wagtail's welcome page is the home")
    if args.empty_site:
        units = visitor.get("/units/").text
        check("/units/" in units, "the units section is missing")
    ok("main pages", f"{len(MAIN_PAGES) * 2} pages answer 200 (Persian and English)")


def check_static(args):
    visitor = Citizen(args, "192.0.2.3")
    home = visitor.get("/").text
    assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', home)
    check(assets, "no static asset on the home page")
    for asset in assets[:3]:
        response = visitor.get(asset, headers={"Accept-Encoding": "gzip"})
        check(response.status_code == 200, f"GET {asset}: {response.status_code}")
        cache = response.headers.get("Cache-Control", "")
        check(
            "max-age=31536000" in cache and "immutable" in cache,
            f"{asset}: Cache-Control {cache!r}, expected a year and immutable",
        )
    for path in ("/media/documents/anything.pdf", "/static/.hidden", "/media/.hidden"):
        response = visitor.get(path)
        check(response.status_code == 404, f"GET {path}: {response.status_code}, expected 404")
    escape = visitor.get("/media/../private/x")  # nginx normalises it: never a file
    check(escape.status_code != 200, f"GET /media/../private/x: {escape.status_code}")
    ok("static files", f"{min(len(assets), 3)} hashed assets cached a year, immutable")


def unit_choice(citizen):
    page = citizen.get("/desk/request/")
    check(page.status_code == 200, f"GET /desk/request/: {page.status_code}")
    select = re.search(r'<select name="unit".*?</select>', page.text, re.S)
    check(select, "no unit list on the request form")
    values = re.findall(r'<option value="(\d+)"', select[0])
    check(values, "no unit to send a request to (did load_demo run?)")
    return values[0]


def submit_request(args, number, unit, retries=6):
    """One citizen's request; retried on a failed proxy answer. Returns (code, mobile)."""
    mobile = f"0912{number:07d}"
    data = {
        "name": "شهروند آزمایشی",
        "mobile": mobile,
        "email": f"citizen{number}@example.com",
        "national_code": "",
        "unit": unit,
        "subject": f"درخواست آزمایشی شمارهٔ {number}",
        "body": "آزمون دود استقرار: این درخواست را نادیده بگیرید.",
    }
    last = None
    for attempt in range(retries):
        citizen = Citizen(args, f"198.51.100.{number % 250 + 1}")
        try:
            response = citizen.post_form("/desk/request/", data)
        except (requests.ConnectionError, requests.Timeout, SmokeFailure) as exc:
            last = f"{type(exc).__name__}: {exc}"
        else:
            if response.status_code == 302 and response.headers["Location"].endswith("/done/"):
                done = citizen.get("/desk/done/")
                found = CODE.search(done.text)
                check(found, f"no tracking code on the confirmation page ({done.status_code})")
                return found[0].translate(PERSIAN_TO_ASCII).replace("-", ""), mobile, citizen
            last = f"HTTP {response.status_code}"
            check(response.status_code in RETRY_STATUSES, f"submission {number}: {last}")
        RETRIED.append((number, last))
        time.sleep(0.2 * (attempt + 1))
    raise SmokeFailure(f"submission {number} failed {retries} times, last: {last}")


def check_desk_and_tracking(args):
    citizen = Citizen(args, "198.51.100.201")
    unit = unit_choice(citizen)
    code, mobile, _citizen = submit_request(args, 201, unit)
    follower = Citizen(args, "198.51.100.202")
    response = follower.post_form("/track/", {"code": code, "mobile": mobile})
    check(response.status_code == 302, f"POST /track/ with the right code: {response.status_code}")
    detail = follower.get(response.headers["Location"])
    check(detail.status_code == 200, f"the tracked request: {detail.status_code}")
    check("درخواست آزمایشی شمارهٔ 201" in detail.text or "۲۰۱" in detail.text, "not the request")
    stranger = Citizen(args, "198.51.100.203")
    miss = stranger.post_form("/track/", {"code": code, "mobile": "09129999999"})
    check(miss.status_code == 200 and "شهروند آزمایشی" not in miss.text, "a wrong mobile got in")
    ok("desk submission", f"code ****{code[-4:]} followed up at /track/; a wrong mobile is refused")
    return unit


def captured_texts(folder, kind):
    texts = []
    for path in sorted(Path(folder).iterdir()):
        raw = path.read_bytes()
        if kind == "sms":
            texts.append(json.loads(raw)["body"])
            continue
        # The file-based email backend appends messages separated by a line of dashes.
        for chunk in raw.split(b"-" * 79):
            if chunk.strip():
                message = message_from_bytes(chunk.strip())
                for part in message.walk():
                    if part.get_content_type() == "text/plain":
                        texts.append(part.get_payload(decode=True).decode())
    return texts


def check_links(args):
    base = f"https://{args.host}/"
    for kind, folder in (("sms", args.sms_dir), ("email", args.email_dir)):
        if not folder:
            continue
        texts = captured_texts(folder, kind)
        check(texts, f"no captured {kind} in {folder}")
        urls = [url for text in texts for url in URL.findall(text)]
        check(urls, f"no link in the captured {kind}")
        wrong = [url for url in urls if not url.startswith(base)]
        check(not wrong, f"{kind} links not on {base}: {wrong[:3]}")
        check(any("/track/" in url for url in urls), f"no /track/ link in the {kind}")
        ok(f"links in {kind}", f"{len(urls)} links, all on {base}")


def check_rate_limit(args, limit=10):
    attacker = Citizen(args, "203.0.113.7")
    upstreams = set()
    for attempt in range(1, limit + 1):
        response = attacker.post_form("/track/", {"code": "111122223333", "mobile": "09120000000"})
        check(response.status_code == 200, f"lookup {attempt} of {limit}: {response.status_code}")
        upstreams.add(response.headers.get("X-Portal-Upstream", "?"))
        if attempt % 2:
            # The form's GET and its POST alternate between two processes: one request
            # more makes the next POST go to the other one.
            attacker.get("/healthz")
    refused = attacker.post_form("/track/", {"code": "111122223333", "mobile": "09120000000"})
    check(
        refused.status_code == 429,
        f"lookup {limit + 1} from one address: {refused.status_code}, expected 429",
    )
    if "?" not in upstreams:  # the CI's proxy names the process that answered
        check(len(upstreams) >= 2, f"one process answered every lookup: {upstreams}")
    neighbour = Citizen(args, "203.0.113.8")
    response = neighbour.post_form("/track/", {"code": "111122223333", "mobile": "09120000000"})
    check(response.status_code == 200, f"another address was refused too: {response.status_code}")
    ok(
        "rate limit",
        f"shared by {len(upstreams)} processes ({', '.join(sorted(upstreams))}); "
        "per client address from the proxy's header",
    )


def check_kill(args, unit, count=12, kill_after=4):
    accepted = []
    killer = None
    for number in range(1, count + 1):
        if number == kill_after + 1 and args.kill_pgid:
            # Kill while the next submission is on its way.
            killer = threading.Timer(0.05, os.killpg, (args.kill_pgid, signal.SIGKILL))
            killer.start()
        code, _mobile, _citizen = submit_request(args, 300 + number, unit)
        accepted.append(code)
    if killer:
        killer.join()
        check(_process_group_gone(args.kill_pgid), "the killed app process is still running")
    check(len(set(accepted)) == count, "two submissions got the same code")
    detail = f"{count} submissions accepted"
    if args.kill_pgid:
        detail += f", app process group {args.kill_pgid} killed after {kill_after}"
        detail += f", {len(RETRIED)} attempt(s) retried"
    if args.check_db:
        missing = missing_in_database(accepted)
        check(not missing, f"accepted but not in the database: {missing}")
        detail += "; every accepted one is in the database"
    ok("no submission lost", detail)


def _process_group_gone(pgid):
    """No live process left in the group (a killed one not yet reaped is a zombie)."""
    for _ in range(50):
        alive = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                alive.append(stat.parent.name)
        if not alive:
            return True
        time.sleep(0.1)
    return False


def missing_in_database(codes):
    script = (
        "import json,sys; from services.desk.models import ServiceRequest; "
        f"codes={codes!r}; "
        "found=set(ServiceRequest.objects.filter(tracking_code__in=codes)"
        ".values_list('tracking_code', flat=True)); "
        "print(json.dumps(sorted(set(codes)-found)))"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "manage.py", "shell", "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    check(result.returncode == 0, f"manage.py shell failed: {result.stderr[-500:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the proxy, e.g. http://127.0.0.1:8443")
    parser.add_argument("--host", required=True, help="the public host name")
    parser.add_argument("--empty-site", action="store_true", help="only setup_portal ran")
    parser.add_argument("--sms-dir", help="SMS_FILE_PATH of the FileBackend")
    parser.add_argument("--email-dir", help="EMAIL_FILE_PATH of the file-based email backend")
    parser.add_argument("--kill-pgid", type=int, help="app process group to kill mid-run")
    parser.add_argument("--check-db", action="store_true", help="look submissions up directly")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        check_health(args)
        check_pages(args)
        check_static(args)
        check_websockets(args, Citizen, check, ok)
        if not args.empty_site:
            unit = check_desk_and_tracking(args)
            check_links(args)
            check_rate_limit(args)
            check_kill(args, unit)
    except SmokeFailure as failure:
        print(f"FAIL {failure}", flush=True)
        return 1
    print(f"smoke test passed in {time.monotonic() - started:.1f}s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
