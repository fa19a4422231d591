"""What the API returns: stable field names, every fact with its source.

Every fact carries ``source`` (the story that reported it, or another source) and ``public``
(always true for anonymous callers, who see only what ``articles.facts.public`` lets
through; newsroom staff see everything, with drafts and unpublished-only facts marked).
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.models import Article, Quote
from people.models import (
    Candidacy,
    Contribution,
    Election,
    Endorsement,
    FundraisingTotal,
    Margin,
    Office,
    Organization,
    Person,
    Poll,
    PollResult,
    Race,
    ResultLine,
    ResultSnapshot,
    Term,
)


class StoryRefSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The story's page on the public site.")
    public = serializers.BooleanField(source="is_public", read_only=True)

    class Meta:
        model = Article
        fields = ["headline", "published_at", "url", "status", "public"]

    def get_url(self, story) -> str:
        return self.context["request"].build_absolute_uri(story.get_absolute_url())


class SourceSerializer(serializers.Serializer):
    """The story that reported a fact, or its other source (``note``)."""

    story = StoryRefSerializer(source="source_article", allow_null=True)
    note = serializers.CharField(source="source_note")


class PersonRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["slug", "name"]


class OrganizationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["slug", "name", "kind"]


class RaceRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Race
        fields = ["slug", "name"]


class FactSerializer(serializers.ModelSerializer):
    """Base for sourced facts: ``id``, ``source`` and ``public``."""

    source = serializers.SerializerMethodField()
    public = serializers.BooleanField(source="is_public", read_only=True)

    @extend_schema_field(SourceSerializer)
    def get_source(self, fact):
        return SourceSerializer(fact, context=self.context).data


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["slug", "name", "sort_name", "description", "bio", "updated"]


class OrganizationSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Organization
        fields = ["slug", "name", "kind", "parent", "description", "updated"]


class TermSerializer(FactSerializer):
    person = PersonRefSerializer()
    office = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Term
        fields = [
            "id",
            "person",
            "office",
            "start",
            "start_precision",
            "start_earliest",
            "end",
            "end_precision",
            "end_earliest",
            "how",
            "source",
            "public",
        ]


class OfficeSerializer(serializers.ModelSerializer):
    organization = OrganizationRefSerializer(allow_null=True)
    terms = TermSerializer(many=True, source="visible_terms")

    class Meta:
        model = Office
        fields = ["slug", "name", "jurisdiction", "organization", "description", "terms"]


class ElectionSerializer(serializers.ModelSerializer):
    races = RaceRefSerializer(many=True, source="visible_races")

    class Meta:
        model = Election
        fields = ["slug", "name", "date", "kind", "jurisdiction", "races"]


class CandidacySerializer(FactSerializer):
    person = PersonRefSerializer()
    race = RaceRefSerializer()
    party = OrganizationRefSerializer(allow_null=True)

    class Meta:
        model = Candidacy
        fields = [
            "id",
            "race",
            "person",
            "is_incumbent",
            "ballot_designation",
            "party",
            "status",
            "outcome",
            "note",
            "source",
            "public",
        ]


class RaceCandidacySerializer(CandidacySerializer):
    class Meta(CandidacySerializer.Meta):
        fields = [f for f in CandidacySerializer.Meta.fields if f != "race"]


class RaceSerializer(serializers.ModelSerializer):
    election = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    election_date = serializers.DateField(source="election.date")
    office = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    candidacies = RaceCandidacySerializer(many=True, source="visible_candidacies")

    class Meta:
        model = Race
        fields = [
            "slug",
            "name",
            "election",
            "election_date",
            "office",
            "is_nonpartisan",
            "summary",
            "candidacies",
            "updated",
        ]


@extend_schema_field({"type": "string", "format": "decimal", "nullable": True})
class ShareField(serializers.Field):
    """A share as a decimal string with the decimals its source gave ("53.8", not "53.80")."""

    def to_representation(self, value):
        return None if value is None else str(value)


class ResultLineSerializer(serializers.ModelSerializer):
    candidacy = serializers.IntegerField(source="candidacy_id")
    person = PersonRefSerializer(source="candidacy.person")
    percent = ShareField(read_only=True, help_text="Share of the vote, as precise as reported.")
    public = serializers.BooleanField(source="is_public", read_only=True)

    class Meta:
        model = ResultLine
        fields = ["candidacy", "person", "votes", "percent", "public"]


class ResultSnapshotSerializer(FactSerializer):
    race = RaceRefSerializer()
    as_of = serializers.CharField(
        source="as_of_iso",
        read_only=True,
        help_text="When the count was reported: ISO 8601 to the second, or the day alone "
        '("2020-11-04") when no time was reported (see as_of_precision).',
    )
    lines = ResultLineSerializer(many=True, source="visible_lines")

    class Meta:
        model = ResultSnapshot
        fields = [
            "id",
            "race",
            "as_of",
            "as_of_precision",
            "status",
            "precincts_reporting",
            "note",
            "lines",
            "source",
            "public",
        ]


class PollResultSerializer(serializers.ModelSerializer):
    candidacy = serializers.IntegerField(source="candidacy_id", allow_null=True)
    person = PersonRefSerializer(source="candidacy.person", allow_null=True, default=None)
    label = serializers.CharField()
    percent = ShareField(read_only=True, help_text="Share, as precise as reported.")
    public = serializers.BooleanField(source="is_public", read_only=True)

    class Meta:
        model = PollResult
        fields = ["candidacy", "person", "label", "choice", "percent", "public"]


class PollSerializer(FactSerializer):
    race = RaceRefSerializer()
    pollster = OrganizationRefSerializer()
    sponsors = OrganizationRefSerializer(many=True, source="visible_sponsors")
    leader = serializers.IntegerField(source="leader_id", allow_null=True)
    results = PollResultSerializer(many=True, source="visible_results")

    class Meta:
        model = Poll
        fields = [
            "id",
            "race",
            "pollster",
            "sponsors",
            "fieldwork_start",
            "fieldwork_end",
            "released_on",
            "sample_size",
            "population",
            "margin_of_error",
            "leader",
            "lead",
            "results",
            "note",
            "source",
            "public",
        ]


class EndorsementSerializer(FactSerializer):
    endorser_person = PersonRefSerializer(allow_null=True)
    endorser_organization = OrganizationRefSerializer(allow_null=True)
    candidacy = serializers.IntegerField(source="candidacy_id")
    endorsee = PersonRefSerializer(source="candidacy.person")
    race = RaceRefSerializer(source="candidacy.race")

    class Meta:
        model = Endorsement
        fields = [
            "id",
            "endorser_person",
            "endorser_organization",
            "endorser_detail",
            "candidacy",
            "endorsee",
            "race",
            "announced_on",
            "announced_precision",
            "announced_earliest",
            "withdrawn_on",
            "withdrawn_precision",
            "withdrawn_earliest",
            "note",
            "source",
            "public",
        ]


class MarginSerializer(FactSerializer):
    race = RaceRefSerializer()
    leader = serializers.IntegerField(source="leader_id")
    leader_person = PersonRefSerializer(source="leader.person")
    trailer = serializers.IntegerField(source="trailer_id", allow_null=True)
    trailer_person = PersonRefSerializer(source="trailer.person", allow_null=True, default=None)

    class Meta:
        model = Margin
        fields = [
            "id",
            "race",
            "leader",
            "leader_person",
            "trailer",
            "trailer_person",
            "votes",
            "points",
            "reported_on",
            "reported_precision",
            "reported_earliest",
            "note",
            "source",
            "public",
        ]


class FundraisingTotalSerializer(FactSerializer):
    race = RaceRefSerializer()
    candidacy = serializers.IntegerField(source="candidacy_id", allow_null=True)
    person = PersonRefSerializer(source="candidacy.person", allow_null=True, default=None)

    class Meta:
        model = FundraisingTotal
        fields = [
            "id",
            "race",
            "candidacy",
            "person",
            "as_of",
            "amount",
            "qualifier",
            "note",
            "source",
            "public",
        ]


class ContributionSerializer(FactSerializer):
    contributor_person = PersonRefSerializer(allow_null=True)
    contributor_organization = OrganizationRefSerializer(allow_null=True)
    recipient_candidacy = serializers.IntegerField(source="recipient_candidacy_id", allow_null=True)
    recipient_person = PersonRefSerializer(
        source="recipient_candidacy.person", allow_null=True, default=None
    )
    recipient_committee = OrganizationRefSerializer(allow_null=True)

    class Meta:
        model = Contribution
        fields = [
            "id",
            "contributor_person",
            "contributor_organization",
            "recipient_candidacy",
            "recipient_person",
            "recipient_committee",
            "kind",
            "amount",
            "qualifier",
            "period_start",
            "period_end",
            "note",
            "source",
            "public",
        ]


class QuoteSerializer(serializers.ModelSerializer):
    speaker = PersonRefSerializer()
    story = StoryRefSerializer(source="article")
    public = serializers.BooleanField(source="is_public", read_only=True)

    class Meta:
        model = Quote
        fields = ["id", "speaker", "text", "paragraph", "context", "story", "public"]


class StorySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    section = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    public = serializers.BooleanField(source="is_public", read_only=True)

    class Meta:
        model = Article
        fields = [
            "slug",
            "headline",
            "dek",
            "section",
            "status",
            "published_at",
            "updated",
            "url",
            "public",
        ]

    def get_url(self, story) -> str:
        return self.context["request"].build_absolute_uri(story.get_absolute_url())
