"""The live page in a real browser: pick a fixture, enter two goals, watch it change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.test_browser import DESKTOP, PHONE, Page


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def page(request: pytest.FixtureRequest, browser: Any, live_server: str,
         shots_dir: Path) -> Iterator[Page]:
    """A fresh browser page at desktop or phone width."""
    context = browser.new_context(viewport=request.param)
    wrapped = Page(context.new_page(), live_server, shots_dir)
    wrapped.suffix = request.node.callspec.id  # type: ignore[attr-defined]
    yield wrapped
    context.close()


def pct(p: float) -> str:
    """A probability as the page shows it, in whole percent."""
    return f"{round(p * 100)}%"


def _probs(p: Any) -> tuple[str, str, str]:
    return (p.inner_text("#p-home"), p.inner_text("#p-draw"), p.inner_text("#p-away"))


def test_two_goals_change_chart_and_numbers(page: Page) -> None:
    """Germany v Japan (2022-11-23): the fixture form opens the page at kick-off; a goal
    for Germany at 33' and one for Japan at 75' each change the score, the numbers (to the
    replay's after each goal) and the chart; the share link reopens the state."""
    p = page.page
    page.open("/live")
    p.fill("input[name=home]", "Germany")
    p.fill("input[name=away]", "Japan")
    p.fill("input[name=date]", "2022-11-23")
    p.click("form.live-fixture button[type=submit]")
    p.wait_for_selector("#winprob-chart.drawn canvas", timeout=10_000)
    assert p.inner_text("#live-score") == "0–0"
    start = _probs(p)
    replay = p.request.get(page.base + "/api/v1/matches/2022-11-23/Germany/Japan").json()
    assert start[0] == pct(replay["timeline"][0]["p_home"])  # its own forecast

    p.fill("#minute-field", "33")
    p.fill("#scorer-field", "Gündoğan")
    p.check("#pen-field")
    p.click("#goal-home")
    expect(p.locator("#live-score")).to_have_text("1–0")
    after_one = _probs(p)
    assert after_one != start and after_one[0] == pct(replay["goals"][0]["p_home"])
    assert p.get_attribute("#winprob-chart", "data-goals") == "1"

    p.fill("#minute-field", "75")
    p.click("#goal-away")
    expect(p.locator("#live-score")).to_have_text("1–1")
    after_two = _probs(p)
    assert after_two != after_one and after_two[:2] == (
        pct(replay["goals"][1]["p_home"]), pct(replay["goals"][1]["p_draw"]))
    assert p.get_attribute("#winprob-chart", "data-goals") == "2"
    assert len(p.locator("#goal-rows tr").all()) == 2
    assert "Gündoğan (Germany, pen)" in p.inner_text("#goal-rows")
    assert page.no_horizontal_scroll()
    page.shot(f"live-germany-japan-{page.suffix}")  # type: ignore[attr-defined]

    share = p.input_value("#share-url")
    assert "goals=" in share and "/live?" in share
    reader = p.context.new_page()
    reader.goto(share, wait_until="load")
    reader.wait_for_selector("#winprob-chart.drawn canvas", timeout=10_000)
    assert reader.inner_text("#live-score") == "1–1"
    assert _probs(reader) == after_two
    reader.close()
    assert page.errors == []


def test_without_javascript_the_form_still_works(browser: Any, live_server: str,
                                                 shots_dir: Path) -> None:
    """With JavaScript off, the goal buttons are plain GET forms: a goal reloads the page
    with the new score, and the URL is the share link."""
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    p = context.new_page()
    p.goto(live_server + "/live?home=Germany&away=Japan&date=2022-11-23&venue=neutral",
           wait_until="load")
    p.fill("#minute-field", "33")
    p.click("#goal-home")
    p.wait_for_load_state("load")
    assert p.inner_text("#live-score") == "1–0"
    assert "goals=33%3AHOME" in p.url
    p.fill("#minute-field", "83")
    p.click("#goal-away")
    p.wait_for_load_state("load")
    assert p.inner_text("#live-score") == "1–1"
    p.screenshot(path=str(shots_dir / "live-nojs.png"), full_page=True)
    context.close()
