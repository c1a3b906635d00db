#!/usr/bin/env bash
# Whether two wenlint binaries report the same findings: the JSON report of each over the
# seed draft, clean/, templates/ and docx/ of ../shared/corpus, compared byte for byte. A
# change that should not change what is reported (a refactor, a speed-up) is checked this way.
#
#   scripts/same-findings.sh OLD [NEW]    # NEW defaults to target/release/wenlint
#
# Exit 0 when every report is identical, 1 when one differs (the first lines of each
# difference are printed), 2 when a binary or the corpus is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

old=${1:-}
new=${2:-$PWD/target/release/wenlint}
corpus=$PWD/../shared/corpus
if [ -z "$old" ]; then
  echo "usage: scripts/same-findings.sh OLD_BINARY [NEW_BINARY]" >&2
  exit 2
fi
for binary in "$old" "$new"; do
  if [ ! -x "$binary" ]; then
    echo "not an executable: $binary" >&2
    exit 2
  fi
done
if [ ! -d "$corpus" ]; then
  echo "no corpus at $corpus" >&2
  exit 2
fi
old=$(cd "$(dirname "$old")" && pwd)/$(basename "$old")
new=$(cd "$(dirname "$new")" && pwd)/$(basename "$new")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Each report is made from inside the corpus, so the paths it names are the same for both.
# Exit code 1 (findings) is expected; 2 (an error) is compared like the rest of the output.
report() {
  local binary=$1 name=$2 target=$3 status=0
  (cd "$corpus" && "$binary" check --format json "$target" > "$work/$name.json" 2> "$work/$name.err") || status=$?
  echo "exit $status" >> "$work/$name.err"
  if ! python3 -m json.tool "$work/$name.json" > /dev/null 2>&1; then
    echo "$binary gave no JSON report for $target:" >&2
    cat "$work/$name.err" >&2
    exit 2
  fi
}

differs=0
for target in seed clean templates docx; do
  if [ ! -e "$corpus/$target" ]; then
    echo "skip $target: not in the corpus"
    continue
  fi
  report "$old" "old-$target" "$target"
  report "$new" "new-$target" "$target"
  if cmp -s "$work/old-$target.json" "$work/new-$target.json" &&
    cmp -s "$work/old-$target.err" "$work/new-$target.err"; then
    echo "same     $target ($(wc -c < "$work/new-$target.json") bytes of JSON)"
  else
    echo "DIFFERS  $target"
    diff <(python3 -m json.tool --no-ensure-ascii "$work/old-$target.json") \
      <(python3 -m json.tool --no-ensure-ascii "$work/new-$target.json") | head -40 || true
    diff "$work/old-$target.err" "$work/new-$target.err" | head -10 || true
    differs=1
  fi
done
exit "$differs"
