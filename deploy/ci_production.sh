#!/usr/bin/env bash
# The production path, run for real (the last step of .ci/run; also runs on its own):
# a fresh PostgreSQL database, Redis, cms.settings.production, the README's deployment
# commands (check --deploy, migrate, collectstatic, setup_portal, ensure_admin), two
# gunicorn processes (HTTP) and two daphne processes (the ASGI application: WebSockets at
# /ws/) on loopback ports and nginx in front, configured from deploy/nginx. deploy/smoke.py checks the empty site setup_portal made, then,
# after load_demo, the whole path (see its docstring). Everything it starts, creates or
# writes is removed at the end, passed or failed.
#
# Environment (all optional):
#   PORTAL_CI_PG_URL       PostgreSQL server, default postgres://postgres@127.0.0.1:5432
#   PORTAL_CI_DB_PREFIX    name prefix of the throwaway database, default portal_ci_prod
#   PORTAL_CI_REDIS_URL    Redis database, default redis://127.0.0.1:6379/4
#   PORTAL_CI_PORT_BASE    first port tried for gunicorn x2, daphne x2 and nginx, default 8440
#   PORTAL_CI_SETTINGS     settings module, default cms.settings.production
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"
started=$(date +%s)

PG_URL=${PORTAL_CI_PG_URL:-postgres://postgres@127.0.0.1:5432}
DB_NAME="${PORTAL_CI_DB_PREFIX:-portal_ci_prod}_$(date +%s)_$$"
HOST=portal.ci.example.ac.ir

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    echo "Installing nginx from Debian..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

WORK=$(mktemp -d /tmp/portal-ci-production.XXXXXX)
chmod 755 "$WORK"
mkdir -p "$WORK/data/media" "$WORK/sms" "$WORK/email" "$WORK/nginx/tmp" "$WORK/logs"
APP_PGIDS=()
NGINX_PID=""
db_created=""

cleanup() {
    status=$?
    set +e
    for pgid in "${APP_PGIDS[@]}"; do
        kill -TERM -- "-$pgid" 2>/dev/null
    done
    [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null
    sleep 1
    for pgid in "${APP_PGIDS[@]}"; do
        kill -KILL -- "-$pgid" 2>/dev/null
    done
    [ -n "$NGINX_PID" ] && kill -KILL "$NGINX_PID" 2>/dev/null
    wait 2>/dev/null
    if [ "$status" -ne 0 ]; then
        echo "== production step failed; last log lines =="
        tail -n 20 "$WORK"/logs/gunicorn-????.log "$WORK"/logs/daphne-*.log "$WORK"/logs/*_*.log \
            "$WORK"/nginx/error.log 2>/dev/null
    fi
    if [ -n "$db_created" ]; then
        "$PY" - "$PG_URL" "$DB_NAME" drop <<'PYEOF' || true
import sys, psycopg
with psycopg.connect(sys.argv[1] + "/postgres", autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}" WITH (FORCE)')
PYEOF
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT INT TERM

# Five free loopback ports: two app processes, two WebSocket processes and nginx.
read -r APP1 APP2 WS1 WS2 PROXY < <("$PY" - "${PORTAL_CI_PORT_BASE:-8440}" <<'PYEOF'
import socket, sys
port, found = int(sys.argv[1]), []
while len(found) < 5:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            found.append(port)
        except OSError:
            pass
    port += 1
print(*found)
PYEOF
)

"$PY" - "$PG_URL" "$DB_NAME" <<'PYEOF'
import sys, psycopg
with psycopg.connect(sys.argv[1] + "/postgres", autocommit=True) as conn:
    conn.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PYEOF
db_created=1

# What a deployer puts in /etc/portal/portal.env (README, "Deploying"), with CI's values.
export DJANGO_SETTINGS_MODULE="${PORTAL_CI_SETTINGS:-cms.settings.production}"
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
export PORTAL_BASE_URL="https://$HOST"
export ALLOWED_HOSTS="$HOST" CSRF_TRUSTED_ORIGINS="https://$HOST"
export DATABASE_URL="$PG_URL/$DB_NAME"
export REDIS_URL="${PORTAL_CI_REDIS_URL:-redis://127.0.0.1:6379/4}"
export CACHE_KEY_PREFIX="portal-ci-$$"
export DATA_DIR="$WORK/data" STATIC_ROOT="$WORK/static"
export PORTAL_CLIENT_IP_HEADER=HTTP_X_REAL_IP PORTAL_TRUSTED_PROXIES=127.0.0.1
export SMS_BACKEND=cms.sms.FileBackend SMS_FILE_PATH="$WORK/sms"
export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend EMAIL_FILE_PATH="$WORK/email"
export ADMIN_PASSWORD
ADMIN_PASSWORD=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(16))')
export LOG_LEVEL=WARNING

echo "== production: deployment commands on a fresh PostgreSQL database ($DB_NAME) =="
"$PY" manage.py check --deploy --fail-level WARNING
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py setup_portal -v0 >"$WORK/logs/setup_portal.log"
"$PY" manage.py ensure_admin >/dev/null
chmod -R a+rX "$WORK/static" "$WORK/data/media"

echo "== production: gunicorn on $APP1 and $APP2, daphne on $WS1 and $WS2, nginx on $PROXY =="
for port in "$APP1" "$APP2"; do
    setsid "$ROOT/.venv/bin/gunicorn" cms.wsgi:application --bind "127.0.0.1:$port" \
        --workers 2 --timeout 60 --graceful-timeout 5 --no-control-socket \
        --access-logfile "$WORK/logs/gunicorn-$port-access.log" \
        --error-logfile "$WORK/logs/gunicorn-$port.log" &
    APP_PGIDS+=("$!")
done
# The WebSocket processes, as deploy/systemd/portal-ws@.service runs them.
for port in "$WS1" "$WS2"; do
    setsid "$ROOT/.venv/bin/daphne" cms.asgi:application --bind 127.0.0.1 --port "$port" \
        --proxy-headers --websocket_connect_timeout 10 --application-close-timeout 10 \
        >"$WORK/logs/daphne-$port.log" 2>&1 &
    APP_PGIDS+=("$!")
done

"$PY" deploy/render_nginx.py --out "$WORK/nginx" --server-name "$HOST" \
    --app "127.0.0.1:$APP1" --app "127.0.0.1:$APP2" \
    --ws "127.0.0.1:$WS1" --ws "127.0.0.1:$WS2" \
    --static-root "$WORK/static" --media-root "$WORK/data/media" >/dev/null
NGINX_USER=""
[ "$(id -u)" = 0 ] && NGINX_USER="user root;"
cat >"$WORK/nginx/nginx.conf" <<EOF
# CI only: deploy/nginx's site as a non-daemon nginx with its own paths.
$NGINX_USER
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log $WORK/nginx/access.log;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    include $WORK/nginx/portal-http.conf;
    server {
        # Plain HTTP on loopback; production's portal-site.conf adds TLS on 443.
        listen 127.0.0.1:$PROXY;
        server_name $HOST;
        set \$portal_forwarded_proto https;
        # Standing in for the internet-facing edge: the smoke's citizens come from the
        # address in X-Forwarded-For, as they would come from their own.
        set_real_ip_from 127.0.0.1;
        real_ip_header X-Forwarded-For;
        # Which app process answered (the smoke checks both share one rate limit).
        add_header X-Portal-Upstream \$upstream_addr always;
        include $WORK/nginx/portal-locations.conf;
    }
}
EOF
"$NGINX" -t -q -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g "daemon off;" &
NGINX_PID=$!

for port in "$APP1" "$APP2" "$WS1" "$WS2" "$PROXY"; do
    for _ in $(seq 1 120); do
        code=$("$PY" -c "import requests,sys
try: print(requests.get('http://127.0.0.1:$port/healthz', headers={'Host': '$HOST'}, timeout=2).status_code)
except Exception: print(0)")
        [ "$code" = 200 ] && break
        sleep 0.5
    done
    [ "$code" = 200 ] || { echo "port $port never answered /healthz"; exit 1; }
done

echo "== production smoke: the empty site setup_portal made =="
"$PY" deploy/smoke.py --url "http://127.0.0.1:$PROXY" --host "$HOST" --empty-site

echo "== production: load_demo, then the full smoke test =="
"$PY" manage.py load_demo -v0 >"$WORK/logs/load_demo.log"
"$PY" deploy/smoke.py --url "http://127.0.0.1:$PROXY" --host "$HOST" \
    --sms-dir "$WORK/sms" --email-dir "$WORK/email" \
    --kill-pgid "${APP_PGIDS[0]}" --check-db

echo "== production step passed in $(($(date +%s) - started))s =="
