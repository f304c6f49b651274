"""Read an article safely and cut it into clean sentences.

Cleaning keeps what the checker can check and sets aside what it cannot, with why:
quoted speech, the date line of an embedded social-media post, links and handles.
Hashtags become words (``#FIFAWorldCup`` -> ``FIFA World Cup``, ``#Qatar2022`` ->
``Qatar 2022``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from scoreline.errors import ArticleError
from scoreline.writing.claims import patterns

#: Largest article accepted, in bytes (a long feature is ~50 kB).
MAX_ARTICLE_BYTES = 1_000_000

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
MONTH_RE = "|".join(_MONTHS) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"

_QUOTE_RE = patterns.compile(r"[\"“”](?P<q>[^\"“”]{12,})[\"“”]")
_POST_RE = patterns.compile(
    rf"[—–-]\s*[^()\n]{{0,60}}\(@\w+\)\s*(?P<date>(?:{MONTH_RE})\s+\d{{1,2}},\s*\d{{4}})")
_URL_RE = patterns.compile(r"\b(?:https?://\S+|pic\.twitter\.com/\S+|www\.\S+)")
_HANDLE_RE = patterns.compile(r"(?<!\w)@\w+")
_HASHTAG_RE = patterns.compile(r"#(\w+)")
_SENTENCE_END = patterns.compile(r"(?<![\s.][A-Z]\.)(?<!\bSt\.)(?<!\bNo\.)(?<=[.!?])[\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9])")


class Traced:
    """Text that remembers, for each character, its offset in the original article.

    Cleaning (rejoined hard wraps, quotes and links removed, hashtags as words) changes the
    text; the offsets let every claim point back at the words as written.
    """

    __slots__ = ("origin", "text")

    def __init__(self, text: str, origin: list[int]) -> None:
        self.text = text
        #: ``origin[i]`` is the article offset of ``text[i]``; one extra entry for the end.
        self.origin = origin

    @classmethod
    def of(cls, text: str, offset: int = 0) -> Traced:
        """``text`` found at ``offset`` of the article."""
        return cls(text, list(range(offset, offset + len(text) + 1)))

    def sub(self, regex: re.Pattern[str], repl: Callable[[re.Match[str]], str] | str) -> Traced:
        """``regex.sub`` that keeps the offsets (replacement characters point at the match)."""
        parts: list[str] = []
        origin: list[int] = []
        pos = 0
        for m in regex.finditer(self.text):
            parts.append(self.text[pos:m.start()])
            origin.extend(self.origin[pos:m.start()])
            new = repl(m) if callable(repl) else m.expand(repl)
            width = max(1, m.end() - m.start())
            parts.append(new)
            origin.extend(self.origin[m.start() + min(i, width - 1)] for i in range(len(new)))
            pos = m.end()
        parts.append(self.text[pos:])
        origin.extend(self.origin[pos:])
        return Traced("".join(parts), origin)

    def slice(self, start: int, end: int) -> Traced:
        """``text[start:end]`` with its offsets."""
        return Traced(self.text[start:end], [*self.origin[start:end], self._end(end)])

    def strip(self) -> Traced:
        """Without leading and trailing white space."""
        body = self.text.strip()
        if not body:
            return self.slice(0, 0)
        first = len(self.text) - len(self.text.lstrip())
        return self.slice(first, first + len(body))

    def _end(self, end: int) -> int:
        if end <= 0:
            return self.origin[0]
        return self.origin[end - 1] + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Article offsets ``[start, end)`` of ``text[start:end]``."""
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        return self.origin[start], max(self.origin[start], self._end(end))


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
    traced : Traced
        ``text`` with the article offset of each character.
    start, end : int
        Character offsets of the sentence in the article.
    dateline : bool
        True for the place and date that open a wire report ("BERLIN, July 14 -").
    """

    index: int
    original: str
    text: str
    traced: Traced
    start: int
    end: int
    dateline: bool = False

    def span_of(self, words: str, after: int = 0) -> tuple[int, int]:
        """Article offsets of ``words`` in this sentence (white space may differ); the whole
        sentence when the words are not found as written."""
        i = self.text.find(words, after)
        if i < 0:
            i = self.text.find(words)
        if i >= 0:
            return self.traced.span(i, i + len(words))
        tokens = words.split()
        if tokens:
            rx = patterns.compile(r"\s+".join(re.escape(t) for t in tokens), re.IGNORECASE)
            m = rx.search(self.text)
            if m:
                return self.traced.span(m.start(), m.end())
        return self.start, self.end


@dataclass
class Article:
    """A readable article and what was set aside while cleaning it.

    Attributes
    ----------
    text : str
        The whole text (normalised to NFC).
    sentences : list of Sentence
    set_aside : list of (str, str, int, int)
        ``(passage, why it cannot be checked, start, end)``: quotes and social-media post
        dates, with their offsets in ``text``.
    """

    text: str
    sentences: list[Sentence]
    set_aside: list[tuple[str, str, int, int]] = field(default_factory=list)


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


_BLOCK_BREAK = patterns.compile(r"\n\s*\n")
_HARD_WRAP = patterns.compile(r"(?<![.!?:\"”’])[ \t]*\n[ \t]*(?=\S)")
_HEADLINE_END = patterns.compile(r"\n+")
_SPACES = patterns.compile(r"\s+")
_FIFA_TAG = patterns.compile(r"#FIFAWorldCup\b")


#: A line at least this long that ends without punctuation was wrapped by an editor; a
#: shorter one (a headline, a list item, a goal line "24' - Costa") stands alone.
WRAP_MIN_CHARS = 50

_DATELINE = patterns.compile(
    rf"^(?P<place>[A-Z][A-Z.'’ -]+[A-Z](?:,\s+[A-Z][A-Za-z]+(?:\s[A-Z][a-z]+)*)?)"
    rf"(?:,\s+(?P<date>(?:{MONTH_RE})\.?\s+\d{{1,2}}))?\s*(?:\([^)]{{1,40}}\)\s*)?"
    r"(?:[-–—]+|:)\s+(?=[A-Z\"“])")

#: A dateline in title case ("Yaoundé —", "Rio de Janeiro, July 16 –"): read only at the
#: start of the first paragraphs, and only before a spaced dash, where a sentence rarely
#: puts its subject alone.
_TITLE_DATELINE = patterns.compile(
    r"^(?P<place>[A-ZÀ-ÖØ-Þ][^\W\d_]+(?:[ -](?:[A-ZÀ-ÖØ-Þ][^\W\d_]+|de|da|do|del|la|el|al|am|"
    r"sur|upon)){0,3}(?:,\s+[A-ZÀ-ÖØ-Þ][^\W\d_]+(?:\s[A-ZÀ-ÖØ-Þ][^\W\d_]+){0,2})?)"
    rf"(?:,\s+(?P<date>(?:{MONTH_RE})\.?\s+\d{{1,2}}))?\s*(?:\([^)]{{1,40}}\)\s*)?"
    r"\s(?:[–—]+|-+)\s+(?=[A-Z\"“])")

#: How many paragraphs from the top a title-case dateline may stand in (headline, standfirst).
_TITLE_DATELINE_BLOCKS = 3


#: "2:1", as many outlets write a score; "16:00" or "9:30 pm" is a time.
_COLON_SCORE = patterns.compile(r"(?<![\d:.,])(\d{1,2}):(\d{1,2})(?![\d:.,])")
_TIME_AROUND = patterns.compile(r"\s*(?:a\.?m\.?|p\.?m\.?|h\b|hrs\b|GMT|UTC|CET|CEST|BST|ET\b|local)",
                          re.IGNORECASE)
_TIME_BEFORE = patterns.compile(r"\b(?:at|from|until|till|by|kick-?off|kicks off|starts?)\s*$", re.IGNORECASE)


def _colon_score(m: re.Match[str]) -> str:
    """A colon score as "2-1" (same length, so offsets hold); a time is left as it is."""
    a, b = m.group(1), m.group(2)
    before = m.string[max(0, m.start() - 12): m.start()]
    is_time = (len(b) == 2 and b.startswith("0")) or int(b) > 15 or int(a) > 15 or (
        int(a) >= 10 and int(b) >= 10) or _TIME_AROUND.match(m.string, m.end()) is not None or (
        _TIME_BEFORE.search(before) is not None)
    return m.group(0) if is_time else f"{a}-{b}"


def _join_wrapped(m: re.Match[str]) -> str:
    line_start = m.string.rfind("\n", 0, m.start()) + 1
    line = m.string[line_start: m.start()].strip()
    return " " if len(line) >= WRAP_MIN_CHARS else "\n"


def _blocks(text: str) -> list[Traced]:
    out = []
    pos = 0
    for m in _BLOCK_BREAK.finditer(text):
        out.append(Traced.of(text[pos:m.start()], pos))
        pos = m.end()
    out.append(Traced.of(text[pos:], pos))
    return out


def _pieces(block: Traced) -> list[Traced]:
    """Sentences of a paragraph: split after . ! ? and at line breaks left in the block."""
    out = []
    pos = 0
    splitter = patterns.compile(r"\n+|" + _SENTENCE_END.pattern)
    for m in splitter.finditer(block.text):
        out.append(block.slice(pos, m.start()))
        pos = m.end()
    out.append(block.slice(pos, len(block.text)))
    return out


def split_article(text: str, is_city: Callable[[str], bool] | None = None) -> Article:
    """Cut ``text`` into cleaned sentences (see the module docstring).

    A headline, a dateline ("BERLIN, July 14 -") and every line of a list stand alone: a
    line of a paragraph with no closing punctuation is rejoined only when the next line
    starts in lower case (a hard wrap), never across a blank line. A dateline in title case
    ("Yaoundé — ...") is taken only when ``is_city`` knows its place (so a sentence opening
    "Sadio Mané — ..." keeps its subject).
    """
    article = Article(text=text, sentences=[])
    index = 0
    paragraphs = 0
    for raw in _blocks(text):
        block = raw.strip()
        if not block.text:
            continue
        paragraphs += 1
        block = block.sub(_HARD_WRAP, _join_wrapped)
        for q in _QUOTE_RE.finditer(block.text):
            a, b = block.span(q.start(), q.end())
            article.set_aside.append(
                (q.group(0), "quoted speech: scoreline holds results, not what people said", a, b))
        block = block.sub(_QUOTE_RE, " [quote] ")
        post = _POST_RE.search(block.text)
        if post:
            a, b = block.span(post.start(), post.end())
            article.set_aside.append(
                (post.group(0).strip(" —–-"), "the date of a social-media post, not of a match",
                 a, b))
            block = block.sub(patterns.compile(re.escape(post.group(0))), "")
        pieces = _pieces(block)
        head = _DATELINE.match(pieces[0].text) if pieces else None
        if head is None and pieces and paragraphs <= _TITLE_DATELINE_BLOCKS:
            head = _TITLE_DATELINE.match(pieces[0].text)
            if head is not None and (is_city is None
                                     or not is_city(head.group("place").split(",")[0])):
                head = None
        if head is not None:
            first = pieces[0]
            pieces[0:1] = [first.slice(0, head.end()).strip(),
                           first.slice(head.end(), len(first.text))]
        for k, piece in enumerate(pieces):
            piece = piece.strip()
            if not piece.text:
                continue
            clean = piece.sub(_URL_RE, " ").sub(_HANDLE_RE, " ")
            clean = clean.sub(_FIFA_TAG, "FIFA World Cup").sub(_HASHTAG_RE, _hashtag)
            clean = clean.sub(_COLON_SCORE, _colon_score)
            clean = clean.sub(_SPACES, " ").strip()
            if clean.text and clean.text != "[quote]":
                a, b = piece.span(0, len(piece.text))
                article.sentences.append(Sentence(index=index, original=piece.text,
                                                  text=clean.text, traced=clean, start=a, end=b,
                                                  dateline=head is not None and k == 0))
                index += 1
    return article
