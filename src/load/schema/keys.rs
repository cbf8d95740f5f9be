//! The top-level key tables that `book.toml`'s checks and `gtmbook import` read too:
//! gtmbook's own keys with the other generators' keys it reads, the keys it accepts
//! and ignores, and the date keys `[lint] reviewed_from` may name. A leaf: it imports
//! nothing, so `config.rs` can ask it without a circle.

pub const COMMON_KEYS: &[&str] = &[
    "title",
    "type",
    "id",
    "owner",
    "reviewed",
    "review_every",
    "status",
    "weight",
    "description",
    "tags",
    "audience",
    "channels",
    "lint",
    "claims",
    // Other generators' keys that gtmbook reads (README "Front-matter from other
    // generators"): drafts, dates, navigation order.
    "draft",
    "published",
    "date",
    "lastmod",
    "last_modified_at",
    "order",
    "nav_order",
    "sidebar_position",
    "slug",
    "permalink",
    "aliases",
    "redirect_from",
    "lang",
];

/// Keys other generators use for their templates (layout, menus, sidebars, a table of
/// contents, a social image, taxonomies). gtmbook has its own layout and navigation, so
/// they mean nothing here and harm nothing: accepted silently.
pub const FOREIGN_KEYS: &[&str] = &[
    "layout",
    "toc",
    "sidebar",
    "menu",
    "hide_sidebar",
    "image",
    "categories",
    "keywords",
];
