"""The version of the installed package, as ``publisher --version`` prints it."""

from __future__ import annotations


def package_version() -> str:
    """From the package's metadata (what pip installed); the source's own when run from a
    checkout that was never installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("publisher")
    except PackageNotFoundError:
        from publisher import __version__

        return __version__
