#!/usr/bin/env bash
# Times whole runs of the release binary over a corpus built from ../shared/corpus/clean by
# repetition: one 2 MB file, one 20 MB file (to see how time grows with size) and 2,000
# files, with all rules and with the duplicate family alone. Prints seconds, MB/s and peak
# memory (GNU time's maximum resident set size).
#
#   bench/corpus.sh            # builds target/release/wenlint first
#   WORK=/tmp/wl-bench bench/corpus.sh
set -euo pipefail
cd "$(dirname "$0")/.."
clean=../shared/corpus/clean
[ -d "$clean" ] || { echo "bench/corpus.sh: $clean not found" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "bench/corpus.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }
cargo build --release --quiet
bin=$PWD/target/release/wenlint
work=${WORK:-$(mktemp -d)}
mkdir -p "$work/files"

# The clean texts concatenated, repeated to the wanted size, cut at a character boundary.
python3 - "$clean" "$work" <<'PY'
import pathlib, sys
clean, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
text = "".join(p.read_text(encoding="utf-8") for p in sorted(clean.rglob("*.txt")))
def sized(mb):
    n = mb * 2**20
    data = (text * (n // len(text.encode()) + 1)).encode()[:n]
    return data.decode("utf-8", "ignore")
for mb in (2, 20):
    (work / f"doc-{mb}mb.txt").write_text(sized(mb), encoding="utf-8")
paragraphs = [p for p in text.split("\n") if p.strip()]
for i in range(2000):
    chunk = "\n".join(paragraphs[(i * 7) % len(paragraphs):][:20])
    (work / "files" / f"draft-{i:04}.txt").write_text(chunk + "\n", encoding="utf-8")
PY

cat > "$work/duplicate-only.toml" <<'TOML'
[rules]
placeholder = "off"
numbering = "off"
place = "off"
term = "off"
pinyin = "off"
TOML

run() { # label, config args…, path
  local label=$1; shift
  local path=${@: -1}
  local bytes
  bytes=$(du -sb "$path" | cut -f1)
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" check --format concise "$@" >/dev/null || true
  read -r seconds kb < <(tail -n 1 "$work/time")
  python3 -c "import sys; s,kb,b=float(sys.argv[1]),int(sys.argv[2]),int(sys.argv[3]); \
print(f'{sys.argv[4]:<34} {b/2**20:7.1f} MB {s:7.2f} s {b/2**20/max(s,1e-3):8.1f} MB/s {kb/1024:7.0f} MB peak')" \
    "$seconds" "$kb" "$bytes" "$label"
}

echo "wenlint $("$bin" --version | cut -d' ' -f2), $(nproc) cores"
run "all rules, one 2 MB file" "$work/doc-2mb.txt"
run "all rules, one 20 MB file" "$work/doc-20mb.txt"
run "all rules, 2,000 files" "$work/files"
run "duplicate only, one 2 MB file" --config "$work/duplicate-only.toml" "$work/doc-2mb.txt"
run "duplicate only, one 20 MB file" --config "$work/duplicate-only.toml" "$work/doc-20mb.txt"
run "duplicate only, 2,000 files" --config "$work/duplicate-only.toml" "$work/files"
run "cross-file index, 2,000 files" --cross-file --config "$work/duplicate-only.toml" "$work/files"
