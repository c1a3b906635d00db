#!/usr/bin/env bash
# Counts the instructions wenlint executes (valgrind's callgrind, one thread) on three runs
# over ../shared/corpus/clean: the whole folder as it is, its texts concatenated into one
# file, and a one-line draft (start-up). Unlike times on a shared machine, which spread by
# half from run to run, the counts repeat to the instruction: the measure for comparing two
# builds.
#
#   bench/instructions.sh NEW [OLD]     # e.g. target/release/wenlint /tmp/wenlint-before
#
# Prints one row per run: the instructions of NEW, of OLD and their ratio. Needs valgrind
# (apt-get install valgrind); exits 2 when it or the corpus is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

clean=$PWD/../shared/corpus/clean
new=${1:-}
old=${2:-}
die() { echo "bench/instructions.sh: $*" >&2; exit 2; }

[ -n "$new" ] || die "usage: bench/instructions.sh NEW_BINARY [OLD_BINARY]"
[ -d "$clean" ] || die "../shared/corpus/clean not found"
command -v valgrind >/dev/null || die "needs valgrind (apt-get install valgrind)"
for binary in "$new" ${old:+"$old"}; do
  [ -x "$binary" ] || die "not an executable: $binary"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
find "$clean" -name '*.txt' -print0 | sort -z | xargs -0 cat > "$work/concatenated.txt"
echo '（X月X日）请某某同志审阅。' > "$work/one-line.txt"

# instructions BINARY PATH — the instructions of one check, all rules, one thread.
# (A check that finds something exits 1: that is no failure here.)
instructions() {
  local log=$work/callgrind.log
  RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    --log-file="$log" "$1" check --format concise "$2" >/dev/null || true
  awk '/Collected :/ { print $NF }' "$log"
}

printf '%-28s %15s %15s %7s\n' run new old new/old
for run in "clean/ as it is:$clean" "clean/ in one file:$work/concatenated.txt" \
  "one-line draft:$work/one-line.txt"; do
  name=${run%%:*}
  path=${run#*:}
  a=$(instructions "$new" "$path")
  if [ -n "$old" ]; then
    b=$(instructions "$old" "$path")
    ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')
  else
    b=- ratio=-
  fi
  printf '%-28s %15s %15s %7s\n' "$name" "$a" "$b" "$ratio"
done
