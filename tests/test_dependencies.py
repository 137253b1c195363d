"""Dependencies declared exactly as imported: every distribution ``publisher/`` imports is in
``pyproject.toml``'s ``[project] dependencies``, every one declared is imported (but the
few another dependency needs, named below), and ``.ci/lowest-versions.txt`` pins each at
the floor declared (``scripts/check-lowest-versions.sh`` tests them there)."""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
LOWEST = ROOT / ".ci" / "lowest-versions.txt"

# Declared, never imported by publisher: what a dependency needs and does not declare itself.
NOT_IMPORTED = {
    # trafilatura's justext imports lxml.html.clean, a distribution of its own since lxml 5.2.
    "lxml-html-clean",
}


def _declared() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(text) for text in project["dependencies"]]
    return {canonicalize_name(requirement.name): requirement for requirement in requirements}


def _imported_modules() -> dict[str, set[str]]:
    """Each top-level module outside the standard library that publisher imports, and
    the files that import it (under ``TYPE_CHECKING`` and inside functions too)."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "publisher").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.partition(".")[0]
                if top != "publisher" and top not in sys.stdlib_module_names:
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_distribution_imported_is_declared_and_every_one_declared_is_imported():
    distributions = metadata.packages_distributions()
    imported: dict[str, set[str]] = {}
    for module, files in _imported_modules().items():
        assert module in distributions, f"{module} (imported in {sorted(files)}) belongs to no installed distribution"
        for distribution in distributions[module]:
            imported.setdefault(canonicalize_name(distribution), set()).update(files)
    declared = set(_declared())
    undeclared = {name: sorted(files) for name, files in imported.items() if name not in declared}
    assert not undeclared, f"imported, not declared in [project] dependencies: {undeclared}"
    assert declared >= NOT_IMPORTED, "an exception no longer declared: drop it from NOT_IMPORTED"
    assert not NOT_IMPORTED & imported.keys(), "an exception now imported: drop it from NOT_IMPORTED"
    unused = declared - imported.keys() - NOT_IMPORTED
    assert not unused, f"declared, never imported by publisher/: {sorted(unused)}"


def test_every_declaration_has_a_floor():
    for name, requirement in _declared().items():
        floors = [spec for spec in requirement.specifier if spec.operator == ">="]
        assert len(floors) == 1, f"{name}: one floor (>=) wanted in {requirement}"
        assert requirement.marker is None, f"{name}: a floor for every platform wanted"


def test_the_lowest_versions_are_the_declared_floors():
    pins: dict[str, Version] = {}
    for line in LOWEST.read_text(encoding="utf-8").splitlines():
        line = line.partition("#")[0].strip()
        if line:
            name, separator, version = line.partition("==")
            assert separator, f"{LOWEST.name}: {line!r} is not name==version"
            pins[canonicalize_name(name.strip())] = Version(version.strip())
    floors = {
        name: Version(next(spec.version for spec in requirement.specifier if spec.operator == ">="))
        for name, requirement in _declared().items()
    }
    assert pins == floors
