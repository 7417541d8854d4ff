"""Checks across a case: references exist, units fit their use, years fit the horizon."""

from __future__ import annotations

from pydantic import ValidationError

from vejviser.value.core.errors import Path, Problem
from vejviser.value.core.schema import Case, Input

#: The units an input may have in each role it plays.
ROLE_UNITS: dict[str, tuple[str, ...]] = {
    "volume": ("count/year",),
    "growth": ("percent/year",),
    "cost-per-hour": ("DKK/hour",),
    "time-per-case": ("hours", "minutes"),
    "fraction": ("percent",),
    "one-off": ("DKK",),
    "yearly": ("DKK/year",),
    "per-case": ("DKK/case",),
    "escalation": ("percent/year",),
    "events": ("count/year",),
    "rate": ("percent",),
    "value-each": ("DKK",),
    "quality-criterion": (
        "DKK",
        "DKK/year",
        "DKK/hour",
        "DKK/case",
        "hours",
        "minutes",
        "count",
        "count/year",
        "percent",
        "percent/year",
    ),
}


class _Checker:
    def __init__(self, case: Case) -> None:
        self.case = case
        self.problems: list[Problem] = []

    def add(self, path: Path, kind: str, **context: object) -> None:
        self.problems.append(Problem(path=path, kind=kind, context=context))

    def input(self, path: Path, ref: str | None, role: str) -> None:
        if ref is None:
            return
        inp = self.case.inputs.get(ref)
        if inp is None:
            self.add(path, "ref_unknown", what="input", ref=ref)
            return
        expected = ROLE_UNITS[role]
        if inp.unit not in expected:
            self.add(
                path,
                "unit_mismatch",
                input=ref,
                unit=inp.unit,
                role=role,
                expected=" / ".join(expected),
            )

    def ref(self, path: Path, ref: str | None, known: dict[str, object], what: str) -> None:
        if ref is not None and ref not in known:
            self.add(path, "ref_unknown", what=what, ref=ref)

    def year(self, path: Path, year: int | None) -> None:
        horizon = self.case.horizon_years
        if year is not None and year > horizon:
            self.add(path, "year_outside_horizon", year=year, horizon=horizon)


def reference_problems(case: Case) -> list[Problem]:
    """Everything wrong across the sections of a schema-valid case."""
    c = _Checker(case)
    volumes: dict[str, object] = dict(case.volumes)
    for vid, vol in case.volumes.items():
        c.input(("volumes", vid, "count"), vol.count, "volume")
        c.input(("volumes", vid, "growth"), vol.growth, "growth")
    for gid, group in case.staff_groups.items():
        c.input(("staff_groups", gid, "cost_per_hour"), group.cost_per_hour, "cost-per-hour")
    for lid, line in case.time_savings.items():
        base: Path = ("time_savings", lid)
        c.ref((*base, "staff_group"), line.staff_group, dict(case.staff_groups), "staff group")
        c.ref((*base, "volume"), line.volume, volumes, "volume")
        c.input((*base, "time_per_case"), line.time_per_case, "time-per-case")
        for i, frac in enumerate(line.fractions):
            c.input((*base, "fractions", i), frac, "fraction")
    for cid, cost in case.costs.items():
        base = ("costs", cid)
        c.input((*base, "amount"), cost.amount, cost.schedule)
        if cost.schedule == "one-off":
            c.year((*base, "year"), cost.year)
        else:
            c.year((*base, "from_year"), cost.from_year)
            c.year((*base, "to_year"), cost.to_year)
            if cost.to_year is not None and cost.to_year < cost.from_year:
                c.add((*base, "to_year"), "years_reversed", start=cost.from_year, stop=cost.to_year)
            c.input((*base, "escalation"), cost.escalation, "escalation")
        if cost.schedule == "per-case":
            if cost.volume is None:
                c.add((*base, "volume"), "missing")
            c.ref((*base, "volume"), cost.volume, volumes, "volume")
    for qid, gain in case.quality_gains.items():
        base = ("quality_gains", qid)
        c.ref((*base, "volume"), gain.volume, volumes, "volume")
        c.input((*base, "events"), gain.events, "rate" if gain.volume else "events")
        c.input((*base, "value_each"), gain.value_each, "value-each")
    if len(case.ramp_percent) > case.horizon_years:
        c.add(("ramp_percent",), "too_long", max_length=case.horizon_years)
    seen: set[str] = set()
    for i, scenario in enumerate(case.scenarios):
        if scenario.id in seen:
            c.add(("scenarios", i, "id"), "duplicate_id", id=scenario.id)
        seen.add(scenario.id)
        for input_id, override in scenario.overrides.items():
            path: Path = ("scenarios", i, "overrides", input_id)
            original = case.inputs.get(input_id)
            if original is None:
                c.add(path, "ref_unknown", what="input", ref=input_id)
                continue
            _check_override(c, path, original, override.value, override.range)
    if case.tender is not None:
        for i, ref in enumerate(case.tender.quality_criteria):
            c.input(("tender", "quality_criteria", i), ref, "quality-criterion")
    return c.problems


def _check_override(c: _Checker, path: Path, original: Input, value: object, rng: object) -> None:
    data = original.model_dump(exclude={"value", "range"})
    data["value"] = value
    data["range"] = rng
    try:
        Input.model_validate(data, strict=False)
    except ValidationError as exc:
        for err in exc.errors():
            c.add(path, str(err["type"]), **dict(err.get("ctx") or {}), input=path[-1])
