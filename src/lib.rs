//! Strata: a data-architecture decision tool.
//!
//! The pure core (`catalog`, `engine`, `diagrams`, `permalink`, `export`) has no browser dependency and is
//! tested natively. The shell (`app`, `components`, `browser`) renders state and sends actions.
//! See ARCHITECTURE.md for the code map.

pub mod catalog;
pub mod diagrams;
pub mod engine;
