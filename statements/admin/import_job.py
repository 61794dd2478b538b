"""Queued statement imports: the page an editor is sent to after uploading a long file, showing
its state, how many rows are checked, and then the drafts made or every row's problem."""

from django.contrib import admin
from django.contrib.humanize.templatetags.humanize import intcomma

from core.admin import RecordAdmin
from statements.models import ImportJobState, StatementImportJob


@admin.register(StatementImportJob)
class StatementImportJobAdmin(RecordAdmin):
    change_form_template = "admin/statements/statementimportjob/change_form.html"
    list_display = ["__str__", "created_by", "state", "progress", "created_at"]
    list_filter = ["state"]
    list_select_related = ["created_by"]
    fields = [
        "original_name",
        "created_by",
        "state",
        "progress",
        "drafts_created",
        "created_at",
        "finished_at",
    ]

    @admin.display(description="Progress")
    def progress(self, job):
        if job.state == ImportJobState.QUEUED:
            return "Waiting for a worker"
        if (
            job.state == ImportJobState.RUNNING
            and job.rows_total
            and job.rows_done >= job.rows_total
        ):
            return f"Writing {intcomma(job.rows_total)} rows as drafts"
        return f"{intcomma(job.rows_done)} of {intcomma(job.rows_total)} rows checked"

    def has_view_permission(self, request, obj=None):
        # Whoever may import statements may follow an import.
        return request.user.has_perm("statements.add_statement")

    def has_module_permission(self, request):
        return self.has_view_permission(request)
