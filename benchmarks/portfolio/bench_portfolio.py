"""Measure the portfolio page with many projects (targets: 500 projects in <= 200 ms and
<= 15 queries, the number of queries independent of the number of projects).

The demo is loaded (two projects with assessments, business cases, validation runs and
monitoring), then 498 more projects are made in the demo region, and each gets copies of
the demo's AI Act and MDR runs, latest business-case version, latest validation run and
an open alert, and an AI system record with a contract end and a next re-validation (so
every column has data to read).

Run: .venv/bin/python benchmarks/portfolio/bench_portfolio.py [N]
Uses a throw-away SQLite database in a temporary directory.
"""

from __future__ import annotations

import atexit
import datetime
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
tmp = tempfile.mkdtemp(prefix="vejviser-bench-portfolio-")
atexit.register(shutil.rmtree, tmp, ignore_errors=True)
os.environ.pop("DATABASE_URL", None)
os.environ["VEJVISER_VAR_DIR"] = tmp
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vejviser.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402


def timed(fn, repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def cpu_timed(fn, repeat: int) -> list[float]:
    """CPU time of this process (SQLite runs in it): on a shared, loaded machine the wall
    time mostly measures the other processes; the CPU time measures the page."""
    out = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        out.append((time.process_time() - start) * 1000)
    return out


def measure(
    client: Client, url: str, repeat: int = 15
) -> tuple[list[float], int, int, list[float]]:
    """Server time of a page (after one warm-up request), its queries, its size and its
    CPU time."""
    from django.db import connection

    count = 0

    def counter(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    response = client.get(url)
    assert response.status_code == 200, url
    with connection.execute_wrapper(counter):
        client.get(url)
    wall = timed(lambda: client.get(url), repeat=repeat)
    cpu = cpu_timed(lambda: client.get(url), repeat=repeat)
    return wall, count, len(response.content), cpu


def add_projects(n: int) -> None:
    """``n`` projects like the demo ones, each with copies of their capability data."""
    from vejviser.assessments.models import AssessmentRun
    from vejviser.evidence.models import ValidationRun
    from vejviser.monitoring.models import Alert
    from vejviser.portfolio.models import Organisation, ProjectOrganisation, SystemRecord
    from vejviser.projects.models import Project, Step
    from vejviser.value.models import BusinessCase, CaseVersion

    templates = list(Project.objects.exclude(demo_key="").order_by("id"))
    departments = list(Organisation.objects.filter(kind="department"))
    runs = {
        t.pk: list(AssessmentRun.objects.filter(project=t, assessment__in=("ai-act", "mdr")))
        for t in templates
    }
    validations = {t.pk: ValidationRun.objects.filter(project=t).first() for t in templates}
    versions = {
        t.pk: CaseVersion.objects.filter(business_case__project=t).order_by("-id").first()
        for t in templates
    }
    alerts = {t.pk: Alert.objects.filter(project=t).first() for t in templates}
    made = []
    for i in range(n):
        like = templates[i % len(templates)]
        owner = like.memberships.get(is_owner=True)
        project = Project.start(
            user=owner.user,
            role=owner.role,
            title=f"{like.title} ({i + 2})",
            clinical_area=like.clinical_area,
            department=like.department,
            region=like.region,
            track=like.track,
        )
        ProjectOrganisation.objects.create(
            project=project, organisation=departments[i % len(departments)]
        )
        made.append((project, like))
    steps = {
        (s.project_id, s.action_id): s.pk
        for s in Step.objects.filter(project__in=[p for p, _ in made])
    }
    new_runs, new_validations, new_alerts = [], [], []
    for project, like in made:
        for run in runs[like.pk]:
            run.pk, run.project_id = None, project.pk
            run.step_id = steps[(project.pk, run.step.action_id)]
            new_runs.append(
                AssessmentRun(
                    **{f.attname: getattr(run, f.attname) for f in run._meta.concrete_fields}
                )
            )
        if validations[like.pk] is not None:
            v = validations[like.pk]
            fields = {f.attname: getattr(v, f.attname) for f in v._meta.concrete_fields}
            fields.update(
                id=None, project_id=project.pk, step_id=steps[(project.pk, v.step.action_id)]
            )
            new_validations.append(ValidationRun(**fields))
        if versions[like.pk] is not None:
            cv = versions[like.pk]
            case = BusinessCase.objects.create(
                project=project,
                step_id=steps[(project.pk, cv.business_case.step.action_id)],
                name=cv.business_case.name,
                created_by=cv.created_by,
            )
            CaseVersion.objects.create(
                business_case=case,
                number=1,
                stage=cv.stage,
                data=cv.data,
                summary=cv.summary,
                created_by=cv.created_by,
            )
        if alerts[like.pk] is not None:
            a = alerts[like.pk]
            fields = {f.attname: getattr(a, f.attname) for f in a._meta.concrete_fields}
            # one alert per metric and month: a month of its own for each copy
            month = datetime.date(1990 + len(new_alerts) // 12, len(new_alerts) % 12 + 1, 1)
            fields.update(id=None, project_id=project.pk, period=month)
            new_alerts.append(Alert(**fields))
    # the AI system record's dates (contract end, next re-validation)
    SystemRecord.objects.bulk_create(
        SystemRecord(
            project=project,
            contract_end=datetime.date(2028 + i % 3, 12, 31),
            next_revalidation=datetime.date(2027, i % 12 + 1, 1),
        )
        for i, (project, _like) in enumerate(made)
    )
    AssessmentRun.objects.bulk_create(new_runs)
    ValidationRun.objects.bulk_create(new_validations)
    Alert.objects.bulk_create(new_alerts)


def main() -> None:
    from django.contrib.auth import get_user_model

    from vejviser.journey.loader import load_content
    from vejviser.projects.demo import load_demo
    from vejviser.projects.models import Project

    total = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    call_command("migrate", verbosity=0)
    load_content(settings.CONTENT_DIR)
    load_demo(password="bench-password")  # noqa: S106
    client = Client()
    client.force_login(get_user_model().objects.get(username="lene"))
    small = measure(client, "/portfolio/")
    made = timed(lambda: add_projects(total - Project.objects.count()))
    big = measure(client, "/portfolio/")
    filtered = measure(client, "/portfolio/?status=overdue&sort=npv")
    csv = measure(client, "/portfolio/export.csv", repeat=5)
    xlsx = measure(client, "/portfolio/export.xlsx", repeat=5)
    n = Project.objects.count()
    print(f"made {n - 2} projects with their data        {made[0] / 1000:7.1f} s")
    for name, (times, queries, size, cpu) in {
        "portfolio page, 2 projects": small,
        f"portfolio page, {n} projects": big,
        f"filtered + sorted, {n} projects": filtered,
        f"CSV export, {n} projects": csv,
        f"XLSX export, {n} projects": xlsx,
    }.items():
        print(
            f"{name:34s} median {statistics.median(times):7.1f} ms  "
            f"max {max(times):7.1f} ms  cpu {statistics.median(cpu):7.1f} ms  "
            f"{queries:3d} queries  {size / 1024:7.1f} KiB"
        )


if __name__ == "__main__":
    main()
