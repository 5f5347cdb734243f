"""Registers the outages admin; the classes live in ``viewsets.py``."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .timeline import POST_UPDATE_ACTION
from .viewsets import OutageNoticeViewSet

register_snippet(OutageNoticeViewSet)


@hooks.register("register_log_actions")
def register_outage_log_actions(actions):
    actions.register_action(
        POST_UPDATE_ACTION, _("Post a timeline update"), _("Timeline update posted")
    )
