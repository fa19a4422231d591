"""Admin lists that count no further than a page needs.

Django's change list counts every matching row to number its pages: on a table of millions
that count is most of the page's time. Here a list counts at most ``COUNT_LIMIT`` matches (a
count over a LIMIT, where the database stops) and says "more than 10,000" past it. An admin
that knows the exact figure from counts the database keeps passes it in (``exact_count``):
the story list reads its tallies.
"""

from functools import cached_property

from django.core.paginator import Paginator

COUNT_LIMIT = 10_000


class BoundedCountPaginator(Paginator):
    exact_count = None
    capped = False  # whether ``count`` stopped at COUNT_LIMIT: the templates say "more than"

    @cached_property
    def count(self):
        if self.exact_count is not None:
            return self.exact_count
        # Unordered: which rows are counted does not matter, only where the count stops.
        counted = self.object_list.order_by()[: COUNT_LIMIT + 1].count()
        self.capped = counted > COUNT_LIMIT
        return min(counted, COUNT_LIMIT)
