"""The names journalists give competitions, mapped to the data's tournament names.

Reports say "the Africa Cup of Nations" or "Afcon" where the data says "African Cup of
Nations", "the Euros" or "the European Championship" for "UEFA Euro", "the Asian Cup" for
"AFC Asian Cup". One table serves every check that needs to know which competition a text
names (finding the article's match, "the first ... since" with a competition).
"""

from __future__ import annotations

import re

from scoreline.writing.claims import patterns

#: The data's tournament -> how reports write it (regular expressions, case-insensitive).
ALIASES: dict[str, tuple[str, ...]] = {
    "FIFA World Cup": (r"(?:fifa\s+)?world\s+cups?", r"mundial"),
    "UEFA Euro": (r"(?:uefa\s+)?euro(?:s|\s+(?:19|20)\d\d)?", r"european\s+championships?"),
    "Copa América": (r"copa\s+am[eé]rica",),
    "African Cup of Nations": (r"africa(?:n)?\s+cup\s+of\s+nations", r"afcon", r"can\s+(?:19|20)\d\d",
                               r"cup\s+of\s+nations"),
    "AFC Asian Cup": (r"(?:afc\s+)?asian\s+cup",),
    "Gold Cup": (r"(?:concacaf\s+)?gold\s+cup",),
    "UEFA Nations League": (r"(?:uefa\s+)?nations\s+league",),
    "CONCACAF Nations League": (r"(?:concacaf\s+)?nations\s+league",),
    "Confederations Cup": (r"confederations\s+cup",),
    "Arab Cup": (r"(?:fifa\s+)?arab\s+cup",),
    "Gulf Cup": (r"gulf\s+cup",),
    "AFF Championship": (r"aff\s+(?:championship|cup)", r"suzuki\s+cup", r"mitsubishi\s+electric\s+cup"),
    "Oceania Nations Cup": (r"(?:ofc\s+)?nations\s+cup",),
    "CECAFA Cup": (r"cecafa\s+cup",),
    "COSAFA Cup": (r"cosafa\s+cup",),
    "SAFF Cup": (r"saff\s+(?:cup|championship)",),
    "EAFF Championship": (r"eaff\s+(?:championship|e-1)", r"east\s+asian\s+(?:cup|championship)"),
    "Olympic Games": (r"olympics?", r"olympic\s+games"),
}

_QUALIFYING = patterns.compile(r"\bqualif(?:ier|iers|ying|ication)\b|\bpreliminar(?:y|ies)\b", re.IGNORECASE)
_FRIENDLY = patterns.compile(r"\bfriendl(?:y|ies)\b|\bwarm-?up\b|\bexhibition\b", re.IGNORECASE)
_COMPILED = {t: patterns.compile(r"\b(?:" + "|".join(p) + r")\b", re.IGNORECASE)
             for t, p in ALIASES.items()}


def names(tournament: str, text: str) -> bool:
    """Whether ``text`` names the data's ``tournament`` (e.g. "UEFA Euro qualification").

    A qualifying competition is named by its finals' name together with a word such as
    "qualifier"; the finals themselves only when the text does not speak of qualifying.
    A tournament missing from :data:`ALIASES` is named by its own name.
    """
    base, qualifying = (tournament[: -len(" qualification")], True) \
        if tournament.endswith(" qualification") else (tournament, False)
    if base == "Friendly":
        return bool(_FRIENDLY.search(text))
    pattern = _COMPILED.get(base)
    named = bool(pattern.search(text)) if pattern is not None else base.lower() in text.lower()
    if not named:
        return False
    return bool(_QUALIFYING.search(text)) == qualifying


def tournament_of(words: str) -> str | None:
    """The data's tournament that ``words`` (e.g. "the Euros", "Afcon") name, if one does."""
    for tournament, pattern in _COMPILED.items():
        if pattern.fullmatch(words.strip()) or pattern.fullmatch(re.sub(r"^the\s+", "", words.strip(),
                                                                         flags=re.IGNORECASE)):
            return tournament
    return None


#: Editions named for one year but played in another: "Euro 2020" was played in 2021.
PLAYED_IN: dict[tuple[str, int], tuple[int, ...]] = {
    ("UEFA Euro", 2020): (2021,),
    ("African Cup of Nations", 2021): (2022,),
    ("African Cup of Nations", 2023): (2024,),
    ("African Cup of Nations", 2025): (2025, 2026),
    ("AFC Asian Cup", 2023): (2024,),
}
_YEAR = patterns.compile(r"(?<![\d-])(18[7-9]\d|19\d\d|20[0-4]\d)(?![\d-])")
_EDITION = patterns.compile(
    r"\b(?P<name>euro|european championship|afcon|africa(?:n)? cup of nations|asian cup|can)\s+"
    r"(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
_EDITION_TOURNAMENT = {"euro": "UEFA Euro", "european championship": "UEFA Euro",
                       "afcon": "African Cup of Nations", "can": "African Cup of Nations",
                       "africa cup of nations": "African Cup of Nations",
                       "african cup of nations": "African Cup of Nations",
                       "asian cup": "AFC Asian Cup"}


def years_in(text: str) -> list[int]:
    """The calendar years ``text`` names, in order; an edition's name year is the year it was
    played ("Euro 2020" gives 2021)."""
    played: dict[int, tuple[int, ...]] = {}
    for em in _EDITION.finditer(text):
        key = (_EDITION_TOURNAMENT[em.group("name").lower()], int(em.group("year")))
        if key in PLAYED_IN:
            played[em.start("year")] = PLAYED_IN[key]
    out: list[int] = []
    for ym in _YEAR.finditer(text):
        out += list(played.get(ym.start(1), (int(ym.group(1)),)))
    return out
