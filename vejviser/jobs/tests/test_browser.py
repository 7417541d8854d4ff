"""In a real browser: a clinician starts a simulation with a million iterations, which
goes to the worker; the job page follows its progress (htmx polling, no script of our
own) until it is done, and links back to the business case. Screenshots 1366 / 390 px."""

from __future__ import annotations

import threading
import time

import pytest
from playwright.sync_api import Page, expect

from vejviser.conftest import log_in, screenshot_dir
from vejviser.value.models import BusinessCase

pytestmark = pytest.mark.browser


@pytest.fixture
def worker(live_server):
    """A worker in a thread of the test process (it shares the live server's database),
    started when the test calls ``set()``."""
    from django.db import OperationalError, connection

    from vejviser.jobs.worker import run_worker

    stop, go, running, busy = (
        threading.Event(),
        threading.Event(),
        threading.Event(),
        threading.Lock(),
    )

    def work() -> None:
        go.wait(120)
        while not stop.is_set():
            if not running.wait(0.3):
                continue
            with busy:
                try:
                    run_worker(batch=True)
                except OperationalError:  # the in-memory database's table lock: try again
                    connection.close()
            time.sleep(0.3)
        connection.close()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    yield _Worker(go, running, busy)
    stop.set()
    go.set()
    thread.join(timeout=60)


class _Worker:
    """``set()`` starts the worker; ``pause()`` waits until it is idle and holds it there,
    ``resume()`` lets it go on. The test's in-memory SQLite refuses a read while another
    thread writes ("database table is locked"), so the pages read after a job are read
    with the worker paused; on a server the worker is its own process, and PostgreSQL,
    or SQLite's file locks, wait instead."""

    def __init__(self, go: threading.Event, running: threading.Event, busy: threading.Lock):
        self.go, self.running, self.busy = go, running, busy

    def set(self) -> None:
        self.running.set()
        self.go.set()

    def pause(self) -> None:
        self.running.clear()
        with self.busy:  # the batch under way ends first
            pass

    def resume(self) -> None:
        self.running.set()


def test_a_large_simulation_shows_its_progress_until_done(
    page: Page, live_server, live_personas, worker, settings
):
    from vejviser.value.tests.web import business_step

    settings.VEJVISER_JOB_ITERATIONS = 100_000
    base = live_server.url
    shots = screenshot_dir()
    project = live_personas.project
    step = business_step(project)
    log_in(page, base, "alice")
    page.goto(f"{base}/projects/{project.pk}/steps/{step.pk}/business-case/new/ambient-scribe/")
    page.locator("[data-case-form] [data-save]").click()
    expect(page.locator("[data-case-title]")).to_be_visible()
    assert BusinessCase.objects.count() == 1

    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    form = page.locator("[data-precision]")
    form.locator("input[name=iterations]").fill("1500000")
    form.locator("[data-precision-start]").click()

    status = page.locator("#job-status")
    expect(page.locator("h1")).to_contain_text("Simulering af business case")
    # no worker yet: the job waits in the queue, and the page asks for news every second
    expect(status).to_have_attribute("data-job-state", "queued")
    expect(status).to_have_attribute("hx-trigger", "every 1s")
    page.set_viewport_size({"width": 1366, "height": 800})
    page.screenshot(path=shots / "job-queued-1366.png", full_page=True)
    worker.set()  # the worker starts; the page follows the job to its end by itself
    expect(status).to_have_attribute("data-job-state", "done", timeout=120_000)
    result = page.locator("[data-job-result]")
    expect(result).to_contain_text("1.500.000")
    expect(result).to_contain_text("10.000")  # the version's own iterations, side by side
    page.screenshot(path=shots / "job-done-1366.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=shots / "job-done-390.png", full_page=True)
    assert not [e for e in errors if "Content Security Policy" in e]

    worker.pause()
    page.locator("[data-job-result-link]").click()
    expect(page.locator("[data-case-title]")).to_be_visible()
    page.goto(f"{base}/jobs/")
    expect(page.locator("[data-jobs]")).to_contain_text("Afsluttet")
    page.screenshot(path=shots / "jobs-list-390.png", full_page=True)

    # A job that takes a few seconds: the bar and the message move while it runs.
    from vejviser.jobs.models import Kind
    from vejviser.jobs.runner import start

    # queued while the worker is paused: the test's own write cannot meet its poll
    slow = start(
        kind=Kind.CHECK,
        handler="vejviser.jobs.diagnostics.wait",
        user=live_personas.alice,
        params={"seconds": 6, "steps": 12},
    )
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(f"{base}/jobs/{slow.pk}/")
    worker.resume()  # the page, open on the queued job, follows it by itself
    expect(status).to_have_attribute("data-job-state", "running", timeout=60_000)
    expect(page.locator("[data-job-message]")).to_contain_text("Trin")
    page.screenshot(path=shots / "job-running-1366.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=shots / "job-running-390.png", full_page=True)
    expect(status).to_have_attribute("data-job-state", "done", timeout=60_000)
