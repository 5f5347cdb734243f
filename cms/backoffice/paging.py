"""Pages of a back-office listing that cost the same on page 1 and page 2,000.

A plain ``LIMIT 50 OFFSET 99950`` makes the database build (and join) every row it
skips. Past the first pages this paginator takes the page in two steps: the primary keys
of the page first, which the listing's ordering index answers without touching the rows
or their joins, then those 50 rows with their joins. The first pages (``SHALLOW`` rows
skipped at most) take one query: skipping a few rows costs nothing.
"""

from __future__ import annotations

from wagtail.admin.paginator import WagtailPaginator


class DeferredJoinPaginator(WagtailPaginator):
    SHALLOW = 500

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if bottom <= self.SHALLOW:
            return self._get_page(list(self.object_list[bottom:top]), number, self)
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)
