"""Locust users for the load test (run by benchmarks/ops/load.py; can run alone:
``locust -f benchmarks/ops/locustfile.py --host http://127.0.0.1:8000`` with
``LOAD_PROJECT`` and ``LOAD_TOKEN`` in the environment).

Each simulated user has a session of its own (made by load.py beforehand, as if each
had logged in earlier: 50 Argon2 logins at once would measure a login storm, not the
steady state) and, with a 1 s think time between requests, visits the main pages:
clinicians (the demo's ``anna``) the dashboard, the project page, the journey guide,
the assistant (a question, answered into the page as htmx does) and the API with a
bearer token; managers (``lene``) the portfolio. Request names are the pages', so the
figures are per page.
"""

from __future__ import annotations

import os
import re
from http.cookiejar import Cookie

from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser

#: Session keys per user name, comma-separated: LOAD_SESSIONS_ANNA, LOAD_SESSIONS_LENE.
SESSIONS = {name: os.environ.get(f"LOAD_SESSIONS_{name.upper()}", "").split(",")
            for name in ("anna", "lene")}  # fmt: skip
PROJECT = os.environ.get("LOAD_PROJECT", "1")
TOKEN = os.environ.get("LOAD_TOKEN", "")
THINK = float(os.environ.get("LOAD_THINK", "1"))
QUESTIONS = [
    "Hvad skal en DPIA indeholde?",
    "Hvornår er et AI-produkt medicinsk udstyr?",
    "Hvem skal inddrages i en pilotafprøvning?",
    "Hvordan overvåger vi modellen i drift?",
]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Visitor(FastHttpUser):
    abstract = True
    username = "anna"
    wait_time = constant(THINK)
    started = 0

    def on_start(self) -> None:
        keys = SESSIONS[self.username]
        key = keys[Visitor.started % len(keys)]
        Visitor.started += 1
        host = self.host.split("//", 1)[1].split(":")[0]
        self.client.cookiejar.set_cookie(Cookie(
            0, "sessionid", key, None, False, host, False, False, "/", True, False, None,
            False, None, None, {}))  # fmt: skip
        page = self.client.get(f"/projects/{PROJECT}/", name="project page")
        found = CSRF.search(page.text or "")
        assert found, "not logged in (no form on the project page)"
        self.csrf = found.group(1)


class Clinician(Visitor):
    weight = 4
    asked = 0

    @task(2)
    def dashboard(self) -> None:
        self.client.get("/", name="dashboard")

    @task(3)
    def project(self) -> None:
        self.client.get(f"/projects/{PROJECT}/", name="project page")

    @task(2)
    def journey(self) -> None:
        self.client.get("/journey/faerdigt-produkt/", name="journey guide")

    @task(1)
    def assistant(self) -> None:
        self.asked += 1
        self.client.post(
            f"/projects/{PROJECT}/assistant/ask/",
            data={"question": QUESTIONS[self.asked % len(QUESTIONS)],
                  "csrfmiddlewaretoken": self.csrf},
            headers={"HX-Request": "true", "X-CSRFToken": self.csrf},
            name="assistant question",
        )  # fmt: skip

    @task(1)
    def api_project(self) -> None:
        self.client.get(f"/api/v1/projects/{PROJECT}", name="API: project",
                        headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip

    @task(1)
    def api_steps(self) -> None:
        self.client.get(f"/api/v1/projects/{PROJECT}/steps", name="API: steps",
                        headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip


class Manager(Visitor):
    weight = 1
    username = "lene"

    @task(3)
    def portfolio(self) -> None:
        self.client.get("/portfolio/", name="portfolio")

    @task(1)
    def dashboard(self) -> None:
        self.client.get("/", name="dashboard")

    @task(1)
    def project(self) -> None:
        self.client.get(f"/projects/{PROJECT}/", name="project page")
