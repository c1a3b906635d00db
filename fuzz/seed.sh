#!/usr/bin/env bash
# Seeds the fuzz corpus from the repository's fixtures. The first byte of an input chooses how
# the rest is read: 0 as a Word file, 1 as Markdown, 2 as plain text.
#   fuzz/seed.sh && cargo fuzz run pipeline -- -max_total_time=1800
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/corpus/pipeline
mkdir -p "$out"
i=0
for f in fixtures/*.txt fixtures/*/*.txt; do
  i=$((i + 1)); { printf '\x02'; cat "$f"; } > "$out/text-$i"
done
for f in fixtures/*/*.md; do
  i=$((i + 1)); { printf '\x01'; cat "$f"; } > "$out/markdown-$i"
done
for f in fixtures/*/*.docx; do
  i=$((i + 1)); { printf '\x00'; cat "$f"; } > "$out/docx-$i"
done
echo "seeded $i inputs in $out"
