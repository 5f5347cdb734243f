"""Who of the staff looked at which object, and when: personal data is watched.

A plugin's log inherits :class:`StaffViewLog`, adds the foreign key to what was looked
at (named in ``subject_field``) and redeclares ``action`` with its own choices::

    class ConversationViewLog(StaffViewLog):
        subject_field = "conversation"
        conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE)
        action = models.CharField(_("action"), max_length=10, choices=ViewAction.choices)

and names it in its admin's ``view_log_model``; :class:`~cms.backoffice.options.
FencedModelAdmin` then records every opening, history reading, download and export.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..fields import staff_member_field


class StaffViewLog(models.Model):
    """One look of a staff member at one object. Appended, never edited."""

    # Users' data and staff records: kept out of Wagtail's reference index, so a page's
    # "usage" neither lists nor counts them (and saving one writes nothing there).
    wagtail_reference_index_ignore = True

    subject_field = "subject"

    user = staff_member_field(blank=False)
    action = models.CharField(_("action"), max_length=10)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        abstract = True
        ordering = ["-at", "-pk"]

    def __str__(self):
        action = getattr(self, "get_action_display", lambda: self.action)()
        return f"{self.user} {action} {getattr(self, f'{self.subject_field}_id', '')}"
