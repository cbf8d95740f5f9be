#!/usr/bin/env python3
"""Make one small change to a generated handbook (benches/gen/gen.py), and undo it.

    benches/edit.py --book BOOK --hugo SITE --backup DIR toggle page|message|term book|hugo
    benches/edit.py --book BOOK --hugo SITE --backup DIR describe page|message|term
    benches/edit.py --book BOOK --hugo SITE --backup DIR shown page|message book|hugo
    benches/edit.py --book BOOK --hugo SITE --backup DIR restore

`toggle` flips the target between two versions, A and B, so that every call (a
hyperfine --prepare) leaves a change for the next run to see:

- page: a sentence appended to the first content page (alpha / beta);
- message: the text of the first message a page references with {{msg:...}} (changed in
  its message house; on the Hugo side, in every page holding that text);
- term: the avoid-list of the glossary's first term (one more word, alpha / beta).

The Hugo copy has no glossary, so `toggle term hugo` fails and `describe term` says so.
The first toggle of a file copies the original to the backup folder; `restore` puts every
original back and removes the backup folder. `describe` prints the files a change touches;
`shown` prints a phrase the site built from the current version must contain.
"""

import argparse
import os
import re
import shutil
import sys

VERSIONS = ("alpha", "beta")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def pages(root):
    """Content pages of the generated book (area-XX/topic-YYY/page-NNNNN.md), sorted."""
    found = []
    for dirpath, _, files in os.walk(os.path.join(root, "content")):
        for name in files:
            if name.startswith("page-") and name.endswith(".md"):
                found.append(os.path.relpath(os.path.join(dirpath, name), os.path.join(root, "content")))
    return sorted(found)


def referenced_message(book):
    """(house id, message id, [page rel paths referencing it]) of the first referenced message."""
    first = None
    users = []
    for rel in pages(book):
        for ref in re.findall(r"\{\{msg:([\w-]+)\.([\w-]+)\}\}", read(os.path.join(book, "content", rel))):
            if first is None:
                first = ref
            if ref == first:
                users.append(rel)
                break
    if first is None:
        sys.exit("edit.py: no page of the book references a message")
    return first[0], first[1], users


def message_text(text, house, msg):
    """The text of message `msg` in the source `text` of its message house."""
    m = re.search(rf"^  - id: {re.escape(msg)}\n(?:    (?!text:).*\n)*    text: (.*)$", text, re.M)
    if not m:
        sys.exit(f"edit.py: message {house}.{msg} not found")
    return m.group(1)


class Edit:
    """A target: the files it touches and, for each, the two versions made from the original."""

    def __init__(self, a, what, side):
        self.a, self.what, self.side = a, what, side
        self.files = []  # (path, function original text -> edited text for a version)
        book, hugo = a.book, a.hugo
        if what == "page":
            rel = pages(book)[0]
            root = book if side == "book" else hugo
            self.files.append((os.path.join(root, "content", rel), lambda t, v: t.rstrip("\n") + f"\n\nThe bench edit appends this {v} sentence.\n"))
        elif what == "message":
            house, msg, users = referenced_message(book)
            old = message_text(self.original(os.path.join(book, "content", "messaging", f"{house}.md")), house, msg)

            def new(v):
                return old.rstrip(".") + f" in {v}."

            if side == "book":
                pattern = re.compile(rf"(^  - id: {re.escape(msg)}\n(?:    (?!text:).*\n)*    text: ).*$", re.M)
                self.files.append((os.path.join(book, "content", "messaging", f"{house}.md"), lambda t, v: pattern.sub(lambda m: m.group(1) + new(v), t, count=1)))
            else:
                for rel in users:
                    self.files.append((os.path.join(hugo, "content", rel), lambda t, v: t.replace("\n" + old + "\n", "\n" + new(v) + "\n")))
        elif what == "term":
            if side == "hugo":
                return  # no glossary in the Hugo copy
            self.files.append((os.path.join(book, "content", "reference", "glossary.md"), lambda t, v: re.sub(r"^(    avoid: \[)([^\]]*)\]$", lambda m: f"{m.group(1)}{m.group(2)}, bench{v}]", t, count=1, flags=re.M)))

    def backup_path(self, path):
        return os.path.join(self.a.backup, os.path.relpath(os.path.abspath(path), "/"))

    def original(self, path):
        b = self.backup_path(path)
        return read(b) if os.path.exists(b) else read(path)

    def current(self):
        """The version the files hold now: alpha, beta or None (the original)."""
        for path, make in self.files:
            orig, now = self.original(path), read(path)
            for v in VERSIONS:
                if now == make(orig, v):
                    return v
        return None

    def shown(self):
        v = self.current()
        if v is None:
            sys.exit(f"edit.py: the {self.what} change is not applied")
        return {"page": f"bench edit appends this {v} sentence", "message": f" in {v}."}[self.what]

    def toggle(self):
        if not self.files:
            sys.exit(f"edit.py: the Hugo copy has no equivalent of a {self.what} change")
        for path, make in self.files:
            orig = self.original(path)
            b = self.backup_path(path)
            if not os.path.exists(b):
                os.makedirs(os.path.dirname(b), exist_ok=True)
                shutil.copy2(path, b)
            a_text, b_text = make(orig, VERSIONS[0]), make(orig, VERSIONS[1])
            if a_text == orig:
                sys.exit(f"edit.py: the {self.what} change does not apply to {path}")
            current = read(path)
            with open(path, "w", encoding="utf-8") as f:
                f.write(b_text if current == a_text else a_text)


def restore(a):
    if not os.path.isdir(a.backup):
        return
    for dirpath, _, files in os.walk(a.backup):
        for name in files:
            b = os.path.join(dirpath, name)
            shutil.copy2(b, "/" + os.path.relpath(b, a.backup))
    shutil.rmtree(a.backup)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--book", required=True)
    ap.add_argument("--hugo")
    ap.add_argument("--backup", required=True)
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("toggle")
    t.add_argument("what", choices=["page", "message", "term"])
    t.add_argument("side", choices=["book", "hugo"])
    d = sub.add_parser("describe")
    d.add_argument("what", choices=["page", "message", "term"])
    w = sub.add_parser("shown")
    w.add_argument("what", choices=["page", "message"])
    w.add_argument("side", choices=["book", "hugo"])
    sub.add_parser("restore")
    a = ap.parse_args()
    if a.cmd == "restore":
        restore(a)
    elif a.cmd == "toggle":
        if a.side == "hugo" and not a.hugo:
            sys.exit("edit.py: --hugo is needed for the Hugo side")
        Edit(a, a.what, a.side).toggle()
    elif a.cmd == "shown":
        print(Edit(a, a.what, a.side).shown())
    else:
        for side in ("book", "hugo") if a.hugo else ("book",):
            e = Edit(a, a.what, side)
            names = [os.path.relpath(p, a.book if side == "book" else a.hugo) for p, _ in e.files]
            print(f"{side}: {', '.join(names) if names else 'n/a'}")


if __name__ == "__main__":
    main()
