"""The rule expression language: what it computes, and that it cannot run code."""

from __future__ import annotations

import datetime as dt

import pytest

from vejviser.assessments.core import expr


def ev(source, **env):
    return expr.evaluate(expr.parse(source), env)


@pytest.mark.parametrize(
    ("source", "env", "value"),
    [
        ("a and b or c", {"a": True, "b": False, "c": True}, True),
        ("a and (b or c)", {"a": False, "b": True, "c": True}, False),
        ("not a and b", {"a": False, "b": True}, True),
        ('x in ["IIa", "IIb"]', {"x": "IIb"}, True),
        ('x not in ["IIa", "IIb"]', {"x": "I"}, True),
        ('x != "none"', {"x": "none"}, False),
        ("v >= t.dkk", {"v": 1_611_360, "t": {"dkk": 1_611_360}}, True),
        ("v >= t.dkk", {"v": 1_611_359, "t": {"dkk": 1_611_360}}, False),
        ("abs(v - 100) <= 0.02 * 100", {"v": 98}, True),
        ("1_000 + 2 * 3 - 4 / 2", {}, 1004.0),
        ("-x", {"x": 3}, -3),
        ("count(a, b, c) >= 2", {"a": True, "b": True, "c": False}, True),
        ("which(a, b, c)", {"a": True, "b": False, "c": True}, ["a", "c"]),
        ("len(which(a, b))", {"a": True, "b": True}, 2),
        ("min(3, 1, 2) + max(1, 5)", {}, 6),
        ('on_date >= date("2026-08-02")', {"on_date": dt.date(2026, 8, 2)}, True),
        ("true and not false and null == null", {}, True),
    ],
)
def test_evaluates(source, env, value):
    assert ev(source, **env) == value


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("missing", None),
        ("not missing", True),
        ("missing > 3", False),
        ("missing <= 3", False),
        ("missing + 1", None),
        ('missing in ["a"]', False),
        ("a in missing", False),
        ("1 / 0", None),
        ('"a" < 3', False),
        ("missing.field.deeper", None),
        ("abs(missing)", None),
    ],
)
def test_missing_values_never_raise(source, value):
    assert ev(source, a=1) == value


@pytest.mark.parametrize(
    "source",
    [
        "",
        "a and",
        "(a or b",
        "a === b",
        "__import__('os').system('true')",
        "a.b()",
        "open('x')",
        "lambda: 1",
        "a; b",
        "a if b else c",
        "[1, 2",
        "x @ y",
    ],
)
def test_rejects_anything_else(source):
    with pytest.raises(expr.ExprError):
        expr.parse(source)


def test_error_names_position():
    with pytest.raises(expr.ExprError, match="unexpected 'c' at position 9"):
        expr.parse("a and b c")


def test_names_and_choice_literals_for_content_checks():
    node = expr.parse('x == "IIa" or y in ["a", "b"] or t.dkk > 1 or count(z)')
    assert expr.names(node) == {"x", "y", "t", "z"}
    assert sorted(expr.choice_literals(node)) == [("x", "IIa"), ("y", "a"), ("y", "b")]
