"""CSS colours as site.toml gives them: read into RGB, compared by WCAG contrast, darkened.

Pure arithmetic on text; the theme's CSS custom properties get the colour back as `#rrggbb`.
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass

#: What a colour setting may be: hex, or the rgb() / hsl() functions in either syntax.
COLOR_EXPECTED = 'an opaque CSS colour: hex such as "#1a4480", "rgb(26 68 128)" or "hsl(215 66% 30%)"'

_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_FUNCTION = re.compile(r"(rgba?|hsla?)\(\s*([^()]*?)\s*\)", re.IGNORECASE)
_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)"
_PART = re.compile(rf"({_NUMBER})(%|deg)?")


@dataclass(frozen=True, slots=True)
class Rgb:
    """An opaque colour, each channel 0-255."""

    red: int
    green: int
    blue: int

    @property
    def hex(self) -> str:
        return f"#{self.red:02x}{self.green:02x}{self.blue:02x}"

    def luminance(self) -> float:
        """The WCAG 2 relative luminance (0: black, 1: white)."""

        def linear(channel: int) -> float:
            c = channel / 255
            return c / 12.92 if c <= 0.04045 else float(((c + 0.055) / 1.055) ** 2.4)

        return 0.2126 * linear(self.red) + 0.7152 * linear(self.green) + 0.0722 * linear(self.blue)

    def darker(self, share: float) -> Rgb:
        """This colour mixed with black, keeping `share` (0-1) of it: a hover shade."""
        return Rgb(round(self.red * share), round(self.green * share), round(self.blue * share))


WHITE = Rgb(255, 255, 255)


def contrast(one: Rgb, other: Rgb) -> float:
    """The WCAG 2 contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((one.luminance(), other.luminance()), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def parse_color(text: str) -> Rgb | str:
    """The colour `text` names, or why it is not one this theme can use (a sentence)."""
    text = text.strip()
    if hex_match := _HEX.fullmatch(text):
        return _from_hex(hex_match.group(1), text)
    if function := _FUNCTION.fullmatch(text):
        return _from_function(function.group(1).lower(), function.group(2), text)
    if text.startswith("#"):
        return f'"{text}" is not a hex colour (3 or 6 hex digits after #)'
    return f'"{text}" is not a colour the theme can check for contrast'


def _from_hex(digits: str, text: str) -> Rgb | str:
    if len(digits) in (3, 4):
        digits = "".join(d * 2 for d in digits)
    if len(digits) == 8 and digits[6:].lower() != "ff":
        return f'"{text}" is transparent: its contrast depends on what is behind it'
    return Rgb(int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def _from_function(name: str, inside: str, text: str) -> Rgb | str:
    """rgb(1 2 3), rgb(1, 2, 3), rgb(10% 20% 30% / 1), hsl(200 50% 40%), hsl(200deg, 50%, 40%)."""
    colour, _, alpha = inside.partition("/")
    parts = [p for p in re.split(r"[\s,]+", colour.strip()) if p]
    if alpha.strip() == "" and len(parts) == 4:
        parts, alpha = parts[:3], parts[3]
    matches = [_PART.fullmatch(p) for p in parts]
    if len(parts) != 3 or not all(matches):
        return f'"{text}" is not a colour: {name}() takes three numbers'
    if alpha.strip() and _alpha(alpha.strip()) != 1:
        return f'"{text}" is transparent: its contrast depends on what is behind it'
    values = [(float(m.group(1)), m.group(2) or "") for m in matches if m]
    if name.startswith("rgb"):
        channels = [v * 255 / 100 if unit == "%" else v for v, unit in values]
        return Rgb(*(round(min(max(c, 0), 255)) for c in channels))
    hue = values[0][0] % 360 / 360
    saturation, lightness = (min(max(v, 0), 100) / 100 for v, _ in values[1:])
    red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
    return Rgb(round(red * 255), round(green * 255), round(blue * 255))


def _alpha(text: str) -> float:
    match = _PART.fullmatch(text)
    if not match:
        return -1
    value = float(match.group(1))
    return value / 100 if match.group(2) == "%" else value
