"""The commonest YAML mistakes in front matter: the parser's words, then a plain hint with the field."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import NOW, Site, run_cli

REST = "type: media note\noffice: Office of the Spokesperson\ndate: 2024-05-02\n"
COLON = '; a value with ": " in it must be in quotes: put the'
TAB = "; this line is indented with a tab: YAML indents with spaces only, so replace the tab with spaces"

CASES = {
    "unquoted colon": (
        "title: Statement on Halvik: Port Reopens\n" + REST,
        "2: title: YAML syntax error: mapping values are not allowed in this context"
        f'{COLON} title in quotes: title: "Statement on Halvik: Port Reopens"',
    ),
    "unquoted colon, quotes in the value": (
        'title: Statement\nsummary: The minister said: "no"\n' + REST,
        "3: summary: YAML syntax error: mapping values are not allowed in this context"
        f"{COLON} summary in quotes: summary: 'The minister said: \"no\"'",
    ),
    "unquoted colon on a continued line": (
        "title: Statement\nsummary: The minister\n  said: this\n" + REST,
        f"4: summary: YAML syntax error: mapping values are not allowed in this context{COLON} summary in quotes",
    ),
    "unclosed double quote": (
        'title: "Statement on Halvik\n' + REST,
        "2: title: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar); "
        'the title starts with " but never ends with one: close the quote: title: "Statement on Halvik"',
    ),
    "unclosed single quote": (
        "title: Statement\nsummary: 'Port reopens\n" + REST,
        "3: summary: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar); "
        "the summary starts with ' but never ends with one: close the quote: summary: 'Port reopens'",
    ),
    "the same quote inside": (
        'title: "He said "no" today"\n' + REST,
        "2: title: YAML syntax error: did not find expected key (while parsing a block mapping); "
        'the title is in " quotes and has " inside them: put it in the other quotes: title: \'He said "no" today\'',
    ),
    "tab before a key": (
        "title: Statement\n\ttags: [Norland]\n" + REST,
        "3: tags: YAML syntax error: found a tab character that violates indentation "
        f"(while scanning a plain scalar){TAB}",
    ),
    "tab before a list item": (
        "title: Statement\ntags:\n\t- Norland\n" + REST,
        "4: tags: YAML syntax error: found character that cannot start any token "
        f"(while scanning for the next token){TAB}",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=CASES)
def test_a_common_yaml_mistake_gets_a_plain_hint_with_its_field(
    site: Callable[[dict[str, str]], Site], case: str
) -> None:
    front, message = CASES[case]
    s = site({"content/releases/2024/statement.md": f"---\n{front}---\nThe text.\n"})
    result = s.build()
    assert result.code == 1
    assert result.err.splitlines() == [
        f"{s.root}/content/releases/2024/statement.md:{message}",
        "1 error; nothing was written",
    ]
    assert not s.out.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "---\ntitle: Statement\n" + REST + "\nThe text.\n",
            "5: front matter: the front matter is never closed: "
            'add a line "---" after its last key (line 5), before the text',
        ),
        (
            "---\ntitle: Statement\ntags:\n  - Norland\n" + REST + "The text.\n",
            "7: front matter: the front matter is never closed: "
            'add a line "---" after its last key (line 7), before the text',
        ),
        (
            "---\nThe text, and no keys.\n",
            '1: front matter: the front matter is never closed (expected a "---" line, YAML keys such as '
            '"title: ...", and a closing "---" line)',
        ),
    ],
    ids=["blank line before the text", "text right after the keys", "no keys at all"],
)
def test_a_missing_closing_line_says_where_it_goes(
    site: Callable[[dict[str, str]], Site], text: str, message: str
) -> None:
    s = site({"content/releases/2024/statement.md": text})
    result = s.build()
    assert result.code == 1
    assert result.err.splitlines()[0] == f"{s.root}/content/releases/2024/statement.md:{message}"


def test_check_gives_the_same_hint_for_a_page(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/pages/about.md": "---\ntitle: About: Us\n---\nWho we are.\n"})
    result = run_cli(["check", "--source", str(s.root), "--now", NOW])
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"{s.root}/content/pages/about.md:2: title: YAML syntax error: mapping values are not allowed in this context"
        f'{COLON} title in quotes: title: "About: Us"'
    )
