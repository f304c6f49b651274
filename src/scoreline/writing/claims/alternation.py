"""Alternations of many literal words as compact regular expressions (a prefix tree).

The claim rules embed long lists of words in their patterns: the number words
("twenty-three", "a couple of", 178 of them), the months, every team name. Written as
``one|two|...`` sorted longest first, such a list makes every pattern that holds it
thousands of characters long, and Python's ``re`` spends most of an article check's
start-up parsing and compiling them. :func:`word_alternation` writes the same list as a
prefix tree (``twenty(?:[- ](?:one|two|...))?``), a fraction of the size, that matches
exactly what the sorted alternation matches, in the same order of preference.

Why the order is the same: where several words of the list match at one position of the
text, each is a prefix of the longest one, so they all lie on one path of the tree. At
every node the tree tries to go on before it tries to stop there (a greedy ``?``), so it
offers these matches longest first, as the sorted alternation does; siblings start with
different characters, so at most one of them matches the next character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""
"""The key marking that a word ends at a node of the tree."""

_Trie = dict[str, "_Trie"]


def word_alternation(words: Iterable[str]) -> str:
    """A regular expression (no capturing group) matching exactly one of ``words``.

    Equivalent, as part of any larger pattern, to
    ``"(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"``
    (the same strings, longest first on backtracking), but much shorter when the words
    share prefixes.

    Parameters
    ----------
    words : iterable of str
        Literal words (escaped here). Under ``re.IGNORECASE`` they must not hold two
        spellings that differ only by letter case (the tree would then try one before
        the other whatever their lengths).

    Raises
    ------
    ValueError
        When ``words`` is empty or holds the empty string.
    """
    root: _Trie = {}
    for word in set(words):
        if not word:
            raise ValueError("an alternation cannot hold the empty word")
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    if not root:
        raise ValueError("an alternation needs at least one word")
    return "(?:" + _branches(root) + ")"


def _branches(node: _Trie) -> str:
    """The alternatives below ``node`` (each starting with a different character)."""
    return "|".join(re.escape(char) + _after(node[char]) for char in sorted(node) if char)


def _after(node: _Trie) -> str:
    """What may follow the character that leads to ``node``."""
    children = [c for c in node if c]
    if not children:
        return ""
    if len(children) == 1:
        rest = re.escape(children[0]) + _after(node[children[0]])
        # one way on: a plain sequence, optional where a word also ends here
        return f"(?:{rest})?" if _END in node else rest
    return f"(?:{_branches(node)})" + ("?" if _END in node else "")
