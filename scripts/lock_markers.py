"""`make lock`, second step: pin the dependencies this machine does not install.

    python scripts/lock_markers.py LOCKFILE [--extra test]

pip-compile locks only what the machine it runs on installs, so a dependency whose environment
marker is false here (PyICU, where pyicu-wheels has no wheel) would be missing from the lock, and
`make` on such a machine would install no ICU at all. This adds each such dependency of
pyproject.toml to LOCKFILE with its marker and the hashes of its files on the index (fetched with
`pip download --no-deps`), in pip-compile's format, unless the lock has it already.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent


def other_platform_requirements(extra: str | None = None) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = list(project["dependencies"]) + (list(project["optional-dependencies"][extra]) if extra else [])
    return [r for r in map(Requirement, deps) if r.marker is not None and not r.marker.evaluate()]


def lock_entry(req: Requirement) -> str:
    pin = str(next(iter(req.specifier)))
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                        "-d", tmp, f"{req.name}{pin}"], check=True, timeout=900)
        hashes = sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in Path(tmp).iterdir())
    lines = [f"{req.name.lower()}{pin} ; {req.marker}"] + [f"    --hash=sha256:{h}" for h in hashes]
    return " \\\n".join(lines) + "\n    # via kennisbank-ouders (pyproject.toml), for the other platforms\n"


def main(argv: list[str]) -> int:
    lock = Path(argv[1])
    extra = argv[3] if len(argv) > 3 and argv[2] == "--extra" else None
    text = lock.read_text(encoding="utf-8")
    for req in other_platform_requirements(extra):
        if f"\n{req.name.lower()}==" not in f"\n{text.lower()}":
            text += lock_entry(req)
    lock.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
