"""A questionnaire as a web form: read the answers posted as text, say in plain words what
is wrong next to the question, and list the questions to show now.

Which questions are shown, what a valid answer is and what is assumed all come from the
core (``core.visible_questions``, ``core.from_form``, the questions' types and
defaults); this module only turns form text into answers and problems into sentences.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from vejviser.kernel import formatting
from vejviser.kernel.i18n import message
from vejviser.kernel.inputs import DateError, NumberError, finite, parse_date
from vejviser.lib.i18n import active_lang, show

from . import core
from .content import registry
from .core.render import fmt, ui
from .core.schema import LARGEST, check_value

#: The form field holding the date the law is assessed on (never a question key).
DATE_FIELD = "on_date"

#: A date is typed the Danish way (13.12.2026); ISO (2026-12-13) and a few common
#: variants are accepted too, as the project step's due date
#: (:func:`vejviser.kernel.inputs.parse_date`). The browser's own date picker is not
#: used: it shows the browser's locale (12/13/2026 in an English browser) rather than
#: the page's language.

_DA_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.644.638 or 1.644.638,50
_EN_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")  # 1,644,638 or 1,644,638.50
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")  # 2,5


@dataclass(frozen=True)
class Option:
    value: str
    text: str
    help: str
    checked: bool


@dataclass
class Field:
    """One shown question, ready for a template."""

    question: core.Question
    text: str
    help: str
    raw: str  # the answer as the form holds it; "" = unanswered
    options: list[Option] = field(default_factory=list)
    assumed: str = ""  # what is assumed when it is left unanswered
    unit: str = ""
    error: str | None = None

    @property
    def key(self) -> str:
        return self.question.key

    @property
    def type(self) -> str:
        return self.question.type


@dataclass
class Questionnaire:
    assessment: core.Assessment
    fields: list[Field]
    answers: dict[str, Any]  # valid answers to the shown questions
    on_date: dt.date
    date_raw: str
    date_error: str | None = None

    @property
    def errors(self) -> dict[str, str]:
        found = {f.key: f.error for f in self.fields if f.error}
        if self.date_error:
            found[DATE_FIELD] = self.date_error
        return found

    @property
    def is_valid(self) -> bool:
        return not self.errors


def read(
    assessment: core.Assessment,
    data: Mapping[str, str] | None,
    *,
    initial: Mapping[str, Any] | None = None,
    initial_date: dt.date,
    lang: str,
    require: bool = False,
) -> Questionnaire:
    """The questionnaire for ``data`` (form text) or, without data, ``initial`` answers.

    Invalid values are reported and treated as unanswered when deciding which questions
    to show. With ``require`` a shown question without a default must be answered (the
    check before saving); without it, only invalid values are reported (while answering).
    """
    raw = _raw_answers(assessment, data, initial, lang)
    shown_date = show_date(initial_date, lang)
    date_raw = (data or {}).get(DATE_FIELD, "").strip() if data else shown_date
    on_date, date_error = _read_date(assessment, date_raw or shown_date, lang)
    typed = core.from_form(
        assessment,
        {k: _normalise(v, lang, assessment.question(k)) for k, v in raw.items() if v},
    )
    valid: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for key, value in typed.items():
        q = assessment.question(key)
        if q is None:
            continue
        if check_value(q, value) is None:
            valid[key] = value
        else:
            problems[key] = _problem(q, value, lang)
    shown = core.visible_questions(assessment.id, valid, on_date, registry())
    fields = []
    for q in shown:
        error = problems.get(q.key)
        if error is None and require and q.required and q.key not in valid:
            error = _("Please answer this question.")
        fields.append(_field(assessment, q, raw.get(q.key, ""), error, lang))
    answers = {q.key: valid[q.key] for q in shown if q.key in valid}
    return Questionnaire(assessment, fields, answers, on_date, date_raw, date_error)


def problems_from(exc: core.AnswerError, form: Questionnaire) -> None:
    """Put the core's problems (should the form's own checks have missed one) on the form."""
    by_key = {f.key: f for f in form.fields}
    for key in exc.problems:
        if key in by_key:
            question = by_key[key].question
            by_key[key].error = by_key[key].error or _problem(question, None, active_lang())
        elif key == "date":
            form.date_error = _rules_start(form.assessment, active_lang())
        else:
            form.date_error = form.date_error or _("The answers could not be assessed.")


def _raw_answers(
    a: core.Assessment,
    data: Mapping[str, str] | None,
    initial: Mapping[str, Any] | None,
    lang: str,
) -> dict[str, str]:
    if data is not None:
        return {q.key: str(data.get(q.key, "")).strip() for q in a.questions if q.key in data}
    return {
        key: _as_text(value, lang)
        for key, value in (initial or {}).items()
        if a.question(key) is not None and value is not None
    }


def _as_text(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return formatting.number(value, lang)
    if isinstance(value, dt.date):
        return show_date(value, lang)
    return str(value)


def show_date(value: dt.date, lang: str) -> str:
    """A date as the form shows it: 13.12.2026 (da), 13/12/2026 (en)."""
    return formatting.date(value, lang, "short")


def _normalise(text: str, lang: str, q: core.Question | None = None) -> str:
    """Text as people write it: dates "13.12.2026"; numbers "1.644.638" (da),
    "1,644,638" (en), "2,5" (da)."""
    if q is not None and q.type == "date":
        try:
            return parse_date(text).isoformat()
        except DateError:
            return text
    compact = text.replace(" ", "").replace("\u00a0", "").removesuffix("kr.").strip()
    if _DA_THOUSANDS.match(compact) and (lang == "da" or "," in compact):
        return compact.replace(".", "").replace(",", ".")
    if lang == "en" and _EN_THOUSANDS.match(compact):
        return compact.replace(",", "")
    if lang == "da" and _DECIMAL_COMMA.match(compact):
        return compact.replace(",", ".")
    return text


def _read_date(a: core.Assessment, text: str, lang: str) -> tuple[dt.date, str | None]:
    try:
        on_date = parse_date(text)
    except DateError:
        return dt.date.today(), _("Enter the date as dd.mm.yyyy, for example 13.12.2026.")
    if on_date < a.spec.ruleset.valid_from:
        return a.spec.ruleset.valid_from, _rules_start(a, lang)
    return on_date, None


def _rules_start(a: core.Assessment, lang: str) -> str:
    return _("These rules apply from %(date)s; choose that date or a later one.") % {
        "date": formatting.date(a.spec.ruleset.valid_from, lang)
    }


def _problem(q: core.Question, value: Any, lang: str) -> str:
    if q.type == "bool":
        return _("Answer yes or no.")
    if q.type == "choice":
        return _("Choose one of the options shown.")
    if q.type == "date":
        return _("Enter the date as dd.mm.yyyy, for example 13.12.2026.")
    if isinstance(value, str):
        try:
            finite(value)
        except NumberError as exc:
            if value.strip().lower().lstrip("+-") in {"nan", "inf", "infinity"}:
                return show(exc.message)
    elif isinstance(value, int | float) and abs(value) > LARGEST:
        return show(message("The number is unreasonably large – check for a typo."))
    if q.min is not None and q.max is not None:
        return _("Enter a number between %(min)s and %(max)s, e.g. 1.500.000.") % {
            "min": formatting.number(q.min, lang),
            "max": formatting.number(q.max, lang),
        }
    if q.min is not None:
        return _("Enter a number of at least %(min)s, e.g. 1.500.000.") % {
            "min": formatting.number(q.min, lang)
        }
    return _("Enter a number, e.g. 1.500.000.")


def _field(a: core.Assessment, q: core.Question, raw: str, error: str | None, lang: str) -> Field:
    f = Field(
        question=q,
        text=q.text.get(lang),
        help=q.help.get(lang) if q.help else "",
        raw=raw,
        error=error,
        unit=q.unit.get(lang) if q.unit else "",
    )
    if q.default is not None:
        f.assumed = fmt(q.default, lang, a, q.key)
    if q.type == "bool":
        f.options = [
            Option("true", ui(a, "yes", lang).capitalize(), "", raw == "true"),
            Option("false", ui(a, "no", lang).capitalize(), "", raw == "false"),
        ]
    elif q.type == "choice":
        f.options = [
            Option(c.value, c.text.get(lang), c.help.get(lang) if c.help else "", raw == c.value)
            for c in q.choices
        ]
    return f
