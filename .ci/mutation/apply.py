"""Apply one mutmut mutant to a checkout, for checking that a test kills it.

    MUTMUT_DIR=/path/to/mutmut/copy python .ci/mutation/apply.py MUTANT_NAME [CHECKOUT]   (CHECKOUT: default the cwd)

Reads the mutants generated in $MUTMUT_DIR (not the checkout you change), replaces the mutated
function in CHECKOUT/negsolve/... with the mutant, and prints the file it changed.  Undo with
`git checkout -- FILE` (or `git diff` to see the mutant).
"""
import os
import sys
from pathlib import Path

import libcst as cst

name = sys.argv[1]
target = Path(sys.argv[2] if len(sys.argv) > 2 else os.getcwd()).resolve()
os.chdir(os.environ["MUTMUT_DIR"])
from mutmut.mutation import diff_apply as d  # noqa: E402
from mutmut.utils.format_utils import orig_function_and_class_names_from_key  # noqa: E402

path = d.find_mutant(name).path
fn_name = orig_function_and_class_names_from_key(name)[0].rpartition(".")[-1]
dest = target / path
orig_module = cst.parse_module(dest.read_text())
original = d.find_top_level_function_or_method(orig_module, fn_name)
if original is None:
    sys.exit(f"{fn_name} not found in {dest}")
pair = d.read_functions_from_index(name, path)
mutant = pair[1] if pair is not None else d.read_mutant_function(d.read_mutants_module(path), name)
mutant = mutant.with_changes(name=cst.Name(fn_name))
dest.write_text(orig_module.deep_replace(original, mutant).code)
print(dest)
