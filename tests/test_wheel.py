"""An installed wheel (not an editable checkout) finds its layouts and fonts and builds."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import ROOT, SEED

SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
import publisher
from pathlib import Path
from publisher.resources import builtin_layouts_dir, shipped_fonts_dir
assert publisher.__file__.startswith(sys.argv[1]), publisher.__file__
assert str(builtin_layouts_dir()).startswith(sys.argv[1]) and str(shipped_fonts_dir()).startswith(sys.argv[1])
results = publisher.build([Path(sys.argv[2])], Path(sys.argv[3]), publisher.BuildOptions())
print(sorted(f.format for r in results for f in r.files))
"""


def test_wheel_install_builds_the_seed(tmp_path, seed_build):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(wheels.glob("publisher-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "publisher/_data/layouts/bulletin/layout.toml" in names
    assert "publisher/_data/fonts/NotoSerif-Regular.ttf" in names
    assert "publisher/_data/fonts/OFL.txt" in names
    assert "publisher/profiles/common-vi.toml" in names

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(target), str(SEED), str(tmp_path / "out")],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['epub', 'html', 'pdf']"
    # the same bytes as a build from the source tree: nothing depends on where publisher lives
    for fmt, built_here in seed_build.items():
        assert (tmp_path / "out" / built_here.name).read_bytes() == built_here.read_bytes(), fmt
