"""negsolve's own exceptions.

Every problem found in user input becomes a :class:`Problem` that knows the file, the
line and column where known, the dotted key path, a message and an optional hint.  An
:class:`InputError` carries *all* the problems found in one file, so a user fixes them in
one pass, like a compiler's error list.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we know."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    key: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        key = f"{self.key}: " if self.key else ""
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{where}{key}{self.message}{hint}"


class NegsolveError(Exception):
    """Base class of every exception negsolve raises on purpose."""


@dataclass
class InputError(NegsolveError):
    """A game file, a command-line value or an API argument that cannot be used.

    Carries every problem found, not only the first.
    """

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    @classmethod
    def single(cls, message: str, **where: object) -> InputError:
        """An InputError with one :class:`Problem` (``where``: file, line, column, key, hint)."""
        return cls([Problem(message, **where)])  # type: ignore[arg-type]


class SolverError(NegsolveError):
    """A solver could not finish (for instance a size limit), said plainly."""
