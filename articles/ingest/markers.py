"""Where a title or a role phrase may begin, as folded words, found by the name automaton.

Every match of ``linker.TITLED_NAME`` starts with one of the "title" words, every match of
``linker.ROLE`` with one of the "role" words, of ``linker.ORG_ROLE`` with an "org_role" one
(a test holds them to that). The automaton that
finds the names in one pass over a story finds these too, so those regular expressions are
tried only where they can match.
"""

ROLES = (
    "incumbent", "challenger", "candidate", "district attorney", "d.a.", "sheriff", "mayor",
    "governor",
)  # fmt: skip
# Generic phrases for an organization named earlier: "the union" (see linker.ORG_ROLE).
ORGANIZATION_ROLES = ("union", "association", "party")

MARKS = {
    "title": (
        "then-", "ex-", "former ", "interim ", "acting ", "deputy ", "assistant ",
        "chief deputy ", "dist. att", "district attorney", "d.a.", "sen.", "sens.", "senator",
        "rep.", "reps.", "mayor", "gov.", "governor", "sheriff", "supervisor", "judge",
        "councilm", "assemblym", "atty. gen.", "attorney general", "police chief", "dr.",
        "detective", "commissioner",
    ),
    "role": tuple(f"the {role}" for role in ROLES),
    "org_role": tuple(f"the {role}" for role in ORGANIZATION_ROLES),
}  # fmt: skip
