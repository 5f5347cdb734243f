from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cms.working_calendar import connect_editors_calendar


class SLAConfig(AppConfig):
    """The service catalog and SLA statements: the core every plugin's service hangs on."""

    name = "sla"
    verbose_name = _("Service level agreements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals
        from .models.calendar import editors_calendar

        signals.connect()
        # The working calendar (cms) reads the editors' settings, kept in sla's models.
        connect_editors_calendar(editors_calendar)
