#!/usr/bin/env python3
"""Writes fixtures/docx/draft.docx and the text wenlint must read from it.

The draft is fixtures/speech-draft.txt as Word would hold it: one Word paragraph per line
(empty lines too), then a table of two cells with placeholders, then a paragraph with a tab
and two line breaks, and a page header with text. draft.expected.txt is what
`wenlint::read::docx::text_of` must return for it (plus a final newline): the body's
paragraphs one per line (a tab stays a tab, a line break becomes a space, or nothing
between two Chinese characters), each table cell on its own line, then the header's
paragraph. It is written here from the same strings, not
from the .docx, so that the test checks the reader against what the document was made of.

The archive is rewritten with fixed timestamps and fixed document properties, so that running
the script again gives the same bytes.

Written with python-docx 1.2.0 (lxml 6.1.3).
Usage: pip install python-docx==1.2.0 && python3 scripts/make_docx.py
"""
import datetime
import io
import pathlib
import zipfile

import docx

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = ROOT / "fixtures" / "speech-draft.txt"
OUT = ROOT / "fixtures" / "docx"

CELLS = ["联系人：XX", "联系电话：XXXXXXXX"]
# Text before a tab, then between the tab and a line break, then between that break and
# another, then after it.
CLOSING = ("抄送：XX局", "XX委", "（共X份）", "Draft v2")
HEADER = "XX市应急管理局文件"
FIXED_TIME = datetime.datetime(2024, 1, 1, 0, 0, 0)


def build(lines):
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    for cell, text in zip(table.rows[0].cells, CELLS):
        cell.text = text
    run = document.add_paragraph().add_run(CLOSING[0])
    run.add_tab()
    run.add_text(CLOSING[1])
    run.add_break()
    run.add_text(CLOSING[2])
    run.add_break()
    run.add_text(CLOSING[3])
    document.sections[0].header.paragraphs[0].text = HEADER
    properties = document.core_properties
    properties.author = "wenlint"
    properties.last_modified_by = "wenlint"
    properties.created = properties.modified = FIXED_TIME
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_fixed_timestamps(data):
    """The same archive, every entry dated FIXED_TIME, so that the bytes do not change."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info))
    return out.getvalue()


def expected(lines):
    # A line break joins two Chinese characters directly and anything else with a space.
    closing = f"{CLOSING[0]}\t{CLOSING[1]}{CLOSING[2]} {CLOSING[3]}"
    return "\n".join([*lines, *CELLS, closing, HEADER]) + "\n"


def main():
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "draft.docx").write_bytes(with_fixed_timestamps(build(lines)))
    (OUT / "draft.expected.txt").write_text(expected(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
