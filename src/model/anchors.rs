//! Element ids the theme gives to messages, claims and glossary terms, so links can
//! point at them (`platform.md#msg-platform-one-liner`).

/// The id of a message, from its full `DOCID.MSGID` (`msg-platform-one-liner`): the
/// same on its message house and on the message map, and unique across houses.
pub fn message(full: &str) -> String {
    format!("msg-{}", full.replace('.', "-"))
}

/// The id messages had on their message house before ids were made from the full id
/// (`msg-one-liner`): links written that way are still accepted there.
pub fn message_short(id: &str) -> String {
    format!("msg-{}", id.replace('.', "-"))
}

pub fn claim(id: &str) -> String {
    format!("claim-{id}")
}

pub fn term(term: &str) -> String {
    format!("term-{}", crate::url::slugify(term))
}
