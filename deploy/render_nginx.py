#!/usr/bin/env python3
"""Render the portal's nginx configuration from deploy/nginx/*.conf.in.

    python3 deploy/render_nginx.py --out /etc/nginx/portal \
        --server-name portal.example.ac.ir \
        --app 127.0.0.1:8001 --app 127.0.0.1:8002 \
        --ws 127.0.0.1:9001 --ws 127.0.0.1:9002 \
        --static-root /srv/portal/static --media-root /srv/portal/data/media \
        --tls-certificate /etc/letsencrypt/live/portal.example.ac.ir/fullchain.pem \
        --tls-certificate-key /etc/letsencrypt/live/portal.example.ac.ir/privkey.pem

writes portal-http.conf, portal-locations.conf and portal-site.conf into --out; then
``include /etc/nginx/portal/portal-site.conf;`` from the http block (or link it into
sites-enabled). The CI step renders the same files and includes the first two.

``--app`` are the HTTP processes (gunicorn, ``portal@``), ``--ws`` the WebSocket ones
(daphne, ``portal-ws@``) that serve ``/ws/``; without ``--ws``, ``/ws/`` goes to the
``--app`` addresses (a host that runs the ASGI application alone, e.g. under daphne).
"""

import argparse
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "nginx"


def render(text: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    if "@" in "".join(line.split("#")[0] for line in text.splitlines() if "@" in line):
        leftover = [line for line in text.splitlines() if "@" in line.split("#")[0]]
        raise SystemExit(f"unfilled placeholder: {leftover[0].strip()}")
    return text


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--server-name", default="_")
    parser.add_argument("--app", action="append", required=True, help="host:port, repeatable")
    parser.add_argument(
        "--ws", action="append", default=[], help="host:port of a WebSocket process, repeatable"
    )
    parser.add_argument("--static-root", required=True)
    parser.add_argument("--media-root", required=True)
    parser.add_argument("--tls-certificate", default="/etc/ssl/certs/portal.pem")
    parser.add_argument("--tls-certificate-key", default="/etc/ssl/private/portal.key")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    values = {
        "UPSTREAM_SERVERS": "\n".join(
            f"    server {app} max_fails=1 fail_timeout=10s;" for app in args.app
        ),
        "WS_UPSTREAM_SERVERS": "\n".join(
            f"    server {app} max_fails=1 fail_timeout=10s;" for app in (args.ws or args.app)
        ),
        "SERVER_NAME": args.server_name,
        "STATIC_ROOT": str(Path(args.static_root).resolve()),
        "MEDIA_ROOT": str(Path(args.media_root).resolve()),
        "TLS_CERTIFICATE": args.tls_certificate,
        "TLS_CERTIFICATE_KEY": args.tls_certificate_key,
        "CONF_DIR": str(out),
    }
    out.mkdir(parents=True, exist_ok=True)
    for name in ("portal-http.conf", "portal-locations.conf", "portal-site.conf"):
        text = (TEMPLATES / f"{name}.in").read_text()
        (out / name).write_text(render(text, values))
    print(f"nginx configuration written to {out}")


if __name__ == "__main__":
    main()
