#!/usr/bin/env python3
"""Load on `wenlint serve`: N requests to /api/check, C at a time, alternating the seed draft
and a 2 MB draft, against a server started here on 127.0.0.1. Prints the latency percentiles
of each kind and the server's peak resident memory (VmHWM); exits 1 when a request fails or
the peak passes --max-rss-mb.

    bench/serve-load.py [--wenlint target/release/wenlint] [--requests 200] [--concurrency 8]

The 2 MB draft is the clean texts of ../shared/corpus/clean, concatenated and cut at 2 MB
(distinct text, as a long report is); the seed is ../shared/corpus/seed's draft. Without the
corpus, the fixtures stand in for both (and the script says so).
"""
import argparse
import concurrent.futures
import http.client
import pathlib
import statistics
import subprocess
import sys
import time
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def drafts(big_bytes):
    """(name, bytes) of the seed and of the big draft."""
    seeds = sorted((CORPUS / "seed").glob("*.txt"))
    cleans = sorted((CORPUS / "clean").glob("*.txt"))
    if seeds and cleans:
        seed = seeds[0].read_bytes()
        pieces = [p.read_text(encoding="utf-8") for p in cleans]
    else:
        print("# ../shared/corpus is absent: the fixtures stand in for the seed and the 2 MB draft")
        seed = (ROOT / "fixtures" / "speech-draft.txt").read_bytes()
        pieces = [(ROOT / "fixtures" / "clean-speech.txt").read_text(encoding="utf-8")]
    text, n = "", 0
    while len(text.encode("utf-8")) < big_bytes:
        text += pieces[n % len(pieces)] + "\n"
        n += 1
    big = text.encode("utf-8")[:big_bytes].decode("utf-8", errors="ignore").encode("utf-8")
    return [("seed.txt", seed), ("big.txt", big)]


def start(wenlint):
    server = subprocess.Popen(
        [wenlint, "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = server.stdout.readline().strip()
    if not url.startswith("http://"):
        server.kill()
        sys.exit(f"wenlint serve did not start: {url!r} {server.stderr.read()}")
    return server, urllib.parse.urlsplit(url)


def check(address, name, body):
    """One POST /api/check; returns (name, seconds, status, bytes of the answer)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=300)
    try:
        connection.request(
            "POST",
            "/api/check?name=" + urllib.parse.quote(name),
            body=body,
            headers={"Content-Type": "text/plain"},
        )
        response = connection.getresponse()
        answer = response.read()
        return name, time.perf_counter() - started, response.status, len(answer)
    except OSError as error:
        return name, time.perf_counter() - started, f"error: {error}", 0
    finally:
        connection.close()


def peak_rss_mb(pid):
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wenlint", default=str(ROOT / "target" / "release" / "wenlint"))
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--big-mb", type=float, default=2.0)
    parser.add_argument("--max-rss-mb", type=float, default=None)
    args = parser.parse_args()

    kinds = drafts(int(args.big_mb * 1024 * 1024))
    server, address = start(args.wenlint)
    try:
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(args.concurrency) as pool:
            jobs = [
                pool.submit(check, address, *kinds[i % len(kinds)])
                for i in range(args.requests)
            ]
            results = [job.result() for job in jobs]
        elapsed = time.perf_counter() - started
        peak = peak_rss_mb(server.pid)
    finally:
        server.kill()
        server.wait()

    failed = [r for r in results if r[2] != 200]
    print(f"{args.requests} requests, {args.concurrency} at a time, in {elapsed:.1f} s "
          f"({args.requests / elapsed:.1f} requests/s); {len(failed)} failed")
    print("| draft | size | requests | p50 | p90 | p99 | max |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, body in kinds:
        times = [r[1] * 1000 for r in results if r[0] == name]
        print(f"| {name} | {len(body) / 1024:.0f} KB | {len(times)} | "
              f"{percentile(times, 50):.0f} ms | {percentile(times, 90):.0f} ms | "
              f"{percentile(times, 99):.0f} ms | {max(times):.0f} ms |")
    print(f"peak RSS of the server: {peak:.0f} MB (mean answer "
          f"{statistics.mean(r[3] for r in results) / 1024:.0f} KB)")
    for name, seconds, status, _ in failed[:5]:
        print(f"failed: {name} after {seconds:.1f} s: {status}", file=sys.stderr)
    if failed:
        return 1
    if args.max_rss_mb is not None and peak > args.max_rss_mb:
        print(f"the peak RSS {peak:.0f} MB passed --max-rss-mb {args.max_rss_mb:.0f}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
