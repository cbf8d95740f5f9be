//! The handbook as one immutable model: documents, messages, claims, personas, the
//! glossary, id indexes and the navigation tree. `check` and `render` only read it.

mod address;
pub mod anchors;
mod backlinks;
mod build;
pub mod dates;
mod document;
pub mod due;
mod handbook;
mod index;
pub mod nav;
mod outputs;
mod prose;
pub mod references;
pub mod resolve;
pub mod trust;
mod typed;
pub mod uses;
mod values;

pub use address::*;
pub use document::*;
pub use handbook::*;
pub use index::*;
pub use outputs::{GENERATED, GENERATED_FILES, OPTIONAL_GENERATED};
pub use prose::*;
pub use typed::*;
pub use values::*;
