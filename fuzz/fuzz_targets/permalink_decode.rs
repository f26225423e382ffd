//! `permalink::decode` on any text: no panic, non-empty notices, stable decode/encode (fuzz/checks.rs).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::check_fragment(&String::from_utf8_lossy(data));
});
