"""How journalists write, claim by claim: each test checks one phenomenon on a short text."""

from __future__ import annotations

import pytest

from scoreline.errors import ArticleError
from scoreline.writing.claims import CONTRADICTED, SUPPORTED, UNCLEAR, check
from scoreline.writing.claims.minutes import read_minute


def claims_of(store, text: str, kind: str | None = None, match=None) -> list:
    """The claims of ``text`` (of one kind when given; the match found from the text unless
    given)."""
    report = check(store, text, match=match)
    return [c for c in report.claims if kind is None or c.kind == kind]


def one(store, text: str, words: str) -> object:
    """The claim whose words contain ``words``."""
    found = [c for c in claims_of(store, text) if words in c.text]
    assert found, [(c.kind, c.text) for c in claims_of(store, text)]
    return found[0]


KSA = "Saudi Arabia beat Argentina 2-1 in Lusail on Tuesday, November 22, 2022, at the World Cup."


def test_winner_first_score_is_supported(store) -> None:
    """'Saudi Arabia beat Argentina 2-1': the winner's score first, stored as Argentina 1-2."""
    score = one(store, KSA, "2-1")
    assert score.kind == "final_score" and score.verdict == SUPPORTED
    assert "Argentina 1-2 Saudi Arabia" in score.data_value


def test_wrong_winner_is_contradicted(store) -> None:
    """'Argentina beat Saudi Arabia' is contradicted with the real result."""
    text = KSA.replace("Saudi Arabia beat Argentina", "Argentina beat Saudi Arabia")
    winner = next(iter(claims_of(store, text, "winner")))
    assert winner.verdict == CONTRADICTED and "1-2" in winner.data_value


def test_penalty_shootout_tally_is_judged_on_the_winner(store) -> None:
    """'won 4-2 on penalties': the data holds the shoot-out winner, not the tally."""
    text = ("Argentina won the World Cup on December 18, 2022, beating France 4-2 on penalties "
            "in Lusail after a 3-3 draw.")
    shoot = claims_of(store, text, "shootout")[0]
    assert shoot.verdict == SUPPORTED and "Argentina won the shoot-out" in shoot.data_value
    wrong = claims_of(store, text.replace("beating France 4-2", "losing to France 2-4"),
                      "shootout")[0]
    assert wrong.verdict == CONTRADICTED


def test_hyphen_and_space_variants_of_a_name_are_one_player(store) -> None:
    """'Al Shehri' and 'Al Dawsari' (the data: Al-Shehri, Al-Dawsari) are the scorers."""
    text = KSA + " Saleh Al Shehri levelled in the 48th minute and Salem Al Dawsari scored the winner."
    goals = claims_of(store, text, "goal")
    assert [g.verdict for g in goals] == [SUPPORTED, SUPPORTED]
    assert "Saleh Al-Shehri" in goals[0].data_value and "Salem Al-Dawsari" in goals[1].data_value


def test_minute_off_by_one_is_contradicted_on_its_own(store) -> None:
    """'In the 52nd minute, Salem Al Dawsari curled in the winner' (53'): the scorer is right,
    the minute is its own claim and is contradicted."""
    text = KSA + " In the 52nd minute, Salem Al Dawsari curled in the winner."
    goal = claims_of(store, text, "goal")[0]
    minute = claims_of(store, text, "goal_minute")[0]
    assert goal.verdict == SUPPORTED
    assert minute.verdict == CONTRADICTED and "53rd minute" in minute.data_value


@pytest.mark.parametrize("words", ["two minutes into stoppage time", "in the 92nd minute",
                                   "in the 90+2 minute", "in stoppage time"])
def test_stoppage_time_goal_stored_at_90(store, words) -> None:
    """Aboubakar's winner for Cameroon against Brazil is stored at 90': every stoppage-time
    phrasing is supported."""
    text = (f"Cameroon beat Brazil 1-0 at the World Cup on December 2, 2022. Vincent Aboubakar "
            f"headed in the winner {words}.")
    minute = claims_of(store, text, "goal_minute")[0]
    assert minute.verdict == SUPPORTED and "90'" in minute.data_value


def test_minute_phrases_read_as_ranges() -> None:
    """'four minutes from time' is 85-87, 'just after the hour' 61-65, '67'' exactly 67."""
    assert read_minute("four minutes from time").fits(86)
    assert not read_minute("four minutes from time").fits(80)
    assert read_minute("just after the hour").fits(63)
    assert read_minute("in the 67th minute").exact == 67
    assert read_minute("67' - Doan").fits(67)
    assert read_minute("in extra time").fits(109)


def test_other_match_result_true_and_false(store) -> None:
    """Another match of the day: 'Spain thrashed Costa Rica 7-0' is supported, 7-1 contradicted."""
    base = ("Japan beat Germany 2-1 at the World Cup on November 23, 2022. Later on the same day, "
            "Spain thrashed Costa Rica 7-0.")
    game = ("2022-11-23", "Germany", "Japan")
    other = claims_of(store, base, "other_match", game)[0]
    assert other.verdict == SUPPORTED and "Spain 7-0 Costa Rica" in other.data_value
    wrong = claims_of(store, base.replace("7-0", "7-1"), "other_match", game)[0]
    assert wrong.verdict == CONTRADICTED and "7-0" in wrong.data_value


def test_a_score_of_another_match_is_not_a_claim_about_this_one(store) -> None:
    """'who had beaten Australia 4-1' in a report of Tunisia 1-0 France is not this match's
    score (nothing is contradicted)."""
    text = ("Tunisia beat France 1-0 at the World Cup on November 30, 2022. France, who had "
            "already beaten Australia 4-1 in Al Wakrah, still topped the group.")
    assert all(c.verdict != CONTRADICTED for c in claims_of(store, text))


def test_group_standing_true_and_false(store) -> None:
    """Group D after the last round: France topped it on six points; 'Tunisia finished
    second' is contradicted (third)."""
    base = ("Tunisia beat France 1-0 at the World Cup on November 30, 2022. France topped Group D "
            "on six points.")
    standing = claims_of(store, base, "standing")
    assert standing and all(c.verdict == SUPPORTED for c in standing)
    wrong = claims_of(store, base + " Tunisia finished second.", "standing")
    assert any(c.verdict == CONTRADICTED and "Tunisia placed 3" in c.data_value for c in wrong)


@pytest.mark.parametrize(("count", "verdict"), [("four", SUPPORTED), ("five", CONTRADICTED)])
def test_head_to_head_count_true_and_false(store, count, verdict) -> None:
    """'Scotland have now won four of their 18 meetings with Germany' (with this one): W4."""
    text = (f"Germany beat Scotland 5-1 in Munich on June 14, 2024. Scotland have now won {count} "
            "of their 18 meetings with Germany.")
    h2h = claims_of(store, text, "head_to_head")[0]
    assert h2h.verdict == verdict and "W4" in h2h.data_value


@pytest.mark.parametrize(("year", "verdict"), [("1975", SUPPORTED), ("1985", CONTRADICTED)])
def test_first_win_since_true_and_false(store, year, verdict) -> None:
    """Portugal's previous win over France before the Euro 2016 final was in 1975."""
    text = (f"Portugal beat France 1-0 in Saint-Denis on July 10, 2016. It was Portugal's first "
            f"win over France since {year}.")
    since = claims_of(store, text, "first_win_since")[0]
    assert since.verdict == verdict and "1975" in since.data_value


def test_title_count(store) -> None:
    """'France won their second World Cup' (1998, 2018) holds; 'third' is contradicted."""
    text = "France beat Croatia 4-2 in Moscow on July 15, 2018 to win their second World Cup."
    assert claims_of(store, text, "title")[0].verdict == SUPPORTED
    wrong = claims_of(store, text.replace("second", "third"), "title")[0]
    assert wrong.verdict == CONTRADICTED and "1998, 2018" in wrong.data_value


def test_career_totals_are_unclear_never_contradicted(store) -> None:
    """The data's goal lists are incomplete for careers: 'his 96th international goal' is unclear."""
    text = ("Argentina beat Croatia 3-0 in Lusail on December 13, 2022. Lionel Messi scored his "
            "96th international goal from the penalty spot.")
    career = claims_of(store, text, "career_total")
    assert career and career[0].verdict == UNCLEAR


def test_headline_and_dateline_are_sentences_of_their_own(store) -> None:
    """A headline line and a 'LUSAIL, Nov 22 -' dateline never run into the next sentence."""
    text = ("FAVOURITES ARE SHOCKED\nSaudi Arabia came from behind to beat Argentina 2-1\n\n"
            "LUSAIL, Nov 22 - Saudi Arabia beat Argentina 2-1 at the World Cup on Tuesday.")
    report = check(store, text)
    assert all("SHOCKED Saudi" not in c.text for c in report.claims)
    assert report.by_verdict(CONTRADICTED) == []
    venue = [c for c in report.claims if c.kind == "venue"]
    assert venue and venue[0].verdict == SUPPORTED and venue[0].text.startswith("LUSAIL")


def test_every_claim_points_at_its_words_in_the_article(store) -> None:
    """start/end offsets: the article's text at a claim's span is the claim's words (for
    claims quoting the article), in the article as given (line breaks and all)."""
    text = ("Saudi Arabia beat Argentina 2-1 in Lusail\non Tuesday, November 22, 2022.\n\n"
            "Salem Al Dawsari scored the winner in the 53rd minute.")
    report = check(store, text)
    assert report.claims
    for c in report.claims:
        assert 0 <= c.start < c.end <= len(text)
        if c.text in text:
            assert text[c.start:c.end] == c.text


def test_two_matches_and_no_match_are_article_errors(store) -> None:
    """A report naming two matches equally, or teams that never met, is refused with why."""
    with pytest.raises(ArticleError, match="more than one match"):
        check(store, "Japan beat Germany 2-1 on November 23, 2022 in Al Rayyan. Japan beat "
                     "Germany 4-1 on September 9, 2023 in Wolfsburg.")
    with pytest.raises(ArticleError, match="no match"):
        check(store, "Japan beat Germany 2-1 on November 23, 1931.")


@pytest.mark.parametrize(("goals", "verdict"), [("eight", SUPPORTED), ("seven", CONTRADICTED)])
def test_tournament_goal_tally(store, goals, verdict) -> None:
    """Afif scored 8 at the 2024 Asian Cup (complete goal lists): 'with eight goals' holds."""
    text = (f"Qatar beat Jordan 3-1 in Lusail on February 10, 2024 in the Asian Cup final. Akram "
            f"Afif finished as top scorer of the tournament with {goals} goals.")
    tally = [c for c in claims_of(store, text, "tally") if "goals" in c.text]
    assert tally and tally[0].verdict == verdict and "Akram Afif 8 goals" in tally[0].data_value


@pytest.mark.parametrize(("year", "verdict"), [("2016", SUPPORTED), ("2014", CONTRADICTED)])
def test_first_opening_win_since(store, year, verdict) -> None:
    """Germany won their Euro 2016 opener, lost those of 2018, 2021 and 2022."""
    text = (f"Germany beat Scotland 5-1 in Munich on June 14, 2024. It was Germany's first win in "
            f"the opening game of a major tournament since {year}.")
    since = claims_of(store, text, "first_win_since")[0]
    assert since.verdict == verdict and "2016 UEFA Euro W 2-0 v Ukraine" in since.data_value


def test_who_shot_first_in_the_shoot_out(store) -> None:
    """Morocco took the first kick against Spain (2022); 'Spain went first' is contradicted."""
    text = ("Morocco beat Spain on penalties in Al Rayyan on December 6, 2022 after a 0-0 draw. "
            "Morocco went first in the shoot-out.")
    assert claims_of(store, text, "shootout")[-1].verdict == SUPPORTED
    wrong = claims_of(store, text.replace("Morocco went first", "Spain went first"), "shootout")
    assert wrong[-1].verdict == CONTRADICTED and "Morocco shot first" in wrong[-1].data_value


def test_an_appearance_is_not_a_title(store) -> None:
    """'appearing at only their second World Cup' counts appearances, not titles."""
    text = ("Cameroon beat Argentina 1-0 in Milan on June 8, 1990 in the opening match of the World "
            "Cup. Cameroon, appearing at only their second World Cup, will next face Romania.")
    assert all(c.verdict != CONTRADICTED for c in claims_of(store, text))
    assert claims_of(store, text, "title") == []


def test_two_goals_in_one_clause_each_keep_their_scorer(store) -> None:
    """'X's turn set up the second in the 55th minute and substitute Sam Vokes headed the third
    four minutes from time': Vokes scored Wales's third (86'), nothing is contradicted."""
    text = ("Wales beat Belgium 3-1 in Lille on July 1, 2016. Hal Robson-Kanu's Cruyff turn set up "
            "the second in the 55th minute and substitute Sam Vokes headed the third four minutes "
            "from time.")
    found = claims_of(store, text)
    assert all(c.verdict != CONTRADICTED for c in found)
    assert any(c.kind == "goal" and c.verdict == SUPPORTED and "Sam Vokes" in (c.data_value or "")
               for c in found)


@pytest.mark.parametrize(("words", "verdict"), [("2-1 on aggregate", SUPPORTED),
                                                ("3-1 on aggregate", UNCLEAR)])
def test_aggregate_score_is_not_the_match_score(store, words, verdict) -> None:
    """'won 3-1 on aggregate' adds the first leg (Afghanistan 0-0 India); never read as this
    match's score, never contradicted."""
    text = f"Afghanistan beat India 2-1 in Guwahati on March 26, 2024, and went through {words}."
    agg = claims_of(store, text, "aggregate")
    assert agg and agg[0].verdict == verdict
    assert all(c.verdict != CONTRADICTED for c in claims_of(store, text))


def test_a_team_followed_by_its_verb_acts_in_a_subordinate_clause(store) -> None:
    """'Spain go through after Costa Rica lost 4-2 to Germany': Costa Rica lost to Germany,
    not to Spain (which the data would contradict)."""
    text = ("Japan beat Spain 2-1 in Doha on December 1, 2022. Spain still go through in second "
            "place after Costa Rica lost 4-2 to Germany.")
    other = claims_of(store, text, "other_match", ("2022-12-01", "Japan", "Spain"))
    assert other and other[0].verdict == SUPPORTED and "Costa Rica 2-4 Germany" in other[0].data_value
