"""The portfolio's link on the dashboard, for users with a management role."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from .access import is_manager


def portfolio_link(user: Any, project: Any | None) -> str:
    if project is not None or not is_manager(user):
        return ""
    return render_to_string("portfolio/_panel.html")


def record_link(user: Any, project: Any | None) -> str:
    """On the project page: the project's AI system record (members but the vendor)."""
    if project is None or not getattr(user, "is_authenticated", False):
        return ""
    membership = project.memberships.filter(user=user).first()
    if not user.is_superuser and (membership is None or membership.is_vendor):
        return ""
    from .models import SystemRecord

    public = SystemRecord.objects.filter(project=project, public=True).exists()
    return render_to_string("portfolio/_record_panel.html", {"project": project, "public": public})
