"""The 30-line baseline of issue 11: parse a perfect-information .efg and backward-induct it.

Plain Python, no numpy, no checks: one pass over the lines with a stack of open nodes; a
node's value is its best child's payoff vector for its mover (first best on ties).  The
negsolve large-tree path is measured against this.  Usage: python baseline_tree.py FILE.efg
"""
import sys


def solve(path: str) -> list[int]:
    stack: list[list] = []  # [mover, children left, best value]
    value = None
    with open(path) as handle:
        for line in handle:
            if line[:2] == "p ":
                parts = line.split('"')
                mover = int(parts[2].split()[0]) - 1
                stack.append([mover, (len(parts) - 5) // 2, None])
                continue
            if line[:2] != "t ":
                continue
            value = [int(x) for x in line[line.rindex("{") + 1:line.rindex("}")].replace(",", " ").split()]
            while stack:
                top = stack[-1]
                if top[2] is None or value[top[0]] > top[2][top[0]]:
                    top[2] = value
                top[1] -= 1
                if top[1]:
                    break
                value = stack.pop()[2]
    return value


if __name__ == "__main__":
    print(solve(sys.argv[1]))
