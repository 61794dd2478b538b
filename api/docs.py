"""`/api/v1/docs/`: the OpenAPI document as a page a person reads, drawn on the server.

No Swagger UI: it needs scripts from a CDN and inline ones, which the Content-Security-Policy
forbids, and a page without JavaScript reads the same.
"""

from django.views.generic import TemplateView
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get",)


def operations(schema: dict) -> list[dict]:
    """Every operation in the document, with its parameters, in the document's order."""
    found = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "id": operation.get("operationId", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter.get("in", ""),
                            "required": parameter.get("required", False),
                            "type": _type(parameter.get("schema", {})),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "statuses": sorted(operation.get("responses", {})),
                }
            )
    return found


def _type(schema: dict) -> str:
    if schema.get("type") == "array":
        return f"list of {_type(schema.get('items', {}))}, repeatable"
    if "enum" in schema:
        return "one of " + ", ".join(str(value) for value in schema["enum"] if value != "")
    return schema.get("format") or schema.get("type") or "string"


class ApiDocsView(TemplateView):
    template_name = "api/docs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # No request: the document is the same for everyone, and a plain page has no DRF user.
        schema = SchemaGenerator().get_schema(request=None, public=True)
        context.update(
            title=schema["info"]["title"],
            version=schema["info"]["version"],
            operations=operations(schema),
        )
        return context
