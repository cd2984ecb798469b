"""CSS colour text read into RGB, and WCAG contrast ratios against known values."""

from __future__ import annotations

import pytest

from generator.colors import WHITE, Rgb, contrast, parse_color


@pytest.mark.parametrize(
    ("text", "hex"),
    [
        ("#005ea2", "#005ea2"),
        ("#FFF", "#ffffff"),
        ("#1a4480ff", "#1a4480"),
        ("#abcf", "#aabbcc"),
        ("rgb(26 68 128)", "#1a4480"),
        ("rgb(26, 68, 128)", "#1a4480"),
        ("rgba(26, 68, 128, 1)", "#1a4480"),
        ("rgb(100% 0% 50% / 1)", "#ff0080"),
        ("hsl(0 100% 50%)", "#ff0000"),
        ("hsl(120deg, 100%, 25%)", "#008000"),
        (" #000 ", "#000000"),
    ],
)
def test_colours_the_theme_reads(text: str, hex: str) -> None:
    parsed = parse_color(text)
    assert isinstance(parsed, Rgb) and parsed.hex == hex


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("navy", '"navy" is not a colour the theme can check for contrast'),
        ("#12345", '"#12345" is not a hex colour (3 or 6 hex digits after #)'),
        ("#00000080", '"#00000080" is transparent: its contrast depends on what is behind it'),
        ("rgb(1 2)", '"rgb(1 2)" is not a colour: rgb() takes three numbers'),
        ("hsl(1 2% 3% / .5)", '"hsl(1 2% 3% / .5)" is transparent: its contrast depends on what is behind it'),
        ("var(--x)", '"var(--x)" is not a colour the theme can check for contrast'),
    ],
)
def test_what_is_not_a_colour_says_why(text: str, why: str) -> None:
    assert parse_color(text) == why


def test_contrast_ratios_match_wcag() -> None:
    assert contrast(WHITE, Rgb(0, 0, 0)) == pytest.approx(21)
    assert contrast(WHITE, WHITE) == pytest.approx(1)
    assert round(contrast(WHITE, Rgb(0x00, 0x5E, 0xA2)), 2) == 6.72  # the theme's link colour
    assert round(contrast(Rgb(0x76, 0x76, 0x76), WHITE), 2) == 4.54  # the lightest AA grey
    assert Rgb(200, 100, 40).darker(0.5) == Rgb(100, 50, 20)
