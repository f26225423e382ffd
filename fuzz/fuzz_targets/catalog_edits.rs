//! `Catalog::from_json` on the real catalogue after structural edits chosen by the fuzz bytes (delete, retype,
//! duplicate, rename, move), so the cross-reference validation is reached: no panic, every error located.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::check_catalog(&checks::edited_catalog(data));
});
