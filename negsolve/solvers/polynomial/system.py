r"""The polynomial system of a support profile: indifference and probability equations over :math:`\mathbb{Q}`.

For a support profile :math:`(S_1, \dots, S_n)` write :math:`S_i = \{k_0 < k_1 < \dots < k_m\}`.
Player :math:`i`'s unknowns are :math:`x_{i,k_1}, \dots, x_{i,k_m}`; the probability equation
:math:`\sum_{k \in S_i} x_{i,k} = 1` is used to eliminate :math:`x_{i,k_0} = 1 - \sum_{l \ge 1} x_{i,k_l}`.
Player :math:`i` must be indifferent between all of :math:`S_i`:

.. math:: \sum_{s_{-i} \in S_{-i}} \Big(\prod_{j \ne i} x_{j, s_j}\Big)
          \big(u_i(k_l, s_{-i}) - u_i(k_0, s_{-i})\big) = 0, \qquad l = 1, \dots, m.

Player :math:`i`'s equations involve only the other players' unknowns and are multilinear in them,
so the system is square: :math:`\sum_i (|S_i| - 1)` equations in as many unknowns.  Strict
positivity and the absence of a profitable deviation outside the supports are inequalities, checked
afterwards on each solution (:mod:`.certify`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from negsolve.model.strategic import PayoffTable
from negsolve.solvers.polynomial.supports import Support


@dataclass(frozen=True)
class SupportSystem:
    """The equations of one support profile (sympy ring polynomials; built by :func:`build_system`).

    ``variables[v] = (player, strategy)`` names unknown ``v``, the ``v``-th generator of ``ring``
    (``None`` when there is no unknown); ``probabilities[i][k]`` is :math:`x_{i,k}` as a polynomial
    of the ring.  ``equations[e] = (player, strategy, polynomial)``: the player is indifferent between
    ``strategy`` and the first strategy of its support.
    """

    support: Support
    variables: tuple[tuple[int, int], ...]
    ring: Any
    probabilities: tuple[dict[int, Any], ...]
    equations: tuple[tuple[int, int, Any], ...]


def build_system(table: PayoffTable, support: Support) -> SupportSystem:
    """The square polynomial system of ``support`` (see the module docstring)."""
    import sympy
    from sympy.polys.orderings import grevlex

    variables = [(i, k) for i, s in enumerate(support) for k in s[1:]]
    names = [f"x{i + 1}_{k + 1}" for i, k in variables] or ["unused"]
    ring, *gens = sympy.ring(names, sympy.QQ, grevlex)
    symbol_of = dict(zip(variables, gens, strict=False))
    probabilities = []
    for i, s in enumerate(support):
        mixed = {k: symbol_of[(i, k)] for k in s[1:]}
        mixed[s[0]] = ring.one - sum((symbol_of[(i, k)] for k in s[1:]), ring.zero)
        probabilities.append(mixed)
    equations = []
    for i, s in enumerate(support):
        others = [j for j in range(table.n_players) if j != i]
        for k in s[1:]:
            total = ring.zero
            for rest_profile in itertools.product(*(support[j] for j in others)):
                full = list(rest_profile)
                gain = table.at(tuple(full[:i]) + (k,) + tuple(full[i:]))[i] - \
                    table.at(tuple(full[:i]) + (s[0],) + tuple(full[i:]))[i]
                if gain:
                    weight = ring(sympy.QQ(gain.numerator, gain.denominator))
                    for j, sj in zip(others, rest_profile, strict=False):
                        weight *= probabilities[j][sj]
                    total += weight
            equations.append((i, k, total))
    return SupportSystem(tuple(support), tuple(variables), ring, tuple(probabilities), tuple(equations))
