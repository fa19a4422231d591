"""Real-browser journeys: Debian's Chromium driven by Playwright against Django's live server."""

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO

# "playwright" (from scripts/chromium): Playwright's own download rather than a system browser.
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = REPO / "test-results" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if CHROMIUM == "playwright":
        browser = {}
    elif Path(CHROMIUM).exists():
        browser = {"executable_path": CHROMIUM}
    else:
        pytest.fail(
            f"Chromium is required for browser tests and was not found at {CHROMIUM} "
            "(make test finds or installs one: see scripts/chromium)"
        )
    return {
        **browser_type_launch_args,
        **browser,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def shoot(page, request):
    """Save a numbered screenshot of the current page under test-results/screenshots/<test>/."""
    folder = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    taken = []

    def take(step):
        path = folder / f"{len(taken) + 1:02d}-{re.sub(r'[^\w-]+', '-', step).strip('-')}.png"
        page.screenshot(path=path, full_page=True)
        taken.append(path)
        return path

    return take


@pytest.fixture
def demo_archive(transactional_db, seeds_or_none):
    """The demo archive, loaded into the live server's database."""
    from django.core.management import call_command

    args = ["--seeds", str(seeds_or_none)] if seeds_or_none else []
    call_command("load_demo", *args, verbosity=0)


@pytest.fixture
def seeds_or_none():
    from tests.conftest import SEEDS

    return SEEDS if (SEEDS / "README.md").exists() else None


@pytest.fixture
def axe_check(page):
    """Run axe-core on the current page; return its serious and critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    checked = []

    def check():
        violations = axe.run(page).response["violations"]
        bad = [
            (v["id"], v["impact"], len(v["nodes"]))
            for v in violations
            if v["impact"] in {"serious", "critical"}
        ]
        checked.append((page.url, len(violations), bad))
        return bad

    check.checked = checked
    return check


@pytest.fixture
def sign_in(page, live_server):
    """Sign in through the real admin login form as a demo user of the given role."""
    from django.contrib.auth.models import Group, User

    from core.roles import DATA_ENTRY, EDITORS

    def sign_in_as(role):
        username = {"editor": "editor", "data_entry": "dataentry"}[role]
        user = User.objects.create_user(username, password="browser-pass", is_staff=True)
        user.groups.add(Group.objects.get(name=EDITORS if role == "editor" else DATA_ENTRY))
        page.goto(f"{live_server.url}/admin/login/?next=/archive/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill("browser-pass")
        page.get_by_role("button", name="Log in").click()
        return user

    return sign_in_as
