"""A procurement consultant runs needs → requirements → evaluation on the demo project
in a real browser (Chromium, live server), at 1366 px and on a 390 px phone."""

from __future__ import annotations

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from vejviser.conftest import PASSWORD, log_in, screenshot_dir
from vejviser.market.demo import PROJECT
from vejviser.market.models import NeedRating, Specification
from vejviser.projects.demo import load_demo
from vejviser.projects.models import Project

pytestmark = pytest.mark.browser

#: The elements wider than the page, to say what overflows when something does.
WIDE = """() => { const w = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > w + 1).slice(0, 8)
    .map(el => el.tagName + '.' + el.className); }"""


def no_horizontal_overflow(page: Page) -> bool:
    return bool(
        page.evaluate(
            "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"
        )
    )


def shoot(page: Page, name: str) -> None:
    shots = screenshot_dir() / "market"  # VEJVISER_SCREENSHOTS=/tmp/shots to look at them
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=shots / f"{name}-1366.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=shots / f"{name}-390.png", full_page=True)
    assert no_horizontal_overflow(page), (name, page.evaluate(WIDE))
    page.set_viewport_size({"width": 1366, "height": 900})


def test_procurement_consultant_runs_needs_requirements_and_evaluation(
    page: Page, live_server, transactional_db
):
    from vejviser.journey.loader import load_content

    load_content(settings.CONTENT_DIR, loaded_by="tests")
    load_demo(password=PASSWORD)
    project = Project.objects.get(title=PROJECT)
    steps = {s.action.slug: s for s in project.steps.select_related("action")}
    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, base, "peter")

    # 1. Needs: the combined ranking of three raters; peter adds and scores a need.
    page.goto(f"{base}/projects/{project.pk}/steps/{steps['afklar-behov-og-viden'].pk}/")
    page.locator("[data-tools] [data-tool='market:needs'] a").click()
    expect(page.locator("[data-ranking] tbody tr").first).to_contain_text("Ambient scribe")
    expect(page.locator("[data-ranking] [data-shortlisted]").first).to_be_visible()
    page.locator("[data-add-need] input[name=title]").fill("Triage af akutte henvendelser")
    page.locator("[data-add-need] button").click()
    expect(page.locator(".messages")).to_contain_text("Behovet er tilføjet")
    page.locator("[data-need-item]", has_text="Triage af akutte").locator("[data-rate]").click()
    page.get_by_label("Klinisk værdi").select_option("5")
    page.get_by_label("Hast").select_option("5")
    page.locator("[data-rate-form] button").click()
    expect(page.locator("[data-ranking]")).to_contain_text("Triage af akutte henvendelser")
    assert NeedRating.objects.filter(rater__username="peter").count() == 5
    shoot(page, "needs")

    # 2. Requirements: the specification pre-filled from the assessments; a new version.
    page.goto(f"{base}/projects/{project.pk}/steps/{steps['opstil-kravspecifikation'].pk}/")
    page.locator("[data-tools] [data-tool='market:requirements'] a").click()
    expect(page.locator("[data-facts]")).to_contain_text("Business casens KPI'er")
    page.locator("[data-spec] a").first.click()
    expect(page.locator("[data-requirement=data-processor-agreement]")).to_contain_text(
        "Databehandleraftale"
    )
    expect(page.locator("[data-awards]")).to_contain_text("Pris")
    shoot(page, "specification")
    page.locator("[data-edit-spec]").click()
    page.locator("[data-row=exit-transition] input[type=checkbox]").uncheck()
    page.get_by_label("Hvad er ændret og hvorfor").fill("Overgangshjælp dækkes af rammeaftalen.")
    page.locator("[data-spec-form] button[type=submit]").click()
    expect(page.locator("[data-note]")).to_contain_text("Overgangshjælp dækkes")
    latest = Specification.objects.get(project=project).latest()
    assert latest is not None and latest.number == 2

    # 3. Evaluation: the fixed model, the three evaluators, the ranking and sensitivity.
    page.goto(f"{base}/projects/{project.pk}/steps/{steps['foretag-udbud'].pk}/")
    page.locator("[data-tools] [data-tool='market:tender-evaluation'] a").click()
    page.locator("[data-tenders] a").first.click()
    expect(page.locator("[data-lock-state]")).to_contain_text("Model fastlagt")
    expect(page.locator("[data-evaluators] li")).to_have_count(3)
    shoot(page, "tender")
    page.locator("[data-result]").click()
    expect(page.locator("[data-ranking] tbody tr")).to_have_count(3)
    expect(page.locator("[data-ranking] tbody tr").first).to_contain_text("EKSEMPEL")
    expect(page.locator("[data-sensitivity] li").first).to_be_visible()
    shoot(page, "result")


def test_a_vendor_sees_no_market_tool_and_a_member_starts_a_project_from_a_need(
    page: Page, live_server, transactional_db
):
    from vejviser.journey.loader import load_content

    load_content(settings.CONTENT_DIR, loaded_by="tests")
    load_demo(password=PASSWORD)
    project = Project.objects.get(title=PROJECT)
    step = project.steps.get(action__slug="afklar-behov-og-viden")
    step.shared_with_vendor = True
    step.save(update_fields=["shared_with_vendor"])
    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 900})

    # the vendor: the step, without the needs tool (no link to a 404, no "planned")
    log_in(page, base, "leverandoer")
    page.goto(f"{base}/projects/{project.pk}/steps/{step.pk}/")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("[data-tool='market:needs']")).to_have_count(0)
    shoot(page, "vendor-step")

    # a member: the tool, and "Start a project" pre-fills the new-project page
    page.context.clear_cookies()
    log_in(page, base, "peter")
    page.goto(f"{base}/projects/{project.pk}/steps/{step.pk}/")
    page.locator("[data-tools] [data-tool='market:needs'] a").click()
    page.locator("[data-start-project]").first.click()
    expect(page.locator("input[name='title']")).to_have_value(
        "Ambient scribe: journalnotat fra konsultationen"
    )
    expect(page.locator("textarea[name='description']")).to_have_value(
        "Mindre tid på dokumentation i almen praksis."
    )
    shoot(page, "start-project")
