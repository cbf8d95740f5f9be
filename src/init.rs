//! `gtmbook init [DIR]`: writes a small handbook with one document of every type that
//! builds with no findings, as a starting point to edit.

use crate::Outcome;
use crate::cli::InitArgs;
use crate::error::Error;

const FILES: &[(&str, &str)] = &[
    (
        "book.toml",
        r#"[book]
title = {TITLE_TOML}
description = "Who we sell to, what we say, and the proof behind it"
language = "en"
base_url = "/"

[build]
output = "public"

[lint]
review_every_days = 180
"#,
    ),
    (
        "content/_index.md",
        r#"---
title: {TITLE_YAML}
owner: Product Marketing
reviewed: {TODAY}
description: Start here to find our positioning, messages, buyers and proof.
---

This handbook is the one place where our go-to-market story is written down. Pages
quote the canonical messages instead of copying them, so a change in the message house
shows everywhere at once.

## Where to start

- [Positioning](positioning.md) says who we are for and what we are not.
- [The message house](messaging/core.md) holds the words every team reuses.
- [Our buyer](personas/buyer.md) describes who we sell to and what they need.
- [The launch playbook](playbooks/launch.md) lists who does what before a launch.

## Our one-liner

{{msg:core.one-liner}}
"#,
    ),
    (
        "content/positioning.md",
        r#"---
title: Positioning
type: positioning
id: positioning
owner: Product Marketing
reviewed: {TODAY}
weight: 1
product: Example Product
category: planning software for small operations teams
for: [buyer]
not_for: [Enterprises that need a custom on-premises deployment]
problem: Operations leads plan the week in spreadsheets that nobody else can read.
unlike: [spreadsheets]
differentiators:
  - A shared weekly plan that updates itself when a job moves.
---

Replace the fields above with your own product, category and buyer.
"#,
    ),
    (
        "content/messaging/core.md",
        r#"---
title: Message house
type: messaging
id: core
owner: Product Marketing
reviewed: {TODAY}
channels: [website, sales]
messages:
  - id: one-liner
    kind: one-liner
    text: Example Product gives small operations teams one plan for the week.
    channels: [website, sales]
  - id: pillar-shared-plan
    kind: pillar
    text: Everyone works from the same plan, updated when a job moves.
    proof: [fewer-calls]
  - id: objection-spreadsheet
    kind: objection
    text: Our spreadsheet already works.
    response: It works for the person who keeps it; the plan works for the whole team.
---

Edit the messages above; pages elsewhere reference them by id, for example the
[buyer page](../personas/buyer.md) and the [launch playbook](../playbooks/launch.md).
"#,
    ),
    (
        "content/personas/buyer.md",
        r#"---
title: Operations lead
type: persona
id: buyer
owner: Product Marketing
reviewed: {TODAY}
role: Runs scheduling for a team of five to fifty people.
trigger: A missed appointment costs a customer.
pain: Plans live in one person's spreadsheet and go stale by Tuesday.
stakes: Late jobs mean refunds and churn.
decision_process: The operations lead picks the tool; the owner signs.
---

## What they hear first

{{msg:core.pillar-shared-plan}}

## When they push back

They often say: {{msg:core.objection-spreadsheet}}
"#,
    ),
    (
        "content/playbooks/launch.md",
        r#"---
title: Launch playbook
type: playbook
id: launch
owner: Product Marketing
reviewed: {TODAY}
cadence: launch
audience: [buyer]
steps:
  - title: Agree the launch message with product
    owner: Product Marketing
    when: four weeks before
  - title: Brief sales and support
    owner: Sales Enablement
    when: one week before
---

Every launch starts from the [message house](../messaging/core.md).
"#,
    ),
    (
        "content/competitors/spreadsheets.md",
        r#"---
title: Spreadsheets
type: competitor
id: spreadsheets
owner: Product Marketing
reviewed: {TODAY}
name: Spreadsheets
differentiators: [core.pillar-shared-plan]
landmines:
  - Ask who updates the sheet when a job moves.
---

Most prospects plan in a spreadsheet today.
"#,
    ),
    (
        "content/reference/claims.md",
        r#"---
title: Claims register
type: claims
id: claims
owner: Product Marketing
reviewed: {TODAY}
claims:
  - id: fewer-calls
    text: Teams that share one plan make 30% fewer calls to ask where a job stands.
    source: https://example.com/replace-with-your-study
    as_of: {TODAY}
    expires: {EXPIRES}
---

Every number we publish is registered here with its source. Quote it as
{{claim:fewer-calls}}
"#,
    ),
    (
        "content/reference/glossary.md",
        r#"---
title: Glossary
type: glossary
id: glossary
owner: Product Marketing
reviewed: {TODAY}
terms:
  - term: Example Product
    definition: Our product. Always written with capitals.
  - term: weekly plan
    definition: The shared schedule of jobs for the coming week.
    avoid: [rota]
banned:
  - phrase: world-class
    reason: A superlative we cannot prove.
---

The words we use, and the ones we avoid.
"#,
    ),
];

pub fn run(args: &InitArgs) -> Result<Outcome, Error> {
    let dir = &args.dir;
    if dir.join("book.toml").exists() {
        return Err(Error::InitOverBook(dir.join("book.toml")));
    }
    let today = crate::today(None)?;
    let expires = today
        .checked_add(jiff::Span::new().years(2))
        .unwrap_or(today);
    for (path, _) in FILES {
        let target = dir.join(path);
        if target.exists() {
            return Err(Error::InitOverFile(target.clone()));
        }
    }
    for (path, text) in FILES {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let body = text
            .replace("{TITLE_TOML}", &toml_string(&args.title))
            .replace("{TITLE_YAML}", &yaml_string(&args.title))
            .replace("{TODAY}", &today.to_string())
            .replace("{EXPIRES}", &expires.to_string());
        std::fs::write(&target, body).map_err(|e| Error::io(&target, e))?;
    }
    eprintln!(
        "created a handbook in {}: run `gtmbook build --root {}` to build it",
        dir.display(),
        dir.display()
    );
    Ok(Outcome::Ok)
}

/// The title as a TOML basic string: quotes, backslashes and control characters escaped.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The title as a YAML double-quoted scalar. A JSON string is one (YAML 1.2 is a superset
/// of JSON), so `:` , `#`, quotes and leading indicators need no further thought.
fn yaml_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}
