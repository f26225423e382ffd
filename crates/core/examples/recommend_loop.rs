//! Runs `recommend` over the benchmark's random requirement sets, for profiling with callgrind:
//! `cargo build --release -p strata-core --example recommend_loop && valgrind --tool=callgrind
//! target/release/examples/recommend_loop` (instruction counts are repeatable where wall time is not).

use strata_core::catalog::Catalog;
use strata_core::engine::{recommend, Requirements};

fn main() {
    let cat = Catalog::builtin();
    let ids: Vec<String> = cat.requirements().map(|r| r.id.clone()).collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let sets: Vec<Requirements> = (0..64)
        .map(|_| {
            ids.iter()
                .filter(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state.is_multiple_of(4)
                })
                .cloned()
                .collect()
        })
        .collect();
    let (mut cards, mut changes, mut reasons) = (0, 0, 0);
    for _ in 0..10 {
        for set in &sets {
            let r = recommend(cat, set);
            cards += r.cards().count();
            changes += r.cards().map(|c| c.would_change.len()).sum::<usize>();
            reasons += r
                .cards()
                .map(|c| c.reasons_for.len() + c.reasons_against.len())
                .sum::<usize>();
        }
    }
    println!(
        "per recommendation: {} cards, {} changes, {} reasons",
        cards / 640,
        changes / 640,
        reasons / 640
    );
}
