"""Background work (django-tasks, which Wagtail uses; run immediately unless TASKS says
otherwise). ``manage.py send_outage_notifications`` retries whatever failed."""

from django_tasks import task

from .notifications import send_update_notifications


@task()
def notify_subscribers(update_id: int) -> int:
    return send_update_notifications(update_id)
