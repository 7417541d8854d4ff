"""The assessment content of this site: as loaded in the database (``content load``),
with the content editors' edits, rebuilt when the content revision moves."""

from __future__ import annotations

from django.http import Http404

from vejviser.journey.content import folder_data

from . import core


def registry() -> core.Registry:
    """The assessments as loaded now (one revision check; parsed once per revision)."""
    found: core.Registry = folder_data("assessments")
    return found


def questionnaire(name: str) -> core.Assessment:
    """The assessment ``name`` from the site's content; 404 when there is none."""
    try:
        return core.get_questionnaire(name, registry())
    except core.UnknownAssessmentError:
        raise Http404 from None
