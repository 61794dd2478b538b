from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.admin import RecordAdmin

from . import services
from .models import SignInEvent


class SuperusersOnlyReadOnly(RecordAdmin):
    """A record nobody edits: only superusers read it."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(SignInEvent)
class SignInEventAdmin(SuperusersOnlyReadOnly):
    list_display = ["at", "kind", "username", "address", "detail"]
    list_filter = ["kind", "at"]
    search_fields = ["username", "address"]
    date_hierarchy = "at"
    readonly_fields = ["at", "kind", "username", "user", "address", "detail"]


@admin.register(LogEntry)
class AdminActionAdmin(SuperusersOnlyReadOnly):
    """Every change made in the admin, by whom and when (Django writes these itself)."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag"]
    list_filter = ["action_flag", "content_type"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"
    readonly_fields = [
        "action_time",
        "user",
        "content_type",
        "object_id",
        "object_repr",
        "action_flag",
        "change_message",
    ]


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class LockedOutSignInAdmin(AccessAttemptAdmin):
    """Failed sign-ins by username and address; reviewers lift a colleague's lockout here."""

    actions = ["unlock", *AccessAttemptAdmin.actions]

    @admin.action(description="Unlock the selected sign-ins", permissions=["unlock"])
    def unlock(self, request, queryset):
        lifted = services.sign_in_unlock(
            attempts=list(queryset), actor=request.user, request=request
        )
        self.message_user(request, f"Unlocked {lifted} sign-in(s).", messages.SUCCESS)

    def has_unlock_permission(self, request):
        return request.user.has_perm("accounts.unlock_sign_in")


admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuthenticatorAdmin(admin.ModelAdmin):
    """Staff authenticators. A superuser removes a lost one; its owner then sets up a new one."""

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username"]
    readonly_fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    fields = readonly_fields

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
