"""Users' data and staff records stay out of Wagtail's reference index
(``cms.references``), in every installed plugin."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from cms.backoffice.membership import UnitMembership
from cms.backoffice.view_log import StaffViewLog
from cms.references import forget_references


def private_models():
    """Models with a citizen's tracking code, staff view logs and unit memberships."""
    for model in apps.get_models():
        fields = {field.name for field in model._meta.get_fields()}
        if "tracking_code" in fields or issubclass(model, (StaffViewLog, UnitMembership)):
            yield model


def test_every_model_of_users_data_is_left_out_of_the_index():
    found = list(private_models())
    assert len(found) >= 6  # requests, applications, chats, their logs and memberships
    indexed = [model._meta.label for model in found if ReferenceIndex.is_indexed(model)]
    assert indexed == []


@pytest.mark.django_db
def test_the_migration_helper_removes_what_was_recorded_before(home_page):
    model = next(private_models())
    model_type = ContentType.objects.get_for_model(model)
    page_type = ContentType.objects.get_for_model(Page)
    ReferenceIndex.objects.create(
        content_type=model_type,
        base_content_type=model_type,
        object_id="1",
        to_content_type=page_type,
        to_object_id=str(home_page.pk),
        model_path="unit",
        content_path="unit",
        content_path_hash=ReferenceIndex._get_content_path_hash("unit"),
    )
    kept = ReferenceIndex.objects.count() - 1

    operation = forget_references(model._meta.app_label, [model.__name__])
    operation.code(apps, None)

    assert ReferenceIndex.objects.count() == kept
    assert not ReferenceIndex.objects.filter(base_content_type=model_type).exists()
