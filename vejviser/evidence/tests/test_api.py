"""Validation runs through the API: upload (multipart) with the page's form, limits and
CPR policy; the file is deleted; owner / member / management / vendor / outsider; read
tokens, tokens limited to projects and the upload rate limit."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from vejviser.accounts.models import ApiToken
from vejviser.evidence.models import ValidationRun
from vejviser.evidence.uploads import PREFIX
from vejviser.kernel.tests.test_uploads import zip_bomb_xlsx

from .web import DEMO, PROSPECTIVE_STEP, READMISSION, binary_data, retro_step, upload, url


def auth(user, **scope):
    _token, secret = ApiToken.issue(user, "test", **scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def base(project, step=None):
    step = step or retro_step(project)
    return f"/api/v1/evidence/projects/{project.pk}/steps/{step.pk}/runs"


def post_binary(client, project, headers, **changes):
    return client.post(base(project) + "/binary", binary_data(**changes), **headers)


def leftovers() -> list[Path]:
    return list(Path(tempfile.gettempdir()).glob(PREFIX + "*"))


def test_owner_uploads_a_file_and_only_the_report_is_kept(client, personas):
    before = leftovers()
    response = post_binary(client, personas.project, auth(personas.alice))
    assert response.status_code == 201, response.content
    run = response.json()
    assert run["kind"] == "binary" and run["n"] == ValidationRun.objects.get().n > 0
    assert 0.5 < run["report"]["auc"]["estimate"] <= 1
    assert run["settings"]["score"] == "risk_score" and "roc" in run["plots"]
    assert leftovers() == before, "the temporary copy is deleted"
    listed = client.get(base(personas.project), **auth(personas.bob)).json()
    assert [r["id"] for r in listed] == [run["id"]]
    one = client.get(f"{base(personas.project)}/{run['id']}", **auth(personas.maja))
    assert one.status_code == 200 and one.json()["report"] == run["report"]


def test_the_same_answers_as_the_page(client, personas):
    """The API and the page analyse with the same form: the same report."""
    client.force_login(personas.alice)
    assert (
        client.post(url(personas.project, "new", kind="binary"), binary_data()).status_code == 302
    )
    client.logout()
    api = post_binary(client, personas.project, auth(personas.alice)).json()
    page_run = ValidationRun.objects.order_by("id").first()
    assert page_run is not None and page_run.report == api["report"]


@pytest.mark.parametrize(("who", "code"), [("maja", 403), ("victor", 403), ("charlie", 404)])
def test_who_may_not_upload(client, personas, who, code):
    response = post_binary(client, personas.project, auth(getattr(personas, who)))
    assert response.status_code == code
    assert not ValidationRun.objects.exists()


def test_vendor_gets_404_on_a_step_not_shared_with_vendors(client, personas):
    step = retro_step(personas.project)
    step.shared_with_vendor = False
    step.save()
    assert client.get(base(personas.project), **auth(personas.victor)).status_code == 404


def test_a_read_token_reads_but_cannot_upload(client, personas):
    headers = auth(personas.alice, scope="read")
    assert client.get(base(personas.project), **headers).status_code == 200
    response = post_binary(client, personas.project, headers)
    assert response.status_code == 403 and "read" in response.json()["detail"]
    assert not ValidationRun.objects.exists()


def test_a_token_limited_to_another_project_gets_404(client, personas):
    from vejviser.conftest import make_project

    other = make_project(personas.alice, title="Andet projekt")
    headers = auth(personas.alice, projects=[other])
    assert client.get(base(personas.project), **headers).status_code == 404
    assert post_binary(client, personas.project, headers).status_code == 404
    assert not ValidationRun.objects.exists()


def test_a_cpr_column_is_refused_until_it_is_dropped(client, personas):
    lines = ["cpr_nummer,score,udfald", *[f"{d:02d}0190-1234,0.{d},{d % 2}" for d in range(1, 29)]]
    content = "\n".join(lines).encode()
    headers = auth(personas.alice)
    fields = {"score": "score", "label": "udfald", "positive": "1", "subgroups": "", "claim": ""}

    def send(**extra):
        file = upload(READMISSION, "eksport.csv", content)
        return post_binary(client, personas.project, headers, file=file, **fields, **extra)

    refused = send()
    assert refused.status_code == 400
    assert "cpr_nummer" in refused.json()["detail"] and "0190" not in refused.content.decode()
    assert send(drop="cpr_nummer").status_code == 400  # not confirmed: still refused
    accepted = send(drop="cpr_nummer", confirm_drop="true")
    assert accepted.status_code == 201, accepted.content
    assert accepted.json()["settings"]["dropped_columns"] == ["cpr_nummer"]
    assert "0190" not in json.dumps(accepted.json())


def test_bad_input_is_a_400_naming_the_field_and_saves_nothing(client, personas):
    response = post_binary(client, personas.project, auth(personas.alice), score="nope")
    assert response.status_code == 400 and "nope" in response.json()["detail"]
    response = post_binary(client, personas.project, auth(personas.alice), threshold="abc")
    assert response.status_code == 400 and response.json()["detail"].startswith("threshold")
    missing = client.post(
        base(personas.project) + "/binary", {"score": "x"}, **auth(personas.alice)
    )
    assert missing.status_code == 422
    assert not ValidationRun.objects.exists()


def test_files_over_the_upload_limits_are_413_before_parsing(client, personas, settings, tmp_path):
    settings.VEJVISER_UPLOAD_MAX_BYTES = 10_000
    response = post_binary(client, personas.project, auth(personas.alice))
    assert response.status_code == 413 and "0,01 MB" in response.json()["detail"]
    settings.VEJVISER_UPLOAD_MAX_BYTES = 100_000_000
    settings.VEJVISER_UPLOAD_MAX_UNPACKED_BYTES = 5_000_000
    bomb = zip_bomb_xlsx(tmp_path / "bomb.xlsx", rows=40_000)
    response = post_binary(client, personas.project, auth(personas.alice), file=upload(bomb))
    assert response.status_code == 413 and "bomb.xlsx" in response.json()["detail"]
    assert not ValidationRun.objects.exists()


def test_uploads_are_rate_limited_per_user_with_retry_after(client, personas, settings):
    settings.VEJVISER_RATES = {**settings.VEJVISER_RATES, "upload": "2/hour"}
    first, second = auth(personas.alice), auth(personas.alice)  # two tokens, one user
    assert post_binary(client, personas.project, first).status_code == 201
    assert post_binary(client, personas.project, second).status_code == 201
    refused = post_binary(client, personas.project, first)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 3600
    assert ValidationRun.objects.count() == 2
    # another user has a count of their own
    assert post_binary(client, personas.project, auth(personas.bob)).status_code == 201


def test_transcripts_timing_and_contours_upload_too(client, personas):
    headers = auth(personas.alice)
    address = base(personas.project)
    scribe = DEMO / "ambient_scribe"
    transcripts = client.post(
        address + "/transcripts", {"file": upload(scribe / "transcripts.csv")}, **headers
    )
    assert transcripts.status_code == 201, transcripts.content
    assert transcripts.json()["kind"] == "transcripts" and transcripts.json()["n"] > 0
    timing = client.post(
        address + "/timing",
        {
            "file": upload(scribe / "documentation_time.csv"),
            "before": "minutter_foer",
            "with_product": "minutter_med",
        },
        **headers,
    )
    assert timing.status_code == 201, timing.content
    contours = DEMO / "contouring"
    files = {
        name: [upload(p) for p in sorted((contours / name).glob("*.npz"))]
        for name in ("reference", "prediction")
    }
    segmentation = client.post(address + "/segmentation", {**files, "tolerance": "2"}, **headers)
    assert segmentation.status_code == 201, segmentation.content
    assert segmentation.json()["n"] == len(files["reference"])
    assert ValidationRun.objects.count() == 3


def test_sample_size_plan_is_json_and_saved(client, personas):
    step = personas.project.steps.get(action__slug=PROSPECTIVE_STEP)
    address = base(personas.project, step) + "/sample-size"
    body = {"prevalence": 0.2, "width": 0.1, "sensitivity": 0.9}
    response = client.post(
        address, json.dumps(body), content_type="application/json", **auth(personas.alice)
    )
    assert response.status_code == 201, response.content
    plans = response.json()["report"]["plans"]
    assert plans[0]["total"] > 0 and response.json()["purpose"] == "prospective"
    nothing = client.post(
        address,
        json.dumps({"prevalence": 0.2}),
        content_type="application/json",
        **auth(personas.alice),
    )
    assert nothing.status_code == 400
    assert ValidationRun.objects.count() == 1
