from django.db import models


class TestSubmission(models.Model):
    __test__ = False  # a model, not a test class for pytest to collect

    text = models.TextField()
    attachment = models.FileField(upload_to="testplugin/", blank=True)

    def __str__(self):
        return self.text[:40]
