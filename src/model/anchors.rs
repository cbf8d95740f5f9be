//! Element ids the theme gives to messages, claims and glossary terms, so links can
//! point at them (`platform.md#msg-one-liner`).

pub fn message(id: &str) -> String {
    format!("msg-{}", id.replace('.', "-"))
}

pub fn claim(id: &str) -> String {
    format!("claim-{id}")
}

pub fn term(term: &str) -> String {
    format!("term-{}", crate::url::slugify(term))
}
