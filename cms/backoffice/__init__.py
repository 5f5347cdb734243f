"""The staff back-office base every plugin's admin screens use (wagtail-modeladmin).

``options.FencedModelAdmin`` is the base (see its module for what it does); ``fence``
holds the per-unit and per-role fences, ``actions`` the custom action view classes,
``views`` the fenced index/inspect/edit/history views, ``params`` the allowed listing
parameters, ``exports`` safe spreadsheet cells (the identifier masks are in
``cms.masking``), ``history`` the history entries and their display helper,
``site_history`` the fence on Wagtail's site history report, ``view_log`` the
abstract staff view log; for listings that stay cheap at 100,000 rows: ``paging`` (one
query per page, deep or not), ``filters`` (filter choices computed once),
``shared_cache`` (what is kept between requests, and when it is forgotten), ``menu``
(the admin's menus decided once per user and minute). Nothing is imported here,
so that models may import parts of the package before the admin is loaded.
"""
