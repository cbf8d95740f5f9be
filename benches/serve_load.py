#!/usr/bin/env python3
"""Load on `gtmbook serve`, with slow clients alongside.

Starts `gtmbook serve` on a handbook (by default a copy of tests/fixtures/basic) on
127.0.0.1, then runs at once:

  - C clients (default 200), each on one kept-alive connection, sending N requests in
    all (default 10,000) for a few pages, the reload script and the status JSON;
  - S slow clients (default 20) that each send half a request header and then one byte
    a second, reconnecting whenever the server drops them.

Prints requests/s, p50/p99/max latency, the number of answers that were not 200 or did
not come, and how often the server dropped a slow client. Loopback only; bounded by
--deadline seconds. Standard library only.

    benches/serve_load.py --bin target/release/gtmbook
"""

import argparse
import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TARGETS = ["/", "/personas/buyer/", "/__gtmbook/reload.js", "/__gtmbook/status"]


def percentile(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


async def read_response(reader):
    """Status and body length of one HTTP/1.1 response."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
        return status, len(body)
    if headers.get("transfer-encoding") == "chunked":
        total = 0
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            total += size
            if size == 0:
                return status, total
    raise ValueError("no length")


async def client(port, work, latencies, errors, deadline):
    reader = writer = None
    while time.monotonic() < deadline:
        if work[0] <= 0:
            break
        work[0] -= 1
        target = TARGETS[work[0] % len(TARGETS)]
        start = time.monotonic()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
            await writer.drain()
            status, _ = await asyncio.wait_for(read_response(reader), deadline - start)
            latencies.append(time.monotonic() - start)
            if status != 200:
                errors.append(f"{target}: {status}")
        except Exception as e:  # noqa: BLE001 - every failure counts as an error
            errors.append(f"{target}: {type(e).__name__}")
            if writer is not None:
                writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def slow_client(port, stop, dropped):
    while not stop.is_set():
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
            await writer.drain()
            while not stop.is_set():
                try:
                    data = await asyncio.wait_for(reader.read(1024), 1.0)
                    if not data:
                        dropped[0] += 1
                        break
                except asyncio.TimeoutError:
                    writer.write(b"a")
                    await writer.drain()
            writer.close()
        except (ConnectionError, OSError):
            dropped[0] += 1
            await asyncio.sleep(0.1)


async def run(port, args):
    work = [args.requests]
    latencies, errors, dropped = [], [], [0]
    stop = asyncio.Event()
    slow = [asyncio.create_task(slow_client(port, stop, dropped)) for _ in range(args.slow)]
    # Let the slow clients take their connections first.
    await asyncio.sleep(args.slow_head_start)
    deadline = time.monotonic() + args.deadline
    started = time.monotonic()
    await asyncio.gather(
        *(client(port, work, latencies, errors, deadline) for _ in range(args.clients))
    )
    took = time.monotonic() - started
    stop.set()
    for t in slow:
        t.cancel()
    await asyncio.gather(*slow, return_exceptions=True)
    return latencies, errors, dropped[0], took, work[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/gtmbook")
    ap.add_argument("--book", help="handbook folder (default: a copy of tests/fixtures/basic)")
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--requests", type=int, default=10_000)
    ap.add_argument("--slow", type=int, default=20)
    ap.add_argument("--slow-head-start", type=float, default=12.0,
                    help="seconds the slow clients run alone first (past the 10 s timeout)")
    ap.add_argument("--deadline", type=float, default=120.0)
    ap.add_argument("--today", default="2026-11-24")
    args = ap.parse_args()

    tmp = None
    book = args.book
    if book is None:
        tmp = tempfile.mkdtemp(prefix="gtmbook-load-")
        book = os.path.join(tmp, "book")
        shutil.copytree(os.path.join(HERE, "..", "tests", "fixtures", "basic"), book)
    proc = subprocess.Popen(
        [args.bin, "serve", "--port", "0", "--root", book, "--today", args.today],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )
    try:
        port = None
        for line in proc.stderr:
            m = re.search(r"http://127\.0\.0\.1:(\d+)", line)
            if m:
                port = int(m.group(1))
                break
        if port is None:
            sys.exit("serve did not start")
        threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
        latencies, errors, dropped, took, left = asyncio.run(run(port, args))
    finally:
        proc.terminate()
        proc.wait()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    done = len(latencies)
    ms = [x * 1000 for x in latencies]
    print(f"clients {args.clients}, requests {args.requests}, slow clients {args.slow}")
    print(f"answered {done} in {took:.2f} s: {done / took:,.0f} requests/s")
    if ms:
        print(f"latency p50 {percentile(ms, 50):.2f} ms, p99 {percentile(ms, 99):.2f} ms, "
              f"max {max(ms):.2f} ms, mean {statistics.mean(ms):.2f} ms")
    print(f"errors {len(errors)} (not sent: {left}); slow clients dropped by the server: {dropped}")
    for e in sorted(set(errors))[:10]:
        print(f"  {e}")
    sys.exit(1 if errors or left else 0)


if __name__ == "__main__":
    main()
