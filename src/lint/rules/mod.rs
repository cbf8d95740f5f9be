//! One file per rule.

pub mod config_invalid;
pub mod config_unknown_key;
pub mod file_unreadable;
pub mod frontmatter_schema;
pub mod frontmatter_syntax;
pub mod frontmatter_unknown_key;
pub mod id_duplicate;
pub mod link_broken;
pub mod ref_unknown;
