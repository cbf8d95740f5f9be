#!/usr/bin/env python3
"""Time `gtmbook lsp` from didChange to publishDiagnostics.

Usage: python3 benches/lsp_latency.py BIN BOOK [--edits N]

Opens one page and the message house of BOOK, then N times changes a sentence of the
page (a page edit) and N times the text of a message (a message-house edit), and prints
the median and the spread of the time from sending didChange to the publishDiagnostics
that follows it. Speaks JSON-RPC with Content-Length framing over the server's stdio,
as an editor does.
"""
import json, os, statistics, subprocess, sys, threading, time, queue, pathlib, argparse


class Client:
    def __init__(self, cmd):
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.q = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.p.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.q.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                k, v = line.decode().split(":", 1)
                headers[k.lower()] = v.strip()
            body = out.read(int(headers["content-length"]))
            self.q.put(json.loads(body))

    def send(self, msg):
        msg["jsonrpc"] = "2.0"
        data = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.p.stdin.flush()

    def request(self, method, params):
        i = self.next_id
        self.next_id += 1
        self.send({"id": i, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == i and "method" not in m)

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def wait(self, pred, timeout=600):
        end = time.time() + timeout
        while True:
            m = self.q.get(timeout=max(0.01, end - time.time()))
            if m is None:
                raise SystemExit("server exited")
            if pred(m):
                return m


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("book")
    ap.add_argument("--edits", type=int, default=7)
    a = ap.parse_args()
    book = pathlib.Path(a.book).resolve()
    content = book / "content"
    house = next(p for p in sorted(content.rglob("*.md")) if "type: messaging" in p.read_text())
    page = next(p for p in sorted(content.rglob("*.md"))
                if "type:" not in p.read_text().split("---")[1] and p.name != "_index.md")
    t0 = time.time()
    c = Client([a.bin, "lsp", "--root", str(book)])
    c.request("initialize", {"processId": None, "rootUri": book.as_uri(), "capabilities": {}})
    c.notify("initialized", {})
    docs = {}
    for p in (page, house):
        uri = p.as_uri()
        docs[uri] = p.read_text()
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": docs[uri]}})
    # The first answer comes after the load and the first check.
    c.request("textDocument/hover", {"textDocument": {"uri": page.as_uri()},
                                     "position": {"line": 0, "character": 0}})
    print(f"loaded and checked in {time.time() - t0:.2f} s")

    def edit(uri, text, version):
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                            "contentChanges": [{"text": text}]})
        started = time.time()
        c.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
               and m["params"]["uri"] == uri and m["params"].get("version") == version)
        return time.time() - started

    results = {}
    version = 1
    for name, uri, make in [
        ("page edit", page.as_uri(),
         lambda t, n: t + f"\nA sentence added while typing, number {n}, to the page.\n"),
        ("message-house edit", house.as_uri(),
         lambda t, n: t.replace("    text: ", f"    text: Now {n} ", 1)),
    ]:
        times = []
        for n in range(a.edits):
            version += 1
            times.append(edit(uri, make(docs[uri], n), version))
        results[name] = times
        # Back to the text on disk.
        version += 1
        edit(uri, docs[uri], version)
    for name, times in results.items():
        ms = sorted(t * 1000 for t in times)
        print(f"{name}: median {statistics.median(ms):.0f} ms "
              f"(min {ms[0]:.0f}, max {ms[-1]:.0f}, {len(ms)} edits)")
    c.request("shutdown", None)
    c.notify("exit", None)
    c.p.wait(timeout=60)


if __name__ == "__main__":
    main()
