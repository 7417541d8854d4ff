"""Login (argon2, throttled) and API tokens."""

from __future__ import annotations

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from vejviser.accounts.models import ApiToken
from vejviser.conftest import PASSWORD, make_user


def test_argon2_is_the_password_hasher():
    from vejviser import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_login_and_logout(client, db):
    make_user("alice")
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_failed_logins_are_throttled(client, db):
    make_user("alice")
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "15" in response.content.decode()


def test_wrong_password_gives_clear_message(client, db):
    make_user("alice")
    response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert "alert" in response.content.decode()


def test_token_is_shown_once_and_stored_hashed(client, db):
    user = make_user("alice")
    client.force_login(get_user_model().objects.get(username="alice"))
    response = client.post(reverse("tokens"), {"name": "rapport"})
    page = response.content.decode()
    token = ApiToken.objects.get(user=user)
    secret = page.split("data-token-secret")[1].split("<code>")[1].split("</code>")[0]
    assert secret.startswith("vj_") and secret not in token.key_hash
    assert ApiToken.objects.user_for(secret) == user
    assert client.get(reverse("tokens")).content.decode().count(secret) == 0


def test_only_own_tokens_can_be_revoked(client, db):
    alice, bob = make_user("alice"), make_user("bob")
    token, _secret = ApiToken.issue(bob, "bobs")
    client.force_login(get_user_model().objects.get(username="alice"))
    client.post(reverse("token_revoke", args=[token.pk]))
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert alice
