"""A business case simulated with more iterations, as a job (vejviser.jobs).

The version page offers to simulate the version again with more iterations (the same
seed: the first draws are the version's own), to see how precise its figures are. Up
to ``VEJVISER_JOB_ITERATIONS`` it runs in the request; above, in the worker, with
progress after each block of draws. The result (percentiles, probabilities and their
Monte Carlo intervals, next to the version's own figures) is kept on the job; the
version itself is never changed.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from django.urls import reverse

from vejviser.kernel.i18n import message

from .core.simulate import monte_carlo
from .models import CaseVersion

HANDLER = "vejviser.value.jobs.simulate"
MIN_ITERATIONS, MAX_ITERATIONS = 1_000, 2_000_000


def _row(label: Any, value: Any, how: str, compare: Any) -> dict[str, Any]:
    from vejviser.jobs.models import as_stored

    return {"label": as_stored(label), "value": value, "as": how, "compare": compare}


def simulate(job: Any, progress: Any) -> Any:
    from vejviser.jobs.models import as_stored
    from vejviser.jobs.runner import JobFailed, Outcome

    version = (
        CaseVersion.objects.select_related("business_case").filter(pk=job.params["version"]).first()
    )
    if version is None:
        raise JobFailed(message("The business-case version no longer exists."))
    iterations = int(job.params["iterations"])
    seed = int(version.summary["simulation"]["seed"])
    step = message("Simulating {iterations} iterations …", iterations=iterations)

    def report(done: int, total: int) -> None:
        progress(98 * done / total, step)

    with np.errstate(over="ignore", invalid="ignore"):
        sim = monte_carlo(version.case(), iterations, seed, progress=report)
    npv = {
        k: float(v)
        for k, v in zip(("p5", "p50", "p95"), np.percentile(sim.npv, [5, 50, 95]), strict=True)
    }
    low, high = sim.prob_npv_positive_interval()
    stored = version.summary["simulation"]
    rows = [
        _row(message("Iterations"), iterations, "int", version.iterations),
        _row(message("Net present value, P5"), npv["p5"], "money", stored["npv"]["p5"]),
        _row(message("Net present value, P50"), npv["p50"], "money", stored["npv"]["p50"]),
        _row(message("Net present value, P95"), npv["p95"], "money", stored["npv"]["p95"]),
        _row(
            message("Probability that the net present value is positive"),
            sim.prob_npv_positive,
            "pct",
            stored["prob_npv_positive"],
        ),
        _row(
            message("… its Monte Carlo interval (95 %), low"),
            low,
            "pct",
            stored["prob_npv_positive_interval"][0],
        ),
        _row(
            message("… its Monte Carlo interval (95 %), high"),
            high,
            "pct",
            stored["prob_npv_positive_interval"][1],
        ),
    ]
    url = reverse(
        "value:version",
        args=[job.project_id, job.step_id, version.business_case_id, version.number],
    )
    label = message(
        "Version {number} ({iterations} iterations)",
        number=version.number,
        iterations=version.iterations,
    )
    return Outcome(
        url=url,
        result={
            "rows": rows,
            "compare_label": as_stored(label),
            "seed": seed,
            "version": version.pk,
        },
    )
