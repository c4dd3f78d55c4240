"""The ``.efg`` reader's engine: one pass over the tokens, node after node, without recursion.

:func:`negsolve.io.efg.loads_efg` is the public entry; the format is described in
:mod:`negsolve.io.efg`.  :class:`_Parser` keeps the state of one read (the tokens, the
declarations met so far and caches of numbers and move tuples shared between nodes); each
of its methods reads one part of the file and returns the index of the next token.  Errors
are :class:`EfgError` at a token index; :func:`line_of` turns that into a line number.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import NoReturn

from negsolve.expr import format_number
from negsolve.io.efg_moves import distinct_moves
from negsolve.io.nfg import unique_names
from negsolve.limits import BAD_TEXT_CHARACTERS, LimitError, character_problem, out_of_range, parse_literal
from negsolve.model.expression import Number
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree, Node, Outcome

# One pass of findall: a quoted string, a brace, a run of other non-space characters, or a
# lone quote (the start of an unterminated string).  Whitespace and commas separate tokens.
TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}]|[^\s{}",]+|"', re.S)
NODE_KINDS = "'c', 'p' or 't'"
_END = ""  # padding after the last token: never a real token, fails every check
_KIND_NAMES = {"t": TERMINAL, "p": DECISION, "c": CHANCE}


class EfgError(Exception):
    """A problem at token ``at`` (``None``: no line; ``len(tokens)``: the end of the file)."""

    def __init__(self, message: str, at: int | None):
        super().__init__(message)
        self.message = message
        self.at = at


def line_of(text: str, at: int | None) -> int | None:
    """1-based line of token number ``at`` (the last token's line past the end)."""
    if at is None:
        return None
    start = 0
    for k, match in enumerate(TOKEN.finditer(text)):
        start = match.start()
        if k == at:
            break
    return text.count("\n", 0, start) + 1


def quote(text: str) -> str:
    """``text`` as a Gambit string literal."""
    return '"' + text.replace('"', '\\"') + '"'


def describe(label: str, moves: tuple[str, ...], probs: list[Fraction] | None = None) -> str:
    """``"label" { "move" ... }`` (with probabilities for a chance event), as in a file."""
    if probs is None:
        inside = " ".join(quote(m) for m in moves)
    else:
        inside = " ".join(f"{quote(m)} {format_number(p)}" for m, p in zip(moves, probs, strict=True))
    return f"{quote(label)} {{ {inside} }}"


def _show(token: str) -> str:
    return repr(token if len(token) <= 30 else token[:27] + "...")


def _unquote(token: str) -> str:
    label = token[1:-1]
    return label.replace('\\"', '"') if "\\" in label else label


def _token_at(text: str, offset: int) -> int:
    """Number of the token that contains (or follows) character ``offset``."""
    for k, match in enumerate(TOKEN.finditer(text)):
        if match.end() > offset:
            return k
    return 0


def _check_characters(text: str, toks: list[str], comment: int) -> None:
    """Refuse control and bidirectional characters: anywhere in the file (one regex pass), and
    newlines or tabs inside any quoted name (only the comment at ``comment`` may hold them)."""
    found = BAD_TEXT_CHARACTERS.search(text)
    if found:
        problem = character_problem(found.group())
        assert problem is not None
        raise EfgError(problem.replace(" at position 1", ""), _token_at(text, found.start()))
    for k in [k for k, t in enumerate(toks) if t[:1] == '"' and ("\n" in t or "\t" in t or "\r" in t)]:
        if k != comment:
            problem = character_problem(toks[k][1:-1])
            raise EfgError(f"the name {_show(toks[k])}: {problem}", k)


def parse_efg(text: str, filename: str) -> GameTree:
    """The game tree in ``text``; :class:`EfgError` at the first problem."""
    return _Parser(text).parse(filename)


class _Parser:
    """The state of one read: the tokens and what has been declared so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        toks = TOKEN.findall(text)
        self.ntok = len(toks)
        if not self.ntok:
            raise EfgError("the file is empty", None)
        if '"' in toks:
            raise EfgError("unterminated string: a quote opened here is never closed", toks.index('"'))
        toks.extend([_END] * 8)  # lookahead never runs off the list
        self.toks = toks
        self.nplayers = 0
        self.numbers: dict[str, Number] = {}  # number text -> Number, shared
        self.ints: dict[str, int] = {}  # integer text -> value
        # Declarations: key -> (first token index, label, moves as written, ..., moves as used).
        self.infosets: dict[tuple[int, int], tuple[int, str, tuple[str, ...], tuple[str, ...]]] = {}
        self.events: dict[int, tuple[int, str, tuple[str, ...], tuple[Number, ...], tuple[str, ...]]] = {}
        self.outcomes: dict[int, tuple[int, Outcome]] = {}
        self.distinct: dict[tuple[str, ...], tuple[str, ...]] = {}  # moves as written -> as used, shared
        self.rows: list[tuple] = []  # one per node, in preorder
        self.children: list[list[str]] = []

    # -- tokens -------------------------------------------------------------------------

    def fail(self, i: int, what: str) -> NoReturn:
        if i >= self.ntok:
            raise EfgError(f"the file ends early: expected {what}", self.ntok)
        raise EfgError(f"expected {what}, found {_show(self.toks[i])}", i)

    def string(self, i: int, what: str) -> str:
        tok = self.toks[i]
        if tok[:1] != '"':
            self.fail(i, what)
        tok = tok[1:-1]
        return tok.replace('\\"', '"') if "\\" in tok else tok

    def number(self, i: int, what: str) -> Number:
        tok = self.toks[i]
        value = self.numbers.get(tok)
        if value is None:
            try:
                exact = parse_literal(tok)
            except LimitError as exc:
                raise EfgError(out_of_range(tok, exc), i) from None
            except ZeroDivisionError:
                raise EfgError(f"expected {what}, found {_show(tok)} (division by zero)", i) from None
            if exact is None:
                self.fail(i, what)
            value = self.numbers[tok] = Number(exact)
        return value

    def integer(self, i: int, what: str) -> int:
        tok = self.toks[i]
        known = self.ints.get(tok)
        if known is not None:
            return known
        if not (tok.isdigit() and tok.isascii()):
            self.fail(i, what)
        if len(tok) > 9:  # player, set and outcome numbers: a billion is plenty, and int() stays cheap
            raise EfgError(f"expected {what}, found {_show(tok)} (more than 9 digits)", i)
        value = self.ints[tok] = int(tok)
        return value

    def moves_used(self, written: tuple[str, ...]) -> tuple[str, ...]:
        return self.distinct.get(written) or self.distinct.setdefault(written, distinct_moves(written))

    # -- the header ---------------------------------------------------------------------

    def header(self) -> tuple[int, str, list[str], str]:
        """Read ``EFG 2 R "title" { "player" ... } ["comment"]``: (next token, title, players, comment)."""
        toks = self.toks
        head = toks[0]
        if head != "EFG":
            hint = " (this is a strategic game)" if head == "NFG" else ""
            raise EfgError(f"not a Gambit extensive game: expected 'EFG', found {_show(head)}{hint}", 0)
        if toks[1] != "2":
            if toks[1] == _END:
                self.fail(1, "the version number 2")
            raise EfgError(f"unsupported .efg version {_show(toks[1])}: only version 2 exists", 1)
        if toks[2] not in ("R", "D"):
            self.fail(2, "'R' or 'D' after the version")
        title = self.string(3, "the quoted title")
        if toks[4] != "{":
            self.fail(4, "'{' opening the player list")
        i = 5
        player_names: list[str] = []
        while toks[i] != "}":
            player_names.append(self.string(i, "a quoted player name or '}' closing the player list"))
            i += 1
        if not player_names:
            raise EfgError("the game has no players", i)
        i += 1
        self.nplayers = len(player_names)
        comment = ""
        if toks[i][:1] == '"':
            comment = self.string(i, "")
            i += 1
        _check_characters(self.text, toks, i - 1 if comment else -1)
        return i, title, player_names, comment

    # -- pieces of a node ---------------------------------------------------------------

    def describe_outcome(self, i: int, k: int, start: int) -> tuple[int, Outcome]:
        """Read ``"name" { payoffs }`` of outcome ``k`` at token ``i``."""
        toks, numbers = self.toks, self.numbers
        if k == 0:
            raise EfgError("outcome 0 is the null outcome: it cannot have a name or payoffs", start)
        label = _unquote(toks[i])
        if toks[i + 1] != "{":
            self.fail(i + 1, f"'{{' opening the payoffs of outcome {k}")
        i += 2
        payoffs = []
        while (tok := toks[i]) != "}":
            payoffs.append(numbers.get(tok) or self.number(i, f"a number (a payoff of outcome {k}) or '}}' "
                                                               "closing its payoffs"))
            i += 1
        if len(payoffs) != self.nplayers:
            raise EfgError(f"outcome {k} has {len(payoffs)} payoff{'s' if len(payoffs) != 1 else ''}, "
                           f"expected {self.nplayers} (one per player)", start)
        return i + 1, self._same_outcome(k, label, tuple(payoffs), start)

    def _same_outcome(self, k: int, label: str, payoffs: tuple[Number, ...], start: int) -> Outcome:
        """Outcome ``k``: new, or the one declared before if this description agrees with it."""
        known = self.outcomes.get(k)
        if known is None:
            outcome = Outcome(payoffs, label, k)
            self.outcomes[k] = (start, outcome)
            return outcome
        first, outcome = known
        if outcome.label != label or outcome.payoffs != payoffs:
            old = f"{quote(outcome.label)} {{ {', '.join(str(p) for p in outcome.payoffs)} }}"
            new = f"{quote(label)} {{ {', '.join(str(p) for p in payoffs)} }}"
            raise EfgError(f"outcome {k} is described as {new} here but as {old} on line "
                           f"{line_of(self.text, first)}", start)
        return outcome

    def read_moves(self, i: int, what: str, chance: bool) -> tuple[int, tuple[str, ...], tuple[Number, ...]]:
        """Read ``{ "move" ... }`` (with probabilities at chance nodes) at token ``i``."""
        toks = self.toks
        if toks[i] != "{":
            self.fail(i, f"'{{' opening the moves of {what}")
        i += 1
        names = []
        probs = []
        while toks[i] != "}":
            names.append(self.string(i, f"a quoted move or '}}' closing the moves of {what}"))
            if chance:
                probs.append(self.number(i + 1, f"a number (the probability of move {quote(names[-1])} of {what})"))
                i += 1
            i += 1
        if not names:
            raise EfgError(f"{what} has no moves", i)
        return i + 1, tuple(names), tuple(probs)

    def decision_moves(self, i: int, what: str) -> tuple[int, tuple[str, ...]]:
        """The moves of an information set at token ``i``: the common inline case fast, else :meth:`read_moves`."""
        toks = self.toks
        if toks[i] == "{":
            j = i + 1
            while toks[j][:1] == '"':
                j += 1
            if toks[j] == "}" and j > i + 1:
                return j + 1, tuple([_unquote(t) for t in toks[i + 1 : j]])
        i, written, _ = self.read_moves(i, what, False)
        return i, written

    def player_node(self, i: int, start: int) -> tuple[int, int, str, str, tuple[str, ...]]:
        """After ``p "name"``: (next token, player index, infoset, infoset label, moves)."""
        toks, nplayers = self.toks, self.nplayers
        player = self.integer(i, "a player number")
        if not 0 < player <= nplayers:
            raise EfgError(f"unknown player number {player}: the game has {nplayers} "
                           f"player{'s' if nplayers != 1 else ''}, numbered from 1", i)
        number_ = self.integer(i + 1, f"an information set number of player {player}")
        if not number_:
            self.fail(i + 1, f"an information set number of player {player} (1 or more)")
        i += 2
        key = (player, number_)
        known = self.infosets.get(key)
        if toks[i][:1] != '"':
            if known is None:
                raise EfgError(f"information set {number_} of player {player} appears for the first time "
                               "without a name and moves", start)
            return i, player - 1, str(number_), known[1], known[3]
        infoset_label = self.string(i, "")
        i, written = self.decision_moves(i + 1, f"information set {number_} of player {player}")
        if known is None:
            moves = self.moves_used(written)
            self.infosets[key] = (start, infoset_label, written, moves)
        elif infoset_label != known[1] or written != known[2]:
            raise EfgError(f"information set {number_} of player {player} is described as "
                           f"{describe(infoset_label, written)} here but as "
                           f"{describe(known[1], known[2])} on line {line_of(self.text, known[0])}", start)
        else:
            moves = known[3]
        return i, player - 1, str(number_), infoset_label, moves

    def chance_node(self, i: int, start: int) -> tuple[int, str, str, tuple[str, ...], tuple[Number, ...]]:
        """After ``c "name"``: (next token, event, event label, moves, probabilities)."""
        number_ = self.integer(i, "a chance event number")
        if not number_:
            self.fail(i, "a chance event number (1 or more)")
        i += 1
        known = self.events.get(number_)
        if self.toks[i][:1] != '"':
            if known is None:
                raise EfgError(f"chance event {number_} appears for the first time without a name, moves and "
                               "probabilities", start)
            return i, str(number_), known[1], known[4], known[3]
        label = self.string(i, "")
        what = f"chance event {number_}"
        i, written, probs = self.read_moves(i + 1, what, True)
        if known is None:
            self._check_probabilities(what, probs, start)
            moves = self.moves_used(written)
            self.events[number_] = (start, label, written, probs, moves)
            return i, str(number_), label, moves, probs
        if (label, written, probs) != known[1:4]:
            raise EfgError(
                f"{what} is described as {describe(label, written, [p.value for p in probs])} "
                f"here but as {describe(known[1], known[2], [p.value for p in known[3]])} "
                f"on line {line_of(self.text, known[0])}", start)
        return i, str(number_), label, known[4], known[3]

    @staticmethod
    def _check_probabilities(what: str, probs: tuple[Number, ...], start: int) -> None:
        if any(p.value < 0 for p in probs):
            raise EfgError(f"{what} has a negative probability", start)
        total = sum((p.value for p in probs), Fraction(0))
        if total != 1:
            raise EfgError(f"the probabilities of {what} add up to {format_number(total)}, not 1", start)

    def outcome(self, i: int) -> tuple[int, Outcome | None]:
        """The outcome number at token ``i`` and its optional description."""
        toks = self.toks
        tok = toks[i]
        i += 1
        if tok == "0":
            if toks[i][:1] == '"':
                self.describe_outcome(i, 0, i - 1)
            return i, None
        k = self.integer(i - 1, "an outcome number (0 for none)")
        if toks[i][:1] == '"':
            return self.describe_outcome(i, k, i - 1)
        if not k:
            return i, None
        known = self.outcomes.get(k)
        if known is None:
            raise EfgError(f"outcome {k} appears for the first time without a name and payoffs", i - 1)
        return i, known[1]

    # -- nodes --------------------------------------------------------------------------

    def node(self, i: int, inner: bool) -> int:
        """Read the node at token ``i`` into :attr:`rows`; the next token."""
        toks = self.toks
        start = i
        kind = toks[i]
        label = toks[i + 1]
        if label[:1] != '"':
            if kind not in ("c", "p", "t"):
                raise EfgError(f"expected {'a node' if inner else 'the root node'} ({NODE_KINDS}), "
                               f"found {_show(kind)}", i)
            self.fail(i + 1, "the quoted name of the node")
        label = _unquote(label)
        player: int | None = None
        infoset: str | None
        moves: tuple[str, ...]
        probs: tuple[Number, ...] = ()
        if kind == "t":
            i, infoset, infoset_label, moves = i + 2, None, "", ()
        elif kind == "p":
            i, player, infoset, infoset_label, moves = self.player_node(i + 2, start)
        elif kind == "c":
            i, infoset, infoset_label, moves, probs = self.chance_node(i + 2, start)
        else:
            raise EfgError(f"expected {'a node' if inner else 'the root node'} ({NODE_KINDS}), "
                           f"found {_show(kind)}", start)
        i, outcome = self.outcome(i)
        self.rows.append((kind, moves, player, infoset, infoset_label, probs, outcome, label, start))
        self.children.append([])
        return i

    def nodes(self, i: int) -> tuple[int, list[str]]:
        """Read every node, iteratively (a file may be deep); (next token, node ids)."""
        ntok = self.ntok
        stack: list[list[int]] = []  # [node index, children still to read]
        ids = [f"n{k}" for k in range(1, ntok // 3 + 2)]  # a node takes at least 3 tokens
        if i >= ntok:
            self.fail(i, f"the root node ({NODE_KINDS})")
        while True:
            i = self.node(i, bool(stack))
            index = len(self.rows) - 1
            if stack:
                top = stack[-1]
                self.children[top[0]].append(ids[index])
                top[1] -= 1
                if not top[1]:
                    stack.pop()
            if self.rows[index][1]:
                stack.append([index, len(self.rows[index][1])])
            elif not stack:
                return i, ids
            if i >= ntok:
                parent = stack[-1][0]
                raise EfgError(f"the file ends early: expected a node ({NODE_KINDS}), child "
                               f"{len(self.children[parent]) + 1} of {len(self.rows[parent][1])} of the node on "
                               f"line {line_of(self.text, self.rows[parent][8])}", ntok)

    def parse(self, filename: str) -> GameTree:
        """The whole file as a :class:`GameTree`."""
        i, title, player_names, comment = self.header()
        i, ids = self.nodes(i)
        if i < self.ntok:
            raise EfgError(f"unexpected text after the end of the game tree: {_show(self.toks[i])} "
                           f"(the tree's last node is on line {line_of(self.text, self.rows[-1][8])})", i)
        nodes = tuple([
            Node(node_id, _KIND_NAMES[row[0]], tuple(kids), *row[1:8])
            for node_id, row, kids in zip(ids, self.rows, self.children)  # noqa: B905 (ids is longer)
        ])
        return GameTree(
            title=title.strip() or filename,
            players=unique_names(player_names, "Player "),
            nodes=nodes,
            summary=comment.strip(),
            source=filename,
        )
