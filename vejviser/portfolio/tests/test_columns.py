"""The portfolio's columns from the capabilities' registry, and the two columns the AI
system record adds: the contract's end and the next re-validation (page, sorting, CSV,
XLSX, CLI JSON)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import openpyxl  # type: ignore[import-untyped]
import pytest
from click.testing import CliRunner
from django.test import Client
from django.urls import reverse

from vejviser.cli import main
from vejviser.conftest import make_project
from vejviser.lib.capabilities import portfolio_facts
from vejviser.portfolio.core import rows as core
from vejviser.portfolio.models import SystemRecord

from .factory import Tree, link


@pytest.fixture
def tree(personas):
    tree = Tree(personas)
    SystemRecord.objects.create(
        project=tree.project, contract_end=date(2029, 12, 31), next_revalidation=date(2027, 6, 1)
    )
    other = make_project(personas.alice, title="Uden kontrakt")
    link(other, tree.praksis)
    return tree


@pytest.fixture
def maja(personas):
    client = Client()
    client.force_login(personas.maja)
    return client


def test_every_capability_contributes_its_columns_through_the_registry():
    assert set(portfolio_facts()) >= {"assessments", "value", "evidence", "monitoring", "record"}


def test_the_page_shows_the_contract_end_and_the_next_revalidation(tree, maja):
    response = maja.get(reverse("portfolio:page"))
    rows = {r.title: r for r in response.context["rows"]}
    row = rows[tree.project.title]
    assert row.contract_end == date(2029, 12, 31)
    assert row.next_revalidation == date(2027, 6, 1)
    assert rows["Uden kontrakt"].contract_end is None
    html = response.content.decode()
    assert "31.12.2029" in html and "01.06.2027" in html  # the one formatter, Danish
    assert reverse("portfolio:record", args=[tree.project.pk]) in html  # the row's record


def test_sorting_by_next_revalidation_puts_the_soonest_first_and_missing_last(tree, maja):
    response = maja.get(reverse("portfolio:page"), {"sort": "revalidation"})
    titles = [r.title for r in response.context["rows"]]
    assert titles == [tree.project.title, "Uden kontrakt"]
    assert set(core.SORT_KEYS) >= {"contract", "revalidation"}


def test_the_exports_carry_the_dates(tree, maja):
    text = maja.get(reverse("portfolio:export", args=["csv"])).content.decode()
    rows = {r["title"]: r for r in csv.DictReader(io.StringIO(text))}
    assert rows[tree.project.title]["contract_end"] == "2029-12-31"
    assert rows[tree.project.title]["next_revalidation"] == "2027-06-01"
    assert rows["Uden kontrakt"]["contract_end"] == ""
    book = openpyxl.load_workbook(
        io.BytesIO(maja.get(reverse("portfolio:export", args=["xlsx"])).content)
    )
    sheet = book.active
    header = [c.value for c in sheet[1]]
    values = {r[header.index("title")]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert values[tree.project.title][header.index("contract_end")].date() == date(2029, 12, 31)


def test_the_cli_prints_the_dates_as_json(tree):
    result = CliRunner().invoke(main, ["portfolio", "list", "--format", "json", "--user", "maja"])
    assert result.exit_code == 0, result.output
    rows = {r["title"]: r for r in json.loads(result.output)}
    assert rows[tree.project.title]["next_revalidation"] == "2027-06-01"
