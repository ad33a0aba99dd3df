"""Screenshots of the main pages, on a desktop and on a phone, for the README.

    make screenshots           (or: .venv/bin/python tools/screenshots.py [--out DIR])

Serves the hub with the demo data from a temporary database on a free local port, drives Debian's
Chromium with Playwright and writes PNG files into docs/screenshots/ (desktop-*.png at 1280 px,
phone-*.png at 375 px wide, the first screenful of each page).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hub import create_app, demo  # noqa: E402
from hub.extensions import db, limiter  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 860}, "device_scale_factor": 1},
    "phone": {"viewport": {"width": 375, "height": 760}, "device_scale_factor": 2,
              "is_mobile": True, "has_touch": True},
}
W = "/p/nilufer-darmstadt"

# (file name, who is signed in, path or a function that finds the path)
SHOTS = [
    ("home", None, "/"),
    ("partnerships", None, "/partnerships"),
    ("workspace", "staff.tr", W),
    ("library", "staff.tr", f"{W}/library"),
    ("document", "staff.tr", lambda page: _first(page, f"{W}/library", r"/documents/\d+$")),
    ("forum", "staff.tr", f"{W}/forum"),
    ("thread", "staff.tr", lambda page: _first(page, f"{W}/forum", r"/forum/\d+$")),
    ("exchange", None, "/exchange"),
    ("good-practices", None, "/good-practices"),
    ("good-practice", None, lambda page: _first(page, "/good-practices", r"/good-practices/\d+$")),
    ("moderation", "moderator", "/moderation"),
    ("login", None, "/login"),
]


def _first(page: Page, url: str, pattern: str) -> str:
    page.goto(url)
    for href in page.locator("main a[href]").evaluate_all("els => els.map(e => e.href)"):
        if re.search(pattern, href):
            return href
    return url


def _sign_in(page: Page, name: str) -> None:
    page.goto("/login")
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=email]").fill(demo.email_for(name))
    form.locator("input[name=password]").fill(demo.PASSWORD)
    form.locator("button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"^[^?]*/$"))


def _serve(folder: Path):
    app = create_app({
        "ENV_NAME": "testing",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'hub.sqlite3'}",
        "HUB_STORAGE_DIR": str(folder / "files"),
    })
    with app.app_context():
        db.create_all()
        demo.load()
        db.session.commit()
    limiter.enabled = False
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return app, server


def take(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        app, server = _serve(Path(tmp))
        base = f"http://127.0.0.1:{server.port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for device, options in DEVICES.items():
                    for person in dict.fromkeys(who for _, who, _ in SHOTS):
                        context = browser.new_context(base_url=base, locale="en-GB",
                                                      reduced_motion="reduce", **options)
                        page = context.new_page()
                        if person:
                            _sign_in(page, person)
                        for name, who, where in SHOTS:
                            if who != person:
                                continue
                            path = where(page) if callable(where) else where
                            page.goto(path)
                            page.wait_for_load_state("networkidle")
                            target = out / f"{device}-{name}.png"
                            page.screenshot(path=str(target))
                            written.append(target)
                        context.close()
                browser.close()
        finally:
            server.shutdown()
            with app.app_context():
                db.engine.dispose()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    for path in take(args.out):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)  # noqa: T201


if __name__ == "__main__":
    main()
