"""Font files a layout may take from the system (the large CJK collections), by file name.

The folders are searched in a fixed order and each in name order, so the same machine
always gives the same file; a font that is not there is simply unavailable (its
characters are then reported as missing, never drawn from some other font).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

# Extra folders to search first, separated like PATH.
FONT_PATH_VARIABLE = "PUBLISHER_FONT_PATH"


def system_font_dirs() -> tuple[Path, ...]:
    """Where fonts are installed, most particular first: $PUBLISHER_FONT_PATH, the
    user's folders, then the system's (Debian's fonts-noto-cjk: /usr/share/fonts)."""
    extra = [Path(part) for part in os.environ.get(FONT_PATH_VARIABLE, "").split(os.pathsep) if part]
    home = Path.home()
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    folders = [*extra, data_home / "fonts", home / ".fonts", Path("/usr/local/share/fonts"), Path("/usr/share/fonts")]
    if sys.platform == "darwin":
        folders += [home / "Library" / "Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    elif sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = os.environ.get("LOCALAPPDATA")
        folders += ([Path(local) / "Microsoft" / "Windows" / "Fonts"] if local else []) + [windows / "Fonts"]
    return tuple(folders)


def find_system_fonts(names: Iterable[str], folders: Iterable[Path] | None = None) -> dict[str, Path]:
    """The first file called each of ``names`` under ``folders`` (searched in order, each
    folder's tree in name order); names not found are left out."""
    wanted = set(names)
    found: dict[str, Path] = {}
    for folder in system_font_dirs() if folders is None else folders:
        if not wanted - found.keys():
            break
        for current, subfolders, files in os.walk(folder):
            subfolders.sort()
            for name in sorted(wanted.intersection(files) - found.keys()):
                found[name] = Path(current) / name
    return found
