"""The staff back-office base every plugin's admin screens use (wagtail-modeladmin).

``options.FencedModelAdmin`` is the base (see its module for what it does); ``fence``
holds the per-unit and per-role fences, ``actions`` the custom action view classes,
``views`` the fenced index/inspect/edit/history views, ``params`` the allowed listing
parameters, ``exports`` safe spreadsheet cells (the identifier masks are in
``cms.masking``), ``history`` the history entries and their display helper,
``site_history`` the fence on Wagtail's site history report, ``view_log`` the
abstract staff view log. Nothing is imported here,
so that models may import parts of the package before the admin is loaded.
"""
