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

The reader's engine is :mod:`negsolve.io.efg_parser`, the writer :mod:`negsolve.io.efg_writer`;
both public functions are here.
"""

from __future__ import annotations

import gc

from negsolve.errors import InputError, Problem
from negsolve.io.efg_parser import EfgError, line_of, parse_efg
from negsolve.io.efg_writer import dumps_efg
from negsolve.model.tree import GameTree

__all__ = ["dumps_efg", "loads_efg"]


def loads_efg(text: str, filename: str = "<string>") -> GameTree:
    """Read a Gambit ``.efg`` game tree.

    Parameters
    ----------
    text : str
        The file's text.
    filename : str
        The name used in error messages and as the title of an untitled game.

    Returns
    -------
    GameTree

    Raises
    ------
    InputError
        At the first problem, with its line.
    """
    collecting = gc.isenabled()
    gc.disable()  # building many small objects: the cyclic collector would only slow it down
    try:
        return parse_efg(text, filename)
    except EfgError as exc:
        raise InputError([Problem(exc.message, file=filename, line=line_of(text, exc.at))]) from None
    finally:
        if collecting:
            gc.enable()
