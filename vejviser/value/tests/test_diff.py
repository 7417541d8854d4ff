"""What changed between versions of a case."""

from __future__ import annotations

from vejviser.value.core import load_case
from vejviser.value.core.diff import changes

from .factory import CASES_DIR, case_data, fixed, make_case, text


def test_identical_versions_have_no_changes():
    case = load_case(CASES_DIR / "contouring.yaml")
    assert changes(case, case) == []


def test_revised_version_lists_what_moved():
    old = make_case()
    data = case_data(version=2, stage="revised", horizon_years=7)
    data["inputs"]["hours-saved"] = fixed("hours", 1.5, origin="local")
    data["inputs"]["training"] = fixed("DKK", 500)
    data["costs"]["training"] = {
        "label": text("T"),
        "kind": "training",
        "schedule": "one-off",
        "amount": "training",
    }
    new = make_case(**data)
    found = {(c.section, c.id, c.kind) for c in changes(old, new)}
    assert found == {
        ("settings", "horizon_years", "changed"),
        ("inputs", "hours-saved", "changed"),
        ("inputs", "training", "added"),
        ("costs", "training", "added"),
    }
    hours = next(c for c in changes(old, new) if c.id == "hours-saved")
    assert (hours.before["value"], hours.after["value"]) == (2, 1.5)
    assert hours.after["origin"] == "local"
