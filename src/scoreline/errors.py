"""The one exception tree of scoreline.

Every error scoreline raises on purpose is a :class:`ScorelineError`. Each subclass
also derives from the matching built-in (``ValueError``, ``LookupError``, ...), so
callers may catch either. Messages give the bad value, what was expected and what
to do next.
"""

from __future__ import annotations

from collections.abc import Sequence


class ScorelineError(Exception):
    """Root of every error scoreline raises on purpose."""

    def __reduce__(self) -> tuple[object, ...]:
        # Subclasses take other constructor arguments than their message; rebuilding from
        # the message and the attributes lets an error raised in a worker process (the web
        # server's heavy pool) arrive whole, suggestions and all.
        return (_rebuild_error, (type(self), self.args, dict(self.__dict__)))


def _rebuild_error(cls: type[ScorelineError], args: tuple[object, ...],
                   state: dict[str, object]) -> ScorelineError:
    """A :class:`ScorelineError` from its pickled parts (see ``ScorelineError.__reduce__``)."""
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class DataValidationError(ScorelineError, ValueError):
    """A source file does not hold what scoreline expects.

    Attributes
    ----------
    problems : list of str
        One ``file:line: field: what was wrong, what was expected`` line per problem
        (capped; ``total`` counts them all).
    total : int
        How many problems were found in all.
    """

    def __init__(self, problems: Sequence[str], total: int | None = None) -> None:
        self.problems = list(problems)
        self.total = total if total is not None else len(self.problems)
        shown = "\n".join(self.problems)
        more = self.total - len(self.problems)
        tail = f"\n... and {more} more" if more > 0 else ""
        head = "1 problem" if self.total == 1 else f"{self.total} problems"
        super().__init__(f"{head} in the source data; nothing was loaded:\n{shown}{tail}")


class DataSourceError(ScorelineError, OSError):
    """The data could not be found, downloaded or verified."""


class StoreError(ScorelineError, RuntimeError):
    """The DuckDB store is missing, empty, locked or from an incompatible version."""


class UnknownTeamError(ScorelineError, LookupError):
    """A team name matches no team in the data.

    Attributes
    ----------
    name : str
        The name as given.
    suggestions : list of str
        The closest known names, best first.
    """

    def __init__(self, name: str, suggestions: Sequence[str]) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        hint = ", ".join(repr(s) for s in self.suggestions)
        msg = f"unknown team {name!r}"
        if hint:
            msg += f"; did you mean {hint}?"
        super().__init__(msg)

    def __str__(self) -> str:  # LookupError would otherwise quote the message
        return str(self.args[0])


class UnknownMatchError(ScorelineError, LookupError):
    """No match in the data has this date and these teams.

    Attributes
    ----------
    suggestions : list of str
        Nearby matches, by date and by teams, as readable one-liners.
    """

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        self.suggestions = list(suggestions)
        if self.suggestions:
            message += "; nearest matches: " + "; ".join(self.suggestions)
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


class NotFittedError(ScorelineError, AttributeError):
    """A model was used before ``fit`` was called."""


class InvalidParameterError(ScorelineError, ValueError):
    """A parameter or argument is out of its allowed range or of the wrong form."""


class FormatError(ScorelineError, ValueError):
    """A tournament format file is inconsistent (names the file, the place, the problem)."""


class ArticleError(ScorelineError, ValueError):
    """An article cannot be checked (empty, not text, too large, or about no match)."""


class OutputError(ScorelineError, OSError):
    """An output file cannot be written (a folder, a missing folder, no permission)."""


class BusyError(ScorelineError, RuntimeError):
    """The server's heavy-work queue is full or a request ran past its time budget.

    ``retry_after`` is the number of seconds after which a retry is likely to succeed.
    """

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.retry_after = retry_after


#: Largest article the claim checker accepts, in bytes of UTF-8 (a long feature is ~50 kB).
MAX_ARTICLE_BYTES = 1_000_000


class ArticleTooLargeError(ArticleError):
    """An article over :data:`MAX_ARTICLE_BYTES` (the web app answers it with 413)."""

    def __init__(self, size_bytes: int, where: str = "the article") -> None:
        super().__init__(
            f"{where} is {size_bytes:,} bytes; scoreline checks articles up to "
            f"{MAX_ARTICLE_BYTES:,} bytes (1 MB) of UTF-8 text")
        self.size_bytes = size_bytes
class OptionalDependencyError(ScorelineError, ImportError):
    """An optional extra is needed but not installed (the message gives the install command)."""


class TaskError(ScorelineError, RuntimeError):
    """A task of a parallel job failed (the message names the task: model, setting, fold)."""


__all__ = [
    "MAX_ARTICLE_BYTES",
    "ArticleError",
    "ArticleTooLargeError",
    "BusyError",
    "DataSourceError",
    "DataValidationError",
    "FormatError",
    "InvalidParameterError",
    "NotFittedError",
    "OptionalDependencyError",
    "OutputError",
    "ScorelineError",
    "StoreError",
    "TaskError",
    "UnknownMatchError",
    "UnknownTeamError",
]

