"""Requests stored on a translated unit page (e.g. the English twin, which has no staff)
move to the unit's canonical page: the default language's page with the same
translation key, where the unit's desk staff are."""

from django.conf import settings
from django.db import migrations


def to_canonical(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    UnitPage = apps.get_model("sitepages", "UnitPage")
    ServiceRequest = apps.get_model("desk", "ServiceRequest")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if default is None:
        return
    translated = UnitPage.objects.exclude(locale=default)
    canonical = dict(
        UnitPage.objects.filter(
            locale=default,
            translation_key__in=translated.values("translation_key"),
        ).values_list("translation_key", "pk")
    )
    moves = {
        pk: canonical[key]
        for pk, key in translated.values_list("pk", "translation_key")
        if key in canonical
    }
    for field in ("unit", "concerned_unit"):
        for old, new in moves.items():
            ServiceRequest.objects.filter(**{f"{field}_id": old}).update(**{f"{field}_id": new})


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0003_neutral_log_labels"),
        ("sitepages", "0003_portal_pages"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(to_canonical, migrations.RunPython.noop)]
