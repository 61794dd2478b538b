"""What the API's items hold. Each list item is the same row its CSV download writes (less
`exported_at`): the fields are declared here for the OpenAPI document, and filled by the
downloads' own row functions, so the API and the CSV cannot drift apart."""

from rest_framework import serializers

from outreach.models import Coverage
from politicians.models import Bench, House
from statements.models import DatePrecision, Position, SourceKind

POSITION_OR_NONE = [*Position.values, "none"]


# A row the downloads' functions build, dates written as JSON writes them. A comment, not a
# docstring: the OpenAPI document would show a docstring as each item's description.
class RowSerializer(serializers.Serializer):
    def to_representation(self, instance):
        return _json_dates(instance)


# Who a politician is (public/exports.py `politician_identity`), first in both items. A comment,
# not a docstring: the OpenAPI document would show a docstring as the items' description.
class PoliticianIdentitySerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()
    party = serializers.CharField(allow_blank=True)
    house = serializers.ChoiceField(choices=House.choices)
    constituency = serializers.CharField(allow_blank=True)
    role = serializers.CharField(allow_blank=True)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What is wrong, in words.")


# Where a politician stands on one topic and whether we asked them, as both items write it.
class StanceOnTopicSerializer(serializers.Serializer):
    topic = serializers.CharField()
    position = serializers.ChoiceField(choices=POSITION_OR_NONE)
    position_label = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    as_of = serializers.DateField(allow_null=True)
    coverage = serializers.ChoiceField(choices=Coverage.values)


class PoliticianRowSerializer(RowSerializer, PoliticianIdentitySerializer, StanceOnTopicSerializer):
    bench = serializers.ChoiceField(choices=Bench.choices)
    member_id = serializers.IntegerField(allow_null=True)
    runs_tiktok_account = serializers.BooleanField()
    source_url = serializers.CharField(allow_blank=True)
    profile_url = serializers.CharField()
    bench_as_of = serializers.DateField(allow_null=True)


class TopicPositionSerializer(RowSerializer, StanceOnTopicSerializer):
    topic_title = serializers.CharField()
    coverage_text = serializers.CharField()


class PoliticianDetailSerializer(PoliticianIdentitySerializer):
    profile_url = serializers.CharField()
    positions = TopicPositionSerializer(many=True)

    def to_representation(self, instance):
        return {
            **_json_dates(instance),
            "positions": [_json_dates(row) for row in instance["positions"]],
        }


class StatementRowSerializer(RowSerializer):
    id = serializers.IntegerField()
    permalink = serializers.CharField()
    speaker = serializers.CharField()
    speaker_slug = serializers.CharField()
    party = serializers.CharField(allow_blank=True)
    house = serializers.ChoiceField(choices=House.choices)
    role = serializers.CharField(allow_blank=True)
    said_on = serializers.DateField()
    said_on_precision = serializers.ChoiceField(choices=DatePrecision.choices)
    words = serializers.CharField()
    is_paraphrase = serializers.BooleanField()
    outlet = serializers.CharField()
    source_url = serializers.CharField()
    archive_url = serializers.CharField(allow_blank=True)
    source_kind = serializers.ChoiceField(choices=SourceKind.choices)
    position = serializers.ChoiceField(choices=Position.choices)
    topic = serializers.CharField()
    context = serializers.CharField(allow_blank=True)
    published_at = serializers.DateTimeField()
    said_on_text = serializers.CharField()


class TopicSerializer(RowSerializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    question = serializers.CharField(allow_blank=True)
    summary = serializers.CharField(allow_blank=True)
    opened_on = serializers.DateField()
    is_default = serializers.BooleanField()
    url = serializers.CharField()


class HouseTallySerializer(serializers.Serializer):
    house = serializers.ChoiceField(choices=House.choices)
    total = serializers.IntegerField()
    positions = serializers.DictField(child=serializers.IntegerField())


class PartySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    topic = serializers.CharField()
    houses = HouseTallySerializer(many=True)
    url = serializers.CharField()

    def to_representation(self, instance):
        return instance


def _json_dates(row: dict) -> dict:
    """Dates and times as ISO 8601 strings, as the OpenAPI document promises."""
    return {
        key: value.isoformat() if hasattr(value, "isoformat") else value
        for key, value in row.items()
        if key != "exported_at"
    }
