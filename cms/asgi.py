"""The ASGI application: HTTP through Django, WebSockets through the plugins' routes.

The core imports no plugin: it asks the registry for the ``websocket_urls`` modules of the
installed plugins (as ``cms/urls.py`` does for HTTP). A socket is accepted only from a
page of this site (origin check), with the visitor's session and user in its scope;
anything else (no plugin answering the path, HTTP-only deployments) is refused cleanly.
"""

import os
from importlib import import_module

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

# Django first: the apps must be ready before the plugins' routes are imported.
django_application = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import OriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402
from django.http.request import split_domain_port, validate_host  # noqa: E402

from cms.plugins import registry  # noqa: E402


class SameSiteOriginValidator(OriginValidator):
    """Accepts a socket only from a page of this site: the ``Origin`` must name the host
    the socket was opened on (like Django's CSRF check for HTTPS), that host must be one of
    ``ALLOWED_HOSTS``, or the origin one of ``CSRF_TRUSTED_ORIGINS``. Settings are read
    per connection, and ``ALLOWED_HOSTS = ["*"]`` does not let other sites in."""

    def __init__(self, application):
        super().__init__(application, allowed_origins=[])

    async def __call__(self, scope, receive, send):
        self.host = dict(scope.get("headers", [])).get(b"host", b"").decode("latin1").lower()
        return await super().__call__(scope, receive, send)

    def valid_origin(self, parsed_origin):
        if parsed_origin is None or not parsed_origin.scheme or not parsed_origin.netloc:
            return False
        origin = f"{parsed_origin.scheme}://{parsed_origin.netloc}".lower()
        trusted = [o.lower().rstrip("/") for o in getattr(settings, "CSRF_TRUSTED_ORIGINS", [])]
        if origin in trusted:
            return True
        if parsed_origin.netloc.lower() != self.host:
            return False
        domain, _port = split_domain_port(self.host)
        allowed = settings.ALLOWED_HOSTS or (
            ["localhost", "127.0.0.1", "[::1]"] if settings.DEBUG else []
        )
        return bool(domain) and validate_host(domain, allowed)


def websocket_urlpatterns() -> list:
    patterns = []
    for module in registry.websocket_modules():
        patterns.extend(import_module(module).websocket_urlpatterns)
    return patterns


def build_application():
    return ProtocolTypeRouter(
        {
            "http": django_application,
            "websocket": SameSiteOriginValidator(
                AuthMiddlewareStack(URLRouter(websocket_urlpatterns()))
            ),
        }
    )


application = build_application()
