"""Screenshots of the demo for the README and docs: starts `vejviser serve` on a
throw-away SQLite database, logs in as the demo clinician and photographs the main pages
with Debian's Chromium.

Run: .venv/bin/python scripts/demo_screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("VEJVISER_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {**os.environ, "VEJVISER_VAR_DIR": tempfile.mkdtemp(prefix="vejviser-shots-")}
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(  # noqa: S603
        [str(ROOT / ".venv" / "bin" / "vejviser"), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_context(
                viewport={"width": 1280, "height": 900}, locale="da-DK"
            ).new_page()
            page.goto(f"{base}/account/login/")
            page.get_by_label("Brugernavn").fill("anna")
            page.get_by_label("Adgangskode").fill("vejviser-demo")
            page.locator("[data-login] button").click()
            page.wait_for_selector("[data-project]")
            page.screenshot(path=out / "dashboard.png")
            page.get_by_role("link", name="Ambient scribe i almen praksis").click()
            page.wait_for_selector("[data-journey]")
            page.screenshot(path=out / "project.png")
            page.locator(
                "tr[data-step='gennemfoer-juridisk-vurdering-herunder-ift-eus-ai-forordning'] a"
            ).click()
            page.wait_for_selector("[data-guidance]")
            page.screenshot(path=out / "step.png", full_page=True)
            page.goto(f"{base}/journey/ny-ide/")
            page.screenshot(path=out / "journey.png")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    sys.exit(main())
