#!/usr/bin/env python3
"""Latency of `wenlint lsp` after an edit: opens a 2 MB draft, then sends N one-character
edits (incremental changes), each after a pause of --pause-ms (a writer between words), and
times each from the didChange to the publishDiagnostics of that version; then a burst of
keystrokes 10 ms apart, timed from the last. Prints min/median/max, with the server's
debounce (debounceMs) set to 0 and to its default (50 ms).

    bench/lsp-latency.py [--wenlint target/release/wenlint] [--edits 20] [--size-mb 2]

The draft is the clean texts of ../shared/corpus/clean concatenated and cut at the size (the
fixtures repeated without the corpus).
"""
import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "clean"


def draft(size):
    pieces = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    if not pieces:
        print("# ../shared/corpus is absent: the fixtures stand in for the draft")
        pieces = [(ROOT / "fixtures" / "clean-speech.txt").read_text(encoding="utf-8")]
    text, n = "", 0
    while len(text.encode("utf-8")) < size:
        text += pieces[n % len(pieces)] + "\n"
        n += 1
    return text.encode("utf-8")[:size].decode("utf-8", errors="ignore")


class Server:
    def __init__(self, wenlint, debounce):
        self.process = subprocess.Popen(
            [wenlint, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.next_id = 0
        options = {} if debounce is None else {"debounceMs": debounce}
        self.request("initialize", {"capabilities": {}, "initializationOptions": options})
        self.notify("initialized", {})

    def send(self, message):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                sys.exit("wenlint lsp stopped")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")

    def published(self, version):
        """Waits for the diagnostics of `version`; returns how many there are."""
        while True:
            message = self.receive()
            params = message.get("params", {})
            if message.get("method") == "textDocument/publishDiagnostics" and params.get("version") == version:
                return len(params["diagnostics"])

    def stop(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=10)


def edit(server, uri, version, line):
    """Types one character at the start of `line`."""
    change = {"range": {"start": {"line": line, "character": 0},
                        "end": {"line": line, "character": 0}}, "text": "X"}
    server.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})


def run(wenlint, text, edits, debounce, pause):
    server = Server(wenlint, debounce)
    uri = "file:///tmp/wenlint-latency/draft.txt"
    started = time.perf_counter()
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
    found = server.published(1)
    opened = time.perf_counter() - started
    lines = text.count("\n")
    times = []
    version = 1
    for n in range(edits):
        time.sleep(pause / 1000)
        version += 1
        started = time.perf_counter()
        edit(server, uri, version, (n * 7919) % max(lines, 1))
        server.published(version)
        times.append((time.perf_counter() - started) * 1000)
    time.sleep(pause / 1000)
    for n in range(10):
        version += 1
        started = time.perf_counter()
        edit(server, uri, version, 1)
        time.sleep(0.01)
    server.published(version)
    burst = (time.perf_counter() - started) * 1000
    server.stop()
    return opened * 1000, found, times, burst


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wenlint", default=str(ROOT / "target" / "release" / "wenlint"))
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--size-mb", type=float, default=2.0)
    parser.add_argument("--pause-ms", type=float, default=300)
    args = parser.parse_args()
    text = draft(int(args.size_mb * 1024 * 1024))
    print(f"draft: {len(text.encode('utf-8')) / 1024 / 1024:.1f} MB, {text.count(chr(10))} lines")
    print("| debounceMs | open | after an edit: min | median | max | after a burst | findings |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for debounce in (0, None):
        opened, found, times, burst = run(args.wenlint, text, args.edits, debounce, args.pause_ms)
        label = "0" if debounce == 0 else "default (50)"
        print(f"| {label} | {opened:.0f} ms | {min(times):.0f} ms | "
              f"{statistics.median(times):.0f} ms | {max(times):.0f} ms | {burst:.0f} ms | {found} |")


if __name__ == "__main__":
    main()
