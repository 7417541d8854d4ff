"""A clinician answers the MDR and AI Act questionnaires from a step, in a real browser."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from vejviser.conftest import log_in, screenshot_dir

pytestmark = pytest.mark.browser

LEGAL = "gennemfoer-juridisk-vurdering-herunder-ift-eus-ai-forordning"


def answer(page: Page, key: str, label: str) -> None:
    page.locator(f"[data-question='{key}']").get_by_label(label, exact=True).check()


def question(page: Page, key: str):
    return page.locator(f"[data-question='{key}']")


def test_clinician_walks_mdr_and_ai_act_from_the_step(page: Page, live_server, live_personas):
    base = live_server.url
    project = live_personas.project
    step = project.steps.get(action__slug=LEGAL)
    log_in(page, base, "alice")
    page.goto(f"{base}/projects/{project.pk}/steps/{step.pk}/")

    # MDR: nothing saved yet, so the tool opens the questionnaire; follow-ups appear (htmx).
    page.locator("[data-tool='assessment:mdr'] a").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("MDR")
    expect(question(page, "acts_beyond_storage")).to_have_count(0)
    answer(page, "medical_purpose", "Ja")
    expect(question(page, "acts_beyond_storage")).to_be_visible()
    expect(page.locator("[data-refresh]")).to_be_hidden()  # htmx does it; no button needed
    answer(page, "acts_beyond_storage", "Ja")
    expect(question(page, "informs_decisions")).to_be_visible()
    answer(page, "informs_decisions", "Ja")
    answer(page, "worst_case", "alvorlig forværring af helbredet eller et kirurgisk indgreb")
    answer(page, "monitors_physiological", "Nej")
    page.screenshot(path=screenshot_dir() / "assessment-questions.png", full_page=True)
    page.locator("[data-save]").click()

    expect(page.locator(".messages")).to_contain_text("gemt som version 1")
    expect(page.locator("[data-headline]")).to_contain_text("Klasse: klasse IIb")
    expect(page.locator("[data-rule='B3']")).to_contain_text("MDR Annex VIII Rule 11")
    expect(page.locator("[data-output='notified_body_required']")).to_contain_text("ja")
    expect(page.locator("[data-ruleset]")).to_contain_text("gennemgået")

    # AI Act: the MDR class makes it high-risk through Annex I; both dates are shown.
    page.locator("[data-back-to-step]").click()
    page.locator("[data-tool='assessment:ai-act'] a").click()
    answer(page, "mdr_class", "klasse IIb")
    answer(page, "role", "idriftsætter")
    expect(question(page, "public_body")).to_be_visible()
    answer(page, "public_body", "Ja")
    expect(question(page, "public_authority")).to_be_visible()
    page.locator("[data-save]").click()

    expect(page.locator("[data-headline]")).to_contain_text("højrisiko")
    expect(page.locator("[data-rule='A2']")).to_contain_text("AI Act Art. 6(1)")
    expect(page.locator("[data-rule='A8']")).to_contain_text("AI Act Art. 26")
    expect(page.locator("[data-references]")).to_contain_text("AI Act Annex I")
    dates = page.locator("[data-dates]")
    expect(dates).to_contain_text("2. august 2027")
    expect(dates).to_contain_text("2. august 2028")
    expect(dates.locator("[data-date-regime=unconfirmed]").first).to_contain_text("IKKE BEKRÆFTET")
    expect(page.locator("[data-warnings]")).to_contain_text("UNVERIFIED")
    page.screenshot(path=screenshot_dir() / "assessment-result.png", full_page=True)

    # Re-run with a changed answer: version 2 says what changed and why.
    page.locator("[data-rerun]").click()
    expect(page.locator("#mdr_class-IIb")).to_be_checked()
    answer(page, "mdr_class", "ikke medicinsk udstyr")
    page.locator("[data-save]").click()
    expect(page.locator("[data-changes]")).to_contain_text("højrisiko → minimal risiko")
    expect(page.locator("[data-history-version]")).to_have_count(2)
    page.screenshot(path=screenshot_dir() / "assessment-history.png", full_page=True)

    # The step shows the latest result by its tool; the rules page lists every rule.
    page.locator("[data-back-to-step]").click()
    expect(page.locator("[data-assessment-summary=ai-act]")).to_contain_text("minimal risiko")
    page.screenshot(path=screenshot_dir() / "assessment-step.png", full_page=True)
    page.goto(f"{base}/assessments/ai-act/rules/")
    expect(page.locator("[data-rule='A9']")).to_contain_text("AI Act Art. 27")
    page.screenshot(path=screenshot_dir() / "assessment-rules.png", full_page=False)


def test_questionnaire_works_without_javascript(live_server, live_personas, browser):
    context = browser.new_context(java_script_enabled=False, locale="da-DK")
    page = context.new_page()
    base = live_server.url
    project = live_personas.project
    step = project.steps.get(action__slug=LEGAL)
    log_in(page, base, "bob")
    page.goto(f"{base}/projects/{project.pk}/steps/{step.pk}/assessments/mdr/questions/")
    answer(page, "medical_purpose", "Ja")
    page.locator("[data-refresh]").click()
    expect(question(page, "acts_beyond_storage")).to_be_visible()
    page.locator("[data-save]").click()  # the new question is not answered yet
    expect(page.locator("[data-form-error]")).to_contain_text("Intet er gemt")
    expect(question(page, "acts_beyond_storage").locator("[data-error]")).to_have_text(
        "Besvar venligst spørgsmålet."
    )
    page.screenshot(path=screenshot_dir() / "assessment-error.png", full_page=False)
    answer(page, "acts_beyond_storage", "Nej")
    page.locator("[data-save]").click()
    expect(page.locator("[data-headline]")).to_contain_text("Medicinsk udstyr: nej")
    page.locator("[data-lang=en]").click()
    expect(page.locator("[data-headline]")).to_contain_text("Medical device: no")
    page.screenshot(path=screenshot_dir() / "assessment-result-en.png", full_page=True)
    expect(page.locator("[data-rule='B0']")).to_contain_text("MDCG 2019-11")
    context.close()


def test_procurement_value_and_date_typed_in_an_english_browser(
    live_server, live_personas, browser
):
    """An English-locale browser on the Danish page: the date is shown and typed as
    dd.mm.yyyy (no US-format picker), and 'inf' as the contract value is refused next to
    the question with nothing saved."""
    from vejviser.assessments.models import AssessmentRun

    context = browser.new_context(
        locale="en-US",  # the browser's own widgets would speak US English
        viewport={"width": 1366, "height": 900},
    )
    base = live_server.url
    context.add_cookies([{"name": "django_language", "value": "da", "url": base}])  # Danish page
    page = context.new_page()
    project = live_personas.project
    step = project.steps.get(action__slug="foretag-udbud")
    log_in(page, base, "alice")
    page.goto(f"{base}/projects/{project.pk}/steps/{step.pk}/assessments/procurement/questions/")
    date_field = page.locator("#on_date")
    expect(date_field).to_have_attribute("type", "text")
    expect(date_field).to_have_value(dt.date.today().strftime("%d.%m.%Y"))
    question(page, "authority").locator("input[value='sub_central']").check()
    question(page, "contract_type").locator("input[value='supplies_services']").check()
    expect(question(page, "estimated_value_dkk")).to_be_visible()
    page.wait_for_load_state("networkidle")  # the questions re-render after each answer
    page.locator("#estimated_value_dkk").fill("inf")
    date_field.fill("22.11.2026")
    page.locator("[data-save]").click()
    expect(page.locator("[data-form-error]")).to_be_visible()
    expect(question(page, "estimated_value_dkk").locator("[data-error]")).to_contain_text(
        "ikke et endeligt tal"
    )
    expect(page.locator("#on_date")).to_have_value("22.11.2026")
    assert not AssessmentRun.objects.exists()
    shots = screenshot_dir()
    page.screenshot(path=shots / "assessment-bad-value-1366.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=shots / "assessment-bad-value-390.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    context.close()
