"""Retake the README screenshots from a running server with the real members and demo quotes.

DJANGO_DEBUG=1 DATABASE_URL=sqlite:////tmp/shots.sqlite3 python manage.py migrate --noinput
... python manage.py import_members politicians/data/uk-commons-2019-mps.csv
... python manage.py load_demo
... python manage.py runserver 127.0.0.1:8055
python docs/screenshots/take_screenshots.py http://127.0.0.1:8055
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
# (file, path, height of the clip from the top of the page)
SHOTS = [
    ("dashboard.png", "/", 1180),
    (
        "politicians-filtered.png",
        "/politicians/?party=conservative&position=wants_extended&position=opposes",
        900,
    ),
]


def main(base_url: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for name, path, height in SHOTS:
            page.goto(base_url.rstrip("/") + path)
            page.screenshot(
                path=str(HERE / name),
                full_page=True,
                clip={"x": 0, "y": 0, "width": 1280, "height": height},
            )
            print(HERE / name)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8055")
