r"""Gambit's extensive-form ``.efg`` format (version 2): read and write game trees.

A file is a header, an optional comment and the nodes of the tree in *preorder* (a node,
then the subtree of each of its children in move order), conventionally one a line::

    EFG 2 R "Entry deterrence" { "Entrant" "Incumbent" }
    "optional comment"
    p "start" 1 1 "Entrant" { "Out" "In" } 0
    t "" 1 "Out" { 0, 2 }
    c "" 1 "Nature" { "Weak" 1/2 "Strong" 1/2 } 0
    ...

The letter after the version is ``R`` or ``D`` (an obsolete distinction, both accepted).
Each node entry starts with a letter:

- ``c "name" EVENT ["event name" { "move" PROB ... }] OUTCOME [...]``: a chance node;
- ``p "name" PLAYER INFOSET ["infoset name" { "move" ... }] OUTCOME [...]``: a decision
  node of player ``PLAYER`` (1-based, in header order); nodes with the same player and
  information-set number form one information set;
- ``t "name" OUTCOME [...]``: a terminal node.

``OUTCOME`` is an outcome number, optionally followed by ``"outcome name" { payoffs }``
(one payoff per player, commas allowed); 0 is the null outcome, which pays nothing and has
no description.  Outcomes may sit on inner nodes: a path pays the sum of the outcomes along
it.  A node has as many children as its information set or chance event has moves.
Information-set, event and outcome numbers may repeat; a repeat may omit the bracketed
description (it is then taken from the first appearance) or repeat it, identically.
Numbers are integers, decimals (``0.5``, ``1e-3``) or rationals (``1/3``), all read exactly;
chance probabilities must be non-negative and add up to exactly 1.

Strings are in double quotes; inside them ``\"`` stands for a quote and every other
character, a backslash included, stands for itself (as in Gambit).  Node labels need not be
unique.  Empty or repeated move names within an information set are renamed as Gambit does
(two moves ``"1/2"`` become ``"1/2_1"`` and ``"1/2_2"``, an empty name becomes ``"_1"``).
Reference: Gambit's documentation, ``doc/formats.efg.rst``.

Read into :class:`~negsolve.model.tree.GameTree`: node ``k`` in preorder (1-based) gets the
id ``n{k}``, its Gambit name becomes its ``label``; a decision node's ``infoset`` is its
information-set number as a string (membership is the pair (player, infoset)), a chance
node's ``infoset`` is its event number; outcomes keep their Gambit number and name.
"""

from __future__ import annotations

import gc
import re
from fractions import Fraction
from typing import NoReturn

from negsolve.errors import InputError, Problem
from negsolve.expr import format_number
from negsolve.io.nfg import unique_names
from negsolve.limits import BAD_TEXT_CHARACTERS, LimitError, character_problem, out_of_range, parse_literal
from negsolve.model.expression import Number, evaluate
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree, Node, Outcome

# One pass of findall: a quoted string, a brace, a run of other non-space characters, or a
# lone quote (the start of an unterminated string).  Whitespace and commas separate tokens.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}]|[^\s{}",]+|"', re.S)
_POSITIVE = re.compile(r"[1-9]\d*")
_NODE_KINDS = "'c', 'p' or 't'"


class _EfgError(Exception):
    """A problem at token ``at`` (``None``: no line; ``len(tokens)``: the end of the file)."""

    def __init__(self, message: str, at: int | None):
        super().__init__(message)
        self.message = message
        self.at = at


def _line(text: str, at: int | None) -> int | None:
    """1-based line of token number ``at`` (the last token's line past the end)."""
    if at is None:
        return None
    start = 0
    for k, match in enumerate(_TOKEN.finditer(text)):
        start = match.start()
        if k == at:
            break
    return text.count("\n", 0, start) + 1


def loads_efg(text: str, filename: str = "<string>") -> GameTree:
    """Read a Gambit ``.efg`` game tree."""
    collecting = gc.isenabled()
    gc.disable()  # building many small objects: the cyclic collector would only slow it down
    try:
        return _parse(text, filename)
    except _EfgError as exc:
        raise InputError([Problem(exc.message, file=filename, line=_line(text, exc.at))]) from None
    finally:
        if collecting:
            gc.enable()


def _distinct(labels: tuple[str, ...]) -> tuple[str, ...]:
    """Move names made distinct and nonempty as Gambit does: every empty or repeated name
    ``x`` becomes ``x_1``, ``x_2``, ... (skipping names already in use)."""
    if "" not in labels and len(set(labels)) == len(labels):
        return labels
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    used = set(labels)
    visited: dict[str, int] = {}
    out = []
    for label in labels:
        if counts[label] == 1 and label:
            out.append(label)
            continue
        while True:
            visited[label] = visited.get(label, 0) + 1
            candidate = f"{label}_{visited[label]}"
            if candidate not in used:
                break
        used.add(candidate)
        out.append(candidate)
    return tuple(out)


def _check_characters(text: str, toks: list[str], comment: int) -> None:
    """Refuse control and bidirectional characters: anywhere in the file (one regex pass), and
    newlines or tabs inside any quoted name (only the comment at ``comment`` may hold them)."""
    found = BAD_TEXT_CHARACTERS.search(text)
    if found:
        problem = character_problem(found.group())
        assert problem is not None
        raise _EfgError(problem.replace(" at position 1", ""), _token_at(text, found.start()))
    for k in [k for k, t in enumerate(toks) if t[:1] == '"' and ("\n" in t or "\t" in t or "\r" in t)]:
        if k != comment:
            problem = character_problem(toks[k][1:-1])
            raise _EfgError(f"the name {_show(toks[k])}: {problem}", k)


def _token_at(text: str, offset: int) -> int:
    """Number of the token that contains (or follows) character ``offset``."""
    for k, match in enumerate(_TOKEN.finditer(text)):
        if match.end() > offset:
            return k
    return 0


def _show(token: str) -> str:
    return repr(token if len(token) <= 30 else token[:27] + "...")


def _describe(label: str, moves: tuple[str, ...], probs: list[Fraction] | None = None) -> str:
    if probs is None:
        inside = " ".join(_q(m) for m in moves)
    else:
        inside = " ".join(f"{_q(m)} {format_number(p)}" for m, p in zip(moves, probs, strict=True))
    return f"{_q(label)} {{ {inside} }}"


_END = ""  # padding after the last token: never a real token, fails every check


def _parse(text: str, filename: str) -> GameTree:
    toks = _TOKEN.findall(text)
    ntok = len(toks)
    if not ntok:
        raise _EfgError("the file is empty", None)
    if '"' in toks:
        raise _EfgError("unterminated string: a quote opened here is never closed", toks.index('"'))
    toks.extend([_END] * 8)  # lookahead never runs off the list

    def fail(i: int, what: str) -> NoReturn:
        if i >= ntok:
            raise _EfgError(f"the file ends early: expected {what}", ntok)
        raise _EfgError(f"expected {what}, found {_show(toks[i])}", i)

    def string(i: int, what: str) -> str:
        tok = toks[i]
        if tok[:1] != '"':
            fail(i, what)
        tok = tok[1:-1]
        return tok.replace('\\"', '"') if "\\" in tok else tok

    # Header.
    head = toks[0]
    if head != "EFG":
        hint = " (this is a strategic game)" if head == "NFG" else ""
        raise _EfgError(f"not a Gambit extensive game: expected 'EFG', found {_show(head)}{hint}", 0)
    if toks[1] != "2":
        if toks[1] == _END:
            fail(1, "the version number 2")
        raise _EfgError(f"unsupported .efg version {_show(toks[1])}: only version 2 exists", 1)
    if toks[2] not in ("R", "D"):
        fail(2, "'R' or 'D' after the version")
    title = string(3, "the quoted title")
    if toks[4] != "{":
        fail(4, "'{' opening the player list")
    i = 5
    player_names: list[str] = []
    while toks[i] != "}":
        player_names.append(string(i, "a quoted player name or '}' closing the player list"))
        i += 1
    if not player_names:
        raise _EfgError("the game has no players", i)
    i += 1
    nplayers = len(player_names)
    comment = ""
    if toks[i][:1] == '"':
        comment = string(i, "")
        i += 1
    _check_characters(text, toks, i - 1 if comment else -1)

    numbers: dict[str, Number] = {}  # number text -> Number, shared

    def number(i: int, what: str) -> Number:
        tok = toks[i]
        value = numbers.get(tok)
        if value is None:
            try:
                exact = parse_literal(tok)
            except LimitError as exc:
                raise _EfgError(out_of_range(tok, exc), i) from None
            except ZeroDivisionError:
                raise _EfgError(f"expected {what}, found {_show(tok)} (division by zero)", i) from None
            if exact is None:
                fail(i, what)
            value = numbers[tok] = Number(exact)
        return value

    # Declarations: key -> (first token index, label, moves as written, ..., moves as used).
    infosets: dict[tuple[int, int], tuple[int, str, tuple[str, ...], tuple[str, ...]]] = {}
    events: dict[int, tuple[int, str, tuple[str, ...], tuple[Number, ...], tuple[str, ...]]] = {}
    outcomes: dict[int, tuple[int, Outcome]] = {}
    distinct: dict[tuple[str, ...], tuple[str, ...]] = {}  # moves as written -> as used, shared
    ints: dict[str, int] = {}  # integer text -> value

    def integer(i: int, what: str) -> int:
        tok = toks[i]
        if not (tok.isdigit() and tok.isascii()):
            fail(i, what)
        if len(tok) > 9:  # player, set and outcome numbers: a billion is plenty, and int() stays cheap
            raise _EfgError(f"expected {what}, found {_show(tok)} (more than 9 digits)", i)
        value = ints[tok] = int(tok)
        return value

    def describe_outcome(i: int, k: int, start: int) -> tuple[int, Outcome]:
        """Read ``"name" { payoffs }`` of outcome ``k`` at token ``i``."""
        if k == 0:
            raise _EfgError("outcome 0 is the null outcome: it cannot have a name or payoffs", start)
        label = toks[i][1:-1]
        if "\\" in label:
            label = label.replace('\\"', '"')
        if toks[i + 1] != "{":
            fail(i + 1, f"'{{' opening the payoffs of outcome {k}")
        i += 2
        payoffs = []
        while (tok := toks[i]) != "}":
            payoffs.append(numbers.get(tok) or number(i, f"a number (a payoff of outcome {k}) or '}}' closing "
                                                         "its payoffs"))
            i += 1
        if len(payoffs) != nplayers:
            raise _EfgError(f"outcome {k} has {len(payoffs)} payoff{'s' if len(payoffs) != 1 else ''}, "
                            f"expected {nplayers} (one per player)", start)
        payoffs_t = tuple(payoffs)
        known = outcomes.get(k)
        if known is None:
            outcome = Outcome(payoffs_t, label, k)
            outcomes[k] = (start, outcome)
            return i + 1, outcome
        first, outcome = known
        if outcome.label != label or outcome.payoffs != payoffs_t:
            old = f"{_q(outcome.label)} {{ {', '.join(str(p) for p in outcome.payoffs)} }}"
            new = f"{_q(label)} {{ {', '.join(str(p) for p in payoffs)} }}"
            raise _EfgError(f"outcome {k} is described as {new} here but as {old} on line {_line(text, first)}",
                            start)
        return i + 1, outcome

    def read_moves(i: int, what: str, chance: bool) -> tuple[int, tuple[str, ...], tuple[Number, ...]]:
        """Read ``{ "move" ... }`` (with probabilities at chance nodes) at token ``i``."""
        if toks[i] != "{":
            fail(i, f"'{{' opening the moves of {what}")
        i += 1
        names = []
        probs = []
        while toks[i] != "}":
            names.append(string(i, f"a quoted move or '}}' closing the moves of {what}"))
            if chance:
                probs.append(number(i + 1, f"a number (the probability of move {_q(names[-1])} of {what})"))
                i += 1
            i += 1
        if not names:
            raise _EfgError(f"{what} has no moves", i)
        return i + 1, tuple(names), tuple(probs)

    # Nodes, iteratively (a file may be deep): one row per node, children filled in later.
    rows: list[tuple] = []
    children: list[list[str]] = []
    stack: list[list[int]] = []  # [node index, children still to read]
    empty: tuple = ()
    ids = [f"n{k}" for k in range(1, ntok // 3 + 2)]  # a node takes at least 3 tokens
    if i >= ntok:
        fail(i, f"the root node ({_NODE_KINDS})")
    while True:
        start = i
        kind = toks[i]
        label = toks[i + 1]
        if label[:1] != '"':
            if kind not in ("c", "p", "t"):
                raise _EfgError(f"expected {'a node' if stack else 'the root node'} ({_NODE_KINDS}), "
                                f"found {_show(kind)}", i)
            fail(i + 1, "the quoted name of the node")
        label = label[1:-1]
        if "\\" in label:
            label = label.replace('\\"', '"')
        if kind == "t":
            i += 2
            player = None
            infoset = None
            infoset_label = ""
            moves = probs = empty
        elif kind == "p":
            player = ints.get(toks[i + 2]) or integer(i + 2, "a player number")
            if not 0 < player <= nplayers:
                raise _EfgError(f"unknown player number {player}: the game has {nplayers} "
                                f"player{'s' if nplayers != 1 else ''}, numbered from 1", i + 2)
            number_ = ints.get(toks[i + 3]) or integer(i + 3, f"an information set number of player {player}")
            if not number_:
                fail(i + 3, f"an information set number of player {player} (1 or more)")
            i += 4
            key = (player, number_)
            known = infosets.get(key)
            if toks[i][:1] == '"':
                infoset_label = string(i, "")
                i += 1
                if toks[i] == "{":  # the common case, inline: { "move" ... }
                    j = i + 1
                    while toks[j][:1] == '"':
                        j += 1
                    if toks[j] == "}" and j > i + 1:
                        written = tuple([t[1:-1] if "\\" not in t else t[1:-1].replace('\\"', '"')
                                         for t in toks[i + 1 : j]])
                        i = j + 1
                    else:
                        i, written, _ = read_moves(i, f"information set {number_} of player {player}", False)
                else:
                    i, written, _ = read_moves(i, f"information set {number_} of player {player}", False)
                if known is None:
                    moves = distinct.get(written) or distinct.setdefault(written, _distinct(written))
                    infosets[key] = (start, infoset_label, written, moves)
                elif infoset_label != known[1] or written != known[2]:
                    raise _EfgError(f"information set {number_} of player {player} is described as "
                                    f"{_describe(infoset_label, written)} here but as "
                                    f"{_describe(known[1], known[2])} on line {_line(text, known[0])}", start)
                else:
                    moves = known[3]
            elif known is None:
                raise _EfgError(f"information set {number_} of player {player} appears for the first time "
                                "without a name and moves", start)
            else:
                infoset_label, moves = known[1], known[3]
            infoset = str(number_)
            player -= 1
            probs = empty
        elif kind == "c":
            number_ = ints.get(toks[i + 2]) or integer(i + 2, "a chance event number")
            if not number_:
                fail(i + 2, "a chance event number (1 or more)")
            i += 3
            known_event = events.get(number_)
            if toks[i][:1] == '"':
                infoset_label = string(i, "")
                what = f"chance event {number_}"
                i, written, probs = read_moves(i + 1, what, True)
                if known_event is None:
                    if any(p.value < 0 for p in probs):
                        raise _EfgError(f"{what} has a negative probability", start)
                    total = sum((p.value for p in probs), Fraction(0))
                    if total != 1:
                        raise _EfgError(f"the probabilities of {what} add up to {format_number(total)}, not 1",
                                        start)
                    moves = distinct.get(written) or distinct.setdefault(written, _distinct(written))
                    events[number_] = (start, infoset_label, written, probs, moves)
                elif (infoset_label, written, probs) != known_event[1:4]:
                    raise _EfgError(
                        f"{what} is described as {_describe(infoset_label, written, [p.value for p in probs])} "
                        f"here but as {_describe(known_event[1], known_event[2], [p.value for p in known_event[3]])} "
                        f"on line {_line(text, known_event[0])}", start)
                else:
                    moves, probs = known_event[4], known_event[3]
            elif known_event is None:
                raise _EfgError(f"chance event {number_} appears for the first time without a name, moves and "
                                "probabilities", start)
            else:
                infoset_label, moves, probs = known_event[1], known_event[4], known_event[3]
            player = None
            infoset = str(number_)
        else:
            raise _EfgError(f"expected {'a node' if stack else 'the root node'} ({_NODE_KINDS}), "
                            f"found {_show(kind)}", start)
        # The outcome.
        tok = toks[i]
        i += 1
        if tok == "0":
            outcome = None
            if toks[i][:1] == '"':
                describe_outcome(i, 0, i - 1)
        else:
            k = ints.get(tok)
            if k is None:
                k = integer(i - 1, "an outcome number (0 for none)")
            if toks[i][:1] == '"':
                i, outcome = describe_outcome(i, k, i - 1)
            elif k:
                known_outcome = outcomes.get(k)
                if known_outcome is None:
                    raise _EfgError(f"outcome {k} appears for the first time without a name and payoffs", i - 1)
                outcome = known_outcome[1]
            else:
                outcome = None
        index = len(rows)
        rows.append((kind, moves, player, infoset, infoset_label, probs, outcome, label, start))
        children.append([])
        if stack:
            top = stack[-1]
            children[top[0]].append(ids[index])
            top[1] -= 1
            if not top[1]:
                stack.pop()
        if moves:
            stack.append([index, len(moves)])
        elif not stack:
            break
        if i >= ntok:
            parent = stack[-1][0]
            raise _EfgError(f"the file ends early: expected a node ({_NODE_KINDS}), child "
                            f"{len(children[parent]) + 1} of {len(rows[parent][1])} of the node on line "
                            f"{_line(text, rows[parent][8])}", ntok)
    if i < ntok:
        raise _EfgError(f"unexpected text after the end of the game tree: {_show(toks[i])} "
                        f"(the tree's last node is on line {_line(text, rows[-1][8])})", i)

    kind_names = {"t": TERMINAL, "p": DECISION, "c": CHANCE}
    nodes = tuple([
        Node(node_id, kind_names[row[0]], tuple(kids), *row[1:8])
        for node_id, row, kids in zip(ids, rows, children)  # noqa: B905 (ids is longer)
    ])
    return GameTree(
        title=title.strip() or filename,
        players=unique_names(player_names, "Player "),
        nodes=nodes,
        summary=comment.strip(),
        source=filename,
    )



# ---------------------------------------------------------------------------------------
# Writing


def _q(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def _fresh(taken: set[int]):  # type: ignore[no-untyped-def]
    """Generator of the positive integers not in ``taken`` (which it extends)."""
    k = 0
    while True:
        k += 1
        if k not in taken:
            taken.add(k)
            yield k


def dumps_efg(tree: GameTree) -> str:
    """Gambit ``.efg`` text of ``tree`` (version 2, one node per line, in preorder).

    Every information set, chance event and outcome is described in full wherever it
    appears.  Parameters are fixed at their current values: ``.efg`` has no symbolic payoffs
    or probabilities.  Information-set and event numbers are kept when the ``infoset`` is a
    positive integer (as read from a ``.efg``); other sets (a node with no ``infoset`` is a
    set of its own) are numbered in order of first appearance, per player and for chance.
    Outcome numbers are kept where every outcome with that number is the same; others are
    numbered afresh.  Repeated non-empty node, information-set and outcome labels are made
    unique (``"x"``, ``"x (2)"``; see :mod:`negsolve.io.efg_labels`), as Gambit requires.
    Raises :class:`~negsolve.errors.InputError` for a tree that cannot be written (a child missing, moves and
    children not matching, nodes of one set described differently).
    A label with a backslash just before a quote or at its end cannot be written so that
    Gambit reads it back unchanged.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _dumps(tree)
    finally:
        if collecting:
            gc.enable()


def _dumps(tree: GameTree) -> str:
    from negsolve.io.efg_labels import gambit_labels

    tree = gambit_labels(tree)  # Gambit 16.7 refuses repeated node and information-set labels
    values = tree.parameter_values()
    nplayers = len(tree.players)

    def value(expr) -> Fraction:  # type: ignore[no-untyped-def]
        return expr.value if isinstance(expr, Number) else evaluate(expr, values)

    # Preorder from the root (the order of tree.nodes when the tree is well formed).
    by_id = {node.id: node for node in tree.nodes}
    order: list[Node] = []
    stack = [tree.root]
    while stack:
        node = stack.pop()
        order.append(node)
        if node.children:
            try:
                stack.extend([by_id[c] for c in reversed(node.children)])
            except KeyError as exc:
                raise InputError.single(f"node {node.id!r} has an unknown child {exc.args[0]!r}") from None
        if len(order) > len(by_id):
            raise InputError.single("the nodes do not form a tree (a node is reached twice)")

    # Set numbers: owner (player index, or -1 for chance) -> numbers in use.
    def owner(n: Node) -> int:
        if n.kind == DECISION:
            if n.player is None or not 0 <= n.player < nplayers:
                raise InputError.single(f"node {n.id!r} has no valid player")
            return n.player
        return -1

    as_number: dict[str, int | None] = {}  # infoset text -> its number, if a positive integer

    def given(infoset: str | None) -> int | None:
        if infoset is None:
            return None
        k = as_number.get(infoset, 0)
        if k == 0:
            k = as_number[infoset] = int(infoset) if _POSITIVE.fullmatch(infoset) and len(infoset) <= 9 else None
        return k

    inner = [n for n in order if n.kind != TERMINAL]
    taken: dict[int, set[int]] = {}
    for n in inner:
        k = given(n.infoset)
        if k is not None:
            taken.setdefault(owner(n), set()).add(k)
    fresh_sets = {who: _fresh(taken.setdefault(who, set())) for who in [*range(nplayers), -1]}
    named: dict[tuple[int, str], int] = {}
    set_numbers: dict[str, int] = {}
    for n in inner:
        who = owner(n)
        k = given(n.infoset)
        if k is None:
            if n.infoset is None:
                k = next(fresh_sets[who])
            else:
                k = named.get((who, n.infoset)) or named.setdefault((who, n.infoset), next(fresh_sets[who]))
        set_numbers[n.id] = k

    # Descriptions, checked to agree within a set.
    texts: dict[tuple[str, int, int], str] = {}  # (label, id(moves), id(probabilities)) -> text
    descriptions: dict[str, str] = {}
    seen: dict[tuple[int, int], tuple[str, str]] = {}
    for n in inner:
        if len(n.moves) != len(n.children) or not n.moves:
            raise InputError.single(f"node {n.id!r} has {len(n.moves)} moves and {len(n.children)} children")
        cache_key = (n.infoset_label, id(n.moves), id(n.probabilities))
        text = texts.get(cache_key)
        if text is None:
            if n.kind == DECISION:
                text = f"{_q(n.infoset_label)} {{ {' '.join(_q(m) for m in n.moves)} }}"
            else:
                if len(n.probabilities) != len(n.moves):
                    raise InputError.single(f"chance node {n.id!r} has {len(n.moves)} moves but "
                                     f"{len(n.probabilities)} probabilities")
                text = _describe(n.infoset_label, n.moves, [value(p) for p in n.probabilities])
            texts[cache_key] = text
        key = (owner(n), set_numbers[n.id])
        first = seen.setdefault(key, (n.id, text))
        if first[1] != text:
            raise InputError.single(f"nodes {first[0]!r} and {n.id!r} share an information set but not "
                             "its name, moves or probabilities")
        descriptions[n.id] = text

    # Outcomes: keep a number while every outcome carrying it is the same.
    contents: dict[int, tuple[int, str]] = {}  # id(outcome) -> (number, "label" { payoffs })
    claimed: dict[int, str] = {}
    pending: dict[str, None] = {}
    for n in order:
        o = n.outcome
        if o is None or id(o) in contents:
            continue
        if len(o.payoffs) != nplayers:
            raise InputError.single(f"node {n.id!r}: the outcome has {len(o.payoffs)} payoffs for {nplayers} players")
        text = f"{_q(o.label)} {{ {', '.join(format_number(value(p)) for p in o.payoffs)} }}"
        contents[id(o)] = (o.number, text)
        if o.number <= 0 or claimed.setdefault(o.number, text) != text:
            pending[text] = None
    fresh = _fresh(set(claimed))
    renumbered = {text: next(fresh) for text in pending}

    def outcome_text(o: Outcome | None) -> str:
        if o is None:
            return "0"
        number, text = contents[id(o)]
        if number <= 0 or claimed[number] != text:
            number = renumbered[text]
        return f"{number} {text}"

    lines = [f"EFG 2 R {_q(tree.title)} {{ {' '.join(_q(p) for p in tree.players)} }}", _q(tree.summary), ""]
    append = lines.append

    def name(k: int, n: Node) -> str:
        # a node without a label keeps its id as the Gambit name, unless the id is the n<k> that
        # reading would give it back anyway (so .efg -> .efg stays byte for byte)
        if n.label or n.id == f"n{k + 1}":
            return n.label
        return n.id

    for k, n in enumerate(order):
        if n.kind == TERMINAL:
            append(f"t {_q(name(k, n))} {outcome_text(n.outcome)}")
        elif n.kind == DECISION:
            append(f"p {_q(name(k, n))} {n.player + 1} {set_numbers[n.id]} {descriptions[n.id]} "  # type: ignore[operator]
                   f"{outcome_text(n.outcome)}")
        else:
            append(f"c {_q(name(k, n))} {set_numbers[n.id]} {descriptions[n.id]} {outcome_text(n.outcome)}")
    return "\n".join(lines) + "\n"
