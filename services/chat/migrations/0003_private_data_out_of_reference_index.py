"""Users' data and staff records leave Wagtail's reference index (cms.references)."""

from django.db import migrations

from cms.references import forget_references


class Migration(migrations.Migration):
    dependencies = [
        ("chat", "0002_shared_unit_membership"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0078_referenceindex"),
    ]

    operations = [forget_references("chat", ["ChatSession", "ChatViewLog", "ChatMembership"])]
