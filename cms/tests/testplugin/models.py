from django.db import models


class TestSubmission(models.Model):
    text = models.TextField()
    attachment = models.FileField(upload_to="testplugin/", blank=True)

    def __str__(self):
        return self.text[:40]
