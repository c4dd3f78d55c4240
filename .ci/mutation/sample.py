"""Draw a random sample of mutant names from a mutmut run's .meta files (after mutants are generated).

    python .ci/mutation/sample.py MUTMUT_DIR N SEED > sample.txt
    mutmut run --max-children 2 $(cat sample.txt)
"""

from __future__ import annotations

import glob
import json
import random
import sys

root, size, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
names: list[str] = []
for meta in sorted(glob.glob(f"{root}/mutants/negsolve/**/*.meta", recursive=True)):
    names += list(json.load(open(meta))["exit_code_by_key"])
names.sort()
random.Random(seed).shuffle(names)
print("\n".join(names[:size]))
