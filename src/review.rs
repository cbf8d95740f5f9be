//! `gtmbook review`: the review queue of `model::due` for a window of days, grouped by
//! owner, as text for a terminal, JSON for tools, or a Markdown digest to paste into a
//! weekly email or chat.

use crate::cli::{ReviewArgs, ReviewFormat};
use crate::error::Error;
use crate::model::Handbook;
use crate::model::due::{DueItem, DueKind, by_owner, queue};
use crate::{Outcome, load};
use serde::Serialize;

#[derive(Serialize)]
struct PageRef {
    file: String,
    title: String,
    url: String,
}

#[derive(Serialize)]
struct ClaimRef {
    id: String,
    expires: String,
}

#[derive(Serialize)]
struct Item {
    /// `document`, `claim` or `message`.
    kind: &'static str,
    /// The document's path, the claim id, the message's `DOCID.MSGID`.
    id: String,
    /// The document to open: the one to review, or where the claim or message lives.
    file: String,
    title: String,
    url: String,
    owner: Option<String>,
    /// The review date, the expiry date, or the first proof's expiry (`null`: never
    /// reviewed).
    due: Option<String>,
    /// Days from today to `due` (negative: past).
    days_left: Option<i64>,
    overdue: bool,
    /// Documents: days past the review date (0 when not yet due).
    #[serde(skip_serializing_if = "Option::is_none")]
    days_overdue: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reviewed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    review_every: Option<i64>,
    /// Claims: the pages citing it.
    #[serde(skip_serializing_if = "Option::is_none")]
    cited_by: Option<Vec<PageRef>>,
    /// Messages: the proof claims that expire in the window.
    #[serde(skip_serializing_if = "Option::is_none")]
    claims: Option<Vec<ClaimRef>>,
    reason: String,
}

#[derive(Serialize)]
struct Group {
    /// `null`: documents without an owner.
    owner: Option<String>,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct Report {
    version: u32,
    today: String,
    within_days: i64,
    /// The last day of the window.
    until: String,
    count: usize,
    owners: Vec<Group>,
}

fn page(hb: &Handbook, i: usize) -> PageRef {
    match hb.docs.get(i) {
        Some(d) => PageRef {
            file: d.path.clone(),
            title: d.title.value.clone(),
            url: hb.url(d),
        },
        None => PageRef {
            file: String::new(),
            title: String::new(),
            url: String::new(),
        },
    }
}

fn item(hb: &Handbook, it: &DueItem) -> Item {
    let doc = page(hb, it.doc);
    let is_doc = it.kind == DueKind::Document;
    Item {
        kind: it.kind.as_str(),
        id: it.id.clone(),
        file: doc.file,
        title: doc.title,
        url: doc.url,
        owner: it.owner.clone(),
        due: it.due.map(|d| d.to_string()),
        days_left: it.days_left,
        overdue: it.overdue(),
        days_overdue: is_doc.then(|| it.days_left.map(|d| (-d).max(0))).flatten(),
        reviewed: it.reviewed.filter(|_| is_doc).map(|d| d.to_string()),
        review_every: is_doc.then_some(it.review_every),
        cited_by: (it.kind == DueKind::Claim)
            .then(|| it.cited_by.iter().map(|i| page(hb, *i)).collect()),
        claims: (it.kind == DueKind::Message).then(|| {
            it.claims
                .iter()
                .map(|(id, e)| ClaimRef {
                    id: id.clone(),
                    expires: e.to_string(),
                })
                .collect()
        }),
        reason: it.reason.clone(),
    }
}

fn report(hb: &Handbook, items: &[DueItem], within: i64) -> Report {
    let until = hb
        .today
        .checked_add(jiff::Span::new().days(within))
        .unwrap_or(hb.today);
    Report {
        version: 1,
        today: hb.today.to_string(),
        within_days: within,
        until: until.to_string(),
        count: items.len(),
        owners: by_owner(items)
            .into_iter()
            .map(|(owner, list)| Group {
                owner: owner.map(str::to_string),
                items: list.into_iter().map(|it| item(hb, it)).collect(),
            })
            .collect(),
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// What an item is, in one line: the page, or the claim or message and its page.
fn label(it: &Item) -> String {
    match it.kind {
        "document" => format!("{}  {}", it.file, it.title),
        kind => format!("{kind} {}  ({})", it.id, it.file),
    }
}

fn human(r: &Report) -> String {
    let mut out = String::new();
    if r.count == 0 {
        out.push_str(&format!(
            "Nothing to review: nothing falls due by {} (within {} of {}).\n",
            r.until,
            plural(usize::try_from(r.within_days).unwrap_or(0), "day"),
            r.today
        ));
        return out;
    }
    out.push_str(&format!(
        "Review queue: {} due by {} (within {} of {})\n",
        plural(r.count, "item"),
        r.until,
        plural(usize::try_from(r.within_days).unwrap_or(0), "day"),
        r.today
    ));
    for g in &r.owners {
        out.push_str(&format!(
            "\n{} ({})\n",
            g.owner.as_deref().unwrap_or("no owner"),
            g.items.len()
        ));
        for it in &g.items {
            out.push_str(&format!("  {}\n      {}\n", label(it), it.reason));
            if let Some(pages) = &it.cited_by {
                for p in pages {
                    out.push_str(&format!("        cited in {}  {}\n", p.file, p.title));
                }
            }
        }
    }
    out.push_str(
        "\nAfter reviewing a document: gtmbook verify FILE (sets `reviewed:` to today).\n",
    );
    out
}

/// Backslash before the characters Markdown would read as formatting.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '{' | '}'
        ) {
            out.push('\\');
        }
        if c != '\n' && c != '\r' {
            out.push(c);
        }
    }
    out
}

/// A page as a Markdown link when the site has an absolute address, else its title
/// and file.
fn md_page(hb: &Handbook, title: &str, url: &str, file: &str) -> String {
    if hb.config.book.base_url.contains("://") && crate::url::url_is_safe(url) {
        format!("[{}](<{}>)", md_escape(title), url.replace(['<', '>'], ""))
    } else {
        format!("{} (`{}`)", md_escape(title), file.replace('`', ""))
    }
}

fn markdown(hb: &Handbook, r: &Report) -> String {
    let mut out = format!(
        "## {}: review queue for the week of {}\n\n",
        md_escape(&hb.config.book.title),
        r.today
    );
    if r.count == 0 {
        out.push_str(&format!(
            "Nothing falls due by {} (within {} days). Thank you, everyone.\n",
            r.until, r.within_days
        ));
        return out;
    }
    out.push_str(&format!(
        "{} due by {} (within {} days), oldest first. Review each page, then run `gtmbook verify FILE` to mark it reviewed.\n",
        plural(r.count, "item"),
        r.until,
        r.within_days
    ));
    for g in &r.owners {
        out.push_str(&format!(
            "\n### {} ({})\n\n",
            md_escape(g.owner.as_deref().unwrap_or("No owner")),
            g.items.len()
        ));
        for it in &g.items {
            let what = match it.kind {
                "document" => format!("**{}**", md_page(hb, &it.title, &it.url, &it.file)),
                kind => format!(
                    "{kind} `{}` in {}",
                    it.id.replace('`', ""),
                    md_page(hb, &it.title, &it.url, &it.file)
                ),
            };
            out.push_str(&format!("- [ ] {what}: {}", md_escape(&it.reason)));
            if let Some(pages) = &it.cited_by
                && !pages.is_empty()
            {
                let names: Vec<String> = pages
                    .iter()
                    .map(|p| md_page(hb, &p.title, &p.url, &p.file))
                    .collect();
                out.push_str(&format!(" ({})", names.join(", ")));
            }
            out.push('\n');
        }
    }
    out
}

/// Does `owner` (as written in front-matter) match the `--owner` filter?
fn owner_matches(owner: Option<&str>, filter: &str) -> bool {
    let f = filter.trim();
    match owner {
        Some(o) => o.trim().to_lowercase() == f.to_lowercase(),
        None => f.eq_ignore_ascii_case("no owner") || f.eq_ignore_ascii_case("none"),
    }
}

pub fn run(args: &ReviewArgs) -> Result<Outcome, Error> {
    let today = crate::today(args.common.today.as_deref())?;
    let (hb, _) = load::handbook(&args.common.root, today, load::Purpose::Check)?;
    let mut items = queue(&hb, args.within);
    if let Some(f) = &args.owner {
        items.retain(|it| owner_matches(it.owner.as_deref(), f));
    }
    let r = report(&hb, &items, args.within);
    let text = match args.format {
        ReviewFormat::Human => human(&r),
        ReviewFormat::Json => {
            let mut s = serde_json::to_string_pretty(&r).unwrap_or_else(|_| "{}".into());
            s.push('\n');
            s
        }
        ReviewFormat::Markdown => markdown(&hb, &r),
    };
    // A closed pipe (`gtmbook review | head`) is not an error.
    let _ = std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes());
    Ok(Outcome::Ok)
}
