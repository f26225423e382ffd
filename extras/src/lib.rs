//! Strata's second wasm module, loaded on demand (the first time a card shows a diagram or the user exports):
//! it keeps the first load small. The two modules share nothing but strings. The work itself is in `strata_core::deferred`, pure and tested natively.

use strata::browser;
use wasm_bindgen::prelude::*;

/// The inline SVG of a diagram drawn from `input` (`deferred::encode_input` text), plus its text version (HTML).
#[wasm_bindgen]
pub fn diagram_figure(input: &str, diagram: &str, id_prefix: &str) -> String {
    strata_core::deferred::diagram_figure(input, diagram, id_prefix)
}

/// The decision as an ADR in Markdown (MADR layout); `link` reopens it.
#[wasm_bindgen]
pub fn adr_markdown(fragment: &str, link: &str) -> String {
    strata_core::deferred::adr_markdown(fragment, link)
}

/// The decision and its recommendation as versioned JSON.
#[wasm_bindgen]
pub fn decision_json(fragment: &str) -> String {
    strata_core::deferred::decision_json(fragment)
}

/// The catalogue browser (every section of the seed, with its diagrams) as HTML.
#[wasm_bindgen]
pub fn catalogue_html() -> String {
    strata_core::deferred::catalogue_html()
}

/// Performs a share or export action: makes its text, then copies or downloads it. Resolves to
/// `[feedback message, text for the user to copy by hand (empty unless the clipboard refused)]`.
/// `fragment` is the decision's link fragment, or for diagram actions what the diagram is drawn from
/// (`deferred::encode_input` text); `name` is the diagram id for diagram actions and the file name stem for
/// downloads.
#[wasm_bindgen]
pub async fn act(action: String, fragment: String, link: String, name: String) -> js_sys::Array {
    let (message, manual) = perform(&action, &fragment, &link, &name).await;
    js_sys::Array::of2(&message.into(), &manual.into())
}

async fn perform(action: &str, fragment: &str, link: &str, name: &str) -> (String, String) {
    use strata_core::deferred as d;
    let (text, copy_done, file) = match action {
        "copy-link" => (link.to_string(), "Link copied.", None),
        "copy-adr" => (
            d::adr_markdown(fragment, link),
            "ADR copied as Markdown.",
            None,
        ),
        "copy-mermaid" => (
            d::diagram_mermaid(fragment, name),
            "Mermaid source copied.",
            None,
        ),
        "download-adr" => (
            d::adr_markdown(fragment, link),
            "",
            Some((format!("{name}.md"), "text/markdown")),
        ),
        "download-json" => (
            d::decision_json(fragment),
            "",
            Some((format!("{name}.json"), "application/json")),
        ),
        "download-svg" => (
            d::diagram_svg(fragment, name),
            "",
            Some((format!("strata-{name}.svg"), "image/svg+xml")),
        ),
        _ => return (format!("Unknown action {action}."), String::new()),
    };
    if text.is_empty() {
        return ("Nothing to export here.".into(), String::new());
    }
    match file {
        Some((file, mime)) => match browser::download(&file, mime, &text) {
            Ok(()) => (format!("Downloaded {file}."), String::new()),
            Err(message) => (message, String::new()),
        },
        None => match browser::copy_text(&text).await {
            Ok(()) => (copy_done.to_string(), String::new()),
            Err(message) => (message, text),
        },
    }
}

/// The embed dialog's snippets for a decision, as labelled read-only text areas (HTML): iframe HTML, Confluence
/// HTML macro, MediaWiki and Markdown links.
#[wasm_bindgen]
pub fn embed_html(page_url: &str, fragment: &str, title: &str) -> String {
    use strata_core::export as e;
    let link = format!("{page_url}#{fragment}");
    let snippets = [
        (
            "embed-iframe",
            "HTML (iframe)",
            e::iframe_snippet(page_url, fragment, title),
        ),
        (
            "embed-confluence",
            "Confluence (HTML macro)",
            e::confluence_snippet(page_url, fragment, title),
        ),
        (
            "embed-mediawiki",
            "MediaWiki link",
            e::mediawiki_link(&link, title),
        ),
        (
            "embed-markdown",
            "Markdown link (GitHub wiki)",
            e::markdown_link(&link, title),
        ),
    ];
    snippets
        .iter()
        .map(|(id, label, text)| {
            format!(
                "<div class=\"snippet\"><label for=\"{id}\">{label}</label><textarea id=\"{id}\" readonly rows=\"3\">{}</textarea></div>",
                e::escape_html(text)
            )
        })
        .collect()
}
