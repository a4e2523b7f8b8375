"""Colour contrast (WCAG 2.2) for the project's palette.

Every status colour contrasts at least 3:1 with white (WCAG 1.4.11, non-text
contrast) and with the colours beside it in a stacked bar, and text written on a
status colour contrasts at least 4.5:1 with it (1.4.3). :func:`check_scale` says
where a scale falls short; the tests run it on the built-in scales.

Examples
--------
>>> round(contrast_ratio("#ffffff", "#0b0c0c"), 1)
19.6
"""

from __future__ import annotations

WHITE = "#ffffff"
INK = "#0b0c0c"  # GOV.UK text colour
GREY_TEXT = "#505a5f"
LINK = "#1d70b8"


def relative_luminance(colour: str) -> float:
    h = colour.lstrip("#")
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    """The WCAG 2.2 contrast ratio of two ``#rrggbb`` colours, from 1 (none) to 21."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour_on(fill: str) -> str:
    """White or near-black, whichever contrasts more with ``fill``."""
    return WHITE if contrast_ratio(fill, WHITE) >= contrast_ratio(fill, INK) else INK


def check_scale(scale) -> list[str]:
    """Where a status scale's colours fall short of the contrast rules (empty when they all pass)."""
    problems = []
    statuses = list(scale.statuses)
    for s in statuses:
        if contrast_ratio(s.colour, WHITE) < 3:
            problems.append(f"{s.name} {s.colour} is {contrast_ratio(s.colour, WHITE):.2f}:1 against white (needs 3:1)")
        if contrast_ratio(s.colour, s.text_colour) < 4.5:
            problems.append(f"text on {s.name} is {contrast_ratio(s.colour, s.text_colour):.2f}:1 (needs 4.5:1)")
    for a, b in zip(statuses, statuses[1:]):
        if a.colour != b.colour and contrast_ratio(a.colour, b.colour) < 3:
            problems.append(f"{a.name} and {b.name} are {contrast_ratio(a.colour, b.colour):.2f}:1 apart (needs 3:1)")
        if a.colour == b.colour:
            problems.append(f"{a.name} and {b.name} share a colour")
    return problems
