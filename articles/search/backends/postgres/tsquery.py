"""Parsed queries as tsquery SQL: each term a bound parameter, so no input is query syntax."""

from .schema import CONFIG


def term_sql(term, phrases=True):
    if term.prefix:  # a plain word (letters and digits only), so safe as tsquery syntax
        return f"to_tsquery('{CONFIG}', %s)", [f"{term.text}:*"]
    function = "phraseto_tsquery" if term.phrase and phrases else "plainto_tsquery"
    return f"{function}('{CONFIG}', %s)", [term.text]


def any_of(terms, phrases=True):
    """A group of alternatives; ``phrases=False`` asks for a phrase's words in any order."""
    parts = [term_sql(term, phrases) for term in terms]
    return "(" + " || ".join(sql for sql, _ in parts) + ")", [p for _, ps in parts for p in ps]


def all_groups(groups, phrases=True):
    """Every group: the whole query's words (its exclusions aside)."""
    groups = [any_of(group, phrases) for group in groups]
    return "(" + " && ".join(sql for sql, _ in groups) + ")", [p for _, ps in groups for p in ps]
