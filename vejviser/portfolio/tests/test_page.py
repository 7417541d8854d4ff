"""The portfolio page: rows, filters, sorting, exports, and a query count that does not
grow with the number of projects."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import openpyxl  # type: ignore[import-untyped]
import pytest
from click.testing import CliRunner
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vejviser.cli import main
from vejviser.conftest import make_project
from vejviser.portfolio.exports import COLUMNS
from vejviser.projects.models import Step

from .factory import Tree, link


@pytest.fixture
def tree(personas):
    return Tree(personas)


@pytest.fixture
def maja(personas):
    client = Client()
    client.force_login(personas.maja)
    return client


def _add_projects(tree, owner, n: int) -> None:
    for i in range(n):
        project = make_project(owner, title=f"Projekt {i:03d}")
        link(project, tree.praksis if i % 2 else tree.onko)


def test_rows_show_phase_status_next_step_and_overdue(tree, personas, maja):
    step = tree.project.ordered_steps().first()
    Step.objects.filter(pk=step.pk).update(
        status="in_progress", due_date=timezone.localdate() - timedelta(days=3)
    )
    response = maja.get(reverse("portfolio:page"))
    (row,) = response.context["rows"]
    assert row.organisation == "Onkologisk afdeling"
    assert row.phase == step.action.phase.title_da
    assert row.next_step == step.action.title_da
    assert row.overdue == 1
    assert row.status == "overdue"
    html = response.content.decode()
    assert "Forsinkede trin" in html  # Danish by default
    assert 'data-status="overdue"' in html


def test_filters_by_organisation_status_and_track(tree, personas, maja):
    _add_projects(tree, personas.alice, 4)
    page = reverse("portfolio:page")
    rows = maja.get(page, {"organisation": tree.praksis.pk}).context["rows"]
    assert {r.organisation for r in rows} == {"Praksisområdet"}
    assert len(rows) == 2
    rows = maja.get(page, {"organisation": tree.ouh.pk}).context["rows"]  # the hospital's subtree
    assert len(rows) == 3 and {r.organisation for r in rows} == {"Onkologisk afdeling"}
    # an organisation outside maja's subtree filters nothing in (and shows nothing of it)
    rows = maja.get(page, {"organisation": tree.rh.pk}).context["rows"]
    assert tree.rh_project.pk not in {r.pk for r in rows}
    assert maja.get(page, {"status": "done"}).context["rows"] == []
    assert len(maja.get(page, {"status": "not-started"}).context["rows"]) == 5
    assert maja.get(page, {"track": "ny-ide"}).context["rows"] == []
    assert len(maja.get(page, {"risk": "none"}).context["rows"]) == 5
    assert maja.get(page, {"risk": "high-risk"}).context["rows"] == []


def test_sorting_by_title_both_ways(tree, personas, maja):
    _add_projects(tree, personas.alice, 3)
    page = reverse("portfolio:page")
    titles = [r.title for r in maja.get(page, {"sort": "title"}).context["rows"]]
    assert titles == sorted(titles, key=str.casefold)
    reverse_titles = [
        r.title for r in maja.get(page, {"sort": "title", "dir": "desc"}).context["rows"]
    ]
    assert reverse_titles == titles[::-1]
    # an unknown sort key falls back to the default, no error
    assert maja.get(page, {"sort": "nonsense"}).status_code == 200


def test_csv_export_parses_and_follows_the_filters(tree, personas, maja):
    _add_projects(tree, personas.alice, 2)
    response = maja.get(
        reverse("portfolio:export", args=["csv"]), {"organisation": tree.praksis.pk}
    )
    assert response["Content-Type"].startswith("text/csv")
    records = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["organisation"] for r in records] == ["Praksisområdet"]
    assert list(records[0]) == list(COLUMNS)
    assert records[0]["overdue"] == "0"
    assert records[0]["npv_p50"] == ""  # no business case: an empty cell, not "–"


def test_xlsx_export_opens_with_openpyxl(tree, maja):
    response = maja.get(reverse("portfolio:export", args=["xlsx"]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["Portfolio"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    assert rows[1][1] == tree.project.title
    assert rows[1][7] == 0  # overdue steps: a number in the sheet


def test_unknown_export_format_is_404(tree, maja):
    assert maja.get(reverse("portfolio:export", args=["pdf"])).status_code == 404


def test_same_number_of_queries_for_2_and_30_projects(
    tree, personas, maja, django_assert_max_num_queries, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _add_projects(tree, personas.alice, 1)  # 2 projects under maja
    with CaptureQueriesContext(connection) as few:
        assert len(maja.get(reverse("portfolio:page")).context["rows"]) == 2
    _add_projects(tree, personas.alice, 28)  # 30
    with django_assert_max_num_queries(15), CaptureQueriesContext(connection) as many:
        assert len(maja.get(reverse("portfolio:page")).context["rows"]) == 30
    assert len(many.captured_queries) == len(few.captured_queries)


def test_cli_lists_a_managers_portfolio_as_json_and_csv(tree, personas):
    runner = CliRunner()
    result = runner.invoke(main, ["portfolio", "list", "--format", "json", "--user", "maja"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [d["pk"] for d in data] == [tree.project.pk]
    result = runner.invoke(main, ["portfolio", "list", "--format", "csv"])
    assert result.exit_code == 0
    titles = {r["title"] for r in csv.DictReader(io.StringIO(result.output))}
    assert titles == {tree.project.title, tree.rh_project.title}
    result = runner.invoke(main, ["portfolio", "list", "--user", "oskar", "--lang", "en"])
    assert result.exit_code == 0
    assert tree.rh_project.title in result.output and tree.project.title not in result.output


def test_cli_refuses_unknown_users_and_users_without_a_management_role(tree):
    runner = CliRunner()
    result = runner.invoke(main, ["portfolio", "list", "--user", "nobody", "--lang", "en"])
    assert result.exit_code == 2
    assert "No user called nobody." in result.output
    result = runner.invoke(main, ["portfolio", "list", "--user", "alice", "--lang", "en"])
    assert result.exit_code == 2
    assert "alice has no management role" in result.output


def test_titles_are_escaped_in_the_rows_built_in_python(tree, personas, maja):
    project = make_project(personas.alice, title='<script>alert("x")</script> & $\\alpha$')
    link(project, tree.praksis)
    html = maja.get(reverse("portfolio:page")).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; $\\alpha$" in html


def test_the_page_in_english(tree, maja):
    maja.cookies.load({"django_language": "en"})
    html = maja.get(reverse("portfolio:page"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Pipeline by phase" in html
    assert "Not started" in html
