"""The page a locked-out staff login gets (django-axes calls :func:`lockout_response`)."""

from __future__ import annotations

import math

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from .i18n import is_persian
from .text import to_persian_digits


def lockout_response(request, original_response=None, credentials=None):
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    shown = to_persian_digits(str(minutes)) if is_persian() else minutes
    response = render(
        request,
        "cms/lockout.html",
        {
            "message": _(
                "Too many wrong passwords for this account from your address. Logging in "
                "is locked for %(minutes)s minutes; try again later, or ask the portal's "
                "administrator to lift the lock."
            )
            % {"minutes": shown},
        },
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    response["Cache-Control"] = "no-store, private"
    return response
