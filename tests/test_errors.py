"""The error tree crosses process boundaries whole (the web server's heavy workers raise
errors that the server process answers)."""

from __future__ import annotations

import pickle

import pytest

from scoreline.errors import (
    ArticleTooLargeError,
    BusyError,
    DataValidationError,
    ScorelineError,
    UnknownMatchError,
    UnknownTeamError,
)


@pytest.mark.parametrize("error", [
    UnknownTeamError("Germny", ["Germany", "Guernsey"]),
    UnknownMatchError("no match of Peru and Chile on 2013-02-07", ["2013-02-06"]),
    BusyError("the server is busy", 7),
    DataValidationError(["results.csv:3: home_score is not a number"], total=1),
    ArticleTooLargeError(2_000_000),
], ids=lambda e: type(e).__name__)
def test_errors_pickle_with_their_message_and_attributes(error: ScorelineError) -> None:
    """An error whose constructor takes other arguments than its message comes back from
    pickle as the same class, message and attributes (suggestions, retry_after, ...)."""
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error) and str(back) == str(error)
    assert back.__dict__ == error.__dict__ and back.args == error.args
