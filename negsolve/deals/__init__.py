"""The deal space: what agreements are feasible, efficient, individually rational, and which one
bargaining theory or a mediator would pick.  Exact (rational arithmetic) throughout.

Modules: :mod:`.geometry` (exact plane geometry), :mod:`.hull` (feasible set, Pareto frontier),
:mod:`.minmax` (minmax values, individually rational region), :mod:`.bargaining` (Nash,
Kalai–Smorodinsky, egalitarian, utilitarian), :mod:`.space` (the ``deals`` report),
:mod:`.rubinstein` (alternating offers), :mod:`.correlated` (correlated equilibria).
"""
