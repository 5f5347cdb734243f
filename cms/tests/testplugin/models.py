from django.conf import settings
from django.db import models
from django.utils import timezone

from cms.attachments import PrivateUpload
from cms.transitions import TransitionRecord


class TestSubmission(models.Model):
    __test__ = False  # a model, not a test class for pytest to collect

    text = models.TextField()
    attachment = models.FileField(upload_to="testplugin/", blank=True)
    # The test plugin's "unit": the group whose members may see the submission.
    group = models.ForeignKey(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done = models.BooleanField(default=False)

    def __str__(self):
        return self.text[:40]


class TestSubmissionViewLog(models.Model):
    submission = models.ForeignKey(TestSubmission, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10)
    at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user_id} {self.action} {self.submission_id}"


class TestUpload(PrivateUpload):
    """A file sent with a submission: the shared private-upload shape."""

    __test__ = False
    upload_folder = "testplugin"

    submission = models.ForeignKey(TestSubmission, on_delete=models.CASCADE, related_name="uploads")


class TestTicket(models.Model):
    """Something with a state that moves through a :class:`cms.transitions.Workflow`."""

    __test__ = False

    status = models.CharField(max_length=16, default="new")

    def __str__(self):
        return f"{self.pk} {self.status}"


class TestTicketChange(TransitionRecord):
    __test__ = False
    subject_field = "ticket"

    ticket = models.ForeignKey(TestTicket, on_delete=models.CASCADE, related_name="changes")
