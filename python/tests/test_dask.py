"""The Dask example finds what ``wenlint check --cross-file`` finds, on a small tree of
drafts and on the clean corpus (``../shared/corpus``, skipped when absent)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

dask = pytest.importorskip("dask", reason="dask is not installed: pip install 'dask[distributed]'")
from dask.distributed import Client, LocalCluster  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(HERE.parent / "examples"))

import dask_lint  # noqa: E402

SHARED = "各地要坚持问题导向，聚焦群众反映强烈的突出问题，逐项研究解决办法，确保取得实效。"
OTHER = "坚持问题导向，聚焦群众反映强烈的突出问题，逐项研究解决办法。"


def cli() -> Path:
    binary = Path(os.environ.get("WENLINT_BIN", REPO / "target" / "release" / "wenlint"))
    if not binary.exists():
        pytest.skip(f"no wenlint binary at {binary}: run cargo build --release or set WENLINT_BIN")
    return binary


def check(cwd: Path, paths: list[str]) -> tuple[list[dict], list[dict]]:
    """The diagnostics and the failures of ``wenlint check --cross-file --format json PATHS``
    run in ``cwd``."""
    done = subprocess.run(
        [str(cli()), "check", "--cross-file", "--format", "json", *paths],
        cwd=cwd,
        capture_output=True,
        check=False,
    )
    report = json.loads(done.stdout)
    assert done.returncode == (2 if report["failures"] else 1), done.stderr.decode()
    return report["diagnostics"], report["failures"]


def ordered(diagnostics) -> list[dict]:
    return sorted(
        diagnostics,
        key=lambda d: (d["path"], d["span"]["byte_start"], d["span"]["byte_end"], d["rule"], d["message"]),
    )


@pytest.fixture(scope="module")
def client():
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, Client(cluster) as client:
        yield client


def run_in(cwd: Path, paths: list[str], out: Path, client) -> tuple[list[dict], list[dict], dict]:
    """The example's findings over ``paths`` (named relative to ``cwd``, as the CLI got them)."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        counts = dask_lint.run(paths, str(out), client)
    finally:
        os.chdir(old)
    own = list(dask_lint.read_jsonl(str(out), "documents"))
    shared = list(dask_lint.read_jsonl(str(out), "cross-file"))
    return own, shared, counts


def test_a_tree_of_drafts_gives_the_findings_of_check_cross_file(tmp_path, client):
    tree = tmp_path / "drafts"
    (tree / "sub").mkdir(parents=True)
    (tree / "off").mkdir()
    files = {
        "a.txt": f"去年的报告。\n{SHARED}\n{OTHER}\n",
        "b.txt": f"今年的讲话稿。\n{SHARED}\n",
        "sub/c.txt": f"第三份材料的开头一句话比较长。{OTHER}最后补充一句。\n",
        "sub.txt": f"{OTHER}\n",
        "d.md": f"# 第四份\n\n<!-- wenlint-disable-next-line duplicate -->\n{SHARED}\n",
        "off/e.txt": f"{SHARED}\n",
        "off/wenlint.toml": '[rules]\n"duplicate/cross-file" = "off"\n',
        "z.txt": f"XX同志：\n{OTHER}\n{SHARED}\n",
    }
    for name, text in files.items():
        (tree / name).write_text(text, encoding="utf-8")
    # Not text: a failure of its own, and the run goes on.
    (tree / "binary.txt").write_bytes(bytes(range(256)) * 8)
    expected, failures = check(tmp_path, ["drafts"])
    own, shared, counts = run_in(tmp_path, ["drafts"], tmp_path / "out", client)
    assert counts["files"] == 8 and counts["failures"] == 1
    (failure,) = dask_lint.read_jsonl(str(tmp_path / "out"), "failures")
    assert [f["path"] for f in failures] == [failure["path"]] == ["drafts/binary.txt"]
    expected_shared = [d for d in expected if d["rule"] == "duplicate/cross-file"]
    assert {d["path"] for d in expected_shared} == {"drafts/b.txt", "drafts/sub/c.txt", "drafts/sub.txt", "drafts/z.txt"}
    assert ordered(shared) == ordered(expected_shared)
    assert ordered(own) == ordered(d for d in expected if d["rule"] != "duplicate/cross-file")


def test_the_clean_corpus_gives_the_findings_of_check_cross_file(tmp_path, client):
    if not CORPUS.is_dir():
        pytest.skip(f"no corpus at {CORPUS}: the corpus comparison needs ../shared/corpus")
    expected, failures = check(CORPUS, ["clean"])
    assert failures == []
    own, shared, counts = run_in(CORPUS, ["clean"], tmp_path / "out", client)
    expected_shared = [d for d in expected if d["rule"] == "duplicate/cross-file"]
    assert len(expected_shared) > 10, "the clean corpus shares text between its files"
    assert ordered(shared) == ordered(expected_shared)
    assert ordered(own) == ordered(d for d in expected if d["rule"] != "duplicate/cross-file")
    assert counts["failures"] == 0
