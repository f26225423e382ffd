//! The app's initial screen, rendered at build time by the app's own components (`strata::prerender`), goes
//! into `index.html`'s empty `<div id="app">`, and the catalogue (`strata_core::deferred::catalogue_html`) into
//! the empty `#catalogue` section, each of its diagram slots holding the app's figure component as it renders
//! before drawing: the page paints before the wasm arrives, reads without JavaScript, and the app mounts over
//! the same markup.

use crate::html::{rewrite, Edit};
use crate::Result;
use strata_core::deferred::{catalogue_html, figure_slot};
use strata_core::diagrams::DiagramId;

/// `index.html` with the initial screen and the catalogue in their empty elements.
pub fn page(html: &str) -> Result<String> {
    let html = fill(html, "app", &strata::prerender())?;
    fill(&html, "catalogue", &catalogue())
}

/// The catalogue with the figure component in each of its slots (the seed's ten diagrams).
fn catalogue() -> String {
    let mut html = catalogue_html();
    for d in DiagramId::SEED {
        let figure = strata::components::figure::prerender(d);
        html = html.replacen(&figure_slot(d, ""), &figure_slot(d, &figure), 1);
    }
    html
}

/// Makes `content` the content of the element whose id is `id` (what an earlier run put there is replaced).
fn fill(html: &str, id: &str, content: &str) -> Result<String> {
    let mut found = 0;
    let out = rewrite(html, |_, e| match e.attr("id") == Some(id) {
        true => {
            found += 1;
            Edit::Inner(content.to_string())
        }
        false => Edit::Keep,
    })?;
    match found {
        1 => Ok(out),
        n => Err(format!(
            "index.html has {n} elements with id \"{id}\" to prerender into (needs one)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_goes_into_the_element_quoted_or_not_and_replaces_an_earlier_one() {
        for page in [
            "<body><div id=app></div><p id=application></p></body>",
            "<div class=x id=\"app\"></div>",
            "<div id=app><main>an earlier run</main></div>",
        ] {
            let out = fill(page, "app", "<main>hello</main>").unwrap();
            assert!(out.contains("><main>hello</main></div>"), "{out}");
            assert!(!out.contains("earlier"), "{out}");
            assert_eq!(fill(&out, "app", "<main>hello</main>").unwrap(), out);
        }
        assert!(fill("<div id=application></div>", "app", "x").is_err());
        assert!(fill("<div id=app></div><div id=app></div>", "app", "x").is_err());
    }

    #[test]
    fn the_page_holds_the_welcome_state_with_the_picker_and_the_catalogue() {
        let html =
            "<body><div id=app></div><section class=catalogue id=catalogue></section></body>";
        let page = page(html).unwrap();
        assert!(
            page.contains("id=\"req-acid\"") && page.contains("Start with what your system needs")
        );
        assert!(
            page.contains("id=\"cat-relational\""),
            "the catalogue is in the page"
        );
        for d in DiagramId::SEED {
            let slot = figure_slot(d, "");
            let at = page.find(&slot[..slot.len() - "</div>".len()]).unwrap();
            assert!(
                page[at + slot.len() - "</div>".len()..].starts_with(&format!(
                    "<figure data-diagram=\"{}\" data-state=\"waiting\" class=\"diagram\">",
                    d.as_str()
                )),
                "the figure component is in the slot of {}: {}",
                d.as_str(),
                &page[at..at + 300]
            );
        }
        assert!(
            !page.contains("<svg"),
            "no diagram is drawn before the app asks for it"
        );
        assert!(
            !page.contains("data-ready"),
            "only the live app is marked ready"
        );
        assert!(
            !page.contains("<!--"),
            "no hydration comments: the app mounts over it"
        );
    }
}
