#!/usr/bin/env bash
# A longer property-based run than the test suite's: random Vietnamese-heavy articles
# through every format, EPUBCheck and --verify on each. Prints pytest's summary and time.
set -euo pipefail
cd "$(dirname "$0")/.."
examples="${1:-40}"
start=$(date +%s)
PUBLISHER_PROPERTY_EXAMPLES="$examples" python3 -m pytest -q -p no:cacheprovider tests/test_properties.py
echo "examples: $examples, seconds: $(( $(date +%s) - start ))"
