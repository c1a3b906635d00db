"""The Python package against the command line's contract: same reports, same errors, and
no input that can take the interpreter down."""

from __future__ import annotations

import io
import json
import os
import pickle
import random
import subprocess
import threading
import time
import zipfile
from pathlib import Path

import pytest

import wenlint

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEED = "../shared/corpus/seed/000_b33b4ccf6b47c0c8.txt"
SHARED_DOCX = "../shared/corpus/docx/notice.docx"

PLACEHOLDER = "定于X月X日召开会议，请XX同志参加。\n"


def cli_binary() -> Path:
    """The release binary the reports are compared with: `WENLINT_BIN`, or the one
    `cargo build --release` leaves in the repository's target folder."""
    given = os.environ.get("WENLINT_BIN")
    binary = Path(given) if given else REPO / "target" / "release" / "wenlint"
    if not binary.is_file():
        pytest.skip(
            f"no wenlint binary at {binary}: run `cargo build --release` at the repository's "
            "root, or set WENLINT_BIN, to compare with the command line"
        )
    return binary


def repo_file(relative: str) -> Path:
    """A file named relative to the repository's root; skips when it is in ../shared and
    that folder is not beside the clone."""
    path = REPO / relative
    if not path.is_file():
        pytest.skip(f"{relative} is absent (../shared is not beside this clone)")
    return path


def cli_report(*args: str, cwd: Path = REPO) -> dict:
    """What `wenlint check --format json ARGS` prints, run in `cwd`."""
    run = subprocess.run(
        [str(cli_binary()), "check", "--format", "json", *args],
        cwd=cwd,
        capture_output=True,
        timeout=120,
    )
    assert run.returncode in (0, 1), run.stderr.decode("utf-8", "replace")
    return json.loads(run.stdout)


def cli_cross_file(directory: Path, documents: list) -> list:
    """The `duplicate/cross-file` findings of `check --cross-file` on `documents`, written
    into `directory` and given in their order."""
    for name, text in documents:
        (directory / name).write_text(text, encoding="utf-8")
    names = [name for name, _ in documents]
    report = cli_report("--cross-file", *names, cwd=directory)
    return [d for d in report["diagnostics"] if d["rule"] == "duplicate/cross-file"]


def assert_report_or_error(linter: wenlint.Linter, data: bytes, name: str) -> None:
    """Hostile bytes give a report or a `WenlintError` that names the file; nothing else."""
    try:
        report = linter.check_bytes(data, name)
    except wenlint.WenlintError as error:
        assert str(error).startswith(f"{name}: "), str(error)
        assert len(str(error)) > len(name) + 2
    else:
        assert report["version"] == 1
        assert report["summary"]["files"] == 1


def test_a_placeholder_is_one_error():
    summary = wenlint.Linter().check("XX同志")["summary"]
    assert summary == {"files": 1, "errors": 1, "warnings": 0, "infos": 0}


def test_the_report_is_the_json_contract():
    report = wenlint.Linter().check(PLACEHOLDER, name="通知.txt")
    assert report["version"] == 1
    assert report["failures"] == []
    first = report["diagnostics"][0]
    assert first["path"] == "通知.txt"
    assert first["rule"] == "placeholder/marker"
    assert first["span"]["start"] == {"line": 1, "column": 3}


@pytest.mark.parametrize(
    "relative",
    ["fixtures/speech-draft.txt", "fixtures/docx/draft.docx", SEED, SHARED_DOCX],
)
def test_the_same_report_as_the_command_line(relative):
    data = repo_file(relative).read_bytes()
    expected = cli_report(relative)
    report = wenlint.Linter(path=REPO).check_bytes(data, name=relative)
    assert report == expected
    assert report["diagnostics"], "the comparison should cover findings"


def test_markdown_is_told_by_the_name():
    text = "# 标题\n\n```\nXX\n```\n\n正文XX。\n"
    linter = wenlint.Linter()
    as_markdown = linter.check(text, name="a.md")["diagnostics"]
    as_text = linter.check(text, name="a.txt")["diagnostics"]
    assert len(as_markdown) < len(as_text)


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("gbk"),
        lambda text: text.encode("gb18030"),
        lambda text: "\ufeff".encode("utf-16-le") + text.encode("utf-16-le"),
        lambda text: "\ufeff".encode("utf-16-be") + text.encode("utf-16-be"),
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    ],
    ids=["gbk", "gb18030", "utf-16-le", "utf-16-be", "utf-8-bom"],
)
def test_encodings_decode_to_the_same_report(encode):
    text = "关于召开全市安全生产工作会议的通知\n" + PLACEHOLDER * 3
    linter = wenlint.Linter()
    expected = linter.check(text, name="通知.txt")
    assert linter.check_bytes(encode(text), name="通知.txt") == expected


def test_bytes_like_objects_are_accepted_and_others_refused():
    linter = wenlint.Linter()
    data = PLACEHOLDER.encode("utf-8")
    expected = linter.check_bytes(data, "a.txt")
    assert linter.check_bytes(bytearray(data), "a.txt") == expected
    assert linter.check_bytes(memoryview(data), "a.txt") == expected
    with pytest.raises(TypeError):
        linter.check_bytes(5, "a.txt")
    with pytest.raises(TypeError):
        linter.check_bytes(PLACEHOLDER, "a.txt")


def test_a_docx_named_as_any_word_file_is_read():
    data = (REPO / "fixtures" / "docx" / "draft.docx").read_bytes()
    linter = wenlint.Linter()
    expected = linter.check_bytes(data, name="草稿.docx")
    assert expected["summary"]["errors"] > 0
    report = linter.check_bytes(data, name="草稿.wps")
    assert report["diagnostics"] == [
        dict(d, path="草稿.wps") for d in expected["diagnostics"]
    ]
    with pytest.raises(wenlint.WenlintError, match="^草稿.txt: "):
        linter.check_bytes(data, name="草稿.txt")


def zip_bomb() -> bytes:
    """A `.docx` whose document part inflates to 64 MiB of zeros from a few dozen KiB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", b"\0" * (64 << 20))
    return out.getvalue()


def hostile_inputs() -> list:
    rng = random.Random(0)
    docx = (REPO / "fixtures" / "docx" / "draft.docx").read_bytes()
    inputs = [
        ("empty.txt", b""),
        ("nul.txt", b"\0" * 4096),
        ("truncated.docx", docx[: len(docx) // 2]),
        ("pk-header.docx", b"PK\x03\x04" + b"\0" * 64),
        ("pk-only.txt", b"PK\x03\x04"),
        ("cfb-header.doc", bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600),
        ("bom-only.txt", b"\xff\xfe"),
        ("odd-utf16.txt", b"\xff\xfe" + "讲话".encode("utf-16-le") + b"\x00"),
        ("bad-utf8.txt", b"\xc3\x28\xa0\xa1\xe2\x82" * 100),
        ("bomb.docx", zip_bomb()),
    ]
    for i in range(60):
        size = rng.choice([1, 7, 64, 513, 4096, 70000])
        inputs.append((f"random-{i}.bin", bytes(rng.getrandbits(8) for _ in range(size))))
    for i in range(20):
        # Random bytes behind a zip or an OLE header reach the Word readers.
        magic = rng.choice([b"PK\x03\x04", bytes.fromhex("d0cf11e0a1b11ae1")])
        body = bytes(rng.getrandbits(8) for _ in range(rng.choice([16, 600, 5000])))
        inputs.append((f"magic-{i}.docx", magic + body))
    return inputs


@pytest.mark.parametrize("name,data", hostile_inputs(), ids=lambda v: v if isinstance(v, str) else "")
def test_hostile_bytes_give_a_report_or_an_error(name, data):
    assert_report_or_error(wenlint.Linter(), data, name)


def test_binary_and_bombs_are_errors_naming_the_file():
    linter = wenlint.Linter()
    for name, data in [("nul.bin", b"\0" * 4096), ("bomb.docx", zip_bomb())]:
        with pytest.raises(wenlint.WenlintError, match=f"^{name}: "):
            linter.check_bytes(data, name)


def test_a_wrong_config_names_its_line():
    with pytest.raises(wenlint.WenlintError) as raised:
        wenlint.Linter(config="[rules]\nplaceholder = 3")
    assert isinstance(raised.value, ValueError)
    message = str(raised.value)
    assert "wenlint.toml:2:" in message, message


def test_a_wrong_config_file_names_the_file_and_line(tmp_path):
    config = tmp_path / "wenlint.toml"
    config.write_text('[rules]\n"placeholder/marker" = "loud"\n', encoding="utf-8")
    for path in (config, tmp_path):
        with pytest.raises(wenlint.WenlintError, match=r"wenlint\.toml:2: "):
            wenlint.Linter(path=path)


def test_a_missing_config_file_is_an_error(tmp_path):
    missing = tmp_path / "missing.toml"
    with pytest.raises(wenlint.WenlintError, match="missing.toml"):
        wenlint.Linter(path=missing)


def test_config_text_and_a_project_directory(tmp_path):
    (tmp_path / "wenlint.toml").write_text('[rules]\nplaceholder = "off"\n', encoding="utf-8")
    assert wenlint.Linter(path=tmp_path).check(PLACEHOLDER)["diagnostics"] == []
    as_text = wenlint.Linter(config='[rules]\nplaceholder = "off"\n')
    assert as_text.check(PLACEHOLDER)["diagnostics"] == []
    assert wenlint.Linter().check(PLACEHOLDER)["diagnostics"] != []


def test_config_text_with_a_config_file_is_refused(tmp_path):
    config = tmp_path / "wenlint.toml"
    config.write_text("", encoding="utf-8")
    with pytest.raises(wenlint.WenlintError, match="not both"):
        wenlint.Linter(config="", path=config)


def test_a_linter_pickles_as_its_configuration(tmp_path):
    linter = wenlint.Linter(config='[rules]\nplaceholder = "off"\n', path=tmp_path)
    copy = pickle.loads(pickle.dumps(linter))
    assert copy.check(PLACEHOLDER) == linter.check(PLACEHOLDER)


def test_rules_lists_every_built_in_rule():
    rules = wenlint.rules()
    ids = [rule["id"] for rule in rules]
    assert "placeholder/marker" in ids
    assert "duplicate/cross-file" in ids
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    for rule in rules:
        assert set(rule) == {"id", "severity", "summary", "doc"}
        assert rule["severity"] in ("error", "warning", "info")
        assert rule["summary"] and rule["doc"]


def test_the_version_is_the_package_version():
    assert wenlint.__version__.count(".") == 2


def test_check_never_reports_text_shared_with_earlier_documents():
    linter = wenlint.Linter(config="cross_file = true\n")
    paragraph = "全面加强安全生产工作，坚决遏制重特大事故发生，切实保障人民群众生命财产安全。\n"
    first = linter.check(paragraph, name="a.txt")
    second = linter.check(paragraph, name="b.txt")
    assert second == dict(first, diagnostics=[dict(d, path="b.txt") for d in first["diagnostics"]])
    assert all(d["rule"] != "duplicate/cross-file" for d in second["diagnostics"])


def large_text() -> str:
    """A long document with few findings, so that the time goes to linting: long enough that
    a check takes well over a tenth of a second on a slow runner, while linting gets faster."""
    clean = (REPO / "fixtures" / "clean-speech.txt").read_text(encoding="utf-8")
    return clean * 12000


def test_checks_release_the_gil():
    # Duplicates are off: the text repeats itself, and its findings would only make the
    # report (built with the GIL held) large.
    linter = wenlint.Linter(config='[rules]\nduplicate = "off"\n')
    text = large_text()
    windows, reports = [], []

    def work():
        start = time.monotonic()
        reports.append(linter.check(text, name="large.txt"))
        windows.append((start, time.monotonic()))

    done = threading.Event()
    ticks = []

    def tick():
        # A third Python thread: it can only run while no thread holds the GIL in Rust.
        last = 0.0
        while not done.is_set():
            now = time.monotonic()
            if now - last >= 0.001:
                ticks.append(now)
                last = now

    ticker = threading.Thread(target=tick)
    workers = [threading.Thread(target=work) for _ in range(2)]
    ticker.start()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    done.set()
    ticker.join()

    assert len(reports) == 2 and reports[0] == reports[1]
    assert reports[0]["summary"]["files"] == 1

    # Holding the GIL, a check would let the ticker run only around its ends; the middle
    # third of a check, at least a tenth of a second long, would have no tick.
    def ticked_inside(start, end):
        third = (end - start) / 3
        return any(start + third < t < end - third for t in ticks)

    long_enough = [(s, e) for s, e in windows if e - s >= 0.1]
    assert long_enough, f"the checks were too quick to tell: {windows}"
    assert any(ticked_inside(s, e) for s, e in long_enough), (windows, len(ticks))


# Text shared between documents, found as a distributed run finds it: each document's
# fingerprints (the map), grouped by kind and key, each group reduced by `shared`.

PARAGRAPH = "各地要坚持问题导向，聚焦群众反映强烈的突出问题，逐项研究解决办法，确保取得实效。"
SENTENCE = "全市上下要以更加务实的作风推进各项工作落地见效。"
DOCUMENTS = [
    ("a.txt", f"去年的工作报告。\n{PARAGRAPH}\n{SENTENCE}今年还要继续努力。\n"),
    ("b.txt", f"今年的讲话稿开头。\n{PARAGRAPH}\n"),
    ("c.txt", f"另一份材料。\n{SENTENCE}下一步继续推进。\n"),
]


def occurrences(prints: dict, order: int, kind: str) -> list:
    """The units of one kind of a document, as `shared` takes them."""
    extra = {"path": prints["path"], "order": order, "severity": prints["severity"]}
    return [dict(unit, **extra) for unit in prints["units"] if unit["kind"] == kind]


def reduce_by_key(units: list) -> list:
    groups = {}
    for unit in units:
        groups.setdefault(unit["key"], []).append(unit)
    findings = []
    for group in groups.values():
        findings.extend(wenlint.shared(group))
    return findings


def cross_file(linter: wenlint.Linter, documents: list) -> list:
    """What `check --cross-file` reports for `documents` in this order: paragraphs first; a
    sentence inside a paragraph that an earlier document has is not compared at all."""
    prints = [linter.fingerprints(text, name) for name, text in documents]
    taking = [(order, p) for order, p in enumerate(prints) if p["severity"] is not None]
    paragraphs = [u for order, p in taking for u in occurrences(p, order, "paragraph")]
    findings = reduce_by_key(paragraphs)
    # A paragraph an earlier document has (reported or silenced) hides its sentences.
    first_order = {}
    for unit in paragraphs:
        first_order[unit["key"]] = min(first_order.get(unit["key"], unit["order"]), unit["order"])
    sentences = []
    for order, p in taking:
        for unit in occurrences(p, order, "sentence"):
            holder = unit["paragraph"]
            if holder is not None and first_order[p["units"][holder]["key"]] != order:
                continue
            sentences.append(unit)
    return findings + reduce_by_key(sentences)


def by_place(findings: list) -> list:
    return sorted(findings, key=lambda f: (f["path"], f["span"]["byte_start"], f["message"]))


def test_fingerprints_of_text_and_bytes():
    linter = wenlint.Linter()
    name, text = DOCUMENTS[0]
    prints = linter.fingerprints(text, name)
    assert prints == linter.fingerprints(text.encode("gbk"), name)
    assert prints["path"] == name and prints["severity"] == "warning"
    kinds = [unit["kind"] for unit in prints["units"]]
    assert kinds == sorted(kinds), "paragraphs come before sentences"
    for unit in prints["units"]:
        assert len(unit["key"]) == 16 and int(unit["key"], 16) >= 0
        assert unit["silenced"] is False
        holder = unit["paragraph"]
        if holder is not None:
            assert prints["units"][holder]["kind"] == "paragraph"
            assert text.encode()[unit["span"]["byte_start"] : unit["span"]["byte_end"]].decode()


def test_fingerprints_are_empty_when_the_rule_is_off():
    linter = wenlint.Linter(config='[rules]\n"duplicate/cross-file" = "off"\n')
    assert linter.fingerprints(DOCUMENTS[0][1], "a.txt") == {
        "path": "a.txt",
        "severity": None,
        "units": [],
    }


def test_fingerprints_of_unreadable_bytes_are_an_error():
    with pytest.raises(wenlint.WenlintError, match="^x.bin: "):
        wenlint.Linter().fingerprints(b"\0" * 100, "x.bin")


def test_a_shared_paragraph_points_into_the_first_document():
    findings = cross_file(wenlint.Linter(), DOCUMENTS[:2])
    assert len(findings) == 1
    finding = findings[0]
    assert finding["path"] == "b.txt"
    assert finding["rule"] == "duplicate/cross-file"
    assert finding["span"]["start"]["line"] == 2
    (related,) = finding["related"]
    assert related["path"] == "a.txt"
    assert related["span"]["start"]["line"] == 2


def test_shared_takes_the_first_in_the_run_order():
    linter = wenlint.Linter()
    prints = [linter.fingerprints(text, name) for name, text in DOCUMENTS[:2]]
    units = [u for order, p in enumerate(prints) for u in occurrences(p, order, "paragraph")]
    # Given in any order, the document first in the run is where the text was first seen.
    findings = wenlint.shared(list(reversed(units)))
    assert [(f["path"], f["related"][0]["path"]) for f in findings] == [("b.txt", "a.txt")]
    assert wenlint.shared(units[:1]) == []
    with pytest.raises(wenlint.WenlintError):
        wenlint.shared([{"path": "a.txt"}])


def test_the_reduce_finds_what_check_cross_file_reports(tmp_path):
    expected = cli_cross_file(tmp_path, DOCUMENTS)
    # The paragraph in b.txt, the sentence in c.txt; not the paragraph's sentence in b.txt.
    assert len(expected) == 2, expected
    found = cross_file(wenlint.Linter(path=tmp_path), DOCUMENTS)
    assert by_place(found) == by_place(expected)


def test_a_silenced_unit_is_compared_but_not_reported(tmp_path):
    silenced = "<!-- wenlint-disable-next-line duplicate/cross-file -->\n"
    documents = [
        DOCUMENTS[0],
        ("b.md", f"# 讲话\n\n{silenced}{PARAGRAPH}\n"),
        ("c.md", f"# 材料\n\n{PARAGRAPH}\n"),
    ]
    linter = wenlint.Linter(path=tmp_path)
    prints = linter.fingerprints(documents[1][1], "b.md")
    assert [u["silenced"] for u in prints["units"] if u["kind"] == "paragraph"] == [True]
    found = cross_file(linter, documents)
    assert [(f["path"], f["related"][0]["path"]) for f in found] == [("c.md", "a.txt")]
    assert by_place(found) == by_place(cli_cross_file(tmp_path, documents))


def test_files_lists_what_check_lints_in_its_order(tmp_path):
    tree = tmp_path / "drafts"
    (tree / "a").mkdir(parents=True)
    (tree / ".hidden").mkdir()
    for name in ["a.txt", "a/b.md", "b.txt", "image.png", ".hidden/c.txt", "skip/d.txt"]:
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text("加强组织领导。\n", encoding="utf-8")
    (tree / "wenlint.toml").write_text('exclude = ["skip/**"]\n', encoding="utf-8")
    files, errors = wenlint.Linter(path=tmp_path).files([tree, tmp_path / "missing.txt"])
    # Within a folder by name, files and folders alike: `a/` before `a.txt`.
    assert [Path(f).relative_to(tree).as_posix() for f in files] == ["a/b.md", "a.txt", "b.txt"]
    assert len(errors) == 1 and "missing.txt" in errors[0]


def test_check_file_uses_the_config_of_its_folder_and_the_given_name(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "wenlint.toml").write_text('[rules]\nplaceholder = "off"\n', encoding="utf-8")
    for folder in [tmp_path, tmp_path / "sub"]:
        (folder / "draft.txt").write_text(PLACEHOLDER, encoding="utf-8")
    linter = wenlint.Linter(path=tmp_path)
    top = linter.check_file(tmp_path / "draft.txt", name="draft.txt")
    assert top["summary"]["errors"] == 2
    assert {d["path"] for d in top["diagnostics"]} == {"draft.txt"}
    assert linter.check_file(tmp_path / "sub" / "draft.txt")["summary"]["errors"] == 0
    prints = linter.fingerprints_file(tmp_path / "sub" / "draft.txt", name="sub/draft.txt")
    assert prints["path"] == "sub/draft.txt"
    with pytest.raises(wenlint.WenlintError, match="nothing.txt"):
        linter.check_file(tmp_path / "nothing.txt")


def test_one_read_gives_the_report_and_the_fingerprints_of_two(tmp_path):
    path = repo_file("fixtures/speech-draft.txt")
    linter = wenlint.Linter(path=REPO)
    report, prints = linter.check_and_fingerprints_file(path, name="fixtures/speech-draft.txt")
    assert report == linter.check_file(path, name="fixtures/speech-draft.txt")
    assert prints == linter.fingerprints_file(path, name="fixtures/speech-draft.txt")
    assert report["diagnostics"] and prints["units"]
    with pytest.raises(wenlint.WenlintError, match="nothing.txt"):
        linter.check_and_fingerprints_file(tmp_path / "nothing.txt")


def test_check_file_gives_the_report_of_check(tmp_path):
    path = repo_file("fixtures/speech-draft.txt")
    expected = cli_report("fixtures/speech-draft.txt")
    assert wenlint.Linter(path=REPO).check_file(path, name="fixtures/speech-draft.txt") == expected
