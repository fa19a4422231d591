"""Admin lists that count no further than a page needs.

Django's change list counts every matching row to number its pages: on a table of millions
that count is most of the page's time. Here a list counts at most ``COUNT_LIMIT`` matches (a
count over a LIMIT, where the database stops) and says "more than 10,000" past it. An admin
that knows the exact figure from counts the database keeps passes it in (``exact_count``):
the story list reads its tallies. An admin whose search can be estimated by the database's
planner passes the estimate in (``estimated_count``): past ``ESTIMATE_FROM`` matches even a
bounded count reads every match of a common word (a full-text index cannot stop early), so the
list shows "About 400,000 articles (estimated)" instead.
"""

from functools import cached_property

from django.core.paginator import Paginator

COUNT_LIMIT = 10_000
ESTIMATE_FROM = 50_000


class BoundedCountPaginator(Paginator):
    exact_count = None
    estimated_count = None
    capped = False  # whether ``count`` stopped at COUNT_LIMIT: the templates say "more than"
    estimated = False  # whether ``count`` is the planner's estimate: the templates say "about"

    @cached_property
    def count(self):
        if self.exact_count is not None:
            return self.exact_count
        if self.estimated_count is not None and self.estimated_count >= ESTIMATE_FROM:
            self.estimated = True
            return self.estimated_count
        # Unordered: which rows are counted does not matter, only where the count stops.
        counted = self.object_list.order_by()[: COUNT_LIMIT + 1].count()
        self.capped = counted > COUNT_LIMIT
        return min(counted, COUNT_LIMIT)
