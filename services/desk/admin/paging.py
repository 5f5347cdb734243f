"""Pages of the staff queue that cost the same on page 1 and page 2,000.

A plain ``LIMIT 50 OFFSET 99950`` makes the database build (and join) every row it
skips. This paginator takes the page in two steps: the primary keys of the page first,
which the queue's ordering index answers without touching the rows or their joins,
then those 50 rows with their units, services and assignees.
"""

from __future__ import annotations

from wagtail.admin.paginator import WagtailPaginator


class DeferredJoinPaginator(WagtailPaginator):
    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)
