"""Find teams and players in text despite accents, spelling and demonyms.

Team names come from the store; demonyms and common nicknames ("Japanese", "the Blue
Samurai", "Les Bleus") from the small table below. Player names are compared after
removing accents (Gündoğan -> gundogan, Dōan -> doan) with rapidfuzz, and a surname
alone is resolved among the players of the match.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from scoreline.writing.claims import patterns

if TYPE_CHECKING:
    import pandas as pd

#: Demonyms and nicknames -> team. Only unambiguous ones ("La Roja" is Spain and Chile,
#: "Seleção" Brazil and Portugal, "Congolese" both Congos, "Americans" also South Americans: left out).
TEAM_ALIASES: dict[str, str] = {
    "Japanese": "Japan", "Blue Samurai": "Japan", "Samurai Blue": "Japan",
    "German": "Germany", "Germans": "Germany", "Die Mannschaft": "Germany",
    "Argentine": "Argentina", "Argentinian": "Argentina", "Argentinians": "Argentina",
    "Albiceleste": "Argentina", "Saudi": "Saudi Arabia", "Saudis": "Saudi Arabia",
    "Green Falcons": "Saudi Arabia", "Brazilian": "Brazil", "Brazilians": "Brazil",
"Cameroonian": "Cameroon",
    "Cameroonians": "Cameroon", "Indomitable Lions": "Cameroon", "French": "France",
    "Les Bleus": "France", "Spanish": "Spain", "Spaniards": "Spain", "Costa Rican": "Costa Rica",
    "Costa Ricans": "Costa Rica", "Qatari": "Qatar", "Qataris": "Qatar",
    "Ecuadorian": "Ecuador", "Ecuadorians": "Ecuador", "Moroccan": "Morocco",
    "Moroccans": "Morocco", "Atlas Lions": "Morocco", "Croatian": "Croatia",
    "Croatians": "Croatia", "Portuguese": "Portugal", "Dutch": "Netherlands",
    "Oranje": "Netherlands", "Mexican": "Mexico", "Mexicans": "Mexico",
    "South Korean": "South Korea", "Korea Republic": "South Korea", "Australian": "Australia",
    "Australians": "Australia", "Socceroos": "Australia", "Senegalese": "Senegal",
    "Tunisian": "Tunisia", "Tunisians": "Tunisia", "Iranian": "Iran", "Iranians": "Iran",
    "Welsh": "Wales", "Danish": "Denmark", "Danes": "Denmark", "Polish": "Poland",
    "Swiss": "Switzerland", "Serbian": "Serbia", "Serbians": "Serbia", "Belgian": "Belgium",
    "Belgians": "Belgium", "Red Devils": "Belgium", "Canadian": "Canada", "Canadians": "Canada",
    "Uruguayan": "Uruguay", "Uruguayans": "Uruguay", "Ghanaian": "Ghana", "Ghanaians": "Ghana",
    "Black Stars": "Ghana", "Italian": "Italy", "Italians": "Italy", "Azzurri": "Italy",
    "Nigerian": "Nigeria", "Nigerians": "Nigeria", "Super Eagles": "Nigeria",
    "Egyptian": "Egypt", "Egyptians": "Egypt", "Swedish": "Sweden", "Swedes": "Sweden",
    "Colombian": "Colombia", "Colombians": "Colombia", "Chilean": "Chile", "Chileans": "Chile",
    "Peruvian": "Peru", "Paraguayan": "Paraguay", "English": "England", "Three Lions": "England",
    "Scottish": "Scotland", "Scots": "Scotland", "Irish": "Republic of Ireland",
    "Norwegian": "Norway", "Russian": "Russia", "Russians": "Russia", "Ukrainian": "Ukraine",
    "Turkish": "Turkey", "Greek": "Greece", "Austrian": "Austria", "Hungarian": "Hungary",
    "Czech": "Czech Republic", "USA": "United States", "USMNT": "United States",
    "Algerian": "Algeria", "Ivorian": "Ivory Coast", "Côte d'Ivoire": "Ivory Coast",
    # demonyms of more teams
    "Algerians": "Algeria", "Ivorians": "Ivory Coast", "Albanian": "Albania",
    "Albanians": "Albania", "Angolan": "Angola", "Armenian": "Armenia", "Azerbaijani": "Azerbaijan",
    "Bahraini": "Bahrain", "Belarusian": "Belarus", "Bolivian": "Bolivia", "Bolivians": "Bolivia",
    "Bosnian": "Bosnia and Herzegovina", "Bosnians": "Bosnia and Herzegovina",
    "Bulgarian": "Bulgaria", "Bulgarians": "Bulgaria", "Burkinabe": "Burkina Faso",
    "Cape Verdean": "Cape Verde", "Cape Verdeans": "Cape Verde", "Chinese": "China",
    "Cypriot": "Cyprus", "Czechs": "Czech Republic",
    "Dane": "Denmark", "Emirati": "United Arab Emirates", "Emiratis": "United Arab Emirates",
    "Estonian": "Estonia", "Ethiopian": "Ethiopia", "Finnish": "Finland", "Finns": "Finland",
    "Gabonese": "Gabon", "Gambian": "Gambia", "Georgians": "Georgia", "Guatemalan": "Guatemala",
    "Haitian": "Haiti", "Honduran": "Honduras", "Hondurans": "Honduras",
    "Hungarians": "Hungary", "Icelandic": "Iceland", "Icelanders": "Iceland", "Indian": "India",
    "Indonesian": "Indonesia", "Iraqi": "Iraq", "Iraqis": "Iraq", "Israeli": "Israel",
    "Jamaican": "Jamaica", "Jamaicans": "Jamaica", "Jordanian": "Jordan", "Jordanians": "Jordan",
    "Kazakh": "Kazakhstan", "Kenyan": "Kenya", "Kosovan": "Kosovo", "Kuwaiti": "Kuwait",
    "Latvian": "Latvia", "Lebanese": "Lebanon", "Libyan": "Libya", "Lithuanian": "Lithuania",
    "Malaysian": "Malaysia", "Malian": "Mali", "Maltese": "Malta", "Moldovan": "Moldova",
    "Montenegrin": "Montenegro", "Mozambican": "Mozambique", "Namibian": "Namibia",
    "New Zealander": "New Zealand", "North Korean": "North Korea", "Norwegians": "Norway",
    "Omani": "Oman", "Palestinian": "Palestine", "Panamanian": "Panama", "Panamanians": "Panama",
    "Paraguayans": "Paraguay", "Peruvians": "Peru", "Poles": "Poland", 
    "Romanian": "Romania", "Romanians": "Romania", "Rwandan": "Rwanda", "Salvadoran": "El Salvador",
    "Serbs": "Serbia", "Slovak": "Slovakia", "Slovaks": "Slovakia", "Slovenian": "Slovenia",
    "Slovenians": "Slovenia", "South African": "South Africa", "South Africans": "South Africa",
    "South Koreans": "South Korea", "Sudanese": "Sudan", "Syrian": "Syria", "Syrians": "Syria",
    "Tanzanian": "Tanzania", "Thai": "Thailand", "Togolese": "Togo", "Trinidadian": "Trinidad and Tobago",
    "Turks": "Turkey", "Ugandan": "Uganda", "Ukrainians": "Ukraine", "Uzbek": "Uzbekistan",
    "Venezuelan": "Venezuela", "Venezuelans": "Venezuela", "Vietnamese": "Vietnam",
    "Yemeni": "Yemen", "Zambian": "Zambia", "Zimbabwean": "Zimbabwe", 
    "Kiwis": "New Zealand", "Austrians": "Austria", "Greeks": "Greece", "Scotsmen": "Scotland",
    "Welshmen": "Wales", "Englishmen": "England", "Czechoslovaks": "Czechoslovakia",
    # nicknames each used for one team only
    "Canarinho": "Brazil", "La Celeste": "Uruguay",
    "El Tri": "Mexico", "Los Cafeteros": "Colombia", "Cafeteros": "Colombia",
    "La Vinotinto": "Venezuela", "Vinotinto": "Venezuela", "La Albirroja": "Paraguay",
    "Albirroja": "Paraguay", "La Tri": "Ecuador", "La Blanquirroja": "Peru", "La Bicolor": "Peru",
    "La Furia Roja": "Spain", "Squadra Azzurra": "Italy", "Elftal": "Netherlands",
    "Nati": "Switzerland", "Vatreni": "Croatia", "Orlovi": "Serbia", "Danish Dynamite": "Denmark",
    "Boys in Green": "Republic of Ireland", "Stars and Stripes": "United States",
    "Reggae Boyz": "Jamaica", "Soca Warriors": "Trinidad and Tobago", "Los Ticos": "Costa Rica",
    "Ticos": "Costa Rica", "Canaleros": "Panama", "Los Canaleros": "Panama",
    "Catrachos": "Honduras", "La Selecta": "El Salvador", "Les Rouges": "Canada",
    "Lions of Teranga": "Senegal", "Teranga Lions": "Senegal", "Pharaohs": "Egypt",
    "Desert Foxes": "Algeria", "Fennecs": "Algeria", "Eagles of Carthage": "Tunisia",
    "Carthage Eagles": "Tunisia", "Lions of the Atlas": "Morocco", "Bafana Bafana": "South Africa",
    "Chipolopolo": "Zambia", "Harambee Stars": "Kenya", "Taifa Stars": "Tanzania",
    "Blue Sharks": "Cape Verde", "Les Éléphants": "Ivory Coast", "All Whites": "New Zealand",
    "Taeguk Warriors": "South Korea", "Team Melli": "Iran", "Lions of Mesopotamia": "Iraq",
    "Al Annabi": "Qatar", "Al-Annabi": "Qatar", "Nashama": "Jordan", "Al-Nashama": "Jordan",
    "War Elephants": "Thailand", "Harimau Malaya": "Malaysia", "Chollima": "North Korea",
    "Azkals": "Philippines", "Blue Tigers": "India", "White Wolves": "Uzbekistan",
}

_FOLD = str.maketrans({"ı": "i", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "ł": "l",
                       "Ł": "L", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "’": "'", "‘": "'"})


def fold(text: str) -> str:
    """``text`` without accents, case kept (``"İlkay Gündoğan" -> "Ilkay Gundogan"``)."""
    if text.isascii():  # nothing to fold (the usual case: most names and every city key)
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """Folded, lower-case, single-spaced (``"Ritsu Dōan" -> "ritsu doan"``)."""
    return re.sub(r"\s+", " ", fold(text).lower()).strip()


@dataclass(frozen=True)
class TeamMention:
    """A team named in a sentence."""

    team: str
    start: int
    end: int
    surface: str
    alias: bool


class TeamFinder:
    """Finds team names, demonyms and nicknames in folded text (case-sensitive: proper nouns).

    Parameters
    ----------
    teams : list of str
        Canonical team names (``store.teams()``).
    spellings : mapping of str to str, optional
        Other names of teams, each to its canonical name: federation spellings and former
        names (:func:`team_spellings`). A nickname or demonym of the same spelling wins.
    """

    #: Team names that are also common words or people's names: only found with a capital
    #: letter away from the start of a sentence, and never counted alone to locate a match.
    AMBIGUOUS = frozenset({"Jersey", "Turkey", "Chad", "Jordan", "Georgia", "Man", "Guinea",
                           "Niger", "Sark", "China", "Panama"})

    def __init__(self, teams: list[str], spellings: Mapping[str, str] | None = None) -> None:
        self.names: dict[str, str] = {}
        for t in teams:
            self.names[fold(t)] = t
        for alias, team in TEAM_ALIASES.items():
            if team in teams:
                self.names.setdefault(fold(alias), team)
        # other names of a team (USA, Holland, Soviet Union, Zaïre): names, not nicknames
        for other, team in (spellings or {}).items():
            if team in teams and len(other) > 2:
                self.names.setdefault(fold(other), team)
        self.aliases = {fold(a) for a in TEAM_ALIASES}
        # the characters a name starts with: no name starts anywhere else
        self._first_chars = {name[0] for name in self.names}
        self._longest = max((len(n) for n in self.names), default=0)
        self._memo: dict[str, tuple[TeamMention, ...]] = {}

    def find(self, text: str) -> list[TeamMention]:
        """Teams named in ``text`` (folded for matching), in order (memoised per text)."""
        hit = self._memo.get(text)
        if hit is not None:
            return list(hit)
        if len(self._memo) > 4096:
            self._memo.clear()
        found = self._find(text)
        self._memo[text] = tuple(found)
        return found

    def _find(self, text: str) -> list[TeamMention]:
        """The longest name at each place where a word starts, left to right, without
        overlaps: the matches of ``(?<![\\w-])(name|name|...)(?![\\w-])`` with the names
        longest first (a name is whole words: no letter, digit, ``_`` or hyphen touches it
        on either side). Found by looking the text's candidate spans up among the names
        rather than by one pattern of every name, which took Python's ``re`` a tenth of a
        second to compile in every process."""
        folded = fold(text)
        size = len(folded)
        edges = [m.start() for m in _NOT_IN_WORD.finditer(folded)]
        ends = [*edges, size]  # where a name may end: before a boundary, or at the end
        out: list[TeamMention] = []
        done = 0
        for i in (0, *(e + 1 for e in edges)):  # where a name may start: after a boundary
            if i < done or i >= size or folded[i] not in self._first_chars:
                continue
            found = ""
            k = bisect.bisect_right(ends, i)
            while k < len(ends) and ends[k] - i <= self._longest:
                if folded[i:ends[k]] in self.names:
                    found = folded[i:ends[k]]  # the longest so far
                k += 1
            if found:
                out.append(TeamMention(team=self.names[found], start=i, end=i + len(found),
                                       surface=found, alias=found in self.aliases))
                done = i + len(found)
        return out


_NOT_IN_WORD = patterns.compile(r"[^\w-]")
"""A character that may touch a name: not a letter, digit or ``_`` (of any script), nor a
hyphen."""


def team_spellings(former_names: pd.DataFrame) -> dict[str, str]:
    """Federation spellings (``scoreline.data.names.ALIASES``) and former names (the
    data's ``former_names``: Soviet Union, Zaïre, Dahomey, ...) of teams, each to the
    canonical name. Every former name counts whatever the date: a report of a 1966
    match names the Soviet Union, and the data calls that team Russia."""
    from scoreline.data.names import ALIASES

    out = dict(ALIASES)
    for former, current in zip(former_names["former"], former_names["current"], strict=True):
        out.setdefault(str(former), str(current))
    return out


@dataclass(frozen=True)
class PlayerMatch:
    """A name in the text resolved to a player of the data."""

    written: str
    player: str
    score: float


_PARTICLES = frozenset({"al", "el", "de", "da", "di", "van", "von", "der", "den", "dos", "do", "le",
                        "la", "bin", "ben", "abu"})


def _plain(name: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[-'’.]", " ", normalise(name))).strip()


def name_score(written: str, player: str) -> float:
    """Similarity 0-100 of a written name and a player's full name (surname alone allowed)."""
    # hyphens, apostrophes and particles joined or not are the same name (Al Dawsari /
    # Al-Dawsari, N'Golo / NGolo, El Shaarawy / El-Shaarawy)
    w, p = _plain(written), _plain(player)
    if not w or not p:
        return 0.0
    if w == p:
        return 100.0
    if w.replace(" ", "") == p.replace(" ", ""):
        return 99.0
    w_tokens, p_tokens = w.split(), p.split()
    if len(w_tokens) == 1 or (len(w_tokens) == 2 and w_tokens[0] in _PARTICLES):
        joined = w.replace(" ", "")
        parts = p_tokens + [a + b for a, b in pairwise(p_tokens)]
        return max(fuzz.ratio(joined, t) for t in parts)
    if len(w_tokens) == 1:
        # a surname alone: compare with each part of the player's name
        return max(fuzz.ratio(w, t) for t in p_tokens)
    n = len(w_tokens)
    if any(p_tokens[i:i + n] == w_tokens for i in range(len(p_tokens) - n + 1)):
        return 95.0  # two names of the player's, in order: "Ali Adnan" for Ali Adnan Kadhim
    full = fuzz.token_sort_ratio(w, p)
    last = fuzz.ratio(w_tokens[-1], p_tokens[-1])
    return max(full, min(last, full + 10))


def resembles(written: str, player: str) -> bool:
    """Whether the last name written (three letters or more) is one of a player's names
    (``"Adnan"`` of Ali Adnan Kadhim, ``"Son"`` of Son Heung-min): too close to say that
    player did not score. A shared first name alone (``"Ali Daei"``, ``"Ali Karimi"``) is
    not."""
    w = _plain(written).split()
    return bool(w) and len(w[-1]) >= 3 and w[-1] in _plain(player).split()


def match_player(written: str, players: list[str], threshold: float = 85.0) -> PlayerMatch | None:
    """The player of ``players`` that ``written`` names, or None (ties are not resolved)."""
    scored = sorted(((name_score(written, p), p) for p in set(players)), reverse=True)
    if not scored or scored[0][0] < threshold:
        return None
    if len(scored) > 1 and scored[1][0] >= threshold and scored[1][0] == scored[0][0]:
        return None
    return PlayerMatch(written=written, player=scored[0][1], score=scored[0][0])


_CAP_WORD = r"(?:[A-Z][\w'’-]*[a-z][\w'’-]*|[A-Z]{2,}(?=\s[A-Z][a-z]))"
_PARTICLE = r"(?:de|da|di|van|von|der|den|al|el|dos|do|le|la|bin|ben)"
PERSON_RE = patterns.compile(
    rf"(?<![\w'-])({_CAP_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_CAP_WORD}){{0,3}})(?![\w'-])")

#: Capitalised words that are not names.
NOT_NAMES = frozenset(["The", "A", "An", "After", "Before", "Despite", "Japan's", "Although", "Though", "While", "When", "Then", "They", "He", "She", "It", "Its", "In", "On", "At", "By", "For", "From", "With", "Without", "Match", "Day", "Stadium", "International", "World", "Cup", "FIFA", "Group", "Round", "Final", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "This", "That", "These", "Those", "However", "Twitter", "Spotless", "Tidying", "Huge", "Domo", "Arigato", "Bundesliga", "Substitute", "Captain", "Defender", "Striker", "Midfielder", "Winger", "Goalkeeper", "Forward", "Veteran", "Teenager", "Coach", "Manager", "Skipper", "Keeper", "Full-back", "Centre-back", "Euro", "Euros", "Copa", "America", "América", "Asian", "African", "Nations", "Championship", "European", "VAR", "Group", "Then", "Now", "Yet", "Even", "Since", "Until", "Only", "Just", "But", "And", "Or", "So", "If", "I", "We", "You", "Their", "Our"])
