from .endorsements import Endorsement
from .merges import MergedRecord
from .money import Contribution, FundraisingTotal, Qualifier
from .offices import Office, Term
from .organizations import Affiliation, Organization, OrganizationName
from .people import PartyMembership, Person, PersonName
from .polls import Poll, PollResult
from .races import Candidacy, Election, Margin, Race, ResultLine, ResultSnapshot

__all__ = [
    "Affiliation",
    "Candidacy",
    "Contribution",
    "Election",
    "Endorsement",
    "FundraisingTotal",
    "Margin",
    "MergedRecord",
    "Office",
    "Organization",
    "OrganizationName",
    "PartyMembership",
    "Person",
    "PersonName",
    "Poll",
    "PollResult",
    "Qualifier",
    "Race",
    "ResultLine",
    "ResultSnapshot",
    "Term",
]
