import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sources.extraction.article import ArticleTextError, article_text_read
from sources.services import ExtractionError, candidates_extract
from statements.models import Position, Topic

DEFAULT_TOPIC = "tiktok-ban"


class Command(BaseCommand):
    help = (
        "Print the candidate statements in an article: every quotation and piece of reported "
        "speech, who said it (a politician we hold, or a name we do not), and a suggested "
        "position. Nothing is saved. The text is read as UTF-8; a byte-order mark is dropped and "
        "line endings become LF, and the offsets printed refer to the text after that."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a text file with the article, or - for standard input")
        parser.add_argument(
            "--json", action="store_true", help="print a JSON list, one object per candidate"
        )
        parser.add_argument(
            "--topic",
            default=DEFAULT_TOPIC,
            help=f"the topic whose positions to suggest (default {DEFAULT_TOPIC})",
        )
        parser.add_argument(
            "--leave-out-source",
            default="",
            metavar="URL",
            help=(
                "learn positions without the published statements taken from this URL (to score "
                "the extractor on an article whose statements we already hold)"
            ),
        )

    def handle(self, *args, **options):
        topic = Topic.objects.filter(slug=options["topic"]).first()
        if topic is None:
            known = ", ".join(Topic.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f"No topic “{options['topic']}”. Topics: {known or 'none yet'}.")
        text = self._read(options["path"])
        try:
            candidates = candidates_extract(
                text=text, topic=topic, leave_out_source_url=options["leave_out_source"]
            )
        except ExtractionError as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(
                json.dumps([c.as_json() for c in candidates], ensure_ascii=False, indent=2)
            )
            return
        self._print(candidates, options["path"], topic)

    def _read(self, path: str) -> str:
        if path == "-":
            raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
            if isinstance(raw, str):
                raw = raw.encode("utf-8")
            source = "standard input"
        else:
            file = Path(path)
            if not file.exists():
                raise CommandError(f"No file at {path}.")
            if not file.is_file():
                raise CommandError(f"{path} is not a file.")
            try:
                raw = file.read_bytes()
            except OSError as error:
                raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
            source = path
        try:
            return article_text_read(raw)
        except ArticleTextError as error:
            raise CommandError(f"{source}: {error}") from None

    def _print(self, candidates, path: str, topic: Topic) -> None:
        source = "standard input" if path == "-" else path
        self.stdout.write(
            f"{len(candidates)} candidate statement{'s' if len(candidates) != 1 else ''} in "
            f"{source} (positions on “{topic.title}”; nothing is saved)\n"
        )
        for number, candidate in enumerate(candidates, start=1):
            if candidate.politician:
                member = f", member {candidate.member_id}" if candidate.member_id else ""
                who = f"{candidate.speaker} ({candidate.politician}{member})"
            elif candidate.speaker:
                who = f"{candidate.speaker} (not a politician we hold)"
            else:
                who = "speaker not found"
            kind = "reported speech" if candidate.is_paraphrase else "direct quotation"
            self.stdout.write(
                f"{number}. {who}: {kind}, characters {candidate.start}–{candidate.end}"
            )
            self.stdout.write(f"   “{' '.join(candidate.words.split())}”")
            if candidate.position:
                label = Position(candidate.position).label
                self.stdout.write(
                    f"   suggested position: {label} ({candidate.position}), confidence "
                    f"{candidate.confidence:.2f}, {candidate.cue}"
                )
            else:
                self.stdout.write("   suggested position: none")
            if candidate.near_duplicate_of:
                ids = ", ".join(str(pk) for pk in candidate.near_duplicate_of)
                self.stdout.write(f"   nearly duplicates statement {ids} already held")
            self.stdout.write("")
