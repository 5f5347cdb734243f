"""People who asked to be emailed about outages and maintenance."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(32)


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def for_notice(self, notice):
        """Confirmed subscribers who should hear about ``notice``.

        A subscriber with no chosen services hears about everything; one with chosen
        services hears about those, and about anything affecting the whole portal.
        """
        queryset = self.confirmed()
        if notice.whole_portal:
            return queryset
        service_ids = [service.pk for service in notice.services.all()]
        return queryset.filter(Q(services__isnull=True) | Q(services__in=service_ids)).distinct()


class Subscriber(models.Model):
    """An email address subscribed to notices, once it has confirmed the subscription.

    The token in the confirmation and unsubscribe links is the only key to the row; an
    unsubscribed address is deleted, not kept.
    """

    email = models.EmailField(_("email"), unique=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    services = models.ManyToManyField(
        "sla.Service",
        verbose_name=_("services"),
        blank=True,
        related_name="outage_subscribers",
        help_text=_("Empty: every notice."),
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("subscribed at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def confirm(self) -> None:
        if self.confirmed_at is None:
            self.confirmed_at = timezone.now()
            self.save(update_fields=["confirmed_at"])
