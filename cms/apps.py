from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Portal core")

    def ready(self):
        from .backoffice import log_labels

        # Site history labels of fenced objects carry no personal data.
        log_labels.connect()
