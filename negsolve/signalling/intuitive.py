r"""The Intuitive Criterion (Cho and Kreps 1987, "Signaling games and stable equilibria", QJE 102).

For an equilibrium giving type :math:`t` the payoff :math:`u^*(t)` and a message :math:`m` no type sends:

1. type :math:`t` is *ruled out* for :math:`m` when even the receiver's most favourable reply to it pays
   less: :math:`u^*(t) > \max_{a \in BR(T, m)} u_S(t, m, a)`, where :math:`BR(\Theta, m)` is the set of
   actions that are best replies to some belief concentrated on :math:`\Theta`;
2. let :math:`\Theta^{**}` be the types not ruled out; the equilibrium *fails* the criterion when some
   :math:`t \in \Theta^{**}` gains from :math:`m` whatever the receiver replies once it believes only
   :math:`\Theta^{**}`: :math:`\min_{a \in BR(\Theta^{**}, m)} u_S(t, m, a) > u^*(t)`.

With a receiver who sees more than the message (a message that reveals some types), the test runs at
each information set off the path, over the types it holds.  Equilibria with every message sent pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from negsolve.analysis.linear import feasible
from negsolve.expr import format_number as fmt
from negsolve.signalling.equilibria import Equilibrium, Numbers, best_reply_system
from negsolve.signalling.structure import ReceiverInfoset


@dataclass(frozen=True)
class IntuitiveCheck:
    passes: bool
    reasons: tuple[str, ...]


def best_replies(num: Numbers, info: ReceiverInfoset, types: tuple[str, ...]) -> tuple[str, ...]:
    """Actions at ``I`` that are a best reply to some belief on ``types``."""
    out = []
    for a in info.actions:
        br, simplex, _ = best_reply_system(num, info, a, types)
        if feasible(br + simplex):
            out.append(a)
    return tuple(out)


def intuitive_check(num: Numbers, eq: Equilibrium) -> IntuitiveCheck:
    """Whether ``eq`` survives the Intuitive Criterion, with the reason in words at each off-path set."""
    game = num.game
    reasons = []
    passes = True
    for info in game.infosets:
        if info.name not in eq.off_path:
            continue
        m = info.message
        star = {t: eq.type_payoffs[t] for t in info.types}
        all_br = best_replies(num, info, info.types)
        best = {t: max(num.sender[(t, m, a)] for a in all_br) for t in info.types}
        out = tuple(t for t in info.types if star[t] > best[t])
        kept = tuple(t for t in info.types if t not in out)
        words = [f"type {t} would never send {m}: the most it can get from it, {fmt(best[t])}, is below its "
                 f"equilibrium payoff, {fmt(star[t])}" for t in out]
        if not kept:
            reasons.append(f"{m}: " + "; ".join(words) + "; no type is left to send it, so the criterion says nothing")
            continue
        replies = best_replies(num, info, kept)
        worst = {t: min(num.sender[(t, m, a)] for a in replies) for t in kept}
        gainers = [t for t in kept if worst[t] > star[t]]
        belief = " or ".join(kept)
        lead = ("; ".join(words) + f"; so after {m} {game.receiver} should believe it faces {belief}") if out else (
            f"no type is ruled out after {m}")
        if gainers:
            passes = False
            t = gainers[0]
            reasons.append(f"{lead}; its best replies then ({', '.join(replies)}) give {t} at least {fmt(worst[t])}, "
                           f"more than its equilibrium payoff {fmt(star[t])}: {t} would deviate, so the equilibrium "
                           "fails the Intuitive Criterion")
        else:
            reasons.append(f"{lead}; its best replies then ({', '.join(replies)}) can still leave every such type no "
                           f"better off than in the equilibrium ({_list(worst, star)}): it survives at {m}")
    if not reasons:
        reasons.append("every message is sent, nothing is off the path: the criterion has nothing to test")
    return IntuitiveCheck(passes, tuple(reasons))


def _list(worst: dict[str, Fraction], star: dict[str, Fraction]) -> str:
    return ", ".join(f"{t}: at worst {fmt(worst[t])} against {fmt(star[t])}" for t in worst)
