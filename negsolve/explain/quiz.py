"""Checking a student's answers about a game's equilibria, exactly, with hints.

Plain functions, no input/output: ``negsolve quiz`` (:mod:`negsolve.cli.teach`) asks the
questions and prints what these return.  Answers are strategy names (any case, unique prefixes
accepted) and exact probabilities (``1/3``, ``0.25``, ``1``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from negsolve.formatting import fmt
from negsolve.model.strategic import PayoffTable, StrategicGame
from negsolve.solvers.continua import INFINITELY_MANY, has_continuum, range_words, subset_ranges
from negsolve.solvers.results import Equilibrium, SolveResult


class AnswerError(ValueError):
    """An answer that cannot be read (not a wrong answer: the question is asked again)."""


@dataclass(frozen=True)
class Check:
    correct: bool
    message: str  # praise, or a hint when wrong


def _strategy(names: Sequence[str], text: str, player: str) -> int:
    text = text.strip()
    lower = [n.lower() for n in names]
    if text.lower() in lower:
        return lower.index(text.lower())
    starts = [k for k, n in enumerate(lower) if n.startswith(text.lower())] if text else []
    if len(starts) == 1:
        return starts[0]
    raise AnswerError(f"{text!r} is not a strategy of {player} (choose from: {', '.join(names)})")


def parse_profile(game: StrategicGame, text: str) -> tuple[int, ...]:
    """``"Defect, defect"`` -> strategy indices, one per player in order."""
    parts = [p for p in text.split(",")]
    if len(parts) != len(game.players):
        raise AnswerError(f"give {len(game.players)} strategies, one per player "
                          f"({', '.join(p.name for p in game.players)}), separated by commas")
    return tuple(_strategy(p.strategies, t, p.name) for p, t in zip(game.players, parts, strict=False))


def parse_probabilities(text: str, size: int) -> tuple[Fraction, ...]:
    """``"1/3, 2/3"`` (commas or spaces) -> exact probabilities; they must be >= 0 and add up to 1."""
    pieces = [p for p in text.replace(",", " ").split() if p]
    if len(pieces) != size:
        raise AnswerError(f"give {size} probabilities, one per strategy, e.g. {', '.join(['1/' + str(size)] * size)}")
    try:
        values = tuple(Fraction(p) for p in pieces)
    except (ValueError, ZeroDivisionError):
        raise AnswerError("probabilities are exact numbers such as 1/3, 0.25 or 1") from None
    if any(v < 0 for v in values):
        raise AnswerError("probabilities cannot be negative")
    total = sum(values, Fraction(0))
    if total != 1:
        raise AnswerError(f"the probabilities add up to {fmt(total)}, not 1")
    return values


def parse_count(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise AnswerError("answer with a whole number, e.g. 2") from None
    if value < 0:
        raise AnswerError("a count cannot be negative")
    return value


def _name(game: StrategicGame, profile: tuple[int, ...]) -> str:
    return "(" + ", ".join(p.strategies[k] for p, k in zip(game.players, profile, strict=False)) + ")"


def why_not_pure(game: StrategicGame, table: PayoffTable, profile: tuple[int, ...]) -> str | None:
    """Who would switch away from ``profile`` and why; None when it is an equilibrium."""
    for i, player in enumerate(game.players):
        values = [table.at(profile[:i] + (s,) + profile[i + 1:])[i] for s in range(table.shape[i])]
        best = max(values)
        if values[profile[i]] < best:
            to = values.index(best)
            return (f"at {_name(game, profile)}, {player.name} would switch to {player.strategies[to]!r} "
                    f"and get {fmt(best)} instead of {fmt(values[profile[i]])}")
    return None


def check_pure(game: StrategicGame, table: PayoffTable, profile: tuple[int, ...], found: Sequence[tuple[int, ...]],
               equilibria: Sequence[tuple[int, ...]]) -> Check:
    if profile in found:
        return Check(False, f"{_name(game, profile)} is right, but you have named it already")
    if profile in equilibria:
        return Check(True, f"Right: {_name(game, profile)} is an equilibrium; every player's strategy is a best "
                           "response to the others'.")
    reason = why_not_pure(game, table, profile)
    return Check(False, f"Not an equilibrium: {reason}.")


def _expected(table: PayoffTable, player: int, own: int, other_mix: Sequence[Fraction]) -> Fraction:
    total = Fraction(0)
    for t, q in enumerate(other_mix):
        profile = (own, t) if player == 0 else (t, own)
        total += table.at(profile)[player] * q
    return total


def check_mixed(game: StrategicGame, table: PayoffTable, mixes: tuple[tuple[Fraction, ...], ...],
                found: Sequence[Equilibrium], equilibria: Sequence[Equilibrium]) -> Check:
    """Two players: is ``mixes`` one of the mixed ``equilibria`` not yet ``found``?  If not, a hint."""
    for eq in equilibria:
        if eq.profile == mixes:
            if eq in found:
                return Check(False, "That one is right, but you have given it already")
            return Check(True, "Right: against each other's mix, every strategy a player uses pays it the same, "
                               "and none pays more (expected payoffs " +
                               ", ".join(f"{p.name} {fmt(v)}"
                                         for p, v in zip(game.players, eq.payoffs, strict=False)) + ").")
    if all(max(m) == 1 for m in mixes):
        return Check(False, "That is a pure profile; this question is about equilibria in which someone mixes.")
    for i, player in enumerate(game.players):
        j = 1 - i
        values = [_expected(table, i, s, mixes[j]) for s in range(table.shape[i])]
        best = max(values)
        used = [s for s, p in enumerate(mixes[i]) if p]
        if any(values[s] < best for s in used):
            pays = ", ".join(f"{name} {fmt(v)}" for name, v in zip(player.strategies, values, strict=False))
            other = game.players[j].name
            return Check(False, f"Not an equilibrium: against {other}'s mix, {player.name}'s strategies pay {pays}, "
                                f"so {player.name} would not play them all. Hint: {player.name}'s indifference "
                                f"pins down {other}'s probabilities: choose them so that every strategy "
                                f"{player.name} uses pays the same.")
    return Check(False, "Not one of the game's equilibria.")


def solution_lines(game: StrategicGame, equilibria: Sequence[Equilibrium], scope: str,
                   result: SolveResult | None = None) -> list[str]:
    from negsolve.formatting import describe_strategy

    lines = []
    pure = [e for e in equilibria if e.pure]
    mixed = [e for e in equilibria if not e.pure]
    lines.append(f"Pure equilibria: {len(pure)}")
    for eq in pure:
        lines.append("  " + "; ".join(f"{p.name}: {describe_strategy(game, i, eq.profile[i])}"
                                      for i, p in enumerate(game.players))
                     + "  (payoffs " + ", ".join(fmt(v) for v in eq.payoffs) + ")")
    if scope == "all" and result is not None and has_continuum(result):
        extreme = (f"{len(mixed)} extreme mixed one{'' if len(mixed) == 1 else 's'} listed by 'solve'" if mixed
                   else "segments of mixed equilibria join the pure ones")
        lines.append(f"Mixed equilibria: {INFINITELY_MANY} (the game is degenerate; {extreme})")
        lines.extend(subset_lines(game, result))
    elif scope == "all":
        lines.append(f"Mixed equilibria: {len(mixed)}")
        for eq in mixed:
            lines.append("  " + "; ".join(f"{p.name}: {describe_strategy(game, i, eq.profile[i])}"
                                          for i, p in enumerate(game.players))
                         + "  (expected payoffs " + ", ".join(fmt(v) for v in eq.payoffs) + ")")
    else:
        lines.append("(mixed equilibria of games with three or more players are not computed)")
    return lines


def subset_lines(game: StrategicGame, result: SolveResult) -> list[str]:
    """Each maximal Nash subset with every player's probability ranges (degenerate games)."""
    lines = ["Sets of equilibria (every mix within one set is an equilibrium):"]
    for k, subset in enumerate(subset_ranges(result), start=1):
        parts = [f"{p.name} {'mixes' if subset.varies(i) else 'plays'} {range_words(p.strategies, subset.ranges[i])}"
                 for i, p in enumerate(game.players)]
        lines.append(f"  set {k}: " + "; ".join(parts) + ("" if subset.infinite else "  (a single equilibrium)"))
    return lines


__all__ = ["AnswerError", "Check", "check_mixed", "check_pure", "parse_count", "parse_probabilities",
           "parse_profile", "solution_lines", "subset_lines", "why_not_pure"]
