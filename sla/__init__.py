"""The service catalog and SLA statements: the core every plugin's service hangs on.

What lives here:

* :class:`~sla.models.Service`, a Wagtail snippet with revisions: the service's identity
  card (شناسنامهٔ خدمت) with its fee, channels, responsible unit and promises.
* :class:`~sla.models.ServiceCatalogPage` (``/services/``) and
  :class:`~sla.models.SLAIndexPage` / :class:`~sla.models.SLAStatementPage` (``/sla/...``),
  pages in Wagtail's tree, so English works under ``/en/`` with no url change.
* the editors' side of the working calendar (:mod:`cms.working_calendar`, the one
  source of working time, with :func:`~cms.working_calendar.due_at` for response
  targets): :class:`~sla.models.WorkingCalendarSettings` (the working week) and
  :class:`~sla.models.CalendarDay` (holidays and working days they add), which
  ``WorkingCalendar.load()`` reads.
* :mod:`sla.importer`: reads a statement written like the customer's own file
  (``manage.py import_sla PATH`` and the admin's "Import a statement" screen).
* ``manage.py notify_expiring_sla``: emails owners of statements expiring within 30
  days, once a day each; the dashboard lists them too.

For unit pages: ``unit.services.live()`` are the unit's published services and
``service.get_absolute_url()`` is the public card (cached catalog URL, no query per
service); ``service.display_title`` is the title in the active language.

How plugins take part (``sla`` never imports a plugin; it asks ``cms.plugins.registry``):

``get_sla_metrics(service_code, start, end)``
    Figures shown on a service's card, over the period of its SLA statement when it has
    data there, else over the last 90 days, the card saying which
    (:func:`sla.metrics.service_figures`).
``get_service_start_url(service)``
    The URL of the plugin's form that starts ``service`` (a :class:`~sla.models.Service`),
    or ``None``; asked through ``registry.service_start_url(service)``. The first plugin
    that answers wins; the service's own ``start_url`` (an external system, for
    instance) is used only when no plugin answers, and a closed service has no button.
``cms.working_calendar.due_at(start, value, unit, pauses=...)``
    What a plugin calls to compute the due time of a response target; pauses are the
    intervals spent "waiting for the citizen", during which the clock stops.
"""
