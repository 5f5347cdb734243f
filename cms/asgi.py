"""The ASGI application: HTTP through Django, WebSockets through the plugins' routes.

The core imports no plugin: it asks the registry for the ``websocket_urls`` modules of the
installed plugins (as ``cms/urls.py`` does for HTTP). A socket is accepted only from an
allowed host's page (origin check), with the visitor's session and user in its scope;
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
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from cms.plugins import registry  # noqa: E402


def websocket_urlpatterns() -> list:
    patterns = []
    for module in registry.websocket_modules():
        patterns.extend(import_module(module).websocket_urlpatterns)
    return patterns


def build_application():
    return ProtocolTypeRouter(
        {
            "http": django_application,
            "websocket": AllowedHostsOriginValidator(
                AuthMiddlewareStack(URLRouter(websocket_urlpatterns()))
            ),
        }
    )


application = build_application()
