"""CI runs what the README tells a developer to run."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_quick_start_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", quick_start, re.S)
    ci_commands = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
                   if line and not line.startswith(("#", "set ", "cd "))]
    assert ci_commands == [commands[1]]
    assert "ruff check" in commands[1] and "mypy" in commands[1] and "pytest" in commands[1]


def test_the_floors_step_runs_the_lowest_versions_check():
    assert "scripts/check-lowest-versions.sh" in (ROOT / ".ci" / "floors").read_text(encoding="utf-8")
