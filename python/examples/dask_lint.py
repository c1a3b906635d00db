"""Lint a directory tree on a Dask cluster and find the text its files share.

    python dask_lint.py PATH... [--workers N] [--out DIR] [--scheduler ADDRESS]

Each document is linted on a worker (the map); the paragraphs and sentences shared between
documents are found by grouping their fingerprints by key (the shuffle) and reducing each
group (see ``wenlint.scale``). The findings are those of ``wenlint check --cross-file PATH...``
run on one machine. They are written as JSON Lines (one diagnostic of the JSON contract a line)
to ``DIR/documents-*.jsonl`` (each document's own findings) and ``DIR/cross-file-*.jsonl``;
files that could not be read go to ``DIR/failures-*.jsonl``.

Without ``--scheduler`` a ``LocalCluster`` of ``--workers`` processes (one thread each) runs
the job; with it, an existing cluster does, and the paths must be readable by its workers.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from typing import Any, Dict, List, Optional

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
from dask.distributed import Client, LocalCluster

from wenlint import scale, shared


def cross_file_findings(occurrences: dd.DataFrame) -> db.Bag:
    """The `duplicate/cross-file` findings among the occurrences (one row each, the fields of
    `scale.Occurrence`) of every document: paragraphs first; sentences inside a paragraph
    that an earlier document also has are left out; then sentences."""
    paragraphs = occurrences[occurrences.kind == "paragraph"]
    paragraph_findings, repeated = shared_texts(paragraphs)
    sentences = occurrences[occurrences.kind == "sentence"]
    repeated = repeated.rename(columns={"index": "paragraph"}).assign(repeated=True)
    marked = sentences.merge(repeated, on=["order", "paragraph"], how="left")
    compared = marked[marked.repeated.isna()].drop(columns="repeated")
    sentence_findings, _ = shared_texts(compared)
    return db.concat([paragraph_findings, sentence_findings])


def shared_texts(units: dd.DataFrame):
    """The findings among occurrences of one kind, and `(order, index)` of each occurrence
    that a document earlier in the order also has. The occurrences are shuffled by key, so
    that each text's are in one partition, and each partition is reduced on its own."""
    shuffled = units.shuffle("key").persist()
    findings = shuffled.map_partitions(findings_in, meta={"finding": object})
    later = shuffled.map_partitions(later_in, meta={"order": "int64", "index": "int64"})
    return findings.to_bag(format="tuple").pluck(0), later


def later_in(units: pd.DataFrame) -> pd.DataFrame:
    """The occurrences of a partition whose text a document earlier in the order has."""
    first_order = units.groupby("key")["order"].transform("min")
    return units.loc[units.order != first_order, ["order", "index"]]


def findings_in(units: pd.DataFrame) -> pd.DataFrame:
    """The findings of a partition, which holds every occurrence of its texts: those of the
    texts in two documents or more, reduced together (most texts are in one only)."""
    by_key = units.groupby("key")["order"]
    in_two = units[by_key.transform("min") != by_key.transform("max")][FIELDS]
    found = shared([scale.Occurrence(*row).as_json() for row in in_two.itertuples(index=False)])
    return pd.DataFrame({"finding": pd.Series(found, dtype=object)})


FIELDS = list(scale.Occurrence._fields)


def occurrence_frame(records: db.Bag) -> dd.DataFrame:
    """The occurrences of every record as a data frame."""
    meta = pd.DataFrame(
        {
            name: pd.Series(dtype=dtype)
            for name, dtype in zip(FIELDS, ["object", "object", "int64", "int64", "int64", "object", "bool", "object"] + ["int64"] * 6)
        }
    )
    return records.pluck("occurrences").flatten().to_dataframe(meta=meta)


def run(
    paths: List[str],
    out: str,
    client: Client,
    config: Optional[str] = None,
    partitions: Optional[int] = None,
) -> Dict[str, Any]:
    """Lints ``paths`` on ``client``'s cluster, writes the findings under ``out`` and returns
    counts and the time taken."""
    started = time.perf_counter()
    files, errors = scale.documents(paths, config)
    workers = max(1, len(client.scheduler_info()["workers"]))
    npartitions = partitions or max(1, min(len(files), workers * 4))
    items = db.from_sequence(scale.work_items(files), npartitions=npartitions)
    records = items.map_partitions(
        lambda part: list(scale.lint_partition(part, config))
    ).persist()
    own = records.pluck("diagnostics").flatten()
    failures = records.filter(lambda r: r["failure"] is not None).map(
        lambda r: {"path": r["path"], "message": r["failure"]}
    )
    shared_text = cross_file_findings(occurrence_frame(records))
    os.makedirs(out, exist_ok=True)
    for name, bag in (("documents", own), ("cross-file", shared_text), ("failures", failures)):
        for old in os.listdir(out):
            if old.startswith(name + "-") and old.endswith(".jsonl"):
                os.remove(os.path.join(out, old))
        bag.map(lambda d: json.dumps(d, ensure_ascii=False)).to_textfiles(
            os.path.join(out, name + "-*.jsonl")
        )
    counts = {
        "files": len(files),
        "listing_errors": errors,
        "findings": sum(1 for _ in read_jsonl(out, "documents")),
        "cross_file": sum(1 for _ in read_jsonl(out, "cross-file")),
        "failures": sum(1 for _ in read_jsonl(out, "failures")),
        "workers": workers,
        "seconds": round(time.perf_counter() - started, 2),
    }
    return counts


def read_jsonl(out: str, name: str):
    """The objects of the JSON Lines files ``out/name-*.jsonl``."""
    for part in sorted(os.listdir(out)):
        if part.startswith(name + "-") and part.endswith(".jsonl"):
            with open(os.path.join(out, part), encoding="utf-8") as lines:
                for line in lines:
                    if line.strip():
                        yield json.loads(line)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="files and directories, as for wenlint check")
    parser.add_argument("--workers", type=int, default=2, help="local worker processes")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler")
    parser.add_argument("--out", default="wenlint-findings", help="directory for the JSON Lines")
    parser.add_argument("--config", help="a wenlint.toml for every file")
    args = parser.parse_args(argv)
    config = None
    if args.config:
        with open(args.config, encoding="utf-8") as text:
            config = text.read()
    if args.scheduler:
        with Client(args.scheduler) as client:
            counts = run(args.paths, args.out, client, config)
    else:
        with LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster, Client(cluster) as client:
            counts = run(args.paths, args.out, client, config)
    for error in counts["listing_errors"]:
        print(error, file=sys.stderr)
    print(json.dumps(counts, ensure_ascii=False))
    return 2 if counts["failures"] or counts["listing_errors"] else (1 if counts["findings"] or counts["cross_file"] else 0)


if __name__ == "__main__":
    sys.exit(main())
