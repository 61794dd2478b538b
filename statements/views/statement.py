from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.views.generic import DetailView

from core.cards import card_url
from statements.cards import statement_card
from statements.citations import statement_citation, statement_summary
from statements.models import Statement


class StatementDetailView(DetailView):
    """A statement's permalink, with a citation ready to paste.

    A retracted statement that had been public keeps its permalink, so that a story which linked
    to it can see that it was retracted, when and why. Drafts do not exist for the public.
    Two queries: the statement with its speaker, party and topic; its public corrections.
    """

    template_name = "statements/statement_detail.html"
    context_object_name = "statement"

    def get_queryset(self):
        return (
            Statement.objects.for_permalink_pages()
            # Whether we hold an archived copy of the source, in the same query.
            .annotate(
                archived_copies=Count(
                    "source__captures", filter=Q(source__captures__state="archived")
                )
            )
            .prefetch_related("corrections")
        )

    def get_context_data(self, **kwargs):
        statement = self.object
        permalink = self.request.build_absolute_uri(statement.get_absolute_url())
        share_card = statement_card(statement)
        return super().get_context_data(
            share_card=share_card,
            share_card_url=card_url(
                self.request,
                reverse("statements:statement_card", args=[statement.pk]),
                share_card,
            ),
            citation=statement_citation(
                statement, permalink=permalink, site_name=settings.WTS_SITE_NAME
            ),
            summary=statement_summary(statement),
            **kwargs,
        )
