"""Word alternations written as prefix trees match what the sorted word lists match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoreline.writing.claims import numbers
from scoreline.writing.claims.alternation import word_alternation


def sorted_alternation(words: list[str] | set[str] | dict[str, int]) -> str:
    """The plain form: every word escaped, longest first."""
    return "(?:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + ")"


_WORDS = st.lists(st.text(alphabet="ab -", min_size=1, max_size=5), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(words=_WORDS, text=st.text(alphabet="ab -x", max_size=30))
def test_tree_finds_what_the_sorted_list_finds(words: list[str], text: str) -> None:
    """Every match (position and length, backtracking included: the word must be followed
    by "x" or the end) is the same for the tree and for the sorted list."""
    for tail in ("", r"(?=x|$)", r"b"):
        tree = re.compile(word_alternation(words) + tail)
        plain = re.compile(sorted_alternation(words) + tail)
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_empty_input_is_refused() -> None:
    """An alternation of nothing, or of the empty word, is an error, not a pattern that
    matches everywhere."""
    with pytest.raises(ValueError, match="at least one word"):
        word_alternation([])
    with pytest.raises(ValueError, match="empty word"):
        word_alternation(["one", ""])


def test_number_words_match_as_before() -> None:
    """NUMBER_RE (compounds factored out) finds every number word, each inside other text,
    at the same place and length as the sorted list of all of them did."""
    listed = r"(?:\d{1,3}|" + sorted_alternation(numbers.WORD_NUMBERS) + ")"
    old = re.compile(rf"\b({listed})\b", re.IGNORECASE)
    new = re.compile(rf"\b({numbers.NUMBER_RE})\b", re.IGNORECASE)
    assert len(numbers.NUMBER_RE) < 500  # the point of the tree: the list was 2,077 characters
    for word in numbers.WORD_NUMBERS:
        for text in (word, f"scored {word} goals", f"{word}-nil", f"x {word.upper()}teen",
                     f"{word} {word}", f"after {word}-one minutes", "sixty-"):
            assert [(m.span(), m.group(1)) for m in new.finditer(text)] == \
                [(m.span(), m.group(1)) for m in old.finditer(text)], text
        whole = new.fullmatch(word)
        assert whole is not None and numbers.to_number(whole.group(1)) == numbers.WORD_NUMBERS[word]


def test_months_match_as_before() -> None:
    """Dates with month names and abbreviations ("Nov 23", "23rd of March 2018") are found
    as before the month list became a tree (a lower-case "may" is the verb, not a date)."""
    found = numbers.find_dates("On Nov 23, 2022 and on 23rd of March 2018; Sept 1; may 5; "
                               "the 4 Jun match")
    assert [(d.month, d.day, d.year) for d in found] == [
        (11, 23, 2022), (3, 23, 2018), (9, 1, None), (6, 4, None)]
