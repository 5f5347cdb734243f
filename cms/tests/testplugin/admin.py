"""A back office written only with the shared base (cms.backoffice): the fence, the
allowed parameters, the export and a custom action come from the base."""

from django.contrib import messages
from django.contrib.admin import RelatedOnlyFieldListFilter
from wagtail_modeladmin.options import ModelAdminGroup

from cms.backoffice.actions import ObjectActionView
from cms.backoffice.fence import UnitFence
from cms.backoffice.options import FencedModelAdmin

from .models import TestSubmission, TestSubmissionViewLog


def groups_of(user):
    return set(user.groups.values_list("id", flat=True))


class MarkDoneView(ObjectActionView):
    name = "done"
    route = "done/<int:instance_pk>/"

    def is_permitted_on(self, user, obj):
        return self.permission_helper.user_can_change(user, obj)

    def post(self, request, instance_pk):
        TestSubmission.objects.filter(pk=self.object.pk).update(done=True)
        messages.success(request, "انجام شد")
        return self.back()


class TestSubmissionAdmin(FencedModelAdmin):
    model = TestSubmission
    menu_label = "ارسال‌های آزمایشی"
    base_url_path = "testplugin/submissions"
    fence = UnitFence(groups_of, unit_field="group_id")
    staff_can_edit = True
    view_log_model = TestSubmissionViewLog  # a StaffViewLog: it names its own field
    action_views = (MarkDoneView,)
    list_display = ("text", "group", "done")
    list_filter = ("done", ("group", RelatedOnlyFieldListFilter))
    search_fields = ("text",)
    list_export = ("text", "group")


class TestPluginAdminGroup(ModelAdminGroup):
    menu_label = "افزونهٔ آزمایشی"
    menu_order = 990
    items = (TestSubmissionAdmin,)
