//! Strata's pure core: the seed's knowledge as data (`catalog`), the engine that turns ticks into explained
//! verdicts (`engine`), the user's decision and its link (`decision`, `permalink`), the seed's diagrams
//! (`diagrams`), the advice for a system of several services (`system`), the exports (`export`, `card_html`),
//! and the one boundary with the on-demand module (`boundary`: typed requests and responses, one codec) with
//! what it serves (`deferred`).
//!
//! No `yew`, `web-sys`, `wasm-bindgen` or `gloo`: the compiler keeps it pure, and everything here is tested
//! natively. See ARCHITECTURE.md for the code map.

pub mod advice;
pub mod boundary;
pub mod card_html;
pub mod catalog;
pub mod decision;
pub mod deferred;
pub mod diagrams;
pub mod engine;
pub mod export;
pub mod json;
pub mod permalink;
pub mod system;
pub mod text;
