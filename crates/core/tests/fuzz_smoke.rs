//! A few seconds of the fuzzers' checks (`fuzz/checks.rs`) on deterministic inputs: mutations of real
//! fragments, of the real catalogue and of the example organisation file (bytes and structure) and random bytes. The long runs (a million inputs and
//! more per target) are `cargo fuzz` runs, documented in docs/PERFORMANCE.md.
//!
//! `cargo test --test fuzz_smoke -- --ignored write_fuzz_seeds` writes the fuzzers' seed corpus to fuzz/seeds/.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../../fuzz/checks.rs"]
mod checks;

use checks::{
    check_catalog, check_fragment, check_overlay, edited_catalog, edited_overlay, mutate, Rng,
    BUILTIN_JSON, EXAMPLE_OVERLAY, FRAGMENTS,
};
use std::time::Instant;
use strata_core::catalog::Catalog;
use strata_core::permalink;

const FRAGMENT_INPUTS: usize = 20_000;
/// Each catalogue input is a 36 KB document read by an unoptimised test build, so fewer of them.
const CATALOG_INPUTS: usize = 1_500;
/// Overlay files are small, but one that loads runs the engine and renders every card.
const OVERLAY_INPUTS: usize = 3_000;

#[test]
fn fragments_decode_without_panic_and_stably() {
    let started = Instant::now();
    let mut rng = Rng(0x5EED_0FF4_A600);
    let seeds: Vec<String> = FRAGMENTS
        .iter()
        .map(|s| s.to_string())
        .chain([permalink::encode(&checks::full_decision(), true)])
        .collect();
    for i in 0..FRAGMENT_INPUTS {
        let bytes = if i % 5 == 0 {
            let len = rng.below(64);
            rng.bytes(len)
        } else {
            mutate(seeds[rng.below(seeds.len())].as_bytes(), &mut rng)
        };
        check_fragment(&String::from_utf8_lossy(&bytes));
    }
    eprintln!(
        "fuzz smoke: {FRAGMENT_INPUTS} fragments in {:?}",
        started.elapsed()
    );
}

#[test]
fn catalogue_texts_load_or_explain_where() {
    let started = Instant::now();
    let mut rng = Rng(0xCA7A_1064);
    let mut loaded = 0;
    for i in 0..CATALOG_INPUTS {
        let text = match i % 3 {
            0 => String::from_utf8_lossy(&mutate(BUILTIN_JSON.as_bytes(), &mut rng)).into_owned(),
            1 => {
                let len = 1 + rng.below(64);
                edited_catalog(&rng.bytes(len))
            }
            _ => {
                let len = rng.below(48);
                String::from_utf8_lossy(&mutate(&rng.bytes(len), &mut rng)).into_owned()
            }
        };
        loaded += usize::from(check_catalog(&text));
    }
    eprintln!(
        "fuzz smoke: {CATALOG_INPUTS} catalogues in {:?}, {loaded} loaded",
        started.elapsed()
    );
}

#[test]
fn overlay_files_load_or_explain_where() {
    let started = Instant::now();
    let mut rng = Rng(0x0E61_A7E5);
    let mut loaded = 0;
    for i in 0..OVERLAY_INPUTS {
        let bytes = match i % 3 {
            0 => mutate(EXAMPLE_OVERLAY.as_bytes(), &mut rng),
            1 => {
                let len = 1 + rng.below(64);
                edited_overlay(&rng.bytes(len)).into_bytes()
            }
            _ => {
                let len = rng.below(48);
                mutate(&rng.bytes(len), &mut rng)
            }
        };
        loaded += usize::from(check_overlay(&bytes));
    }
    eprintln!(
        "fuzz smoke: {OVERLAY_INPUTS} overlays in {:?}, {loaded} loaded",
        started.elapsed()
    );
    assert!(loaded > 0, "no input reached a successful merge");
}

#[test]
fn the_checks_accept_the_real_inputs() {
    assert!(check_catalog(BUILTIN_JSON));
    assert!(Catalog::from_json(BUILTIN_JSON).is_ok());
    for fragment in FRAGMENTS {
        check_fragment(fragment);
    }
    // What the fuzzers found (2026-11-26), now rejected with messages that say where.
    assert!(!check_catalog("[]"));
    let empty_store_id = BUILTIN_JSON.replacen(r#"{"id": "relational""#, r#"{"id": """#, 1);
    assert_eq!(
        Catalog::from_json(&empty_store_id).unwrap_err().to_string(),
        "invalid catalogue: stores[0].id: an entry needs a non-empty id"
    );
    assert!(!check_catalog(&empty_store_id));
    check_fragment("r=%13");
    assert!(strata_core::permalink::decode("r=%13", Catalog::builtin())
        .unknown
        .is_empty());
    // And they catch an unlocated message.
    let bare = strata_core::catalog::CatalogError::Invalid("something is wrong".into());
    assert!(checks::unlocated(&bare).is_some());
    assert!(check_overlay(EXAMPLE_OVERLAY.as_bytes()));
    assert!(!check_overlay(b"{\"name\": \"Acme\", \"reviewed\": \"2026-11-20\", \"links\": [{\"title\": \"x\", \"url\": \"javascript:x\"}]}"));
    use strata_core::catalog::overlay::{OverlayError, OverlayErrorKind};
    let unplaced = OverlayError {
        kind: OverlayErrorKind::Content,
        path: String::new(),
        position: None,
        message: "something is wrong".into(),
    };
    assert!(checks::overlay_unlocated(&unplaced).is_some());
}

/// Writes the seed corpus of the five fuzz targets (fuzz/seeds/<target>/), deterministically.
#[test]
#[ignore = "writes files; run by hand before fuzzing"]
fn write_fuzz_seeds() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/seeds");
    let write = |target: &str, name: String, bytes: &[u8]| {
        let dir = root.join(target);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), bytes).unwrap();
    };
    let mut fragments: Vec<String> = FRAGMENTS.iter().map(|s| s.to_string()).collect();
    fragments.push(permalink::encode(&checks::full_decision(), true));
    for preset in &Catalog::builtin().presets {
        let mut decision = strata_core::decision::Decision {
            title: preset.title.to_string(),
            ..Default::default()
        };
        decision.services[0].requirements = preset.requirements.iter().cloned().collect();
        fragments.push(permalink::encode(&decision, false));
    }
    for (i, f) in fragments.iter().enumerate() {
        write("permalink_decode", format!("fragment-{i:02}"), f.as_bytes());
    }
    let mut rng = Rng(0x5EED);
    write(
        "catalog_from_json",
        "builtin.json".into(),
        BUILTIN_JSON.as_bytes(),
    );
    for i in 0..24 {
        let len = 8 + rng.below(24);
        let text = edited_catalog(&rng.bytes(len));
        write(
            "catalog_from_json",
            format!("edited-{i:02}.json"),
            text.as_bytes(),
        );
        write("catalog_edits", format!("edits-{i:02}"), &rng.bytes(len));
    }
    write(
        "overlay_load",
        "example-org.json".into(),
        EXAMPLE_OVERLAY.as_bytes(),
    );
    for i in 0..24 {
        let len = 8 + rng.below(24);
        let text = edited_overlay(&rng.bytes(len));
        write(
            "overlay_load",
            format!("edited-{i:02}.json"),
            text.as_bytes(),
        );
        write("overlay_edits", format!("edits-{i:02}"), &rng.bytes(len));
    }
    for (i, small) in [
        "{}",
        "[]",
        "{\"version\": 1}",
        "{\"version\": 1, \"version\": 2}",
        "\"\\uD800\"",
    ]
    .iter()
    .enumerate()
    {
        write(
            "catalog_from_json",
            format!("small-{i}.json"),
            small.as_bytes(),
        );
    }
}
