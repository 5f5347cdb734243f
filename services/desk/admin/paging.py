"""The queue's paginator lives in the back-office base (every listing uses it)."""

from cms.backoffice.paging import DeferredJoinPaginator

__all__ = ["DeferredJoinPaginator"]
