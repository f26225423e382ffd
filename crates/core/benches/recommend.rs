//! Time of one `recommend` over random requirement sets (target: ≤ 20 µs natively).
//!
//! Run with `cargo bench --bench recommend`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use strata_core::catalog::Catalog;
use strata_core::engine::{recommend, Requirements};

/// Deterministic pseudo-random subsets of the vocabulary (xorshift), so runs are comparable.
fn requirement_sets(count: usize) -> Vec<Requirements> {
    let ids: Vec<String> = Catalog::builtin()
        .requirements()
        .map(|r| r.id.to_string())
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..count)
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
        .collect()
}

fn bench(c: &mut Criterion) {
    let cat = Catalog::builtin();
    let sets = requirement_sets(64);
    let mut i = 0;
    c.bench_function("recommend (random requirement sets)", |b| {
        b.iter(|| {
            i = (i + 1) % sets.len();
            black_box(recommend(cat, black_box(&sets[i])))
        })
    });
    let payments = cat
        .preset("payments-ledger")
        .map(|p| p.requirements.iter().cloned().collect())
        .unwrap_or_default();
    c.bench_function("recommend (payments-ledger preset)", |b| {
        b.iter(|| black_box(recommend(cat, black_box(&payments))))
    });
    c.bench_function("recommend (nothing ticked)", |b| {
        let empty = Requirements::new();
        b.iter(|| black_box(recommend(cat, black_box(&empty))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
