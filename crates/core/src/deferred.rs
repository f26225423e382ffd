//! What the second wasm module (`extras/`) serves on demand: diagrams, exports and the catalogue browser.
//!
//! Exports take the decision as its link fragment (see `permalink`), diagrams what they are drawn from as
//! [`encode_input`] text, so the app and the on-demand module exchange plain strings. Pure: no browser dependency; tested natively.

mod catalogue;

use crate::catalog::Catalog;
use crate::diagrams::{
    layout, render_svg, to_mermaid, Diagram, DiagramId, DiagramInput, ReplicationLabel, SvgMode,
};
use crate::engine::{recommend, Recommendation, Verdict};
use crate::export::{self, escape_html};
use crate::permalink::{self, percent_decode, percent_encode};

pub use catalogue::catalogue_html;

/// Separates the arguments of an on-demand function in a `data-args` attribute (see `browser::fill_pending`).
pub const ARG_SEPARATOR: char = '\u{1f}';

/// The decision a fragment holds and its recommendation.
fn decided(fragment: &str) -> (crate::decision::Decision, Recommendation<'static>) {
    let catalog = Catalog::builtin();
    let decision = permalink::decode(fragment, catalog).decision;
    let rec = recommend(catalog, decision.requirements());
    (decision, rec)
}

/// The parts of a [`DiagramInput`] that a decision sets (see `export::diagram_input`), as one line of text:
/// the on-demand module's argument, and the key that tells the app when a card's diagram must be redrawn.
pub fn encode_input(input: &DiagramInput) -> String {
    let services: Vec<String> = input.services.iter().map(|s| percent_encode(s)).collect();
    [
        percent_encode(&input.store_name),
        input.replication.label().to_string(),
        input.replicas.to_string(),
        input.shared_database_verdict.as_str().to_string(),
        percent_encode(&input.owner_service),
        services.join(","),
    ]
    .join("|")
}

/// The inverse of [`encode_input`]; never fails: missing or unreadable parts keep the seed's defaults.
pub fn decode_input(text: &str) -> DiagramInput {
    let mut input = DiagramInput::default();
    let parts: Vec<&str> = text.split('|').collect();
    let part = |i: usize| parts.get(i).copied().filter(|p| !p.is_empty());
    if let Some(store) = part(0) {
        input.store_name = percent_decode(store);
        input.new_store = input.store_name.clone();
    }
    let mode = part(1).and_then(|m| ReplicationLabel::from_choice(&format!("primary-replica-{m}")));
    if let Some(mode) = mode {
        input.replication = mode;
    }
    if let Some(replicas) = part(2).and_then(|r| r.parse().ok()) {
        input.replicas = replicas;
    }
    input.shared_database_verdict = match part(3) {
        Some("recommended") => Verdict::Recommended,
        Some("acceptable") => Verdict::Acceptable,
        _ => input.shared_database_verdict,
    };
    if let Some(owner) = part(4) {
        input.owner_service = percent_decode(owner);
    }
    if let Some(services) = part(5) {
        input.services = services.split(',').map(percent_decode).collect();
    }
    input
}

/// The diagram named by `diagram` (a diagram id or an engine choice id), drawn from an [`encode_input`] text
/// (empty: the seed's own example).
fn diagram(input: &str, diagram: &str) -> Option<Diagram> {
    let id = DiagramId::parse(diagram).or_else(|| crate::diagrams::diagram_for_choice(diagram))?;
    Some(layout(id, &decode_input(input)))
}

/// Inline SVG (classes only, for the CSP-strict page) and its text version, as HTML; empty for an unknown id.
pub fn diagram_figure(input: &str, id: &str, id_prefix: &str) -> String {
    let Some(d) = diagram(input, id) else {
        return String::new();
    };
    let mut html = String::with_capacity(8 * 1024);
    html.push_str("<div class=\"diagram-svg\">");
    html.push_str(&render_svg(&d, SvgMode::Inline, id_prefix));
    html.push_str("</div><details><summary>Text version</summary><ol>");
    for sentence in &d.text_alternative {
        html.push_str("<li>");
        html.push_str(&escape_html(sentence));
        html.push_str("</li>");
    }
    html.push_str("</ol></details>");
    html
}

/// A standalone `.svg` file (styles inlined); empty for an unknown id.
pub fn diagram_svg(input: &str, id: &str) -> String {
    diagram(input, id).map_or_else(String::new, |d| {
        render_svg(&d, SvgMode::Standalone, d.id.as_str())
    })
}

/// Mermaid source; empty for an unknown id.
pub fn diagram_mermaid(input: &str, id: &str) -> String {
    diagram(input, id).map_or_else(String::new, |d| to_mermaid(&d))
}

pub fn adr_markdown(fragment: &str, link: &str) -> String {
    let (decision, rec) = decided(fragment);
    export::adr_markdown(Catalog::builtin(), &decision, &rec, link)
}

pub fn decision_json(fragment: &str) -> String {
    let (decision, rec) = decided(fragment);
    export::decision_json(Catalog::builtin(), &decision, &rec)
}
