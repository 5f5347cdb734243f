"""Pages of a back-office listing that cost the same on page 1 and page 2,000.

A plain ``LIMIT 50 OFFSET 99950`` makes the database build (and join) every row it
skips. This paginator asks for the page's rows by their primary keys, chosen by a
subquery that the listing's ordering index answers without touching the rows or their
joins: ``... WHERE id IN (SELECT id ... ORDER BY ... LIMIT 50 OFFSET 99950)``; one
query, and only the 50 rows shown are joined. Databases that refuse a sliced subquery
(MySQL) get the primary keys first, in a query of their own.
"""

from __future__ import annotations

from django.db import connections
from wagtail.admin.paginator import WagtailPaginator


class DeferredJoinPaginator(WagtailPaginator):
    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        queryset = self.object_list
        ids = queryset.values("pk")[bottom:top]
        if connections[queryset.db].features.allow_sliced_subqueries_with_in:
            return self._get_page(list(queryset.filter(pk__in=ids)), number, self)
        ids = [row["pk"] for row in ids]
        rows = {row.pk: row for row in queryset.filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)
