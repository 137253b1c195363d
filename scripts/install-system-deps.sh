#!/usr/bin/env bash
# Debian packages the tests use: poppler-utils (pdftotext, pdffonts, pdftoppm to read PDFs
# back), HarfBuzz's subsetter (WeasyPrint subsets fonts faster with it), the Noto CJK
# collections (fonts-noto-cjk: Chinese, Japanese and Korean, too large to ship in fonts/;
# the layouts take them from the system's font folders) and the Noto faces of the scripts
# of India, Sri Lanka, Myanmar, the Caucasus and Ethiopia (fonts-noto-core: Devanagari,
# Bengali, Tamil...; the layouts take those from the system too). Java 17 (for EPUBCheck) and
# Pango (for WeasyPrint) are expected on the machine already.
# For the benchmark's browser copies (benchmarks/browser_copies.py): Chromium, w3m, and
# Mozilla's Readability.js from npm (pinned in benchmarks/package.json).
# For tests/test_ace.py: Ace by DAISY, the EPUB accessibility checker (@daisy/ace-cli, pinned
# in tests/ace/package.json), run with the same Chromium: puppeteer downloads no browser.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

packages=()
command -v pdftotext >/dev/null 2>&1 || packages+=(poppler-utils)
[ -f /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc ] && [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc ] \
  || packages+=(fonts-noto-cjk)
[ -f /usr/share/fonts/truetype/noto/NotoSerifDevanagari-Regular.ttf ] || packages+=(fonts-noto-core)
ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || packages+=(libharfbuzz-subset0)
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || packages+=(libpango-1.0-0 libpangoft2-1.0-0)
[ -f /usr/share/color/icc/ghostscript/default_cmyk.icc ] || packages+=(libgs-common)  # PDF/X-4's CMYK output intent
# A JDK, not a bare runtime: the tests run EPUBCheck from one Java source file of theirs (tests/epubcheck).
command -v javac >/dev/null 2>&1 || packages+=(default-jdk-headless)
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v w3m >/dev/null 2>&1 || packages+=(w3m)
command -v npm >/dev/null 2>&1 || packages+=(npm)

if [ ${#packages[@]} -eq 0 ]; then
  echo "system packages: all present"
else
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  echo "installing: ${packages[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
fi

if [ ! -f "$root/benchmarks/node_modules/@mozilla/readability/Readability.js" ]; then
  echo "installing: @mozilla/readability (npm, into benchmarks/node_modules)"
  npm ci --prefix "$root/benchmarks" --silent --no-audit --no-fund >/dev/null
fi

if [ ! -f "$root/tests/ace/node_modules/@daisy/ace-cli/bin/ace.js" ]; then
  echo "installing: @daisy/ace-cli (npm, into tests/ace/node_modules)"
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix "$root/tests/ace" --silent --no-audit --no-fund >/dev/null
fi
