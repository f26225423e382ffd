//! What the on-demand module serves: diagrams drawn from a decision, the catalogue browser, exports.

use strata_core::catalog::Catalog;
use strata_core::deferred::{
    adr_markdown, catalogue_html, decision_json, decode_input, diagram_figure, diagram_mermaid,
    diagram_svg, encode_input,
};
use strata_core::diagrams::DiagramId;
use strata_core::engine::{recommend, Requirements};
use strata_core::export::diagram_input;
use strata_core::permalink;

fn reqs(ids: &[&str]) -> Requirements {
    ids.iter().map(|s| s.to_string()).collect()
}

#[test]
fn every_cards_catalogue_link_has_its_entry_in_the_catalogue() {
    let html = catalogue_html();
    let catalog = Catalog::builtin();
    let mut sets: Vec<Requirements> = catalog
        .presets
        .iter()
        .map(|p| p.requirements.iter().cloned().collect())
        .collect();
    sets.push(reqs(&[
        "strong-consistency",
        "local-writes",
        "low-latency",
        "multi-region",
        "schema-change",
        "switch-database",
    ]));
    sets.push(reqs(&[
        "microservices",
        "no-data-loss",
        "high-availability",
        "blobs",
        "graph",
        "full-text",
    ]));
    for set in sets {
        for card in recommend(catalog, &set).cards() {
            assert!(
                html.contains(&format!("id=\"{}\"", card.catalog_ref)),
                "no catalogue entry {} for {:?}",
                card.catalog_ref,
                set
            );
        }
    }
}

#[test]
fn the_catalogue_shows_all_ten_diagrams_and_every_store() {
    let html = catalogue_html();
    for id in DiagramId::ALL {
        assert!(
            html.contains(&format!("data-diagram=\"{}\"", id.as_str())),
            "{}",
            id.as_str()
        );
    }
    for store in &Catalog::builtin().stores {
        for example in &store.examples {
            assert!(html.contains(example.as_str()), "{example}");
        }
    }
}

/// What a card passes to the on-demand module for a decision held in a link.
fn input_of(fragment: &str) -> String {
    let catalog = Catalog::builtin();
    let decision = permalink::decode(fragment, catalog).decision;
    encode_input(&diagram_input(
        &decision,
        &recommend(catalog, decision.requirements()),
    ))
}

#[test]
fn the_diagram_input_survives_its_text_form() {
    let catalog = Catalog::builtin();
    let decision = permalink::decode(
        "r=read-heavy,microservices&n=Orders%7C,x&n2=Users%20%E2%9C%93",
        catalog,
    )
    .decision;
    let input = diagram_input(&decision, &recommend(catalog, decision.requirements()));
    assert_eq!(decode_input(&encode_input(&input)), input);
    assert_eq!(
        decode_input(""),
        strata_core::diagrams::DiagramInput::default()
    );
    assert_eq!(
        decode_input("|||garbage|"),
        strata_core::diagrams::DiagramInput::default()
    );
}

#[test]
fn a_diagram_is_drawn_from_the_decision() {
    let figure = diagram_figure(
        &input_of("r=no-data-loss,acid"),
        "primary-replica-sync",
        "dg-x",
    );
    assert!(
        figure.contains("<svg") && figure.contains("sync"),
        "{figure}"
    );
    assert!(
        figure.contains("PostgreSQL"),
        "the recommended store is named: {figure}"
    );
    assert!(figure.contains("<details><summary>Text version</summary><ol><li>"));
    assert!(diagram_figure("", "no-such-diagram", "x").is_empty());
}

#[test]
fn hostile_names_are_escaped_in_every_output() {
    let fragment = "t=%3Cscript%3Ealert(1)%3C%2Fscript%3E%60%7C&n=%3Cimg%20src%3Dx%3E&r=microservices&n2=B%22%3E";
    let figure = diagram_figure(fragment, "database-per-service", "dg-y");
    assert!(
        !figure.contains("<img") && !figure.contains("<script"),
        "{figure}"
    );
    let svg = diagram_svg(fragment, "database-per-service");
    assert!(svg.starts_with("<?xml") && !svg.contains("<img"));
    assert!(!diagram_mermaid(fragment, "database-per-service").contains('<'));
    assert!(!adr_markdown(fragment, "https://wiki.example/strata/").contains("<script"));
    let json = decision_json(fragment);
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(parsed["decision"]["title"], "<script>alert(1)</script>`|");
}
