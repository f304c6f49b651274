"""Read an article safely and cut it into clean sentences.

Cleaning keeps what the checker can check and sets aside what it cannot, with why:
quoted speech, the date line of an embedded social-media post, links and handles.
Hashtags become words (``#FIFAWorldCup`` -> ``FIFA World Cup``, ``#Qatar2022`` ->
``Qatar 2022``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from scoreline.errors import ArticleError

#: Largest article accepted, in bytes (a long feature is ~50 kB).
MAX_ARTICLE_BYTES = 1_000_000

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
MONTH_RE = "|".join(_MONTHS) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"

_QUOTE_RE = re.compile(r"[\"“”](?P<q>[^\"“”]{12,})[\"“”]")
_POST_RE = re.compile(
    rf"[—–-]\s*[^()\n]{{0,60}}\(@\w+\)\s*(?P<date>(?:{MONTH_RE})\s+\d{{1,2}},\s*\d{{4}})")
_URL_RE = re.compile(r"\b(?:https?://\S+|pic\.twitter\.com/\S+|www\.\S+)")
_HANDLE_RE = re.compile(r"(?<!\w)@\w+")
_HASHTAG_RE = re.compile(r"#(\w+)")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article.

    Attributes
    ----------
    index : int
        0-based position in the article.
    original : str
        As written.
    text : str
        Cleaned: quotes, links, handles and post date lines removed, hashtags as words.
    """

    index: int
    original: str
    text: str


@dataclass
class Article:
    """A readable article and what was set aside while cleaning it.

    Attributes
    ----------
    text : str
        The whole text (normalised to NFC).
    sentences : list of Sentence
    set_aside : list of (str, str)
        ``(passage, why it cannot be checked)``: quotes and social-media post dates.
    """

    text: str
    sentences: list[Sentence]
    set_aside: list[tuple[str, str]] = field(default_factory=list)


def decode_article(data: str | bytes) -> str:
    """The article as text, or ArticleError: empty, too large, binary or not UTF-8/Latin text."""
    if isinstance(data, bytes):
        size = len(data)
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(
                f"the article is {size / 1e6:.1f} MB; scoreline checks articles up to "
                f"{MAX_ARTICLE_BYTES / 1e6:.0f} MB of text")
        if b"\x00" in data[:65536]:
            raise ArticleError("the file is not text (it contains NUL bytes); give a plain-text article")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ArticleError(
                f"the file is not UTF-8 text (undecodable byte at offset {exc.start}); "
                "save the article as UTF-8 plain text") from None
    else:
        text = data
        if len(text) > MAX_ARTICLE_BYTES:
            raise ArticleError(
                f"the article is {len(text) / 1e6:.1f} million characters; scoreline checks "
                f"articles up to {MAX_ARTICLE_BYTES / 1e6:.0f} MB of text")
    if not text.strip():
        raise ArticleError("the article is empty")
    controls = sum(1 for c in text[:65536] if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 65536):
        raise ArticleError("the file does not look like text (too many control characters)")
    letters = sum(1 for c in text[:65536] if c.isalpha())
    if letters < 20:
        raise ArticleError("the article has almost no words; nothing to check")
    return unicodedata.normalize("NFC", text)


def _hashtag(match: re.Match[str]) -> str:
    tag = match.group(1)
    tag = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)", " ", tag)
    tag = tag.replace("FIFA World Cup", "FIFA World Cup").replace("FIFAWorld", "FIFA World")
    return tag


def split_article(text: str) -> Article:
    """Cut ``text`` into cleaned sentences (see the module docstring)."""
    article = Article(text=text, sentences=[])
    index = 0
    for block in re.split(r"\n\s*\n", text):
        # inside a paragraph, a line break after unpunctuated text is a hard wrap, not an end
        block = re.sub(r"(?<![.!?:\"”’])[ \t]*\n[ \t]*(?=\S)", " ", block.strip())
        block = block.strip()
        if not block:
            continue
        for q in _QUOTE_RE.finditer(block):
            article.set_aside.append(
                (q.group(0), "quoted speech: scoreline holds results, not what people said"))
        block = _QUOTE_RE.sub(" [quote] ", block)
        post = _POST_RE.search(block)
        if post:
            article.set_aside.append(
                (post.group(0).strip(" —–-"), "the date of a social-media post, not of a match"))
            block = block[: post.start()] + block[post.end():]
        for piece in re.split(r"\n+|" + _SENTENCE_END.pattern, block):
            piece = piece.strip()
            if not piece:
                continue
            clean = _URL_RE.sub(" ", piece)
            clean = _HANDLE_RE.sub(" ", clean)
            clean = re.sub(r"#FIFAWorldCup\b", "FIFA World Cup", clean)
            clean = _HASHTAG_RE.sub(_hashtag, clean)
            clean = re.sub(r"\s+", " ", clean).strip()
            if clean and clean != "[quote]":
                article.sentences.append(Sentence(index=index, original=piece, text=clean))
                index += 1
    return article
