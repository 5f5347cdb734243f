"""The outages plugin's part of ``setup_portal``: who may announce outages.

Editors draft outage and maintenance notices and submit them to the Moderators' approval
workflow; Moderators also publish them (the
urgent-maintenance permission stays with administrators). Granted once, when a group
has no notice permission yet: an administrator's later choices stand.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Workflow, WorkflowContentType

from sitepages.setup_content import EDITORS, MODERATORS, WORKFLOW_NAME

from .models import OutageNotice

NOTICE_RIGHTS = {
    EDITORS: ["add_outagenotice", "change_outagenotice"],
    MODERATORS: ["add_outagenotice", "change_outagenotice", "publish_outagenotice"],
}


def ensure_notice_permissions(stdout):
    notice_permissions = Permission.objects.filter(content_type__app_label="outages")
    for name, codenames in NOTICE_RIGHTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None or group.permissions.filter(pk__in=notice_permissions).exists():
            continue
        group.permissions.add(*notice_permissions.filter(codename__in=codenames))
        stdout.write(f"  outages: {name} may {', '.join(codenames)}")


def ensure_notice_workflow(stdout):
    """Notices go through the Moderators' approval workflow: Editors submit, Moderators
    approve (publish). Assigned once; an administrator's later choice stands."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        return
    content_type = ContentType.objects.get_for_model(OutageNotice)
    _row, created = WorkflowContentType.objects.get_or_create(
        content_type=content_type, defaults={"workflow": workflow}
    )
    if created:
        stdout.write(f"  outages: notices go through “{WORKFLOW_NAME}”")
