"""Background work (django-tasks, which Wagtail uses; run immediately unless TASKS says
otherwise). ``manage.py send_outage_notifications`` retries whatever failed."""

from django_tasks import task


@task()
def notify_subscribers(update_id: int) -> int:
    from .notifications import send_update_notifications

    return send_update_notifications(update_id)
