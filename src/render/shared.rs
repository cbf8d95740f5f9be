//! What every page shares: the handbook, the site context and the message and claim
//! texts rendered once, with the URLs pages link each other by.

use super::changes::Changelog;
use super::context::{LinkCtx, SiteCtx, StepCtx};
use super::refs::{self, Texts};
use super::values::opt;
use crate::model::anchors;
use crate::model::{Document, GENERATED, Handbook, Sp, Step};
use crate::url::encode_path;

/// Facts derived once from the model and shared by every page.
pub struct Shared<'a> {
    pub hb: &'a Handbook,
    pub site: SiteCtx,
    /// Every message and claim text rendered once.
    pub texts: Texts<'a>,
    /// The messaging changelog, when the commands layer read one from git.
    pub changelog: Option<&'a Changelog>,
}

impl<'a> Shared<'a> {
    /// A playbook's steps as the theme shows them (its page and the cadence page).
    pub(super) fn steps(&self, steps: &[Step]) -> Vec<StepCtx> {
        steps
            .iter()
            .map(|s| StepCtx {
                title_html: self.prose(&s.title.value),
                owner: opt(&s.owner),
                when: opt(&s.when),
            })
            .collect()
    }

    /// A message's text as shown, by `DOCID.MSGID` (empty for an unknown id).
    pub fn message_html(&self, full: &str) -> String {
        self.texts
            .message_html
            .get(full)
            .cloned()
            .unwrap_or_default()
    }

    /// A claim's text as shown (empty for an unknown id).
    pub fn claim_html(&self, id: &str) -> String {
        self.texts.claim_html.get(id).cloned().unwrap_or_default()
    }

    pub fn new(hb: &'a Handbook) -> Shared<'a> {
        let base = hb.config.book.base_url.clone();
        let site = SiteCtx {
            title: hb.config.book.title.clone(),
            description: hb.config.book.description.clone(),
            language: hb.config.book.language.clone(),
            assets: format!("{base}assets/"),
            base_url: base.clone(),
            today: hb.today.to_string(),
            version: env!("CARGO_PKG_VERSION"),
            generated: GENERATED
                .iter()
                .map(|(u, t)| LinkCtx {
                    title: t.to_string(),
                    url: match super::values::own_page(hb, u).and_then(|i| hb.docs.get(i)) {
                        Some(d) => hb.url(d),
                        None => format!("{base}{u}"),
                    },
                })
                .collect(),
        };
        Shared {
            hb,
            site,
            texts: refs::texts(hb),
            changelog: None,
        }
    }

    pub(super) fn url(&self, d: &Document) -> String {
        self.hb.url(d)
    }

    pub(super) fn link(&self, i: usize) -> Option<LinkCtx> {
        let d = self.hb.docs.get(i)?;
        Some(LinkCtx {
            title: d.title.value.clone(),
            url: self.url(d),
        })
    }

    pub(super) fn links(&self, list: Option<&Vec<usize>>) -> Vec<LinkCtx> {
        list.map(|l| l.iter().filter_map(|i| self.link(*i)).collect())
            .unwrap_or_default()
    }

    pub(super) fn section_url(&self, path: &str) -> String {
        // A section page with a `slug` or `permalink` of its own.
        if let Some(d) = self
            .hb
            .nav
            .sections
            .get(path)
            .and_then(|s| s.doc)
            .filter(|&i| self.hb.is_published(i))
            .and_then(|i| self.hb.docs.get(i))
        {
            return self.url(d);
        }
        if path.is_empty() {
            self.site.base_url.clone()
        } else {
            format!("{}{}/", self.site.base_url, encode_path(path))
        }
    }

    pub(super) fn message_url(&self, full: &str) -> String {
        match self.hb.message(full) {
            Some((d, m)) => format!("{}#{}", self.url(d), anchors::message(&m.full)),
            None => String::new(),
        }
    }

    pub(super) fn claim_url(&self, id: &str) -> String {
        match self.hb.claim(id) {
            Some((d, c)) => format!("{}#{}", self.url(d), anchors::claim(&c.id.value)),
            None => String::new(),
        }
    }

    /// Fill the reference holes of a body (see [`Texts::body_html`]).
    pub fn body_html(&self, doc: &Document) -> String {
        self.texts.body_html(self.hb, doc)
    }

    /// Front-matter prose with its references expanded one level deep: a cited message
    /// or claim shows its own references as text.
    pub fn prose(&self, text: &str) -> String {
        self.texts.prose(self.hb, text)
    }

    pub(super) fn prose_opt(&self, s: &Option<Sp<String>>) -> Option<String> {
        s.as_ref().map(|s| self.prose(&s.value))
    }
}
