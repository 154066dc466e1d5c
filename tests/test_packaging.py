"""The built wheel carries everything the app needs, and works from a plain install.

In a checkout ``als_tui.paths.content_dir()`` falls back to the top-level ``content/``,
so an editable install can hide a wheel that forgot it. Here the wheel is built,
inspected, installed non-editable into a temp dir and used from there with the checkout
kept off ``sys.path``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import tomllib
import zipfile
from pathlib import Path

import pytest

import als_tui

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = PYPROJECT["project"]["version"]


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180, **kw)
    assert proc.returncode == 0, f"{cmd} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "-q", "-w", str(out), str(ROOT)],
        cwd=out,
    )
    wheels = list(out.glob("als_tui-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def site(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("install") / "site"
    _run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-compile",
         "--disable-pip-version-check", "-q", "--target", str(target), str(wheel)],
        cwd=target.parent,
    )
    return target


def test_wheel_contains_content_and_styles(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    required = [
        "als_tui/__init__.py",
        "als_tui/__main__.py",
        "als_tui/app.tcss",
        "als_tui/content/questions.yaml",
        "als_tui/content/ground_rules.yaml",
        "als_tui/content/help.yaml",
    ]
    if (CONTENT / "training.yaml").exists():
        required.append("als_tui/content/training.yaml")
    banks = sorted(CONTENT.glob("banks/*.yaml"))
    assert banks, "content/banks/ has no banks to check"
    required += [f"als_tui/content/banks/{b.name}" for b in banks]
    # Every shipped content file, whatever gets added later, and every module.
    required += [f"als_tui/content/{p.relative_to(CONTENT).as_posix()}" for p in CONTENT.rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts]
    required += [p.relative_to(ROOT).as_posix() for p in (ROOT / "als_tui").rglob("*")
                 if p.is_file() and p.suffix in (".py", ".tcss") and "__pycache__" not in p.parts]
    missing = sorted(set(required) - names)
    assert not missing, f"missing from {wheel.name}: {missing}"
    assert not any(n.startswith(("content/", "tests/")) for n in names), "content must live inside als_tui/"

    meta = zipfile.ZipFile(wheel).read(f"als_tui-{VERSION}.dist-info/METADATA").decode()
    assert f"\nVersion: {VERSION}\n" in meta
    scripts = zipfile.ZipFile(wheel).read(f"als_tui-{VERSION}.dist-info/entry_points.txt").decode()
    assert "als = als_tui.cli:main" in scripts


CHECK = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    site, repo = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    # The editable install's .pth puts the checkout on sys.path: take it off.
    sys.path[:] = [p for p in sys.path if not p or Path(p).resolve() != repo]

    import als_tui
    from als_tui import paths
    from als_tui.bank import load_bank, load_ground_rules, shipped_banks
    from als_tui.helptext import help_for, help_topics
    from als_tui.cli import main

    assert Path(als_tui.__file__).resolve().is_relative_to(site), als_tui.__file__
    assert paths.content_dir().resolve().is_relative_to(site), paths.content_dir()

    bank = load_bank()
    assert bank.stages, "default bank has no stages"
    assert len(shipped_banks()) >= 2
    assert load_ground_rules(), "no ground rules"
    assert help_topics() and help_for("general")["body"]
    assert (Path(als_tui.__file__).parent / "app.tcss").is_file()
    import als_tui.app  # the Textual app module imports from the installed copy too

    venv = Path(sys.prefix).resolve()  # the dependencies' venv may sit inside the checkout
    from_repo = sorted(
        name for name, mod in list(sys.modules.items())
        if getattr(mod, "__file__", None)
        and Path(mod.__file__).resolve().is_relative_to(repo)
        and not Path(mod.__file__).resolve().is_relative_to(venv)
    )
    assert not from_repo, f"imported from the checkout: {from_repo}"
    print("bank:", bank.id, len(bank.stages), "stages")
    sys.exit(main(["--version"]))
    """
)


def test_plain_install_finds_content(site: Path, tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(site), PYTHONSAFEPATH="1", PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run(
        [sys.executable, "-c", CHECK, str(site), str(ROOT)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, f"installed wheel failed:\n{proc.stdout}\n{proc.stderr}"
    assert "bank: " in proc.stdout
    assert proc.stdout.strip().splitlines()[-1] == f"als-tui {VERSION}"


def test_python_m_als_tui_version(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "als_tui", "--version"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"als-tui {VERSION}"
    assert als_tui.__version__ == VERSION, "als_tui.__version__ and pyproject.toml disagree"
