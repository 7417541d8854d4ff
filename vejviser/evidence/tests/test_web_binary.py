"""A binary upload: the stored figures agree with scikit-learn; nothing patient-level kept;
bad input is named next to its field and nothing is saved."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest
from sklearn.metrics import confusion_matrix, roc_auc_score  # type: ignore[import-untyped]

from vejviser.evidence import uploads
from vejviser.evidence.models import ValidationRun

from .web import READMISSION, binary_data, upload, url


@pytest.fixture
def alice(client, personas):
    client.force_login(personas.alice)
    return personas


def test_stored_auc_and_sensitivity_equal_scikit_learns(client, alice):
    response = client.post(url(alice.project, "new", kind="binary"), binary_data(threshold="0,3"))
    assert response.status_code == 302
    run = ValidationRun.objects.get()
    frame = pd.read_csv(READMISSION).dropna(subset=["risk_score", "genindlagt_30d"])
    truth = (frame["genindlagt_30d"] == "ja").to_numpy()
    scores = frame["risk_score"].to_numpy()
    assert run.n == len(frame) == 1991
    assert run.report["auc"]["estimate"] == pytest.approx(roc_auc_score(truth, scores), abs=1e-12)
    tn, fp, fn, tp = confusion_matrix(truth, scores >= 0.3).ravel()
    assert run.report["sensitivity"]["estimate"] == pytest.approx(tp / (tp + fn), abs=1e-12)
    assert run.report["specificity"]["estimate"] == pytest.approx(tn / (tn + fp), abs=1e-12)
    assert run.settings["threshold"] == 0.3
    assert run.settings["claims"] == ["sensitivity=0.80"]
    assert str(run.period_from) == "2025-01-01" and run.product_version == "1.0"
    assert set(run.plots["da"]) == {"roc", "calibration", "subgroups"}


def test_the_report_reads_for_a_clinician(client, alice):
    response = client.post(url(alice.project, "new", kind="binary"), binary_data())
    page = client.get(response["Location"]).content.decode()
    summary = page[page.index("data-summary") : page.index("data-metrics")]
    assert "AUC på 0,70 (0,67–0,73)" in summary
    assert "finder produktet 59\u00a0% af de positive tilfælde (200 af 340)" in summary
    assert "Produktet overvurderer risikoen" in summary
    assert "Regionshospitalet Randers (site)" in summary  # the flagged subgroup
    assert "Leverandøren angiver 0,800" in page
    assert page.count("<svg") == 3 and "<?xml" not in page
    assert 'data-subgroup="Regionshospitalet Randers" class="flagged"' in page


def test_upload_is_deleted_and_nothing_patient_level_is_stored(client, alice, monkeypatch):
    made = []
    real = uploads.tempfile.mkdtemp

    def recording_mkdtemp(**kwargs):
        made.append(real(**kwargs))
        return made[-1]

    monkeypatch.setattr(uploads.tempfile, "mkdtemp", recording_mkdtemp)
    client.post(url(alice.project, "new", kind="binary"), binary_data())
    client.post(url(alice.project, "new", kind="binary"), binary_data(score="nope"))  # fails
    assert len(made) == 2
    assert not any(uploads.Path(folder).exists() for folder in made)
    stored = json.dumps([list(r.values()) for r in ValidationRun.objects.values()], default=str)
    frame = pd.read_csv(READMISSION, dtype=str)
    for identifier in frame["forloeb"].head(200):
        assert identifier not in stored
    run = ValidationRun.objects.get()
    assert _longest_list(run.report) < run.n / 4  # aggregates (ROC points), never rows
    assert "forloeb" not in stored  # not even the unused column's name


def _longest_list(value):
    if isinstance(value, dict):
        return max((_longest_list(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return max([len(value), *(_longest_list(v) for v in value)])
    return 0


def test_a_cpr_column_is_refused_unless_ticked_to_be_dropped(client, alice):
    lines = ["cpr_nummer,score,udfald", *[f"{d:02d}0190-1234,0.{d},{d % 2}" for d in range(1, 29)]]
    content = "\n".join(lines).encode()
    address = url(alice.project, "new", kind="binary")
    data = binary_data(upload(READMISSION, "eksport.csv", content), score="score", label="udfald")
    data.update(positive="1", subgroups="", claim="")
    response = client.post(address, data)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert "Kolonnen 'cpr_nummer' ligner CPR-numre" in errors
    assert "sæt flueben nedenfor" in errors and "data-drop-offer" in response.content.decode()
    assert "0190-1234" not in response.content.decode()
    assert response.context["form"]["drop"].value() == "cpr_nummer"
    assert ValidationRun.objects.count() == 0
    data = {**data, "file": upload(READMISSION, "eksport.csv", content), "drop": "cpr_nummer"}
    assert client.post(address, data).status_code == 200  # not ticked: still refused
    data = {**data, "file": upload(READMISSION, "eksport.csv", content), "confirm_drop": "on"}
    assert client.post(address, data).status_code == 302
    run = ValidationRun.objects.get()
    assert run.settings["dropped_columns"] == ["cpr_nummer"]
    assert "0190" not in json.dumps(run.report)


@pytest.mark.parametrize(
    ("changes", "content", "field", "message"),
    [
        ({"score": "risiko"}, None, "score", "Kolonnen 'risiko' findes ikke i filen"),
        ({"subgroups": "afdeling"}, None, "subgroups", "Kolonnen 'afdeling' findes ikke"),
        ({"positive": "1"}, None, "positive", "Værdien '1' findes ikke i kolonnen"),
        ({"threshold": "høj"}, None, "threshold", "høj"),
        ({"threshold": "nan"}, None, "threshold", "endeligt tal"),  # issue 14: was a 500
        ({"threshold": "inf"}, None, "threshold", "endeligt tal"),
        ({"threshold": "-1e400"}, None, "threshold", "endeligt tal"),
        ({"claim": "magi=2"}, None, "claim", ""),
        ({}, b"risk_score,genindlagt_30d\n0.1,ja\n0.2,ja\n", "label", "kun én klasse"),
        ({}, b"risk_score,genindlagt_30d\nlav,ja\n0.2,nej\n", "score", "skal indeholde tal"),
        ({}, b"", "file", "er tom"),
        ({}, b"risk_score,genindlagt_30d,site\n", "file", "er tom"),
    ],
)
def test_bad_input_is_named_next_to_its_field_and_nothing_is_saved(
    client, alice, changes, content, field, message
):
    file = upload(READMISSION, None, content) if content is not None else upload(READMISSION)
    data = binary_data(file, **changes)
    if content is not None:
        data["subgroups"] = ""
    response = client.post(url(alice.project, "new", kind="binary"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert "data-form-errors" in response.content.decode()
    assert ValidationRun.objects.count() == 0


def test_a_file_type_the_core_cannot_read_is_refused(client, alice):
    data = binary_data(upload(READMISSION, "risiko.pdf"))
    response = client.post(url(alice.project, "new", kind="binary"), data)
    assert "understøttes ikke" in " ".join(response.context["form"].errors["file"])
    assert ValidationRun.objects.count() == 0


def test_np_random_scores_give_a_chance_auc(client, alice):
    """A sanity check of the whole path on a second, independent file."""
    rng = np.random.default_rng(7)
    pairs = zip(rng.random(400), rng.random(400) < 0.3, strict=True)
    rows = "\n".join(f"{s:.6f},{int(y)}" for s, y in pairs)
    file = upload(READMISSION, "tilfaeldig.csv", f"score,y\n{rows}".encode())
    data = binary_data(file, score="score", label="y", positive="1", subgroups="", claim="")
    assert client.post(url(alice.project, "new", kind="binary"), data).status_code == 302
    run = ValidationRun.objects.get()
    frame = pd.read_csv(__import__("io").StringIO(f"score,y\n{rows}"))
    assert run.report["auc"]["estimate"] == pytest.approx(roc_auc_score(frame.y, frame.score))
