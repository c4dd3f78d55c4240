r"""Consistency by trembles (Kreps & Wilson 1982): is some supporting belief system a limit of Bayes beliefs?

An assessment :math:`(\pi, \mu)` is *consistent* when :math:`\mu` is the limit of the Bayes
beliefs of completely mixed behaviour :math:`\pi^n \to \pi`.  Along any such sequence (by curve
selection, one can take each move's probability to be a Puiseux series in :math:`\varepsilon`)
a move :math:`a` that :math:`\pi` gives probability zero has leading term
:math:`\rho_a \varepsilon^{\lambda_a}` with :math:`\rho_a > 0, \lambda_a > 0`, and a move with
:math:`\pi(a) > 0` tends to :math:`\pi(a)`.  A node :math:`x` reached through the trembles
:math:`Z_x` (:mod:`negsolve.beliefs.structure`) then has probability
:math:`c_x \prod_{a \in Z_x} \rho_a \, \varepsilon^{\lambda(x)}` to leading order, with
:math:`\lambda(x) = \sum_{a \in Z_x} \lambda_a`; all terms are positive, so nothing cancels and
the limit belief at an information set :math:`I` puts weight only on its nodes of least order,
the *face* :math:`T_I = \arg\min_{x \in I} \lambda(x)`, proportional to
:math:`c_x \prod_{a \in Z_x} \rho_a`.  Conversely every choice of :math:`\lambda, \rho` is
realised by the trembles :math:`\rho_a \varepsilon^{\lambda_a}`.  (Kreps & Wilson 1982,
Lemma A1; Kohlberg & Reny 1997; Perea, Jansen & Peters 1997.)

The test, exact throughout:

1. information sets reached by the plan keep their Bayes beliefs; one-node sets are trivial;
   an unreached set where every belief supports the behaviour puts no demand; every other
   unreached set is *constrained*;
2. for each constrained set, each face :math:`T` whose relative interior holds a supporting
   belief is an option: every belief of the face supports (no demand on :math:`\rho`), or
   :math:`|T| = 2` and the supporting beliefs form a ratio interval
   :math:`L \le \mu_x / \mu_y \le U`;
3. for each combination of options: the orders must realise the faces (linear conditions in
   :math:`\lambda > 0`, decided by :func:`negsolve.analysis.linear.feasible`), and the ratio
   intervals must hold together (log-linear conditions in :math:`\rho`, decided exactly by
   :func:`negsolve.beliefs.log_linear.feasible`).

A face of three or more nodes with a partial supporting set is settled in two cases: its
nodes share their trembles (the limit belief is fixed by the positive probabilities, and is
checked), or the tremble exponents of its nodes relative to the first are linearly independent
and their trembles appear in no other face of the combination (then every belief of the face's
interior is a limit, and the supporting interior is nonempty).  The answer is exact and
complete whenever no other face of three or more nodes is needed; otherwise it is undecided
(``None``).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from negsolve.beliefs.structure import InformationSet, NodePath

MAX_COMBINATIONS = 4096
MAX_FACE_NODES = 8  # faces are the nonempty subsets of an information set's nodes


@dataclass(frozen=True)
class Face:
    """One way a constrained information set's limit belief can look."""

    nodes: tuple[str, ...]
    infoset: str
    kind: str  # "all" (every belief of the face supports), "ratio", "undecided"
    ratio: tuple[Fraction, Fraction | None] | None = None  # L <= mu(x)/mu(y) <= U (None: no upper bound)


@dataclass(frozen=True)
class ConsistencyResult:
    sequential: bool | None
    reason: str


def _faces(infoset: InformationSet, possible: Sequence[str], table: Mapping, support: Sequence[str]) -> list[Face]:
    from negsolve.analysis.linear import feasible
    from negsolve.beliefs.support import first_node_interval, supports, system

    vertex_ok = {x: supports(table, support, {x: Fraction(1)}) for x in possible}
    faces = []
    for size in range(1, len(possible) + 1):
        for face in itertools.combinations(possible, size):
            if all(vertex_ok[x] for x in face):
                faces.append(Face(face, infoset.name, "all"))
            elif size == 1 or not feasible(system(table, support, face, interior=True)):
                continue
            elif size == 2:
                found = first_node_interval({x: table[x] for x in face}, support)
                assert found is not None  # the interior is feasible
                low, high = found
                upper = None if high == 1 else high / (1 - high)
                faces.append(Face(face, infoset.name, "ratio", (low / (1 - low), upper)))
            else:
                faces.append(Face(face, infoset.name, "undecided"))
    return faces


def _orders_feasible(choice: Sequence[tuple[Sequence[str], Face]], paths: Mapping[str, NodePath]) -> bool:
    from negsolve.analysis.linear import Linear, feasible

    def order(x: str) -> Counter:
        return Counter(f"l[{i}:{m}]" for i, m in paths[x].zeros)

    names = {v for possible, _ in choice for x in possible for v in order(x)}
    rows = [Linear.make({v: Fraction(1)}, Fraction(0), True) for v in names]
    for possible, face in choice:
        first = order(face.nodes[0])
        for x in possible:
            diff = order(x)
            diff.subtract(first)
            coeffs = {v: Fraction(k) for v, k in diff.items()}
            if x in face.nodes:
                rows.append(Linear.make(coeffs, Fraction(0), False))
                rows.append(Linear.make({v: -k for v, k in coeffs.items()}, Fraction(0), False))
            else:
                rows.append(Linear.make(coeffs, Fraction(0), True))
    return feasible(rows)


def _ratios_feasible(choice: Sequence[tuple[Sequence[str], Face]], paths: Mapping[str, NodePath]) -> bool:
    from negsolve.beliefs.log_linear import Monomial, feasible

    rows = []
    for _, face in choice:
        if face.kind != "ratio" or face.ratio is None:
            continue
        x, y = face.nodes
        exps = Counter(f"r[{i}:{m}]" for i, m in paths[x].zeros)
        exps.subtract(Counter(f"r[{i}:{m}]" for i, m in paths[y].zeros))
        base = paths[x].weight / paths[y].weight  # mu(x)/mu(y) = base * prod rho ** exps
        low, high = face.ratio
        if low > 0:
            rows.append(Monomial.make(dict(exps), low / base))
        if high is not None:
            rows.append(Monomial.make({v: -k for v, k in exps.items()}, base / high))
    return feasible(rows)


def consistent_support(infosets: Sequence[InformationSet], paths: Mapping[str, NodePath],
                       tables: Mapping[str, Mapping], supports_: Mapping[str, Sequence[str]]) -> ConsistencyResult:
    """Whether some consistent belief system makes the plan sequentially rational (see the module)."""
    from negsolve.beliefs.support import supported, supports

    options: list[tuple[list[str], list[Face]]] = []
    for infoset in infosets:
        table, support = tables[infoset.name], supports_[infoset.name]
        reach = sum((paths[x].reach for x in infoset.nodes), Fraction(0))
        if reach > 0:
            belief = {x: paths[x].reach / reach for x in infoset.nodes}
            if not supports(table, support, belief):
                return ConsistencyResult(False, f"at {infoset.name} the Bayes belief does not support the play")
            continue
        possible = [x for x in infoset.nodes if not paths[x].impossible]
        if len(possible) <= 1 or all(supports(table, support, {x: Fraction(1)}) for x in possible):
            if not (supports(table, support, {possible[0]: Fraction(1)}) if possible else supported(table, support)):
                return ConsistencyResult(False, f"at {infoset.name} no belief supports the play")
            continue
        if len(possible) > MAX_FACE_NODES:
            return ConsistencyResult(None, f"{infoset.name} has more than {MAX_FACE_NODES} nodes off the path")
        faces = _faces(infoset, possible, table, support)
        if not faces:
            return ConsistencyResult(False, f"at {infoset.name} no belief supports the play")
        options.append((possible, faces))
    total = 1
    for _, faces in options:
        total *= len(faces)
    if total > MAX_COMBINATIONS:
        return ConsistencyResult(None, f"{total} combinations of belief faces (more than {MAX_COMBINATIONS})")
    undecided = False
    for combo in itertools.product(*(faces for _, faces in options)):
        choice = [(possible, face) for (possible, _), face in zip(options, combo, strict=True)]
        if not _orders_feasible(choice, paths) or not _ratios_feasible(choice, paths):
            continue
        if not all(_settled(face, choice, paths, tables, supports_) for face in combo if face.kind == "undecided"):
            undecided = True
            continue
        return ConsistencyResult(True, "supporting beliefs are limits of Bayes beliefs under trembles")
    if undecided:
        return ConsistencyResult(None, "a belief face of three or more nodes is only partly supporting")
    return ConsistencyResult(False, "no tremble sequence gives beliefs that support the play at every information set")


def _exponents(face: Face, paths: Mapping[str, NodePath]) -> list[Counter]:
    """Each node's trembles relative to the face's first node."""
    first = Counter(paths[face.nodes[0]].zeros)
    out = []
    for x in face.nodes[1:]:
        diff = Counter(paths[x].zeros)
        diff.subtract(first)
        out.append(Counter({k: v for k, v in diff.items() if v}))
    return out


def _independent(rows: list[Counter]) -> bool:
    """Whether the integer vectors are linearly independent (exact Gaussian elimination)."""
    names = sorted({k for r in rows for k in r})
    matrix = [[Fraction(r.get(k, 0)) for k in names] for r in rows]
    rank = 0
    for col in range(len(names)):
        pivot = next((i for i in range(rank, len(matrix)) if matrix[i][col]), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for i in range(len(matrix)):
            if i != rank and matrix[i][col]:
                factor = matrix[i][col] / matrix[rank][col]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[rank], strict=True)]
        rank += 1
    return rank == len(rows)


def _settled(face: Face, choice: Sequence[tuple[Sequence[str], Face]], paths: Mapping[str, NodePath],
             tables: Mapping[str, Mapping], supports_: Mapping[str, Sequence[str]]) -> bool:
    """Whether a face of three or more nodes with a partial supporting set is known to hold a limit belief."""
    from negsolve.beliefs.support import supports

    rows = _exponents(face, paths)
    if not any(rows):  # same trembles: the limit belief is fixed by the positive probabilities
        total = sum((paths[x].weight for x in face.nodes), Fraction(0))
        belief = {x: paths[x].weight / total for x in face.nodes}
        return supports(tables[face.infoset], supports_[face.infoset], belief)
    mine = {k for r in rows for k in r}
    others = {k for _, other in choice if other is not face and other.kind != "all"
              for r in _exponents(other, paths) for k in r}
    return _independent(rows) and not (mine & others)
