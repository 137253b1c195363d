#!/usr/bin/env bash
# Renders the pictures in docs/: the seed's first two pages, and the first pages of the
# example weekly bulletin (tests/fixtures/weekly) in each built-in layout.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
python3 -m publisher build seeds -o "$out/seed" --format pdf >/dev/null
pdftoppm -r 60 -png -f 1 -l 2 "$out"/seed/*.pdf docs/bulletin-seed-page
for layout in bulletin book article; do
  python3 -m publisher build tests/fixtures/weekly -o "$out/$layout" --layout "$layout" --format pdf >/dev/null 2>&1
  rm -f docs/layout-"$layout"-*.png
  case "$layout" in
    book) pages="1 3 7 8" ;;
    *) pages="1 2 3" ;;
  esac
  for page in $pages; do
    pdftoppm -r 45 -png -singlefile -f "$page" -l "$page" "$out/$layout"/*.pdf "docs/layout-$layout-$page"
  done
done
rm -rf "$out"
ls docs/*.png
