#!/usr/bin/env bash
# Seeds the fuzz corpora from the repository's fixtures. For `pipeline`, the first byte of an
# input chooses how the rest is read: 0 as a Word file, 1 as Markdown, 2 as plain text. For
# `doc`, the seeds are the Word 97-2003 fixtures, behind a 0 (taken as they are).
#   fuzz/seed.sh && cargo fuzz run pipeline -- -max_total_time=1800
#   fuzz/seed.sh && cargo fuzz run doc -- -max_total_time=600
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
out=fuzz/corpus/doc
mkdir -p "$out"
i=0
for f in fixtures/doc/*.doc; do
  i=$((i + 1)); { printf '\x00'; cat "$f"; } > "$out/doc-$i"
done
echo "seeded $i inputs in $out"
