"""Input limits: every bound negsolve puts on what it reads, in one place.

A tool that reads files people download must answer every input within bounded time and
memory.  Each limit here is checked *before* the work it bounds starts, and each one is
listed with its reason in ``docs/limits.md``.  Numbers:

- a number literal (TOML, ``.nfg``, ``.efg``, ``--set``, ``--param``) is ASCII only: digits
  ``0-9``, an optional sign, point, exponent ``e±N`` or ``/`` (Python's ``int`` and
  ``Fraction`` would also read ``"١٢"`` as 12 and ``"1_000"`` as 1000; negsolve does not);
- it has at most :data:`MAX_DIGITS` digits and a decimal exponent ``|N| <= MAX_DECIMAL_EXPONENT``
  (``1e999999`` would be a 3.3-million-bit integer: building it takes seconds, computing
  with it hours);
- every exact value, read or computed from an expression, has a numerator and a denominator
  of at most :data:`MAX_BITS` bits (about 1,233 decimal digits).  ``(((2**12)**12)**12)**12``
  is 2**20736: its exponents are all small, its size is not; the size is what is checked,
  before the power is computed.

Only the standard library is used: this module sits beside :mod:`negsolve.errors`, below
every other layer.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

#: Digits in one number literal (the mantissa, or numerator and denominator together).
MAX_DIGITS = 1000
#: Largest absolute decimal exponent in a literal such as ``1e-300``.
MAX_DECIMAL_EXPONENT = 1000
#: Largest bit length of the numerator or denominator of any exact value.
MAX_BITS = 4096
#: Nesting of parentheses and signs in one payoff expression.
MAX_EXPRESSION_DEPTH = 50

#: Largest game file read, per format (bytes).  The scalable ``.efg`` path reads trees of
#: a few million nodes; TOML and ``.nfg`` files are typed by hand or written by tools.
MAX_FILE_BYTES = {"toml": 16 * 2**20, "nfg": 64 * 2**20, "efg": 256 * 2**20}
#: Largest number of pure-strategy profiles (cells) of a strategic game read from a file.
MAX_PROFILES = 1_000_000
#: Most players in a strategic game read from a file.
MAX_PLAYERS = 64
#: Pure strategy profiles (times combinations of solved proper subgames) of one
#: imperfect-information subgame that the tree solver enumerates.
MAX_SUBGAME_WORK = 10_000

_DECIMAL = re.compile(r"([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?", re.ASCII)
_RATIONAL = re.compile(r"([+-]?)(\d+)/(\d+)", re.ASCII)


class LimitError(ValueError):
    """A value beyond one of the limits above; ``message`` says which and by how much."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def size_problem(value: Fraction) -> str | None:
    """Why ``value`` is too large to keep (``"its numerator has 5000 bits, ..."``), or None."""
    num, den = abs(value.numerator).bit_length(), value.denominator.bit_length()
    if max(num, den) <= MAX_BITS:
        return None
    part, bits = ("numerator", num) if num >= den else ("denominator", den)
    return f"its {part} has {bits} bits, the limit is {MAX_BITS} (about {MAX_BITS * 30103 // 100000} digits)"


def checked(value: Fraction) -> Fraction:
    """``value`` itself, or :class:`LimitError` when its numerator or denominator is too large."""
    problem = size_problem(value)
    if problem:
        raise LimitError(f"the exact value is too large: {problem}")
    return value


def power_fits(base: Fraction, exponent: int) -> bool:
    """Whether ``base ** exponent`` stays within :data:`MAX_BITS` -- decided before computing it."""
    if base == 0 or exponent == 0:
        return True
    bits = max(abs(base.numerator).bit_length(), base.denominator.bit_length())
    if bits <= 1:  # 1, -1, 1/1: any power keeps one bit
        return True
    return (bits - 1) * abs(exponent) < MAX_BITS


def _literal_checks(digits: int, exponent: str | None) -> None:
    if digits > MAX_DIGITS:
        raise LimitError(f"it has {digits} digits, the limit is {MAX_DIGITS}")
    if exponent is not None:
        if len(exponent.lstrip("+-")) > 6 or abs(int(exponent)) > MAX_DECIMAL_EXPONENT:
            shown = exponent if len(exponent) <= 12 else exponent[:10] + "..."
            raise LimitError(f"its decimal exponent {shown} is beyond the limit of "
                             f"{MAX_DECIMAL_EXPONENT} in absolute value")


def short(text: str) -> str:
    """``text`` cut to 30 characters for a message."""
    return text if len(text) <= 30 else text[:27] + "..."


def out_of_range(text: str, error: LimitError) -> str:
    """The message for a literal beyond the limits: ``"the number 1e999999 is out of range: ..."``."""
    return f"the number {short(text)} is out of range: {error.message}"


def parse_literal(text: str) -> Fraction | None:
    """Exact value of a number literal (``3``, ``-0.25``, ``1e-3``, ``5/2``), or None if ``text``
    is not one.  ASCII digits only; raises :class:`LimitError` for a literal beyond the limits
    (checked on the text, before any big integer is built)."""
    match = _DECIMAL.fullmatch(text)
    if match and (match.group(2) or match.group(3)):
        _literal_checks(len(match.group(2)) + len(match.group(3) or ""), match.group(4))
        return _checked_literal(Fraction(text))
    match = _RATIONAL.fullmatch(text)
    if match:
        _literal_checks(len(match.group(2)) + len(match.group(3)), None)
        if int(match.group(3)) == 0:
            raise ZeroDivisionError(f"division by zero in {text}")
        return _checked_literal(Fraction(text))
    return None


def decimal_value(value: Decimal) -> Fraction | None:
    """Exact value of a TOML float read as :class:`~decimal.Decimal` (None for inf and nan),
    limits checked on its digits and exponent before it is expanded."""
    if not value.is_finite():
        return None
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite
    scientific = exponent + len(digits) - 1  # the e in d.ddd e
    _literal_checks(len(digits), str(scientific))
    return _checked_literal(Fraction(value))


def integer_value(value: int) -> Fraction:
    """A TOML integer (tomllib itself refuses more than 4,300 digits), size checked."""
    return _checked_literal(Fraction(value))


def _checked_literal(value: Fraction) -> Fraction:
    problem = size_problem(value)
    if problem:
        raise LimitError(problem)
    return value


# -- names -----------------------------------------------------------------------------------

#: Characters refused in names (players, strategies, moves, nodes, outcomes, titles): control
#: characters (C0, DEL, C1: NUL, newline, escape...), line and paragraph separators, and the
#: bidirectional embeddings, overrides and isolates that make text display in another order
#: than it is stored ("Trojan Source").  Free text (a summary, an ``about``) may hold
#: newlines and tabs, nothing else of these.
_BIDI_AND_SEPARATORS = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
BAD_NAME_CHARACTERS = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI_AND_SEPARATORS}]")
BAD_TEXT_CHARACTERS = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI_AND_SEPARATORS}]")

_CHARACTER_NAMES = {0: "NUL", 9: "tab", 10: "newline", 13: "carriage return", 27: "escape", 0x7F: "DEL",
                    0x202E: "right-to-left override", 0x202D: "left-to-right override",
                    0x202A: "left-to-right embedding", 0x202B: "right-to-left embedding",
                    0x202C: "pop directional formatting", 0x2066: "left-to-right isolate",
                    0x2067: "right-to-left isolate", 0x2068: "first strong isolate",
                    0x2069: "pop directional isolate", 0x200E: "left-to-right mark", 0x200F: "right-to-left mark",
                    0x061C: "Arabic letter mark", 0x2028: "line separator", 0x2029: "paragraph separator"}


def character_problem(text: str, free_text: bool = False) -> str | None:
    """Why ``text`` cannot be a name (or, with ``free_text``, a summary), naming the character
    and its 1-based position: ``"character U+202E (right-to-left override) at position 4 ..."``."""
    match = (BAD_TEXT_CHARACTERS if free_text else BAD_NAME_CHARACTERS).search(text)
    if match is None:
        return None
    code = ord(match.group())
    kind = "a control character" if code < 0x200 else "a bidirectional or line-breaking control"
    label = _CHARACTER_NAMES.get(code)
    shown = f"U+{code:04X}" + (f" ({label})" if label else "")
    return f"character {shown} at position {match.start() + 1} is not allowed: it is {kind}"
