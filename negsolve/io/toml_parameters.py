"""The ``[parameters]`` table of a TOML game (strategic or tree): names, exact values, domains.

``name = 2`` or ``name = { value = 2, min = 0, max = 10, about = "..." }``; values and
bounds are exact numbers (integers, decimals, or strings such as ``"2/3"``).  Every problem is
recorded in the collector, not raised, so a file's problems are reported together.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from negsolve.expr import ExpressionError, format_number, parse_expression
from negsolve.io.toml_common import _brief, _Collector, _exact, _kind, _number, _suggest
from negsolve.model.strategic import Parameter

PARAMETER_KEYS = ("value", "min", "max", "about")


def _read_parameters(table: Any, out: _Collector) -> list[Parameter]:
    """The parameters declared in ``table`` (problems recorded in ``out``; bad entries skipped)."""
    params: list[Parameter] = []
    if not isinstance(table, dict):
        out.add(["parameters"], "must be a table: [parameters]")
        return params
    for name, spec in table.items():
        path: list[str | int] = ["parameters", name]
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            out.add(path, "a parameter name must be a letter or '_' followed by letters, digits or '_'")
            continue
        about = ""
        raw = spec
        bounds: dict[str, Fraction | None] = {"min": None, "max": None}
        if isinstance(spec, dict):
            found = _read_spec(spec, path, out)
            if found is None:
                continue
            raw, about, bounds = found
        value = _parameter_value(raw, path, out)
        if value is None:
            continue
        parameter = Parameter(name, value, about.strip(), bounds["min"], bounds["max"])
        if not parameter.contains(value):
            out.add(path + ["value"], f"value {format_number(value)} is outside the domain "
                    f"{parameter.domain_words()}", "change the value or widen min/max")
        params.append(parameter)
    return params


def _read_spec(spec: dict[str, Any], path: list[str | int],
               out: _Collector) -> tuple[Any, str, dict[str, Fraction | None]] | None:
    """``{ value, min, max, about }``: (raw value, about, bounds), or None when the entry is unusable."""
    for key in spec:
        if key not in PARAMETER_KEYS:
            out.add(path + [key], "unknown key", _suggest(key, PARAMETER_KEYS)
                    or "use 'value', 'min', 'max' and 'about'")
    if "value" not in spec:
        out.add(path, "missing key 'value'")
        return None
    about = spec.get("about", "")
    if not isinstance(about, str):
        out.add(path + ["about"], "must be a string")
        about = ""
    elif not out.text_ok(path + ["about"], about, "the description", free_text=True):
        return None
    return spec["value"], about, _read_bounds(spec, path, out)


def _read_bounds(spec: dict[str, Any], path: list[str | int], out: _Collector) -> dict[str, Fraction | None]:
    """``min`` and ``max`` (None where absent or unusable; both None when the domain is empty)."""
    bounds: dict[str, Fraction | None] = {"min": None, "max": None}
    bounds_ok = True
    for key in ("min", "max"):
        if key in spec:
            try:
                bounds[key] = _number(spec[key])
            except ExpressionError as exc:
                out.add(path + [key], exc.message)
                bounds_ok = False
                continue
            if bounds[key] is None:
                out.add(path + [key], f"{key} must be an exact number such as 0, 0.5 or \"2/3\", "
                        f"not {_brief(spec[key])}")
                bounds_ok = False
    low, high = bounds["min"], bounds["max"]
    if bounds_ok and low is not None and high is not None and low > high:
        out.add(path + ["min"], f"min {format_number(low)} is above max {format_number(high)}: "
                "the domain is empty")
        return {"min": None, "max": None}  # still declared, so its uses are not reported too
    return bounds


def _parameter_value(raw: Any, path: list[str | int], out: _Collector) -> Fraction | None:
    """The exact value of a parameter, or None (and a problem recorded)."""
    try:
        value = _exact(raw)
    except ExpressionError as exc:
        out.add(path, exc.message)
        return None
    if value is None and isinstance(raw, str):
        try:
            expr = parse_expression(raw, names=())
            from negsolve.model.expression import evaluate

            value = evaluate(expr, {})
        except (ExpressionError, ArithmeticError) as exc:
            why = f" ({exc.message})" if isinstance(exc, ExpressionError) and "out of range" in exc.message else (
                " (numbers are written with the ASCII digits 0-9)" if any(c.isdigit() and not c.isascii()
                                                                          for c in raw) else "")
            out.add(path, f"value must be an exact number such as 2, 0.5 or \"2/3\", not {_brief(raw)}{why}")
            return None
    if value is None:
        if isinstance(raw, str):
            out.add(path, f"value must be an exact number such as 2, 0.5 or \"2/3\", not {raw!r}")
        else:
            out.add(path, f"value must be a number, not {_kind(raw)}")
        return None
    return value
