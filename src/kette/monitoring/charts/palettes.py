"""Colour-blind-safe colours, fill patterns and marker shapes for the charts.

Sequential classes use viridis (perceptually uniform, readable with every
common colour-vision deficiency and in greyscale); profile bars use the two
ends of ColorBrewer's diverging PuOr scheme; series (districts side by side,
time series) use the darker Okabe-Ito/Tol colours, which keep a contrast of
at least 3:1 against white (WCAG 1.4.11), and each series also has its own
marker shape and dash pattern. Map classes also get a fill pattern, so that
they stay apart in a black-and-white print.
"""

from __future__ import annotations

# viridis at 9 evenly spaced points, from light (low) to dark (high).
VIRIDIS = (
    "#fde725",
    "#a0da39",
    "#4ac16d",
    "#1fa187",
    "#277f8e",
    "#365c8d",
    "#46327e",
    "#440154",
)
#: PuOr ends: less need than the city average (purple), more need (orange-brown).
FAVOURABLE = "#5e3c99"
UNFAVOURABLE = "#b35806"
NEUTRAL_BAR = "#3b528b"
#: Series colours, each ≥ 3:1 against white.
SERIES = ("#0072b2", "#d55e00", "#117733", "#882255", "#332288", "#aa4499", "#000000")
#: The city (reference) line.
REFERENCE = "#4b5563"
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "star", "triangle-down")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "10 4")
#: Fill patterns for classes 0, 1, 2, ...: none first, then ever denser marks.
PATTERNS = ("none", "dots", "diagonal", "crosshatch", "horizontal", "backdiagonal")
NO_DATA = "#ffffff"


def sequential(count: int) -> tuple[str, ...]:
    """``count`` viridis colours from light to dark (1 ≤ count ≤ 8)."""
    count = max(1, min(count, len(VIRIDIS)))
    if count == 1:
        return (VIRIDIS[3],)
    step = (len(VIRIDIS) - 1) / (count - 1)
    return tuple(VIRIDIS[round(n * step)] for n in range(count))


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb`` (or ``#rgb``)."""
    text = colour.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(ch * 2 for ch in text)
    try:
        r, g, b = (int(text[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return 1.0
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def ink_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour``."""
    return (
        "#000000"
        if contrast(colour, "#000000") >= contrast(colour, "#ffffff")
        else "#ffffff"
    )


def pattern_for(number: int) -> str:
    return PATTERNS[number % len(PATTERNS)]
