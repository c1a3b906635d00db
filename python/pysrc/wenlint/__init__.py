"""wenlint: a linter for Chinese official documents and speeches.

Check a document and get the report ``wenlint check --format json`` prints for it::

    >>> import wenlint
    >>> report = wenlint.Linter().check("XX同志在全市大会上的讲话\\n", name="讲话.txt")
    >>> report["summary"]["errors"], report["diagnostics"][0]["rule"]
    (1, 'placeholder/marker')

Reports are plain dicts of the command line's JSON contract (``"version": 1``), so a report
from Python and one from the command line compare equal. Text shared between documents
(``duplicate/cross-file``) is never reported by :meth:`Linter.check`: a report depends on its
document alone. To find it across many documents, take each one's
:meth:`Linter.fingerprints`, group the units by ``(kind, key)``, and give each group to
:func:`shared`.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from . import _wenlint
from ._wenlint import WenlintError, __version__

__all__ = ["Linter", "WenlintError", "rules", "shared", "__version__"]

Json = Dict[str, Any]
BytesLike = Union[bytes, bytearray, memoryview]


class Linter:
    """Lints documents under one configuration.

    ``config`` is the text of a ``wenlint.toml``. ``path`` is either a config file (like the
    command line's ``--config FILE``) or a directory, the project root (by default the
    current directory), whose config is found as the command line finds a file's: the
    nearest ``wenlint.toml`` or ``.wenlint.toml`` at or above it. A config that is wrong
    raises :class:`WenlintError`, naming the file and line.

    A linter keeps the configs it has read, so reuse one for many documents. It may be shared
    between threads: each check runs without the GIL. It pickles (for process pools and
    distributed engines) as its configuration, with the directory fixed when it was made.
    """

    __slots__ = ("_config", "_path", "_engine")

    def __init__(
        self,
        config: Optional[str] = None,
        path: Union[str, os.PathLike, None] = None,
    ) -> None:
        given = None if path is None else os.fspath(path)
        self._engine = _wenlint.Linter(config, given)
        self._config = config
        # What a copy in another process needs to find the same configs, whatever its
        # working directory.
        self._path = os.path.abspath(os.getcwd() if given is None else given)

    def check(self, text: str, name: str = "a.txt") -> Json:
        """The report of ``text``, named ``name`` in its diagnostics.

        The name decides between Markdown (``.md``) and plain text, and is matched by the
        config's ``[[ignore]]`` entries.
        """
        return json.loads(self._engine.check(text, name))

    def check_bytes(self, data: BytesLike, name: str) -> Json:
        """The report of a document given as bytes: UTF-8, UTF-16 with a byte-order mark,
        GB18030/GBK, or a Word file: a ``.doc`` or ``.wps`` is told by its bytes whatever its
        name, a ``.docx`` (a zip) when the name is a Word file's.

        Bytes that cannot be read (binary data, a broken or oversized Word file) raise
        :class:`WenlintError` with a message that names ``name``.
        """
        return json.loads(self._engine.check_bytes(_as_bytes(data), name))

    def fingerprints(self, document: Union[str, BytesLike], name: str) -> Json:
        """What ``duplicate/cross-file`` compares of one document.

        ``{"path": name, "severity": "warning" or None, "units": [...]}``: each unit is a
        paragraph or sentence with its ``kind``, the ``key`` of its normalised text (16 hex
        digits), its ``span``, the index in ``units`` of the ``paragraph`` that holds a
        sentence, and whether a finding on it would be ``silenced``. ``severity`` is None,
        and ``units`` empty, when the config turns the rule off.
        """
        if isinstance(document, str):
            data = document.encode("utf-8")
        else:
            data = _as_bytes(document)
        return json.loads(self._engine.fingerprints(data, name))

    def check_file(self, path: Union[str, os.PathLike], name: Optional[str] = None) -> Json:
        """The report of the file at ``path``, under the config found by walking up from its
        folder: what ``wenlint check PATH`` reports of it. Its findings name it ``name``, by
        default the path as given (a worker of a distributed run reads a file by its
        absolute path, and names it as the run was given it). A file that cannot be read
        raises :class:`WenlintError`, naming the path."""
        return json.loads(self._engine.check_file(os.fspath(path), name))

    def fingerprints_file(self, path: Union[str, os.PathLike], name: Optional[str] = None) -> Json:
        """:meth:`fingerprints` of the file at ``path``, under the config found from its
        folder, named ``name`` (by default the path as given)."""
        return json.loads(self._engine.fingerprints_file(os.fspath(path), name))

    def check_and_fingerprints_file(
        self, path: Union[str, os.PathLike], name: Optional[str] = None
    ) -> Tuple[Json, Json]:
        """:meth:`check_file` and :meth:`fingerprints_file` of the file at ``path`` from one
        read of it: a map over an archive that needs both reads and decodes each file once."""
        report, prints = self._engine.check_and_fingerprints_file(os.fspath(path), name)
        return json.loads(report), json.loads(prints)

    def files(self, paths: Iterable[Union[str, os.PathLike]]) -> Tuple[List[str], List[str]]:
        """The files ``wenlint check PATHS`` lints, in its order (directories walked in name
        order, hidden and ``.gitignore``d entries skipped, each config's ``include`` and
        ``exclude`` applied), and the messages of what kept others out (a missing path, a
        broken config). A distributed run lists its documents with it, so that it lints the
        same files and, for each shared text, calls the same one first."""
        return self._engine.files([os.fspath(p) for p in paths])

    def __reduce__(self):
        return (Linter, (self._config, self._path))

    def __repr__(self) -> str:
        return f"wenlint.Linter(path={self._path!r})"


def rules() -> List[Json]:
    """Every built-in rule: ``{"id", "severity", "summary", "doc"}``, in id order; the
    severity is the rule's default."""
    return json.loads(_wenlint.rules_json())


def shared(occurrences: Iterable[Json]) -> List[Json]:
    """The ``duplicate/cross-file`` findings of one group of units with the same kind and key.

    Each occurrence is a unit of :meth:`Linter.fingerprints` with three more keys: ``path``
    (its document's name), ``order`` (the document's place in the run: the first one that
    has the text is where the others are said to have it from) and ``severity`` (the
    document's ``severity``). Returns diagnostics of the JSON contract, each with
    ``related`` pointing at the first occurrence.
    """
    text = json.dumps(list(occurrences), ensure_ascii=False)
    return json.loads(_wenlint.shared_json(text))


def _as_bytes(data: BytesLike) -> bytes:
    """``data`` as ``bytes``; anything that is not bytes-like is a ``TypeError``, never
    reinterpreted (``bytes(5)`` would be five zero bytes)."""
    if isinstance(data, bytes):
        return data
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data)
    raise TypeError(f"expected bytes, got {type(data).__name__}")
