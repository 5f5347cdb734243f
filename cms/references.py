"""Users' data out of Wagtail's reference index.

Models holding users' data or staff records (requests, applications, chats, view logs,
memberships) say ``wagtail_reference_index_ignore = True``: a page's "usage" tab then
neither lists nor counts them, and saving one writes nothing to the index. Rows the
index recorded before a model said so are removed by a migration of its app:

    operations = [forget_references("desk", ["ServiceRequest", "RequestViewLog"])]
"""

from __future__ import annotations

from django.db import migrations


def forget_references(app_label: str, model_names: list[str]) -> migrations.RunPython:
    """A migration operation that deletes the reference index's rows whose source is one
    of ``model_names`` (what Wagtail recorded before they were left out of it)."""

    def forget(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType")
        index = apps.get_model("wagtailcore", "ReferenceIndex")
        types = content_types.objects.filter(
            app_label=app_label, model__in=[name.lower() for name in model_names]
        )
        index.objects.filter(content_type__in=types).delete()
        index.objects.filter(base_content_type__in=types).delete()

    return migrations.RunPython(forget, migrations.RunPython.noop, elidable=True)
