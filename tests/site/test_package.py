"""The installed package carries its default templates and theme, and the files `init` writes."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup

from generator.strings import LANGUAGES
from tests.conftest import NOW, release

ROOT = Path(__file__).resolve().parents[2]


def build_wheel(wheels: Path) -> Path:
    """The project built as a wheel into `wheels` (offline: hatchling of the test extras)."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(wheels.glob("*.whl"))


def fresh_venv(folder: Path, wheel: Path) -> Path:
    """A new virtual environment in `folder` with the wheel installed; returns its bin folder.

    Only the wheel is installed (offline); the dependencies come from this test run's own
    site-packages through a plain path in a .pth file, which adds that folder but not the
    .pth files in it, so not the editable install of this checkout. The path is added after
    the wheel is installed, so pip never sees the editable install."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=120)
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    ours = [*site.getsitepackages(), sysconfig.get_paths()["purelib"]]
    (Path(purelib) / "test-dependencies.pth").write_text("\n".join(dict.fromkeys(ours)) + "\n")
    return python.parent


def outside_env() -> dict[str, str]:
    """The environment without anything that would point Python at this checkout."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}


def test_a_wheel_builds_a_site_folder_that_has_only_content(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "wheels")
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


def test_a_site_made_by_init_from_the_installed_wheel_builds(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "wheels")
    names = zipfile.ZipFile(wheel).namelist()
    assert "generator/starter/site.toml" in names
    assert "generator/starter/dot-gitignore" in names
    assert "generator/starter/dot-github/workflows/publish.yml" in names
    scripts = fresh_venv(tmp_path / "venv", wheel)
    env = outside_env()
    where = subprocess.run(
        [str(scripts / "python"), "-c", "import generator; print(generator.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(tmp_path / "venv")), where.stdout

    def generator(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(scripts / "generator"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
        )

    made = generator("init", "press", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    press = tmp_path / "press"
    assert (press / ".gitignore").is_file() and (press / ".github/workflows/publish.yml").is_file()
    built = generator("build", "--strict-links", "--now", NOW, cwd=press)
    assert built.returncode == 0, built.stderr
    home = BeautifulSoup((press / "site/index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.title is not None and "Press Office" in home.title.get_text()
    assert "Replace This Title" not in home.get_text()
    assert not (press / "site/releases/example-release").exists()
    assert (press / "site/theme/style.css").is_file()

    draft = next((press / "content/releases").rglob("example-release.md"))
    draft.write_text(draft.read_text(encoding="utf-8").replace("draft: true\n", ""), encoding="utf-8")
    published = generator("build", "--strict-links", cwd=press)
    assert published.returncode == 0, published.stderr
    page = BeautifulSoup((press / "site/releases/example-release/index.html").read_text(), "html.parser")
    assert page.h1 is not None and page.h1.get_text(strip=True) == "Example Release: Replace This Title"
    office = BeautifulSoup((press / "site/offices/press-office/index.html").read_text(), "html.parser")
    assert office.h1 is not None and "Press Office" in office.h1.get_text()
    assert "Example Release: Replace This Title" in office.get_text()
