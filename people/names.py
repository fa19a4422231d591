"""Names: look-ups for people and organizations, and typo-tolerant matching of names in queries.

Candidates come from the database (PostgreSQL: pg_trgm word similarity over the folded names,
through trigram GIN indexes; SQLite: substring matches on the folded names), then one edit
distance in Python decides, so both databases accept the same typos: one slip in a short
name ("Lacy" for Lacey), two in a long one ("Hochmann", "Gascone").
"""

import re

from django.db import connections
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When

from core.text import fold

WORD_SIMILARITY_THRESHOLD = 0.5  # low enough for "lacy" ~ "lacey"; edit distance decides
MAX_CANDIDATES = 400
_WORDS = re.compile(r"[^\W_]+")


def tune_postgres_session(sender, connection, **kwargs):
    """Per PostgreSQL connection: the pg_trgm threshold behind ``<%``, and no JIT.

    JIT compilation pays off for long analytic queries; for a page's short queries it only
    adds tens of milliseconds of compiling to the ones the planner thinks are big.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false), "
                "set_config('jit', 'off', false)",
                [str(WORD_SIMILARITY_THRESHOLD)],
            )


def allowed_edits(word):
    return 1 if len(word) <= 5 else 2


def edit_distance(a, b, limit):
    """Optimal-string-alignment distance (a swap of neighbours counts once), or limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _only_among(among, column):
    """SQL restricting ``column`` to the ids of the ``among`` subquery (none: no restriction)."""
    if among is None:
        return "", []
    sql, params = among.query.sql_with_params()
    return f" AND {column} IN ({sql})", list(params)


def _candidate_names(words, using, among=None):
    """Folded person names (and other names) that might hold a near spelling of each word.

    ``among``: a query of the person ids to consider (e.g. those with public coverage).
    """
    connection = connections[using]
    own, own_params = _only_among(among, "id")
    other, other_params = _only_among(among, "person_id")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"""
                SELECT w, name FROM unnest(%s::text[]) AS w CROSS JOIN LATERAL (
                    (SELECT folded_name AS name FROM people_person WHERE w <%% folded_name
                      {own} LIMIT %s)
                    UNION
                    (SELECT folded FROM people_personname WHERE w <%% folded {other} LIMIT %s)
                ) AS names
                """,
                [list(words), *own_params, MAX_CANDIDATES, *other_params, MAX_CANDIDATES],
            )
            return cursor.fetchall()
        rows = []
        for word in words:
            # Any name sharing the word's first or last three letters: catches one or two
            # slips anywhere but at both ends at once.
            patterns = [f"%{word[:3]}%", f"%{word[-3:]}%"]
            cursor.execute(
                f"""
                SELECT folded_name FROM people_person
                 WHERE (folded_name LIKE %s OR folded_name LIKE %s) {own}
                UNION
                SELECT folded FROM people_personname
                 WHERE (folded LIKE %s OR folded LIKE %s) {other}
                LIMIT %s
                """,
                [*patterns, *own_params, *patterns, *other_params, MAX_CANDIDATES * 4],
            )
            rows.extend((word, name) for (name,) in cursor.fetchall())
        return rows


def name_spellings(words, using="default", among=None):
    """For each word that is not itself part of a name: the name words it is likely a typo of.

    ``words`` are folded. Returns {word: [name word, ...]} with only the closest spellings.
    ``among``: a query of the person ids whose names count (all people when None).
    """
    words = [word for word in dict.fromkeys(words) if len(word) >= 4]
    if not words:
        return {}
    best = {word: (allowed_edits(word) + 1, set()) for word in words}
    exact = set()
    for word, name in _candidate_names(words, using, among):
        for name_word in _WORDS.findall(name):
            if name_word == word:
                exact.add(word)
                continue
            distance = edit_distance(word, name_word, allowed_edits(word))
            if distance < best[word][0]:
                best[word] = (distance, {name_word})
            elif distance == best[word][0]:
                best[word][1].add(name_word)
    return {
        word: sorted(spellings)[:3]
        for word, (distance, spellings) in best.items()
        if word not in exact and spellings and distance <= allowed_edits(word)
    }


def matching_names(queryset, text, spellings=None):
    """People or organizations whose name or other name contains ``text`` or nearly does.

    ``queryset`` is of a model with ``folded_name`` and ``other_names`` (each with ``folded``).
    ``spellings``: near spellings already found for the text's words ({word: [spelling]});
    looked up when not given. Ordered by how well they match: the whole name, a whole word of
    it, a name starting with the text, containing it, then near spellings of its words.
    """
    key = fold(text)
    if not key:
        return queryset.none()
    relation = queryset.model.other_names
    other_model, owner = relation.rel.related_model, relation.field.attname
    other_names = other_model._default_manager.filter(**{relation.field.name: OuterRef("pk")})
    if spellings is None:
        spellings = name_spellings(_WORDS.findall(key), queryset.db)
    wanted = [key, *(spelling for found in spellings.values() for spelling in found)]
    # One indexed substring search per table (trigram GIN on PostgreSQL), joined by id.
    in_names, in_other_names = Q(), Q()
    for part in wanted:
        in_names |= Q(folded_name__contains=part)
        in_other_names |= Q(folded__contains=part)
    matched = queryset.filter(
        Q(pk__in=queryset.model._default_manager.filter(in_names).values("pk"))
        | Q(pk__in=other_model._default_manager.filter(in_other_names).values(owner))
    )

    def whole_word(field):
        return (
            Q(**{field: key})
            | Q(**{f"{field}__startswith": f"{key} "})
            | Q(**{f"{field}__endswith": f" {key}"})
            | Q(**{f"{field}__contains": f" {key} "})
        )

    closeness = Case(
        When(Q(folded_name=key) | Exists(other_names.filter(folded=key)), then=Value(0)),
        When(whole_word("folded_name") | Exists(other_names.filter(whole_word("folded"))), then=1),
        When(folded_name__startswith=key, then=Value(2)),
        When(
            Q(folded_name__contains=key) | Exists(other_names.filter(folded__contains=key)),
            then=Value(3),
        ),
        default=Value(4),
        output_field=IntegerField(),
    )
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    return matched.annotate(closeness=closeness).order_by("closeness", *ordering)
