"""Making the plan from the project's data, marking in operation, data in, the upgrade gate."""

from __future__ import annotations

import io
import os

import numpy as np
import pytest

from vejviser.evidence.models import ValidationRun
from vejviser.monitoring.models import Alert, Metric, MonitoringPlan, Observation

from .web import make_plan, url


def _binary_run(personas) -> ValidationRun:
    report = {
        "threshold": 0.5,
        "sensitivity": {"estimate": 0.9, "ci_low": 0.84, "ci_high": 0.94},
        "specificity": {"estimate": 0.8, "ci_low": 0.76, "ci_high": 0.84},
        "ppv": {"estimate": 0.6, "ci_low": 0.52, "ci_high": 0.67},
        "auc": {"estimate": 0.88, "ci_low": 0.85, "ci_high": 0.91, "se": 0.015},
    }
    return ValidationRun.objects.create(
        project=personas.project,
        step=personas.project.steps.get(action__slug="gennemfoer-retrospektiv-validering"),
        kind="binary",
        report=report,
        n=400,
        product_name="Risk",
        product_version="2.3",
    )


def _upload(text: str, name: str = "data.csv") -> io.BytesIO:
    upload = io.BytesIO(text.encode())
    upload.name = name
    return upload


def test_plan_is_proposed_from_the_validation_run_with_its_interval(client, personas):
    run = _binary_run(personas)
    client.force_login(personas.alice)
    page = client.get(url(personas.project)).content.decode()
    for key in ("sensitivity", "specificity", "ppv", "auc", "override-rate", "uptake"):
        assert f'data-proposal="{key}"' in page
    response = client.post(
        url(personas.project),
        {
            "product_name": "Risk",
            "version_in_use": "2.3",
            "baseline_run": run.pk,
            "margin": "0,02",
            "owner": personas.bob.pk,
            "proposals": ["sensitivity", "auc", "override-rate"],
        },
    )
    assert response.status_code == 302
    plan = MonitoringPlan.objects.get()
    sensitivity = plan.metrics.get(key="sensitivity")
    assert (sensitivity.baseline, sensitivity.baseline_low, sensitivity.baseline_high) == (
        0.9,
        0.84,
        0.94,
    )
    assert sensitivity.owner == personas.bob and plan.margin == pytest.approx(0.02)
    # The override rate has no baseline yet: not in operation until it has one.
    assert not plan.ready
    assert client.post(url(personas.project, "go_live")).status_code == 302
    plan.refresh_from_db()
    assert plan.in_operation_since is None
    override = plan.metrics.get(key="override-rate")
    response = client.post(
        url(personas.project, "metric", metric_pk=override.pk),
        {
            "name": "Override rate",
            "baseline": "0,1",
            "cases_per_month": 50,
            "chart": "p",
            "arl0": "24",
            "owner": personas.alice.pk,
            "deadline_days": 14,
            "shift": "0,1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.post(url(personas.project, "go_live")).status_code == 302
    plan.refresh_from_db()
    assert plan.in_operation_since is not None


def test_bad_metric_input_changes_nothing(client, personas):
    _plan, metric = make_plan(personas)
    client.force_login(personas.alice)
    response = client.post(
        url(personas.project, "metric", metric_pk=metric.pk),
        {
            "name": "Sensitivity",
            "baseline": "nan",
            "cases_per_month": 40,
            "chart": "p",
            "arl0": "24",
            "owner": personas.alice.pk,
            "deadline_days": 14,
        },
    )
    assert response.status_code == 200 and "data-metric-form" in response.content.decode()
    metric.refresh_from_db()
    assert metric.baseline == 0.9
    response = client.post(
        url(personas.project, "data_month"),
        {"metric": metric.pk, "period": "maj", "n": 10, "successes": 12},
    )
    assert response.status_code == 400
    assert Observation.objects.count() == 0


def test_case_level_upload_is_aggregated_and_deleted(client, personas, tmp_path, monkeypatch):
    _plan, metric = make_plan(personas)
    metric.chart = "cusum"
    metric.save()
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    rows = ["period,outcome"] + ["2026-04,1"] * 36 + ["2026-04,0"] * 4
    rows += ["2026-05,1"] * 25 + ["2026-05,0"] * 15
    client.force_login(personas.alice)
    response = client.post(
        url(personas.project, "data_upload"),
        {"metric": metric.pk, "file": _upload("\n".join(rows))},
    )
    assert response.status_code == 302
    april, may = Observation.objects.order_by("period")
    assert (april.n, april.successes, may.n, may.successes) == (40, 36, 40, 25)
    assert may.cusum_signal and not april.cusum_signal
    assert Alert.objects.get().period == may.period
    assert os.listdir(tmp_path) == []  # the upload's temporary folder is gone


def test_cpr_looking_upload_is_refused(client, personas):
    _plan, metric = make_plan(personas)
    client.force_login(personas.alice)
    text = "cpr,period,outcome\n010190-1234,2026-04,1\n020290-2345,2026-04,0\n"
    response = client.post(
        url(personas.project, "data_upload"), {"metric": metric.pk, "file": _upload(text)}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "CPR" in html and "010190" not in html
    assert Observation.objects.count() == 0


def test_upgrade_gate_on_an_uploaded_reference_set(client, personas):
    run = _binary_run(personas)
    plan, _metric = make_plan(personas)
    plan.baseline_run = run
    plan.save()
    rng = np.random.default_rng(0)
    labels = rng.random(300) < 0.3
    old = rng.normal(size=300) + 1.5 * labels
    worse = old - 1.0 * labels + rng.normal(0, 0.3, 300)
    lines = ["label,old,new"] + [
        f"{int(y)},{o:.4f},{n:.4f}" for y, o, n in zip(labels, old, worse, strict=True)
    ]
    client.force_login(personas.alice)
    response = client.post(
        url(personas.project, "upgrade"), {"new_version": "3.0", "file": _upload("\n".join(lines))}
    )
    assert response.status_code == 302
    check = plan.upgrades.get()
    assert not check.may_go_live and check.new_version == "3.0" and check.old_version == "2.3"
    assert {c["metric"] for c in check.decision["comparisons"]} == {
        "AUC",
        "Sensitivity",
        "Specificity",
    }
    page = client.get(url(personas.project)).content.decode()
    assert 'data-may-go-live="no"' in page


def test_metric_from_a_business_case_is_flagged_outside_its_range(personas):
    import datetime as dt

    from vejviser.monitoring.models import MonthData

    plan, _ = make_plan(personas)
    hours = Metric.objects.create(
        plan=plan,
        key="kpi-hours",
        name="Timer frigjort",
        kind="kpi",
        source="business-case",
        chart="xmr",
        baseline=1200,
        range_low=600,
        range_high=1800,
        range_per_month=1 / 12,
        owner=personas.alice,
    )
    rows = [MonthData(dt.date(2026, m, 1), None, None, v) for m, v in ((1, 100), (2, 110), (3, 20))]
    raised = hours.record(rows, "form", personas.alice)
    assert [a.period.month for a in raised] == [3]  # 20 < 600/12 = 50
    assert "below the business case's range" in raised[0].text("en")


def test_upgrade_gate_on_stored_contour_runs(client, personas):
    def run(version: str, dice: list[float], purpose: str) -> ValidationRun:
        scores = [
            {"case": f"c{i}", "structure": "Parotid_L", "dice": d, "status": "ok"}
            for i, d in enumerate(dice)
        ]
        return ValidationRun.objects.create(
            project=personas.project,
            step=personas.project.steps.get(action__slug="gennemfoer-retrospektiv-validering"),
            kind="segmentation",
            purpose=purpose,
            report={"scores": scores},
            n=len(dice),
            product_name="Contours",
            product_version=version,
        )

    old = [0.84, 0.86, 0.85, 0.88, 0.83, 0.87, 0.85, 0.86]
    baseline = run("1.0", old, "retrospective")
    better = run("1.1", [d + 0.01 for d in old], "after-upgrade")
    plan, _metric = make_plan(personas)
    plan.baseline_run = baseline
    plan.version_in_use = "1.0"
    plan.save()
    client.force_login(personas.alice)
    response = client.post(
        url(personas.project, "upgrade"), {"new_version": "1.1", "new_run": better.pk}
    )
    assert response.status_code == 302
    check = plan.upgrades.get()
    assert check.may_go_live and check.decision["comparisons"][0]["metric"] == "Dice"
    assert check.decision["comparisons"][0]["difference"] == pytest.approx(0.01)
    # Nothing chosen and no file: a message, nothing saved.
    response = client.post(url(personas.project, "upgrade"), {"new_version": "1.2"})
    assert response.status_code == 400 and plan.upgrades.count() == 1
