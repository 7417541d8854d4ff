"""Write the synthetic demo data of the evidence module into ``content/evidence/``.

Seeded, so a run reproduces the committed files byte for byte::

    .venv/bin/python benchmarks/evidence/make_demo_data.py

- ``readmission_risk.csv``: 2,000 discharges with a readmission risk score (version 1 and
  an upgraded version 2), the outcome, site, sex and age band. The score over-estimates
  risk a little and discriminates worse at one site, so the report has something to show.
  A few scores and outcomes are blank, as in real extracts.
- ``ambient_scribe/transcripts.csv``: six Danish consultations, reference note and the
  scribe's transcript (see ``demo_transcripts.py``).
- ``ambient_scribe/documentation_time.csv``: minutes of documentation per consultation
  for 24 GPs, before and with the scribe (paired).
- ``contouring/{reference,prediction}/case-0N.npz``: four head-and-neck cases with four
  organs at risk as boolean masks and the voxel spacing.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.evidence.demo_transcripts import DOCUMENTS  # noqa: E402

OUT = ROOT / "content" / "evidence"
SEED = 20250101

SITES = (
    ("Aarhus Universitetshospital", 0.0),
    ("Regionshospitalet Gødstrup", 0.0),
    ("Regionshospitalet Randers", 0.9),  # extra noise: the score transfers worse here
    ("Regionshospitalet Horsens", 0.0),
)
AGE_BANDS = ("18-44", "45-64", "65-79", "80+")


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def risk_scores(rng: np.random.Generator, n: int = 2000) -> None:
    site = rng.integers(0, len(SITES), n)
    sex = rng.choice(["K", "M"], n)
    age = rng.choice(len(AGE_BANDS), n, p=[0.15, 0.3, 0.35, 0.2])
    frailty = rng.normal(size=n) + 0.35 * age
    outcome = rng.random(n) < 1.0 / (1.0 + np.exp(-(-2.6 + 1.1 * frailty)))
    noise = np.array([SITES[s][1] for s in site])
    signal_v1 = 1.1 * frailty + rng.normal(size=n) * (0.8 + noise)
    signal_v2 = 1.1 * frailty + rng.normal(size=n) * (0.55 + 0.5 * noise)
    v1 = 1.0 / (1.0 + np.exp(-(-1.9 + signal_v1)))  # over-estimates risk
    v2 = 1.0 / (1.0 + np.exp(-(-2.3 + signal_v2)))
    rows: list[list[object]] = []
    blank_score = set(rng.choice(n, 6, replace=False).tolist())
    blank_label = set(rng.choice(n, 3, replace=False).tolist())
    for i in range(n):
        rows.append(
            [
                f"F{i + 1:05d}",
                "" if i in blank_score else f"{v1[i]:.4f}",
                f"{v2[i]:.4f}",
                "" if i in blank_label else ("ja" if outcome[i] else "nej"),
                SITES[site[i]][0],
                sex[i],
                AGE_BANDS[age[i]],
            ]
        )
    header = ["forloeb", "risk_score", "risk_score_v2", "genindlagt_30d", "site", "sex", "age_band"]
    _write_csv(OUT / "readmission_risk.csv", header, rows)


def transcripts() -> None:
    _write_csv(
        OUT / "ambient_scribe" / "transcripts.csv",
        ["id", "reference", "hypothesis"],
        [list(doc) for doc in DOCUMENTS],
    )


def documentation_time(rng: np.random.Generator, n: int = 24) -> None:
    before = rng.normal(9.5, 2.0, n).clip(4.0)
    saved = rng.normal(0.3, 0.12, n).clip(-0.1, 0.6)
    with_scribe = before * (1.0 - saved) + rng.normal(0, 0.4, n)
    rows = [[f"L{i + 1:02d}", f"{before[i]:.1f}", f"{with_scribe[i]:.1f}"] for i in range(n)]
    _write_csv(
        OUT / "ambient_scribe" / "documentation_time.csv",
        ["laege", "minutter_foer", "minutter_med"],
        rows,
    )


SHAPE = (64, 64, 40)
SPACING = (1.0, 1.0, 2.5)
# name: (centre x, y, z in voxels, radii x, y, z in voxels, kind)
STRUCTURES = {
    "Brainstem": ((32.0, 36.0, 29.0), (6.0, 7.0, 6.0), "ellipsoid"),
    "SpinalCord": ((32.0, 40.0, 11.0), (3.5, 3.5, 12.0), "cylinder"),
    "Parotid_L": ((15.0, 30.0, 18.0), (7.0, 9.0, 5.0), "ellipsoid"),
    "Parotid_R": ((49.0, 30.0, 18.0), (7.0, 9.0, 5.0), "ellipsoid"),
}


def _shape(centre: np.ndarray, radii: np.ndarray, kind: str, wobble: np.ndarray) -> np.ndarray:
    x, y, z = np.meshgrid(*(np.arange(s, dtype=np.float64) for s in SHAPE), indexing="ij")
    dx, dy, dz = (x - centre[0]) / radii[0], (y - centre[1]) / radii[1], (z - centre[2]) / radii[2]
    if kind == "cylinder":
        inside = dx**2 + dy**2 + wobble <= 1.0
        return inside & (np.abs(dz) <= 1.0)
    return dx**2 + dy**2 + dz**2 + wobble <= 1.0


def _wobble(rng: np.random.Generator, amount: float) -> np.ndarray:
    """A smooth random field, so that predicted contours have uneven edges."""
    from scipy import ndimage

    field = ndimage.gaussian_filter(rng.normal(size=SHAPE), sigma=3.0)
    return amount * field / (np.abs(field).max() + 1e-12)


def contours(rng: np.random.Generator, cases: int = 4) -> None:
    for case in range(1, cases + 1):
        reference: dict[str, np.ndarray] = {}
        prediction: dict[str, np.ndarray] = {}
        for name, (centre, radii, kind) in STRUCTURES.items():
            c = np.array(centre) + rng.normal(0, 1.0, 3)
            r = np.array(radii) * rng.uniform(0.9, 1.1, 3)
            reference[name] = _shape(c, r, kind, _wobble(rng, 0.1))
            shift = rng.normal(0, 0.6, 3)
            scale = rng.uniform(0.92, 1.08, 3)
            if case == 3 and name == "Parotid_R":
                shift += np.array([3.0, 2.0, 0.0])  # a clear miss, as happens
            if case == 2 and name == "SpinalCord":
                scale[2] *= 0.8  # stops short of the lower slices
            prediction[name] = _shape(c + shift, r * scale, kind, _wobble(rng, 0.35))
        for folder, masks in (("reference", reference), ("prediction", prediction)):
            path = OUT / "contouring" / folder / f"case-{case:02d}.npz"
            path.parent.mkdir(parents=True, exist_ok=True)
            np.savez_compressed(path, spacing=np.array(SPACING), **masks)


def main() -> None:
    rng = np.random.default_rng(SEED)
    risk_scores(rng)
    transcripts()
    documentation_time(rng)
    contours(rng)
    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"wrote {OUT.relative_to(ROOT)} ({total / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
