"""The portfolio's link on the dashboard, for users with a management role."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from .access import is_manager


def portfolio_link(user: Any, project: Any | None) -> str:
    if project is not None or not is_manager(user):
        return ""
    return render_to_string("portfolio/_panel.html")
