#!/usr/bin/env python3
"""Generate a synthetic GTM handbook for benchmarks, deterministically from a seed.

    python3 benches/gen/gen.py --pages 10000 --messages 300 --seed 1 --out /tmp/hb10k \
        [--hugo /tmp/hugo10k] [--mdbook /tmp/mdbook10k]

The gtmbook handbook has N pages of 300-800 words (headings, lists, tables, cross-links
with anchors) in folders of about 80 pages, messaging documents holding M messages, a
claims register, a glossary and three personas. About 5% of pages reference messages and
about 2% carry a near-copy of a message (one word changed), which `check` reports as drift.
With --hugo and --mdbook the same pages are written as a Hugo site and an mdBook book
(references replaced by their text), so the tools build the same content.
"""

import argparse
import os
import random
import shutil

WORDS = """account adoption agenda alignment analyst answer approval asset audience backlog
baseline benchmark billing blocker brand briefing budget buyer cadence campaign capacity
category champion channel checklist churn cohort colleague committee competitor concern
contract conversion copy cost coverage customer dashboard deadline deal decision deck demand
demo deployment detail director discount document draft driver email enablement engineer
estimate evaluation event evidence example expansion feature feedback field finance forecast
funnel goal growth guide handoff headline hiring impact incentive insight integration invoice
launch lead learning license list margin market meeting metric migration milestone mission
model momentum narrative need network newsletter objective offer onboarding opportunity
option outcome owner package page partner pattern payment persona pilot pipeline plan
platform playbook portfolio position pricing priority process product program project
promise proposal prospect quarter question quota rate reason recap region release renewal
report request requirement research resource response result retention review risk roadmap
rollout sample schedule scope script segment sequence service signal skill slide solution
source sponsor stage stakeholder standard story strategy summary support survey system
target task team template territory test theme timeline topic trial update usage user value
vendor version video webinar week workflow workshop""".split()

VERBS = """aligns approves builds captures changes checks clarifies closes collects compares
confirms covers creates defines delivers describes drives explains follows frames guides
highlights improves informs lists maps measures moves names opens orders owns plans prepares
prices publishes ranks records reduces refines reviews runs sets shapes shares shows starts
summarises supports tests tracks updates uses""".split()

ADJ = """active annual clear core current early final first formal joint key late local main
monthly new next open quarterly quick recent regional second shared short simple single
strategic strong weekly written""".split()


FUNCTION = ["the", "each", "every", "our", "a", "its", "for", "with", "before", "after", "during", "and", "to", "of", "in"]
SYLLABLES = ["ka", "lo", "mi", "ter", "van", "sul", "dra", "pen", "qui", "ros", "bel", "tan", "gor", "fi", "ne", "mar", "zo", "lit", "cra", "pho"]


def build_vocabulary(rng, size=6000):
    """Business words first, then invented words: a Zipf-like long tail like real prose."""
    seen = set(WORDS)
    extra = []
    while len(extra) < size:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            extra.append(w)
    vocab = WORDS + extra
    weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(vocab))]
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    return vocab, cumulative


VOCAB = None


def word(rng):
    vocab, cumulative = VOCAB
    return rng.choices(vocab, cum_weights=cumulative, k=1)[0]


def sentence(rng, n_min=7, n_max=16):
    n = rng.randint(n_min, n_max)
    words = []
    while len(words) < n:
        r = rng.random()
        if r < 0.3:
            words.append(rng.choice(FUNCTION))
        elif r < 0.4:
            words.append(rng.choice(ADJ))
        elif r < 0.5:
            words.append(rng.choice(VERBS))
        else:
            words.append(word(rng))
    s = " ".join(words)
    return s[0].upper() + s[1:] + "."


def paragraph(rng, lo=3, hi=6):
    return " ".join(sentence(rng) for _ in range(rng.randint(lo, hi)))


def title_of(rng):
    return " ".join(w.capitalize() for w in [rng.choice(ADJ), rng.choice(WORDS), rng.choice(WORDS)])


class Page:
    def __init__(self, rel, title, weight):
        self.rel = rel
        self.title = title
        self.weight = weight
        self.body = []  # list of (kind, text) where refs are ("msg", id)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def relpath(frm, to):
    return os.path.relpath(to, os.path.dirname(frm)).replace(os.sep, "/")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--messages", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--hugo")
    ap.add_argument("--mdbook")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    global VOCAB
    VOCAB = build_vocabulary(random.Random(a.seed + 1000))

    # Canonical data.
    per_house = 20
    houses = max(1, (a.messages + per_house - 1) // per_house)
    messages = []  # (doc, id, kind, text, proof)
    n_claims = max(3, a.messages // 3)
    claims = []
    for c in range(n_claims):
        claims.append((f"claim-{c:04d}", f"Reference study {c} measured {rng.randint(2, 90)}.{rng.randint(0, 9)}% higher renewal in the sampled accounts."))
    kinds = ["one-liner", "problem", "promise", "pillar", "pillar", "pillar", "proof", "process", "objection", "boilerplate"]
    for i in range(a.messages):
        doc = f"house-{i // per_house:02d}"
        kind = kinds[i % len(kinds)]
        text = sentence(rng, 9, 15)
        proof = [claims[i % n_claims][0]] if kind == "pillar" else []
        messages.append((doc, f"m-{i:04d}", kind, text, proof))
    msg_text = {f"{d}.{m}": t for d, m, _, t, _ in messages}

    # Pages in area/topic folders of about 80 pages.
    per_topic, topics_per_area = 80, 10
    pages = []
    for n in range(a.pages):
        topic = n // per_topic
        area = topic // topics_per_area
        rel = f"area-{area:02d}/topic-{topic:03d}/page-{n:05d}.md"
        pages.append(Page(rel, f"{title_of(rng)} {n}", n % per_topic))
    for p_i, p in enumerate(pages):
        target_words = rng.randint(300, 800)
        words = 0
        p.body.append(("h2", "Overview"))
        while words < target_words:
            r = rng.random()
            if r < 0.12:
                p.body.append(("h2", title_of(rng)))
            elif r < 0.22:
                items = [sentence(rng, 5, 9) for _ in range(rng.randint(3, 5))]
                p.body.append(("list", items))
                words += sum(len(i.split()) for i in items)
            elif r < 0.26:
                rows = [[rng.choice(WORDS), rng.choice(ADJ), str(rng.randint(1, 99))] for _ in range(4)]
                p.body.append(("table", rows))
                words += 12
            else:
                para = paragraph(rng)
                p.body.append(("p", para))
                words += len(para.split())
        links = []
        for _ in range(3):
            other = pages[rng.randrange(len(pages))]
            links.append((other, rng.random() < 0.4))
        p.body.append(("links", links))
        roll = rng.random()
        if roll < 0.05:
            d, m, _, _, _ = messages[rng.randrange(len(messages))]
            p.body.append(("msg", f"{d}.{m}"))
        elif roll < 0.07:
            _, _, _, t, _ = messages[rng.randrange(len(messages))]
            ws = t.rstrip(".").split(" ")
            k = rng.randrange(1, len(ws))
            ws[k] = rng.choice([w for w in WORDS if w != ws[k]])  # one word changed
            p.body.append(("p", " ".join(ws) + "."))

    out = a.out
    if os.path.exists(out):
        shutil.rmtree(out)
    write(f"{out}/book.toml", f'[book]\ntitle = "Benchmark Handbook ({a.pages} pages)"\nbase_url = "/"\n\n[lint]\nreview_every_days = 365\n')
    write(f"{out}/content/_index.md", "---\ntitle: Benchmark Handbook\nowner: Bench\nreviewed: 2026-11-01\n---\n\n" + paragraph(rng) + "\n")
    folders = sorted({os.path.dirname(p.rel) for p in pages} | {os.path.dirname(os.path.dirname(p.rel)) for p in pages})
    for f in folders:
        write(f"{out}/content/{f}/_index.md", f"---\ntitle: {f.split('/')[-1].replace('-', ' ').title()}\n---\n\n{paragraph(rng, 2, 3)}\n")

    def body_md(p, hugo=False):
        lines = []
        for kind, v in p.body:
            if kind == "h2":
                lines.append(f"## {v}\n")
            elif kind == "p":
                lines.append(v + "\n")
            elif kind == "list":
                lines.append("\n".join(f"- {i}" for i in v) + "\n")
            elif kind == "table":
                lines.append("| item | kind | count |\n| --- | --- | --- |\n" + "\n".join(f"| {r[0]} | {r[1]} | {r[2]} |" for r in v) + "\n")
            elif kind == "links":
                parts = []
                for other, anchor in v:
                    href = relpath(p.rel, other.rel) + ("#overview" if anchor else "")
                    parts.append(f"[{other.title}]({href})")
                lines.append("See also " + ", ".join(parts) + ".\n")
            elif kind == "msg":
                lines.append((msg_text[v] if hugo else f"{{{{msg:{v}}}}}") + "\n")
        return "\n".join(lines)

    for p in pages:
        fm = f"---\ntitle: {p.title}\nowner: Owner {p.weight % 7}\nreviewed: 2026-10-01\nweight: {p.weight}\ndescription: {sentence(rng, 6, 10)}\n---\n\n"
        write(f"{out}/content/{p.rel}", fm + body_md(p))

    for h in range(houses):
        doc = f"house-{h:02d}"
        items = []
        for d, m, kind, text, proof in messages:
            if d != doc:
                continue
            item = f"  - id: {m}\n    kind: {kind}\n    text: {text}\n"
            if proof:
                item += f"    proof: [{', '.join(proof)}]\n"
            if kind == "objection":
                item += f"    response: {sentence(rng, 8, 12)}\n"
            items.append(item)
        write(f"{out}/content/messaging/{doc}.md", f"---\ntitle: Message house {h}\ntype: messaging\nid: {doc}\nowner: Product marketing\nreviewed: 2026-10-01\nmessages:\n{''.join(items)}---\n\n{paragraph(rng)}\n")
    write(f"{out}/content/messaging/_index.md", "---\ntitle: Messaging\n---\n\nThe message houses.\n")
    claim_items = "".join(f"  - id: {cid}\n    text: {text}\n    source: https://research.example/{cid}\n    as_of: 2026-01-01\n    expires: 2028-01-01\n" for cid, text in claims)
    write(f"{out}/content/reference/claims.md", f"---\ntitle: Claims register\ntype: claims\nid: claims\nowner: Product marketing\nreviewed: 2026-10-01\nclaims:\n{claim_items}---\n\nEvery figure we quote.\n")
    terms = "".join(f"  - term: Termname{t}\n    definition: Definition of term {t}.\n    avoid: [avoidword{t}]\n" for t in range(50))
    write(f"{out}/content/reference/glossary.md", f"---\ntitle: Glossary\ntype: glossary\nid: glossary\nowner: Product marketing\nreviewed: 2026-10-01\nterms:\n{terms}banned:\n  - phrase: bannedphrase one\n    reason: Not provable.\n  - phrase: bannedphrase two\n    reason: A superlative.\n---\n\nThe words we use.\n")
    write(f"{out}/content/reference/_index.md", "---\ntitle: Reference\n---\n\nClaims and glossary.\n")
    for i, name in enumerate(["Operations director", "Owner", "Dispatcher"]):
        write(f"{out}/content/personas/persona-{i}.md", f"---\ntitle: {name}\ntype: persona\nid: persona-{i}\nowner: Research\nreviewed: 2026-10-01\nrole: {sentence(rng)}\npain: {sentence(rng)}\n---\n\n{paragraph(rng)}\n")
    write(f"{out}/content/personas/_index.md", "---\ntitle: Personas\n---\n\nWho we sell to.\n")

    if a.hugo:
        h = a.hugo
        if os.path.exists(h):
            shutil.rmtree(h)
        write(f"{h}/hugo.toml", 'baseURL = "/"\ntitle = "Benchmark"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n[markup.goldmark.renderer]\nunsafe = true\n')
        write(f"{h}/layouts/_default/baseof.html", """<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<nav>{{ range .Ancestors.Reverse }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> / {{ end }}</nav>
<aside><ul>{{ range .CurrentSection.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></aside>
<main>{{ block "main" . }}{{ end }}</main></body></html>""")
        write(f"{h}/layouts/_default/single.html", """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}""")
        write(f"{h}/layouts/_default/list.html", """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}""")
        write(f"{h}/content/_index.md", "---\ntitle: Benchmark Handbook\n---\n")
        for f in folders:
            write(f"{h}/content/{f}/_index.md", f"---\ntitle: {f.split('/')[-1]}\n---\n")
        for p in pages:
            write(f"{h}/content/{p.rel}", f"---\ntitle: \"{p.title}\"\nweight: {p.weight}\n---\n\n" + body_md(p, hugo=True))

    if a.mdbook:
        m = a.mdbook
        if os.path.exists(m):
            shutil.rmtree(m)
        write(f"{m}/book.toml", '[book]\ntitle = "Benchmark"\n\n[output.html]\n')
        summary = ["# Summary\n"]
        last_area, last_topic = None, None
        for p in pages:
            area, topic, _ = p.rel.split("/")
            if area != last_area:
                write(f"{m}/src/{area}/README.md", f"# {area}\n")
                summary.append(f"- [{area}]({area}/README.md)")
                last_area = area
            if topic != last_topic:
                write(f"{m}/src/{area}/{topic}/README.md", f"# {topic}\n")
                summary.append(f"    - [{topic}]({area}/{topic}/README.md)")
                last_topic = topic
            summary.append(f"        - [{p.title}]({p.rel})")
            write(f"{m}/src/{p.rel}", f"# {p.title}\n\n" + body_md(p, hugo=True))
        write(f"{m}/src/SUMMARY.md", "\n".join(summary) + "\n")


if __name__ == "__main__":
    main()
