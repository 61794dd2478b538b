"""django-import-export's view of statements: the admin's import and export.

The import runs the same checks as `manage.py import_statements` (statements.imports): the whole
file is checked before the first row is written, and any bad row rolls the whole file back.
The export writes the import's own columns, so an exported file is a template for the next one.
"""

from django.core.exceptions import ValidationError
from import_export import fields, resources
from import_export.formats.base_formats import CSV
from import_export.forms import ImportForm
from import_export.results import RowResult

from core.downloads import neutralise_cell

from .imports import (
    HEADER,
    StatementImportError,
    check_rows,
    import_limits_problem,
    new_speakers_of,
    problems_of,
    read_csv,
    role_changes_of,
    save_row,
)
from .models import Statement


class StatementImportForm(ImportForm):
    """The upload form: a file over WTS_IMPORT_MAX_BYTES is refused before it is read."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        too_big = import_limits_problem(size=upload.size)
        if too_big:
            raise ValidationError(f"{upload.name} {too_big.message}")
        return upload


class StrictCSV(CSV):
    """CSV read as strictly as the command line reads it (statements.imports.read_csv).

    import-export's reader accepts unclosed quotes, extra and duplicated columns and rows of any
    width; this raises StatementImportError naming each such row first.
    """

    def create_dataset(self, in_stream):
        text = (
            in_stream.decode(self.encoding or "utf-8-sig")
            if isinstance(in_stream, bytes)
            else in_stream
        )
        read_csv(text)
        return super().create_dataset(in_stream)


# The file's columns, each with the statement's attribute it is read from; None: worked out by
# the resource's dehydrate_<column> below.
COLUMN_ATTRIBUTES = {
    "speaker": "politician__name",
    "member_id": "politician__member_id",
    "party": "politician__party__name",
    "house": "politician__house",
    "role": "politician__role",
    "date": "said_on",
    "words": "words",
    "is_paraphrase": None,
    "outlet": "outlet",
    "url": "source_url",
    "source_kind": "source_kind",
    "archive_url": "archive_url",
    "position": "position",
    "context": "context",
    "topic": "topic__slug",
    "status": "status",
    "permalink": None,
}

# import-export collects the fields a resource's bases declare: one field a column, from the table.
StatementColumns = type(
    "StatementColumns",
    (resources.Resource,),
    {
        column: fields.Field(column_name=column, attribute=attribute)
        for column, attribute in COLUMN_ATTRIBUTES.items()
    },
)


class StatementResource(StatementColumns, resources.ModelResource):
    class Meta:
        model = Statement
        fields = (*HEADER, "status", "permalink")
        export_order = (*HEADER, "status", "permalink")
        import_id_fields = ()
        skip_unchanged = False

    def get_export_queryset(self, request=None):
        return Statement.objects.select_related("politician__party", "topic")

    def dehydrate_date(self, statement):
        # “2023-03” for a month: what the import's date column takes back, no invented day.
        return statement.said_on_iso

    def dehydrate_is_paraphrase(self, statement):
        return "yes" if statement.is_paraphrase else "no"

    def dehydrate_permalink(self, statement):
        return statement.get_absolute_url() if statement.is_published else ""

    def export_field(self, field, instance, **kwargs):
        # A quote starting with “=” must stay a quote when the file is opened in a spreadsheet.
        return neutralise_cell(super().export_field(field, instance, **kwargs))

    # Import: the shared checks first, for the whole file, then one draft a row.

    def import_data(self, dataset, **kwargs):
        # All or nothing, even when a row goes bad between the preview and the confirmation.
        kwargs["rollback_on_validation_errors"] = True
        result = super().import_data(dataset, **kwargs)
        # The preview lists, above the rows, whom the file would add and whose role it would
        # change: an editor confirms people, not only quotes.
        checked_rows = getattr(self, "checked_rows", [])
        result.new_speakers = new_speakers_of(checked_rows)
        result.role_changes = role_changes_of(checked_rows)
        return result

    def before_import(self, dataset, **kwargs):
        self.actor = kwargs["user"]
        rows = [dict(zip(dataset.headers, values, strict=False)) for values in dataset]
        rows = [{k: "" if v is None else str(v) for k, v in row.items()} for row in rows]
        try:
            self.checked_rows = check_rows(
                [str(h).strip() for h in dataset.headers], rows, actor=self.actor
            )
        except StatementImportError as error:
            self.header_problems, self.checked_rows = error.problems, []
        else:
            self.header_problems = []
        self.file_has_problems = bool(self.header_problems or problems_of(self.checked_rows))

    def _check_import_id_fields(self, headers):
        # The shared checks name any missing column; import_id_fields are not used here.
        return None

    def get_diff_headers(self):
        return [*HEADER, "warnings"]

    def import_row(self, row, instance_loader, **kwargs):
        row_result = self.get_row_result_class()()
        if self.header_problems:
            # Shown once, against the first row; the other rows cannot be read without a header.
            if kwargs["row_number"] > 1:
                row_result.import_type = RowResult.IMPORT_TYPE_SKIP
                return row_result
            return self._invalid(row_result, self.header_problems)
        checked = self.checked_rows[kwargs["row_number"] - 1]
        row_result.diff = [
            *(checked.values[column] for column in HEADER),
            "; ".join(w.message for w in checked.warnings),
        ]
        if checked.problems:
            return self._invalid(row_result, checked.problems)
        row_result.import_type = RowResult.IMPORT_TYPE_NEW
        if self.file_has_problems:
            # Another row is bad, so nothing will be written; do not write this one either.
            return row_result
        statement = save_row(checked, actor=self.actor)
        row_result.add_instance_info(statement)
        row_result.instance = statement
        return row_result

    @staticmethod
    def _invalid(row_result, problems):
        errors: dict[str, list[str]] = {}
        for problem in problems:
            errors.setdefault(problem.field, []).append(f"row {problem.row}: {problem.message}")
        row_result.import_type = RowResult.IMPORT_TYPE_INVALID
        row_result.validation_error = ValidationError(errors)
        return row_result
