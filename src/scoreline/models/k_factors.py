"""Tournament weights (K) of the World Football Elo ratings, one explicit entry per tournament.

eloratings.net weights a match by its tournament: 60 for World Cup finals, 50 for
continental championship finals and major intercontinental tournaments, 40 for World
Cup and continental qualifiers and major tournaments, 30 for all other tournaments and
20 for friendlies. Every tournament name in ``results.csv`` (202 names at the pinned
commit) is listed below, so that a weight is always a decision and never an accident;
``tests/models/test_k_factors.py`` fails when the data gain a name this table lacks.

Judgement calls, stated once:

- 50 (continental finals): the championships of each confederation *and of its
  predecessors* (CCCF and NAFC championships before CONCACAF, the CONCACAF
  Championship before the Gold Cup) and the Oceania Nations Cup.
- 50 (major intercontinental): Confederations Cup, the CONMEBOL-UEFA Cup of Champions
  (Artemio Franchi / Finalissima) and the Olympic tournaments of 1908-1928, which were
  the world championship of their day (the only Olympic matches in the data).
- 40 (qualifiers): every qualification for a World Cup or continental final, the
  Nations Leagues (they feed the continental finals and their qualifiers), and the
  CFU Caribbean Cup and UNCAF Cup, which were the Gold Cup qualifying rounds of the
  Caribbean and Central American zones.
- 40 (major tournaments): the British Home Championship and the Central European
  International Cup, the strongest regular competitions of their eras.
- 30: every other named tournament (regional cups, invitationals, multi-sport games,
  CONIFA and other non-FIFA competitions, FIFA Series).
- 20: ``Friendly``.

A name not in the table (newer data) gets :data:`FALLBACK_K` (30, "other tournament"),
or 40 when it ends in ``qualification``, or 20 when it contains ``friendly``; a warning
naming the tournament is logged once per name so the table can be extended.

References
----------
World Football Elo Ratings, "About the ratings", https://www.eloratings.net/about
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import numpy as np
import pandas as pd
from numpy.typing import NDArray

logger = logging.getLogger(__name__)

WORLD_CUP_FINALS = 60
CONTINENTAL_FINALS = 50
QUALIFIERS_AND_MAJOR = 40
OTHER_TOURNAMENT = 30
FRIENDLY = 20
FALLBACK_K = OTHER_TOURNAMENT
"""Weight of a tournament name missing from :data:`K_FACTORS` (see module docstring)."""

_BY_K: dict[int, tuple[str, ...]] = {
    WORLD_CUP_FINALS: ("FIFA World Cup",),
    CONTINENTAL_FINALS: (
        "AFC Asian Cup",
        "African Cup of Nations",
        "CCCF Championship",
        "CONCACAF Championship",
        "CONMEBOL–UEFA Cup of Champions",
        "Confederations Cup",
        "Copa América",
        "Gold Cup",
        "NAFC Championship",
        "Oceania Nations Cup",
        "Olympic Games",
        "UEFA Euro",
    ),
    QUALIFIERS_AND_MAJOR: (
        "AFC Asian Cup qualification",
        "African Cup of Nations qualification",
        "British Home Championship",
        "CFU Caribbean Cup",
        "CFU Caribbean Cup qualification",
        "CONCACAF Championship qualification",
        "CONCACAF Nations League",
        "CONCACAF Nations League qualification",
        "Central European International Cup",
        "Copa América qualification",
        "FIFA World Cup qualification",
        "Gold Cup qualification",
        "Oceania Nations Cup qualification",
        "UEFA Euro qualification",
        "UEFA Nations League",
        "UNCAF Cup",
    ),
    OTHER_TOURNAMENT: (
        "ABCS Tournament",
        "AFC Challenge Cup",
        "AFC Challenge Cup qualification",
        "AFC Solidarity Cup",
        "AFF Championship",
        "AFF Championship qualification",
        "ASEAN Championship",
        "ASEAN Championship qualification",
        "African Friendship Games",
        "Afro-Asian Games",
        "Al Ain International Cup",
        "All-African Games",
        "Amílcar Cabral Cup",
        "Arab Cup",
        "Arab Cup qualification",
        "Asian Games",
        "Atlantic Cup",
        "Atlantic Heritage Cup",
        "Balkan Cup",
        "Baltic Cup",
        "Beijing International Friendship Tournament",
        "Benedikt Fontana Cup",
        "Bolivarian Games",
        "Brazil Independence Cup",
        "CAFA Nations Cup",
        "CECAFA Cup",
        "CONCACAF Series",
        "CONIFA Africa Football Cup",
        "CONIFA Asia Cup",
        "CONIFA European Football Cup",
        "CONIFA South America Football Cup",
        "CONIFA World Cup qualification",
        "CONIFA World Football Cup",
        "CONIFA World Football Cup qualification",
        "COSAFA Cup",
        "COSAFA Cup qualification",
        "Canadian Shield",
        "Central American and Caribbean Games",
        "ConIFA Challenger Cup",
        "Copa Artigas",
        "Copa Bernardo O'Higgins",
        "Copa Carlos Dittborn",
        "Copa Chevallier Boutell",
        "Copa Confraternidad",
        "Copa Félix Bogado",
        "Copa Juan Pinto Durán",
        "Copa Lipton",
        "Copa Newton",
        "Copa Oswaldo Cruz",
        "Copa Paz del Chaco",
        "Copa Premio Honor Argentino",
        "Copa Premio Honor Uruguayo",
        "Copa Ramón Castilla",
        "Copa Rio Branco",
        "Copa Roca",
        "Copa del Pacífico",
        "Corsica Cup",
        "Coupe de l'Outre-Mer",
        "Cup of Ancient Civilizations",
        "Cyprus International Tournament",
        "Dakar Tournament",
        "Diamond Jubilee International Football Tournament",
        "Dragon Cup",
        "Dunhill Cup",
        "Dynasty Cup",
        "EAFF Championship",
        "EAFF Championship qualification",
        "ELF Cup",
        "East Asian Games",
        "FIFA 75th Anniversary Cup",
        "FIFA Series",
        "FIFI Wild Cup",
        "Far Eastern Championship Games",
        "Four Nations Tournament",
        "Four Nations' Cup",
        "GaNEFo",
        "Great Wall Cup",
        "Guangzhou International Friendship Tournament",
        "Gulf Cup",
        "Hungary Heritage Cup",
        "Indian Ocean Island Games",
        "Indonesia Tournament",
        "Inter Games",
        "Inter-Allied Games",
        "Intercontinental Cup",
        "International Friendship Championship",
        "International Tournament of Peoples, Cultures and Tribes",
        "Island Games",
        "Joe Robbie Cup",
        "Jordan International Tournament",
        "KTFF 50th Anniversary Cup",
        "King Hassan II Tournament",
        "King's Cup",
        "Kirin Challenge Cup",
        "Kirin Cup",
        "Korea Cup",
        "Kuneitra Cup",
        "Lunar New Year Cup",
        "MSG Prime Minister's Cup",
        "Mahinda Rajapaksa Cup",
        "Malta International Tournament",
        "Mapinduzi Cup",
        "Marianas Cup",
        "Marlboro Cup",
        "Matthews Cup",
        "Mauritius Four Nations Cup",
        "Melanesia Cup",
        "Merdeka Tournament",
        "Merlion Cup",
        "Miami Cup",
        "Millennium Cup",
        "Morocco, Capital of African Football",
        "Mukuru 4 Nations",
        "Mundialito",
        "Muratti Vase",
        "NAFU Championship",
        "Nations Cup",
        "Navruz Cup",
        "Nehru Cup",
        "Niamh Challenge Cup",
        "Nile Basin Tournament",
        "Nordic Championship",
        "OSN Cup",
        "Open International Championship",
        "Outrigger Challenge Cup",
        "Pacific Games",
        "Pacific Mini Games",
        "Palestine Cup",
        "Palestine International Championship",
        "Pan American Championship",
        "Peace Cup",
        "Philippine Peace Cup",
        "Phillip Seaga Cup",
        "Prime Minister's Cup",
        "Real Madrid 75th Anniversary Cup",
        "Rous Cup",
        "SAFF Cup",
        "SKN Football Festival",
        "Scania 100 Tournament",
        "Simba Tournament",
        "Soccer Ashes",
        "South Asian Games",
        "South Asian Super Cup",
        "South Pacific Games",
        "South Pacific Mini Games",
        "Southeast Asian Games",
        "Southeast Asian Peninsular Games",
        "Superclásico de las Américas",
        "TIFOCO Tournament",
        "The Other Final",
        "Three Nations Cup",
        "Tournament Burkina Faso",
        "Tournoi de France",
        "Trans-Tasman Cup",
        "Tri Nation Tournament",
        "Tri-Nations Cup",
        "Tri-Nations Series",
        "Tynwald Hill Tournament",
        "UDEAC Cup",
        "UNIFFAC Cup",
        "USA Cup",
        "United Arab Emirates Friendship Tournament",
        "Unity Cup",
        "VFF Cup",
        "Vietnam Independence Cup",
        "Viva World Cup",
        "WAFF Championship",
        "West African Cup",
        "Windward Islands Tournament",
        "World Unity Cup",
        "Zambian Independence Tournament",
        "Évence Coppée Trophy",
    ),
    FRIENDLY: ("Friendly",),
}

K_FACTORS: dict[str, int] = {name: k for k, names in _BY_K.items() for name in names}
"""Tournament name (as spelt in ``results.csv``) -> eloratings.net weight K."""

_warned: set[str] = set()


def fallback_k(tournament: str) -> int:
    """Weight of a tournament missing from :data:`K_FACTORS` (logs a warning once per name).

    Parameters
    ----------
    tournament : str
        Tournament name not in the table.

    Returns
    -------
    int
        40 for names ending in "qualification", 20 for names containing "friendly",
        otherwise :data:`FALLBACK_K` (30).
    """
    lowered = tournament.lower()
    if lowered.endswith("qualification"):
        k = QUALIFIERS_AND_MAJOR
    elif "friendly" in lowered:
        k = FRIENDLY
    else:
        k = FALLBACK_K
    if tournament not in _warned:
        _warned.add(tournament)
        logger.warning(
            "tournament %r has no Elo weight in scoreline.models.k_factors.K_FACTORS; "
            "using K=%d (add it to the table)",
            tournament,
            k,
        )
    return k


def k_factor(tournament: str) -> int:
    """The eloratings.net weight K of one tournament name.

    Parameters
    ----------
    tournament : str
        Tournament name as spelt in ``results.csv`` (e.g. ``"FIFA World Cup"``).

    Returns
    -------
    int
        60, 50, 40, 30 or 20 (see the module docstring); unknown names use
        :func:`fallback_k`.
    """
    k = K_FACTORS.get(tournament)
    return k if k is not None else fallback_k(tournament)


def k_factors(tournaments: Iterable[str] | pd.Series) -> NDArray[np.float64]:
    """Weights K for a column of tournament names (vectorised over unique names).

    Parameters
    ----------
    tournaments : iterable of str
        One tournament name per match.

    Returns
    -------
    array of float, shape (n,)
        K per match.
    """
    series = pd.Series(tournaments, dtype=object) if not isinstance(
        tournaments, pd.Series
    ) else tournaments
    codes, uniques = pd.factorize(series)
    table = np.array([k_factor(str(name)) for name in uniques], dtype=np.float64)
    return table[codes] if len(codes) else np.zeros(0, dtype=np.float64)


def unmapped(tournaments: Iterable[str]) -> list[str]:
    """Tournament names that :data:`K_FACTORS` does not list, sorted."""
    return sorted({t for t in tournaments if t not in K_FACTORS})


__all__ = [
    "CONTINENTAL_FINALS",
    "FALLBACK_K",
    "FRIENDLY",
    "K_FACTORS",
    "OTHER_TOURNAMENT",
    "QUALIFIERS_AND_MAJOR",
    "WORLD_CUP_FINALS",
    "fallback_k",
    "k_factor",
    "k_factors",
    "unmapped",
]
