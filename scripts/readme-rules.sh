#!/usr/bin/env bash
# Regenerates the table of rules in README.md from the rules themselves: the block between the
# two `rules table` comments is replaced by `wenlint rules --format markdown`, run where no
# config applies so that it shows the default severities. tests/it/readme.rs checks that the
# README holds what this writes.
#
#   scripts/readme-rules.sh [WENLINT]    # WENLINT defaults to target/release/wenlint
set -euo pipefail
cd "$(dirname "$0")/.."
wenlint=$(realpath "${1:-target/release/wenlint}")
table=$(cd "$(mktemp -d)" && "$wenlint" rules --format markdown)
TABLE="$table" python3 - <<'PY'
import os, re
start, end = "<!-- rules table: scripts/readme-rules.sh writes it -->", "<!-- end of rules table -->"
readme = open("README.md", encoding="utf-8").read()
before, rest = readme.split(start, 1)
_, after = rest.split(end, 1)
open("README.md", "w", encoding="utf-8").write(before + start + "\n" + os.environ["TABLE"] + "\n" + end + after)
PY
