"""Where the assessment content lives for this site (``settings.CONTENT_DIR``)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import Http404

from . import core


def content_dir() -> Path:
    return Path(settings.CONTENT_DIR) / "assessments"


def questionnaire(name: str) -> core.Assessment:
    """The assessment ``name`` from the site's content; 404 when there is none."""
    try:
        return core.get_questionnaire(name, content_dir())
    except core.UnknownAssessmentError:
        raise Http404 from None
