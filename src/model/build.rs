//! `Handbook::new`: the id indexes (duplicate ids reported), the layout, navigation,
//! the output files claimed, and the reverse index of uses (backlinks are built when first asked for).

use super::address::Layout;
use super::document::Document;
use super::handbook::{Handbook, Loc};
use super::values::{DocType, Sp};
use super::{nav, uses};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::rules;
use crate::source::Sources;
use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

impl Handbook {
    /// Build the indexes, report duplicate ids and build navigation.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        root: PathBuf,
        config: Config,
        today: Date,
        sources: Sources,
        mut docs: Vec<Document>,
        assets: BTreeSet<String>,
        config_file: Option<crate::source::FileId>,
        diags: &mut Vec<Diagnostic>,
    ) -> Handbook {
        docs.sort_by(|a, b| a.rel.cmp(&b.rel));
        let mut hb = Handbook {
            root,
            config,
            today,
            sources,
            docs,
            assets,
            messages: HashMap::new(),
            claims: HashMap::new(),
            personas: HashMap::new(),
            doc_ids: HashMap::new(),
            by_rel: HashMap::new(),
            by_url: HashMap::new(),
            by_alias: BTreeMap::new(),
            shadowed: BTreeSet::new(),
            layout: Layout::default(),
            nav: nav::Nav::default(),
            uses: Default::default(),
            backlinks: Default::default(),
            config_file,
        };
        hb.index(diags);
        hb.layout = Layout::new(
            &hb.config.build.languages,
            &hb.config.book.language,
            hb.docs.iter().map(|d| d.rel.as_str()),
            hb.assets.iter().map(String::as_str),
        );
        // Each language but the default one is a navigation tree of its own.
        let roots: BTreeSet<String> = hb
            .layout
            .languages
            .iter()
            .filter(|l| **l != hb.layout.default_lang)
            .cloned()
            .collect();
        hb.nav = nav::Nav::build(&hb.docs, &roots);
        hb.addresses(diags);
        hb.uses = uses::build(&hb.docs, |d| hb.is_built(d));
        hb
    }

    fn index(&mut self, diags: &mut Vec<Diagnostic>) {
        let mut first_doc: BTreeMap<String, usize> = BTreeMap::new();
        for (i, d) in self.docs.iter().enumerate() {
            self.by_rel.insert(d.rel.clone(), i);
            self.by_url.entry(d.url.clone()).or_insert(i);
            if d.id_explicit {
                if let Some(o) = first_doc.get(&d.id.value).and_then(|o| self.docs.get(*o)) {
                    diags.push(duplicate("document", &d.id, &o.id));
                } else {
                    first_doc.insert(d.id.value.clone(), i);
                }
            }
            for (j, m) in d.messages.iter().enumerate() {
                match self.messages.get(&m.full) {
                    Some(l) => {
                        if let Some(o) = self.docs.get(l.doc).and_then(|d| d.messages.get(l.item)) {
                            diags.push(duplicate("message", &m.id, &o.id));
                        }
                    }
                    None => {
                        self.messages
                            .insert(m.full.clone(), Loc { doc: i, item: j });
                    }
                }
            }
            for (j, c) in d.claims.iter().enumerate() {
                match self.claims.get(&c.id.value) {
                    Some(l) => {
                        if let Some(o) = self.docs.get(l.doc).and_then(|d| d.claims.get(l.item)) {
                            diags.push(duplicate("claim", &c.id, &o.id));
                        }
                    }
                    None => {
                        self.claims
                            .insert(c.id.value.clone(), Loc { doc: i, item: j });
                    }
                }
            }
        }
        for (id, i) in &first_doc {
            self.doc_ids.insert(id.clone(), *i);
            if self
                .docs
                .get(*i)
                .is_some_and(|d| d.kind == DocType::Persona)
            {
                self.personas.insert(id.clone(), *i);
            }
        }
        // Default ids of plain pages resolve too, when unambiguous.
        let mut defaults: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, d) in self.docs.iter().enumerate() {
            if !d.id_explicit {
                defaults.entry(d.id.value.as_str()).or_default().push(i);
            }
        }
        for (id, list) in defaults {
            if let [only] = list.as_slice() {
                self.doc_ids.entry(id.to_string()).or_insert(*only);
            }
        }
    }
}

fn duplicate(what: &str, here: &Sp<String>, first: &Sp<String>) -> Diagnostic {
    Diagnostic::new(
        &rules::ID_DUPLICATE,
        here.span,
        format!("{what} id `{}` is already used", here.value),
    )
    .related(
        first.span,
        format!("`{}` is first defined here", first.value),
    )
    .help(format!("give this {what} an id of its own"))
}
