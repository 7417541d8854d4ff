"""The upload limits from the settings, for the web layer (the checks are the pure
:mod:`vejviser.kernel.uploads`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings

from vejviser.kernel.uploads import UploadLimits, UploadRefused, check_size, check_upload

from .i18n import show

__all__ = ["UploadRefused", "check_saved_upload", "refuse_upload", "upload_limits"]


def upload_limits() -> UploadLimits:
    return UploadLimits(
        max_bytes=settings.VEJVISER_UPLOAD_MAX_BYTES,
        max_rows=settings.VEJVISER_UPLOAD_MAX_ROWS,
        max_unpacked_bytes=settings.VEJVISER_UPLOAD_MAX_UNPACKED_BYTES,
        max_ratio=settings.VEJVISER_UPLOAD_MAX_RATIO,
    )


def check_upload_size(upload: Any) -> None:
    """Raise :class:`UploadRefused` if the upload is too big (before reading it)."""
    check_size(getattr(upload, "size", None), upload_limits(), str(upload.name or ""))


def check_saved_upload(path: Path) -> None:
    """Raise :class:`UploadRefused` if the saved upload at ``path`` is over a limit."""
    check_upload(path, upload_limits())


def refuse_upload(form: forms.Form, exc: UploadRefused) -> None:
    """Show why the upload was refused next to the form's (first) file field."""
    field = next((n for n, f in form.fields.items() if isinstance(f, forms.FileField)), None)
    form.add_error(field, show(exc.message))
