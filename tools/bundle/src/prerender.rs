//! The app's initial screen, rendered at build time by the app's own components (`strata::prerender`), goes
//! into `index.html`'s empty `<div id="app">`: the page paints before the wasm arrives, reads without
//! JavaScript, and the app mounts over the same markup. (The catalogue is a page of its own: `catalogue`.)

use crate::html::{rewrite, Edit};
use crate::Result;

/// `index.html` with the initial screen in its empty `#app`.
pub fn page(html: &str) -> Result<String> {
    fill(html, "app", &strata::prerender())
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
    fn the_page_holds_the_welcome_state_with_the_picker_and_leaves_the_catalogue_alone() {
        let html = "<body><div id=app></div><section class=catalogue id=catalogue><h2>The catalogue</h2></section></body>";
        let page = page(html).unwrap();
        assert!(
            page.contains("id=\"req-acid\"") && page.contains("Start with what your system needs")
        );
        assert!(
            page.contains("<section class=catalogue id=catalogue><h2>The catalogue</h2></section>"),
            "the catalogue is not in the first load"
        );
        assert!(!page.contains("<svg") && !page.contains("<figure"));
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
