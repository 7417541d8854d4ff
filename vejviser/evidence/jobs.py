"""A large validation upload as a background job (vejviser.jobs).

Over ``VEJVISER_JOB_ROWS`` rows a table file (binary classifier, transcripts, time
study) is not analysed in the request: it is copied into a private job folder in
``VEJVISER_JOB_FILES_DIR`` (shared by the web processes and the workers), a job is
started, and the user follows its progress. The worker reads the file, computes the
same report as the request would (:mod:`vejviser.evidence.analysis`), saves the run and
deletes the folder — whatever happens (done, failed, or failed after the worker died).
Only the report, plots and settings are kept, as for a small upload.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import reverse

from vejviser.kernel.i18n import message
from vejviser.kernel.uploads import count_lines, count_rows

from . import analysis
from .forms import RunForm
from .models import Kind, ValidationRun
from .uploads import save_upload

#: Kinds with one table file, which can run as a job.
TABLE_KINDS = (Kind.BINARY, Kind.TRANSCRIPTS, Kind.TIMING)
HANDLER = "vejviser.evidence.jobs.validate"


def upload_rows(upload: Any) -> int | None:
    """Rows of an uploaded table file, counted without parsing (and without using up
    the upload: it is read again afterwards)."""
    suffix = Path(str(upload.name or "")).suffix.lower()
    if hasattr(upload, "temporary_file_path"):
        return count_rows(Path(upload.temporary_file_path()))
    if suffix in {".csv", ".tsv", ".txt"}:
        lines = count_lines(upload.chunks())
        upload.seek(0)
        return max(0, lines - 1)
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy:  # a small xlsx or Parquet
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        upload.seek(0)
        return count_rows(Path(copy.name))


def start_if_large(request: Any, tool: Any, form: RunForm) -> Any:
    """Start the analysis as a job if the file is large; the job, or None (small:
    analyse in the request as before). Raises ``UploadRefused`` over the limits."""
    from vejviser.jobs.models import Kind as JobKind
    from vejviser.jobs.runner import job_folder, start

    if form.kind not in TABLE_KINDS:
        return None
    upload = form.cleaned_data["file"]
    rows = upload_rows(upload)
    if rows is None or rows <= settings.VEJVISER_JOB_ROWS:
        return None
    folder = job_folder()
    try:
        save_upload(upload, folder)  # checks the upload limits first
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    meta = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in form.meta().items()}
    return start(
        kind=JobKind.VALIDATION,
        handler=HANDLER,
        user=request.user,
        title=str(Kind(form.kind).label),  # not the file's name: it may name a patient
        project=tool.project,
        step=tool.step,
        params={"kind": form.kind, "settings": form.settings(), "meta": meta, "rows": rows},
        files=str(folder),
    )


def _analyse(kind: str, s: dict[str, Any], path: Path) -> analysis.Analysis:
    drop = s.get("dropped_columns", [])
    if kind == Kind.BINARY:
        return analysis.binary(
            path,
            score=s["score"],
            label=s["label"],
            positive=s["positive"],
            threshold=s["threshold"],
            subgroups=s["subgroups"],
            claims=s["claims"],
            drop=drop,
        )
    if kind == Kind.TRANSCRIPTS:
        return analysis.transcripts(
            path,
            id_column=s["id_column"],
            reference_column=s["reference_column"],
            hypothesis_column=s["hypothesis_column"],
            drop=drop,
        )
    return analysis.timing(path, before=s["before"], with_product=s["with"], drop=drop)


def validate(job: Any, progress: Any) -> Any:
    """The job: read and analyse the saved file, save the run (the folder is deleted
    by the job runner when the job ends)."""
    from vejviser.evidence.core.errors import EvidenceInputError
    from vejviser.jobs.models import as_stored
    from vejviser.jobs.runner import JobFailed, Outcome

    files = [p for p in Path(job.files).iterdir() if p.is_file()] if job.files else []
    if len(files) != 1 or job.step is None or job.project is None:
        raise JobFailed(message("The uploaded file is no longer there. Upload it again."))
    kind, s = job.params["kind"], job.params["settings"]
    progress(10, message("Reading and checking {rows} rows …", rows=job.params.get("rows", 0)))
    try:
        result = _analyse(kind, s, files[0])
    except EvidenceInputError as exc:
        raise JobFailed(exc.message) from exc
    progress(90, message("Saving the report …"))
    meta = {
        k: (dt.date.fromisoformat(v) if k.startswith("period_") and v else v)
        for k, v in job.params["meta"].items()
    }
    run = ValidationRun.record(
        project=job.project,
        step=job.step,
        user=job.created_by,
        kind=kind,
        analysis=result,
        settings=s,
        meta=meta,
    )
    url = reverse(
        "evidence:run", kwargs={"pk": run.project_id, "step_pk": run.step_id, "run_pk": run.pk}
    )
    return Outcome(
        url=url,
        result={
            "run": run.pk,
            "rows": [
                {"label": as_stored(message("Cases analysed")), "value": run.n, "as": "int"},
            ],
        },
    )
