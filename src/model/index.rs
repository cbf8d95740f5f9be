//! The reverse indexes of the model, built once by `Handbook::new`: who uses each
//! message, claim and persona, and which links point at each document and anchor.
//! `uses.rs` and `backlinks.rs` build them; render, the API, lint rules and `impact`
//! read them.

use std::collections::HashMap;

/// How a document uses a message, claim or persona.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A `{{kind:id}}` in the body: `body.refs[n]`.
    Body(usize),
    /// A `{{kind:id}}` in front-matter prose (rendered one level deep).
    Prose,
    /// A claim as the proof of a message: `messages[item].proof[n]`.
    Proof { item: usize, n: usize },
    /// A message named as a competitor differentiator.
    Differentiator,
    /// A persona named in `audience` or positioning `for`.
    Audience,
}

/// One use: the document and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Use {
    pub doc: usize,
    pub via: Via,
}

/// The uses of one id.
#[derive(Debug, Clone, Default)]
pub struct UsedBy {
    /// Every use, in document order, then in the order of the checks in the document.
    pub uses: Vec<Use>,
    /// The documents of `uses`: sorted, unique.
    pub docs: Vec<usize>,
    /// The documents that use it on the site: built documents, and any document whose
    /// message cites a claim as proof. Sorted, unique.
    pub on_site: Vec<usize>,
}

/// Who uses what, by message `DOCID.MSGID`, claim id and persona id (ids that name
/// nothing are kept too: an unknown reference is a use of that id).
#[derive(Debug, Clone, Default)]
pub struct Uses {
    pub messages: HashMap<String, UsedBy>,
    pub claims: HashMap<String, UsedBy>,
    pub personas: HashMap<String, UsedBy>,
}

impl Uses {
    /// The documents using a message (`on_site`: as on the site), if any.
    pub fn message(&self, full: &str, on_site: bool) -> Option<&Vec<usize>> {
        self.messages.get(full).map(|u| u.view(on_site))
    }

    pub fn claim(&self, id: &str, on_site: bool) -> Option<&Vec<usize>> {
        self.claims.get(id).map(|u| u.view(on_site))
    }

    pub fn persona(&self, id: &str, on_site: bool) -> Option<&Vec<usize>> {
        self.personas.get(id).map(|u| u.view(on_site))
    }
}

impl UsedBy {
    fn view(&self, on_site: bool) -> &Vec<usize> {
        if on_site { &self.on_site } else { &self.docs }
    }
}

/// A link of a document: `docs[doc].body.links[link]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LinkAt {
    pub doc: usize,
    pub link: usize,
}

/// Which links point at each document and each anchor, from the one resolver.
#[derive(Debug, Clone, Default)]
pub struct Backlinks {
    /// For each document, the documents linking to it (not itself): sorted, unique.
    pub docs: Vec<Vec<usize>>,
    /// `(document, element id)` → the links (any document, itself too) whose fragment
    /// points there, in document and link order. The id is the one the page has when the
    /// fragment is another slugger's spelling of it, else the fragment as written.
    pub anchors: HashMap<(usize, String), Vec<LinkAt>>,
}

impl Backlinks {
    /// The documents linking to document `i`.
    pub fn to_doc(&self, i: usize) -> Option<&Vec<usize>> {
        self.docs.get(i)
    }

    /// The links pointing at element `id` of document `i`.
    pub fn to_anchor(&self, i: usize, id: &str) -> &[LinkAt] {
        self.anchors
            .get(&(i, id.to_string()))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}
