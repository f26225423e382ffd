//! The hosted `index.html` under a strict CSP: no inline script or style is left, and the policy is in a
//! `<meta>`. Trunk's SRI stays valid (the files it hashed are untouched); moved content gets its own.

use crate::html::{csp_meta, rewrite, scan, start_tag, Edit};
use crate::{short_hash, sri, Result, HOSTED_CSP};

pub struct Hosted {
    pub html: String,
    /// Files to write next to `index.html`: (name, content).
    pub files: Vec<(String, String)>,
    /// Whether the page carries `trunk serve`'s live-reload script, and so got no CSP (see `rewrite`).
    pub dev_reload: bool,
}

/// `trunk serve` injects a live-reload script whose placeholders (`{{__TRUNK_ADDRESS__}}`) it fills in only
/// in HTML responses: moved into a file it would break, kept inline it breaks the CSP.
pub fn is_dev_reload(code: &str) -> bool {
    code.contains("{{__TRUNK_ADDRESS__}}") || code.contains(".well-known/trunk/ws")
}

/// Moves inline scripts and styles into files and adds the CSP. A page from `trunk serve` keeps its
/// live-reload script inline and gets no CSP `<meta>` (a development page; `trunk build` output always has it).
pub fn rewrite_page(html: &str, public_url: &str) -> Result<Hosted> {
    let els = scan(html)?;
    let dev_reload = els
        .iter()
        .any(|e| e.is_executable_script() && e.inline_text().is_some_and(is_dev_reload));
    let csp = (!dev_reload).then(|| csp_meta(&els, HOSTED_CSP));
    let mut files = Vec::new();
    let kept = |e: &crate::html::Element| {
        e.attrs
            .iter()
            .filter(|(n, _)| !matches!(n.as_str(), "nonce" | "integrity"))
            .cloned()
            .collect::<Vec<_>>()
    };
    let html = rewrite(html, |i, e| {
        let moved = match e.inline_text() {
            Some(text) if e.attr("src").is_none() && !is_dev_reload(text) => Some(text),
            _ => None,
        };
        let edit = match moved {
            Some(text) if e.is_executable_script() => {
                let name = format!("boot-{}.js", short_hash(text.as_bytes()));
                let mut attrs = kept(e);
                attrs.push(("src".into(), format!("{public_url}{name}")));
                attrs.push(("integrity".into(), sri(text.as_bytes())));
                files.push((name, text.to_string()));
                Edit::Replace(format!("{}</script>", start_tag("script", &attrs)))
            }
            Some(text) if e.name == "style" => {
                let name = format!("style-{}.css", short_hash(text.as_bytes()));
                let mut attrs = vec![("rel".into(), "stylesheet".into())];
                attrs.extend(kept(e));
                attrs.push(("href".into(), format!("{public_url}{name}")));
                attrs.push(("integrity".into(), sri(text.as_bytes())));
                files.push((name, text.to_string()));
                Edit::Replace(start_tag("link", &attrs))
            }
            _ => Edit::Keep,
        };
        match &csp {
            // The CSP's place is a `<meta>` or `<html>`, never a moved script or style.
            Some((at, csp)) if *at == i => csp.clone(),
            _ => edit,
        }
    })?;
    Ok(Hosted {
        html,
        files,
        dev_reload,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::html::Element;

    fn rewrite(html: &str, public_url: &str) -> Hosted {
        rewrite_page(html, public_url).unwrap()
    }

    fn elements(html: &str) -> Vec<Element> {
        scan(html).unwrap()
    }

    /// `trunk build --release` output for Strata (minified: unquoted attributes, no `<head>` tag).
    pub const TRUNK_RELEASE: &str = r#"<!doctype html><html lang=en><meta charset=utf-8><meta content="width=device-width,initial-scale=1" name=viewport><title>Strata: data architecture decisions, explained</title><meta content="light dark" name=color-scheme><link href=./app-15de9ed1bc5713c6.css integrity=sha384-5Qrtrb4UmwbljE5KvXff9/8oqG8jgRnhSFWBWc4fJbSUyWI5mzRmetl4RKPt1t/1 rel=stylesheet><link data-on-demand href=./diagrams-46d05e06719c3a62.css integrity=sha384-b5GGI5NJ7izIXJ8Wb4NBX9bAIvRNRLcGjpy6EsFqieNRSbZ25VaaAbnsrnoNdQs+ rel=stylesheet><script type=module>import init, * as bindings from './strata-322b5261ab85879a.js';
const wasm = await init({ module_or_path: './strata-322b5261ab85879a_bg.wasm' });


window.wasmBindings = bindings;


dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));</script><link crossorigin href=./strata-322b5261ab85879a.js integrity=sha384-uN3MZ5kgA1GA6Eef74TShgFg60kEwQQ/Eg/Oq5LShx+BFZFK9jwJoAOSXda7qo5M rel=modulepreload><link as=fetch crossorigin href=./strata-322b5261ab85879a_bg.wasm integrity=sha384-Y+tGol07uAT5zwUyYuQDIct4kbfkWPbE/t0SKsY4yxw2iKCxjseVoZqMaVxHPpGc rel=preload type=application/wasm></head><body><div id=app><noscript><p>Strata needs JavaScript to tick requirements and compute recommendations.</p></noscript></div><section class=catalogue id=catalogue><a href=catalogue.html>The catalogue</a></section></body></html>"#;

    /// `trunk serve` output (not minified, quoted attributes, the autoreload script at the end of `<body>`).
    pub const TRUNK_SERVE: &str = r#"<!DOCTYPE html><html lang="en"><head>
    <meta charset="utf-8">
    <title>Strata</title>
    <style>body { margin: 0 }</style>
<link rel="stylesheet" href="./app-1.css" integrity="sha384-abc"/>
<script type="module" nonce="abc">
import init, * as bindings from './strata-1.js';
const wasm = await init({ module_or_path: './strata-1_bg.wasm' });
window.wasmBindings = bindings;
</script>
<link rel="modulepreload" href="./strata-1.js" crossorigin="anonymous" integrity="sha384-def"></head>
  <body><div id="app"></div>
<script type="application/json" id="data">{"a":1}</script>
<script>"use strict"; (function () { const address = '{{__TRUNK_ADDRESS__}}'; })()</script></body></html>"#;

    fn inline_code(els: &[Element]) -> Vec<String> {
        els.iter()
            .filter(|e| e.is_executable_script() || e.name == "style")
            .filter_map(|e| e.inline_text().map(String::from))
            .collect()
    }

    #[test]
    fn release_output_has_no_inline_script_and_a_strict_csp() {
        let out = rewrite(TRUNK_RELEASE, "./");
        let els = elements(&out.html);
        assert_eq!(inline_code(&els), Vec::<String>::new());
        assert_eq!(out.files.len(), 1);
        let (name, code) = &out.files[0];
        assert!(
            name.starts_with("boot-")
                && name.ends_with(".js")
                && name.len() == "boot-.js".len() + 16
        );
        assert!(code.starts_with("import init, * as bindings from './strata-322b5261ab85879a.js';"));

        let script = els.iter().find(|e| e.name == "script").unwrap();
        assert!(script.is_module());
        assert_eq!(
            script.attr("src"),
            Some(format!("./{name}").as_str()),
            "relative URL"
        );
        assert_eq!(
            script.attr("integrity"),
            Some(sri(code.as_bytes()).as_str())
        );

        // The CSP comes right after the charset, before anything it governs.
        let meta: Vec<_> = els.iter().filter(|e| e.name == "meta").collect();
        assert!(meta[0].attr("charset").is_some());
        assert_eq!(meta[1].attr("http-equiv"), Some("Content-Security-Policy"));
        assert_eq!(meta[1].attr("content"), Some(HOSTED_CSP));
        assert!(!HOSTED_CSP.contains("unsafe-inline") && !HOSTED_CSP.contains("frame-ancestors"));

        // Everything Trunk wrote is still there, unchanged, with its SRI.
        for kept in [
            "<link href=./app-15de9ed1bc5713c6.css integrity=sha384-5Qrtrb4UmwbljE5KvXff9/8oqG8jgRnhSFWBWc4fJbSUyWI5mzRmetl4RKPt1t/1 rel=stylesheet>",
            "rel=modulepreload>",
            "<div id=app><noscript>",
        ] {
            assert!(out.html.contains(kept), "{kept}");
        }
    }

    #[test]
    fn serve_output_keeps_the_live_reload_inline_and_gets_no_csp() {
        let out = rewrite(TRUNK_SERVE, "./");
        let els = elements(&out.html);
        assert!(out.dev_reload);
        let inline = inline_code(&els);
        assert_eq!(inline.len(), 1, "only the live-reload script stays inline");
        assert!(inline[0].contains("{{__TRUNK_ADDRESS__}}"));
        assert!(!out.html.contains("Content-Security-Policy"));
        assert_eq!(out.files.len(), 2, "style, boot module");
        assert!(out.files[0].0.starts_with("style-") && out.files[0].1 == "body { margin: 0 }");
        assert!(
            out.html.contains(r#"{"a":1}"#),
            "the JSON data block stays inline"
        );
        assert!(!out.html.contains("nonce"));
        let scripts: Vec<_> = els
            .iter()
            .filter(|e| e.name == "script" && e.attr("src").is_some())
            .collect();
        assert_eq!(scripts.len(), 1);
        assert!(scripts[0].is_module(), "module-ness is kept");
    }

    #[test]
    fn other_inline_scripts_and_styles_all_move() {
        let html = TRUNK_SERVE.replace("'{{__TRUNK_ADDRESS__}}'", "location.host");
        let out = rewrite(&html, "./");
        let els = elements(&out.html);
        assert!(!out.dev_reload);
        assert_eq!(inline_code(&els), Vec::<String>::new());
        assert_eq!(out.files.len(), 3);
        let scripts: Vec<_> = els
            .iter()
            .filter(|e| e.name == "script" && e.attr("src").is_some())
            .collect();
        assert!(
            scripts[0].is_module() && !scripts[1].is_module(),
            "module-ness is kept"
        );
        assert!(out.html.contains("Content-Security-Policy"));
    }

    #[test]
    fn rewriting_twice_changes_nothing_more() {
        let once = rewrite(TRUNK_RELEASE, "./");
        let twice = rewrite(&once.html, "./");
        assert_eq!(once.html, twice.html);
        assert!(twice.files.is_empty());
        assert_eq!(twice.html.matches("Content-Security-Policy").count(), 1);
    }
}
