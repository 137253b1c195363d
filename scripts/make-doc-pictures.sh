#!/usr/bin/env bash
# Renders the pictures in docs/ (at 60 dpi, to stay small): the seed's first two pages,
# the first pages of the example weekly bulletin (tests/fixtures/weekly) in each built-in
# layout, and the first sheet of its booklet (A5 pages two-up on A4, bleed and crop marks).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 -m publisher build seeds -o "$out/seed" --format pdf --no-cache >/dev/null 2>&1
pdftoppm -r 60 -png -f 1 -l 2 "$out"/seed/*.pdf docs/bulletin-seed-page
for layout in bulletin book article; do
  python3 -m publisher build tests/fixtures/weekly -o "$out/$layout" --layout "$layout" --format pdf --no-cache >/dev/null 2>&1
  rm -f docs/layout-"$layout"-*.png
  case "$layout" in
    book) pages="1 3 7 8" ;;
    *) pages="1 2 3" ;;
  esac
  for page in $pages; do
    pdftoppm -r 60 -png -singlefile -f "$page" -l "$page" "$out/$layout"/*.pdf "docs/layout-$layout-$page"
  done
done
python3 -m publisher build tests/fixtures/weekly -o "$out/booklet" --format pdf --impose booklet --bleed 3mm --marks crop \
  --no-cache >/dev/null 2>&1
pdftoppm -r 60 -png -singlefile -f 1 -l 1 "$out"/booklet/*.booklet.pdf docs/booklet-sheet-1
ls docs/*.png
