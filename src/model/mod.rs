//! The handbook as one immutable model: documents, messages, claims, personas, the
//! glossary, id indexes and the navigation tree. `check` and `render` only read it.

pub mod anchors;
pub mod dates;
mod document;
mod handbook;
pub mod nav;
pub mod resolve;
pub mod uses;

pub use document::*;
pub use handbook::*;
