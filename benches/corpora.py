#!/usr/bin/env python3
"""Run gtmbook over real handbooks as a migrating team would, and count.

    benches/corpora.py --gtmbook target/release/gtmbook [--import] CORPUS_DIR...

For each corpus folder (for example the ones under ../shared/corpora/), the script copies it
to a temporary folder (never writing into the original), then either runs
`gtmbook import` there (`--import`) or writes a minimal book.toml with the content folder
given as `NAME=content_dir`, and then runs `check --format json` and `build`. It prints:

- pages in (Markdown files under the content folder, excluded ones left out when the
  book.toml excludes them) and pages out (HTML pages in the site that come from a source
  file: `<meta name="generator">` pages, redirect pages not counted);
- findings by rule;
- foreign template syntax left in the published text outside <code>/<pre>
  (Kramdown `{:`, Liquid `{%`, Hugo `{{<` / `{{%`);
- an independent link check over the built site: every internal `href` of every page is
  looked up as a file (or folder with index.html) and its `#fragment` as an `id` of the
  target page; the count of broken ones next to `check`'s `link/broken` count.

Only the Python standard library is used.
"""

import argparse
import collections
import html.parser
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

FOREIGN = ["{:", "{%", "{{<", "{{%"]
EDIT = "https://edit.invalid/"


class Page(html.parser.HTMLParser):
    """Collects ids, internal hrefs and the text outside code of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.hrefs = []
        self.text = []
        self.code = 0
        self.skip = 0
        self.refresh = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a and a["id"]:
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "a" and a.get("href") is not None:
            self.hrefs.append(a["href"])
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.refresh = True
        if tag in ("code", "pre"):
            self.code += 1
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("code", "pre") and self.code:
            self.code -= 1
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.code and not self.skip:
            self.text.append(data)


def parse(path):
    p = Page()
    try:
        p.feed(path.read_text(encoding="utf-8", errors="replace"))
    except Exception:  # noqa: BLE001 - a page that does not parse is counted as no ids
        pass
    return p


def site_pages(site):
    pages = {}
    for f in site.rglob("*.html"):
        rel = f.relative_to(site).as_posix()
        if rel.startswith("__gtmbook") or rel.startswith("api/"):
            continue
        pages[rel] = parse(f)
    return pages


def target_of(site, page_rel, href, base):
    """The site file an internal href points at, and its fragment; None if external."""
    u = urllib.parse.urlsplit(href)
    if u.scheme or u.netloc or href.startswith("//"):
        return None
    path = urllib.parse.unquote(u.path)
    frag = urllib.parse.unquote(u.fragment)
    if not path:
        return (page_rel, frag)
    if path.startswith("/"):
        if base != "/" and path.startswith(base):
            path = "/" + path[len(base):]
        joined = path.lstrip("/")
    else:
        here = os.path.dirname(page_rel)
        joined = os.path.normpath(os.path.join(here, path))
        if joined.startswith(".."):
            return ("<outside>", frag)
        if joined == ".":
            joined = ""
    cand = site / joined
    if cand.is_dir():
        return ((pathlib.Path(joined) / "index.html").as_posix(), frag)
    return (joined, frag)


def link_check(site, pages, base):
    broken = []
    for rel, p in pages.items():
        for href in p.hrefs:
            t = target_of(site, rel, href, base)
            if t is None:
                continue
            file, frag = t
            f = site / file
            if file == "<outside>" or not f.exists():
                broken.append((rel, href, "no such file"))
                continue
            if frag and file.endswith(".html"):
                target = pages.get(file) or parse(f)
                if frag not in target.ids:
                    broken.append((rel, href, "no such anchor"))
    return broken


def run(cmd, cwd):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)


def measure(gtmbook, src, content, do_import, keep):
    name = src.name
    tmp = pathlib.Path(tempfile.mkdtemp(prefix=f"corpus-{name}-"))
    book = tmp / name
    shutil.copytree(src, book, symlinks=True)
    if do_import:
        r = run([gtmbook, "import", "."], book)
        print(f"## {name}: import exit {r.returncode}")
        print(r.stdout.strip()[:3000])
        if r.stderr.strip():
            print(r.stderr.strip()[:2000])
    else:
        (book / "book.toml").write_text(
            f'[book]\ntitle = "{name}"\n\n[build]\ncontent = "{content}"\n', encoding="utf-8"
        )
        print(f"## {name} (minimal book.toml, content = {content})")
    # An edit link on every page names its source file: how pages out are matched to
    # files in (the copy's book.toml only; the original is never written).
    toml_path = book / "book.toml"
    toml_text = toml_path.read_text(encoding="utf-8")
    if "edit_url" not in toml_text:
        toml_path.write_text(
            toml_text.replace("[book]\n", f'[book]\nedit_url = "{EDIT}{{path}}"\n', 1),
            encoding="utf-8",
        )
    # Findings are counted with the baseline off: what is there, not what is accepted.
    r = run([gtmbook, "check", "--no-baseline", "--format", "json", "--today", "2026-12-01"], book)
    try:
        findings = json.loads(r.stdout)
    except json.JSONDecodeError:
        print("check did not print JSON:", r.stdout[:500], r.stderr[:500])
        findings = {"diagnostics": [], "summary": {}}
    by_rule = collections.Counter(
        (d["rule"], d["severity"]) for d in findings.get("diagnostics", [])
    )
    print(f"check exit {r.returncode}; summary {findings.get('summary')}")
    for (rule, sev), n in sorted(by_rule.items(), key=lambda kv: -kv[1]):
        print(f"  {n:6d}  {rule} ({sev})")
    r = run([gtmbook, "build", "--today", "2026-12-01"], book)
    print(f"build exit {r.returncode}")
    if r.returncode != 0:
        print("  " + "\n  ".join(r.stderr.strip().splitlines()[-3:]))
    site = book / "public"
    try:
        import tomllib

        cfg = tomllib.loads((book / "book.toml").read_text(encoding="utf-8"))
    except Exception:  # noqa: BLE001
        cfg = {}
    content_dir = book / cfg.get("build", {}).get("content", content or "content")
    base = cfg.get("book", {}).get("base_url", "/") or "/"
    md = [
        p
        for p in content_dir.rglob("*")
        if p.is_file() and p.suffix in (".md", ".markdown") and not any(
            part.startswith(".") for part in p.relative_to(content_dir).parts
        )
    ]
    print(f"pages in: {len(md)} Markdown files under {content_dir.relative_to(book)}")
    if site.is_dir() and r.returncode == 0:
        pages = site_pages(site)
        real = [rel for rel, p in pages.items() if not p.refresh]
        print(f"pages out: {len(real)} HTML pages ({len(pages) - len(real)} redirect pages)")
        published = {
            h[len(EDIT):] for p in pages.values() for h in p.hrefs if h.startswith(EDIT)
        }
        sources = {p.relative_to(book).as_posix() for p in md}
        lost = sorted(sources - {urllib.parse.unquote(x) for x in published})
        print(f"source files with a page of their own: {len(sources) - len(lost)} of {len(sources)}")
        for x in lost[:10]:
            print(f"    no page: {x}")
        left = collections.Counter()
        examples = {}
        for rel, p in pages.items():
            text = "".join(p.text)
            for f in FOREIGN:
                n = text.count(f)
                if n:
                    left[f] += n
                    examples.setdefault(f, rel)
        print(f"foreign syntax left in published text: {dict(left) or 'none'} {examples or ''}")
        broken = link_check(site, pages, base)
        kinds = collections.Counter(k for _, _, k in broken)
        print(
            f"link check over the output: {len(broken)} broken internal hrefs {dict(kinds)}; "
            f"check's link/broken: {sum(n for (r_, _), n in by_rule.items() if r_ == 'link/broken')}"
        )
        # Which of them `check` did not report: match by the page's source file and a
        # finding whose message names the link's last path segment or its fragment.
        source_of = {}
        for rel, p in pages.items():
            for h in p.hrefs:
                if h.startswith(EDIT):
                    source_of[rel] = urllib.parse.unquote(h[len(EDIT):])
        reported = collections.defaultdict(list)
        for d in findings.get("diagnostics", []):
            if d["rule"] == "link/broken":
                reported[d["file"]].append(d["message"])
        silent = []
        for rel, href, why in broken:
            u = urllib.parse.urlsplit(href)
            keys = [k for k in (urllib.parse.unquote(u.fragment), u.fragment) if k]
            seg = [x for x in u.path.split("/") if x]
            if seg:
                keys.append(urllib.parse.unquote(seg[-1]))
            msgs = reported.get(source_of.get(rel, ""), [])
            if not any(k in m for k in keys for m in msgs):
                silent.append((rel, href, why))
        print(f"  of which not reported by check: {len(silent)}")
        for b in silent[:8]:
            print(f"    {b}")
    if keep:
        print(f"kept: {book}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gtmbook", default=str(pathlib.Path(__file__).resolve().parent.parent / "target/release/gtmbook"))
    ap.add_argument("--import", dest="do_import", action="store_true", help="run `gtmbook import` instead of writing a minimal book.toml")
    ap.add_argument("--keep", action="store_true", help="keep the temporary copies")
    ap.add_argument("corpora", nargs="+", help="DIR or DIR=content_folder")
    a = ap.parse_args()
    gtmbook = str(pathlib.Path(a.gtmbook).resolve())
    for c in a.corpora:
        d, _, content = c.partition("=")
        src = pathlib.Path(d).resolve()
        if not src.is_dir():
            print(f"{d}: not a folder", file=sys.stderr)
            return 2
        measure(gtmbook, src, content or "content", a.do_import, a.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
