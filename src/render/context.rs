//! The template context (docs/themes.md is its contract). Serialised once per page.

use serde::Serialize;

#[derive(Serialize, Clone)]
pub struct SiteCtx {
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    pub base_url: String,
    pub assets: String,
    pub today: String,
    pub version: &'static str,
    pub generated: Vec<LinkCtx>,
}

#[derive(Serialize, Clone, Debug)]
pub struct LinkCtx {
    pub title: String,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct IdLinkCtx {
    pub id: String,
    pub title: String,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct TocCtx {
    pub level: u8,
    pub id: String,
    pub title: String,
}

#[derive(Serialize, Clone)]
pub struct BannerCtx {
    pub kind: &'static str,
    pub text: String,
}

#[derive(Serialize, Clone)]
pub struct ChildCtx {
    pub title: String,
    pub url: String,
    pub description: Option<String>,
    pub kind: &'static str,
}

#[derive(Serialize, Clone)]
pub struct UsedMessageCtx {
    #[serde(rename = "ref")]
    pub reference: String,
    pub kind: String,
    pub kind_label: &'static str,
    pub text_html: String,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct ClaimCtx {
    pub id: String,
    /// The plain id as a second anchor, unless a heading already uses it.
    pub alias: Option<String>,
    pub anchor: String,
    pub text_html: String,
    pub source: Option<String>,
    pub as_of: Option<String>,
    pub expires: Option<String>,
    pub days_left: Option<i64>,
    pub state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub defined_in: Option<LinkCtx>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub used_by: Option<Vec<LinkCtx>>,
}

#[derive(Serialize, Clone)]
pub struct ProofCtx {
    pub id: String,
    pub text_html: String,
    pub source: Option<String>,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct MessageCtx {
    pub id: String,
    /// The plain id as a second anchor (`#one-liner`), unless a heading already uses it.
    pub alias: Option<String>,
    #[serde(rename = "ref")]
    pub reference: String,
    pub anchor: String,
    pub kind: String,
    /// The kind as readers see it: `One-liner`, `Pillar`, `Proof point`.
    pub kind_label: &'static str,
    pub status: &'static str,
    pub text_html: String,
    pub response_html: Option<String>,
    pub channels: Vec<String>,
    pub proof: Vec<ProofCtx>,
    pub used_by: Vec<LinkCtx>,
}

/// The messages of a message house under one heading, in the order the page shows them.
#[derive(Serialize, Clone)]
pub struct MessageGroupCtx {
    /// The heading's element id (`core`, `pillars`, `objections`).
    pub id: &'static str,
    pub title: &'static str,
    pub messages: Vec<MessageCtx>,
}

#[derive(Serialize, Clone)]
pub struct PersonaCtx {
    pub role_html: Option<String>,
    pub trigger_html: Option<String>,
    pub pain_html: Option<String>,
    pub stakes_html: Option<String>,
    pub decision_process_html: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct RelatedCtx {
    pub title: String,
    pub url: String,
    pub kind: &'static str,
}

#[derive(Serialize, Clone)]
pub struct PositioningCtx {
    pub product: Option<String>,
    pub category: Option<String>,
    #[serde(rename = "for")]
    pub for_: Vec<IdLinkCtx>,
    pub not_for: Vec<String>,
    pub problem_html: Option<String>,
    pub unlike: Vec<IdLinkCtx>,
    pub differentiators_html: Vec<String>,
}

#[derive(Serialize, Clone)]
pub struct DiffCtx {
    #[serde(rename = "ref")]
    pub reference: String,
    pub kind: String,
    pub kind_label: &'static str,
    /// The title of the document that defines the message.
    pub defined_in: Option<String>,
    pub text_html: String,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct CompetitorCtx {
    pub name: Option<String>,
    pub differentiators: Vec<DiffCtx>,
    pub landmines_html: Vec<String>,
}

#[derive(Serialize, Clone)]
pub struct StepCtx {
    pub title_html: String,
    pub owner: Option<String>,
    pub when: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct PlaybookCtx {
    pub cadence: Option<String>,
    pub steps: Vec<StepCtx>,
}

#[derive(Serialize, Clone)]
pub struct TermCtx {
    pub term: String,
    pub anchor: String,
    pub definition_html: String,
    pub avoid: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub defined_in: Option<LinkCtx>,
}

#[derive(Serialize, Clone)]
pub struct BannedCtx {
    pub phrase: String,
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub defined_in: Option<LinkCtx>,
}

#[derive(Serialize, Clone)]
pub struct GlossaryCtx {
    pub terms: Vec<TermCtx>,
    pub banned: Vec<BannedCtx>,
}

#[derive(Serialize, Clone, Default)]
pub struct PageCtx {
    pub title: String,
    /// The page's language (`<html lang>`), when it has one of its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The id of the title heading taken from the body (`# Title`), for `#title` links.
    pub title_id: Option<String>,
    pub kind: &'static str,
    /// The kind as readers see it (`Persona`, `Battlecard`); none for plain, section
    /// and generated pages.
    pub kind_label: Option<&'static str>,
    pub id: String,
    pub url: String,
    pub source: Option<String>,
    pub description: Option<String>,
    pub owner: Option<String>,
    pub reviewed: Option<String>,
    pub review_due: Option<String>,
    pub status: &'static str,
    pub tags: Vec<String>,
    pub channels: Vec<String>,
    pub audience: Vec<IdLinkCtx>,
    pub content_html: String,
    pub toc: Vec<TocCtx>,
    pub banners: Vec<BannerCtx>,
    pub edit_url: Option<String>,
    pub breadcrumbs: Vec<LinkCtx>,
    pub prev: Option<LinkCtx>,
    pub next: Option<LinkCtx>,
    pub children: Vec<ChildCtx>,
    pub used_messages: Vec<UsedMessageCtx>,
    pub claims: Vec<ClaimCtx>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<MessageCtx>>,
    /// The messages again, grouped under the headings of the message house.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_groups: Option<Vec<MessageGroupCtx>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub persona: Option<PersonaCtx>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<Vec<RelatedCtx>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub positioning: Option<PositioningCtx>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub competitor: Option<CompetitorCtx>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub playbook: Option<PlaybookCtx>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub glossary: Option<GlossaryCtx>,
    /// On the book's one claims document: every claim of the handbook (it stands for
    /// the generated claims register).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub register: Option<RegisterCtx>,
}

#[derive(Serialize, Clone)]
pub struct RegisterCtx {
    pub claims: Vec<ClaimCtx>,
}

#[derive(Serialize, Clone)]
pub struct NavNode {
    pub title: String,
    pub url: String,
    pub kind: &'static str,
    pub open: bool,
    pub children: Vec<NavNode>,
}

/// The sidebar tree as a flat list in reading order, so a template renders any depth
/// with one loop: after an item, `close` holds one entry per list that ends there.
#[derive(Serialize, Clone)]
pub struct NavItem {
    pub title: String,
    pub url: String,
    pub kind: &'static str,
    pub open: bool,
    pub depth: usize,
    /// Its children follow (a `<ul>` opens after it).
    pub parent: bool,
    pub close: Vec<u8>,
}

impl NavItem {
    pub fn flatten(nodes: &[NavNode]) -> Vec<NavItem> {
        fn walk(nodes: &[NavNode], depth: usize, out: &mut Vec<NavItem>) {
            for n in nodes {
                out.push(NavItem {
                    title: n.title.clone(),
                    url: n.url.clone(),
                    kind: n.kind,
                    open: n.open,
                    depth,
                    parent: !n.children.is_empty(),
                    close: Vec::new(),
                });
                if !n.children.is_empty() {
                    walk(&n.children, depth + 1, out);
                    if let Some(last) = out.last_mut() {
                        last.close.push(0);
                    }
                }
            }
        }
        let mut out = Vec::new();
        walk(nodes, 0, &mut out);
        out
    }
}

#[derive(Serialize, Clone)]
pub struct MapMessageCtx {
    #[serde(rename = "ref")]
    pub reference: String,
    pub anchor: String,
    pub kind: String,
    pub status: &'static str,
    pub text_html: String,
    pub defined_in: LinkCtx,
    pub used_by: Vec<MapUserCtx>,
    pub channels: Vec<bool>,
    pub kind_label: &'static str,
    /// The text without markup, for labels.
    pub text: String,
    /// The channels the message is approved for (its `channels`).
    pub approved: Vec<String>,
    /// Per `map.channels`: `used` (rendered there, approved or no list), `gap`
    /// (approved, rendered by no page of that channel), `unapproved` (rendered there,
    /// not approved for it) or `` (neither).
    pub cells: Vec<&'static str>,
    pub gaps: Vec<String>,
    pub unapproved: Vec<String>,
    /// `message/drift` and `message/copy` findings: sentences retyping it.
    pub retyped: usize,
}

#[derive(Serialize, Clone)]
pub struct MapUserCtx {
    pub title: String,
    pub url: String,
    pub channels: Vec<String>,
}

#[derive(Serialize, Clone)]
pub struct MapCtx {
    pub channels: Vec<&'static str>,
    pub messages: Vec<MapMessageCtx>,
    pub totals: MapTotalsCtx,
}

/// Counts over the message map's messages.
#[derive(Serialize, Clone, Default)]
pub struct MapTotalsCtx {
    pub messages: usize,
    /// Approved messages no page uses.
    pub unused: usize,
    /// Retired messages a page still uses.
    pub retired_used: usize,
    /// Messages with at least one retyped (drifted or copied) sentence.
    pub retyped: usize,
    /// Messages approved for a channel no page of which uses them.
    pub with_gaps: usize,
}

#[derive(Serialize, Clone)]
pub struct StaleCtx {
    pub title: String,
    pub url: String,
    pub owner: Option<String>,
    pub reviewed: Option<String>,
    pub days_overdue: i64,
}

#[derive(Serialize, Clone)]
pub struct ExpiringCtx {
    pub id: String,
    pub text_html: String,
    pub expires: String,
    pub days_left: i64,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct RuleCountCtx {
    pub rule: &'static str,
    pub severity: &'static str,
    pub count: usize,
    /// What the rule finds, in a sentence.
    pub summary: &'static str,
    /// Where: the first findings, with their page and line.
    pub findings: Vec<FindingCtx>,
}

/// One finding of the checker, where a reader can go to fix it.
#[derive(Serialize, Clone)]
pub struct FindingCtx {
    pub message: String,
    /// The source file from the book root.
    pub file: String,
    pub line: usize,
    /// The page built from that file, if there is one.
    pub page: Option<LinkCtx>,
}

#[derive(Serialize, Clone)]
pub struct LintCtx {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub by_rule: Vec<RuleCountCtx>,
}

#[derive(Serialize, Clone)]
pub struct HealthCtx {
    pub stale: Vec<StaleCtx>,
    pub no_owner: Vec<RelatedCtx>,
    pub expiring: Vec<ExpiringCtx>,
    pub lint: LintCtx,
    pub trust: TrustCtx,
}

/// A share of trusted documents: a name (owner, folder), a percentage, the counts.
#[derive(Serialize, Clone)]
pub struct ShareCtx {
    pub name: String,
    pub percent: u32,
    pub trusted: usize,
    pub total: usize,
}

/// A document that is not trusted, and why.
#[derive(Serialize, Clone)]
pub struct DoubtCtx {
    pub title: String,
    pub url: String,
    pub owner: Option<String>,
    pub reasons: Vec<String>,
}

/// The trust score on the health page (`model::trust`).
#[derive(Serialize, Clone)]
pub struct TrustCtx {
    pub documents: ShareCtx,
    pub messages: ShareCtx,
    /// `[lint] min_trust` as a percentage, when set.
    pub min_percent: Option<u32>,
    /// The line saying by how much the score is below `min_trust`, when it is.
    pub below: Option<String>,
    pub by_owner: Vec<ShareCtx>,
    pub by_folder: Vec<ShareCtx>,
    pub doubts: Vec<DoubtCtx>,
}
