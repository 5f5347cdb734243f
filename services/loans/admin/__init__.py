"""The welfare office's back office in the Wagtail admin, built on the back-office base
:mod:`cms.backoffice` (wagtail-modeladmin).

Who may do what is decided by real permissions of this app, granted through the role
groups (:mod:`services.loans.roles`), and checked by every view, not only by the menus:

* listing, opening and reading the history of applications: ``loans.view_loanapplication``
  and one of the three roles (the per-role fence; other units' staff get 404/403);
* each move between stages: the role the transitions table names for it;
* batches to the fund and the fund's answers: the fund liaison;
* reports: ``loans.view_loan_reports``.

Lists mask national codes and Sheba numbers. Pages that show them in full (an opened
application, a batch's file, an answer file's preview) are never cached and are logged.

``listing``: fence, permissions, search; ``application_views`` and ``applications``:
the queue, work screen, history and moves; ``batches`` and ``answers``: the files
exchanged with the fund; ``catalog``: loan types and terms; ``reports``: the reports
and the menu group.
"""

from .reports import LoansAdminGroup

__all__ = ["LoansAdminGroup"]
