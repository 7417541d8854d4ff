"""Helpers for the web tests of the business case: the step with the tool, form data."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

BUSINESS_STEP = "udarbejd-business-case"  # the ambient-scribe project's track (faerdigt-produkt)


def business_step(project: Any) -> Any:
    return project.steps.get(action__slug=BUSINESS_STEP)


def tool_url(project: Any, name: str = "case", **kwargs: Any) -> str:
    step = business_step(project)
    return reverse(f"value:{name}", kwargs={"pk": project.pk, "step_pk": step.pk, **kwargs})


def form_data(client: Any, url: str, **changes: str) -> dict[str, str]:
    """What the form shows (the example's or the latest version's figures), changed."""
    response = client.get(url)
    assert response.status_code == 200, url
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(changes)
    return {k: str(v) for k, v in data.items()}


def start_case(client: Any, project: Any, template: str = "ambient-scribe", **changes: str) -> Any:
    """Fill in a new case from a template through the form; returns the POST response."""
    url = tool_url(project, "new", template=template)
    return client.post(url, form_data(client, url, **changes))
