from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from politicians.models import House, Politician
from politicians.services import politician_add, politician_update
from statements import demo
from statements.models import Stance, Statement, Topic
from statements.services import stance_set_summary, statement_publish, statement_save_draft


def _system_user(username: str, group_name: str):
    """An account that owns the demo data; it can never log in."""
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"is_staff": False, "is_active": True}
    )
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name=group_name))
    return get_user_model().objects.get(pk=user.pk)  # fresh permission cache


class Command(BaseCommand):
    help = (
        "Load the speakers, quotes and positions of the PoliticsHome article the product grew "
        "out of. Run import_members first: the MPs are matched by member id. Safe to re-run."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        topic = Topic.objects.filter(slug=demo.TOPIC["slug"]).first()
        if topic is None:
            raise CommandError(f"No topic “{demo.TOPIC['slug']}”: run manage.py migrate first.")
        editor = _system_user("demo-data-editor", "Editors")
        reviewer = _system_user("demo-data-reviewer", "Reviewers")
        speakers = {**self._members(editor), **self._other_speakers(editor)}
        added = self._statements(topic, speakers, editor, reviewer)
        stances = Stance.objects.filter(
            topic=topic, politician__slug__in=demo.STANCE_SUMMARIES, summary=""
        ).select_related("politician")
        for stance in stances:
            stance_set_summary(
                stance=stance, summary=demo.STANCE_SUMMARIES[stance.politician.slug], actor=reviewer
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {added} statements added, {len(demo.STATEMENTS) - added} already held."
            )
        )

    def _members(self, editor) -> dict:
        """The MPs the article quotes, with its details of them, keyed by member id."""
        speakers_by_member_id = {
            p.member_id: p for p in Politician.objects.filter(member_id__in=demo.MEMBER_DETAILS)
        }
        missing = sorted(set(demo.MEMBER_DETAILS) - set(speakers_by_member_id))
        if missing:
            raise CommandError(
                f"Members {', '.join(map(str, missing))} are not held: "
                "run manage.py import_members politicians/data/uk-commons-2019-mps.csv first."
            )
        for member_id, details in demo.MEMBER_DETAILS.items():
            politician_update(
                politician=speakers_by_member_id[member_id],
                fields=details,
                actor=editor,
                reason="Demo data: details from the source article",
            )
        return {("member_id", key): value for key, value in speakers_by_member_id.items()}

    def _other_speakers(self, editor) -> dict:
        """The campaigners and companies the article quotes (other voices), keyed by slug."""
        return {
            ("slug", speaker["slug"]): politician_add(
                slug=speaker["slug"],
                name=speaker["name"],
                sort_name=speaker["sort_name"],
                role=speaker["role"],
                house=House.OTHER,
                is_sitting=False,
                actor=editor,
                reason="Demo data: quoted in the source article",
            )
            for speaker in demo.OTHER_SPEAKERS
        }

    def _statements(self, topic, speakers: dict, editor, reviewer) -> int:
        """Each quote not held yet, drafted by the editor and published by the reviewer."""
        existing = set(Statement.objects.filter(topic=topic).values_list("politician_id", "words"))
        added = 0
        for entry in demo.STATEMENTS:
            speaker = entry["speaker"]
            key = (
                ("member_id", speaker["member_id"])
                if "member_id" in speaker
                else ("slug", speaker["slug"])
            )
            politician = speakers[key]
            if (politician.pk, entry["words"]) in existing:
                continue
            fields = {**demo.DEFAULT_STATEMENT, **entry}
            del fields["speaker"]
            statement = Statement(politician=politician, topic=topic, **fields)
            statement_save_draft(statement=statement, actor=editor)
            statement_publish(statement=statement, reviewer=reviewer)
            added += 1
        return added
