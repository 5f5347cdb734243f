from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms.attachments import PrivateUpload, atomic_with_files
from cms.backoffice.membership import UnitMembership
from cms.backoffice.view_log import StaffViewLog
from cms.fields import tracking_code_field
from cms.groups import ensure_group
from cms.tracking import new_tracking_code
from cms.transitions import Transition, TransitionRecord, Workflow


class Status(models.TextChoices):
    NEW = "new", pgettext_lazy("ticket status", "New")
    CLOSED = "closed", pgettext_lazy("ticket status", "Closed")
    WITHDRAWN = "withdrawn", pgettext_lazy("ticket status", "Withdrawn")


# The only moves a ticket makes, and who makes each.
TICKETS = Workflow(
    [
        Transition(Status.NEW, Status.CLOSED, {"staff"}),
        Transition(Status.NEW, Status.WITHDRAWN, {"citizen"}),
    ],
    states=Status,
)


class Ticket(models.Model):
    """What a citizen sends to a unit; followed up with its tracking code and mobile."""

    wagtail_reference_index_ignore = True  # users' data: not in a page's "usage"

    code = tracking_code_field()
    unit = models.ForeignKey(
        "sitepages.UnitPage", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("text"))
    mobile = models.CharField(_("mobile number"), max_length=11)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.NEW)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return self.code

    @classmethod
    def send(cls, *, unit, text, mobile, files):
        """A new ticket with its files (``[(upload, kind)]`` from AttachmentsField)."""

        def operation(stored):
            code = new_tracking_code(lambda code: cls.objects.filter(code=code).exists())
            ticket = cls.objects.create(code=code, unit=unit, text=text, mobile=mobile)
            for upload, kind in files:
                TicketFile(ticket=ticket).store(upload, kind, stored=stored)
            return ticket

        return atomic_with_files(operation)  # a failure leaves no row and no file

    def withdraw(self, *, note=""):  # TransitionNotAllowed unless the table allows it
        TICKETS.move(self, Status.WITHDRAWN, actor="citizen", note=note, record=TicketChange)

    def close(self, *, user):
        TICKETS.move(self, Status.CLOSED, actor="staff", user=user, record=TicketChange)


class TicketFile(PrivateUpload):
    upload_folder = "testplugin"  # PRIVATE_MEDIA_ROOT/testplugin/2025/05/<random>.pdf
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="files")


class TicketChange(TransitionRecord):
    subject_field = "ticket"
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="changes")


class TicketViewLog(StaffViewLog):
    subject_field = "ticket"
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="+")


def staff_group():
    """What every ticket staff member may do: enter the admin, read and close tickets."""
    return ensure_group(
        "Test plugin staff",
        [
            ("wagtailadmin", "access_admin"),
            ("testplugin", "view_ticket"),
            ("testplugin", "change_ticket"),
        ],
    )


class TicketStaff(UnitMembership):
    """A user who reads and closes one unit's tickets (the back office's fence)."""

    class Meta(UnitMembership.Meta):
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="testplugin_staff_unique")
        ]

    def member_group(self):
        return staff_group()
