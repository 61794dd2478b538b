from django.contrib import admin

from .models import PositionCue, TopicTerm


@admin.register(PositionCue)
class PositionCueAdmin(admin.ModelAdmin):
    list_display = ["phrase", "position", "topic"]
    list_filter = ["topic", "position"]
    search_fields = ["phrase"]
    list_select_related = ["topic"]


@admin.register(TopicTerm)
class TopicTermAdmin(admin.ModelAdmin):
    list_display = ["phrase", "topic"]
    list_filter = ["topic"]
    search_fields = ["phrase"]
    list_select_related = ["topic"]
