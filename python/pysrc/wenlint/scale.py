"""Linting an archive on a distributed engine: the map, and the steps of the reduce.

``wenlint check --cross-file`` keeps one index of the paragraphs and sentences of every file
it reads. An archive of millions of documents does not fit one process, but that index is a
group-by on keys, which Dask, Spark and Ray already do. The functions here are the parts of
such a run that do not depend on the engine; each engine wires them with its own group-by
(see ``examples/dask_lint.py`` and the README's "At scale" section).

1. **List** the documents in the command line's order: :func:`documents` (on the driver).
   The order decides, for each shared text, which document had it first.
2. **Map** each partition of :func:`work_items` with :func:`lint_partition`: one record per
   document, with its report and its fingerprints as :class:`Occurrence` tuples.
3. **Paragraphs:** group the paragraph occurrences by :func:`text_of`, and give each group
   to :func:`findings` and to :func:`repeated_paragraphs` (markers of the paragraphs a
   document earlier in the order also has).
4. **Sentences:** a sentence inside a repeated paragraph is not compared: the paragraph is
   reported, once. Group the sentences and the markers by ``order`` and keep what
   :func:`sentences_left` returns; group those by :func:`text_of` and give each group to
   :func:`findings`.

The findings are those of ``wenlint check --cross-file`` over the same paths.
"""

from __future__ import annotations

import os
from typing import Any, Dict, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple

from . import Linter, WenlintError, shared

__all__ = [
    "Occurrence",
    "documents",
    "findings",
    "lint_partition",
    "repeated_paragraphs",
    "sentences_left",
    "text_of",
    "work_items",
]

Json = Dict[str, Any]


def documents(paths: Sequence[str], config: Optional[str] = None, root: Optional[str] = None) -> Tuple[List[str], List[str]]:
    """The files ``wenlint check PATHS`` lints, in its order, and the errors that kept
    others out (a missing path, a broken config)."""
    return Linter(config, root).files(list(paths))


def work_items(files: Sequence[str]) -> List[Tuple[int, str, str]]:
    """``(order, name, absolute path)`` of each file :func:`documents` listed: workers read
    the file by its absolute path (their working directory is not the driver's) and name it
    as the run was given it."""
    return [(order, name, os.path.abspath(name)) for order, name in enumerate(files)]


def lint_partition(
    items: Iterable[Tuple[int, str, str]],
    config: Optional[str] = None,
    root: Optional[str] = None,
) -> Iterator[Json]:
    """The map: for each ``(order, name, path)`` of :func:`work_items`, a record of the
    document::

        {"order": 3, "path": "a/b.txt",
         "diagnostics": [...],        # its report's, the JSON contract (no cross-file ones)
         "failure": None,             # or the message of why it could not be read
         "occurrences": [...]}        # its fingerprints, as Occurrence tuples

    One linter serves the whole partition, so configs are read once per partition.
    """
    linter = Linter(config, root)
    for order, name, path in items:
        yield _record(linter, order, name, path)


def _record(linter: Linter, order: int, name: str, path: str) -> Json:
    record: Json = {"order": order, "path": name, "diagnostics": [], "failure": None, "occurrences": []}
    try:
        report, prints = linter.check_and_fingerprints_file(path, name)
        record["diagnostics"] = report["diagnostics"]
    except WenlintError as error:
        record["failure"] = str(error)
        return record
    severity = prints["severity"]
    if severity is not None:
        record["occurrences"] = [
            Occurrence.of(unit, index, name, order, severity) for index, unit in enumerate(prints["units"])
        ]
    return record


class Occurrence(NamedTuple):
    """A unit of a document's fingerprints, flat: what the shuffles move, millions of times,
    so a tuple of plain values (one column each in a data frame) rather than the nested dict
    of :meth:`Linter.fingerprints`."""

    kind: str
    key: str
    order: int
    index: int
    paragraph: int
    severity: str
    silenced: bool
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    byte_start: int
    byte_end: int

    # ``index`` is the unit's place among its document's units; ``paragraph``, for a
    # sentence, the index of the paragraph unit that holds it, and -1 when none does.

    @classmethod
    def of(cls, unit: Json, index: int, path: str, order: int, severity: str) -> "Occurrence":
        span = unit["span"]
        return cls(
            kind=unit["kind"],
            key=unit["key"],
            order=order,
            index=index,
            paragraph=-1 if unit["paragraph"] is None else unit["paragraph"],
            severity=severity,
            silenced=unit["silenced"],
            path=path,
            line=span["start"]["line"],
            column=span["start"]["column"],
            end_line=span["end"]["line"],
            end_column=span["end"]["column"],
            byte_start=span["byte_start"],
            byte_end=span["byte_end"],
        )

    def as_json(self) -> Json:
        """The occurrence as :func:`wenlint.shared` takes it."""
        return {
            "kind": self.kind,
            "key": self.key,
            "span": {
                "start": {"line": self.line, "column": self.column},
                "end": {"line": self.end_line, "column": self.end_column},
                "byte_start": self.byte_start,
                "byte_end": self.byte_end,
            },
            "paragraph": None if self.paragraph < 0 else self.paragraph,
            "silenced": bool(self.silenced),
            "path": self.path,
            "order": int(self.order),
            "severity": self.severity,
        }


def text_of(occurrence: Occurrence) -> Tuple[str, str]:
    """What occurrences are grouped by: their kind and the key of their text."""
    return occurrence.kind, occurrence.key


def findings(group: Iterable[Occurrence]) -> List[Json]:
    """The ``duplicate/cross-file`` findings of one group of occurrences of the same text:
    none unless two documents have it (most texts are in one document only)."""
    group = list(group)  # an engine may hand over an iterable (Spark's ResultIterable)
    first = group[0].order
    if all(o.order == first for o in group):
        return []
    return shared([o.as_json() for o in group])


def repeated_paragraphs(group: Iterable[Occurrence]) -> List[Occurrence]:
    """A marker for each paragraph of one group that a document earlier in the order also
    has: the occurrence with kind ``repeated`` and ``paragraph`` set to its index. Sentences
    inside it are not compared (:func:`sentences_left`)."""
    group = list(group)
    first = min(o.order for o in group)
    return [o._replace(kind=REPEATED, paragraph=o.index) for o in group if o.order != first]


def sentences_left(occurrences: Iterable[Occurrence]) -> List[Occurrence]:
    """The sentences of one document that are compared: ``occurrences`` are its sentences
    and the markers :func:`repeated_paragraphs` made for its paragraphs (grouped by
    ``order``); a sentence inside a repeated paragraph is left out."""
    occurrences = list(occurrences)
    repeated = {o.paragraph for o in occurrences if o.kind == REPEATED}
    return [o for o in occurrences if o.kind == "sentence" and o.paragraph not in repeated]


REPEATED = "repeated"
"""The kind of the markers of repeated paragraphs."""
