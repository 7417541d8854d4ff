"""Dice, HD95 and surface Dice: hand-computed shapes, a brute-force reference, loading."""

from __future__ import annotations

import math

import nibabel as nib
import numpy as np
import pytest
from scipy.spatial.distance import cdist

from vejviser.evidence.core.errors import EvidenceInputError
from vejviser.evidence.core.masks import iter_cases, load_case, pair_cases, parse_spacing
from vejviser.evidence.core.segmentation import score_structure, segmentation_report, surface


def cube(shape=(20, 20, 20), lo=(5, 5, 5), size=10):
    mask = np.zeros(shape, dtype=bool)
    mask[lo[0] : lo[0] + size, lo[1] : lo[1] + size, lo[2] : lo[2] + size] = True
    return mask


def test_identical_masks():
    s = score_structure(cube(), cube(), (1.0, 1.0, 1.0))
    assert (s.dice, s.hd95_mm, s.surface_dice, s.status) == (1.0, 0.0, 1.0, "ok")
    assert s.volume_reference_ml == pytest.approx(1.0)  # 1000 voxels of 1 mm³


def test_parallel_planes_three_voxels_apart():
    a = np.zeros((12, 8, 8), dtype=bool)
    b = np.zeros_like(a)
    a[4], b[7] = True, True
    spacing = (0.8, 1.0, 2.0)
    s = score_structure(a, b, spacing, tolerance_mm=2.4)
    assert s.dice == 0.0
    assert s.hd95_mm == pytest.approx(3 * 0.8)
    assert s.surface_dice == 1.0
    assert score_structure(a, b, spacing, tolerance_mm=2.3).surface_dice == 0.0


def test_cube_shifted_by_one_voxel():
    spacing = (0.5, 1.0, 1.0)
    s = score_structure(cube(), cube(lo=(6, 5, 5)), spacing, tolerance_mm=0.4)
    assert s.dice == pytest.approx(2 * 900 / 2000)
    assert s.hd95_mm == pytest.approx(0.5)
    assert 0.0 < s.surface_dice < 1.0


def brute_force(reference, prediction, spacing, tolerance):
    pts_r = np.argwhere(surface(reference)) * np.asarray(spacing)
    pts_p = np.argwhere(surface(prediction)) * np.asarray(spacing)
    d = cdist(pts_r, pts_p)
    d_rp, d_pr = d.min(axis=1), d.min(axis=0)
    hd95 = max(np.percentile(d_rp, 95), np.percentile(d_pr, 95))
    sd = ((d_rp <= tolerance).sum() + (d_pr <= tolerance).sum()) / (d_rp.size + d_pr.size)
    return hd95, sd


@pytest.mark.parametrize("seed", range(4))
def test_matches_brute_force_distances_on_random_blobs(seed):
    rng = np.random.default_rng(seed)
    x, y, z = np.meshgrid(*(np.arange(24),) * 3, indexing="ij")
    centre = rng.uniform(9, 14, 3)
    ref = ((x - centre[0]) / 6) ** 2 + ((y - centre[1]) / 5) ** 2 + ((z - centre[2]) / 4) ** 2 <= 1
    moved = centre + rng.normal(0, 1.5, 3)
    pred = ((x - moved[0]) / 5.5) ** 2 + ((y - moved[1]) / 6) ** 2 + ((z - moved[2]) / 4) ** 2 <= 1
    spacing = (0.9, 1.3, 2.5)
    s = score_structure(ref, pred, spacing, tolerance_mm=2.0)
    hd95, sd = brute_force(ref, pred, spacing, 2.0)
    assert s.hd95_mm == pytest.approx(hd95)
    assert s.surface_dice == pytest.approx(sd)
    assert s.dice == pytest.approx(2 * (ref & pred).sum() / (ref.sum() + pred.sum()))


def test_masks_touching_the_volume_border():
    ref = np.zeros((6, 6), dtype=bool)
    ref[:, :3] = True
    pred = np.zeros_like(ref)
    pred[:, :4] = True
    s = score_structure(ref, pred, (1.0, 1.0))
    hd95, _ = brute_force(ref, pred, (1.0, 1.0), 1.0)
    assert s.hd95_mm == pytest.approx(hd95)


def test_empty_structures():
    empty = np.zeros((5, 5, 5), dtype=bool)
    both = score_structure(empty, empty, (1, 1, 1))
    assert both.status == "both_empty" and both.dice == 1.0
    missing = score_structure(cube((5, 5, 5), (1, 1, 1), 2), empty, (1, 1, 1))
    assert missing.status == "missing_in_prediction" and missing.dice == 0.0
    assert math.isinf(missing.hd95_mm) and missing.to_dict()["hd95_mm"] is None
    with pytest.raises(ValueError):
        score_structure(empty, np.zeros((4, 5, 5), bool), (1, 1, 1))


def test_report_summarises_per_structure():
    cases = [
        ("c1", {"A": cube(), "B": cube()}, {"A": cube(lo=(6, 5, 5)), "B": cube()}, (1.0, 1.0, 1.0)),
        ("c2", {"A": cube(), "B": cube()}, {"A": cube()}, (1.0, 1.0, 1.0)),
    ]
    seen = []
    report = segmentation_report(cases, tolerance_mm=1.0, after_case=seen.append)
    assert seen == ["1", "2"] and report.cases == 2  # named by position, not as typed
    a, b = report.structures
    assert a.dice.n == 2 and a.dice.mean == pytest.approx((0.9 + 1.0) / 2)
    assert b.statuses == {"ok": 1, "missing_in_prediction": 1}
    assert b.hd95_infinite == 1 and b.hd95_mm.n == 1


def save_npz(path, masks, spacing=(1.0, 1.0, 2.0)):
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, spacing=np.array(spacing), **masks)


def test_npz_and_nifti_cases_load_alike(tmp_path):
    masks = {"Parotid_L": cube(), "Brainstem": cube(lo=(2, 2, 2), size=3)}
    save_npz(tmp_path / "case.npz", masks)
    label_map = np.zeros((20, 20, 20), dtype=np.uint8)
    label_map[masks["Parotid_L"]] = 1
    label_map[masks["Brainstem"]] = 2
    nib.save(nib.Nifti1Image(label_map, np.diag([1.0, 1.0, 2.0, 1.0])), tmp_path / "case.nii.gz")
    from_npz, spacing_npz = load_case(tmp_path / "case.npz")
    from_nifti, spacing_nifti = load_case(
        tmp_path / "case.nii.gz", {"Parotid_L": 1, "Brainstem": 2}
    )
    assert spacing_npz == spacing_nifti == (1.0, 1.0, 2.0)
    for name in masks:
        assert np.array_equal(from_npz[name], from_nifti[name])
    folder = tmp_path / "folder"
    folder.mkdir()
    for name, mask in masks.items():
        nib.save(
            nib.Nifti1Image(mask.astype(np.uint8), np.diag([1.0, 1.0, 2.0, 1.0])),
            folder / f"{name}.nii.gz",
        )
    from_folder, spacing_folder = load_case(folder)
    assert set(from_folder) == set(masks) and spacing_folder == (1.0, 1.0, 2.0)


def test_case_folders_pair_by_name_and_check_inputs(tmp_path):
    for side in ("ref", "pred"):
        for case in ("a", "b"):
            save_npz(tmp_path / side / f"{case}.npz", {"X": cube()})
    pairs = pair_cases(tmp_path / "ref", tmp_path / "pred")
    assert [p[0] for p in pairs] == ["a", "b"]
    assert len(list(iter_cases(pairs))) == 2
    save_npz(tmp_path / "pred" / "c.npz", {"X": cube()})
    with pytest.raises(EvidenceInputError) as info:
        pair_cases(tmp_path / "ref", tmp_path / "pred")
    assert info.value.code == "unmatched_cases"


def test_bad_segmentation_inputs(tmp_path):
    save_npz(tmp_path / "r.npz", {"X": cube()}, spacing=(1, 1, 1))
    save_npz(tmp_path / "p.npz", {"X": cube()}, spacing=(1, 1, 2))
    codes = []
    for call in (
        lambda: list(iter_cases(pair_cases(tmp_path / "r.npz", tmp_path / "p.npz"))),
        lambda: parse_spacing("1,x,2"),
        lambda: pair_cases(tmp_path / "nope.npz", tmp_path / "p.npz"),
        lambda: load_case(tmp_path / "r.txt"),
    ):
        with pytest.raises(EvidenceInputError) as info:
            call()
        codes.append(info.value.code)
    assert codes == ["spacing_mismatch", "bad_spacing", "file_not_found", "unsupported_format"]
    np.savez(tmp_path / "q.npz", X=cube())
    with pytest.raises(EvidenceInputError, match="spacing"):
        list(iter_cases(pair_cases(tmp_path / "q.npz", tmp_path / "q.npz")))
    assert list(iter_cases(pair_cases(tmp_path / "q.npz", tmp_path / "q.npz"), (1.0, 1.0, 1.0)))
    save_npz(tmp_path / "s.npz", {"X": cube(shape=(20, 20, 21))}, spacing=(1, 1, 1))
    with pytest.raises(EvidenceInputError) as info:
        list(iter_cases(pair_cases(tmp_path / "r.npz", tmp_path / "s.npz")))
    assert info.value.code == "shape_mismatch"


def test_case_names_that_look_like_cpr_are_refused(tmp_path):
    save_npz(tmp_path / "010190-1234.npz", {"X": cube()})
    with pytest.raises(EvidenceInputError) as info:
        pair_cases(tmp_path / "010190-1234.npz", tmp_path / "010190-1234.npz")
    assert info.value.code == "cpr_in_name" and "010190" not in str(info.value)


def test_kd_tree_path_gives_the_distance_transform_distances(monkeypatch):
    from vejviser.evidence.core import segmentation

    rng = np.random.default_rng(3)
    x, y, z = np.meshgrid(*(np.arange(20),) * 3, indexing="ij")
    ref = (x - 9) ** 2 / 36 + (y - 10) ** 2 / 25 + (z - 9) ** 2 / 16 <= 1
    pred = ref ^ (rng.random(ref.shape) < 0.02)
    edt = score_structure(ref, pred, (0.7, 1.1, 3.0))
    monkeypatch.setattr(segmentation, "EDT_MAX_VOXELS", 0)
    tree = score_structure(ref, pred, (0.7, 1.1, 3.0))
    assert tree.hd95_mm == pytest.approx(edt.hd95_mm)
    assert tree.surface_dice == pytest.approx(edt.surface_dice)


def test_surface_matches_scipy_erosion():
    from scipy import ndimage

    rng = np.random.default_rng(4)
    mask = rng.random((9, 10, 11)) < 0.7
    eroded = ndimage.binary_erosion(mask, ndimage.generate_binary_structure(3, 1), border_value=0)
    assert np.array_equal(surface(mask), mask & ~eroded)
