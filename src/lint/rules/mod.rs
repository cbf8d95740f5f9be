//! One file per rule.

pub mod claim_expired;
pub mod claim_mismatch;
pub mod claim_unbacked;
pub mod claim_unsourced;
pub mod config_invalid;
pub mod config_unknown_key;
pub mod file_unreadable;
pub mod freshness_stale;
pub mod frontmatter_schema;
pub mod frontmatter_syntax;
pub mod frontmatter_unknown_key;
pub mod id_duplicate;
pub mod link_broken;
pub mod link_unsafe;
pub mod message_copy;
pub mod message_drift;
pub mod message_no_response;
pub mod message_unproven;
pub mod message_unused;
pub mod meta_owner;
pub mod positioning_conflict;
pub mod ref_retired;
pub mod ref_unknown;
pub mod term_avoid;
pub mod term_banned;
pub mod term_case;
