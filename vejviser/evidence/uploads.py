"""Uploaded files live only for the length of one analysis.

:func:`temporary_folder` gives a fresh private folder; :func:`save_upload` copies an
upload into it under a safe name. The folder and everything in it is deleted in a
``finally`` block, whether the analysis succeeded or failed, so no patient-level file
outlives the request. (Django's own upload handling keeps small uploads in memory and
deletes its temporary file for large ones when the request ends.)
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PREFIX = "vejviser-evidence-"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@contextmanager
def temporary_folder() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def safe_name(name: str) -> str:
    """The file's own name without folders or odd characters (the suffix is kept: the
    core reads the format from it)."""
    cleaned = _UNSAFE.sub("_", Path(name).name).strip("._") or "upload"
    return cleaned[-120:]


def save_upload(upload: Any, folder: Path) -> Path:
    """Copy an uploaded file into ``folder`` and close the upload.

    Raises :class:`~vejviser.kernel.uploads.UploadRefused` (before any parsing) when
    the file is over the upload limits: size, rows, unpacked size of an xlsx.
    """
    from vejviser.lib.uploads import check_saved_upload, check_upload_size

    check_upload_size(upload)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / safe_name(upload.name or "upload")
    try:
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    finally:
        upload.close()
    check_saved_upload(path)
    return path
