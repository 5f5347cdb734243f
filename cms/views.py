from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST


@never_cache
@require_GET
def healthz(request):
    """200 when the app can reach its database, 503 when it cannot (for the proxy)."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_POST
def admin_logout(request):
    """Wagtail's logout, by POST only. Its own view deletes the session cookie whatever
    the method, so a link or an image on any site (a GET) would log staff out; the
    admin's menu already logs out with a POST form."""
    from wagtail.admin.views.account import LogoutView

    return LogoutView.as_view()(request)
