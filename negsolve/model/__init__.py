"""Plain-data game model: players, strategies, exact payoffs, parameters.

Nothing here solves anything; solvers take these objects and return result objects.
"""

from negsolve.model.expression import Binary, Expr, Negate, Number, Power, Variable, evaluate, variables
from negsolve.model.strategic import Parameter, PayoffTable, Player, StrategicGame, payoff_table

__all__ = [
    "Binary",
    "Expr",
    "Negate",
    "Number",
    "Parameter",
    "PayoffTable",
    "Player",
    "Power",
    "StrategicGame",
    "Variable",
    "evaluate",
    "payoff_table",
    "variables",
]
