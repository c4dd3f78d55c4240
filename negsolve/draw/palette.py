"""Colours shared by every picture (colour-blind safe: Okabe and Ito's palette)."""

from __future__ import annotations

TEXT = "#222222"
MUTED = "#777777"
PLAYER_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
EQUILIBRIUM = "#CC0000"
EQUILIBRIUM_FILL = "#FFE9A8"
CHANCE = "#555555"
REGION_FILLS = ("#CFE8F7", "#FCE0C8", "#D6F0E3", "#F4D9E8", "#FFF1C4", "#E3E3E3")
