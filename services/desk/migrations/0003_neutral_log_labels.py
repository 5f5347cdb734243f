"""Site history labels of fenced objects carry no personal data: entries written before
the back-office fence (labelled with a subject or a name) get "<type> #<id>"."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat

APP_LABEL = "desk"
MODELS = ["servicerequest", "deskstaff"]


def neutral_labels(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    for name in MODELS:
        content_type = ContentType.objects.filter(app_label=APP_LABEL, model=name).first()
        if content_type is None:
            continue
        verbose_name = str(apps.get_model(APP_LABEL, name)._meta.verbose_name)
        ModelLogEntry.objects.filter(content_type=content_type).update(
            label=Concat(Value(f"{verbose_name} #"), "object_id")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0002_request_queue_indexes"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(neutral_labels, migrations.RunPython.noop)]
