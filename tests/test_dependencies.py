"""Dependencies declared exactly as imported: every distribution ``publisher/`` imports is in
``pyproject.toml``'s ``[project] dependencies`` or its optional ``dask`` extra, every one
declared is imported (but the few another dependency needs, named below), the extra's only
inside the functions that need them (never when publisher is imported), and
``.ci/lowest-versions.txt`` pins each at the floor declared
(``scripts/check-lowest-versions.sh`` tests them there)."""

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


# The optional extra publisher imports from: only where a build asks for it.
EXTRA = "dask"


def _declared(extra: str | None = None) -> dict[str, Requirement]:
    """The ``[project] dependencies``, or with ``extra`` that optional extra's."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    texts = project["optional-dependencies"][extra] if extra else project["dependencies"]
    requirements = [Requirement(text) for text in texts]
    return {canonicalize_name(requirement.name): requirement for requirement in requirements}


def _module_level_imports(tree: ast.Module) -> set[ast.AST]:
    """The import statements run when the module is imported: at its top level, in the
    branches of a top-level ``if`` or ``try``, but not under ``if TYPE_CHECKING``."""
    found: set[ast.AST] = set()
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.add(node)
        elif isinstance(node, ast.If) and not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
            pending += node.body + node.orelse
        elif isinstance(node, ast.Try):
            pending += node.body + node.orelse + node.finalbody + [s for handler in node.handlers for s in handler.body]
    return found


def _imported_modules(at_import_only: bool = False) -> dict[str, set[str]]:
    """Each top-level module outside the standard library that publisher imports, and
    the files that import it (under ``TYPE_CHECKING`` and inside functions too, unless
    ``at_import_only``)."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "publisher").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        eager = _module_level_imports(tree)
        for node in ast.walk(tree):
            if at_import_only and node not in eager:
                continue
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
    declared = set(_declared()) | set(_declared(EXTRA))
    undeclared = {name: sorted(files) for name, files in imported.items() if name not in declared}
    assert not undeclared, f"imported, not declared in [project] dependencies: {undeclared}"
    assert declared >= NOT_IMPORTED, "an exception no longer declared: drop it from NOT_IMPORTED"
    assert not NOT_IMPORTED & imported.keys(), "an exception now imported: drop it from NOT_IMPORTED"
    unused = declared - imported.keys() - NOT_IMPORTED
    assert not unused, f"declared, never imported by publisher/: {sorted(unused)}"


def test_the_extra_is_imported_only_when_asked_for_and_tested():
    distributions = metadata.packages_distributions()
    optional = set(_declared(EXTRA)) - set(_declared())
    eager = {canonicalize_name(distribution): sorted(files) for module, files in _imported_modules(at_import_only=True).items()
             for distribution in distributions.get(module, ())}
    assert not {name: eager[name] for name in optional if name in eager}, "the extra imported as publisher is imported"
    test_extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]["test"]
    assert f"publisher[{EXTRA}]" in test_extra, "the test extra installs the optional one, so that its tests run"


def test_every_declaration_has_a_floor():
    for name, requirement in (_declared() | _declared(EXTRA)).items():
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
        for name, requirement in (_declared() | _declared(EXTRA)).items()
    }
    assert pins == floors
