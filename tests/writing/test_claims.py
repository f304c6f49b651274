"""The article claim checker on the shared Germany-Japan article and on mutations of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoreline.errors import ArticleError
from scoreline.writing.claims import CONTRADICTED, NOT_CHECKABLE, SUPPORTED, check

ARTICLE = Path(__file__).resolve().parents[3] / "shared" / "articles" / "2022-11-23-germany-japan.txt"


@pytest.fixture(scope="module")
def article() -> str:
    """The shared press article about Germany 1-2 Japan."""
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report(store, article):
    """The check of the unmodified article."""
    return check(store, article)


def test_finds_the_match_from_teams_and_date(report) -> None:
    """'November 23' + the article's year (2022) + Germany and Japan -> Germany 1-2 Japan."""
    m = report.match
    assert (m.date.isoformat(), m.home_team, m.away_team) == ("2022-11-23", "Germany", "Japan")
    assert "23 November given" in report.located_by


def test_every_checkable_claim_of_the_article_is_supported(report) -> None:
    """Nothing in the shared article is contradicted; the key claims are all found and supported."""
    assert report.by_verdict(CONTRADICTED) == []
    supported = {c.kind for c in report.by_verdict(SUPPORTED)}
    assert {"winner", "date", "match_day", "other_match", "comeback", "goal", "running_score",
            "late_goals"} <= supported
    goals = [c for c in report.claims if c.kind == "goal"]
    assert [c.verdict for c in goals] == [SUPPORTED] * 3
    assert "İlkay Gündoğan" in (goals[0].data_value or "")  # "Ilkay Gundogan" matched
    assert "Ritsu Dōan" in (goals[1].data_value or "")  # "Ritsu Doan" matched
    assert "83'" in (goals[2].data_value or "")  # "eight minutes after" 75'


def test_lists_what_it_could_not_check(report) -> None:
    """Quotes, the stadium, the coach and the tweet's date are listed as not checkable, with why."""
    unchecked = report.by_verdict(NOT_CHECKABLE)
    kinds = {c.kind for c in unchecked}
    assert {"quote", "stadium", "person", "post_date"} <= kinds
    assert all(c.reason for c in unchecked)
    stadium = next(c for c in unchecked if c.kind == "stadium")
    assert "Al Rayyan" in (stadium.reason or "")


MUTATIONS = [
    ("wrong minute", "in the 33rd minute", "in the 38th minute", "goal_minute", "33rd minute"),
    ("wrong scorer", "Takuma Asano netted", "Kaoru Mitoma netted", "goal", "Takuma Asano"),
    ("wrong scorer of the equaliser", "Ritsu Doan scored", "Takuma Asano scored", "goal",
     "Ritsu Dōan"),
    ("wrong score", "down to 1-0", "down to 2-0", "running_score", "never 2-0"),
    ("wrong final score", "a massive win over", "a massive 3-1 win over", "final_score",
     "Germany 1-2 Japan"),
    ("wrong date", "on November 23", "on November 22", "date", "23 November 2022"),
    ("wrong opponent in the other match", "between Qatar and Ecuador",
     "between Qatar and Senegal", "other_match", "Qatar 0-2 Ecuador"),
    ("wrong relative time", "eight minutes after", "three minutes after", "goal_minute",
     "came 8 minutes after"),
    ("wrong match day", "Match Day 4", "Match Day 2", "match_day", "day 4"),
    ("wrong winner", "win over Germany.", "defeat to Germany.", "winner", "Germany 1-2 Japan"),
]


@pytest.mark.parametrize(("label", "old", "new", "kind", "expected"), MUTATIONS,
                         ids=[m[0] for m in MUTATIONS])
def test_mutation_is_caught_with_the_datas_value(store, article, label, old, new, kind,
                                                 expected) -> None:
    """Each mutation yields exactly one contradicted claim of the right kind, quoting the data."""
    assert old in article
    result = check(store, article.replace(old, new, 1))
    bad = result.by_verdict(CONTRADICTED)
    assert len(bad) == 1, [(c.kind, c.text, c.data_value) for c in bad]
    assert bad[0].kind == kind
    assert expected in (bad[0].data_value or "")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "not text"),
        (b"caf\xe9 \xff\xfe au lait" * 20, "not UTF-8"),
        (b"Japan beat Germany. " * 600_000, "MB"),
        ("The weather in Doha was sunny and the fans sang all night long.", "names no team"),
        ("Atlantis beat Lemuria 3-0 on 1 April 2022 in a friendly.", "names no team"),
        ("Japan beat Germany 2-1 on November 23, 1931.", "no match .* near 1931-11-23"),
        ("Japan and Germany met again. It was a game.", "met 4 times"),
    ],
    ids=["empty", "blank", "binary", "latin-1", "10MB", "no-teams", "unknown-teams", "no-match",
         "which-meeting"],
)
def test_bad_input_gets_a_clear_article_error(store, data, message) -> None:
    """Empty, binary, non-UTF-8, oversized and match-less articles raise ArticleError, no crash."""
    with pytest.raises(ArticleError, match=message):
        check(store, data)


def test_article_about_two_matches_asks_which(store) -> None:
    """Two matches with their dates, equally covered: ArticleError naming both; --match resolves it."""
    text = ("Japan beat Germany 2-1 on November 23, 2022. Saudi Arabia beat Argentina 2-1 on "
            "November 22, 2022.")
    with pytest.raises(ArticleError, match="more than one match"):
        check(store, text)
    result = check(store, text, match=("2022-11-22", "Argentina", "Saudi Arabia"))
    assert result.located_by == "given"
