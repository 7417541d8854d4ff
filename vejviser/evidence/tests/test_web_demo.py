"""The demo projects' validation steps hold real runs on the shipped synthetic data, once,
and their numbers agree with independent references (jiwer, scipy, NumPy by hand)."""

from __future__ import annotations

import jiwer
import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest
from django.urls import reverse
from scipy import stats

from vejviser.evidence.core.danish_text import normalise
from vejviser.evidence.demo import AMBIENT, CONTOURING, load_demo_runs
from vejviser.evidence.models import Purpose, ValidationRun
from vejviser.projects.demo import load_demo
from vejviser.projects.models import Project

from .web import DEMO


@pytest.fixture
def demo(db):
    load_demo(password="demo-password-123")
    load_demo_runs()
    return {
        "ambient": Project.objects.get(title=AMBIENT),
        "contouring": Project.objects.get(title=CONTOURING),
    }


def test_demo_runs_exist_once_on_the_validation_steps(demo):
    assert load_demo_runs() == 0  # idempotent
    ambient = demo["ambient"].validation_runs.all()
    assert sorted(r.kind for r in ambient) == ["timing", "transcripts"]
    assert {r.step.action.slug for r in ambient} == {"gennemfoer-retrospektiv-validering"}
    # The evidence demo's own runs; other capabilities' demo parts may add runs of their
    # own (monitoring re-validates a vendor upgrade with purpose UPGRADE).
    contouring = demo["contouring"].validation_runs.exclude(purpose=Purpose.UPGRADE).get()
    assert contouring.kind == "segmentation"
    assert contouring.step.action.slug == "skab-produktet-ai-modellen"
    assert ValidationRun.objects.exclude(purpose=Purpose.UPGRADE).count() == 3


def test_demo_wer_agrees_with_jiwer(demo):
    run = demo["ambient"].validation_runs.get(kind="transcripts")
    frame = pd.read_csv(DEMO / "ambient_scribe" / "transcripts.csv")
    refs = [" ".join(normalise(t)[0]) for t in frame["reference"]]
    hyps = [" ".join(normalise(t)[0]) for t in frame["hypothesis"]]
    out = jiwer.process_words(refs, hyps)
    assert run.report["wer"]["estimate"] == pytest.approx(out.wer, abs=1e-12)
    assert run.report["substitutions"] == out.substitutions
    assert run.n == len(frame) == 6


def test_demo_time_saved_agrees_with_scipy(demo):
    run = demo["ambient"].validation_runs.get(kind="timing")
    frame = pd.read_csv(DEMO / "ambient_scribe" / "documentation_time.csv")
    diff = frame["minutter_foer"] - frame["minutter_med"]
    test = stats.ttest_rel(frame["minutter_foer"], frame["minutter_med"])
    interval = test.confidence_interval(0.95)
    saved = run.report["time_saved"]
    assert saved["estimate"] == pytest.approx(diff.mean())
    assert (saved["ci_low"], saved["ci_high"]) == pytest.approx((interval.low, interval.high))
    assert run.report["p_value"] == pytest.approx(test.pvalue)


def test_demo_dice_agrees_with_a_hand_computation(demo):
    run = demo["contouring"].validation_runs.exclude(purpose=Purpose.UPGRADE).get()
    for structure in run.report["structures"]:
        name = structure["structure"]
        dice = []
        for case in sorted((DEMO / "contouring" / "reference").glob("*.npz")):
            ref = np.load(case)[name]
            pred = np.load(DEMO / "contouring" / "prediction" / case.name)[name]
            dice.append(2 * (ref & pred).sum() / (ref.sum() + pred.sum()))
        assert structure["dice"]["mean"] == pytest.approx(np.mean(dice)), name
    assert run.n == 4
    assert "dice" in run.plots["da"]


def test_the_demo_step_pages_show_the_runs_and_the_reports_read(client, demo):
    project = demo["ambient"]
    owner = project.memberships.get(is_owner=True).user
    client.force_login(owner)
    step = project.steps.get(action__slug="gennemfoer-retrospektiv-validering")
    page = client.get(reverse("step", args=[project.pk, step.pk])).content.decode()
    assert "Ordfejlrate" in page or "Sparet dokumentationstid" in page
    for run in project.validation_runs.all():
        report = client.get(
            reverse("evidence:run", args=[project.pk, step.pk, run.pk])
        ).content.decode()
        assert "data-summary" in report
    timing = project.validation_runs.get(kind="timing")
    report = client.get(reverse("evidence:run", args=[project.pk, step.pk, timing.pk]))
    assert "2,8 min sparet (95 % KI 2,2–3,3)" in report.content.decode()
    contouring = demo["contouring"]
    client.force_login(contouring.memberships.get(is_owner=True).user)
    run = contouring.validation_runs.exclude(purpose=Purpose.UPGRADE).get()
    report = client.get(reverse("evidence:run", args=[contouring.pk, run.step_id, run.pk]))
    assert report.content.decode().count("<svg") == 1


def test_the_report_reads_in_english_too(client, demo):
    from django.conf import settings

    project = demo["contouring"]
    client.force_login(project.memberships.get(is_owner=True).user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    run = project.validation_runs.exclude(purpose=Purpose.UPGRADE).get()
    page = client.get(reverse("evidence:run", args=[project.pk, run.step_id, run.pk]))
    text = page.content.decode()
    assert "contours overlap the reference contours with a mean Dice" in text
    assert "Mean Dice, lowest structure" in text


def test_every_demo_interval_lies_inside_its_metrics_range(demo):
    """The demo contouring report showed a mean Dice of 0,80 with 0,51–1,10, surface Dice
    above 1 and HD95 below 0 mm (a t interval on four cases)."""
    run = demo["contouring"].validation_runs.get()
    for s in run.report["structures"]:
        for key, high in (("dice", 1.0), ("surface_dice", 1.0), ("hd95_mm", float("inf"))):
            ci = s[key]["mean_ci"]
            assert 0.0 <= ci["ci_low"] <= ci["estimate"] <= ci["ci_high"] <= high, (s, key)
            assert ci["method"].startswith("bootstrap")
    for r in demo["ambient"].validation_runs.all():
        for key in ("wer",):
            if key in r.report:
                assert 0.0 <= r.report[key]["ci_low"] <= r.report[key]["estimate"]
        if "percent_saved" in r.report:
            assert r.report["percent_saved"]["ci_high"] <= 100.0


def test_the_report_states_its_interval_methods(client, demo):
    run = demo["contouring"].validation_runs.get()
    client.force_login(run.created_by)
    page = client.get(
        reverse(
            "evidence:run",
            kwargs={"pk": run.project_id, "step_pk": run.step_id, "run_pk": run.pk},
        )
    ).content.decode()
    assert "data-methods" in page and "bootstrap-BCa-interval" in page
