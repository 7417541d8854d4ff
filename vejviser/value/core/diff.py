"""What changed between two versions of a case (expected → adjusted → revised → actual).

A change is reported per setting, per input (its value specification, unit or origin)
and per model line (added, removed or changed), so a reviewer sees why the figures moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from vejviser.value.core.schema import Case

_SETTINGS = ("horizon_years", "discount_rate_percent", "hours_per_fte", "ramp_percent")
_SECTIONS = ("volumes", "staff_groups", "time_savings", "costs", "quality_gains")
_INPUT_FIELDS = ("value", "range", "unit", "origin")


@dataclass(frozen=True)
class Change:
    section: str  # "settings", "inputs" or a model section
    id: str
    kind: str  # "added", "removed" or "changed"
    before: Any = None
    after: Any = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "id": self.id,
            "kind": self.kind,
            "before": self.before,
            "after": self.after,
        }


def _plain(value: Any) -> Any:
    return value.model_dump() if isinstance(value, BaseModel) else value


def _keyed(section: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes = []
    for key in old.keys() | new.keys():
        if key not in new:
            changes.append(Change(section, key, "removed", _plain(old[key]), None))
        elif key not in old:
            changes.append(Change(section, key, "added", None, _plain(new[key])))
        elif old[key] != new[key]:
            changes.append(Change(section, key, "changed", _plain(old[key]), _plain(new[key])))
    return sorted(changes, key=lambda c: c.id)


def changes(old: Case, new: Case) -> list[Change]:
    """Every difference that moves the figures, settings first, then inputs, then lines."""
    out = [
        Change("settings", name, "changed", getattr(old, name), getattr(new, name))
        for name in _SETTINGS
        if getattr(old, name) != getattr(new, name)
    ]
    specs_old = {
        k: {f: _plain(getattr(v, f)) for f in _INPUT_FIELDS} for k, v in old.inputs.items()
    }
    specs_new = {
        k: {f: _plain(getattr(v, f)) for f in _INPUT_FIELDS} for k, v in new.inputs.items()
    }
    out += _keyed("inputs", specs_old, specs_new)
    for section in _SECTIONS:
        out += _keyed(section, getattr(old, section), getattr(new, section))
    return out
