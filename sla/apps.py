from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SLAConfig(AppConfig):
    """The service catalog and SLA statements: the core every plugin's service hangs on."""

    name = "sla"
    verbose_name = _("Service level agreements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import calendar, signals
        from .models.calendar import editors_calendar

        signals.connect()
        # WorkingCalendar.load() reads the editors' settings (the models import the
        # calendar module, so it does not import them).
        calendar.connect_editors_calendar(editors_calendar)
