"""schemathesis reads /api/v1/openapi.json and calls every operation with data it generates, in
process against the WSGI app: no answer may be a 5xx, and every answer must match the document
(status code, content type and body)."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from outreach.models import Outcome
from statements.models import Position
from tests.factories import OutreachFactory, StatementFactory, politician_with_statements


class _AppMadeOnFirstCall:
    """The site's WSGI app, made when the first test calls it rather than at collection: its
    middleware reads the suite's plain-HTTP settings once, when it is made."""

    handler = None

    def __call__(self, environ, start_response):
        if self.handler is None:
            self.handler = get_wsgi_application()
        return self.handler(environ, start_response)


def _document() -> dict:
    # The same generator and settings that serve /api/v1/openapi.json; a test below checks that
    # the address serves exactly this document.
    return SchemaGenerator().get_schema(request=None, public=True)


DOCUMENT = json.loads(json.dumps(_document(), default=str))
schema = schemathesis.openapi.from_dict(DOCUMENT)
schema.app = _AppMadeOnFirstCall()
schema.location = "/api/v1/openapi.json"

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
OPERATIONS = {
    "GET /api/v1/politicians/",
    "GET /api/v1/politicians/{slug}/",
    "GET /api/v1/statements/",
    "GET /api/v1/statements/{id}/",
    "GET /api/v1/topics/",
    "GET /api/v1/topics/{slug}/",
    "GET /api/v1/parties/",
}


@pytest.fixture
def _connection_kept_open():
    # The WSGI handler closes the database connection after each request; the test's
    # transaction lives on it. Django's own test client keeps it open the same way.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def published_data(db, topic, settings, _connection_kept_open):
    """Rows for the generated calls to find, and no rate limit for the fuzzing to reach."""
    settings.WTS_API_RATE_LIMIT = ""
    people = [
        politician_with_statements(position, statements=2, slug=f"member-{n}")
        for n, position in enumerate([Position.SUPPORTS, Position.OPPOSES, None])
    ]
    OutreachFactory(politician=people[2], outcome=Outcome.DECLINED)
    StatementFactory(politician=people[0])  # a draft


def test_the_document_fuzzed_is_the_one_served_with_every_operation_the_issue_names(client):
    served = client.get("/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]

    found = {f"{operation.method.upper()} {operation.path}" for operation in operations}

    assert served.status_code == 200
    assert served.json() == DOCUMENT
    assert found == OPERATIONS


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_within_its_schema_and_never_5xx(case, published_data):
    case.call_and_validate(checks=CHECKS)
