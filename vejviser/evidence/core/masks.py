"""Loading contour masks from NumPy (.npz, .npy) and NIfTI (.nii, .nii.gz) files.

A *case* is one of:

- an ``.npz`` file with one boolean (or 0/1) array per structure, named by the
  structure, and optionally an array ``spacing`` (mm per voxel along each axis);
- a NIfTI file holding a label map (0 = background, 1, 2, … = structures, named with
  ``labels`` such as ``{"Parotid_L": 1}``, else ``label_1``, …); the spacing is read from
  the header;
- a folder with one file per structure (``Parotid_L.nii.gz`` or ``Parotid_L.npy``).

Reference and prediction are two case files (one case) or two folders of cases whose
entries are matched by case name. Case names that look like CPR numbers are refused.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from vejviser.evidence.core.errors import EvidenceInputError
from vejviser.evidence.core.privacy import contains_cpr, safe_value
from vejviser.evidence.core.segmentation import CaseMasks
from vejviser.kernel.i18n import message

Spacing = tuple[float, ...]
_SUFFIXES = (".nii.gz", ".nii", ".npz", ".npy")


def case_name(path: Path) -> str:
    name = path.name
    for suffix in _SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def _is_case(path: Path) -> bool:
    return path.is_dir() or path.name.lower().endswith(_SUFFIXES)


def load_case(
    path: Path, labels: Mapping[str, int] | None = None
) -> tuple[CaseMasks, Spacing | None]:
    """The masks of one case and its spacing (None when the files do not say)."""
    name = path.name.lower()
    try:
        if path.is_dir():
            masks: CaseMasks = {}
            spacing: Spacing | None = None
            for item in sorted(path.iterdir()):
                if item.name.lower().endswith((".nii", ".nii.gz", ".npy")):
                    (single, item_spacing) = _load_single(item)
                    masks[case_name(item)] = single
                    spacing = spacing or item_spacing
            return masks, spacing
        if name.endswith(".npz"):
            with np.load(path, allow_pickle=False) as data:
                spacing = tuple(float(v) for v in data["spacing"]) if "spacing" in data else None
                masks = {key: data[key] != 0 for key in data.files if key != "spacing"}
            return masks, spacing
        if name.endswith((".nii", ".nii.gz")):
            import nibabel as nib

            image: Any = nib.load(path)
            volume = np.asanyarray(image.dataobj)
            spacing = tuple(float(z) for z in image.header.get_zooms()[: volume.ndim])
            names = {value: key for key, value in (labels or {}).items()}
            values = [int(v) for v in np.unique(volume) if v != 0]
            return {names.get(v, f"label_{v}"): volume == v for v in values}, spacing
        if name.endswith(".npy"):
            return {case_name(path): np.load(path, allow_pickle=False) != 0}, None
    except EvidenceInputError:
        raise
    except Exception as exc:  # numpy, zipfile and nibabel raise many kinds
        raise EvidenceInputError(
            "unreadable_file",
            message(
                "The file '{file}' could not be read: {reason}",
                file=safe_value(path.name),
                reason=safe_value(type(exc).__name__),
            ),
        ) from None
    raise EvidenceInputError(
        "unsupported_format",
        message(
            "The file type '{suffix}' is not supported. Use CSV, Excel (xlsx) or Parquet.",
            suffix=path.suffix or path.name,
        ),
    )


def _load_single(path: Path) -> tuple[np.ndarray, Spacing | None]:
    if path.name.lower().endswith(".npy"):
        return np.load(path, allow_pickle=False) != 0, None
    import nibabel as nib

    image: Any = nib.load(path)
    volume = np.asanyarray(image.dataobj)
    return volume != 0, tuple(float(z) for z in image.header.get_zooms()[: volume.ndim])


def pair_cases(reference: Path, prediction: Path) -> list[tuple[str, Path, Path]]:
    """Matching (case name, reference path, prediction path), sorted by name."""
    for path in (reference, prediction):
        if not path.exists():
            raise EvidenceInputError(
                "file_not_found",
                message("The file '{file}' does not exist.", file=safe_value(path.name)),
            )
    if not reference.is_dir() or not prediction.is_dir():
        pairs = [(case_name(reference), reference, prediction)]
    else:
        refs = {case_name(p): p for p in reference.iterdir() if _is_case(p)}
        preds = {case_name(p): p for p in prediction.iterdir() if _is_case(p)}
        only = sorted(set(refs) ^ set(preds))
        if only:
            raise EvidenceInputError(
                "unmatched_cases",
                message(
                    "{count} cases are in one folder only, e.g. '{example}'.",
                    count=len(only),
                    example=safe_value(only[0]),
                ),
            )
        pairs = [(name, refs[name], preds[name]) for name in sorted(refs)]
    if not pairs:
        raise EvidenceInputError(
            "no_cases",
            message(
                "No cases to compare were found in '{reference}' and '{prediction}'.",
                reference=safe_value(reference.name),
                prediction=safe_value(prediction.name),
            ),
        )
    for name, _, _ in pairs:
        if contains_cpr(name):
            raise EvidenceInputError(
                "cpr_in_name",
                message(
                    "The name of a case looks like a CPR number ({where}). Use pseudonymous names.",
                    where=safe_value(name),
                ),
            )
    return pairs


def iter_cases(
    pairs: Sequence[tuple[str, Path, Path]],
    spacing: Spacing | None = None,
    labels: Mapping[str, int] | None = None,
) -> Iterator[tuple[str, CaseMasks, CaseMasks, Spacing]]:
    """Load each pair lazily (one case in memory at a time), checking shapes and spacing."""
    for name, ref_path, pred_path in pairs:
        reference, ref_spacing = load_case(ref_path, labels)
        prediction, pred_spacing = load_case(pred_path, labels)
        if spacing is None:
            if (
                ref_spacing
                and pred_spacing
                and not np.allclose(ref_spacing, pred_spacing, rtol=1e-4)
            ):
                raise EvidenceInputError(
                    "spacing_mismatch",
                    message(
                        "Case '{case}' has voxel spacing {reference} in the reference but "
                        "{prediction} in the prediction.",
                        case=safe_value(name),
                        reference=ref_spacing,
                        prediction=pred_spacing,
                    ),
                )
            used = ref_spacing or pred_spacing
            if used is None:
                raise EvidenceInputError(
                    "spacing_missing",
                    message(
                        "The voxel spacing of case '{case}' is unknown. Give it with --spacing, "
                        "e.g. --spacing 1.0,1.0,3.0 (mm).",
                        case=safe_value(name),
                    ),
                )
        else:
            used = spacing
        for structure in set(reference) & set(prediction):
            if reference[structure].shape != prediction[structure].shape:
                raise EvidenceInputError(
                    "shape_mismatch",
                    message(
                        "The mask '{structure}' in case '{case}' has shape {reference} in the "
                        "reference but {prediction} in the prediction.",
                        structure=safe_value(structure),
                        case=safe_value(name),
                        reference=reference[structure].shape,
                        prediction=prediction[structure].shape,
                    ),
                )
        ndim = (
            next(iter({**reference, **prediction}.values())).ndim
            if (reference or prediction)
            else 3
        )
        if len(used) != ndim:
            raise EvidenceInputError(
                "bad_spacing",
                message(
                    "The voxel spacing '{value}' must be {ndim} positive numbers separated by "
                    "commas.",
                    value=",".join(map(str, used)),
                    ndim=ndim,
                ),
            )
        yield name, reference, prediction, tuple(used)


def parse_spacing(text: str | None) -> Spacing | None:
    if not text:
        return None
    try:
        values = tuple(float(v) for v in text.replace(";", ",").split(","))
    except ValueError:
        raise EvidenceInputError(
            "bad_spacing",
            message(
                "The voxel spacing '{value}' must be {ndim} positive numbers separated by commas.",
                value=safe_value(text),
                ndim="2/3",
            ),
        ) from None
    if not values or any(v <= 0 for v in values):
        raise EvidenceInputError(
            "bad_spacing",
            message(
                "The voxel spacing '{value}' must be {ndim} positive numbers separated by commas.",
                value=safe_value(text),
                ndim=len(values) or 3,
            ),
        )
    return values
