"""SVG to PNG through the optional ``png`` extra (cairosvg, which uses the system's libcairo)."""

from __future__ import annotations

from negsolve.errors import InputError, Problem

HINT = "pip install 'negsolve[png]' (cairosvg; on Debian the system library comes with: apt-get install libcairo2)"


def png_available() -> bool:
    """Whether PNG output works here (cairosvg importable and libcairo found)."""
    try:
        import cairosvg  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def svg_to_png(svg: str, scale: float = 2.0) -> bytes:
    """The PNG bytes of ``svg``, ``scale`` times its size (sharp on a projector)."""
    try:
        import cairosvg
    except (ImportError, OSError) as exc:
        raise InputError([Problem(f"PNG output needs cairosvg and libcairo ({exc})", hint=HINT)]) from None
    data: bytes = cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)
    return data
