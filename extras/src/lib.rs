//! Strata's second wasm module, loaded on demand (the first time a diagram comes into view, or the user
//! exports or embeds): it keeps the first load small. It answers one typed request at a time
//! (`strata_core::boundary`); the work itself is pure and tested natively in `strata-core`.

use wasm_bindgen::prelude::*;

/// A `boundary::Request`'s bytes in, the `boundary::Response`'s bytes out.
#[wasm_bindgen]
pub fn answer(request: &[u8]) -> Vec<u8> {
    strata_core::boundary::answer_bytes(request)
}
