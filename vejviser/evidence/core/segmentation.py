"""Agreement between contours: Dice, Hausdorff 95 and surface Dice, per structure and case.

- Dice (1945), Ecology 26:297-302: ``2 |A ∩ B| / (|A| + |B|)`` over voxels.
- Hausdorff 95: the surface voxels of each mask (voxels with a face-neighbour outside
  the mask) are compared with Euclidean distance transforms in millimetres
  (``scipy.ndimage.distance_transform_edt`` with the voxel spacing). The value is the
  larger of the two directed 95th percentiles (A→B and B→A), as in MONAI's
  ``compute_hausdorff_distance(percentile=95)``.
- Surface Dice at tolerance τ (Nikolov et al. 2021, "Clinically applicable segmentation
  of head and neck anatomy for radiotherapy", JMIR 23:e26151): the share of both
  surfaces lying within τ mm of the other surface. Counted over surface voxels (as in
  MONAI's ``compute_surface_dice``), not over surface area elements.

Distances are computed inside the bounding box of both masks plus one voxel, which gives
the same result as the whole volume and is much faster for small structures; for very
large structures (a body contour) a k-d tree over the surface voxels replaces the
distance transforms, with the same distances.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import ndimage

from vejviser.evidence.core.describe import Distribution, describe
from vejviser.evidence.core.proportions import z_value
from vejviser.evidence.core.results import Result

Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class StructureScore(Result):
    case: str
    structure: str
    dice: float
    hd95_mm: float  # inf when exactly one mask is empty (null in JSON)
    surface_dice: float
    volume_reference_ml: float
    volume_prediction_ml: float
    status: str  # "ok", "both_empty", "missing_in_prediction", "missing_in_reference"


def _crop(reference: Mask, prediction: Mask) -> tuple[Mask, Mask]:
    union = reference | prediction
    slices = []
    for axis in range(union.ndim):
        other = tuple(a for a in range(union.ndim) if a != axis)
        present = np.flatnonzero(union.any(axis=other))
        lo, hi = max(int(present[0]) - 1, 0), int(present[-1]) + 2
        slices.append(slice(lo, hi))
    index = tuple(slices)
    pad = [(1, 1)] * union.ndim  # room so that border voxels count as surface
    return np.pad(reference[index], pad), np.pad(prediction[index], pad)


def surface(mask: Mask) -> Mask:
    """Voxels of ``mask`` with at least one face-neighbour outside it (outside the array
    counts as outside)."""
    padded = np.pad(mask, 1)
    interior = tuple(slice(1, -1) for _ in range(mask.ndim))
    eroded = mask.copy()
    for axis in range(mask.ndim):
        for shift in (0, 2):  # the neighbour before and after along this axis
            index = list(interior)
            index[axis] = slice(shift, shift + mask.shape[axis])
            eroded &= padded[tuple(index)]
    out: Mask = mask & ~eroded
    return out


#: Above this many voxels in the cropped volume, distances come from a k-d tree over the
#: surface voxels instead of distance transforms of the volume (same distances, faster
#: for large structures such as a body contour).
EDT_MAX_VOXELS = 4_000_000


def surface_distances(
    reference: Mask, prediction: Mask, spacing: Sequence[float]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Distances (mm) from each surface voxel of one mask to the other's surface:
    (reference → prediction, prediction → reference). Both masks must be non-empty."""
    ref, pred = _crop(reference, prediction)
    ref_surface, pred_surface = surface(ref), surface(pred)
    if ref.size <= EDT_MAX_VOXELS:
        to_pred = ndimage.distance_transform_edt(~pred_surface, sampling=spacing)
        to_ref = ndimage.distance_transform_edt(~ref_surface, sampling=spacing)
        return to_pred[ref_surface], to_ref[pred_surface]
    from scipy.spatial import cKDTree

    scale = np.asarray(spacing, dtype=np.float64)
    ref_points = np.argwhere(ref_surface) * scale
    pred_points = np.argwhere(pred_surface) * scale
    d_rp = cKDTree(pred_points).query(ref_points)[0]
    d_pr = cKDTree(ref_points).query(pred_points)[0]
    return np.asarray(d_rp, dtype=np.float64), np.asarray(d_pr, dtype=np.float64)


def score_structure(
    reference: npt.ArrayLike,
    prediction: npt.ArrayLike,
    spacing: Sequence[float],
    tolerance_mm: float = 2.0,
    *,
    case: str = "",
    structure: str = "",
) -> StructureScore:
    """Dice, HD95 and surface Dice of one structure in one case."""
    ref = np.asarray(reference).astype(np.bool_, copy=False)
    pred = np.asarray(prediction).astype(np.bool_, copy=False)
    if ref.shape != pred.shape:
        raise ValueError(f"shapes differ: {ref.shape} and {pred.shape}")
    if len(spacing) != ref.ndim:
        raise ValueError(f"spacing needs {ref.ndim} values, got {len(spacing)}")
    voxel_ml = float(np.prod(spacing)) / 1000.0
    n_ref, n_pred = int(ref.sum()), int(pred.sum())
    volumes = (n_ref * voxel_ml, n_pred * voxel_ml)
    if n_ref == 0 and n_pred == 0:
        return StructureScore(case, structure, 1.0, 0.0, 1.0, *volumes, "both_empty")
    if n_ref == 0 or n_pred == 0:
        status = "missing_in_reference" if n_ref == 0 else "missing_in_prediction"
        return StructureScore(case, structure, 0.0, math.inf, 0.0, *volumes, status)
    dice = 2.0 * int(np.count_nonzero(ref & pred)) / (n_ref + n_pred)
    d_rp, d_pr = surface_distances(ref, pred, spacing)
    hd95 = max(float(np.percentile(d_rp, 95)), float(np.percentile(d_pr, 95)))
    limit = tolerance_mm * (1.0 + 1e-9)  # a distance of exactly τ counts, despite rounding
    within = int(np.count_nonzero(d_rp <= limit)) + int(np.count_nonzero(d_pr <= limit))
    surface_dice = within / (d_rp.size + d_pr.size)
    return StructureScore(case, structure, dice, hd95, surface_dice, *volumes, "ok")


@dataclass(frozen=True)
class StructureSummary(Result):
    structure: str
    cases: int
    dice: Distribution
    hd95_mm: Distribution
    hd95_infinite: int
    surface_dice: Distribution
    statuses: dict[str, int]


@dataclass(frozen=True)
class SegmentationReport(Result):
    tolerance_mm: float
    confidence: float
    cases: int
    structures: list[StructureSummary]
    scores: list[StructureScore]


def summarise(
    scores: Sequence[StructureScore], tolerance_mm: float, confidence: float = 0.95
) -> SegmentationReport:
    z_value(confidence)  # validates the level
    names = list(dict.fromkeys(s.structure for s in scores))
    summaries = []
    for name in names:
        rows = [s for s in scores if s.structure == name]
        statuses: dict[str, int] = {}
        for row in rows:
            statuses[row.status] = statuses.get(row.status, 0) + 1
        summaries.append(
            StructureSummary(
                structure=name,
                cases=len(rows),
                dice=describe((r.dice for r in rows), confidence),
                hd95_mm=describe((r.hd95_mm for r in rows), confidence),
                hd95_infinite=sum(1 for r in rows if math.isinf(r.hd95_mm)),
                surface_dice=describe((r.surface_dice for r in rows), confidence),
                statuses=statuses,
            )
        )
    return SegmentationReport(
        tolerance_mm=tolerance_mm,
        confidence=confidence,
        cases=len({s.case for s in scores}),
        structures=summaries,
        scores=list(scores),
    )


CaseMasks = dict[str, Mask]


def segmentation_report(
    cases: Iterable[tuple[str, CaseMasks, CaseMasks, Sequence[float]]],
    tolerance_mm: float = 2.0,
    confidence: float = 0.95,
    after_case: Callable[[str], None] | None = None,
) -> SegmentationReport:
    """Score every structure of every case: ``cases`` yields (name, reference masks,
    predicted masks, spacing); cases are named "1" … "n" in that order. A structure only
    in the reference scores as missing in the prediction; one only in the prediction as
    missing in the reference."""
    scores = []
    # Case names as typed (file names) are discarded: a case is named by its position,
    # "1" … "n", so the stored per-case scores hold no patient-level text.
    for position, (_name, reference, prediction, spacing) in enumerate(cases, start=1):
        name = str(position)
        for structure in dict.fromkeys([*reference, *prediction]):
            ref = reference.get(structure)
            pred = prediction.get(structure)
            shape_source = ref if ref is not None else pred
            assert shape_source is not None
            if ref is None:
                ref = np.zeros(shape_source.shape, dtype=np.bool_)
            if pred is None:
                pred = np.zeros(shape_source.shape, dtype=np.bool_)
            scores.append(
                score_structure(ref, pred, spacing, tolerance_mm, case=name, structure=structure)
            )
        if after_case:
            after_case(name)
    return summarise(scores, tolerance_mm, confidence)
