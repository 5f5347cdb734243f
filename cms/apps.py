from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_tables(sender, using="default", verbosity=1, **kwargs):
    """``migrate`` also creates the database cache tables (the rate-limit counters when
    there is no Redis), so a fresh clone or a new host needs no extra step."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=max(0, verbosity - 1))


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Portal core")

    def ready(self):
        from django.apps import apps

        from .backoffice import log_labels

        # Site history labels of fenced objects carry no personal data.
        log_labels.connect()

        # Sent once per app with models (cms has none): hang on to one that is always there.
        post_migrate.connect(
            create_cache_tables,
            sender=apps.get_app_config("contenttypes"),
            dispatch_uid="cms-cache-tables",
        )
