"""Canonical team names: the data's current names, former names by date, common aliases.

Lookups ignore case, accents, punctuation and spacing ("cote d'ivoire" finds
"Ivory Coast"). An unknown name raises :class:`UnknownTeamError` listing the three
closest known names.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

from scoreline.errors import UnknownTeamError

ALIASES: dict[str, str] = {
    # FIFA / federation spellings -> names used in the data
    "USA": "United States",
    "United States of America": "United States",
    "US": "United States",
    "USMNT": "United States",
    "Korea Republic": "South Korea",
    "Republic of Korea": "South Korea",
    "Korea": "South Korea",
    "Korea DPR": "North Korea",
    "DPR Korea": "North Korea",
    "IR Iran": "Iran",
    "Islamic Republic of Iran": "Iran",
    "Côte d'Ivoire": "Ivory Coast",
    "Cote d'Ivoire": "Ivory Coast",
    "Türkiye": "Turkey",
    "Turkiye": "Turkey",
    "Czechia": "Czech Republic",
    "China PR": "China",
    "PR China": "China",
    "Holland": "Netherlands",
    "The Netherlands": "Netherlands",
    "Ireland": "Republic of Ireland",
    "Eire": "Republic of Ireland",
    "Cabo Verde": "Cape Verde",
    "Congo DR": "DR Congo",
    "Democratic Republic of the Congo": "DR Congo",
    "Congo-Kinshasa": "DR Congo",
    "Congo-Brazzaville": "Congo",
    "Republic of the Congo": "Congo",
    "Kyrgyz Republic": "Kyrgyzstan",
    "Macedonia": "North Macedonia",
    "FYR Macedonia": "North Macedonia",
    "Swaziland": "Eswatini",
    "Burma": "Myanmar",
    "UAE": "United Arab Emirates",
    "KSA": "Saudi Arabia",
    "Brasil": "Brazil",
    "España": "Spain",
    "Deutschland": "Germany",
    "Nippon": "Japan",
    "Chinese Taipei": "Taiwan",
    "Timor-Leste": "East Timor",
    "St Kitts and Nevis": "Saint Kitts and Nevis",
    "St Lucia": "Saint Lucia",
    "St Vincent and the Grenadines": "Saint Vincent and the Grenadines",
    "Bosnia": "Bosnia and Herzegovina",
    "Bosnia-Herzegovina": "Bosnia and Herzegovina",
    "Trinidad": "Trinidad and Tobago",
    "Brunei Darussalam": "Brunei",
    "Lao PDR": "Laos",
    "Viet Nam": "Vietnam",
    "Syrian Arab Republic": "Syria",
    "Hong Kong, China": "Hong Kong",
    "Curacao": "Curaçao",
    # Historical names the data folds into the successor team
    "West Germany": "Germany",
    "FR Germany": "Germany",
    "East Germany": "German DR",
    "GDR": "German DR",
    "USSR": "Russia",
    "Sao Tome and Principe": "São Tomé and Príncipe",
}
"""Common spellings that are not in the data, mapped to the data's names."""


def normalise(name: str) -> str:
    """Fold a team or player name for lookup: no accents, case, punctuation or extra spaces.

    ``normalise("Côte d'Ivoire") == normalise("cote divoire") == "cote divoire"``.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("ø", "o").replace("Ø", "o").replace("ß", "ss").replace("ı", "i")
    plain = re.sub(r"[^\w\s]", "", plain.casefold().replace("&", " and "))
    return re.sub(r"\s+", " ", plain).strip()


class TeamNames:
    """Resolves any spelling of a team to its canonical name in the data.

    Parameters
    ----------
    teams : iterable of str
        Canonical names (every team in ``results.csv``).
    former_names : DataFrame
        ``current, former, start_date, end_date`` (inclusive date range of the former name).
    """

    def __init__(self, teams: Iterable[str], former_names: pd.DataFrame) -> None:
        self.teams: list[str] = sorted(set(teams))
        self._exact: dict[str, str] = {normalise(t): t for t in self.teams}
        self._aliases: dict[str, str] = {}
        for alias, target in ALIASES.items():
            if target in self.teams:
                self._aliases.setdefault(normalise(alias), target)
        self._former: dict[str, list[tuple[dt.date, dt.date, str]]] = {}
        for row in former_names.itertuples(index=False):
            self._former.setdefault(normalise(row.former), []).append(
                (pd.Timestamp(row.start_date).date(), pd.Timestamp(row.end_date).date(),
                 row.current)
            )

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self._exact.values()

    def resolve(self, name: str, date: dt.date | str | None = None) -> str:
        """Canonical name of ``name``.

        Parameters
        ----------
        name : str
            Any spelling: canonical, alias, or former name (``Zaire``).
        date : date, optional
            When given, a former name counts only within its date range (``Zaire`` on
            1974-06-14 is DR Congo); without a date any former name is accepted.

        Raises
        ------
        UnknownTeamError
            Listing the three closest known names.
        """
        key = normalise(name)
        if key in self._exact:
            return self._exact[key]
        if key in self._aliases:
            return self._aliases[key]
        if key in self._former:
            spans = self._former[key]
            if date is None:
                return spans[-1][2]
            day = pd.Timestamp(date).date()
            for start, end, current in spans:
                if start <= day <= end:
                    return current
        raise UnknownTeamError(name, self.suggest(name))

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """The ``n`` known names closest to ``name`` (canonical names, best first)."""
        from rapidfuzz import fuzz, process, utils

        choices: dict[str, str] = dict(self._exact)
        choices.update({k: v for k, v in self._aliases.items() if k not in choices})
        choices.update({k: v[-1][2] for k, v in self._former.items() if k not in choices})
        scored = process.extract(
            normalise(name), list(choices), scorer=fuzz.WRatio, processor=utils.default_process,
            limit=n * 4,
        )
        out: list[str] = []
        for key, _score, _ in scored:
            team = choices[key]
            if team not in out:
                out.append(team)
            if len(out) == n:
                break
        return out
