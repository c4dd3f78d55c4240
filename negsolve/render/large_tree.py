"""Text and JSON of the large-tree path's answer (:mod:`negsolve.solvers.large_tree`).

The JSON follows the ``negsolve.tree/1`` schema of ordinary trees; counts of subgame-perfect
equilibria can be astronomically large, so they are written exactly (JSON integers up to
about 3,900 digits, a string of digits beyond) and shown rounded in text.
"""

from __future__ import annotations

import math
import sys
from typing import Any

from negsolve.render.numbers import fmt


def large_tree_json(tree: Any, result: Any) -> dict[str, Any]:
    """The ``negsolve.tree/1`` document of a big tree's subgame-perfect equilibrium."""
    return {
        "schema": "negsolve.tree/1",
        "game": tree.title,
        "players": tree.players,
        "parameters": {},
        "perfect_information": True,
        "subgame_perfect": [{"path": list(result.path), "plan": result.plan(tree), "payoffs": _payoffs(tree, result)}],
        "subgame_perfect_count": count_json(result.count),
        "subgame_perfect_outcomes": result.outcomes,
        "truncated": result.count > 1,
        "method": "level-wise backward induction in exact integer arithmetic (large-tree path)",
        "notes": [],
    }


def large_tree_text(tree: Any, result: Any) -> str:
    """The text report of a big tree's subgame-perfect equilibrium (its plan only in JSON)."""
    payoffs = _payoffs(tree, result)
    lines = [tree.title, "=" * len(tree.title),
             f"{len(tree.players)} players, {len(tree)} nodes, perfect information (large-tree path)", "",
             f"{count_text(result.count)} subgame-perfect equilibri{'um' if result.count == 1 else 'a'} (exact)"
             + (f" with {result.outcomes} different payoff vectors" if result.outcomes > 1 else "")
             + ("; one is shown:" if result.count > 1 else ":"),
             f"  1. path: {' → '.join(result.path)}",
             "     payoffs: " + ", ".join(f"{k} {v}" for k, v in payoffs.items()),
             f"     plan: a move at each of {int((tree.kind == 1).sum())} decision nodes (--format json lists them)"]
    return "\n".join(lines)


def _payoffs(tree: Any, result: Any) -> dict[str, str]:
    return {name: fmt(v) for name, v in zip(tree.players, result.payoffs, strict=False)}


def _big_int_digits(n: int) -> str:
    """The exact decimal digits of a very large integer (Python limits int -> str to 4300 digits)."""
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return str(n)
    finally:
        sys.set_int_max_str_digits(limit)


def count_json(n: int) -> int | str:
    """Counts of up to 13,000 bits (about 3,900 digits) as JSON integers; larger ones as a string of digits."""
    return n if n.bit_length() <= 13_000 else _big_int_digits(n)


def count_text(n: int) -> str:
    """A count for people: exact up to 200 bits (with thousands separators), else ``about M x 10^E``."""
    if n.bit_length() <= 200:
        return f"{n:,}" if n >= 10_000 else str(n)
    exponent = math.floor(n.bit_length() * math.log10(2))
    lead = n >> max(0, n.bit_length() - 60)
    mantissa = lead * 2.0 ** max(0, n.bit_length() - 60) / 10.0 ** exponent if exponent < 300 else \
        10 ** (math.log10(lead) + max(0, n.bit_length() - 60) * math.log10(2) - exponent)
    if mantissa >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"about {mantissa:.2f} x 10^{exponent:,}"
