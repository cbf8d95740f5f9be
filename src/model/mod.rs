//! The handbook as one immutable model: documents, messages, claims, personas, the
//! glossary, id indexes and the navigation tree. `check` and `render` only read it.

mod address;
pub mod anchors;
pub mod dates;
mod document;
mod handbook;
pub mod nav;
mod prose;
pub mod resolve;
mod typed;
pub mod uses;

pub use address::*;
pub use document::*;
pub use handbook::*;
pub use prose::*;
pub use typed::*;
