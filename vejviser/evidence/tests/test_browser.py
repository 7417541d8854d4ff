"""A clinician validates a readmission risk score in a real browser (Chromium, live server)."""

from __future__ import annotations

import pytest
from playwright.sync_api import FilePayload, Page, expect

from vejviser.conftest import log_in, screenshot_dir
from vejviser.evidence.models import ValidationRun

from .web import DEMO, READMISSION, retro_step

pytestmark = pytest.mark.browser


def test_clinician_uploads_a_file_from_the_step_and_reads_the_report(
    page: Page, live_server, live_personas
):
    base = live_server.url
    shots = screenshot_dir()
    project = live_personas.project
    step = retro_step(project)
    log_in(page, base, "alice")
    page.goto(f"{base}/projects/{project.pk}/steps/{step.pk}/")
    page.locator("[data-tools] [data-tool='validation:retrospective'] a").click()
    expect(page.locator("[data-no-runs]")).to_be_visible()
    page.locator("[data-new-run] a[data-kind=binary]").click()

    form = page.locator("[data-run-form=binary]")
    form.get_by_label("Fil (CSV, Excel eller Parquet)").set_input_files(str(READMISSION))
    form.get_by_label("Kolonne med scoren").fill("risk_score")
    form.get_by_label("Kolonne med udfaldet").fill("genindlagt_30d")
    form.get_by_label("Positiv værdi").fill("genindlagt")  # a slip: the value is "ja"
    form.get_by_label("Kolonner med undergrupper").fill("site")
    form.get_by_label("Leverandørens angivelse").fill("sensitivity=0,80")
    form.get_by_label("Produktversion").fill("1.0")
    form.locator("[data-run-save]").click()

    # The slip is named next to the field, in Danish; nothing is saved.
    expect(page.locator("[data-form-errors]")).to_be_visible()
    expect(page.locator("[data-field=positive]")).to_contain_text(
        "Værdien 'genindlagt' findes ikke i kolonnen 'genindlagt_30d'"
    )
    assert ValidationRun.objects.count() == 0
    form = page.locator("[data-run-form=binary]")
    form.get_by_label("Positiv værdi").fill("ja")
    form.get_by_label("Fil (CSV, Excel eller Parquet)").set_input_files(str(READMISSION))
    page.screenshot(path=shots / "evidence-form.png", full_page=True)
    form.locator("[data-run-save]").click()

    # The report: the sentence first, then the figures, the claim and the plots.
    expect(page.locator(".messages")).to_contain_text("Den uploadede fil er slettet")
    expect(page.locator("[data-summary] [data-key-value]")).to_have_text("0,70 (0,67–0,73)")
    expect(page.locator("[data-summary]")).to_contain_text("Produktet overvurderer risikoen")
    expect(page.locator("[data-metric=sensitivity]")).to_contain_text("200/340")
    expect(page.locator("[data-claim=sensitivity]")).to_contain_text("Leverandøren angiver 0,800")
    expect(page.locator("tr[data-subgroup='Regionshospitalet Randers']")).to_have_attribute(
        "data-worse", ""
    )
    for kind in ("roc", "calibration", "subgroups"):
        svg = page.locator(f"[data-plot={kind}] svg")
        svg.scroll_into_view_if_needed()
        box = svg.bounding_box()
        assert box is not None and box["width"] > 200, kind
    page.screenshot(path=shots / "evidence-report.png", full_page=True)

    # Listed on the tool page, and the step shows the headline.
    page.get_by_role("link", name="Valideringer").first.click()
    expect(page.locator("[data-step-table] [data-key-value]")).to_have_text("0,70 (0,67–0,73)")
    page.goto(f"{base}/projects/{project.pk}/steps/{step.pk}/")
    expect(page.locator("[data-validation-summary=binary]")).to_contain_text(
        "AUC 0,70 (0,67–0,73), n = 1.991"
    )
    run = ValidationRun.objects.get()
    assert run.created_by is not None and run.created_by.username == "alice"


def _suggestions(page: Page, field: str) -> list[str]:
    """The values of the <datalist> the browser offers on a field."""
    values = page.locator(f"[data-run-form] [name={field}]").evaluate(
        "input => input.list ? [...input.list.options].map(o => o.value) : []"
    )
    return [str(v) for v in values]


def test_the_column_names_are_offered_from_the_chosen_file(page: Page, live_server, live_personas):
    """Read in the browser from the CSV's first lines; nothing is uploaded before saving."""
    base = live_server.url
    project = live_personas.project
    step = retro_step(project)
    log_in(page, base, "alice")
    page.goto(f"{base}/projects/{project.pk}/steps/{step.pk}/validation/new/binary/")
    form = page.locator("[data-run-form=binary]")
    expect(form.locator("[data-file-columns]")).to_be_hidden()
    uploads: list[str] = []
    page.on("request", lambda r: uploads.append(r.url) if r.method == "POST" else None)

    form.get_by_label("Fil (CSV, Excel eller Parquet)").set_input_files(str(READMISSION))
    expect(form.locator("[data-file-columns]")).to_contain_text("risk_score")
    header = READMISSION.read_text(encoding="utf-8").splitlines()[0].split(",")
    for field in ("score", "label"):
        assert _suggestions(page, field) == header, field
    assert _suggestions(page, "positive") == []  # no outcome column chosen yet

    form.get_by_label("Kolonne med scoren").fill("risk_score")
    form.get_by_label("Kolonne med udfaldet").fill("genindlagt_30d")
    assert sorted(_suggestions(page, "positive")) == ["ja", "nej"]
    subgroups = form.get_by_label("Kolonner med undergrupper")
    subgroups.fill("site, ")
    offered = _suggestions(page, "subgroups")
    assert "site, sex" in offered and "site, site" not in offered
    subgroups.fill("site")
    form.get_by_label("Positiv værdi").click()
    page.screenshot(path=screenshot_dir() / "evidence-columns.png", full_page=True)
    assert uploads == []  # nothing sent while choosing

    # An Excel file: no suggestions, the user types (as without JavaScript).
    form.get_by_label("Fil (CSV, Excel eller Parquet)").set_input_files(
        FilePayload(name="data.xlsx", mimeType="application/octet-stream", buffer=b"PK")
    )
    expect(form.locator("[data-file-columns-none]")).to_be_visible()
    expect(form.locator("[data-file-columns]")).to_be_hidden()
    assert _suggestions(page, "score") == []

    # The server flow is unchanged: the chosen names analyse the file.
    form.get_by_label("Fil (CSV, Excel eller Parquet)").set_input_files(str(READMISSION))
    form.get_by_label("Positiv værdi").fill("ja")
    form.locator("[data-run-save]").click()
    expect(page.locator("[data-summary] [data-key-value]")).to_have_text("0,70 (0,67–0,73)")
    assert ValidationRun.objects.get().settings["positive"] == "ja"


def test_a_time_study_is_offered_its_column_names_too(page: Page, live_server, live_personas):
    base = live_server.url
    project = live_personas.project
    step = retro_step(project)
    log_in(page, base, "alice")
    page.goto(f"{base}/projects/{project.pk}/steps/{step.pk}/validation/new/timing/")
    form = page.locator("[data-run-form=timing]")
    form.get_by_label("Fil med tiderne (CSV, Excel eller Parquet)").set_input_files(
        str(DEMO / "ambient_scribe" / "documentation_time.csv")
    )
    expect(form.locator("[data-file-columns]")).to_contain_text("minutter_foer")
    for field in ("before", "with_product"):
        assert _suggestions(page, field) == ["laege", "minutter_foer", "minutter_med"]


@pytest.mark.parametrize("width", [1366, 390])
def test_the_demo_contouring_report_fits_the_screen(page: Page, live_server, live_personas, width):
    """Wide tables scroll inside their own box: the page itself never runs off the screen
    (the per-structure table ran off at 1366 px, and a phone page was 542 px wide)."""
    from django.urls import reverse

    from vejviser.evidence.demo import CONTOURING, load_demo_runs
    from vejviser.projects.demo import load_demo
    from vejviser.projects.models import Project

    load_demo(password="demo-password-123")
    load_demo_runs()
    project = Project.objects.get(title=CONTOURING)
    run = project.validation_runs.get()
    owner = project.memberships.get(is_owner=True).user
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("Brugernavn").fill(owner.username)
    page.get_by_label("Adgangskode").fill("demo-password-123")
    page.locator("[data-login] button").click()
    address = reverse(
        "evidence:run", kwargs={"pk": project.pk, "step_pk": run.step_id, "run_pk": run.pk}
    )
    page.goto(f"{live_server.url}{address}")
    expect(page.locator("[data-structures] table")).to_be_visible()
    shots = screenshot_dir()
    page.screenshot(path=shots / f"evidence-contouring-report-{width}.png", full_page=True)
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= width, f"the page is {page_width} px wide at {width} px"
    box = page.locator("[data-structures] .table-scroll")
    assert box.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    if width >= 1366:  # on a laptop the whole table shows without scrolling
        assert box.evaluate("e => e.scrollWidth <= e.clientWidth")
