"""The screens of the loan applications: the queues by stage, the work screen, the
history."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy

from cms.backoffice.views import FencedHistoryView, FencedIndexView, FencedInspectView
from cms.tracking import format_tracking_code

from ..enums import ROLE_QUEUES, LoanStage, Role, allowed_targets, get_transition
from ..forms import MoveForm
from ..roles import roles_of
from .listing import ltr


class ApplicationIndexView(FencedIndexView):
    """The queues: one tab per stage with its count, the user's own queues first."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = dict(
            self.get_base_queryset().values_list("stage").annotate(n=Count("pk")).order_by()
        )
        mine = set()
        for role in roles_of(self.request.user):
            mine.update(ROLE_QUEUES.get(role, ()))
        current = self.request.GET.get("stage", "")
        # A tab keeps the other filters and the search, and starts at the first page.
        kept = self.request.GET.copy()
        for name in ("stage", self.PAGE_VAR):
            kept.pop(name, None)

        def tab_url(stage=""):
            query = kept.copy()
            if stage:
                query["stage"] = stage
            encoded = query.urlencode()
            return (
                f"{self.url_helper.index_url}?{encoded}" if encoded else self.url_helper.index_url
            )

        context["queues"] = [
            {
                "stage": stage,
                "label": label,
                "count": counts.get(stage, 0),
                "mine": stage in mine,
                "current": stage == current,
                "url": tab_url(stage),
            }
            for stage, label in LoanStage.choices
        ]
        context["all_url"] = tab_url()
        context["all_count"] = sum(counts.values())
        context["no_filter"] = not current
        return context


class ApplicationInspectView(FencedInspectView):
    """The work screen: the application in full, its documents, its timeline, and the
    moves the user's roles may make now."""

    page_title = gettext_lazy("Loan application")

    def get_page_subtitle(self):
        return ltr(format_tracking_code(self.instance.tracking_code))

    def get_context_data(self, **kwargs):
        obj = self.instance
        roles = roles_of(self.request.user)
        forms = kwargs.pop("move_forms", None) or {}
        moves = []
        for target in allowed_targets(obj.stage, roles):
            moves.append(
                {
                    "target": target,
                    "label": LoanStage(target).label,
                    "form": forms.get(target) or MoveForm(application=obj, target=target),
                    "url": self.url_helper.get_action_url("move", obj.pk, target),
                    "danger": target in (LoanStage.REJECTED, LoanStage.RETURNED),
                }
            )
        context = {
            "application": obj,
            "moves": moves,
            "roles": [Role(role).label for role in sorted(roles)],
            "timeline": obj.stage_changes.select_related("user"),
            "documents": obj.documents.all(),
            "history_url": self.url_helper.get_action_url("history", obj.pk),
            "download_url_name": self.url_helper.get_action_url_name("download"),
            "waiting_for": _waiting_for(obj),
        }
        context.update(kwargs)
        return super().get_context_data(**context)


def _waiting_for(application) -> str:
    """Whose move it is now, from the transitions table."""
    roles = []
    for target in LoanStage.values:
        transition = get_transition(application.stage, target)
        if transition and transition.role not in roles:
            roles.append(transition.role)
    return "، ".join(str(Role(role).label) for role in roles)


class ApplicationHistoryView(FencedHistoryView):
    """Who changed what and when (django-simple-history), and who looked at it."""

    template_name = "loans/admin/application_history.html"

    def get_page_subtitle(self):
        return ltr(format_tracking_code(self.instance.tracking_code))
