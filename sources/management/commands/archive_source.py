from django.core.management.base import BaseCommand, CommandError

from sources.capturing import SourceError, source_archive, source_for_url
from sources.models import CaptureState


class Command(BaseCommand):
    help = (
        "Fetch and archive one source now: a WARC of the exact response and the article's text. "
        "Prints the source's id and state."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", help="the article's address (http:// or https://)")

    def handle(self, *args, url, **options):
        try:
            source = source_for_url(url=url)
        except SourceError as error:
            raise CommandError(str(error)) from error
        capture = source_archive(source=source)
        line = f"source {source.pk} {capture.state}"
        if capture.state == CaptureState.FAILED:
            line += f": {capture.failure_reason}"
        self.stdout.write(line)
        if capture.state == CaptureState.FAILED:
            raise CommandError(f"source {source.pk} could not be archived.")
