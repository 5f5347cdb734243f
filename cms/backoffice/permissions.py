"""Who may do what in a fenced back office: real ``app_label.codename`` permissions AND
the fence, checked by every view (menus are only hidden on top of that)."""

from __future__ import annotations

from wagtail_modeladmin.helpers import PermissionHelper


class FencedPermissionHelper(PermissionHelper):
    """Listing and opening need the model's view (or change) permission and a place
    inside the fence; changing needs the change permission and the object inside the
    fence. What citizens and students sent is never created nor deleted by staff."""

    model_admin = None  # set by FencedModelAdmin

    def user_has_action_permission(self, user, action) -> bool:
        """``<app_label>.<action>_<model>``, e.g. ``desk.view_servicerequest``.

        Asked once per user object (a request's user) and action: a listing asks for
        every row's buttons, and each answer would go through every auth backend."""
        answers = user.__dict__.setdefault("_backoffice_permissions", {})
        codename = self.get_perm_codename(action)
        key = f"{self.opts.app_label}.{codename}"
        if key not in answers:
            answers[key] = self.user_has_specific_permission(user, codename)
        return answers[key]

    @property
    def fence(self):
        return self.model_admin.fence

    def user_can_list(self, user):
        return (
            bool(getattr(user, "is_active", False))
            and self.fence.admits(user)
            and (
                self.user_has_action_permission(user, "view")
                or self.user_has_action_permission(user, "change")
            )
        )

    def user_can_see(self, user, obj) -> bool:
        """Listed to this user and inside the fence (whether or not it has an inspect view)."""
        return self.user_can_list(user) and self.fence.can_see(user, obj)

    def user_can_inspect_obj(self, user, obj):
        return self.inspect_view_enabled and self.user_can_see(user, obj)

    def user_can_change(self, user, obj) -> bool:
        return self.user_has_action_permission(user, "change") and self.user_can_see(user, obj)

    def user_can_edit_obj(self, user, obj):
        return self.model_admin.staff_can_edit and self.user_can_change(user, obj)

    def user_can_create(self, user):
        return self.model_admin.staff_can_create and self.user_has_action_permission(user, "add")

    def user_can_delete_obj(self, user, obj):
        return False
