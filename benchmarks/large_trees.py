"""Writers of the large test trees of issue 9 item 8 and issue 11 (shared by the benchmarks).

- :func:`binary_efg`: a complete binary perfect-information tree of ``2**depth`` leaves,
  two players alternating, payoffs ``rng.randint(0, modulus - 1)`` (mod 11: many ties);
- :func:`chain_efg`: a centipede-like chain of ``levels`` decision nodes (``2 * levels + 1``
  nodes): at each node the mover stops (a leaf) or goes on; payoffs mod ``modulus``;
- :func:`chain_toml`: the same chain as a TOML game tree (ids ``n0``, ``n1``, ...).
"""

from __future__ import annotations

import random
from pathlib import Path


def binary_efg(depth: int, path: Path, modulus: int = 11, seed: int = 0) -> int:
    rng = random.Random(seed)
    lines = [f'EFG 2 R "Binary tree mod {modulus}" {{ "Player 1" "Player 2" }}', '""', ""]
    counts = [0, 0]
    leaves = 0
    stack = [0]
    while stack:
        d = stack.pop()
        if d == depth:
            leaves += 1
            lines.append(f't "" {leaves} "" {{ {rng.randrange(modulus)} {rng.randrange(modulus)} }}')
            continue
        counts[d % 2] += 1
        lines.append(f'p "" {d % 2 + 1} {counts[d % 2]} "" {{ "L" "R" }} 0')
        stack += [d + 1, d + 1]
    path.write_text("\n".join(lines) + "\n")
    return 2 ** (depth + 1) - 1


def chain_efg(levels: int, path: Path, modulus: int = 3, seed: int = 0) -> int:
    rng = random.Random(seed)
    lines = [f'EFG 2 R "Chain mod {modulus}" {{ "Player 1" "Player 2" }}', '""', ""]
    outcome = 0
    for k in range(levels):
        lines.append(f'p "" {k % 2 + 1} {k // 2 + 1} "" {{ "stop" "go" }} 0')
        outcome += 1
        lines.append(f't "" {outcome} "" {{ {rng.randrange(modulus)} {rng.randrange(modulus)} }}')
    outcome += 1
    lines.append(f't "" {outcome} "" {{ {rng.randrange(modulus)} {rng.randrange(modulus)} }}')
    path.write_text("\n".join(lines) + "\n")
    return 2 * levels + 1


def chain_toml(levels: int, path: Path, modulus: int = 3, seed: int = 0) -> int:
    rng = random.Random(seed)
    out = ['[game]\ntitle = "Chain"\n', '[[players]]\nname = "A"\n', '[[players]]\nname = "B"\n']
    for k in range(levels):
        who = "A" if k % 2 == 0 else "B"
        out.append(f'[[nodes]]\nid = "n{k}"\nplayer = "{who}"\nmoves = {{ stop = "s{k}", go = "n{k + 1}" }}\n')
        out.append(f'[[nodes]]\nid = "s{k}"\npayoffs = [{rng.randrange(modulus)}, {rng.randrange(modulus)}]\n')
    out.append(f'[[nodes]]\nid = "n{levels}"\npayoffs = [{rng.randrange(modulus)}, {rng.randrange(modulus)}]\n')
    path.write_text("\n".join(out))
    return 2 * levels + 1
