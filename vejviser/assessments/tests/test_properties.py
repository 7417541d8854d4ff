"""Property tests: on any valid answers and date the engine answers, cites and explains."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vejviser.assessments import core

NAMES = [a.id for a in core.list_assessments()]
LAST_DAY = dt.date(2031, 12, 31)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def boundary_numbers(a: core.Assessment) -> list[float]:
    """Every number in the assessment's tables, and one either side: the thresholds."""
    found: list[float] = []
    for table in a.tables.values():
        for period in table.spec.periods:
            for row in period.rows:
                for v in row.values():
                    if isinstance(v, int | float) and not isinstance(v, bool):
                        found += [v - 1, v, v + 1]
    return found


def value_strategy(a: core.Assessment, q: core.Question) -> st.SearchStrategy:
    if q.type == "bool":
        return st.booleans()
    if q.type == "choice":
        return st.sampled_from(q.choice_values)
    if q.type == "date":
        return st.dates()
    lo = q.min if q.min is not None else -1e12
    hi = q.max if q.max is not None else 1e12
    edges = [v for v in boundary_numbers(a) if lo <= v <= hi]
    return st.one_of(
        st.integers(int(lo), int(hi)),
        st.floats(lo, hi, allow_nan=False, allow_infinity=False),
        *([st.sampled_from(edges)] if edges else []),
    )


def answers_strategy(a: core.Assessment, complete: bool) -> st.SearchStrategy:
    fields = {q.key: value_strategy(a, q) for q in a.questions}
    return st.fixed_dictionaries(fields) if complete else st.fixed_dictionaries({}, optional=fields)


def dates(a: core.Assessment) -> st.SearchStrategy:
    return st.dates(min_value=a.spec.ruleset.valid_from, max_value=LAST_DAY)


def check_result(a: core.Assessment, result: core.Result) -> None:
    assert result.references, "every result cites at least one reference"
    assert result.rules_fired
    assert all(rule["references"] for rule in result.rules_fired)
    for o in a.spec.outputs:
        value = result.outputs[o.key]
        if o.type == "bool":
            assert isinstance(value, bool), (o.key, value)
        elif o.type == "choice":
            assert value in [c.value for c in o.choices], (o.key, value)
        elif o.type == "list":
            assert all(item in a.spec.terms for item in value), (o.key, value)
    assert result.explanation.da.strip() and result.explanation.en.strip()
    assert "{" not in result.explanation.da, "a template placeholder was left unfilled"
    json.dumps(result.to_dict())


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(data=st.data())
def test_any_complete_valid_answers_are_assessed_and_cited(name, data):
    a = core.get_questionnaire(name)
    answers = data.draw(answers_strategy(a, complete=True))
    on = data.draw(dates(a))
    check_result(a, core.evaluate(name, answers, on))


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(data=st.data())
def test_partial_answers_either_assess_or_name_the_missing_ones(name, data):
    a = core.get_questionnaire(name)
    answers = data.draw(answers_strategy(a, complete=False))
    on = data.draw(dates(a))
    shown = core.visible_questions(name, answers, on)
    try:
        result = core.evaluate(name, answers, on)
    except core.AnswerError as exc:
        missing = {q.key for q in shown if q.required and q.key not in answers}
        assert set(exc.problems) == missing
        assert all(p.msgid == "an answer is required" for p in exc.problems.values())
        return
    check_result(a, result)
    assert set(result.answers) == {q.key for q in shown}


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(data=st.data())
def test_rerun_with_same_answers_and_date_shows_no_change(name, data):
    a = core.get_questionnaire(name)
    answers = data.draw(answers_strategy(a, complete=True))
    on = data.draw(dates(a))
    first = core.evaluate(name, answers, on)
    stored = json.loads(json.dumps(first.to_dict()))
    assert not core.diff(stored, core.evaluate(name, answers, on)).changed


@settings(max_examples=300, deadline=None)
@given(value=st.floats(allow_nan=True, allow_infinity=True) | st.integers())
def test_a_number_answer_is_accepted_only_when_json_can_hold_it_and_it_is_plausible(value):
    """Whatever number arrives (form, JSON, CLI), an accepted one is finite and at most
    10¹², so a stored result is always valid JSON; a refused one says why in both languages."""
    from vejviser.assessments.core.schema import LARGEST, check_value

    q = core.get_questionnaire("procurement").question("estimated_value_dkk")
    assert q is not None
    problem = check_value(q, value)
    if problem is None:
        assert abs(value) <= LARGEST and value >= 0
        json.dumps(value, allow_nan=False)
    else:
        assert problem.text("da") and problem.text("en")
