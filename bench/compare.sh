#!/usr/bin/env bash
# Times wenlint against its peers on one corpus built from ../shared/corpus/clean by
# repetition (one 20 MB file and 2,000 files, as bench/corpus.sh builds them):
#
#   rg           ripgrep looking for placeholders with one regex: the floor, what reading the
#                text and matching one pattern costs, with no parsing and no rules;
#   wenlint      check --format concise, all default rules;
#   autocorrect  AutoCorrect (npm package autocorrect-node) in lint mode, the CJK copywriting
#                linter people already run in CI; once with its default diff output (the mode
#                that sets the exit code) and once with --format json (the cheapest output).
#
# Prints, for each tool and corpus, the median of 3 runs: seconds, MB/s, peak resident memory
# (RSS) and the time as a multiple of rg's, and for wenlint a second row on one thread
# (RAYON_NUM_THREADS=1: the throughput of one core); then the start-up time on a one-line draft, median of 20 runs,
# which is what a pre-commit hook pays on every commit.
#
#   bench/compare.sh                               # builds target/release/wenlint first
#   WORK=/tmp/wl-compare bench/compare.sh          # keep the corpus there (else a temp dir, removed)
#   WENLINT=/path/to/wenlint bench/compare.sh      # time that binary as it is, no build
#   AUTOCORRECT=/path/to/node_modules/.bin/autocorrect bench/compare.sh
#
# Installing the peers: `apt-get install ripgrep`; `npm install autocorrect-node` in a folder
# of your choice (or in "$WORK/node", where this script looks by itself).
set -euo pipefail
cd "$(dirname "$0")/.."

clean=$PWD/../shared/corpus/clean
runs=3                 # each row is the median of this many runs
startup_runs=20        # start-up times are a few ms, so more runs to steady the median
limit=600              # seconds after which a run of autocorrect is abandoned
pattern='[XＸ×]{2,}|X月X日|某某'
wenlint_failed=

die() { echo "bench/compare.sh: $*" >&2; exit 2; }
note() { echo "bench/compare.sh: $*" >&2; }

check_prerequisites() {
  [ -d "$clean" ] || die "../shared/corpus/clean not found (the corpus is built from it)"
  [ -x /usr/bin/time ] || die "needs GNU time at /usr/bin/time (apt-get install time)"
  command -v python3 >/dev/null || die "needs python3 to build the corpus"
  command -v timeout >/dev/null || die "needs timeout (coreutils)"
}

# The wenlint to time: $WENLINT as it is, or a fresh release build of this checkout.
find_wenlint() {
  if [ -n "${WENLINT:-}" ]; then
    [ -x "$WENLINT" ] || die "WENLINT=$WENLINT is not an executable file"
    wenlint=$(realpath -s "$WENLINT")
  else
    cargo build --release --quiet
    wenlint=$PWD/target/release/wenlint
  fi
}

# rg from PATH; empty when it is not installed (its rows then say so).
find_rg() { rg=$(command -v rg || true); }

# autocorrect from $AUTOCORRECT, "$work/node" or PATH; empty when none is found.
find_autocorrect() {
  if [ -n "${AUTOCORRECT:-}" ]; then
    [ -x "$AUTOCORRECT" ] || die "AUTOCORRECT=$AUTOCORRECT is not an executable file"
    autocorrect=$(realpath -s "$AUTOCORRECT")
  elif [ -x "$work/node/node_modules/.bin/autocorrect" ]; then
    autocorrect=$work/node/node_modules/.bin/autocorrect
  else
    autocorrect=$(command -v autocorrect || true)
  fi
  [ -n "$autocorrect" ] || note "autocorrect not found; to time it:" \
    "(mkdir -p /tmp/ac && cd /tmp/ac && npm install autocorrect-node)," \
    "then AUTOCORRECT=/tmp/ac/node_modules/.bin/autocorrect bench/compare.sh"
}

# The clean texts concatenated, repeated to 20 MB and cut at a character boundary; and 2,000
# drafts of 20 paragraphs each (the same snippet as bench/corpus.sh, so the numbers compare).
build_corpus() {
  mkdir -p "$work/files"
  python3 - "$clean" "$work" <<'PY'
import pathlib, sys
clean, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
text = "".join(p.read_text(encoding="utf-8") for p in sorted(clean.rglob("*.txt")))
n = 20 * 2**20
data = (text * (n // len(text.encode()) + 1)).encode()[:n]
(work / "doc-20mb.txt").write_text(data.decode("utf-8", "ignore"), encoding="utf-8")
paragraphs = [p for p in text.split("\n") if p.strip()]
for i in range(2000):
    chunk = "\n".join(paragraphs[(i * 7) % len(paragraphs):][:20])
    (work / "files" / f"draft-{i:04}.txt").write_text(chunk + "\n", encoding="utf-8")
PY
  printf '（X月X日）请某某同志审阅。\n' >"$work/one-line.txt"
}

# Bytes of text in a file or a folder (the files' sizes, not the folder's blocks).
text_bytes() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }'; }

now() { echo "${EPOCHREALTIME/,/.}"; }   # microsecond clock; a comma in some locales

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
  END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure "OK EXIT CODES" CMD… — runs CMD $runs times with its output discarded. Sets
# $seconds and $peak_kb (medians), or $failure. Wall time comes from bash's clock around the
# run: GNU time's %e has 10 ms steps, too coarse for rg, which reads 20 MB in about that.
# Peak memory is GNU time's %M (maximum resident set size, KB; through `timeout`, the largest
# of the processes it waited for, so node's own).
measure() {
  local ok=$1 i rc start end times=() kbs=()
  shift
  failure=
  for ((i = 0; i < runs; i++)); do
    rc=0
    start=$(now)
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || rc=$?
    end=$(now)
    if [[ " $ok " != *" $rc "* ]]; then
      failure=$(describe_failure "$rc")
      return 0
    fi
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")
    kbs+=("$(tail -n 1 "$work/time" | cut -d' ' -f2)")
  done
  seconds=$(median "${times[@]}")
  peak_kb=$(median "${kbs[@]}")
}

describe_failure() {
  case $1 in
    124) echo "timed out (over $limit s)" ;;
    *) echo "failed: exit $1: $(grep -v '^Command exited' "$work/stderr" | head -n 1 | cut -c1-60)" ;;
  esac
}

# row TOOL CORPUS BYTES [RG_SECONDS] — one line of the table from the last measure.
row() {
  local mb
  mb=$(awk -v b="$3" 'BEGIN { printf "%.1f", b / 2^20 }')
  if [ -n "$failure" ]; then
    printf '%-34s %-15s %7s  %s\n' "$1" "$2" "$mb" "$failure"
    return
  fi
  awk -v tool="$1" -v corpus="$2" -v mb="$mb" -v s="$seconds" -v kb="$peak_kb" -v rg="${4:-}" \
    'BEGIN { ratio = (rg == "") ? "-" : sprintf(s / rg < 10 ? "%.1f" : "%.0f", s / rg)
             printf "%-34s %-15s %7.1f %8.3f %9.1f %8.0f %6s\n",
                    tool, corpus, mb, s, mb / s, kb / 1024, ratio }'
}

missing() { printf '%-34s %-15s %7s  %s\n' "$1" "$2" "" "$3"; }

# All three tools (four rows) on one corpus: rg first, since the others are given as
# multiples of its time.
compare_on() { # corpus label, path
  local label=$1 path=$2 bytes rg_seconds=
  bytes=$(text_bytes "$path")
  if [ -n "$rg" ]; then
    measure "0 1" "$rg" --no-config --count-matches "$pattern" "$path"   # 1: no match
    row "rg --count-matches" "$label" "$bytes"
    [ -n "$failure" ] || rg_seconds=$seconds
  else
    missing "rg" "$label" "rg: not installed (apt-get install ripgrep)"
  fi
  measure "0 1" "$wenlint" check --format concise "$path"               # 1: findings
  row "wenlint check --format concise" "$label" "$bytes" "$rg_seconds"
  [ -z "$failure" ] || wenlint_failed=1
  measure "0 1" env RAYON_NUM_THREADS=1 "$wenlint" check --format concise "$path"
  row "  the same on one thread" "$label" "$bytes" "$rg_seconds"
  [ -z "$failure" ] || wenlint_failed=1
  if [ -n "$autocorrect" ]; then
    # Its diff output exits 1 on findings; its JSON output exits 0 whatever it finds.
    measure "0 1" timeout "$limit" "$autocorrect" --lint "$path"
    row "autocorrect --lint" "$label" "$bytes" "$rg_seconds"
    measure "0 1" timeout "$limit" "$autocorrect" --lint --format json "$path"
    row "autocorrect --lint --format json" "$label" "$bytes" "$rg_seconds"
  else
    missing "autocorrect" "$label" \
      "not installed (npm install autocorrect-node, then AUTOCORRECT=…/node_modules/.bin/autocorrect)"
  fi
}

# startup TOOL CMD… — median wall time of $startup_runs runs on the one-line draft, in ms;
# without GNU time in between, whose own fork would be a fair part of a few ms.
startup() {
  local tool=$1 i rc start end times=()
  shift
  for ((i = 0; i < startup_runs; i++)); do
    rc=0
    start=$(now)
    "$@" >/dev/null 2>&1 || rc=$?
    end=$(now)
    ((rc <= 1)) || { printf '%-34s failed: exit %s\n' "$tool" "$rc"; return 0; }
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { print (b - a) * 1000 }')")
  done
  printf '%-34s %6.1f ms\n' "$tool" "$(median "${times[@]}")"
}

# Percent of all cores busy over one second, from /proc/stat. With 2 cores, another build or
# test run halves the parallel rows, so the header says how quiet the machine was.
busy_percent() {
  local a b
  a=$(awk '/^cpu / { print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6 }' /proc/stat)
  sleep 1
  b=$(awk '/^cpu / { print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6 }' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ")
    printf "%.0f", 100 - 100 * (y[2] - x[2]) / (y[1] - x[1]) }'
}

versions() {
  echo "wenlint:     $("$wenlint" --version)"
  echo "rg:          $([ -n "$rg" ] && "$rg" --version | head -n 1 || echo 'not installed')"
  if [ -n "$autocorrect" ]; then
    echo "autocorrect: $("$autocorrect" --version) ($autocorrect, node $(node --version))"
  else
    echo "autocorrect: not installed"
  fi
  echo "machine:     $(nproc) cores, $(busy_percent)% busy before the run; each tool uses all cores"
}

main() {
  check_prerequisites
  find_wenlint
  if [ -n "${WORK:-}" ]; then
    work=$(realpath -m "$WORK")
    mkdir -p "$work"
  else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
  fi
  find_rg
  find_autocorrect
  note "building the corpus in $work"
  build_corpus
  # From the work folder, so that no tool picks up a config file of this repository.
  cd "$work"

  versions
  echo
  printf '%-34s %-15s %7s %8s %9s %8s %6s\n' tool corpus "size MB" seconds "MB/s" "RSS MB" "×rg"
  compare_on "one 20 MB file" doc-20mb.txt
  compare_on "2,000 files" files

  echo
  echo "start-up on a one-line draft (median of $startup_runs runs):"
  startup "wenlint check --format concise" "$wenlint" check --format concise one-line.txt
  [ -z "$rg" ] || startup "rg --count-matches" "$rg" --no-config --count-matches "$pattern" one-line.txt
  [ -z "$autocorrect" ] || startup "autocorrect --lint" "$autocorrect" --lint one-line.txt

  # A peer that is missing or times out is reported in its row; wenlint failing is an error.
  [ -z "$wenlint_failed" ] || die "wenlint failed (see its rows above)"
}

main "$@"
