//! `overlay::load` (an organisation's file applied to the built-in catalogue) on any bytes: no panic, every
//! error located, and the cards of a catalogue that loads link only to http(s) addresses (fuzz/checks.rs).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::check_overlay(data);
});
