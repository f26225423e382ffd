//! `Catalog::from_json` on any text: no panic, every error located (fuzz/checks.rs).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::check_catalog(&String::from_utf8_lossy(data));
});
