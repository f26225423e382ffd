//! The catalogue leaves the first load: the hosted `index.html` keeps only a short placeholder in its
//! `#catalogue` section, and the catalogue is a page of its own, `catalogue.html`, made here from the same page
//! (its stylesheets, masthead and footer) with the catalogue in that section, every diagram drawn at build
//! time and no script at all: it reads and prints without JavaScript. The app loads that section's content
//! into its own page on demand (the loader's `strataCatalogue()`, see `extras::loader`).
//!
//! The offline file cannot fetch anything, so it carries the catalogue inline ([`inline`]), as the whole page
//! did before, with the app's figure component prerendered in the diagram slots.

use crate::html::start_tag;
use crate::Result;
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, text, RewriteStrSettings};
use strata_core::boundary::DiagramOf;
use strata_core::deferred::{catalogue_html, figure, figure_slot};
use strata_core::diagrams::DiagramId;

/// The page's file name; index.html links to it (the app also reads the `#catalogue` section from it).
pub const PAGE: &str = "catalogue.html";

/// Its policy: no script at all, styles only from the bundle.
pub const PAGE_CSP: &str =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

const TITLE: &str = "The catalogue · Strata";
const DESCRIPTION: &str =
    "Storage, consistency, replication, data patterns, migrations and a checklist: \
the knowledge behind Strata's recommendations, with its diagrams.";

/// The catalogue with `slot(diagram)` in each diagram slot.
fn content(slot: impl Fn(DiagramId) -> String) -> String {
    let mut html = catalogue_html();
    for d in DiagramId::SEED {
        html = html.replacen(&figure_slot(d, ""), &figure_slot(d, &slot(d)), 1);
    }
    html
}

/// A diagram drawn at build time with the seed's example names: the figure component's markup once drawn,
/// without its buttons (they need the app).
fn drawn(diagram: DiagramId) -> String {
    let figure = figure(&DiagramOf {
        diagram,
        drawing: None,
        system: None,
    });
    format!(
        "<figure class=\"diagram\" data-diagram=\"{}\" data-state=\"drawn\">{}</figure>",
        diagram.as_str(),
        figure.html()
    )
}

fn failed(e: impl std::fmt::Display) -> String {
    format!("making {PAGE}: {e}")
}

/// `catalogue.html` from the page: the same head (without scripts, preloads or the page's CSP) and masthead,
/// the catalogue with its diagrams drawn, the footer; the app's screen and the `<noscript>` go. Its links:
/// "Decide" goes to the app, "Catalogue" is this page.
pub fn page(html: &str) -> Result<String> {
    let content = content(drawn);
    let csp = start_tag(
        "meta",
        &[
            ("http-equiv".into(), "Content-Security-Policy".into()),
            ("content".into(), PAGE_CSP.into()),
        ],
    );
    let mut sections = 0;
    let out = rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!(
                    "script, link[rel~=preload], link[rel~=modulepreload], meta[http-equiv], #app, noscript",
                    |el| {
                        el.remove();
                        Ok(())
                    }
                ),
                // Its diagrams are drawn: their stylesheet loads with the page (a second run of this step
                // reads the hosted page, where it waits for the on-demand module).
                element!("link[data-on-demand]", |el| {
                    el.remove_attribute("disabled");
                    Ok(())
                }),
                element!("meta[charset]", |el| {
                    el.after(&csp, ContentType::Html);
                    Ok(())
                }),
                element!("title", |el| {
                    el.set_inner_content(TITLE, ContentType::Text);
                    Ok(())
                }),
                element!("meta[name=description]", |el| {
                    el.set_attribute("content", DESCRIPTION)?;
                    Ok(())
                }),
                element!("a.skip-link", |el| {
                    el.set_attribute("href", "#catalogue")?;
                    el.remove_attribute("data-reveal");
                    el.set_inner_content("Skip to the catalogue", ContentType::Text);
                    Ok(())
                }),
                element!("a[data-reveal=app]", |el| {
                    el.set_attribute("href", "./")?;
                    el.remove_attribute("data-reveal");
                    Ok(())
                }),
                element!("a[data-reveal=catalogue]", |el| {
                    el.set_attribute("href", "#catalogue")?;
                    el.set_attribute("aria-current", "page")?;
                    el.remove_attribute("data-reveal");
                    Ok(())
                }),
                // The page's main content.
                element!("#catalogue", |el| {
                    sections += 1;
                    el.set_tag_name("main")?;
                    el.set_inner_content(&content, ContentType::Html);
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::default()
        },
    )
    .map_err(failed)?;
    match sections {
        1 => Ok(out),
        n => Err(failed(format!(
            "the page has {n} elements with id \"catalogue\" (needs one)"
        ))),
    }
}

/// A link to the page, pointing at the section instead (for the offline file, which has it inline).
fn in_page(href: &str) -> Option<&'static str> {
    (href.trim_start_matches("./") == PAGE).then_some("#catalogue")
}

/// The page with the catalogue inline (for the offline file): the app's figure component prerendered in
/// each slot, as the app renders it before drawing, and links to `catalogue.html` pointing at the section
/// (those inside `<noscript>` too, which an HTML rewriter reads as text).
pub fn inline(html: &str) -> Result<String> {
    let content = content(strata::components::figure::prerender);
    let mut sections = 0;
    let mut noscript = String::new();
    let out = rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("#catalogue", |el| {
                    sections += 1;
                    el.set_inner_content(&content, ContentType::Html);
                    Ok(())
                }),
                element!("a[href]", |el| {
                    if let Some(href) = in_page(&el.get_attribute("href").unwrap_or_default()) {
                        el.set_attribute("href", href)?;
                    }
                    Ok(())
                }),
                text!("noscript", |chunk| {
                    noscript.push_str(chunk.as_str());
                    if chunk.last_in_text_node() {
                        let text = std::mem::take(&mut noscript)
                            .replace(&format!("./{PAGE}"), "#catalogue")
                            .replace(PAGE, "#catalogue");
                        chunk.replace(&text, ContentType::Html);
                    } else {
                        chunk.remove();
                    }
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::default()
        },
    )
    .map_err(|e| format!("putting the catalogue inline: {e}"))?;
    match sections {
        1 => Ok(out),
        n => Err(format!(
            "putting the catalogue inline: the page has {n} elements with id \"catalogue\" (needs one)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::scan;

    /// Trunk's release page for Strata, in miniature: the static masthead with its links, the app's screen, the
    /// `<noscript>` and the catalogue's placeholder.
    pub const PAGE_IN: &str = r#"<!doctype html><html lang=en><meta charset=utf-8><meta http-equiv=Content-Security-Policy content="default-src 'self'"><title>Strata</title><meta content="Tick." name=description><link href=./app-1.css integrity=sha384-a rel=stylesheet><link href=./diagrams-2.css rel=stylesheet><script type=module src=./boot-1.js></script><link href=./strata-3.js rel=modulepreload><link as=fetch href=./strata-3_bg.wasm rel=preload></head><body><a class=skip-link data-reveal=results href=#results>Skip to recommendations</a><header class=masthead><h1>Strata</h1><nav><a data-reveal=app href=#app>Decide</a> <a data-reveal=catalogue href=catalogue.html>Catalogue</a></nav></header><div id=app><main>the app</main></div><noscript><p>No JavaScript: <a href=catalogue.html>the catalogue</a>.</p></noscript><section class=catalogue id=catalogue><h2>The catalogue</h2><p><a data-reveal=catalogue href=./catalogue.html>Open the catalogue</a></p></section><footer class=site>Runs in your browser.</footer></body></html>"#;

    #[test]
    fn the_page_has_the_catalogue_with_its_diagrams_drawn_and_no_script() {
        let out = page(PAGE_IN).unwrap();
        let els = scan(&out).unwrap();
        let names: Vec<&str> = els.iter().map(|e| e.name.as_str()).collect();
        for gone in ["script", "noscript"] {
            assert!(!names.contains(&gone), "no {gone}: {names:?}");
        }
        assert!(
            !out.contains("the app") && !out.contains("modulepreload") && !out.contains("_bg.wasm")
        );
        let csp: Vec<_> = els
            .iter()
            .filter(|e| e.attr("http-equiv").is_some())
            .collect();
        assert_eq!(csp.len(), 1, "one policy, its own");
        assert_eq!(csp[0].attr("content"), Some(PAGE_CSP));
        assert!(out.contains("<meta charset=utf-8><meta http-equiv=\"Content-Security-Policy\""));
        assert!(out.contains("<title>The catalogue · Strata</title>"));
        assert!(out.contains(
            "integrity=sha384-a rel=stylesheet><link href=./diagrams-2.css rel=stylesheet>"
        ));
        assert!(out.contains("<footer class=site>Runs in your browser.</footer>"));
        assert!(
            out.contains("<main class=catalogue id=catalogue>") && out.contains("</main><footer")
        );

        // Every diagram drawn, as the figure component shows it once drawn, without its buttons.
        assert_eq!(
            out.matches("data-state=\"drawn\"").count(),
            DiagramId::SEED.len()
        );
        assert_eq!(out.matches("<svg").count(), DiagramId::SEED.len());
        assert!(!out.contains("<button") && !out.contains("waiting"));
        assert!(out.contains("id=\"cat-relational\"") && out.contains("class=\"toc panel\""));

        // Links: the skip link and "Catalogue" stay on this page, "Decide" goes to the app.
        assert!(
            out.contains("<a class=skip-link href=\"#catalogue\">Skip to the catalogue</a>"),
            "{out}"
        );
        assert!(out.contains("<a href=\"./\">Decide</a>"));
        assert!(out.contains("<a href=\"#catalogue\" aria-current=\"page\">Catalogue</a>"));
        assert!(!out.contains("data-reveal=app") && !out.contains("data-reveal=catalogue"));

        assert!(
            page("<html><body></body></html>").is_err(),
            "no section to fill"
        );
    }

    #[test]
    fn inline_puts_the_catalogue_into_the_page_with_the_figure_component_in_its_slots() {
        let out = inline(PAGE_IN).unwrap();
        assert!(out.contains("<main>the app</main>") && out.contains("<script type=module"));
        for d in DiagramId::SEED {
            let slot = figure_slot(d, "");
            let at = out.find(&slot[..slot.len() - "</div>".len()]).unwrap();
            assert!(
                out[at..].contains(&format!(
                    "<figure data-diagram=\"{}\" data-state=\"waiting\" class=\"diagram\">",
                    d.as_str()
                )),
                "{}",
                d.as_str()
            );
        }
        assert!(
            !out.contains("Open the catalogue"),
            "the placeholder is replaced"
        );
        assert!(!out.contains("<svg"), "drawn by the app, not the build");
        assert!(
            !out.contains("catalogue.html"),
            "no link leaves the file: {out}"
        );
        assert!(out.contains("<a data-reveal=catalogue href=\"#catalogue\">Catalogue</a>"));
        assert!(out.contains(
            "<noscript><p>No JavaScript: <a href=#catalogue>the catalogue</a>.</p></noscript>"
        ));
        assert!(inline("<div id=catalogue></div><div id=catalogue></div>").is_err());
    }
}
