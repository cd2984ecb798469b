"""The one "did you mean" hint: for settings, type keys, front-matter keys and release types."""

from __future__ import annotations

from pathlib import Path

from generator.errors import did_you_mean, likeness

GENERATOR = Path(__file__).resolve().parents[2] / "generator"


def test_the_closest_known_word_is_named() -> None:
    assert did_you_mean("tgas", ["tags", "title", "type"]) == '; did you mean "tags"?'
    assert did_you_mean("press statment", ("press release", "press statement")) == '; did you mean "press statement"?'


def test_no_hint_when_nothing_is_close() -> None:
    assert did_you_mean("zzz", ["tags", "title"]) == ""
    assert did_you_mean("tags", []) == ""


def test_a_mapping_offers_its_keys() -> None:
    assert did_you_mean("base_ulr", {"base_url": str, "language": str}) == '; did you mean "base_url"?'


def test_likeness_is_difflibs_ratio() -> None:
    assert likeness("draft", "draft") == 1.0
    assert likeness("draft", "xyz") == 0.0
    assert 0.8 <= likeness("drafts", "draft") < 1.0


def test_no_other_module_makes_its_own_hint() -> None:
    offenders = [
        str(path.relative_to(GENERATOR))
        for path in sorted(GENERATOR.rglob("*.py"))
        if path.name != "errors.py" and "difflib" in path.read_text(encoding="utf-8").replace("difflib's", "")
    ]
    assert offenders == []
