"""Mutation status per file, read from mutmut's .meta files (mutmut 3.8).

    python .ci/mutation/status.py MUTMUT_DIR [--names survived,notests] [--files SUBSTRING] [--only NAMES_FILE]

MUTMUT_DIR is the copy of the repository where ``mutmut run`` ran (it holds ``mutants/``).  With
``--only`` only the mutants named in that file count (a random sample, say); ``--names`` prints the
names with those statuses instead of the table.
"""

from __future__ import annotations

import collections
import glob
import json
import math
import sys

STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "notests", 33: "notests", 34: "skipped",
          36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout", None: "todo",
          37: "typecheck", -9: "segfault", -11: "segfault"}


def main(argv: list[str]) -> None:
    root, args = argv[0], argv[1:]
    names = args[args.index("--names") + 1].split(",") if "--names" in args else None
    files = args[args.index("--files") + 1] if "--files" in args else ""
    only = set(open(args[args.index("--only") + 1]).read().split()) if "--only" in args else None
    total: collections.Counter[str] = collections.Counter()
    for meta in sorted(glob.glob(f"{root}/mutants/negsolve/**/*.meta", recursive=True)):
        if files not in meta:
            continue
        counts: collections.Counter[str] = collections.Counter()
        for key, code in json.load(open(meta))["exit_code_by_key"].items():
            if only is not None and key not in only:
                continue
            status = STATUS.get(code, "other")
            counts[status] += 1
            if names and status in names:
                print(key)
        total.update(counts)
        if not names and sum(counts.values()):
            _row(meta.split("mutants/")[1][:-5], counts)
    if not names:
        _row("TOTAL", total)
        done = sum(total.values()) - total["todo"]
        caught = total["killed"] + total["timeout"]
        if done:
            p = caught / done
            print(f"score {100 * p:.1f} % of {done} run (95 % interval if a random sample: "
                  f"± {196 * math.sqrt(p * (1 - p) / done):.1f} points)")


def _row(name: str, c: collections.Counter[str]) -> None:
    print(f"{name:45s} mutants {sum(c.values()):5d}  killed {c['killed'] + c['timeout']:5d}  "
          f"survived {c['survived']:4d}  no tests {c['notests']:4d}  not run {c['todo']:5d}")


if __name__ == "__main__":
    main(sys.argv[1:])
