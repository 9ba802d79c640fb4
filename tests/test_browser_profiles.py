"""Profile links in headless Chromium: each opened as the first request to a fresh server shows that profile and
names it in the browser tab; an unknown id gets a German message."""

from __future__ import annotations

import pytest

from helpers import open_in_browser, running_app, wait_until_rendered

pytestmark = pytest.mark.browser

PROFILES = (
    ("/buendnisprofil?id=leine-weser", "Regionales Fachkräftebündnis Leine-Weser", "Leine-Weser – Bündnisprofil"),
    ("/organisationsprofil?id=lk-gifhorn", "Landkreis Gifhorn", "Landkreis Gifhorn – Organisationsprofil"),
    ("/projektprofil?id=welcome-center-der-region", "Welcome Center der Region", "Welcome Center der Region – Projektprofil"),
)


@pytest.mark.parametrize(("path", "heading", "tab"), PROFILES)
def test_a_profile_link_as_first_request_to_a_fresh_server_shows_that_profile(browser, path, heading, tab):
    with running_app() as app:  # a server of its own: the profile link is its very first request
        page = open_in_browser(browser, app.url + path)
        try:
            assert page.locator('[data-testid="stMainBlockContainer"] h1').first.inner_text() == heading
            page.wait_for_function("tab => document.title.startsWith(tab)", arg=tab, timeout=10_000)
            assert "Diese Ansicht konnte nicht angezeigt werden" not in page.content()
        finally:
            page.context.close()


def test_an_unknown_profile_id_gets_a_german_message_not_a_traceback(browser, server):
    page = open_in_browser(browser, server + "/projektprofil?id=gibt-es-nicht")
    try:
        text = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
        assert "Zur Kennung „gibt-es-nicht“ gibt es in den geladenen Daten kein Projektprofil." in text
        assert "Traceback" not in page.content()
    finally:
        page.context.close()


POINTER_AT = "([x, y]) => getComputedStyle(document.elementFromPoint(x, y)).cursor === 'pointer'"


def _first_link(page, x: float, top: float) -> tuple[float, float]:
    """Return the first point below `top` where the grid's cursor says a link is under the mouse."""
    for dy in range(8, 200, 4):
        page.mouse.move(x, top + dy)
        page.wait_for_timeout(60)
        if page.evaluate(POINTER_AT, [x, top + dy]):
            return x, top + dy + 2
    raise AssertionError("no link in the first rows of the table")


def test_profil_oeffnen_in_a_table_opens_that_profile(browser, server):
    page = open_in_browser(browser, server + "/organisationsprofil?id=ihk-hannover", width=1280, height=1400)
    try:
        box = page.locator('.st-key-org_mitgliedschaften [data-testid="stDataFrame"]').first.bounding_box()
        # The "Profil öffnen" link of the first membership: rows grow when a cell wraps (a long source title),
        # so go down from the header until the grid shows the link's pointer.
        first_row = _first_link(page, box["x"] + 40, box["y"] + 35)
        with page.context.expect_page(timeout=30_000) as opened:
            page.mouse.click(*first_row)
        profile = opened.value
        assert profile.url == server + "/buendnisprofil?id=leine-weser"  # Fachkräfteallianz Hannover is part of it
        wait_until_rendered(profile)
        assert profile.locator('[data-testid="stMainBlockContainer"] h1').first.inner_text() == (
            "Regionales Fachkräftebündnis Leine-Weser"
        )
    finally:
        page.context.close()
