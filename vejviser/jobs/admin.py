from django.contrib import admin

from .models import Job, Reminder, Schedule


@admin.register(Job)
class JobAdmin(admin.ModelAdmin[Job]):
    list_display = ("pk", "kind", "project", "state", "progress", "attempts", "created_at")
    list_filter = ("state", "kind")
    readonly_fields = [f.name for f in Job._meta.fields]


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin[Schedule]):
    list_display = ("name", "kind", "every", "hour", "enabled", "next_run_at")
    fields = ("enabled", "hour", "next_run_at")


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin[Reminder]):
    list_display = ("user", "project", "kind", "key", "created_at", "dismissed_at")
    list_filter = ("kind",)
