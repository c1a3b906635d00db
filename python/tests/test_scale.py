"""The engine-independent steps of ``wenlint.scale``, wired with plain Python group-bys (as
PySpark's ``groupBy`` or Ray Data's ``groupby`` wire them), find what ``wenlint check
--cross-file`` finds."""

from __future__ import annotations

import json
import os
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from wenlint import scale

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CORPUS = REPO.parent / "shared" / "corpus"

SHARED = "各地要坚持问题导向，聚焦群众反映强烈的突出问题，逐项研究解决办法，确保取得实效。"
OTHER = "坚持问题导向，聚焦群众反映强烈的突出问题，逐项研究解决办法。"


def group_by(items, key):
    groups = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return list(groups.values())


def run(paths):
    """Lists, maps and reduces in this process; returns (own findings, cross-file ones)."""
    files, errors = scale.documents(paths)
    assert errors == []
    items = scale.work_items(files)
    # Two partitions, as an engine would cut them.
    records = [r for part in (items[::2], items[1::2]) for r in scale.lint_partition(part)]
    own = [d for r in records for d in r["diagnostics"]]
    occurrences = [o for r in records for o in r["occurrences"]]
    paragraphs = group_by((o for o in occurrences if o.kind == "paragraph"), scale.text_of)
    found = [f for g in paragraphs for f in scale.findings(g)]
    markers = [m for g in paragraphs for m in scale.repeated_paragraphs(g)]
    sentences = [o for o in occurrences if o.kind == "sentence"]
    by_document = group_by(sentences + markers, lambda o: o.order)
    left = [o for g in by_document for o in scale.sentences_left(g)]
    found += [f for g in group_by(left, scale.text_of) for f in scale.findings(g)]
    return own, found


def cli():
    binary = Path(os.environ.get("WENLINT_BIN", REPO / "target" / "release" / "wenlint"))
    if not binary.exists():
        pytest.skip(f"no wenlint binary at {binary}: run cargo build --release or set WENLINT_BIN")
    return binary


def check(cwd, paths):
    done = subprocess.run(
        [str(cli()), "check", "--cross-file", "--format", "json", *paths], cwd=cwd, capture_output=True
    )
    assert done.returncode in (0, 1), done.stderr.decode()
    return json.loads(done.stdout)["diagnostics"]


def ordered(diagnostics):
    return sorted(diagnostics, key=lambda d: (d["path"], d["span"]["byte_start"], d["rule"], d["message"]))


def compare(cwd, paths, monkeypatch):
    expected = check(cwd, paths)
    monkeypatch.chdir(cwd)
    own, found = run(paths)
    shared = [d for d in expected if d["rule"] == "duplicate/cross-file"]
    assert ordered(found) == ordered(shared)
    assert ordered(own) == ordered(d for d in expected if d["rule"] != "duplicate/cross-file")
    return shared


def test_group_by_steps_on_a_tree_of_drafts(tmp_path, monkeypatch):
    tree = tmp_path / "drafts"
    (tree / "sub").mkdir(parents=True)
    files = {
        "a.txt": f"去年的报告。\n{SHARED}\n{OTHER}\n",
        "b.txt": f"今年的讲话稿。\n{SHARED}\n",
        "sub/c.txt": f"第三份材料的开头一句话比较长。{OTHER}最后补充一句。\n",
        "z.txt": f"{OTHER}\n{SHARED}\n",
    }
    for name, text in files.items():
        (tree / name).write_text(text, encoding="utf-8")
    shared = compare(tmp_path, ["drafts"], monkeypatch)
    assert sorted(d["path"] for d in shared) == ["drafts/b.txt", "drafts/sub/c.txt", "drafts/z.txt", "drafts/z.txt"]


def test_group_by_steps_on_the_clean_corpus(monkeypatch):
    if not CORPUS.is_dir():
        pytest.skip(f"no corpus at {CORPUS}: the corpus comparison needs ../shared/corpus")
    assert len(compare(CORPUS, ["clean"], monkeypatch)) > 10
