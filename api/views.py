"""The public read-only API, `/api/v1/`: the lists' own reads and filters, answered as JSON.

Every collection starts from the same named queryset and FilterSet as its page and its CSV, and
each item is the same row the CSV writes: nothing unpublished can appear here that the pages do
not show, and the API and a download of the same filters hold the same rows.
"""

import re

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import get_conditional_response, set_response_etag
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from core.caching import PageMoved
from outreach.coverage import coverage_sentence, topics_with_coverage
from politicians.models import Politician
from public.exports import politician_identity, politician_row
from public.filters import PoliticianFilter, listed_politicians
from public.views import stances_for
from statements.filters import StatementFilterSet
from statements.models import NO_POSITION, POSITION_LABELS, Stance, Statement, Topic
from statements.tallies import party_tally
from statements.views.browser import published_statements
from statements.views.exports import statement_row
from statements.views.topics import topic_for_request

from .serializers import (
    ErrorSerializer,
    PartySerializer,
    PoliticianDetailSerializer,
    PoliticianRowSerializer,
    StatementRowSerializer,
    TopicSerializer,
)
from .throttling import ClientRateThrottle

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
TOPIC_PARAMETER = OpenApiParameter(
    "topic",
    OpenApiTypes.STR,
    description="A topic's slug (see /api/v1/topics/); left out, the default topic.",
)
SLUG_PARAMETER = OpenApiParameter(
    "slug", OpenApiTypes.STR, OpenApiParameter.PATH, description="As in the page's address."
)
ID_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="As in the permalink."
)
ERRORS = {
    400: ErrorSerializer,
    404: ErrorSerializer,
    429: ErrorSerializer,
}


def _slug(kwargs) -> str:
    """The slug from the address, or 404 if it cannot be one: checked before the query, as
    PostgreSQL refuses a NUL byte in a string outright."""
    slug = kwargs["slug"]
    if not SLUG.fullmatch(slug):
        raise Http404
    return slug


def api_exception_handler(exc, context):
    """DRF's answers, plus the site's own: a bad query (BadRequest) is a 400 saying what is
    wrong, and a topic's former slug a permanent redirect, as on the pages."""
    if isinstance(exc, PageMoved):
        return HttpResponsePermanentRedirect(exc.location)
    if isinstance(exc, BadRequest):
        return Response({"detail": str(exc)}, status=400)
    return exception_handler(exc, context)


class Pages(PageNumberPagination):
    page_size = 50


class PublicReadOnly:
    """What every API view shares: JSON only, no login, a rate limit, ETags and CORS for GET."""

    authentication_classes = []
    permission_classes = []
    renderer_classes = [JSONRenderer]
    throttle_classes = [ClientRateThrottle]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Anyone's page may read the data: it is public and needs no cookie.
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
        response["Cache-Control"] = (
            f"public, max-age=0, s-maxage={settings.WTS_SHARED_CACHE_SECONDS}"
        )
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            # A client that holds this answer gets 304 and no body: the ETag is the content's.
            response.render()
            set_response_etag(response)
            return get_conditional_response(request, etag=response["ETag"], response=response)
        return response

    def options(self, request, *args, **kwargs):
        # A CORS preflight, sent before a GET with If-None-Match from another site.
        response = Response(status=200)
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "If-None-Match"
        response["Access-Control-Max-Age"] = "86400"
        return response


class PageFilters(DjangoFilterBackend):
    """The list page's own FilterSet, strict as on the page: a bad value is a 400 that names the
    parameter and the values it takes (django-filter's backend would answer its form errors)."""

    def get_filterset_kwargs(self, request, queryset, view):
        # The politicians' FilterSet offers the filters of the request's topic.
        return {**super().get_filterset_kwargs(request, queryset, view), **view.filterset_kwargs()}

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        return queryset if filterset is None else filterset.qs


class FilteredRows(PublicReadOnly, generics.ListAPIView):
    """A list the page's FilterSet narrows; each row as its CSV writes it. A subclass names
    its `model`, the page's `read(topic)` and the download's `row_of(request, topic, item)`."""

    pagination_class = Pages
    filter_backends = [PageFilters]

    def filterset_kwargs(self) -> dict:
        return {}

    def list(self, request, *args, **kwargs):
        self.topic = topic_for_request(request)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        rows = [self.row_of(request, self.topic, item) for item in page]
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI generator's look
            return self.model.objects.none()
        return self.read(self.topic)


@extend_schema(parameters=[TOPIC_PARAMETER], responses={200: PoliticianRowSerializer, **ERRORS})
class PoliticianList(FilteredRows):
    """Politicians and where each stands on a topic: the rows of /politicians/ and its CSV,
    with the same filters (`coverage` and the others repeat where the list's do)."""

    serializer_class = PoliticianRowSerializer
    filterset_class = PoliticianFilter

    model = Politician
    read = staticmethod(listed_politicians)
    row_of = staticmethod(politician_row)

    def filterset_kwargs(self) -> dict:
        return {"topic": self.topic}

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).prefetch_related(stances_for(self.topic))


@extend_schema(parameters=[TOPIC_PARAMETER], responses={200: StatementRowSerializer, **ERRORS})
class StatementList(FilteredRows):
    """Published statements on a topic, with their sources: the rows of /statements/ and its
    CSV, with the same filters."""

    serializer_class = StatementRowSerializer
    filterset_class = StatementFilterSet

    model = Statement
    read = staticmethod(published_statements)
    row_of = staticmethod(statement_row)


@extend_schema(parameters=[ID_PARAMETER], responses={200: StatementRowSerializer, **ERRORS})
class StatementDetail(PublicReadOnly, generics.RetrieveAPIView):
    """One published statement; drafts and retracted statements are not found."""

    serializer_class = StatementRowSerializer

    def get_object(self):
        pk = self.kwargs["pk"]
        if not pk.isascii() or not pk.isdigit():
            raise Http404
        statement = get_object_or_404(Statement.objects.published().with_people(), pk=int(pk))
        return statement_row(self.request, statement.topic, statement)


@extend_schema(parameters=[SLUG_PARAMETER], responses={200: PoliticianDetailSerializer, **ERRORS})
class PoliticianDetail(PublicReadOnly, generics.RetrieveAPIView):
    """One politician: on every topic, their position, or whether we asked them."""

    serializer_class = PoliticianDetailSerializer

    def get_object(self):
        politician = get_object_or_404(
            Politician.objects.public().select_related("party"), slug=_slug(self.kwargs)
        )
        stances = {
            stance.topic_id: stance
            for stance in Stance.objects.filter(politician=politician).select_related("based_on")
        }
        positions = []
        for topic in topics_with_coverage(Topic.objects.all(), politician):
            stance = stances.get(topic.pk)
            position = stance.position if stance else NO_POSITION
            positions.append(
                {
                    "topic": topic.slug,
                    "topic_title": topic.title,
                    "position": position,
                    "position_label": POSITION_LABELS[position],
                    "summary": stance.public_summary if stance else "",
                    "as_of": stance.as_of if stance else None,
                    "coverage": topic.coverage,
                    "coverage_text": coverage_sentence(topic.coverage, topic.coverage_on),
                }
            )
        return {
            **politician_identity(politician),
            "profile_url": self.request.build_absolute_uri(politician.get_absolute_url()),
            "positions": positions,
        }


def _topic_row(request, topic):
    return {
        "slug": topic.slug,
        "title": topic.title,
        "question": topic.question,
        "summary": topic.summary,
        "opened_on": topic.opened_on,
        "is_default": topic.is_default,
        "url": request.build_absolute_uri(topic.get_absolute_url()),
    }


@extend_schema(responses={200: TopicSerializer, **ERRORS})
class TopicList(PublicReadOnly, generics.ListAPIView):
    """Every topic we track."""

    serializer_class = TopicSerializer
    pagination_class = Pages

    def get_queryset(self):
        return Topic.objects.order_by("-is_default", "-opened_on", "title")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        rows = [_topic_row(request, topic) for topic in page]
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)


@extend_schema(parameters=[SLUG_PARAMETER], responses={200: TopicSerializer, **ERRORS})
class TopicDetail(PublicReadOnly, generics.RetrieveAPIView):
    serializer_class = TopicSerializer

    def get_object(self):
        return _topic_row(self.request, get_object_or_404(Topic, slug=_slug(self.kwargs)))


@extend_schema(parameters=[TOPIC_PARAMETER], responses={200: PartySerializer, **ERRORS})
class PartyList(PublicReadOnly, generics.ListAPIView):
    """Each party's members split across positions on a topic, House by House (never added
    across Houses), biggest party in the Commons first."""

    serializer_class = PartySerializer
    pagination_class = Pages

    def get_queryset(self):
        # The tally is grouped counts, not a QuerySet: list() builds the rows.
        return []

    def list(self, request, *args, **kwargs):
        topic = topic_for_request(request)
        rows = [
            {
                "slug": party.slug,
                "name": party.name,
                "topic": topic.slug,
                "houses": [
                    {
                        "house": house.house,
                        "total": house.total,
                        "positions": {row.position: row.count for row in house.positions},
                    }
                    for house in party.houses
                ],
                "url": request.build_absolute_uri(
                    reverse("politicians:party_detail", kwargs={"slug": party.slug})
                ),
            }
            # Members without a party have no party page: the pages leave them out too.
            for party in party_tally(topic)
            if party.slug
        ]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ApiRoot(PublicReadOnly, APIView):
    """Where the collections and the OpenAPI document are."""

    @extend_schema(exclude=True)
    def get(self, request):
        def link(name):
            return request.build_absolute_uri(reverse(f"api:{name}"))

        return Response(
            {
                "politicians": link("politicians"),
                "statements": link("statements"),
                "topics": link("topics"),
                "parties": link("parties"),
                "openapi": link("openapi"),
                "docs": link("docs"),
            }
        )
