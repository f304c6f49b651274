"""Claim rules one by one, on short articles about real 2022 World Cup matches."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoreline.errors import ArticleError
from scoreline.writing.claims import CONTRADICTED, NOT_CHECKABLE, SUPPORTED, UNCLEAR, check
from scoreline.writing.claims.names import match_player, normalise


def verdicts(store, text: str) -> dict[str, list[tuple[str, str | None]]]:
    """kind -> [(verdict, data_value)] of every claim found in ``text``."""
    out: dict[str, list[tuple[str, str | None]]] = {}
    for c in check(store, text).claims:
        out.setdefault(c.kind, []).append((c.verdict, c.data_value))
    return out


def test_names_match_despite_accents_and_spelling() -> None:
    """Gundogan/Gündoğan, Doan/Dōan, Di Maria/Di María match; a surname alone resolves; others don't."""
    players = ["İlkay Gündoğan", "Ritsu Dōan", "Takuma Asano"]
    assert normalise("İlkay Gündoğan") == "ilkay gundogan"
    assert match_player("Ilkay Gundogan", players).player == "İlkay Gündoğan"
    assert match_player("Gundogan", players).player == "İlkay Gündoğan"
    assert match_player("Doan", players).player == "Ritsu Dōan"
    assert match_player("Angel Di Maria", ["Ángel Di María", "Lionel Messi"]).player == "Ángel Di María"
    assert match_player("Kaoru Mitoma", players) is None
    assert match_player("Takumi Minamino", players) is None


ARG_KSA = ("Saudi Arabia beat Argentina 2-1 in Lusail on Tuesday, November 22, 2022, ending "
           "Argentina's 36-match unbeaten run. Lionel Messi put Argentina ahead from the penalty "
           "spot after just 10 minutes. Saleh Al-Shehri equalised three minutes after the break and "
           "Salem Al-Dawsari scored the winner five minutes later, two goals in the space of five "
           "minutes. It was Saudi Arabia's first win over Argentina.")


def test_relative_times_runs_and_first_win(store) -> None:
    """'after just 10 minutes', 'three minutes after the break', 'five minutes later', 'in the
    space of five minutes', '36-match unbeaten run', 'first win over' are all supported."""
    v = verdicts(store, ARG_KSA)
    assert [x[0] for x in v["goal"]] == [SUPPORTED] * 3
    assert "10'" in v["goal"][0][1] and "48'" in v["goal"][1][1] and "53'" in v["goal"][2][1]
    assert v["goal_window"] == [(SUPPORTED, v["goal_window"][0][1])]
    assert v["run"][0][0] == SUPPORTED and "ended against Saudi Arabia" in v["run"][0][1]
    assert "after 36 matches" in v["run"][0][1]
    assert v["first_win"][0][0] == SUPPORTED
    assert {x[0] for x in v["weekday"] + v["date"] + v["venue"] + v["final_score"]} == {SUPPORTED}


def test_relative_time_and_run_mutations_are_caught(store) -> None:
    """A wrong gap ('two minutes later'), window ('in the space of three minutes') and run length."""
    text = (ARG_KSA.replace("five minutes later", "two minutes later")
            .replace("space of five", "space of three").replace("36-match", "30-match"))
    v = verdicts(store, text)
    # the scorer is right; the time is its own claim and is contradicted
    assert v["goal"][2][0] == SUPPORTED
    assert v["goal_minute"][-1][0] == CONTRADICTED and "came 5 minutes after" in v["goal_minute"][-1][1]
    assert v["goal_window"][0][0] == CONTRADICTED
    assert v["run"][0] == (CONTRADICTED, ("Argentina's unbeaten run ended against Saudi Arabia "
                                          "on 22 November 2022 after 36 matches"))


CMR_BRA = ("Cameroon beat Brazil 1-0 at the World Cup in Qatar on December 2, 2022. Vincent "
           "Aboubakar headed in the winner in stoppage time. Brazil had won all seven previous World "
           "Cup meetings with African opponents. Cameroon's last win at the World Cup was in 2002 "
           "against Saudi Arabia.")


def test_stoppage_time_confederation_record_and_last_win(store) -> None:
    """Stoppage time (recorded as 90'), Brazil's 7 wins in 7 against CAF sides, Cameroon's last
    World Cup win in 2002 against Saudi Arabia: all supported with the data's detail."""
    v = verdicts(store, CMR_BRA)
    assert v["goal"][0][0] == SUPPORTED and "90'" in v["goal"][0][1]
    assert v["confederation_record"][0][0] == SUPPORTED
    assert "P7 W7 D0 L0" in v["confederation_record"][0][1]
    assert v["last_win"][0][0] == SUPPORTED and "2002-06-06" in v["last_win"][0][1]
    assert v["venue"][0][0] == SUPPORTED


def test_history_mutations_are_caught(store) -> None:
    """Six instead of seven meetings, 1998 instead of 2002, and Italy as the opponent are contradicted."""
    text = CMR_BRA.replace("all seven", "all six").replace("in 2002 against Saudi Arabia",
                                                           "in 1998 against Italy")
    v = verdicts(store, text)
    assert v["confederation_record"][0][0] == CONTRADICTED
    assert v["last_win"][0][0] == CONTRADICTED
    assert "Saudi Arabia" in v["last_win"][0][1]


FINAL = ("Argentina won the World Cup final against France on penalties on Sunday, December 18, "
         "2022 after a 3-3 draw. Lionel Messi opened the scoring with a 23rd-minute penalty and "
         "Angel Di Maria doubled the lead in the 36th minute. Kylian Mbappe scored twice in the space "
         "of two minutes. Messi put Argentina ahead again in extra time before Mbappe completed his "
         "hat-trick from the spot in the 118th minute.")


def test_final_goals_penalties_and_hat_trick(store) -> None:
    """The final: opener from the spot, extra-time goal found by half, hat-trick counted."""
    v = verdicts(store, FINAL)
    assert all(x[0] == SUPPORTED for x in v["goal"]), v["goal"]
    assert any("109'" in (x[1] or "") for x in v["goal"])
    assert {x[0] for x in v["goal_count"]} == {SUPPORTED}
    assert v["final_score"][0] == (SUPPORTED, "Argentina 3-3 France")


def test_penalty_and_own_goal_flags_are_checked(store) -> None:
    """'penalty' for an open-play goal and 'own goal' for a normal goal are contradicted."""
    text = ("Morocco beat Canada 2-1 in Doha on December 1, 2022. Hakim Ziyech opened the scoring "
            "with a penalty after four minutes before Nayef Aguerd's own goal in the 40th minute.")
    v = verdicts(store, text)
    assert v["goal"][0][0] == CONTRADICTED and "not a penalty" in v["goal"][0][1]
    assert v["goal"][1][0] == SUPPORTED and "(og)" in v["goal"][1][1]
    text2 = text.replace("Nayef Aguerd's own goal", "Youssef En-Nesyri's own goal").replace(
        "40th", "23rd")
    v2 = verdicts(store, text2)
    assert v2["goal"][1][0] == CONTRADICTED and "not an own goal" in v2["goal"][1][1]


def test_wrong_city_and_weekday(store) -> None:
    """A city of another country and a wrong weekday are contradicted with where and when it
    was played; a city of the same country (Doha for Al Rayyan: reports name the big city
    near a stadium) is unclear."""
    v = verdicts(store, "Japan beat Germany 2-1 in Berlin on Tuesday, November 23, 2022.")
    assert v["venue"][0] == (CONTRADICTED, "played in Al Rayyan, Qatar")
    assert v["weekday"][0][0] == CONTRADICTED and "Wednesday" in v["weekday"][0][1]
    near = verdicts(store, "Japan beat Germany 2-1 in Doha on Wednesday, November 23, 2022.")
    assert near["venue"][0] == (UNCLEAR, "Al Rayyan, Qatar")


_FRAGMENTS = [
    "Japan", "Germany", "the Germans", "Japanese", "Qatar and Ecuador", "beat", "win over",
    "defeat to", "drew with", "2-1", "1-0", "3-3", "in the 33rd minute", "after just 10 minutes",
    "eight minutes after", "in stoppage time", "the opener", "the equaliser", "the winner",
    "penalty", "own goal", "Ilkay Gundogan", "Doan", "Asano", "Kaoru Mitoma", "on November 23",
    "on 23 November 2022", "on Wednesday", "in Al Rayyan", "in Doha", "at Khalifa International Stadium",
    "first win over", "36-match unbeaten run", "won all seven previous meetings with African opponents",
    "last win at the World Cup was in 2002 against Russia", "Match Day 4", "scored", "netted",
    "two late goals", "in the space of four minutes", "the opening game between", ",", ".", "and",
    "\"a quote from the coach.\"", "coach Hajime Moriyasu", "#FIFAWorldCup", "@handle", "2022",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(_FRAGMENTS), min_size=0, max_size=40))
def test_any_mix_of_claim_words_gives_a_report_or_an_article_error(store, words) -> None:
    """Property: whatever the wording, check() returns verdicts or raises ArticleError, nothing else;
    every verdict is one of the three and a contradiction always carries the data's value."""
    text = "Japan beat Germany on November 23, 2022. " + " ".join(words)
    try:
        result = check(store, text)
    except ArticleError:
        return
    for c in result.claims:
        assert c.verdict in (SUPPORTED, CONTRADICTED, UNCLEAR, NOT_CHECKABLE)
        if c.verdict == CONTRADICTED:
            assert c.data_value
        if c.verdict == NOT_CHECKABLE:
            assert c.reason


PRESS = """Saudi Arabia produced one of the greatest shocks of the tournament as they came from
behind to beat Argentina 2-1 in Lusail on Tuesday.

Lionel Messi gave Argentina a 10th-minute lead from the penalty spot, but Saleh Al-Shehri
levelled three minutes after half-time and Salem Al-Dawsari curled in a stunning winner in the
53rd minute.

The defeat ended Argentina's 36-game unbeaten run. Argentina, who had won all four previous
meetings with Asian opponents at the World Cup, face Mexico on Saturday."""


def test_press_style_article_without_a_year_is_located_and_supported(store) -> None:
    """No year anywhere: the match is found from teams, venue, weekday, score and scorers; every
    checkable claim is supported and the next fixture's day is set aside, not contradicted."""
    result = check(store, PRESS)
    m = result.match
    assert (m.date.isoformat(), m.home_team, m.away_team) == ("2022-11-22", "Argentina",
                                                              "Saudi Arabia")
    assert "scorers named" in result.located_by
    assert result.by_verdict(CONTRADICTED) == []
    kinds = {c.kind for c in result.by_verdict(SUPPORTED)}
    assert {"final_score", "winner", "comeback", "weekday", "venue", "goal", "run",
            "confederation_record"} <= kinds
    fixture = next(c for c in result.claims if c.kind == "fixture")
    assert fixture.verdict == SUPPORTED and "Mexico" in (fixture.data_value or "")
    assert "Sat" in (fixture.data_value or "")  # the next match, 2022-11-26, was a Saturday
