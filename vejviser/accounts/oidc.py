"""Hospital sign-in with OpenID Connect (authorization code flow, PKCE), on
mozilla-django-oidc.

Only on when ``VEJVISER_OIDC_ISSUER``, ``VEJVISER_OIDC_CLIENT_ID`` and
``VEJVISER_OIDC_CLIENT_SECRET`` are set (docs/configuration.md). The provider's endpoints
come from its discovery document, fetched when someone signs in (never at start-up, so
local login works while the provider is down) and kept for an hour.

What this module adds to the library:

- the ID token's issuer, audience, expiry and nonce are checked (the library checks the
  signature and nonce only), and a token signed with another algorithm is refused;
- the user is found by issuer + subject (:class:`ExternalIdentity`), never by e-mail, and
  created on the first sign-in with a username that does not collide;
- the provider's groups are mapped to organisation roles at every sign-in
  (:class:`GroupMapping`, :func:`vejviser.accounts.core.signin.plan_roles`);
- every refusal is a clear message on the login page (Danish or English), logged with
  its technical reason, and creates nothing;
- logout also ends the session at the provider when it has an ``end_session_endpoint``.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from .core import signin
from .oidc_models import ExternalIdentity, GroupMapping

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

log = logging.getLogger("vejviser.accounts.oidc")

#: Signature algorithms an ID token may use (asymmetric only: the client secret is not a
#: signing key here, and ``none`` is never accepted).
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
#: How long a fetched discovery document is used before it is fetched again (seconds).
DISCOVERY_TTL = 3600
#: Clock difference tolerated between the provider and us (seconds).
LEEWAY = 60

# --- configuration ---------------------------------------------------------------------


def enabled() -> bool:
    """Whether OpenID Connect is configured."""
    return bool(
        getattr(settings, "VEJVISER_OIDC_ISSUER", "")
        and getattr(settings, "OIDC_RP_CLIENT_ID", "")
        and getattr(settings, "OIDC_RP_CLIENT_SECRET", "")
    )


def local_login_enabled() -> bool:
    """Local passwords work unless switched off — which only OIDC can be the reason for."""
    return bool(getattr(settings, "VEJVISER_LOCAL_LOGIN", True)) or not enabled()


def issuer() -> str:
    return str(settings.VEJVISER_OIDC_ISSUER)


def discovery_url() -> str:
    configured = str(getattr(settings, "VEJVISER_OIDC_DISCOVERY_URL", "") or "")
    return configured or issuer().rstrip("/") + "/.well-known/openid-configuration"


def algorithm() -> str:
    algo = str(getattr(settings, "OIDC_RP_SIGN_ALGO", "RS256"))
    if algo not in ALGORITHMS:
        raise ImproperlyConfigured(
            f"VEJVISER_OIDC_SIGN_ALGO must be one of {', '.join(ALGORITHMS)}, not {algo!r}."
        )
    return algo


def provider_label() -> str:
    return str(getattr(settings, "VEJVISER_OIDC_PROVIDER_NAME", "") or "")


# --- refusals ----------------------------------------------------------------------------

#: What the user is told, by reason (the technical detail goes to the log only).
MESSAGES: dict[str, StrPromise] = {
    "state": _(
        "The sign-in could not be completed: the answer from the identity provider does "
        "not belong to a sign-in started in this browser, or it has been used already. "
        "Start the sign-in again."
    ),
    "token": _(
        "The sign-in was refused: the identity provider's token could not be verified "
        "(signature, issuer, audience, expiry or nonce). Nothing was changed. Start the "
        "sign-in again, and contact your IT department if it happens again."
    ),
    "provider": _(
        "The identity provider could not be reached or refused the request. Try again in "
        "a moment, or contact your IT department."
    ),
    "denied": _("The identity provider did not sign you in (cancelled or not allowed)."),
    "claims": _(
        "The identity provider did not send the information needed to sign you in "
        "(an account id). Contact your IT department."
    ),
    "inactive": _("Your Vejviser account is deactivated. Contact the administrator."),
}


class SignInRefused(Exception):
    """A sign-in that must not go through; ``reason`` is a key of :data:`MESSAGES`."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


# --- the provider's metadata ---------------------------------------------------------------

_metadata: dict[str, tuple[float, dict[str, Any]]] = {}
_metadata_lock = threading.Lock()


def provider_metadata() -> dict[str, Any]:
    """The provider's discovery document (cached for :data:`DISCOVERY_TTL` seconds).

    Raises :class:`SignInRefused` (``provider``) when it cannot be fetched, lacks an
    endpoint the flow needs, or names another issuer than the configured one.
    """
    url = discovery_url()
    now = time.monotonic()
    with _metadata_lock:
        cached = _metadata.get(url)
    if cached and now - cached[0] < DISCOVERY_TTL:
        return cached[1]
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise SignInRefused("provider", f"discovery document {url}: {error}") from error
    if not isinstance(document, dict):
        raise SignInRefused("provider", f"discovery document {url} is not an object")
    if document.get("issuer") != issuer():
        raise SignInRefused(
            "provider",
            f"discovery names issuer {document.get('issuer')!r}, configured {issuer()!r}",
        )
    for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(document.get(key), str):
            raise SignInRefused("provider", f"discovery document lacks {key}")
    with _metadata_lock:
        _metadata[url] = (now, document)
    return document


def forget_metadata() -> None:
    """Drop the cached discovery documents (tests; a provider that moved its endpoints)."""
    with _metadata_lock:
        _metadata.clear()


# --- the authentication backend ------------------------------------------------------------


class OidcBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Signs a user in from the authorization code the provider sent to the callback.

    Always listed in ``AUTHENTICATION_BACKENDS``; answers only the callback view (which
    passes a ``nonce``) and only when OIDC is configured. Creating it costs nothing and
    fetches nothing, since Django creates every backend for every login attempt.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.UserModel = get_user_model()

    # the library reads these as attributes; here they come from settings and discovery
    @property
    def OIDC_RP_CLIENT_ID(self) -> str:
        return str(settings.OIDC_RP_CLIENT_ID)

    @property
    def OIDC_RP_CLIENT_SECRET(self) -> str:
        return str(settings.OIDC_RP_CLIENT_SECRET)

    @property
    def OIDC_RP_SIGN_ALGO(self) -> str:
        return algorithm()

    @property
    def OIDC_RP_IDP_SIGN_KEY(self) -> None:
        return None

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self) -> str:
        return str(provider_metadata()["token_endpoint"])

    @property
    def OIDC_OP_JWKS_ENDPOINT(self) -> str:
        return str(provider_metadata()["jwks_uri"])

    @property
    def OIDC_OP_USER_ENDPOINT(self) -> str | None:
        endpoint = provider_metadata().get("userinfo_endpoint")
        return str(endpoint) if endpoint else None

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        if request is None or "nonce" not in kwargs or "password" in kwargs or not enabled():
            return None
        try:
            return super().authenticate(request, **kwargs)
        except requests.RequestException as error:
            raise SignInRefused("provider", f"token or userinfo request: {error}") from error

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """The ID token's claims, once its signature, algorithm, issuer, audience,
        expiry and nonce are checked."""
        if not token or not isinstance(token, str):
            raise SignInRefused("token", "the token answer has no id_token")
        algo = algorithm()
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise SignInRefused("token", f"unreadable ID token: {error}") from error
        if header.get("alg") != algo:
            raise SignInRefused("token", f"ID token signed with {header.get('alg')!r}, not {algo}")
        try:
            key = self.retrieve_matching_jwk(token)
        except SuspiciousOperation as error:
            raise SignInRefused("token", f"no matching key in the JWKS: {error}") from error
        client_id = self.OIDC_RP_CLIENT_ID
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[algo],
                audience=client_id,
                issuer=issuer(),
                leeway=LEEWAY,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as error:
            raise SignInRefused("token", f"ID token refused: {error}") from error
        audience = claims.get("aud")
        if isinstance(audience, list) and len(audience) > 1 and claims.get("azp") != client_id:
            raise SignInRefused("token", "several audiences and azp is not this client")
        if "nonce" in kwargs and claims.get("nonce") != kwargs["nonce"]:
            raise SignInRefused("token", "nonce does not match the one sent")
        return claims

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        """The ID token's claims, completed by the userinfo endpoint's when there is one
        (its ``sub`` must be the token's). Entra ID puts groups in the ID token only."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT is None:
            return claims
        extra = super().get_userinfo(access_token, id_token, payload)
        if not isinstance(extra, dict):
            raise SignInRefused("claims", "userinfo answer is not an object")
        if extra.get("sub") != payload.get("sub"):
            raise SignInRefused("token", "userinfo sub differs from the ID token's sub")
        protected = {"iss", "sub", "aud", "exp", "iat", "nonce", "azp"}
        claims.update({key: value for key, value in extra.items() if key not in protected})
        return claims

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        return sign_in(self.get_userinfo(access_token, id_token, payload))

    def get_user(self, user_id: Any) -> Any:
        user = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


# --- users and roles --------------------------------------------------------------------


def sign_in(claims: dict[str, Any]) -> Any:
    """The user for a verified set of claims: found by issuer + subject or created, with
    name and e-mail refreshed and the mapped roles applied. Raises :class:`SignInRefused`."""
    token_issuer, subject = claims.get("iss"), claims.get("sub")
    if not isinstance(token_issuer, str) or not isinstance(subject, str) or not subject:
        raise SignInRefused("claims", "no iss or sub")
    for _attempt in range(3):
        try:
            with transaction.atomic():
                identity = (
                    ExternalIdentity.objects.select_for_update()
                    .select_related("user")
                    .filter(issuer=token_issuer, subject=subject)
                    .first()
                )
                if identity is None:
                    identity = ExternalIdentity(
                        user=_new_user(claims), issuer=token_issuer, subject=subject
                    )
                user = identity.user
                if not user.is_active:
                    raise SignInRefused("inactive", f"user {user.pk} is inactive")
                identity.last_sign_in_at = timezone.now()
                identity.save()
                _refresh_profile(user, claims)
                apply_group_mappings(user, token_issuer, claims)
                return user
        except IntegrityError:
            # someone else created the same identity or username at the same moment
            log.info("sign-in raced with another; trying again", extra={"issuer": token_issuer})
    raise SignInRefused("provider", "could not create the user (repeated conflicts)")


def _new_user(claims: dict[str, Any]) -> Any:
    model = get_user_model()
    username = signin.unique_username(
        signin.username_base(claims),
        lambda name: model.objects.filter(username__iexact=name).exists(),
    )
    user = model(username=username)
    user.set_unusable_password()
    user.save()
    log.info("new user from the identity provider", extra={"user_id": user.pk})
    return user


def _refresh_profile(user: Any, claims: dict[str, Any]) -> None:
    fields = {
        "email": claims.get("email"),
        "first_name": claims.get("given_name"),
        "last_name": claims.get("family_name"),
    }
    changed = []
    for field, value in fields.items():
        if isinstance(value, str) and value:
            value = value[: user._meta.get_field(field).max_length]
            if getattr(user, field) != value:
                setattr(user, field, value)
                changed.append(field)
    if changed:
        user.save(update_fields=changed)


def apply_group_mappings(user: Any, token_issuer: str, claims: dict[str, Any]) -> signin.Plan:
    """Give and take the roles the issuer's group mappings decide (see
    :func:`~vejviser.accounts.core.signin.plan_roles`)."""
    from vejviser.portfolio.models import OrganisationMember, OrganisationRole, Role

    from .roles import CONTENT_EDITOR, content_editor_group

    groups = signin.groups_from_claims(claims, settings.VEJVISER_OIDC_GROUPS_CLAIM)
    rules = [
        signin.GroupRule(group=m.group, role=m.role, organisation=m.organisation_id)
        for m in GroupMapping.objects.filter(issuer=token_issuer).order_by("id")
    ]
    if groups is None:
        log.warning(
            "the token does not list the groups (too many): roles left as they are; "
            "assign only the relevant groups to the application",
            extra={"user_id": user.pk},
        )
        return signin.Plan(False, None, frozenset(), frozenset(), None)
    membership = OrganisationMember.objects.filter(user=user).first()
    current = signin.Roles(
        member_of=membership.organisation_id if membership else None,
        management=frozenset(
            OrganisationRole.objects.filter(user=user, role=Role.MANAGEMENT).values_list(
                "organisation_id", flat=True
            )
        ),
        content_editor=user.groups.filter(name=CONTENT_EDITOR).exists(),
    )
    plan = signin.plan_roles(groups, rules, current)
    if plan.set_member:
        if plan.member_of is None:
            OrganisationMember.objects.filter(user=user).delete()
        else:
            OrganisationMember.objects.update_or_create(
                user=user, defaults={"organisation_id": plan.member_of}
            )
    for organisation in plan.add_management:
        OrganisationRole.objects.get_or_create(
            user=user, organisation_id=organisation, role=Role.MANAGEMENT
        )
    if plan.remove_management:
        OrganisationRole.objects.filter(
            user=user, role=Role.MANAGEMENT, organisation_id__in=plan.remove_management
        ).delete()
    if plan.content_editor is True:
        user.groups.add(content_editor_group())
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    elif plan.content_editor is False:
        user.groups.remove(content_editor_group())
        if user.is_staff and not user.is_superuser:
            user.is_staff = False
            user.save(update_fields=["is_staff"])
    return plan


# --- views ------------------------------------------------------------------------------


def _refuse(request: HttpRequest, reason: str, detail: str) -> HttpResponse:
    log.warning("sign-in refused (%s): %s", reason, detail)
    request.session.pop("oidc_id_token", None)  # stored by the library before the refusal
    messages.error(request, MESSAGES[reason])
    return redirect("login")


class OidcStart(OIDCAuthenticationRequestView):  # type: ignore[misc]
    """Sends the browser to the provider (state, nonce and PKCE kept in the session)."""

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider_metadata()["authorization_endpoint"]
        except SignInRefused as refused:
            return _refuse(request, refused.reason, refused.detail)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        response: HttpResponse = super().get(request)
        return response


class OidcCallback(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """Where the provider sends the browser back; signs the user in or says why not."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            raise Http404
        if request.GET.get("error"):
            super().get(request)  # forgets the state, logs out
            detail = f"{request.GET.get('error')}: {request.GET.get('error_description', '')}"
            return _refuse(request, "denied", detail)
        state, code = request.GET.get("state"), request.GET.get("code")
        if not state or not code:
            return _refuse(request, "state", "callback without code or state")
        known = request.session.get("oidc_states")
        if not isinstance(known, dict) or state not in known:
            return _refuse(request, "state", "state unknown in this session (or used)")
        try:
            response: HttpResponse = super().get(request)
        except SignInRefused as refused:
            return _refuse(request, refused.reason, refused.detail)
        user = getattr(self, "user", None)
        if user is None or not user.is_authenticated:
            return _refuse(request, "token", "no user from the backend")
        return response

    def login_failure(self) -> HttpResponse:
        return redirect("login")


class LoginView(auth_views.LoginView):
    """The login page: the hospital's sign-in button when OIDC is configured, and the
    username/password form unless local login is switched off."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            oidc_enabled=enabled(),
            oidc_provider=provider_label(),
            local_login=local_login_enabled(),
        )
        return context

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        if enabled():  # the hospital's button comes first; no focus jump past it
            form.fields["username"].widget.attrs.pop("autofocus", None)
        return form

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not local_login_enabled():
            messages.error(
                request,
                _("Local passwords are switched off here: sign in through your organisation."),
            )
            return redirect("login")
        response: HttpResponse = super().post(request, *args, **kwargs)
        return response


class LogoutView(auth_views.LogoutView):
    """Ends the session here and, after a hospital sign-in, at the provider too when it
    advertises an ``end_session_endpoint`` (RP-initiated logout)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        id_token = request.session.get("oidc_id_token")
        end_session = None
        if id_token and enabled():
            try:
                end_session = provider_metadata().get("end_session_endpoint")
            except SignInRefused as refused:
                log.warning("no logout at the provider: %s", refused.detail)
        response: HttpResponse = super().post(request, *args, **kwargs)
        if not isinstance(end_session, str) or not end_session:
            return response
        allowed = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].get("form-action", [])
        if signin.origin(end_session) not in allowed:
            # the browser would block the redirect: the policy names the issuer's origin
            log.warning("end_session_endpoint %s is not on the issuer's host", end_session)
            return response
        back = request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL))
        query = urlencode(
            {
                "id_token_hint": id_token,
                "post_logout_redirect_uri": back,
                "client_id": settings.OIDC_RP_CLIENT_ID,
            }
        )
        separator = "&" if urlsplit(end_session).query else "?"
        return HttpResponseRedirect(f"{end_session}{separator}{query}")
