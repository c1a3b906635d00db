#!/usr/bin/env bash
# Writes docs/rules/FAMILY/NAME.md, one page per built-in rule: what `wenlint explain ID`
# prints. The language server links each finding to its rule's page; tests/it/readme.rs
# checks that the pages are current.
#
#   scripts/rule-docs.sh [WENLINT]    # WENLINT defaults to target/release/wenlint
set -euo pipefail
cd "$(dirname "$0")/.."
wenlint=${1:-target/release/wenlint}
nowhere=$(mktemp -d)
trap 'rm -rf "$nowhere"' EXIT
wenlint=$(realpath "$wenlint")
rm -rf docs/rules
for id in $(cd "$nowhere" && "$wenlint" rules --format json | python3 -c 'import json,sys; print("\n".join(r["id"] for r in json.load(sys.stdin)))'); do
  mkdir -p "docs/rules/$(dirname "$id")"
  {
    printf '# %s\n\n```text\n' "$id"
    (cd "$nowhere" && "$wenlint" explain "$id")
    printf '```\n'
  } >"docs/rules/$id.md"
done
echo "wrote $(find docs/rules -name '*.md' | wc -l) pages under docs/rules/"
