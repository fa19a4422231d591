"""Which facts readers may see: the one visibility rule for the civic graph's facts.

A fact exists for readers only when

* the story it cites (if any) is published: a fact whose only source is a draft, a
  scheduled, an embargoed or a withdrawn story does not exist publicly. A fact with no
  source story stands on its other source (or on the newsroom's own record) instead;
* every person, organization and race it names has public coverage (``articles.coverage``):
  a published story mentions them. So a fact never puts on the public site a name that is so
  far only in unpublished stories, even when the fact itself has no source story;
* every fact it hangs on is itself public: an endorsement of a candidacy known only from a
  draft, or a result line for such a candidacy, is not shown.

``public(queryset)`` applies the rule to any queryset of facts, people, organizations,
races, offices, elections or stories; every public page, feed, sitemap and the API use it.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, Exists, Expression, F, OuterRef, Q
from django.utils import timezone

from core.publishing import published_condition
from people.models import (
    Affiliation,
    Candidacy,
    Contribution,
    Election,
    Endorsement,
    FundraisingTotal,
    Margin,
    Office,
    Organization,
    PartyMembership,
    Person,
    Poll,
    PollResult,
    Race,
    ResultLine,
    ResultSnapshot,
    Term,
)

from .coverage import with_public_coverage
from .models import Article, Mention, Quote


@dataclass(frozen=True)
class Rule:
    # Story paths: when set, the story must be published (``source_article`` may be empty).
    cited: tuple = ("source_article",)
    # Story paths that must be set and published (a quote is only as public as its story).
    required_story: tuple = ()
    # Paths to the people, organizations and races the fact names (empty is fine).
    named: tuple = ()
    # Paths to the facts it hangs on; each must be public itself (empty is fine).
    depends: tuple = ()


RULES = {
    Candidacy: Rule(named=("person", "party", "race")),
    Endorsement: Rule(named=("endorser_person", "endorser_organization"), depends=("candidacy",)),
    Term: Rule(named=("person",)),
    ResultSnapshot: Rule(named=("race",)),
    ResultLine: Rule(cited=(), depends=("snapshot", "candidacy")),
    Margin: Rule(named=("race",), depends=("leader", "trailer")),
    Poll: Rule(named=("race", "pollster"), depends=("leader",)),
    PollResult: Rule(cited=(), depends=("poll", "candidacy")),
    FundraisingTotal: Rule(named=("race",), depends=("candidacy",)),
    Contribution: Rule(
        named=("contributor_person", "contributor_organization", "recipient_committee"),
        depends=("recipient_candidacy",),
    ),
    Affiliation: Rule(named=("person", "organization")),
    PartyMembership: Rule(named=("person", "party")),
    Quote: Rule(cited=(), required_story=("article",), named=("speaker",)),
}

_MENTION_FIELD = {Person: "person", Organization: "organization", Race: "race"}


def _field(model, name):
    return model._meta.get_field(name)


def _covered(path, model, now):
    """``path`` (to a person, organization or race) is empty or has public coverage."""
    # The mention's own copy of its story's status and time: one probe of the mention index,
    # no join to the stories.
    mentions = Mention.objects.filter(
        published_condition("story_", now), **{_MENTION_FIELD[model]: OuterRef(path)}
    )
    return Exists(mentions)


def fact_condition(model, prefix="", now=None):
    """The condition, on rows reached through ``prefix``, that a fact of ``model`` is public;
    the facts it hangs on are looked up under their own rule (``PublicRow``)."""
    now = now or timezone.now()  # one moment for every part of the rule
    rule = RULES[model]
    condition = Q()
    for path in rule.cited:
        condition &= Q(**{f"{prefix}{path}__isnull": True}) | published_condition(
            f"{prefix}{path}__", now
        )
    for path in rule.required_story:
        condition &= published_condition(f"{prefix}{path}__", now)
    for path in rule.named:
        field = _field(model, path)
        covered = Q(_covered(f"{prefix}{path}", field.related_model, now))
        condition &= Q(**{f"{prefix}{path}__isnull": True}) | covered if field.null else covered
    for path in rule.depends:
        # The fact it hangs on, looked up by its id under its own rule: one small plan each,
        # not every join of both rules in one.
        field = _field(model, path)
        inner = Q(PublicRow(field.related_model, now, F(f"{prefix}{path}")))
        condition &= Q(**{f"{prefix}{path}__isnull": True}) | inner if field.null else inner
    return condition


def public(queryset, now=None):
    """The rows of ``queryset`` that readers may see, whatever kind of record it holds."""
    model = queryset.model
    if model is Article:
        return queryset.published(now)
    if model in _MENTION_FIELD:
        return with_public_coverage(queryset)
    if model is Office:
        return queryset.filter(
            Exists(public(Term.objects.filter(office=OuterRef("pk")), now))
            | Exists(public(Race.objects.filter(office=OuterRef("pk")), now))
        )
    if model is Election:
        return queryset.filter(Exists(public(Race.objects.filter(election=OuterRef("pk")), now)))
    return queryset.filter(PublicRow(model, now or timezone.now()))


class PublicRow(Expression):
    """True where the row (of a fact of ``model``) is public as of ``now``: ``fact_condition``
    for that one row, as ``EXISTS (the rule's query WHERE id = the row's id)``.

    The rule nests (an endorsement hangs on a candidacy, which names a person, each with its
    coverage): building it and compiling it took more of a race page's time than the database
    took to run it, and planning its many joins more again. So the rule's query is built from
    ``fact_condition`` and compiled once per kind of fact and database engine; each use puts in
    its moment and the row it is about. On PostgreSQL the subquery ends in ``OFFSET 0``, which
    keeps it a lookup of the one row: flattened into a join, the planner may evaluate the rule
    for every fact of the kind first (0.4 ms against 800 ms for a race's endorsements beside
    200,000 others)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, model, now, row=None):
        super().__init__()
        self.model, self.now, self.row = model, now, row if row is not None else F("pk")

    def get_source_expressions(self):
        return [self.row]

    def set_source_expressions(self, exprs):
        (self.row,) = exprs

    def as_sql(self, compiler, connection):
        row_sql, row_params = compiler.compile(self.row)
        pieces, params, moments, row_slot = _compiled_rule(self.model, connection)
        moment = _as_param(self.now, connection)
        params = [moment if index in moments else param for index, param in enumerate(params)]
        sql = pieces[0]
        for index, piece in enumerate(pieces[1:]):
            sql += (row_sql if index == row_slot else "%s") + piece
        params[row_slot : row_slot + 1] = row_params
        fence = " OFFSET 0" if connection.vendor == "postgresql" else ""
        return f"EXISTS ({sql}{fence})", params


# Stand for the moment and for the row in the rule's compiled query: no story is dated so,
# no row has that id.
_EACH_MOMENT = dt.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=dt.UTC)
_EACH_ROW = -190102030405
_COMPILED = {}


def _compiled_rule(model, connection):
    """(the SQL cut at its placeholders, its parameters, the slots of the moment, the slot of
    the row), built and compiled once per kind of fact and database engine."""
    key = (model, connection.vendor)
    if key not in _COMPILED:
        rule = model._base_manager.filter(fact_condition(model, now=_EACH_MOMENT), pk=_EACH_ROW)
        query = rule.order_by().values("pk").query
        # Aliases of its own kind's (Fendorsement0, ...), never the table's name: the row's id
        # must be the outer query's, not this query's own, also where one rule looks up a
        # fact of another kind under that kind's rule.
        prefix = f"F{model._meta.model_name}"
        query.change_aliases({alias: f"{prefix}{n}" for n, alias in enumerate(query.alias_map)})
        sql, params = query.get_compiler(connection=connection).as_sql()
        pieces = sql.split("%s")
        if len(pieces) != len(params) + 1:
            raise ValueError(f"The visibility rule for {model.__name__} has a stray %s.")
        stamp = _as_param(_EACH_MOMENT, connection)
        moments = frozenset(index for index, param in enumerate(params) if param == stamp)
        _COMPILED[key] = (pieces, tuple(params), moments, list(params).index(_EACH_ROW))
    return _COMPILED[key]


def _as_param(moment, connection):
    """``moment`` as the database driver is handed it in a lookup on a story's time."""
    return Article._meta.get_field("published_at").get_db_prep_value(moment, connection)


def is_public(obj, now=None):
    return public(type(obj)._default_manager.filter(pk=obj.pk), now).exists()


def office_stories(office, now=None):
    """Published stories about ``office``: those that mention one of its races, and those that
    mention one of its holders while in office (a public term, from its first day to the day
    before its end; the stories of their other years are about them, not the office).

    The terms are read once (an office has a handful); the stories are one query after."""
    about = Q(mentions__race__office=office)
    for person_id, start, end in (
        public(Term.objects.filter(office=office), now)
        .order_by("start")
        .values_list("person_id", "start", "end")
    ):
        held = Q(mentions__person_id=person_id, published_at__date__gte=start)
        if end is not None:
            held &= Q(published_at__date__lt=end)
        about |= held
    return Article.objects.published(now).filter(about).distinct()
