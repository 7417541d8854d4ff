"""Hospital sign-in: the whole authorization-code flow against a local OpenID Connect
provider the tests start (``oidc_provider.py``), through Django's test client."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import authenticate, get_user_model
from django.test import RequestFactory
from django.urls import reverse

from vejviser.accounts import oidc
from vejviser.accounts.models import ExternalIdentity, GroupMapping
from vejviser.accounts.roles import CONTENT_EDITOR
from vejviser.conftest import PASSWORD, make_user
from vejviser.portfolio.models import Organisation, OrganisationMember, OrganisationRole

from .oidc_provider import TAMPERINGS, LocalProvider

User = get_user_model()


@pytest.fixture
def provider(settings: Any) -> Iterator[LocalProvider]:
    with LocalProvider() as started:
        for name, value in started.settings().items():
            setattr(settings, name, value)
        started.add_user(
            "anna",
            preferred_username="anna.hansen@regionh.dk",
            email="anna.hansen@regionh.dk",
            given_name="Anna",
            family_name="Hansen",
        )
        oidc.forget_metadata()
        yield started
    oidc.forget_metadata()


def start(client: Any, next_url: str | None = None) -> dict[str, str]:
    """Vejviser's redirect to the provider; the authorization request's parameters."""
    url = reverse("oidc_start") + (f"?next={next_url}" if next_url else "")
    response = client.get(url)
    assert response.status_code == 302, response
    return {k: v[0] for k, v in parse_qs(urlsplit(response["Location"]).query).items()}


def at_provider(provider: LocalProvider, params: dict[str, str], username: str) -> str:
    """The user signs in at the provider's login page; the callback path it sends back."""
    page = requests.get(f"{provider.issuer}/authorize", params=params, timeout=5)
    assert page.status_code == 200 and "Brugernavn" in page.text
    answer = requests.post(
        f"{provider.issuer}/authorize",
        data={**params, "username": username},
        allow_redirects=False,
        timeout=5,
    )
    location = urlsplit(answer.headers["Location"])
    assert location.netloc == "testserver"
    return f"{location.path}?{location.query}"


def sign_in(client: Any, provider: LocalProvider, username: str = "anna") -> Any:
    callback = at_provider(provider, start(client), username)
    return client.get(callback)


def page_after(client: Any, response: Any) -> str:
    assert response.status_code == 302
    page: str = client.get(response["Location"]).content.decode()
    return page


def logged_in(client: Any) -> Any:
    return client.get(reverse("dashboard")).wsgi_request.user


# --- the flow ----------------------------------------------------------------------------


def test_first_sign_in_creates_the_user_and_the_identity(client, db, provider):
    params = start(client)
    assert params["response_type"] == "code"
    assert params["scope"] == "openid email profile"
    assert params["code_challenge_method"] == "S256" and params["nonce"] and params["state"]
    assert params["redirect_uri"] == "http://testserver/account/oidc/callback/"
    response = client.get(at_provider(provider, params, "anna"))
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")

    user = logged_in(client)
    assert user.is_authenticated and user.username == "anna.hansen"
    assert (user.email, user.first_name, user.last_name) == (
        "anna.hansen@regionh.dk",
        "Anna",
        "Hansen",
    )
    assert not user.has_usable_password()
    identity = ExternalIdentity.objects.get(user=user)
    assert (identity.issuer, identity.subject) == (provider.issuer, provider.users["anna"]["sub"])
    assert identity.last_sign_in_at is not None
    # PKCE: the token request carried the verifier of the challenge (the provider checks it)
    assert provider.token_requests[-1]["code_verifier"]
    assert client.session["oidc_id_token"]


def test_sign_in_goes_back_to_the_page_asked_for(client, db, provider):
    callback = at_provider(provider, start(client, next_url="/account/tokens/"), "anna")
    assert client.get(callback)["Location"] == "/account/tokens/"


def test_a_foreign_next_is_ignored(client, db, provider):
    callback = at_provider(provider, start(client, next_url="https://evil.example/"), "anna")
    assert client.get(callback)["Location"] == reverse("dashboard")


def test_second_sign_in_matches_issuer_and_subject_even_when_the_email_changes(
    client, db, provider
):
    sign_in(client, provider)
    first = logged_in(client)
    client.logout()
    provider.users["anna"].update(
        email="anna.h.larsen@regionh.dk", preferred_username="anna.larsen@regionh.dk"
    )
    sign_in(client, provider)
    again = logged_in(client)
    assert again.pk == first.pk
    assert again.email == "anna.h.larsen@regionh.dk"
    assert again.username == "anna.hansen"  # the username stays
    assert User.objects.count() == 1 and ExternalIdentity.objects.count() == 1


def test_the_email_never_matches_an_existing_account(client, db, provider):
    local = make_user("anna-local")
    local.email = "anna.hansen@regionh.dk"
    local.save()
    sign_in(client, provider)
    user = logged_in(client)
    assert user.pk != local.pk
    assert not ExternalIdentity.objects.filter(user=local).exists()


def test_another_issuer_with_the_same_subject_is_another_user(client, db, provider, settings):
    sign_in(client, provider)
    first = logged_in(client)
    client.logout()
    with LocalProvider(path="/tenant-b") as other:
        other.users["anna"] = dict(provider.users["anna"])  # same sub, same e-mail
        for name, value in other.settings().items():
            setattr(settings, name, value)
        assert other.issuer != provider.issuer
        sign_in(client, other)
        second = logged_in(client)
    assert second.is_authenticated and second.pk != first.pk
    assert second.username == "anna.hansen-2"
    assert {(i.issuer, i.user_id) for i in ExternalIdentity.objects.all()} == {
        (provider.issuer, first.pk),
        (other.issuer, second.pk),
    }


def test_a_taken_username_gets_a_number(client, db, provider):
    make_user("anna.hansen")
    make_user("Anna.Hansen-2")
    sign_in(client, provider)
    assert logged_in(client).username == "anna.hansen-3"


def test_a_provider_without_userinfo_uses_the_id_token(client, db, settings):
    with LocalProvider(userinfo=False) as bare:
        for name, value in bare.settings().items():
            setattr(settings, name, value)
        bare.add_user("ole", preferred_username="ole@regionsyd.dk", email="ignored@x.dk")
        sign_in(client, bare, "ole")
    user = logged_in(client)
    assert user.username == "ole" and user.email == ""  # e-mail came from userinfo only


# --- groups → roles -------------------------------------------------------------------------


@pytest.fixture
def tree(db: Any) -> dict[str, Organisation]:
    region = Organisation.objects.create(name="Region Hovedstaden", kind="region")
    rigs = Organisation.objects.create(name="Rigshospitalet", kind="hospital", parent=region)
    herlev = Organisation.objects.create(name="Herlev Hospital", kind="hospital", parent=region)
    return {"region": region, "rigs": rigs, "herlev": herlev}


def roles_of(user: Any) -> tuple[Any, set[str], bool, bool]:
    user.refresh_from_db()
    member = OrganisationMember.objects.filter(user=user).first()
    management = {
        r.organisation.name for r in OrganisationRole.objects.filter(user=user, role="management")
    }
    editor = user.groups.filter(name=CONTENT_EDITOR).exists()
    return (member.organisation.name if member else None, management, editor, user.is_staff)


def test_group_mappings_add_and_remove_roles_at_every_sign_in(client, provider, tree):
    issuer = provider.issuer
    GroupMapping.objects.create(
        issuer=issuer, group="g-rigs", role="member", organisation=tree["rigs"]
    )
    GroupMapping.objects.create(
        issuer=issuer, group="g-herlev", role="member", organisation=tree["herlev"]
    )
    GroupMapping.objects.create(
        issuer=issuer, group="g-ledelse", role="management", organisation=tree["region"]
    )
    GroupMapping.objects.create(issuer=issuer, group="g-indhold", role="content-editor")
    # a mapping of another provider never applies
    GroupMapping.objects.create(
        issuer="https://other.example",
        group="g-ledelse",
        role="management",
        organisation=tree["herlev"],
    )

    provider.users["anna"]["groups"] = ["g-rigs", "g-ledelse", "g-indhold", "g-unmapped"]
    sign_in(client, provider)
    user = logged_in(client)
    assert roles_of(user) == ("Rigshospitalet", {"Region Hovedstaden"}, True, True)

    # by hand in the admin: management at an organisation no mapping names stays
    OrganisationRole.objects.create(user=user, organisation=tree["herlev"], role="management")
    client.logout()
    provider.users["anna"]["groups"] = ["g-herlev"]
    sign_in(client, provider)
    assert roles_of(user) == ("Herlev Hospital", {"Herlev Hospital"}, False, False)

    client.logout()
    provider.users["anna"]["groups"] = []
    sign_in(client, provider)
    assert roles_of(user) == (None, {"Herlev Hospital"}, False, False)


def test_too_many_groups_leaves_the_roles_as_they_are(client, provider, tree):
    GroupMapping.objects.create(
        issuer=provider.issuer, group="g-ledelse", role="management", organisation=tree["region"]
    )
    provider.users["anna"]["groups"] = ["g-ledelse"]
    sign_in(client, provider)
    user = logged_in(client)
    client.logout()
    # Entra ID's "overage": no groups claim, a pointer to Graph instead
    del provider.users["anna"]["groups"]
    provider.users["anna"]["hasgroups"] = True
    sign_in(client, provider)
    assert roles_of(user)[1] == {"Region Hovedstaden"}


def test_a_mapping_needs_the_organisation_its_role_needs(db, tree):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        GroupMapping(issuer="https://x", group="g", role="member").full_clean()
    with pytest.raises(ValidationError):
        GroupMapping(
            issuer="https://x", group="g", role="content-editor", organisation=tree["rigs"]
        ).full_clean()
    GroupMapping(
        issuer="https://x", group="g", role="management", organisation=tree["rigs"]
    ).full_clean()


# --- refusals: a clear message, nothing created ------------------------------------------------


def assert_refused(client: Any, response: Any, danish: str) -> None:
    assert response.status_code == 302 and response["Location"] == reverse("login")
    page = page_after(client, response)  # Danish: the default language
    assert danish in page, page
    assert not logged_in(client).is_authenticated
    assert not ExternalIdentity.objects.exists()
    assert not User.objects.exists()


@pytest.mark.parametrize("tampering", TAMPERINGS)
def test_a_bad_token_is_refused(client, db, provider, tampering):
    provider.tamper = tampering
    response = sign_in(client, provider)
    assert_refused(client, response, "Login blev afvist")


def test_an_unknown_state_is_refused(client, db, provider):
    params = start(client)
    callback = at_provider(provider, {**params, "state": "made-up"}, "anna")
    assert_refused(client, client.get(callback), "Login kunne ikke gennemføres")


def test_a_callback_from_another_browser_is_refused(client, db, provider):
    from django.test import Client

    callback = at_provider(provider, start(client), "anna")
    stranger = Client()
    assert_refused(stranger, stranger.get(callback), "Login kunne ikke gennemføres")


def test_a_callback_cannot_be_replayed(client, db, provider):
    callback = at_provider(provider, start(client), "anna")
    assert client.get(callback).status_code == 302
    user = logged_in(client)
    client.logout()
    response = client.get(callback)
    assert response["Location"] == reverse("login")
    assert "Login kunne ikke gennemføres" in page_after(client, response)
    assert not logged_in(client).is_authenticated
    assert User.objects.get() == user


def test_a_callback_without_code_is_refused(client, db, provider):
    start(client)
    response = client.get(reverse("oidc_authentication_callback"))
    assert_refused(client, response, "Login kunne ikke gennemføres")


def test_the_provider_saying_no_is_shown(client, db, provider):
    response = sign_in(client, provider, "nobody")  # the provider answers access_denied
    assert_refused(client, response, "Identitetsudbyderen loggede dig ikke ind")


def test_the_provider_answering_for_another_issuer_is_refused(client, db, provider, settings):
    settings.VEJVISER_OIDC_DISCOVERY_URL = provider.issuer + "/.well-known/openid-configuration"
    settings.VEJVISER_OIDC_ISSUER = provider.issuer + "/another-tenant"
    response = client.get(reverse("oidc_start"))
    assert_refused(client, response, "Identitetsudbyderen kunne ikke nås")


def test_a_provider_that_is_down_leaves_local_login_working(client, db, settings):
    settings.VEJVISER_OIDC_ISSUER = "http://127.0.0.1:9"  # discard port: nothing answers
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "vejviser", "x"
    oidc.forget_metadata()
    response = client.get(reverse("oidc_start"))
    assert_refused(client, response, "Identitetsudbyderen kunne ikke nås")
    make_user("alice")
    assert (
        client.post(reverse("login"), {"username": "alice", "password": PASSWORD}).status_code
        == 302
    )
    assert logged_in(client).username == "alice"


def test_a_deactivated_user_is_refused(client, db, provider):
    sign_in(client, provider)
    user = logged_in(client)
    client.logout()
    user.is_active = False
    user.save()
    response = sign_in(client, provider)
    assert response["Location"] == reverse("login")
    assert "Din Vejviser-konto er deaktiveret" in page_after(client, response)
    assert "oidc_id_token" not in client.session  # so logout does not go to the provider
    assert not logged_in(client).is_authenticated


def test_the_messages_are_english_too(client, db, provider, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    provider.tamper = "signature"
    response = sign_in(client, provider)
    page = page_after(client, response)
    assert "The sign-in was refused: the identity provider&#x27;s token" in page


def test_oidc_urls_are_not_found_when_not_configured(client, db):
    assert not oidc.enabled()
    assert client.get(reverse("oidc_start")).status_code == 404
    assert (
        client.get(reverse("oidc_authentication_callback") + "?code=x&state=y").status_code == 404
    )


def test_failed_sign_ins_do_not_lock_out_local_login(client, db, provider, settings):
    provider.tamper = "signature"
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        sign_in(client, provider)
    make_user("alice")
    assert (
        client.post(reverse("login"), {"username": "alice", "password": PASSWORD}).status_code
        == 302
    )


# --- the login page, local passwords and logout ----------------------------------------------


def test_login_page_without_oidc_has_only_the_password_form(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "data-login" in page and "data-oidc-start" not in page


def test_login_page_with_oidc_has_both(client, db, provider, settings):
    settings.VEJVISER_OIDC_PROVIDER_NAME = "Region Hovedstaden"
    page = client.get(reverse("login") + "?next=/account/tokens/").content.decode()
    assert "data-login" in page and "data-oidc-start" in page
    assert "Log ind med Region Hovedstaden" in page
    assert f"{reverse('oidc_start')}?next=/account/tokens/" in page


def test_local_passwords_can_be_switched_off(client, db, provider, settings):
    settings.VEJVISER_LOCAL_LOGIN = False
    make_user("alice")
    page = client.get(reverse("login")).content.decode()
    assert "data-oidc-start" in page and "data-login" not in page
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert not logged_in(client).is_authenticated
    assert (
        authenticate(RequestFactory().post("/admin/login/"), username="alice", password=PASSWORD)
        is None
    )  # the admin's login too
    # hospital sign-in still works
    sign_in(client, provider)
    assert logged_in(client).is_authenticated


def test_local_passwords_stay_on_without_oidc(db, settings):
    settings.VEJVISER_LOCAL_LOGIN = False  # meaningless without OIDC (settings refuse it)
    make_user("alice")
    assert (
        authenticate(RequestFactory().post("/admin/login/"), username="alice", password=PASSWORD)
        is not None
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"VEJVISER_OIDC_ISSUER": "https://login.example"}, "needs all of"),
        ({"VEJVISER_LOCAL_LOGIN": "0"}, "needs OpenID Connect configured"),
    ],
)
def test_settings_refuse_half_a_configuration(env, message):
    import os

    result = subprocess.run(
        [sys.executable, "-c", "import vejviser.settings"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0 and message in result.stderr


def test_logout_ends_the_session_here_and_at_the_provider(client, db, provider):
    sign_in(client, provider)
    id_token = client.session["oidc_id_token"]
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{provider.issuer}/logout"
    query = {k: v[0] for k, v in parse_qs(target.query).items()}
    assert query == {
        "id_token_hint": id_token,
        "post_logout_redirect_uri": "http://testserver/account/login/",
        "client_id": "vejviser",
    }
    # the browser may follow the logout form's redirect to the provider
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    directives = dict(
        part.strip().split(" ", 1) for part in policy.split(";") if " " in part.strip()
    )
    assert directives["form-action"].split() == ["'self'", provider.origin]
    assert not logged_in(client).is_authenticated


def test_logout_stays_here_when_the_policy_does_not_allow_the_provider(
    client, db, provider, settings
):
    sign_in(client, provider)
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"form-action": ["'self'"]}}
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert not logged_in(client).is_authenticated


def test_settings_allow_the_issuer_in_form_action():
    import os

    env = {
        "VEJVISER_OIDC_ISSUER": "https://login.microsoftonline.com/tenant-id/v2.0",
        "VEJVISER_OIDC_CLIENT_ID": "app-id",
        "VEJVISER_OIDC_CLIENT_SECRET": "secret",
    }
    code = (
        "import vejviser.settings as s; "
        "print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'], s.VEJVISER_LOCAL_LOGIN)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "[\"'self'\", 'https://login.microsoftonline.com'] True"


def test_logout_without_end_session_stays_here(client, db, settings):
    with LocalProvider(end_session=False) as plain:
        for name, value in plain.settings().items():
            setattr(settings, name, value)
        plain.add_user("ole", preferred_username="ole")
        sign_in(client, plain, "ole")
        response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert not logged_in(client).is_authenticated


def test_local_logout_is_unchanged(client, db, provider):
    make_user("alice")
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert not logged_in(client).is_authenticated


# --- the admin --------------------------------------------------------------------------------


def test_an_operator_maps_a_group_in_the_admin(client, provider, tree):
    admin = User.objects.create_superuser("drift", password=PASSWORD)
    client.force_login(admin)
    form = client.get(reverse("admin:accounts_groupmapping_add")).content.decode()
    assert provider.issuer in form  # the configured issuer is filled in
    response = client.post(
        reverse("admin:accounts_groupmapping_add"),
        {
            "issuer": provider.issuer,
            "group": "g-rigs",
            "role": "member",
            "organisation": tree["rigs"].pk,
        },
    )
    assert response.status_code == 302
    refused = client.post(
        reverse("admin:accounts_groupmapping_add"),
        {"issuer": provider.issuer, "group": "g-x", "role": "member", "organisation": ""},
    )
    assert refused.status_code == 200 and GroupMapping.objects.count() == 1
    assert client.get(reverse("admin:accounts_externalidentity_changelist")).status_code == 200


def test_a_content_editor_cannot_map_groups(client, db):
    from vejviser.accounts.roles import make_content_editor

    editor = make_user("redaktor")
    make_content_editor(editor)
    client.force_login(editor)
    assert client.get(reverse("admin:accounts_groupmapping_changelist")).status_code == 403
    assert client.get(reverse("admin:accounts_externalidentity_changelist")).status_code == 403
