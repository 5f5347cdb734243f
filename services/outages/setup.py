"""The outages plugin's part of ``setup_portal``: who may announce outages.

Editors draft outage and maintenance notices; Moderators also publish them (the
urgent-maintenance permission stays with administrators). Granted once, when a group
has no notice permission yet: an administrator's later choices stand.
"""

from django.contrib.auth.models import Group, Permission

from sitepages.setup_content import EDITORS, MODERATORS

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
