"""What a cache of the package's results is valid for: the code that produced them.

The caches under `.git/validator/` hold what the code decided (parsed reports, verdicts, which
versions of a report passed the schema); a change to that code, or to the libraries it runs on,
makes them wrong without changing their shape. Here, at the bottom, so that a module low in the
layers (the history cache) can ask too; the libraries are imported only when a digest is made.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import validator


def code_fingerprint(files: Iterable[Path], version: int) -> str:
    """A digest of the package's `files` (by content) and the library versions: what a cache
    of this package's results is valid for."""
    import pydantic  # only when a digest is made: a command starts git before pydantic
    import yaml

    package = Path(validator.__file__).parent
    digest = hashlib.blake2b(digest_size=10)
    for part in (version, validator.__version__, sys.version, pydantic.VERSION, yaml.__version__):
        digest.update(f"{part}\0".encode())
    for path in sorted(files):
        digest.update(f"{path.relative_to(package).as_posix()}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@functools.lru_cache(maxsize=8)
def imported_by(module: str) -> tuple[Path, ...]:
    """The files of `module` and of every module of this package it imports, directly or not
    (with the `__init__` of each package on the way, which importing runs too)."""
    package = Path(validator.__file__).parent
    seen: set[Path] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        parts = name.split(".")
        for depth in range(1, len(parts) + 1):  # validator, validator.repo, validator.repo.x
            path = _module_file(package, parts[1:depth])
            if path is None or path in seen:
                continue
            seen.add(path)
            todo.extend(_imports(path))
    return tuple(sorted(seen))


def _module_file(package: Path, parts: list[str]) -> Path | None:
    base = package.joinpath(*parts)
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(validator(?:\.\w+)*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)"
    r"|import[ \t]+(validator(?:\.\w+)*))",
    re.M,
)


def _imports(path: Path) -> list[str]:
    """The package's modules that `path` imports (read, not run: a regular expression over the
    source is a hundred times faster than parsing it, and imports here are one statement each)."""
    found: list[str] = []
    for module, names, plain in _IMPORT.findall(path.read_text("utf-8")):
        if plain:
            found.append(plain)
            continue
        found.append(module)
        for name in names.strip("()").replace("\n", " ").split(","):
            name = name.split(" as ")[0].strip()
            if name:
                found.append(f"{module}.{name}")  # a submodule, maybe
    return found
