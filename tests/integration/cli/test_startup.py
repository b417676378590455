"""`gavah --help` stays fast: importing the command line must not load the heavy libraries.

Each library named here is loaded only inside the command (or package attribute) that needs it.
The check is on which modules a fresh interpreter has imported, never on wall-clock time.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

#: Libraries that cost tens to hundreds of milliseconds and only some commands use.
HEAVY = (
    "argon2",  # gavah.web.passwords: only `users add` and `demo` hash passwords
    "duckdb",  # linkage
    "fastapi",  # the web application: only `serve` and `demo`
    "followthemoney",  # dossiers and FtM export
    "imagehash",  # gavah.vault.media: only ingesting files
    "jinja2",  # narratives (dossiers) and the web application
    "jsonschema",  # the claims interchange: only `import claims` and `export claims`
    "matplotlib",  # figures: `connectivity timeline`, `estimate --plots`
    "numba",  # LCMCR
    "scipy",  # estimation
    "splink",  # linkage
    "starlette",  # the web application
    "uvicorn",  # the web server
    "weasyprint",  # dossier PDFs
)

_PROBE = (
    "import json, sys\n"
    "{statement}\n"
    "print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))\n"
)


def _loaded_after(statement: str) -> list[str]:
    """The heavy libraries a fresh interpreter has loaded after running ``statement``."""
    probe = _PROBE.format(statement=statement, heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    loaded: list[str] = json.loads(done.stdout)
    return loaded


def test_the_cli_imports_none_of_the_heavy_libraries() -> None:
    assert _loaded_after("import gavah.cli.app") == []


@pytest.mark.parametrize("package", ["gavah.web", "gavah.vault", "gavah.workspace"])
def test_packages_load_their_heavy_parts_on_first_use(package: str) -> None:
    assert _loaded_after(f"import {package}") == []


def test_the_probe_sees_a_heavy_library_when_it_is_loaded() -> None:
    """The check can fail: asking gavah.web for its app factory loads FastAPI."""
    assert "fastapi" in _loaded_after("from gavah.web import create_app")
