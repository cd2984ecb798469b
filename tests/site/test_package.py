"""The installed package carries its default templates and theme."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from generator.strings import LANGUAGES
from tests.conftest import release

ROOT = Path(__file__).resolve().parents[2]


def test_a_wheel_builds_a_site_folder_that_has_only_content(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(wheels.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "generator/_defaults/templates/release.html" in names
    assert "generator/_defaults/theme/style.css" in names
    assert {f"generator/strings/{language}.toml" for language in LANGUAGES} <= set(names)
    target = tmp_path / "lib"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    press = tmp_path / "press"
    (press / "content/releases").mkdir(parents=True)
    (press / "content/releases/a.md").write_text(release("Alpha", "2024-01-01", tags=["Norland"]))
    (press / "site.toml").write_text('language = "fr"\n')  # the interface words travel in the wheel too
    env = {**os.environ, "PYTHONPATH": str(target)}
    check = subprocess.run(
        [sys.executable, "-c", "import generator; print(generator.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert check.stdout.startswith(str(target))
    built = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--source", str(press)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert built.returncode == 0, built.stderr
    assert (press / "site/releases/a/index.html").exists()
    assert (press / "site/theme/style.css").exists()
    page = (press / "site/releases/a/index.html").read_text(encoding="utf-8")
    assert "Aller au contenu principal" in page and "1 janvier 2024" in page
