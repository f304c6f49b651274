"""The pages in a real browser (Debian's Chromium under Playwright): what a reader sees.

Each test loads a page from the live server, checks its visible content, that the charts
were drawn (by the vendored uPlot, under a self-only CSP) and that the page logged no
error, then saves a screenshot (phone and desktop widths) for people to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ARTICLE = (Path(__file__).resolve().parents[2].parent / "shared" / "articles"
           / "2022-11-23-germany-japan.txt")
DEV = ARTICLE.parent / "dev"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1200, "height": 900}


class Page:
    """A Playwright page that records console errors and failed requests."""

    def __init__(self, page: Any, base: str, shots: Path) -> None:
        self.page, self.base, self.shots = page, base, shots
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, path: str) -> Any:
        response = self.page.goto(self.base + path, wait_until="load")
        return response

    def shot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def no_horizontal_scroll(self) -> bool:
        return bool(self.page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth + 1"))


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def page(request: pytest.FixtureRequest, browser: Any, live_server: str,
         shots_dir: Path) -> Iterator[Page]:
    """A fresh browser page at desktop or phone width."""
    context = browser.new_context(viewport=request.param)
    wrapped = Page(context.new_page(), live_server, shots_dir)
    wrapped.suffix = request.node.callspec.id  # type: ignore[attr-defined]
    yield wrapped
    context.close()


def test_match_page_germany_japan(page: Page) -> None:
    """The worked example: the story, the three goals, the win-probability chart and Japan's
    low point, a share link; readable on a phone without sideways scrolling."""
    r = page.open("/match/2022-11-23/Germany/Japan")
    assert r.status == 200
    p = page.page
    assert "Japan" in p.inner_text("h1") and "Germany" in p.inner_text("h1")
    goals = p.locator("ul.goals li").all_inner_texts()
    assert len(goals) == 3
    assert ["33'" in goals[0], "75'" in goals[1], "83'" in goals[2]] == [True] * 3
    assert "Gündoğan" in goals[0] and "Dōan" in goals[1] and "Asano" in goals[2]
    replay = p.request.get(page.base + "/api/v1/matches/2022-11-23/Germany/Japan").json()
    assert replay["winner_lowest_p"] < 0.05
    low = p.inner_text("p.lowpoint")
    assert "Japan" in low and f"{replay['winner_lowest_p'] * 100:.1f}%" in low
    assert f"minute {replay['winner_lowest_minute']}" in low
    p.wait_for_selector("#winprob-chart.drawn canvas", timeout=10_000)
    assert "Germany win" in p.inner_text("#winprob-chart")
    assert p.input_value("#share-url").endswith("/match/2022-11-23/Germany/Japan")
    assert page.no_horizontal_scroll()
    page.shot(f"match-germany-japan-{page.suffix}")  # type: ignore[attr-defined]
    assert page.errors == []


def test_home_page(page: Page) -> None:
    """Home: the top-20 ratings table, the World Cup title chances and the latest upsets."""
    assert page.open("/").status == 200
    p = page.page
    rows = p.locator("table.ratings tbody tr")
    assert rows.count() == 20
    assert rows.first.inner_text().startswith("1")
    assert p.locator("table.forecast tbody tr").count() == 10
    assert p.locator("table.upsets tbody tr").count() >= 5
    assert page.no_horizontal_scroll()
    page.shot(f"home-{page.suffix}")  # type: ignore[attr-defined]
    assert page.errors == []


def test_team_page(page: Page) -> None:
    """Japan: record table, rating chart drawn, latest results linking to match pages."""
    assert page.open("/team/Japan").status == 200
    p = page.page
    assert p.inner_text("h1") == "Japan"
    p.wait_for_selector("#rating-chart.drawn canvas", timeout=10_000)
    links = p.locator("table.results a")
    assert links.count() == 20 and "/match/" in links.first.get_attribute("href")
    assert page.no_horizontal_scroll()
    page.shot(f"team-japan-{page.suffix}")  # type: ignore[attr-defined]
    assert page.errors == []


def test_tournament_page(page: Page) -> None:
    """WC 2022: 32 teams with stage probabilities, the day-by-day title chart fetched
    from the API and drawn."""
    assert page.open("/tournament/wc2022").status == 200
    p = page.page
    assert p.locator("table.stages tbody tr").count() == 32
    p.wait_for_selector("#timeline-chart.drawn canvas", timeout=30_000)
    assert "Argentina" in p.inner_text("#timeline-chart")
    page.shot(f"tournament-wc2022-{page.suffix}")  # type: ignore[attr-defined]
    assert page.errors == []


def test_predict_form(page: Page) -> None:
    """Pick two teams and a venue, submit: the forecast's three probabilities add to 100%."""
    assert page.open("/predict").status == 200
    p = page.page
    p.fill("input[name=home]", "Brazil")
    p.fill("input[name=away]", "Bolivia")
    p.check("input[name=venue][value=home]")
    p.click("button[type=submit]")
    p.wait_for_selector("section.forecast-result")
    shown = [float(p.inner_text(f"#p-{k}").rstrip("%")) for k in ("home", "draw", "away")]
    assert abs(sum(shown) - 100) <= 2 and shown[0] > shown[2]
    assert "at Brazil" in p.inner_text("section.forecast-result")
    page.shot(f"predict-{page.suffix}")  # type: ignore[attr-defined]
    assert page.errors == []


def test_check_form(page: Page) -> None:
    """Paste the real Germany-Japan article, submit: verdicts listed, most supported."""
    assert page.open("/check").status == 200
    p = page.page
    p.fill("#article", ARTICLE.read_text(encoding="utf-8"))
    p.click("button[type=submit]")
    p.wait_for_selector("section.verdicts")
    assert "Germany 1–2 Japan" in p.inner_text("section.verdicts h2")
    supported = p.locator("li.claim.v-supported").count()
    assert supported >= 5 and supported == int(p.inner_text(".counts .v-supported").split()[0])
    assert page.no_horizontal_scroll()
    page.shot(f"check-{page.suffix}")  # type: ignore[attr-defined]
    assert page.errors == []


def test_check_page_highlights_claims_in_the_article(page: Page) -> None:
    """A dev-set report with a wrong weekday: the article is shown with each claim marked
    (green supported, red contradicted, grey unclear), the evidence in the mark's title, and
    a numbered link from each mark to its entry in the list (no JavaScript needed)."""
    text = (DEV / "2022-11-30-tunisia-france.txt").read_text(encoding="utf-8")
    assert page.open("/check").status == 200
    p = page.page
    p.fill("#article", text)
    p.click("button[type=submit]")
    p.wait_for_selector(".article-text")
    assert p.locator(".article-text mark.hl.v-supported").count() >= 10
    red = p.locator(".article-text mark.hl.v-contradicted")
    assert red.count() >= 1
    assert "on Thursday" in [red.nth(i).inner_text() for i in range(red.count())]
    weekday = p.locator(".article-text mark.hl.v-contradicted", has_text="on Thursday").first
    assert "Wednesday 30 November 2022" in (weekday.get_attribute("title") or "")
    link = p.locator(".article-text sup a").first
    target = (link.get_attribute("href") or "").lstrip("#")
    assert p.locator(f"li#{target}").count() == 1
    assert page.no_horizontal_scroll()
    page.shot(f"check-highlights-{page.suffix}")  # type: ignore[attr-defined]
    p.locator(".article-text").screenshot(
        path=str(page.shots / f"check-highlights-article-{page.suffix}.png"))  # type: ignore[attr-defined]
    assert page.errors == []


def test_unknown_team_page_suggests(page: Page) -> None:
    """A misspelt team in the search box: a 404 page linking the closest teams."""
    page.open("/")
    p = page.page
    p.fill("header input[name=q]", "Germny")
    p.press("header input[name=q]", "Enter")
    p.wait_for_selector("ul.suggestions")
    assert p.locator("ul.suggestions a").first.inner_text() == "Germany"
    page.shot(f"unknown-team-{page.suffix}")  # type: ignore[attr-defined]
