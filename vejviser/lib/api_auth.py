"""Who calls the API, what the token lets them do, and how often.

- :class:`TokenAuth`: ``Authorization: Bearer vj_…`` (Account → API tokens). A ``read``
  token gets 403 on every unsafe method, except on the operations that change nothing
  and say so with ``auth=READ_POST`` (asking the assistant, simulating a business case,
  evaluating a tender given in the body). A token limited to projects: the projects'
  access helper (:func:`vejviser.projects.access.get_project_for_user`) answers 404 for
  every other project, as to an outsider; creating a project needs an unlimited token.
- :func:`rate_limit`: per user, counted in the database so that every process of a
  ``--workers N`` server counts together; over the limit the answer is 429 with
  ``Retry-After``. The limits are the settings ``VEJVISER_RATE_*`` ("30/min").
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, django_auth

from vejviser.accounts.models import ApiToken, count_request

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PERIODS = {"s": 1, "sec": 1, "min": 60, "m": 60, "hour": 3600, "h": 3600, "day": 86400, "d": 86400}


class TokenAuth(HttpBearer):
    """``Authorization: Bearer vj_…`` — tokens are created under Account → API tokens."""

    def __init__(self, *, read_post: bool = False) -> None:
        super().__init__()
        self.read_post = read_post

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        found = ApiToken.objects.active(token)
        if found is None:
            return None
        writing = request.method not in SAFE_METHODS and not self.read_post
        if writing and not found.can_write:
            raise HttpError(403, "This token may only read (scope: read).")
        user: Any = found.user
        # The access helper reads these: a token limited to projects sees only those.
        user.api_token = found
        user.api_projects = found.project_ids()
        return user


#: Every operation's authentication (the API's default).
AUTH = [TokenAuth(), django_auth]
#: For a POST that changes nothing: a read token may call it too.
READ_POST = [TokenAuth(read_post=True), django_auth]


def token_of(user: Any) -> ApiToken | None:
    """The token a request was authenticated with, or ``None`` (a session)."""
    return getattr(user, "api_token", None)


def require_unlimited(user: Any) -> None:
    """403 for a token limited to projects (e.g. creating a project)."""
    if getattr(user, "api_projects", None) is not None:
        raise HttpError(403, "This token is limited to some projects.")


class RateLimited(Exception):
    def __init__(self, scope: str, retry_after: int) -> None:
        super().__init__(f"Too many requests ({scope}); try again in {retry_after} s.")
        self.scope = scope
        self.retry_after = retry_after


def parse_rate(rate: str) -> tuple[int, int]:
    """``"30/min"`` → (30, 60); ``"5/10s"`` is not supported (one unit)."""
    count, _slash, unit = rate.partition("/")
    if not count.strip().isdigit() or unit.strip() not in PERIODS:
        raise ValueError(f"a rate is 'N/unit' with unit one of {sorted(PERIODS)}, not {rate!r}")
    return int(count), PERIODS[unit.strip()]


def rate_limit(user: Any, scope: str) -> None:
    """Count one request of ``user`` against the ``scope`` limit (``assistant``,
    ``upload``); raise :class:`RateLimited` when it is over."""
    limit, period = parse_rate(settings.VEJVISER_RATES[scope])
    wait = count_request(f"{scope}:user:{user.pk}", limit, period)
    if wait is not None:
        raise RateLimited(scope, wait)
