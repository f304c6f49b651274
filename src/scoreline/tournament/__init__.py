"""Tournament formats as data and a fast Monte Carlo simulator (World Cup 2022/2026, Euro 2024).

>>> from scoreline import api
>>> result = api.simulate_tournament("wc2022", as_of="2022-11-20", sims=100_000)
>>> result.to_frame().head()        # p_r16 .. p_champion, se_champion, p_position_k

Modules: :mod:`.format` (YAML formats and their checks), :mod:`.engine` (the compiled
kernel), :mod:`.simulate` (pair grids, fixed results, batches), :mod:`.runner` (as-of
forecasts and the matchday replay), :mod:`.reference` (plain-Python replay and baseline),
:mod:`.accuracy` (stage log loss), :mod:`.plot` (charts).
"""

from scoreline.tournament.format import BUILTIN_FORMATS, TournamentFormat, load_format

__all__ = ["BUILTIN_FORMATS", "TournamentFormat", "load_format"]
