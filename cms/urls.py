from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from .backoffice.site_history import site_history_urls
from .plugins import registry
from .views import admin_logout, healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    # Before Wagtail's admin: its site history report, fenced like the back offices.
    *site_history_urls("admin/reports/site-history/"),
    # Before Wagtail's own pattern for the same address: logging out only by POST.
    path("admin/logout/", admin_logout, name="portal_admin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("", include("sitepages.urls")),  # robots.txt: outside the page tree's URL pattern
]

if settings.DEBUG:
    from django.urls import re_path
    from django.views.static import serve

    # Media for development, except documents: they go through Wagtail's view, which
    # checks their collection's privacy (WAGTAILDOCS_SERVE_METHOD).
    urlpatterns += [
        re_path(
            r"^media/(?!documents/)(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Persian at "/" with no prefix, English under "/en/". Plugins first, then Wagtail's
# page tree, which catches everything else.
urlpatterns += i18n_patterns(
    *[
        path(f"{prefix}/", include((module, namespace), namespace=namespace))
        for prefix, module, namespace in registry.url_modules()
    ],
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
