"""From a file to the arrays a validation needs, with missing values counted and excluded.

Rows with a missing (or non-finite) score or a missing label are excluded and counted
by reason; a missing subgroup value keeps the row (it is counted as missing in that
subgroup table). The summary that travels with the result holds only counts and names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from vejviser.evidence.core.binary import Subgroup
from vejviser.evidence.core.errors import EvidenceInputError
from vejviser.evidence.core.io import (
    Categorical,
    Progress,
    classes_text,
    describe_classes,
    read_table,
)
from vejviser.evidence.core.privacy import safe_value
from vejviser.evidence.core.subgroups import MAX_SUBGROUPS
from vejviser.kernel.i18n import message


@dataclass
class BinaryInput:
    scores: npt.NDArray[np.float64]
    labels: npt.NDArray[np.bool_]
    subgroups: dict[str, Subgroup]
    compare: npt.NDArray[np.float64] | None
    summary: dict[str, Any] = field(default_factory=dict)


def _same_label(a: str, b: str) -> bool:
    if a == b:
        return True
    try:
        return float(a.replace(",", ".")) == float(b.replace(",", "."))
    except ValueError:
        return a.casefold() == b.casefold()


def read_binary(
    path: str | Path,
    *,
    score: str,
    label: str,
    positive: str,
    subgroups: Sequence[str] = (),
    compare: str | None = None,
    drop: Sequence[str] = (),
    sheet: str | None = None,
    progress: Progress | None = None,
) -> BinaryInput:
    """Scores, labels (True = ``positive``), subgroup codes and an optional second score."""
    numeric = [score] + ([compare] if compare else [])
    table = read_table(
        path,
        numeric=numeric,
        categorical=[label, *subgroups],
        drop=drop,
        sheet=sheet,
        progress=progress,
    )
    scores = table.numeric[score]
    labels_cat = table.categorical[label]
    classes = describe_classes(labels_cat)
    column = safe_value(label)
    if len(classes) > 2:
        raise EvidenceInputError(
            "labels_not_two_classes",
            message(
                "The column '{column}' must have exactly two classes, but has {count}: {values}.",
                column=column,
                count=len(classes),
                values=classes_text(classes),
            ),
        )
    wanted = str(positive).strip()
    matches = [code for code, level in enumerate(labels_cat.levels) if _same_label(level, wanted)]
    present = {level for level, _ in classes}
    matches = [code for code in matches if labels_cat.levels[code] in present]
    if len(classes) == 2 and not matches:
        raise EvidenceInputError(
            "positive_not_found",
            message(
                "The value '{positive}' is not in the column '{column}' (found: {values}).",
                positive=safe_value(wanted),
                column=column,
                values=classes_text(classes),
            ),
        )
    valid = np.ones(table.rows, dtype=np.bool_)
    excluded: dict[str, int] = {}

    def exclude(reason: str, bad: npt.NDArray[np.bool_]) -> None:
        newly = bad & valid
        count = int(np.count_nonzero(newly))
        if count:
            excluded[reason] = count
            valid[newly] = False

    exclude("missing_score", np.isnan(scores))
    exclude("non_finite_score", np.isinf(scores))
    exclude("missing_label", labels_cat.codes < 0)
    other = None
    if compare:
        other = table.numeric[compare]
        exclude("missing_compare_score", ~np.isfinite(other))
    if not valid.any():
        raise EvidenceInputError(
            "no_rows_left",
            message(
                "No rows are left once rows with missing values are excluded ({excluded}).",
                excluded=_describe(excluded),
            ),
        )
    if len(classes) < 2:
        raise EvidenceInputError(
            "one_class_only",
            message(
                "The column '{column}' has only one class ({values}). Both positive and negative "
                "cases are needed.",
                column=column,
                values=classes_text(classes),
            ),
        )
    all_valid = bool(valid.all())
    codes = labels_cat.codes if all_valid else labels_cat.codes[valid]
    labels = codes == matches[0]
    if labels.all() or not labels.any():
        kept = describe_classes(Categorical(codes, labels_cat.levels))
        raise EvidenceInputError(
            "one_class_only",
            message(
                "The column '{column}' has only one class ({values}). Both positive and negative "
                "cases are needed.",
                column=column,
                values=classes_text(kept),
            ),
        )
    groups: dict[str, Subgroup] = {}
    for name in subgroups:
        cat = table.categorical[name]
        used = cat.codes if all_valid else cat.codes[valid]
        if len(cat.levels) > MAX_SUBGROUPS:
            raise EvidenceInputError(
                "too_many_subgroups",
                message(
                    "The column '{column}' has {count} distinct values; at most {limit} subgroups "
                    "can be compared.",
                    column=safe_value(name),
                    count=len(cat.levels),
                    limit=MAX_SUBGROUPS,
                ),
            )
        groups[name] = Subgroup(used, cat.levels)
    negative = next(level for level, _ in classes if labels_cat.levels[matches[0]] != level)
    summary = {
        "file_format": table.file_format,
        "rows_read": table.rows,
        "rows_used": int(labels.size),
        "excluded": excluded,
        "columns": {
            "score": score,
            "label": label,
            "subgroups": list(subgroups),
            "compare": compare,
        },
        "positive_label": labels_cat.levels[matches[0]],
        "negative_label": negative,
        "dropped_columns": [c for c in drop if c in table.columns],
    }
    return BinaryInput(
        scores=scores if all_valid else scores[valid],
        labels=labels,
        subgroups=groups,
        compare=None if other is None else (other if all_valid else other[valid]),
        summary=summary,
    )


def _describe(excluded: dict[str, int]) -> str:
    return ", ".join(f"{reason}: {count}" for reason, count in excluded.items()) or "0"


@dataclass
class TimingInput:
    before: npt.NDArray[np.float64]
    with_product: npt.NDArray[np.float64]
    paired: bool
    summary: dict[str, Any] = field(default_factory=dict)


def read_timing_paired(
    path: str | Path,
    *,
    before: str,
    with_product: str,
    drop: Sequence[str] = (),
    sheet: str | None = None,
) -> TimingInput:
    """Two time columns measured on the same cases (rows)."""
    table = read_table(path, numeric=[before, with_product], drop=drop, sheet=sheet)
    b, w = table.numeric[before], table.numeric[with_product]
    both = np.isfinite(b) & np.isfinite(w)
    summary = {
        "rows_read": table.rows,
        "rows_used": int(both.sum()),
        "excluded": {"missing_time": int(table.rows - both.sum())} if not both.all() else {},
        "columns": {"before": before, "with": with_product},
    }
    _check_times(before, b[both])
    _check_times(with_product, w[both])
    return TimingInput(b[both], w[both], True, summary)


def read_timing_groups(
    path: str | Path,
    *,
    time: str,
    group: str,
    before_value: str,
    with_value: str,
    drop: Sequence[str] = (),
    sheet: str | None = None,
) -> TimingInput:
    """One time column and a group column telling before from with the product."""
    table = read_table(path, numeric=[time], categorical=[group], drop=drop, sheet=sheet)
    t, cat = table.numeric[time], table.categorical[group]
    codes = {level: code for code, level in enumerate(cat.levels)}
    b_code = next((c for lv, c in codes.items() if _same_label(lv, before_value)), None)
    w_code = next((c for lv, c in codes.items() if _same_label(lv, with_value)), None)
    if b_code is None or w_code is None:
        raise EvidenceInputError(
            "group_values",
            message(
                "The group column '{column}' must contain the values '{before}' and '{after}' "
                "(found: {values}).",
                column=safe_value(group),
                before=safe_value(before_value),
                after=safe_value(with_value),
                values=classes_text(describe_classes(cat)),
            ),
        )
    finite = np.isfinite(t)
    b, w = t[finite & (cat.codes == b_code)], t[finite & (cat.codes == w_code)]
    summary = {
        "rows_read": table.rows,
        "rows_used": int(b.size + w.size),
        "excluded": {"missing_time": int((~finite).sum())} if not finite.all() else {},
        "columns": {"time": time, "group": group},
    }
    _check_times(time, b)
    _check_times(time, w)
    return TimingInput(b, w, False, summary)


def _check_times(column: str, values: npt.NDArray[np.float64]) -> None:
    negative = int(np.count_nonzero(values < 0))
    if negative:
        raise EvidenceInputError(
            "negative_time",
            message(
                "The column '{column}' contains {count} negative times.",
                column=safe_value(column),
                count=negative,
            ),
        )
