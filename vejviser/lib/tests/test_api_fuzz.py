"""A bounded schemathesis run over the whole API against the test's live server (on the
loopback address): no answer may be a 5xx. The full run is ``scripts/fuzz_api.py``
(docs/operations.md, "Fuzz"); this one keeps every operation covered in about 30 s."""

from __future__ import annotations

import datetime as dt

import pytest

from vejviser.accounts.models import ApiToken

from .fuzz import fuzz, known_ids

pytestmark = pytest.mark.fuzz


def test_no_operation_answers_a_server_error(live_personas, live_server, settings):
    from vejviser.assessments.models import AssessmentRun

    settings.VEJVISER_RATES = {"assistant": "100000/min", "upload": "100000/min"}
    personas = live_personas
    legal = personas.project.steps.get(
        action__slug="gennemfoer-juridisk-vurdering-herunder-ift-eus-ai-forordning"
    )
    AssessmentRun.record(
        legal, personas.alice, "ai-act", {"mdr_class": "IIa"}, dt.date(2026, 11, 22)
    )
    _token, secret = ApiToken.issue(personas.alice, "fuzz")
    assert live_server.url.startswith("http://localhost:")
    report = fuzz(live_server.url, secret, known_ids(), examples=3, heavy_examples=1, seed=7)
    assert report.operations >= 45
    assert report.cases >= 4 * report.operations
    assert report.failures == [], "\n".join(str(f) for f in report.failures)
