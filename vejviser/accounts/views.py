from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .forms import TokenForm
from .models import ApiToken


def _user(request: HttpRequest) -> Any:
    """The logged-in user (the views are behind ``login_required``)."""
    return request.user


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    from vejviser.projects.models import Project

    mine = Project.objects.for_user(_user(request)).order_by("title")
    form = TokenForm(request.POST or None, projects=mine)
    secret = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _token, secret = ApiToken.issue(
            request.user, data["name"], scope=data["scope"], projects=data["projects"]
        )
        form = TokenForm(projects=mine)
    tokens = ApiToken.objects.filter(user=_user(request)).prefetch_related("projects")
    return render(
        request, "accounts/tokens.html", {"form": form, "secret": secret, "tokens": tokens}
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    deleted, _rows = ApiToken.objects.filter(user=_user(request), pk=pk).delete()
    if deleted:
        messages.success(request, _("The token is revoked."))
    return redirect("tokens")
