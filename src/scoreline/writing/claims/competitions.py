"""The names journalists give competitions, mapped to the data's tournament names.

Reports say "the Africa Cup of Nations" or "Afcon" where the data says "African Cup of
Nations", "the Euros" or "the European Championship" for "UEFA Euro", "the Asian Cup" for
"AFC Asian Cup". One table serves every check that needs to know which competition a text
names (finding the article's match, "the first ... since" with a competition).
"""

from __future__ import annotations

import re

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

_QUALIFYING = re.compile(r"\bqualif(?:ier|iers|ying|ication)\b|\bpreliminar(?:y|ies)\b", re.IGNORECASE)
_FRIENDLY = re.compile(r"\bfriendl(?:y|ies)\b|\bwarm-?up\b|\bexhibition\b", re.IGNORECASE)
_COMPILED = {t: re.compile(r"\b(?:" + "|".join(p) + r")\b", re.IGNORECASE)
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
