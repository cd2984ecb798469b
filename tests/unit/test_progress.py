import io

import pytest

from generator import progress as progress_module
from generator.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_when_not_a_terminal() -> None:
    stream = io.StringIO()
    bar = Progress(stream)
    bar.started -= 10
    bar.begin("Rendering pages", 10)
    bar.advance(5)
    bar.finish()
    assert stream.getvalue() == ""


def test_a_line_on_a_terminal_after_two_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = Terminal()
    bar = Progress(stream)
    bar.begin("Rendering pages", 10_000)
    bar.advance(10)
    assert stream.getvalue() == ""  # short builds print nothing
    bar.started -= progress_module.SHOW_AFTER + 1
    bar.advance(4_990)
    assert stream.getvalue().endswith("Rendering pages: 5,000/10,000")
    bar.finish()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_quiet_flag_disables_it() -> None:
    stream = Terminal()
    bar = Progress(stream, enabled=False)
    bar.started -= 10
    bar.begin("Reading releases", 3)
    assert stream.getvalue() == ""
