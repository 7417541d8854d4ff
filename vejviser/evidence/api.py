"""Validation runs for integrations: list and read runs, upload a file to analyse (the
same forms, limits and CPR policy as the web page), plan a sample size.

``/api/v1/evidence/projects/{pk}/steps/{step_pk}/runs`` — the project's runs;
``…/runs/{run_pk}`` — one run's report (aggregates only);
``POST …/runs/binary|transcripts|timing`` (multipart: ``file`` and the fields) and
``POST …/runs/segmentation`` (``reference`` and ``prediction``, one ``.npz`` per case)
— analyse an upload; the file is copied to a private temporary folder, analysed and
deleted whatever happens; only the report is kept;
``POST …/runs/sample-size`` (JSON) — the cases a prospective validation needs.

Same permissions as the pages (:mod:`vejviser.evidence.access`): members read, editing
roles add runs (403 for others and for a vendor), outsiders get 404. A column that looks
like CPR numbers is refused (400, the values are not shown); send ``drop`` with the
column and ``confirm_drop=true`` to leave it out unread, as the page offers. Uploads are
rate-limited per user (``VEJVISER_RATE_UPLOAD``): 429 with Retry-After.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, QueryDict
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import Field

from vejviser.evidence.core.errors import EvidenceInputError
from vejviser.lib.api_auth import rate_limit
from vejviser.lib.api_errors import errors
from vejviser.lib.i18n import show
from vejviser.lib.uploads import UploadRefused

from . import analysis
from .access import ValidationAccess, get_run_for_user, get_tool_for_user
from .forms import FORMS, RunForm
from .models import Kind, Purpose, ValidationRun
from .uploads import temporary_folder

router = Router(tags=["evidence"])
STEP = "/projects/{pk}/steps/{step_pk}"
UPLOAD_ERRORS = errors(400, 401, 403, 404, 413, 422, 429)


class RunOut(Schema):
    id: int
    step: int
    kind: str
    purpose: str
    product_name: str
    product_version: str
    period_from: dt.date | None
    period_to: dt.date | None
    site: str
    n: int
    settings: dict[str, Any]
    report: dict[str, Any]
    plots: list[str] = Field(description="The names of the run's figures (SVG on the page).")
    created_by: str | None
    created_at: dt.datetime


class RunMeta(Schema):
    """What was validated (as on the page's form)."""

    purpose: Purpose = Purpose.RETROSPECTIVE
    product_name: str = Field("", max_length=200)
    product_version: str = Field("", max_length=80)
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    site: str = Field("", max_length=200)


class DropIn(Schema):
    drop: str = Field(
        "", max_length=400, description="Columns to leave out unread (comma-separated)."
    )
    confirm_drop: bool = Field(False, description="Needed for drop to take effect.")


class BinaryIn(RunMeta, DropIn):
    score: str = Field(max_length=200, description="The product's score column.")
    label: str = Field(max_length=200, description="The outcome column (two values).")
    positive: str = Field(max_length=200, description="The outcome's positive value.")
    threshold: str = Field(
        "", max_length=40, description="Empty: chosen by Youden's index. 0.5 or 0,5."
    )
    subgroups: str = Field("", max_length=400, description="Subgroup columns, comma-separated.")
    claim: str = Field("", max_length=200, description="E.g. sensitivity=0.92, auc=0.85.")


class TranscriptsIn(RunMeta, DropIn):
    id_column: str = Field("id", max_length=200)
    reference_column: str = Field("reference", max_length=200)
    hypothesis_column: str = Field("hypothesis", max_length=200)


class TimingIn(RunMeta, DropIn):
    before: str = Field(max_length=200, description="Column: minutes before.")
    with_product: str = Field(max_length=200, description="Column: minutes with the product.")


class SegmentationIn(RunMeta):
    tolerance: float = Field(2.0, ge=0.1, le=50, description="Surface Dice tolerance, mm.")


class SampleSizeIn(RunMeta):
    purpose: Purpose = Purpose.PROSPECTIVE
    prevalence: float = Field(ge=0.001, le=0.999)
    width: float = Field(0.10, ge=0.005, le=0.9, description="The whole width of the 95 % CI.")
    sensitivity: float | None = Field(None, ge=0.01, le=0.999)
    specificity: float | None = Field(None, ge=0.01, le=0.999)
    auc: float | None = Field(None, ge=0.51, le=0.999)


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _run_out(run: ValidationRun) -> dict[str, Any]:
    plots = run.plots.get("en") or run.plots.get("da") or {}
    return {
        "id": run.pk,
        "step": run.step_id,
        "kind": run.kind,
        "purpose": run.purpose,
        "product_name": run.product_name,
        "product_version": run.product_version,
        "period_from": run.period_from,
        "period_to": run.period_to,
        "site": run.site,
        "n": run.n,
        "settings": run.settings,
        "report": run.report,
        "plots": sorted(plots),
        "created_by": run.created_by.get_username() if run.created_by else None,
        "created_at": run.created_at,
    }


def _form_data(payload: Schema) -> QueryDict:
    """The validated fields as the page's form posts them (a ticked box is "on")."""
    data = QueryDict(mutable=True)
    for name, value in payload.dict().items():
        if isinstance(value, bool):
            data[name] = "on" if value else ""
        elif value is None:
            data[name] = ""
        else:
            data[name] = value.isoformat() if isinstance(value, dt.date) else str(value)
    return data


def _problems(form: RunForm) -> str:
    return "; ".join(
        f"{field}: {' '.join(str(e) for e in messages)}"
        if field != "__all__"
        else " ".join(str(e) for e in messages)
        for field, messages in form.errors.items()
    )


def _upload(
    request: HttpRequest, pk: int, step_pk: int, kind: str, payload: Schema
) -> Status[dict[str, Any]]:
    """Analyse the uploaded files with the page's form; keep only the report."""
    tool = get_tool_for_user(_user(request), pk, step_pk, edit=True)
    rate_limit(_user(request), "upload")
    form = FORMS[kind](_form_data(payload), request.FILES)
    if not form.is_valid():
        raise HttpError(400, _problems(form))
    try:
        with temporary_folder() as folder:
            result = form.analyse(folder)
    except EvidenceInputError as exc:
        form.show(exc)
        raise HttpError(400, _problems(form)) from exc
    except UploadRefused as exc:
        raise HttpError(413, show(exc.message)) from exc
    return Status(201, _run_out(_record(request, tool, kind, result, form.settings(), form.meta())))


def _record(
    request: HttpRequest,
    tool: ValidationAccess,
    kind: str,
    result: analysis.Analysis,
    settings: dict[str, Any],
    meta: dict[str, Any],
) -> ValidationRun:
    return ValidationRun.record(
        project=tool.project,
        step=tool.step,
        user=_user(request),
        kind=kind,
        analysis=result,
        settings=settings,
        meta=meta,
    )


@router.get(STEP + "/runs", response={200: list[RunOut], **errors(401, 404, 422)})
def list_runs(request: HttpRequest, pk: int, step_pk: int) -> list[dict[str, Any]]:
    """The project's validation runs on the steps you may see, newest first."""
    tool = get_tool_for_user(_user(request), pk, step_pk)
    return [_run_out(r) for r in tool.runs()]


@router.get(STEP + "/runs/{int:run_pk}", response={200: RunOut, **errors(401, 404, 422)})
def get_run(request: HttpRequest, pk: int, step_pk: int, run_pk: int) -> dict[str, Any]:
    _tool, run = get_run_for_user(_user(request), pk, step_pk, run_pk)
    return _run_out(run)


@router.post(STEP + "/runs/binary", response={201: RunOut, **UPLOAD_ERRORS})
def upload_binary(
    request: HttpRequest,
    pk: int,
    step_pk: int,
    payload: Form[BinaryIn],
    file: File[UploadedFile],
) -> Status[dict[str, Any]]:
    """A risk score or classifier: AUC, sensitivity, specificity, calibration, subgroups,
    the vendor's claims. ``file``: CSV, TSV, Excel (xlsx) or Parquet, one row per case."""
    return _upload(request, pk, step_pk, Kind.BINARY, payload)


@router.post(STEP + "/runs/transcripts", response={201: RunOut, **UPLOAD_ERRORS})
def upload_transcripts(
    request: HttpRequest,
    pk: int,
    step_pk: int,
    payload: Form[TranscriptsIn],
    file: File[UploadedFile],
) -> Status[dict[str, Any]]:
    """Speech to text: word error rate against the clinicians' notes."""
    return _upload(request, pk, step_pk, Kind.TRANSCRIPTS, payload)


@router.post(STEP + "/runs/timing", response={201: RunOut, **UPLOAD_ERRORS})
def upload_timing(
    request: HttpRequest,
    pk: int,
    step_pk: int,
    payload: Form[TimingIn],
    file: File[UploadedFile],
) -> Status[dict[str, Any]]:
    """A paired time study: minutes before and with the product on the same cases."""
    return _upload(request, pk, step_pk, Kind.TIMING, payload)


@router.post(STEP + "/runs/segmentation", response={201: RunOut, **UPLOAD_ERRORS})
def upload_segmentation(
    request: HttpRequest,
    pk: int,
    step_pk: int,
    payload: Form[SegmentationIn],
    reference: File[list[UploadedFile]],
    prediction: File[list[UploadedFile]],
) -> Status[dict[str, Any]]:
    """Contours: Dice and Hausdorff 95 per structure. One ``.npz`` per case in each of
    ``reference`` and ``prediction``, matched by file name."""
    return _upload(request, pk, step_pk, Kind.SEGMENTATION, payload)


@router.post(STEP + "/runs/sample-size", response={201: RunOut, **errors(400, 401, 403, 404, 422)})
def plan_sample_size(
    request: HttpRequest, pk: int, step_pk: int, payload: SampleSizeIn
) -> Status[dict[str, Any]]:
    """The cases a prospective validation needs for the given interval width (no data);
    the plan is saved as a run."""
    tool = get_tool_for_user(_user(request), pk, step_pk, edit=True)
    data = payload.dict()
    meta = {name: data.pop(name) for name in RunForm.META}
    start, end = meta["period_from"], meta["period_to"]
    if start and end and start > end:
        raise HttpError(400, "period_to: the period ends before it starts.")
    try:
        result = analysis.sample_size(**data)
    except EvidenceInputError as exc:
        raise HttpError(400, show(exc.message)) from exc
    return Status(201, _run_out(_record(request, tool, Kind.SAMPLE_SIZE, result, data, meta)))
