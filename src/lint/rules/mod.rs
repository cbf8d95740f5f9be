//! One file per rule checked over the loaded model, and `CHECKS`, their list made from
//! the table in `crate::rules` (the rules found while loading have no file here).

pub mod claim_expired;
pub mod claim_mismatch;
pub mod claim_unbacked;
pub mod claim_unsourced;
pub mod freshness_stale;
pub mod frontmatter_html;
pub mod link_broken;
pub mod link_unsafe;
pub mod message_copy;
pub mod message_drift;
pub mod message_no_response;
pub mod message_unproven;
pub mod message_unused;
pub mod meta_owner;
pub mod positioning_conflict;
pub mod ref_cycle;
pub mod ref_retired;
pub mod ref_unknown;
pub mod term_avoid;
pub mod term_banned;
pub mod term_case;

use super::ctx::Ctx;
use crate::diagnostics::Diagnostic;

/// A rule run over the loaded model.
pub type Check = fn(&Ctx, &mut Vec<Diagnostic>);

/// Expands the lines of `crate::rules::rule_table` into `CHECKS`: the `check` of each
/// module of a `check` rule, in table order; `loading` rules are left out.
macro_rules! checks {
    (@ [$($done:path),*]) => {
        /// The checks over the loaded model (the other rules fire while loading).
        pub static CHECKS: &[Check] = &[$($done),*];
    };
    (@ [$($done:path),*] $name:ident $id:literal $default:ident $module:ident loading; $($rest:tt)*) => {
        checks! { @ [$($done),*] $($rest)* }
    };
    (@ [$($done:path),*] $name:ident $id:literal $default:ident $module:ident check; $($rest:tt)*) => {
        checks! { @ [$($done,)* $module::check] $($rest)* }
    };
    ($($name:ident $id:literal $default:ident $module:ident $found:ident;)*) => {
        checks! { @ [] $($name $id $default $module $found;)* }
    };
}
crate::rules::rule_table!(checks);
