from django.db.models import Prefetch
from django.http import Http404
from django.views.generic import DetailView

from statements.models import Statement

from .models import Capture
from .reading import highlighted_paragraphs


class StatementSourceView(DetailView):
    """Our archived copy of a statement's source: what the page said when we captured it, with
    the quoted words marked, beside the original link (and a warning when that link is dead).

    Two queries: the statement with its speaker, topic and source; the source's newest archived
    capture.
    """

    template_name = "sources/statement_source.html"
    context_object_name = "statement"

    def get_queryset(self):
        return Statement.objects.for_permalink_pages().prefetch_related(
            Prefetch(
                "source__captures",
                queryset=Capture.objects.archived().newest_first()[:1],
                to_attr="archived_captures",
            )
        )

    def get_object(self, queryset=None):
        statement = super().get_object(queryset)
        if statement.source is None or not statement.source.archived_captures:
            raise Http404("We hold no archived copy of this statement's source.")
        return statement

    def get_context_data(self, **kwargs):
        capture = self.object.source.archived_captures[0]
        paragraphs, found = highlighted_paragraphs(capture.text, self.object.words)
        return super().get_context_data(
            source=self.object.source,
            capture=capture,
            paragraphs=paragraphs,
            words_found=found,
            **kwargs,
        )
