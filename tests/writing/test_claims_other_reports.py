"""Phenomena met in reports of matches beyond the development set: datelines in title
case, competitions by their everyday names, shoot-out tallies, a score of another meeting of
the same teams, "their" results, places named after another team, later results."""

from __future__ import annotations

from scoreline.writing.claims import CONTRADICTED, SUPPORTED, UNCLEAR, check


def _claims(store, text: str, match=None) -> list:
    return check(store, text, match=match).claims


def _one(store, text: str, words: str, match=None, kind: str | None = None):
    found = [c for c in _claims(store, text, match)
             if words in c.text and (kind is None or c.kind == kind)]
    assert found, [(c.kind, c.text, c.verdict) for c in _claims(store, text, match)]
    return found[0]


AFCON = ("Senegal crowned at last\n\n"
         "Yaoundé — Senegal beat Egypt 4-2 on penalties on Sunday to lift the Africa Cup of "
         "Nations, the final having ended goalless after extra time.")


def test_title_case_dateline_everyday_competition_name_and_tally_find_the_final(store) -> None:
    """No year is given: the dateline "Yaoundé —", "Africa Cup of Nations" (the data: African
    Cup of Nations), "goalless" and "4-2 on penalties" (a tally, not a score) point to the 2022
    final, not to the 4-2 friendly of 2005."""
    report = check(store, AFCON)
    assert (report.match.date.isoformat(), report.match.home_team) == ("2022-02-06", "Senegal")
    assert "dateline Yaoundé" in report.located_by
    assert "African Cup of Nations named" in report.located_by


def test_a_person_before_a_dash_is_not_a_dateline(store) -> None:
    """"Sadio Mané — ..." opening a paragraph keeps its words: only a city is a dateline."""
    text = ("Senegal beat Egypt on penalties\n\n"
            "Sadio Mané — Senegal's talisman — scored the decisive kick in Yaoundé on Sunday "
            "after a goalless final of the Africa Cup of Nations.")
    report = check(store, text)
    assert report.match.date.isoformat() == "2022-02-06"
    assert not any(c.kind == "venue" and c.text.startswith("Sadio") for c in report.claims)


def test_ambiguity_is_judged_on_evidence_beyond_the_teams_names(store) -> None:
    """"July 16" without a year fits two Mexico-Panama meetings; the Gold Cup, the dateline
    and the scorer tell the 2023 final apart from a 2000 qualifier."""
    text = ("Giménez wins it late for Mexico\n\n"
            "INGLEWOOD, California, July 16 — Santiago Giménez struck in the 88th minute as Mexico "
            "beat Panama 1-0 in the Gold Cup final.")
    report = check(store, text)
    assert report.match.date.isoformat() == "2023-07-16"


def test_minutes_later_may_count_from_the_goal_just_before(store) -> None:
    """Bern 1954: one sentence names the 6th- and 8th-minute goals; "Morlock pulled one back
    two minutes later" (10') counts from the 8th, so it is supported, not contradicted."""
    text = ("West Germany beat Hungary 3-2 in the World Cup final on 4 July 1954. Hungary led "
            "2-0 through Ferenc Puskás and Zoltán Czibor. Max Morlock pulled one back two "
            "minutes later.")
    later = _one(store, text, "two minutes later")
    assert later.verdict == SUPPORTED, later.evidence
    # nine minutes after neither the goal named before nor the one just before: contradicted
    named = text.replace("Hungary led 2-0 through Ferenc Puskás and Zoltán Czibor.",
                         "Zoltán Czibor made it 2-0 in the eighth minute.")
    wrong = _one(store, named.replace("two minutes", "nine minutes"), "nine minutes later")
    assert wrong.verdict == CONTRADICTED
    # with no earlier goal named, a gap that fits no goal is unclear, not supported
    alone = text.replace("two minutes", "nine minutes")
    assert _one(store, alone, "nine minutes later").verdict == UNCLEAR


def test_a_year_in_the_next_clause_is_not_the_titles_year(store) -> None:
    """"their first World Cup title; they won again in 1974" is about 1954, not 1974."""
    text = ("West Germany beat Hungary 3-2 in Bern on 4 July 1954. It was West Germany's "
            "first World Cup title; they would win again in 1974.")
    assert _one(store, text, "first World Cup").verdict == SUPPORTED


def test_score_of_another_meeting_of_the_same_teams(store) -> None:
    """Jordan 2-0 South Korea (semi-final, 2024): "in the group stage the two teams drew 2-2"
    is their group meeting, supported; a score no meeting had is unclear, never contradicted."""
    base = ("Jordan beat South Korea 2-0 in Al Rayyan on 6 February 2024 to reach the Asian Cup "
            "final. In the group stage the two teams drew {}.")
    group = _one(store, base.format("2-2"), "2-2")
    assert group.verdict == SUPPORTED and "20 Jan 2024" in (group.data_value or "")
    assert _one(store, base.format("3-3"), "3-3").verdict == UNCLEAR
    # without a word of another occasion, a wrong score of this match is still contradicted
    plain = "Jordan beat South Korea 3-0 in Al Rayyan on 6 February 2024 in the Asian Cup."
    assert _one(store, plain, "3-0").verdict == CONTRADICTED


JAPAN_SPAIN = ("Japan beat Spain 2-1 in Al Rayyan on 1 December 2022 to top Group E of the "
               "World Cup. Japan finish the group on six points, with Spain second and Germany "
               "out despite their 4-2 win over Costa Rica.")
JAPAN_SPAIN_MATCH = ("2022-12-01", "Japan", "Spain")  # two same-day results: say which


def test_their_result_belongs_to_the_team_just_named(store) -> None:
    """"Germany out despite their 4-2 win over Costa Rica" is Germany's win (Costa Rica 2-4
    Germany), not a Japan result against Germany or Costa Rica."""
    claims = _claims(store, JAPAN_SPAIN, JAPAN_SPAIN_MATCH)
    assert not [c for c in claims if c.verdict == CONTRADICTED], [
        (c.text, c.evidence) for c in claims if c.verdict == CONTRADICTED]
    win = _one(store, JAPAN_SPAIN, "Costa Rica", JAPAN_SPAIN_MATCH)
    assert win.verdict == SUPPORTED and "Costa Rica 2-4 Germany" in (win.data_value or "")


def test_a_place_right_after_another_team_is_that_teams(store) -> None:
    """"with Spain second" is Spain's place (supported); "with Spain fourth" is contradicted
    ("third" would be unclear: Spain and Germany were level on points)."""
    second = _one(store, JAPAN_SPAIN, "Spain second", JAPAN_SPAIN_MATCH)
    assert second.verdict == SUPPORTED and "Spain were 2 of 4" in second.evidence
    fourth = _one(store, JAPAN_SPAIN.replace("Spain second", "Spain fourth"), "Spain fourth",
                  JAPAN_SPAIN_MATCH)
    assert fourth.verdict == CONTRADICTED


def test_a_score_between_the_verb_and_the_team_is_read(store) -> None:
    """"Japan had lost 2-0 to Costa Rica" (the data: 0-1) is contradicted; "1-0" supported."""
    text = ("Japan beat Spain 2-1 in Al Rayyan on 1 December 2022 at the World Cup. Japan had "
            "lost {} to Costa Rica.")
    assert _one(store, text.format("2-0"), "Costa Rica", JAPAN_SPAIN_MATCH).verdict == CONTRADICTED
    assert _one(store, text.format("1-0"), "Costa Rica", JAPAN_SPAIN_MATCH).verdict == SUPPORTED


def test_went_on_to_looks_after_the_match(store) -> None:
    """"Germany went on to beat Argentina 1-0 in the final" (after the 2014 semi-final) is
    found among later matches."""
    text = ("Germany beat Brazil 7-1 in Belo Horizonte on 8 July 2014 in the World Cup "
            "semi-final. Germany went on to beat Argentina 1-0 in the final in Rio de Janeiro.")
    final = _one(store, text, "Argentina 1-0")
    assert final.verdict == SUPPORTED and "13 Jul 2014" in (final.data_value or "")


MEXICO = ("Argentina beat Mexico 2-0 in Lusail on 26 November 2022 at the World Cup. Argentina "
          "had lost their opening game to Saudi Arabia, a result that ended a {}-match unbeaten "
          "run.")


def test_an_ended_run_is_the_one_the_defeat_ended(store) -> None:
    """"a result that ended a 36-match unbeaten run" (the Saudi Arabia defeat four days before)
    is that run, not the run before this match (none); a wrong length of a run an earlier
    match ended is unclear, since the sentence may mean another run."""
    run = _one(store, MEXICO.format(36), "36-match", kind="run")
    assert run.verdict == SUPPORTED and "Saudi Arabia" in (run.data_value or "")
    assert _one(store, MEXICO.format(30), "30-match", kind="run").verdict == UNCLEAR


def test_a_run_this_match_ended_is_contradicted_when_wrong(store) -> None:
    """Saudi Arabia 2-1 over Argentina ended the run: a wrong length is contradicted."""
    text = ("Saudi Arabia beat Argentina 2-1 in Lusail on 22 November 2022, ending Argentina's "
            "{}-match unbeaten run.")
    assert _one(store, text.format(36), "36-match", kind="run").verdict == SUPPORTED
    assert _one(store, text.format(35), "35-match", kind="run").verdict == CONTRADICTED


def test_the_editions_later_meeting_is_found_when_no_earlier_one_exists(store) -> None:
    """After the 1970 semi-final, "Italy lost the final 4-1 to Brazil" is the final four days
    later; a wrong score of it is contradicted."""
    text = ("Italy beat West Germany 4-3 after extra time in the 1970 World Cup semi-final in "
            "Mexico City. Italy lost the final {} to Brazil.")
    right = _one(store, text.format("4-1"), "Brazil")
    assert right.verdict == SUPPORTED and "21 Jun 1970" in (right.data_value or "")
    assert _one(store, text.format("3-1"), "Brazil").verdict == CONTRADICTED


def test_a_loose_time_a_little_outside_its_range_is_unclear(store) -> None:
    """Rodri's 39th-minute equaliser "just before half-time" (strictly 40-45) is unclear, not
    contradicted; "just after half-time" (46-50, 5 minutes' slack) for it is contradicted."""
    text = ("Spain beat Georgia 4-1 in Cologne on 30 June 2024 at the Euro. Robin Le Normand's "
            "own goal put Georgia ahead, but Rodri equalised {}.")
    loose = _one(store, text.format("just before half-time"), "half-time", kind="goal_minute")
    assert loose.verdict == UNCLEAR
    far = _one(store, text.format("just after half-time"), "half-time", kind="goal_minute")
    assert far.verdict == CONTRADICTED


def test_an_editions_name_year_is_the_year_it_was_played(store) -> None:
    """"Euro 2020" was played in 2021: the round-of-16 shoot-out in Bucharest is this match,
    not an earlier meeting "in 2020"."""
    text = ("BUCHAREST, June 28 - Switzerland knocked France out of Euro 2020, winning 5-4 on "
            "penalties after a 3-3 draw.")
    report = check(store, text)
    assert report.match.date.isoformat() == "2021-06-28"
    assert [c.verdict for c in report.claims if c.kind != "venue"] == [SUPPORTED] * len(
        [c for c in report.claims if c.kind != "venue"])


def test_colon_scores_are_scores_and_clock_times_are_not(store) -> None:
    """"beat Germany 2:1" is the score (and "3:1" contradicted); "16:00 local time" and
    "6:45 pm" are times, not scores; the claim keeps its place in the original text."""
    text = ("Japan beat Germany {} in Al Rayyan on 23 November 2022 at the World Cup. Kick-off "
            "was at 16:00 local time and it ended at 6:45 pm.")
    report = check(store, text.format("2:1"))
    score = next(c for c in report.claims if c.kind == "final_score")
    assert score.verdict == SUPPORTED and report.text[score.start: score.end] == "2:1"
    assert [c.kind for c in report.claims].count("final_score") == 1
    assert not [c for c in report.claims if c.kind == "running_score"]
    wrong = check(store, text.format("3:1"))
    assert next(c for c in wrong.claims if c.kind == "final_score").verdict == CONTRADICTED


def test_nicknames_and_demonyms_of_many_teams_name_them(store) -> None:
    """"El Tri" (Mexico) and "the Poles" (Poland) locate Mexico 0-0 Poland of 2022 with no
    team's own name written; "Seleção" (Brazil's and Portugal's) names no team."""
    text = "El Tri were held 0-0 by the Poles in Doha on 22 November 2022 at the World Cup."
    report = check(store, text)
    assert {report.match.home_team, report.match.away_team} == {"Mexico", "Poland"}
    assert _one(store, text, "0-0").verdict == SUPPORTED
    from scoreline.writing.claims.names import TeamFinder

    finder = TeamFinder(store.teams())
    assert finder.find("the Seleção won 2-0") == []


def test_first_meeting_of_the_sides(store) -> None:
    """"the first time the teams had met" (England v Iran 2022: supported), "had never met
    before" (Germany v Japan had met twice in friendlies: contradicted), "first competitive
    meeting" (friendlies left out: supported), "first meeting ... since 2018" (no such claim)."""
    def first(text: str) -> list:
        return [c for c in _claims(store, text) if c.kind == "first_meeting"]

    assert [c.verdict for c in first("England beat Iran 6-2 in Al Rayyan on 21 November 2022. "
                                     "It was the first time the teams had met.")] == [SUPPORTED]
    gj = "Japan beat Germany 2-1 in Al Rayyan on 23 November 2022. "
    assert [c.verdict for c in first(gj + "The two nations had never met before.")] == [CONTRADICTED]
    assert [c.verdict for c in first(gj + "It was the first competitive meeting of the two "
                                     "sides.")] == [SUPPORTED]
    assert first("Brazil beat Serbia 2-0 in Lusail on 24 November 2022. It was the first "
                 "meeting of the teams since 2018.") == []


def test_all_meetings_with_or_without_this_match(store) -> None:
    """Costa Rica 2-4 Germany (2022), their second meeting after 4-2 in 2006: "Germany have now
    won both meetings between the sides" counts this match (supported); "all three meetings"
    is contradicted; "both previous meetings" leaves this match out (only one: contradicted)."""
    base = "Germany beat Costa Rica 4-2 in Al Khor on 1 December 2022 at the World Cup. "

    def h2h(text: str) -> list:
        return [c.verdict for c in _claims(store, base + text) if c.kind == "head_to_head"]

    assert h2h("Germany have now won both meetings between the sides.") == [SUPPORTED]
    assert h2h("Germany have now won all three meetings between the sides.") == [CONTRADICTED]
    assert h2h("Germany had won both previous meetings.") == [CONTRADICTED]


GER_JPN = ("2022-11-23", "Germany", "Japan")


def test_minutes_remaining_count_back_from_full_time(store) -> None:
    """Dōan's 75th-minute equaliser "with 15 minutes remaining" is supported ("after 15
    minutes" would not be); "with 20 minutes left" is contradicted."""
    text = "Japan beat Germany 2-1. Substitute Ritsu Doan levelled with {} minutes {}."
    right = _one(store, text.format(15, "remaining"), "remaining", GER_JPN, kind="goal_minute")
    assert right.verdict == SUPPORTED
    wrong = _one(store, text.format(20, "left"), "left", GER_JPN, kind="goal_minute")
    assert wrong.verdict == CONTRADICTED


def test_twice_in_n_minutes_is_the_team_named_before(store) -> None:
    """"Japan, who scored twice in eight minutes" (75', 83') is Japan's, supported, though the
    sentence opens with Germany; "twice in five minutes" is contradicted."""
    text = ("Germany led at the break, but the second half belonged to Japan, who scored twice "
            "in {} minutes.")
    ok = _one(store, "Japan beat Germany 2-1. " + text.format("eight"), "twice", GER_JPN,
              kind="goal_window")
    assert ok.verdict == SUPPORTED
    bad = _one(store, "Japan beat Germany 2-1. " + text.format("five"), "twice", GER_JPN,
               kind="goal_window")
    assert bad.verdict == CONTRADICTED


def test_a_time_after_a_goal_is_not_carried_to_the_next_scorer(store) -> None:
    """"Messi scored twice, in the 23rd minute from the spot and in extra time, and Di María
    added a second": the 23rd minute is not Di María's (36'), so nothing is contradicted."""
    text = ("Argentina drew 3-3 with France in Lusail on 18 December 2022 and won the World Cup "
            "on penalties. Lionel Messi scored twice, in the 23rd minute from the spot and in "
            "extra time, and Angel Di Maria added a second before half-time.")
    claims = _claims(store, text)
    assert not [c for c in claims if c.verdict == CONTRADICTED], [
        (c.text, c.evidence) for c in claims if c.verdict == CONTRADICTED]
    assert _one(store, text, "Di Maria", kind="goal").verdict == SUPPORTED


def test_a_game_to_spare_and_a_second_straight_win_are_not_standings(store) -> None:
    """"through to the knockout stage with a game to spare after a second straight win" gives
    no points total ("a game") and no place ("second straight"), so nothing is contradicted;
    "top Group G with six points" is still read and supported."""
    text = ("Brazil beat Switzerland 1-0 in Doha on 28 November 2022. Brazil are through to the "
            "knockout stage with a game to spare after a second straight win.")
    claims = _claims(store, text)
    assert not [c for c in claims if c.verdict == CONTRADICTED], [
        (c.text, c.evidence) for c in claims if c.verdict == CONTRADICTED]
    top = ("Brazil beat Switzerland 1-0 in Doha on 28 November 2022. Brazil top Group G with "
           "six points.")
    assert _one(store, top, "six points", kind="standing").verdict == SUPPORTED


def test_a_comeback_is_the_team_of_the_scorers_named_before_it(store) -> None:
    """AFCON 2023 final, Ivory Coast 2-1 Nigeria: "Troost-Ekong headed Nigeria in front before
    Kessié and Haller turned it around" is Ivory Coast's comeback (supported), though the
    sentence opens with a Nigerian; "Nigeria came from behind" is contradicted."""
    base = "Ivory Coast beat Nigeria 2-1 in Ebimpé on 11 February 2024. "
    turned = _one(store, base + "William Troost-Ekong headed Nigeria in front before Franck "
                  "Kessie and Sebastien Haller turned it around.", "turned it around",
                  kind="comeback")
    assert turned.verdict == SUPPORTED and "Ivory Coast trailed" in turned.evidence
    wrong = _one(store, base + "Nigeria came from behind.", "came from behind", kind="comeback")
    assert wrong.verdict == CONTRADICTED


def test_former_names_are_teams_and_their_matches_are_other_matches(store) -> None:
    """1966: "the Soviet Union" (the data's Russia) names another team, so the 2-1 of a
    clause about the semi-final is that match's score (supported as such), not a wrong
    final score of the final."""
    text = ("England beat West Germany 4-2 after extra time at Wembley on 30 July 1966. "
            "Helmut Haller, who had also scored when the Germans saw off the Soviet Union 2-1 "
            "in the semi-final, opened the scoring.")
    claims = _claims(store, text)
    assert not any(c.verdict == CONTRADICTED for c in claims), \
        [(c.kind, c.text, c.verdict) for c in claims]
    other = _one(store, text, "2-1", kind="other_match")
    assert other.verdict == SUPPORTED and "Russia" in (other.evidence or "")


def test_a_player_steering_his_team_home_is_not_a_defeat_of_that_team(store) -> None:
    """"Hurst edged England ahead" is a goal for England, not a win over England; a
    real win over England ("Iceland edged England") is still read as one."""
    text = ("England beat West Germany 4-2 after extra time at Wembley on 30 July 1966. "
            "In extra time Geoff Hurst edged England ahead again.")
    assert not any(c.kind == "winner" and c.verdict == CONTRADICTED
                   for c in _claims(store, text))
    euro = ("Iceland edged England 2-1 in Nice on 27 June 2016 to reach the quarter-finals "
            "of the European Championship.")
    assert _one(store, euro, "edged England", kind="winner").verdict == SUPPORTED


def test_a_player_named_by_his_first_two_names_is_that_scorer(store) -> None:
    """Basra 2019: the data's scorer is "Ali Adnan Kadhim"; a report writing "Ali Adnan"
    names him (supported), while a name sharing only a first name ("Ali Daei") still did
    not score."""
    text = ("Iraq beat Hong Kong 2-0 in a World Cup qualifier in Basra on 10 October 2019. "
            "Ali Adnan scored the second goal from the penalty spot.")
    assert _one(store, text, "Ali Adnan", kind="goal").verdict == SUPPORTED
    wrong = text.replace("Ali Adnan", "Ali Daei")
    assert _one(store, wrong, "Ali Daei", kind="goal").verdict == CONTRADICTED


def test_name_score_reads_names_in_order_and_resemblance_by_surname() -> None:
    """Two names in order inside a longer full name score as a match; a shared surname is
    a resemblance, a shared first name is not."""
    from scoreline.writing.claims.names import name_score, resembles

    assert name_score("Ali Adnan", "Ali Adnan Kadhim") >= 95
    assert name_score("Adnan Kadhim", "Ali Adnan Kadhim") >= 95
    assert name_score("Ali Daei", "Ali Adnan Kadhim") < 85
    assert resembles("Heung-min Son", "Son Heung-min")
    assert not resembles("Ali Daei", "Ali Karimi")


def test_an_exit_in_a_knockout_report_is_this_matchs_result(store) -> None:
    """Nice 2016, round of 16: "England were knocked out" is supported by this match (no
    later match), though England got through their group; "Iceland went out" is
    contradicted (they played France next); a head in "hands on their head" is no place
    in a table."""
    text = ("Iceland beat England 2-1 in Nice on 27 June 2016, and England were knocked out "
            "of the European Championship. England's players stood with their hands on their "
            "head after being eliminated.")
    claims = _claims(store, text)
    standing = [c for c in claims if c.kind == "standing"]
    assert standing and all(c.verdict == SUPPORTED for c in standing), \
        [(c.text, c.verdict, c.evidence) for c in standing]
    wrong = ("Iceland beat England 2-1 in Nice on 27 June 2016, but Iceland went out of the "
             "European Championship.")
    out = _one(store, wrong, "went out", kind="standing")
    assert out.verdict == CONTRADICTED and "after this match" in (out.data_value or "")


def test_an_exit_in_another_year_is_not_this_editions(store) -> None:
    """Kazan 2018: "Germany went out" is true of this group; a clause about 2022 names
    another edition, so it is not checked against the 2018 group."""
    text = ("South Korea beat Germany 2-0 in Kazan on 27 June 2018 and Germany went out of "
            "the World Cup in the group stage.")
    assert _one(store, text, "went out", kind="standing").verdict == SUPPORTED
    other = ("South Korea beat Germany 2-0 in Kazan on 27 June 2018; four years later, in "
             "2022, Germany went through from their group in Qatar.")
    assert not [c for c in _claims(store, other) if c.kind == "standing"]


def test_a_first_title_in_n_years_counts_back_from_the_match(store) -> None:
    """Barcelona 1982: "a first world title in 12 years" for Brazil is their last title
    (1970) twelve years before; "in 20 years" is contradicted."""
    text = ("Italy beat Brazil 3-2 in Barcelona on 5 July 1982, ending Brazil's hopes of a "
            "first World Cup triumph in 12 years.")
    assert _one(store, text, "first World Cup", kind="title").verdict == SUPPORTED
    wrong = text.replace("12 years", "20 years")
    assert _one(store, wrong, "first World Cup", kind="title").verdict == CONTRADICTED


def test_the_match_year_is_no_sign_of_another_meeting(store) -> None:
    """"On this day in 1982 ... 3-1" about a match of 1982 that ended 3-2 is a wrong score
    of this match, not a score of another meeting."""
    text = ("Remembering Sarria: on this day in 1982 Paolo Rossi scored three as Italy beat "
            "Brazil 3-1 in Barcelona.")
    report = check(store, text, match=("1982-07-05", "Italy", "Brazil"))
    score = [c for c in report.claims if c.kind == "final_score"]
    assert score and score[0].verdict == CONTRADICTED


def test_an_earlier_score_in_the_opening_does_not_locate_the_report(store) -> None:
    """A report of Italy v Brazil (1982) whose second sentence gives Brazil's 3-1 over
    Argentina three days earlier, beside "having already beaten", is located as Italy v
    Brazil, not Argentina v Brazil."""
    text = ("Paolo Rossi came alive in Barcelona as Italy beat a dazzling Brazil at the 1982 "
            "World Cup. Both sides having already beaten Argentina, Brazil's 3-1 margin meant a "
            "draw would have been enough for them. Rossi scored three times for Italy.")
    report = check(store, text)
    assert (report.match.home_team, report.match.away_team) == ("Italy", "Brazil")


def test_late_in_the_first_half_is_not_late_in_the_match(store) -> None:
    """Doha 2022: En-Nesyri's 42nd-minute header came "late in the first half" (supported);
    "late in the second half" is contradicted."""
    text = ("Morocco beat Portugal 1-0 on 10 December 2022. Youssef En-Nesyri headed the goal "
            "late in the first half.")
    claims = [c for c in _claims(store, text) if c.kind in ("goal", "goal_minute")]
    assert claims and all(c.verdict == SUPPORTED for c in claims), \
        [(c.kind, c.text, c.verdict, c.evidence) for c in claims]
    wrong = text.replace("first half", "second half")
    assert any(c.verdict == CONTRADICTED for c in _claims(store, wrong)
               if c.kind in ("goal", "goal_minute"))


def test_a_hoped_for_win_is_a_fixture_not_a_result(store) -> None:
    """Before the 2022 semi-final, "will hope to beat France" is a fixture that was played
    (supported), not a win that the data contradicts."""
    text = ("Morocco beat Portugal 1-0 on 10 December 2022 and will hope to beat France in "
            "the semi-final.")
    found = [c for c in _claims(store, text) if "France" in c.text]
    assert found and all(c.verdict != CONTRADICTED for c in found)
    assert any(c.kind == "fixture" and c.verdict == SUPPORTED for c in found)


def test_goal_minutes_and_a_spaced_surname_tell_two_meetings_apart(store) -> None:
    """Morocco and Portugal met 1-0 at the 2018 and 2022 World Cups; a report with no date
    that names "En Nesyri" (the data: En-Nesyri) and the 42nd minute is about 2022."""
    text = ("Morocco beat Portugal 1-0 at the World Cup. En Nesyri scored in the 42nd minute "
            "and Morocco held on.")
    assert check(store, text).match.date.isoformat() == "2022-12-10"


def test_drew_first_blood_and_drew_level_are_no_drawn_result(store) -> None:
    """Abu Dhabi 2019: "Qatar drew first blood" and "Japan drew level" say who scored, not
    that the final ended level; "the final was drawn" is still contradicted."""
    text = ("Qatar beat Japan 3-1 in the Asian Cup final on 1 February 2019. Qatar drew first "
            "blood through Almoez Ali, and Japan never drew level.")
    assert not any(c.kind == "winner" and c.verdict == CONTRADICTED
                   for c in _claims(store, text))
    wrong = ("Qatar and Japan drew 1-1 in the Asian Cup final in Abu Dhabi on 1 February "
             "2019.")
    assert any(c.verdict == CONTRADICTED for c in _claims(store, wrong))
