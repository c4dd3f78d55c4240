"""A short glossary of game theory, each entry with a bundled game whose explanation is the worked example.

Each :class:`Concept` names a bundled game and the key of the step of ``negsolve explain GAME``
that shows the idea (see :class:`negsolve.explain.document.Step`); the tests check that the
step exists and uses the words of the entry.  The deal-space concepts name a command instead
(``negsolve deals GAME``, ``negsolve correlated GAME``): its output is the worked example, and
the tests check that it uses the words of the entry.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Concept:
    name: str
    title: str
    text: str
    game: str
    step: str
    mentions: str  # a phrase the worked example's step uses
    aliases: tuple[str, ...] = ()
    see: tuple[str, ...] = ()
    command: str = ""  # when set, the worked example is this command's output (``step`` unused)


CONCEPTS: tuple[Concept, ...] = (
    Concept(
        "best-response", "Best response",
        "A strategy that gives a player the highest payoff against a given choice of the others. Fix what the "
        "others do, compare the player's own payoffs, and mark the best: every cell where all payoffs are marked "
        "is a pure Nash equilibrium.",
        "stag-hunt", "best-responses", "best response", ("br",), ("nash-equilibrium",)),
    Concept(
        "nash-equilibrium", "Nash equilibrium",
        "A choice for every player (pure or mixed) in which each player's choice is a best response to the "
        "others'. No player can gain by changing only its own choice. A game can have several, and every finite "
        "game has at least one if mixed strategies are allowed (Nash 1950).",
        "battle-of-the-sexes", "pure", "Nash equilibrium", ("nash", "equilibrium", "ne"),
        ("best-response", "mixed-strategy", "subgame-perfection")),
    Concept(
        "dominance", "Dominated strategy",
        "Strategy A strictly dominates B when A pays more than B whatever the others do; weakly when it pays at "
        "least as much always and more at least once. A player who thinks it through never plays a strictly "
        "dominated strategy. A strategy that strictly dominates all others is dominant.",
        "prisoners-dilemma", "dominance", "strictly dominates",
        ("dominated-strategy", "dominant-strategy", "strict-dominance", "weak-dominance"),
        ("iterated-elimination",)),
    Concept(
        "iterated-elimination", "Iterated elimination of strictly dominated strategies",
        "Remove every strictly dominated strategy (also those beaten by a mix of the player's other strategies), "
        "then look again: with some strategies gone, others may now be dominated. What survives contains every "
        "equilibrium; if a single outcome survives, the game is dominance solvable.",
        "beijing", "elimination", "Round 2", ("elimination", "iterated-dominance", "dominance-solvable"),
        ("dominance",)),
    Concept(
        "mixed-strategy", "Mixed strategy",
        "Choosing among strategies at random with chosen probabilities. In games like matching pennies any "
        "predictable choice can be exploited, and the only equilibrium is mixed: each player keeps the other "
        "guessing.",
        "matching-pennies", "mixed", "probability", ("mixing", "randomisation", "randomization", "mixed"),
        ("indifference-principle",)),
    Concept(
        "indifference-principle", "Indifference principle",
        "In a mixed equilibrium each player mixes only between strategies that pay it the same against the "
        "other's mix. So the other player's probabilities solve the equations 'each strategy in the mix pays the "
        "same': a player's probabilities are pinned down by the other player's payoffs.",
        "battle-of-the-sexes", "mixed", "only if they pay the same", ("indifference",), ("mixed-strategy",)),
    Concept(
        "security-level", "Security level (maximin value)",
        "The most a player can guarantee itself whatever the others do: the best of its strategies' worst cases. "
        "Mixing can raise it. In a zero-sum game every equilibrium pays each player exactly its security level "
        "(the minimax theorem).",
        "rock-paper-scissors", "security", "security level", ("maximin", "minimax", "security"), ("zero-sum",)),
    Concept(
        "zero-sum", "Zero-sum game",
        "A game in which the payoffs in every cell add up to zero (or the same constant): one player's gain is "
        "the other's loss. Its equilibria all give the same payoffs, the players' security levels.",
        "matching-pennies", "security", "zero-sum", ("constant-sum", "zero-sum-game"), ("security-level",)),
    Concept(
        "pareto-efficiency", "Pareto efficiency",
        "An outcome is Pareto-efficient when no other outcome makes someone better off without making anyone "
        "worse off. Equilibria need not be efficient, because each player looks after its own payoff only.",
        "prisoners-dilemma", "pareto", "Pareto-efficient", ("pareto", "efficiency", "pareto-optimal"),
        ("prisoners-dilemma",)),
    Concept(
        "prisoners-dilemma", "Prisoner's dilemma",
        "A game in which every player has a strictly dominant strategy, yet the outcome they reach is worse for "
        "all than another outcome. A promise to cooperate is not self-enforcing: it needs penalties, side "
        "payments or a relationship that repeats.",
        "prisoners-dilemma", "dilemma", "prisoner's dilemma", ("dilemma", "pd", "social-dilemma"),
        ("pareto-efficiency", "grim-trigger")),
    Concept(
        "coordination-game", "Coordination game",
        "A game with several pure equilibria in which the players want to choose matching strategies. When all "
        "prefer the same equilibrium (stag hunt) the problem is trust; when they prefer different ones (battle "
        "of the sexes) it is a conflict over terms.",
        "stag-hunt", "pareto", "coordination problem", ("coordination", "stag-hunt", "assurance"),
        ("nash-equilibrium",)),
    Concept(
        "backward-induction", "Backward induction",
        "Solving a game tree from the end: at each last decision the mover picks its best move, the node is "
        "replaced by the payoffs of that move, and the procedure repeats towards the start.",
        "centipede", "backward-induction", "Backward induction", ("backwards-induction", "rollback"),
        ("subgame-perfection",)),
    Concept(
        "subgame-perfection", "Subgame-perfect equilibrium",
        "A plan for every player at every node (even nodes never reached) that is a Nash equilibrium of every "
        "subgame: every part of the tree that starts at a single node and cuts no information set. Backward "
        "induction finds these; they rule out threats that would not be carried out (Selten 1965). It asks "
        "nothing of an information set that play of its subgame does not reach (see sequential rationality).",
        "entry-deterrence", "subgame-perfect", "subgame-perfect equilibrium",
        ("subgame-perfect-equilibrium", "spe", "subgame-perfect", "subgame"), ("credible-threat",
                                                                                "sequential-rationality")),
    Concept(
        "credible-threat", "Credible and non-credible threats",
        "A threat is credible when carrying it out would be in the threatener's interest once the moment comes. "
        "A Nash equilibrium can rest on a threat that is never tested and so costs nothing; if the threatener "
        "would not carry it out, the threat is not credible and the equilibrium is not subgame perfect.",
        "entry-deterrence", "threats", "not credible",
        ("non-credible-threat", "threat", "credibility", "commitment"), ("subgame-perfection",)),
    Concept(
        "information-set", "Information set",
        "Nodes of a tree that the mover cannot tell apart (it does not know which of them it is at), so it must "
        "make the same move at all of them. A part of the tree that cuts through an information set is not a "
        "subgame; it is solved as a small simultaneous game.",
        "talks-about-talks", "backward-induction", "information set",
        ("imperfect-information", "infoset"), ("subgame-perfection",)),
    Concept(
        "grim-trigger", "Grim trigger",
        "In a repeated game: keep the agreement until someone breaks it, then punish by playing a one-shot "
        "equilibrium for ever. It sustains cooperation when players value the future enough (a discount factor "
        "above a threshold); 'negsolve repeated' computes the threshold.",
        "prisoners-dilemma", "dilemma", "grim trigger", ("trigger-strategy", "repeated-game", "folk-theorem"),
        ("prisoners-dilemma",)),
    Concept(
        "stability-conditions", "Stability conditions",
        "For a game with parameters: the exact values for which an outcome is an equilibrium, one condition per "
        "possible deviation ('s >= 2'). They show which concession (a penalty, a side payment, a change in one "
        "parameter) would make an agreement self-enforcing.",
        "freeze-for-freeze", "parameters", "exactly when", ("stability", "self-enforcing", "concessions"),
        ("nash-equilibrium",)),
    Concept(
        "minmax", "Minmax value",
        "The least payoff the other players can hold a player to, if it answers with a best response. With "
        "pure strategies it can exceed the security level; with mixed strategies and two players the two are "
        "equal (the minimax theorem). No equilibrium pays a player less than its minmax value.",
        "prisoners-dilemma", "", "Minmax values", ("minmax-value", "punishment-value", "min-max"),
        ("security-level", "folk-theorem-region"), command="negsolve deals prisoners-dilemma"),
    Concept(
        "folk-theorem-region", "Folk-theorem region",
        "The feasible payoffs (averages of lotteries over outcomes) that give every player more than its "
        "minmax value. With patient enough players every such payoff is the average payoff of a subgame-perfect "
        "equilibrium of the infinitely repeated game (Fudenberg and Maskin 1986).",
        "prisoners-dilemma", "", "folk-theorem region", ("individually-rational", "feasible-payoffs"),
        ("minmax", "grim-trigger"), command="negsolve deals prisoners-dilemma"),
    Concept(
        "bargaining", "Bargaining problem",
        "Which agreement two sides reach when they can agree on any feasible deal (any lottery over outcomes) "
        "and each can walk away to a disagreement point. Axiomatic solutions (Nash, Kalai-Smorodinsky, "
        "egalitarian, utilitarian) pick one point of the Pareto frontier; alternating offers (Rubinstein) "
        "derive the split from patience.",
        "freeze-for-freeze", "", "Bargaining", ("bargaining-problem", "bargaining-solution", "disagreement-point",
                                                "kalai-smorodinsky", "rubinstein", "alternating-offers"),
        ("nash-bargaining-solution", "pareto-efficiency"), command="negsolve deals freeze-for-freeze"),
    Concept(
        "nash-bargaining-solution", "Nash bargaining solution",
        "The agreement that maximises the product of both sides' gains over the disagreement point (Nash 1950). "
        "It is the only rule that is Pareto efficient, symmetric, unaffected by rescaling either side's payoffs "
        "and by removing agreements that were not chosen.",
        "freeze-for-freeze", "", "Nash bargaining solution", ("nash-bargaining", "nbs", "nash-solution"),
        ("bargaining",), command="negsolve deals freeze-for-freeze"),
    Concept(
        "correlated-equilibrium", "Correlated equilibrium",
        "A mediator draws an outcome from a known distribution and tells each player privately only its own "
        "part; the distribution is a correlated equilibrium when nobody gains by disobeying (Aumann 1974). Every "
        "Nash equilibrium is one, and a mediator can reach payoffs no Nash equilibrium reaches.",
        "brokered-collision", "", "draws one outcome",
        ("correlated", "ce", "mediator", "coarse-correlated-equilibrium"),
        ("nash-equilibrium",), command="negsolve correlated brokered-collision"),
    Concept(
        "bayesian-game", "Bayesian game (game with types)",
        "A game in which some players hold private information: each has a type, drawn by chance, that only it "
        "knows and that fixes its payoffs. Harsanyi (1967) turned such uncertainty into a game with a chance "
        "move at the start: the others know only the probabilities of the types.",
        "uncertain-incumbent", "types", "Bayesian game", ("game-with-types", "incomplete-information", "harsanyi"),
        ("type", "common-prior", "bayesian-nash-equilibrium")),
    Concept(
        "type", "Type",
        "What a player privately knows about itself (its costs, its resolve, whether it is serious), summed up "
        "as a label that fixes its payoffs. A strategy in a Bayesian game names an action for every type.",
        "serious-or-stalling", "types", "knows its own type", ("types", "private-information"),
        ("bayesian-game",)),
    Concept(
        "common-prior", "Common prior",
        "The probabilities of the type profiles, known to every player (and known to be known). A player who "
        "learns its own type updates the prior by Bayes' rule into its beliefs about the others' types.",
        "uncertain-incumbent", "prior", "common prior", ("prior",),
        ("bayesian-game",)),
    Concept(
        "bayesian-nash-equilibrium", "Bayesian Nash equilibrium",
        "A strategy for every type of every player such that each type's choice is a best response given its "
        "beliefs about the others' types and the others' strategies. Equivalently, a Nash equilibrium of the "
        "ex-ante game whose strategies are plans (an action per type), when every type has positive probability.",
        "uncertain-incumbent", "equilibria", "best response given its beliefs", ("bne", "bayes-nash"),
        ("bayesian-game", "nash-equilibrium")),
    Concept(
        "belief", "Belief and assessment",
        "At an information set, a belief is the probability the mover gives to each of its nodes (where it thinks "
        "it is). An assessment pairs a plan with a belief at every information set. Where play reaches the set, "
        "the belief follows Bayes' rule: each node's probability divided by the set's; off the path Bayes' rule "
        "divides 0 by 0 and leaves the belief open.",
        "talks-about-talks", "beliefs", "Bayes' rule",
        ("beliefs", "assessment", "bayes-rule", "bayes", "off-path-beliefs"),
        ("information-set", "perfect-bayesian-equilibrium")),
    Concept(
        "sequential-rationality", "Sequential rationality",
        "At every information set, on the path or off it, the move is a best reply to the mover's belief there, "
        "play continuing by the plan (Kreps and Wilson 1982). It rules out threats that no belief could justify, "
        "even at information sets subgame perfection does not reach.",
        "talks-about-talks", "beliefs", "best reply",
        ("sequentially-rational",), ("belief", "subgame-perfection")),
    Concept(
        "perfect-bayesian-equilibrium", "Perfect Bayesian equilibrium",
        "A plan with beliefs in which every move is a best reply to the belief at its information set, and "
        "beliefs follow Bayes' rule wherever play reaches them. The weak version (Mas-Colell, Whinston and Green) "
        "asks Bayes' rule only on the path of the whole game; the version negsolve reports asks it in every "
        "subgame where it applies, which makes the plan subgame perfect too.",
        "talks-about-talks", "beliefs", "perfect Bayesian",
        ("pbe", "weak-pbe", "weak-perfect-bayesian-equilibrium"), ("belief", "sequential-equilibrium")),
    Concept(
        "consistency", "Consistent beliefs",
        "Beliefs are consistent when they are the limit of Bayes' rule as every move gets a small probability "
        "that shrinks to nothing (trembles) and play approaches the plan (Kreps and Wilson 1982). Off-path beliefs "
        "then must agree with each other: two information sets reached by the same mistakes get the same odds.",
        "talks-about-talks", "beliefs", "trembles", ("consistent-beliefs", "trembles", "consistent-assessment"),
        ("sequential-equilibrium",)),
    Concept(
        "sequential-equilibrium", "Sequential equilibrium",
        "An assessment that is sequentially rational with consistent beliefs (Kreps and Wilson 1982). Every "
        "sequential equilibrium is perfect Bayesian and subgame perfect; a perfect Bayesian equilibrium whose "
        "off-path beliefs no trembles produce is not sequential.",
        "talks-about-talks", "beliefs", "sequential equilibrium", ("se", "sequential"),
        ("consistency", "perfect-bayesian-equilibrium")),
    Concept(
        "pooling-equilibrium", "Pooling equilibrium",
        "In a signalling game, a perfect Bayesian equilibrium in which every type of the sender sends the same "
        "message. The message tells the receiver nothing: by Bayes' rule its belief stays at the prior. Messages "
        "nobody sends are off the path, where any belief is allowed; the equilibrium lives on the belief that "
        "deters a type from sending them.",
        "beer-quiche", "", "Pooling:", ("pooling", "pooling-equilibria"),
        ("separating-equilibrium", "intuitive-criterion"), command="negsolve signal beer-quiche"),
    Concept(
        "separating-equilibrium", "Separating equilibrium",
        "In a signalling game, a perfect Bayesian equilibrium in which each type sends its own message, so the "
        "message reveals the type (Bayes' rule puts belief 1 on it). It needs a signal that is cheaper for the "
        "type that wants to be recognised: education in Spence's job market, a test moratorium for a serious "
        "North.",
        "job-market", "", "Separating:", ("separating", "separating-equilibria", "signal"),
        ("pooling-equilibrium", "semi-separating-equilibrium"), command="negsolve signal job-market"),
    Concept(
        "semi-separating-equilibrium", "Semi-separating equilibrium",
        "A hybrid: some type mixes between messages, so a message shifts the receiver's belief without settling "
        "it. The mixing type must be exactly indifferent, which usually needs the receiver to mix too, and the "
        "receiver mixes only at the belief that leaves it indifferent: both probabilities follow from these "
        "equations.",
        "beer-quiche", "", "Semi-separating:", ("hybrid-equilibrium", "semi-separating", "partially-separating"),
        ("pooling-equilibrium", "separating-equilibrium"), command="negsolve signal beer-quiche --set p=1/4"),
    Concept(
        "intuitive-criterion", "Intuitive Criterion",
        "Cho and Kreps's test of off-path beliefs (1987). For a message nobody sends, rule out every type that "
        "could not gain from it whatever the receiver answered; if some remaining type would gain from it "
        "against every reply the receiver could give to a belief on the remaining types, the equilibrium fails. "
        "It removes the Quiche pooling equilibrium of Beer-Quiche.",
        "beer-quiche", "", "Intuitive Criterion: FAILS", ("cho-kreps", "equilibrium-dominance"),
        ("pooling-equilibrium",), command="negsolve signal beer-quiche"),
)


def normalise(name: str) -> str:
    """``"Nash equilibrium"`` -> ``"nash-equilibrium"``."""
    return "-".join(name.strip().lower().replace("_", " ").replace("'", "").split())


def find(name: str) -> Concept | None:
    """The concept called ``name`` (or one of its aliases, a plural, any spelling of spaces), or None."""
    key = normalise(name)
    words = key.split("-")
    singular = "-".join(_singular(w) for w in words)
    last = "-".join(words[:-1] + [_singular(words[-1])])
    for candidate in (key, last, singular):
        for concept in CONCEPTS:
            if candidate == concept.name or candidate in concept.aliases:
                return concept
    return None


def _singular(word: str) -> str:
    """``strategies`` -> ``strategy``, ``equilibria`` -> ``equilibrium``, ``responses`` -> ``response``."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ria"):
        return word[:-1] + "um"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def suggest(name: str) -> str | None:
    """The nearest concept name for a typo, or None."""
    names = {c.name: c.name for c in CONCEPTS}
    names.update({a: c.name for c in CONCEPTS for a in c.aliases})
    close = difflib.get_close_matches(normalise(name), list(names), n=1, cutoff=0.5)
    return names[close[0]] if close else None


__all__ = ["CONCEPTS", "Concept", "find", "normalise", "suggest"]
