"""The hostile-input corpus: each file gets its one-line message, all at once, and site/ stays."""

from __future__ import annotations

import json
import os
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import Site, release, run_process, texts

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = tomllib.loads((CORPUS / "hostile-cases.toml").read_text())
GOOD = release("A Good Release", "2024-01-01", tags=["Norland"])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_hostile_file_has_its_expected_message() -> None:
    """(A file of the corpus with no entry in hostile-cases.toml would be tested by nothing.)"""
    assert sorted(p.name for p in (CORPUS / "hostile").iterdir()) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_hostile_file_gets_its_message(name: str, site: Callable[[dict[str, str | bytes]], Site]) -> None:
    s = site({"content/releases/good.md": GOOD})
    assert s.build().code == 0
    before = snapshot(s.out)
    s.write({f"content/releases/{name}": (CORPUS / "hostile" / name).read_bytes()})
    result = s.build()
    assert result.code == 1
    expected = f"{s.root}/content/releases/{name}:{CASES[name]}"
    assert any(line.startswith(expected) for line in result.err.splitlines()), result.err
    assert "Traceback" not in result.err
    assert snapshot(s.out) == before


def test_the_whole_corpus_is_reported_in_one_run(tmp_path: Path) -> None:
    press = tmp_path / "press"
    shutil.copytree(CORPUS / "hostile", press / "content/releases")
    process = run_process(["build", "--source", str(press)])
    assert process.returncode == 1
    for name, message in CASES.items():
        assert f"{press}/content/releases/{name}:{message}" in process.stderr, name
    assert "Traceback" not in process.stderr
    assert not (press / "site").exists()


def test_unknown_key_is_a_warning_and_strict_makes_it_an_error(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": GOOD.replace("tags:", "tgas:")})
    result = s.build()
    assert result.code == 0
    assert f'{s.root}/content/releases/a.md:6: tgas: warning: unknown key, ignored; did you mean "tags"?' in result.err
    strict = s.build("--strict")
    assert strict.code == 1
    assert f'{s.root}/content/releases/a.md:6: tgas: unknown key, ignored; did you mean "tags"?' in strict.err


def test_symlink_loop_is_reported_not_followed(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/2024/a.md": GOOD})
    os.symlink("..", s.root / "content/releases/2024/loop")
    result = s.build()
    assert result.code == 1
    assert "symbolic link loop, not followed" in result.err
    assert "content/releases/2024/loop" in result.err


def test_bom_crlf_and_a_20_mb_release_build(site: Callable[[dict[str, str | bytes]], Site]) -> None:
    paragraph = "The Ministry reaffirms its commitment to the fisheries agreement and to coastal communities. " * 8
    body = "\n\n".join(f"## Section {i}\n\n{paragraph}" for i in range(27_000))
    big = release("A Very Long Release", "2024-01-02", tags=["Norland"], body=body)
    assert len(big.encode()) > 20_000_000
    s = site(
        {
            "content/releases/crlf.md": b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode(),
            "content/releases/big.md": big,
        }
    )
    result = s.build()
    assert result.code == 0, result.err
    assert texts(s.page("releases/crlf/"), "h1") == ["A Good Release"]
    assert (s.out / "releases/big/index.html").stat().st_size > 20_000_000


OWN_SCRIPTS = ("/theme/live.js", "/theme/search.js")
HOSTILE = [
    "</script><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }} {% raw %}",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_front_matter_strings_render_as_text(text: str, site: Callable[[dict[str, str]], Site]) -> None:
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    content = (
        f'---\ntitle: "{quoted}"\ntype: media note\noffice: "{quoted}"\ndate: 2024-01-01\n'
        f'tags: ["{quoted}", Norland]\nsummary: "{quoted}"\nslug: hostile\n---\n'
        "Body <script>alert(2)</script> [x](javascript:alert(3)) ![i](data:text/html,x)\n"
    )
    s = site({"content/releases/hostile.md": content, "content/releases/other.md": GOOD})
    assert s.build().code == 0
    for html in s.out.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(), "html.parser")
        for script in soup.select("script"):
            if script.get("type") == "application/ld+json":  # data only: it must parse, whatever the titles hold
                assert isinstance(json.loads(script.string), dict), (html, script)
                continue
            assert script.get("src", "").endswith(OWN_SCRIPTS), (html, script)
        for element in soup.find_all(True):
            assert not any(name.startswith("on") for name in element.attrs), (html, element)
            for name in ("href", "src"):
                assert not str(element.get(name, "")).lower().startswith(("javascript:", "data:")), element
    page = s.page("releases/hostile/")
    # Each field shows what the editor wrote, as text (Jinja would make "{{ 7*7 }}" "49").
    shown = " ".join(text.split())
    assert texts(page, "h1") == [shown]
    assert texts(page, ".breadcrumbs a") == ["Home", shown, "Media Notes", shown]
    assert texts(page, ".release-office a") == [shown.upper()]
    assert texts(page, ".release-tags a") == [shown, "Norland"]
    assert page.select_one('meta[name="description"]')["content"] == text  # the summary
    assert "<script>alert(2)</script>" in texts(page, ".release-body")[0]
    data = [json.loads(script.string) for script in page.select('script[type="application/ld+json"]')]
    assert data[0]["headline"] == text and data[0]["author"]["name"] == text


def test_a_link_to_a_file_outside_the_site_folder_is_refused(
    site: Callable[[dict[str, str]], Site], tmp_path: Path
) -> None:
    """A symbolic link committed to the repository must not publish the build machine's files."""
    secret = tmp_path / "secret.txt"
    secret.write_text("a key of the build machine\n")
    s = site(
        {
            "content/releases/a.md": release("A", "2024-01-01"),
            "site.toml": 'stylesheet = "files/extra.css"\n',
            "shared/extra.css": "body { margin: 0; }\n",
        }
    )
    (s.root / "content/files").mkdir(parents=True)
    os.symlink(s.root / "shared/extra.css", s.root / "content/files/extra.css")  # inside the site folder: fine
    assert s.build().code == 0
    assert (s.root / "site/files/extra.css").read_text() == "body { margin: 0; }\n"
    os.symlink(secret, s.root / "content/files/notes.txt")
    before = sorted(p.relative_to(s.root / "site") for p in (s.root / "site").rglob("*"))
    built = s.build()
    assert built.code == 1
    assert built.err.splitlines()[0] == (
        f"{s.root}/content/files/notes.txt:1: file: is a symbolic link to a file outside the site folder: not read, "
        "nor published (expected a file inside the site folder (copy it in rather than link to it))"
    )
    assert sorted(p.relative_to(s.root / "site") for p in (s.root / "site").rglob("*")) == before
    assert not [p for p in (s.root / "site").rglob("*") if p.is_file() and b"a key of" in p.read_bytes()]
