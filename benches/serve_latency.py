#!/usr/bin/env python3
"""Edit-to-reload latency of `gtmbook serve`.

Starts `gtmbook serve` on a handbook, listens to its reload events like an open page
does, then saves a document N times (one new sentence each) and measures, per save:

  reload  - from the save to the `reload` event reaching the page
  visible - from the save to the page, fetched again, holding the new sentence
  checked - from the save to the `status` event (the checks have run on the new model)

Prints p50/p95/max in milliseconds. Standard library only.

    benches/serve_latency.py --bin target/release/gtmbook --book benches/out/book-10000
"""

import argparse
import os
import queue
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request


def percentile(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/gtmbook")
    ap.add_argument("--book", required=True)
    ap.add_argument("--page", help="document to edit, from the content folder")
    ap.add_argument("--saves", type=int, default=30)
    ap.add_argument("--today", default="2026-11-24")
    args = ap.parse_args()

    content = os.path.join(args.book, "content")
    page = args.page
    if page is None:
        for folder, _, files in sorted(os.walk(content)):
            docs = sorted(f for f in files if f.endswith(".md") and f != "_index.md")
            if docs and "area" in folder:
                page = os.path.relpath(os.path.join(folder, docs[0]), content)
                break
    path = os.path.join(content, page)
    url_path = page[: -len(".md")] + "/"
    original = open(path, encoding="utf-8").read()

    started = time.monotonic()
    proc = subprocess.Popen(
        [args.bin, "serve", "--port", "0", "--root", args.book, "--today", args.today],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    base = None
    for line in proc.stderr:
        m = re.search(r"(http://\S+)", line)
        if m:
            base = m.group(1)
            break
    if base is None:
        sys.exit("serve did not start")
    startup = time.monotonic() - started
    threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()

    events = queue.Queue()

    def listen():
        with urllib.request.urlopen(base + "__gtmbook/events") as res:
            for raw in res:
                line = raw.decode().strip()
                if line.startswith("event: "):
                    events.put((line[7:], time.monotonic()))

    threading.Thread(target=listen, daemon=True).start()
    time.sleep(0.5)
    urllib.request.urlopen(base + url_path).read()

    reload_ms, visible_ms, checked_ms = [], [], []
    try:
        for i in range(args.saves):
            marker = f"Latency probe sentence number {i} for the preview."
            t0 = time.monotonic()
            with open(path, "w", encoding="utf-8") as f:
                f.write(original + f"\n{marker}\n")
            got = {}
            while "reload" not in got or "status" not in got:
                name, at = events.get(timeout=60)
                got.setdefault(name, at)
                if name == "reload" and "visible" not in got:
                    body = urllib.request.urlopen(base + url_path).read().decode()
                    if marker in body:
                        got["visible"] = time.monotonic()
            if "visible" not in got:
                body = urllib.request.urlopen(base + url_path).read().decode()
                if marker not in body:
                    sys.exit(f"save {i}: the page never showed the new sentence")
                got["visible"] = time.monotonic()
            reload_ms.append((got["reload"] - t0) * 1000)
            visible_ms.append((got["visible"] - t0) * 1000)
            checked_ms.append((got["status"] - t0) * 1000)
            time.sleep(0.3)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        proc.terminate()
        proc.wait()

    print(f"book: {args.book}, page edited: {page}, saves: {args.saves}")
    print(f"serve start (load, check, listen): {startup * 1000:.0f} ms")
    print("| measure | p50 ms | p95 ms | max ms |")
    print("| --- | --- | --- | --- |")
    for name, values in [("save → reload event", reload_ms),
                         ("save → page shows the change", visible_ms),
                         ("save → findings updated", checked_ms)]:
        print(f"| {name} | {statistics.median(values):.0f} | {percentile(values, 95):.0f} | {max(values):.0f} |")


if __name__ == "__main__":
    main()
