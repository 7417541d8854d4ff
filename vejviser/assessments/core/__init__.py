"""The assessments' public Python API (pure: no Django import).

The web layer, the JSON API and the CLI use only these functions::

    from vejviser.assessments import core

    core.list_assessments()                        # ai-act, mdr, gdpr, approvals, procurement
    q = core.get_questionnaire("mdr")              # q.questions: key, type, text, help …
    core.visible_questions("mdr", answers)         # only the questions that matter now
    result = core.evaluate("mdr", answers, on_date)
    result["class"], result.references, result.explanation.da, result.to_dict()
    core.diff(stored_dict, result).explanation.da  # what changed on a re-run, and why

Rules and questions are data in ``content/assessments/``; see ``docs/assessments.md``.
Every function takes ``content``: the :class:`Registry` to use — the site passes the
loaded content (``vejviser.assessments.content.registry()``, rebuilt when the content
revision moves) — or a folder of files to read (default: the repository's, for tests
and the CLI).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from vejviser.kernel.files import ContentError, ContentErrors
from vejviser.kernel.schema import Text

from . import changes
from .engine import AnswerError, from_form, from_json, run, walk_questions
from .loader import Assessment, Registry, load_registry
from .result import Result, build
from .schema import Question

__all__ = [
    "AnswerError",
    "Assessment",
    "AssessmentInfo",
    "ContentError",
    "ContentErrors",
    "Question",
    "Registry",
    "Result",
    "UnknownAssessmentError",
    "diff",
    "evaluate",
    "from_form",
    "from_json",
    "get_questionnaire",
    "list_assessments",
    "registry",
    "visible_questions",
]


class UnknownAssessmentError(LookupError):
    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        super().__init__(f"unknown assessment {name!r}; choose one of {', '.join(known)}")


@dataclass(frozen=True)
class AssessmentInfo:
    id: str
    title: Text
    summary: Text
    version: str
    reviewed: dt.date
    next_review: dt.date


#: The content to assess with: a loaded registry, or a folder of files (None: the
#: repository's ``content/assessments``).
Content = Registry | Path | None


@lru_cache(maxsize=8)
def _from_files(directory: Path | None) -> Registry:
    return load_registry(directory)


def registry(content: Content = None) -> Registry:
    """All assessments (``ContentErrors`` if bad): ``content`` itself when it is a
    registry, else the files of a folder, read and checked once per process."""
    if isinstance(content, Registry):
        return content
    return _from_files(content)


def list_assessments(content_dir: Content = None) -> list[AssessmentInfo]:
    return [
        AssessmentInfo(
            a.id,
            a.spec.title,
            a.spec.summary,
            a.spec.ruleset.version,
            a.spec.ruleset.reviewed,
            a.spec.ruleset.next_review,
        )
        for a in registry(content_dir).assessments.values()
    ]


def get_questionnaire(name: str, content_dir: Content = None) -> Assessment:
    reg = registry(content_dir)
    try:
        return reg.assessments[name]
    except KeyError:
        raise UnknownAssessmentError(name, list(reg.assessments)) from None


def visible_questions(
    name: str,
    answers: Mapping[str, Any],
    on_date: dt.date | None = None,
    content_dir: Content = None,
) -> list[Question]:
    """The questions to show, given the answers so far (partial answers are fine)."""
    a = get_questionnaire(name, content_dir)
    return walk_questions(a, answers, on_date or dt.date.today())


def evaluate(
    name: str,
    answers: Mapping[str, Any],
    on_date: dt.date | None = None,
    content_dir: Content = None,
) -> Result:
    """Assess ``answers`` as the law stood on ``on_date`` (today by default).

    Raises :class:`AnswerError` naming every unknown key, invalid value or missing
    required answer.
    """
    a = get_questionnaire(name, content_dir)
    return build(run(a, answers, on_date or dt.date.today()))


def diff(
    previous: Result | dict[str, Any],
    new: Result | dict[str, Any],
    content_dir: Content = None,
) -> changes.Diff:
    """What changed between two results of one assessment, and which rules say why."""
    name = new.assessment if isinstance(new, Result) else str(new.get("assessment"))
    return changes.diff(previous, new, get_questionnaire(name, content_dir))
