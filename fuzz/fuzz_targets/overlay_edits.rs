//! `overlay::load` on the example organisation file after structural edits chosen by the fuzz bytes, so that
//! the merge and its checks are reached, not only the JSON syntax: same checks as `overlay_load`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::check_overlay(checks::edited_overlay(data).as_bytes());
});
