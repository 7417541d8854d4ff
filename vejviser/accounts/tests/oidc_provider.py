"""A small OpenID Connect provider the tests start themselves, on 127.0.0.1 and a free port.

It serves what a real provider (Entra ID, ADFS) serves to Vejviser: the discovery
document, the signing keys (JWKS), the authorization endpoint (a plain login form: type a
known username), the token endpoint (authorization code with PKCE, client secret in the
body or as HTTP Basic), userinfo, and an end-session endpoint. ID tokens are signed with
RS256 by PyJWT with an RSA key made for each provider (cryptography).

``tamper`` makes the next tokens wrong in one way (a bad signature, another nonce, …) to
test that Vejviser refuses them.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings as django_settings
from jwt.algorithms import RSAAlgorithm

from vejviser.accounts.core.signin import form_action

#: Claims the ID token carries (the rest comes from userinfo), as Entra ID does groups.
ID_TOKEN_CLAIMS = ("sub", "groups", "hasgroups", "_claim_names", "preferred_username")
TAMPERINGS = ("signature", "nonce", "issuer", "audience", "expired", "alg-none", "unknown-key")


@dataclass
class Grant:
    username: str
    client_id: str
    redirect_uri: str
    nonce: str | None
    code_challenge: str | None
    issued: float = field(default_factory=time.time)


class LocalProvider:
    """Start with ``with LocalProvider(...) as provider:`` (or ``start()``/``stop()``)."""

    def __init__(
        self,
        client_id: str = "vejviser",
        client_secret: str = "hemmelig",  # noqa: S107 - a test provider's secret
        *,
        path: str = "",
        userinfo: bool = True,
        end_session: bool = True,
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.path = path.rstrip("/")
        self.has_userinfo = userinfo
        self.has_end_session = end_session
        self.users: dict[str, dict[str, Any]] = {}
        self.tamper: str | None = None
        self.codes: dict[str, Grant] = {}
        self.tokens: dict[str, dict[str, Any]] = {}
        self.token_requests: list[dict[str, str]] = []
        self.logouts: list[dict[str, str]] = []
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = secrets.token_hex(4)
        self._server: ThreadingHTTPServer | None = None
        self._origin = ""
        self._thread: threading.Thread | None = None

    # --- life cycle -------------------------------------------------------------------

    def start(self) -> LocalProvider:
        provider = self

        class Handler(_Handler):
            pass

        Handler.provider = provider
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        host, port = self._server.server_address[:2]
        self._origin = f"http://{host!s}:{port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LocalProvider:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def origin(self) -> str:
        assert self._origin, "the provider is not started"
        return self._origin

    @property
    def issuer(self) -> str:
        return self.origin + self.path

    def settings(self) -> dict[str, Any]:
        """Django settings that point Vejviser at this provider (as settings.py makes
        them from the environment)."""
        directives = django_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return {
            "VEJVISER_OIDC_ISSUER": self.issuer,
            "VEJVISER_OIDC_DISCOVERY_URL": "",
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_RP_SIGN_ALGO": "RS256",
            "CONTENT_SECURITY_POLICY": {
                "DIRECTIVES": {
                    **directives,
                    "form-action": form_action(directives["form-action"], self.issuer),
                }
            },
        }

    def add_user(self, username: str, **claims: Any) -> None:
        self.users[username] = {"sub": secrets.token_hex(8), **claims}

    # --- what the endpoints answer -----------------------------------------------------

    def discovery(self) -> dict[str, Any]:
        base = self.issuer
        document: dict[str, Any] = {
            "issuer": base,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "jwks_uri": f"{base}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "email", "profile"],
        }
        if self.has_userinfo:
            document["userinfo_endpoint"] = f"{base}/userinfo"
        if self.has_end_session:
            document["end_session_endpoint"] = f"{base}/logout"
        return document

    def jwks(self) -> dict[str, Any]:
        public = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        public.update({"kid": self.kid, "use": "sig", "alg": "RS256"})
        return {"keys": [public]}

    def authorize(self, params: dict[str, str], username: str) -> str:
        """The redirect back to the client for a user who signed in (or an error)."""
        redirect_uri = params["redirect_uri"]
        if username not in self.users:
            query = {"error": "access_denied", "error_description": "unknown user"}
        else:
            code = secrets.token_urlsafe(16)
            self.codes[code] = Grant(
                username=username,
                client_id=params["client_id"],
                redirect_uri=redirect_uri,
                nonce=params.get("nonce"),
                code_challenge=params.get("code_challenge"),
            )
            query = {"code": code}
        query["state"] = params.get("state", "")
        return f"{redirect_uri}?{urlencode(query)}"

    def token(
        self, form: dict[str, str], basic: tuple[str, str] | None
    ) -> tuple[int, dict[str, Any]]:
        self.token_requests.append(dict(form))
        client_id, secret = basic or (form.get("client_id", ""), form.get("client_secret", ""))
        if client_id != self.client_id or secret != self.client_secret:
            return 401, {"error": "invalid_client"}
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None or grant.redirect_uri != form.get("redirect_uri"):
            return 400, {"error": "invalid_grant"}
        if grant.code_challenge is not None:
            verifier = form.get("code_verifier", "")
            digest = hashlib.sha256(verifier.encode("ascii")).digest()
            if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != grant.code_challenge:
                return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        access = secrets.token_urlsafe(24)
        claims = self.users[grant.username]
        self.tokens[access] = claims
        return 200, {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": 3600,
            "id_token": self.id_token(claims, grant.nonce),
        }

    def id_token(self, claims: dict[str, Any], nonce: str | None) -> str:
        now = int(time.time())
        payload = {
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 600,
            **{k: v for k, v in claims.items() if k in ID_TOKEN_CLAIMS},
        }
        if nonce is not None:
            payload["nonce"] = nonce
        key, kid, alg = self.key, self.kid, "RS256"
        match self.tamper:
            case "signature":
                key = self.other_key
            case "nonce":
                payload["nonce"] = "another-nonce"
            case "issuer":
                payload["iss"] = "https://evil.example"
            case "audience":
                payload["aud"] = "another-client"
            case "expired":
                payload["iat"], payload["exp"] = now - 7200, now - 3600
            case "unknown-key":
                key, kid = self.other_key, "another-key"
            case "alg-none":
                return jwt.encode(payload, "", algorithm="none", headers={"kid": kid})
        return jwt.encode(payload, key, algorithm=alg, headers={"kid": kid})

    def userinfo(self, access_token: str) -> tuple[int, dict[str, Any]]:
        claims = self.tokens.get(access_token)
        if claims is None:
            return 401, {"error": "invalid_token"}
        return 200, {k: v for k, v in claims.items() if k != "groups"}


def login_page(params: dict[str, str], message: str = "") -> str:
    hidden = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
        for k, v in params.items()
    )
    return (
        "<!doctype html><html lang=da><head><meta charset=utf-8>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Regionens login (test)</title></head><body>"
        "<h1>Regionens login (testudbyder)</h1>"
        f"<p>{html.escape(message)}</p>"
        '<form method="post" action="authorize">'
        f"{hidden}"
        '<label for="username">Brugernavn hos regionen</label> '
        '<input id="username" name="username" autocomplete="username"> '
        '<button type="submit">Log ind</button></form></body></html>'
    )


class _Handler(BaseHTTPRequestHandler):
    provider: LocalProvider

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _route(self) -> tuple[str, dict[str, str]]:
        parts = urlsplit(self.path)
        route = parts.path
        prefix = self.provider.path
        if prefix and route.startswith(prefix):
            route = route[len(prefix) :]
        return route, {k: v[0] for k, v in parse_qs(parts.query).items()}

    def _send(self, status: int, body: str | bytes, kind: str = "application/json") -> None:
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _json(self, status: int, document: Any) -> None:
        self._send(status, json.dumps(document))

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _form(self) -> dict[str, str]:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode()
        return {k: v[0] for k, v in parse_qs(body).items()}

    def do_GET(self) -> None:
        route, query = self._route()
        provider = self.provider
        if route == "/.well-known/openid-configuration":
            self._json(200, provider.discovery())
        elif route == "/jwks":
            self._json(200, provider.jwks())
        elif route == "/authorize":
            if query.get("client_id") != provider.client_id or "redirect_uri" not in query:
                self._send(400, "unknown client", "text/plain")
            else:
                self._send(200, login_page(query), "text/html; charset=utf-8")
        elif route == "/userinfo":
            auth = self.headers.get("Authorization", "")
            status, document = provider.userinfo(auth.removeprefix("Bearer "))
            self._json(status, document)
        elif route == "/logout":
            provider.logouts.append(query)
            back = query.get("post_logout_redirect_uri")
            if back:
                self._redirect(back)
            else:
                self._send(200, "<p>Du er logget ud hos regionen.</p>", "text/html")
        else:
            self._send(404, "not found", "text/plain")

    def do_POST(self) -> None:
        route, _query = self._route()
        provider = self.provider
        form = self._form()
        if route == "/authorize":
            username = form.pop("username", "")
            self._redirect(provider.authorize(form, username))
        elif route == "/token":
            basic = None
            auth = self.headers.get("Authorization", "")
            if auth.startswith("Basic "):
                user, _sep, secret = base64.b64decode(auth[6:]).decode().partition(":")
                basic = (user, secret)
            status, document = provider.token(form, basic)
            self._json(status, document)
        else:
            self._send(404, "not found", "text/plain")
