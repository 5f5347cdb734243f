"""The Content-Security-Policy of every response (django-csp), with two local rules.

- A response that a view allowed to be framed by the portal itself (Wagtail's preview
  panel: ``X-Frame-Options: SAMEORIGIN``) gets ``frame-ancestors 'self'``; everything
  else keeps ``frame-ancestors 'none'``.
- Wagtail's admin (``/admin/``) runs inline scripts of its own (inline panels, date and
  time widgets, chooser panels) that carry no nonce, so there scripts may be inline;
  the public site and the Django admin allow only our own files and nonce'd scripts.
"""

from __future__ import annotations

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

WAGTAIL_ADMIN_PREFIX = "/admin/"


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        replace = dict(parts.replace or {})
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            replace.setdefault("frame-ancestors", [SELF])
        if request.path_info.startswith(WAGTAIL_ADMIN_PREFIX):
            replace.setdefault("script-src", [SELF, UNSAFE_INLINE])
        parts.replace = replace or None
        return parts
