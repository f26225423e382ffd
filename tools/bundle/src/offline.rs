//! `strata-offline.html`: the page with everything inline — stylesheets as `<style>`, the module script with
//! wasm-bindgen's JS and the base64 wasm as one inline module — and a CSP allowing exactly those inline
//! blocks by hash. Nothing is fetched, so it works from `file://` with no network. The on-demand extras module
//! is inlined too, behind `globalThis.strataExtras()`: its glue runs and its wasm is decoded and instantiated
//! only on the first call, as in the hosted page.

use crate::extras::{self, Staged};
use crate::html::{apply, csp_meta_edit, elements, start_tag};
use crate::js::Inliner;
use crate::{base64, csp_hash, local_path, read, read_text, Result};
use std::path::Path;

/// The offline page for `html` (Trunk's page, with the extras loader of `extras` if there is one).
pub fn build(html: &str, dir: &Path, public_url: &str, extras: Option<&Staged>) -> Result<String> {
    let root = Path::new("");
    let els = elements(html);
    let mut edits = Vec::new();
    let mut scripts = Vec::new();
    let mut styles = Vec::new();
    for e in &els {
        let local = |attr: &str| e.attr(attr).and_then(|u| local_path(u, root, public_url));
        match e.name.as_str() {
            // Tells the app it is the offline file (see `strata::browser::is_offline_file`).
            "html" => {
                let mut attrs = e.attrs.clone();
                attrs.push(("data-offline".into(), None));
                edits.push((e.span.clone(), start_tag("html", &attrs)));
            }
            "link" => {
                let rel = e.tokens("rel");
                let Some(path) = local("href") else { continue };
                if rel.iter().any(|r| r == "stylesheet") {
                    let css = read_text(dir, &path)?;
                    let mut attrs = Vec::new();
                    if let Some(media) = e.attr("media") {
                        attrs.push(("media".to_string(), Some(media.to_string())));
                    }
                    edits.push((
                        e.span.clone(),
                        format!(
                            "{}{}</style>",
                            start_tag("style", &attrs),
                            inline_css(&css)?
                        ),
                    ));
                    styles.push(csp_hash(&css));
                } else if rel
                    .iter()
                    .any(|r| matches!(r.as_str(), "modulepreload" | "preload" | "prefetch"))
                {
                    edits.push((e.span.clone(), String::new()));
                } else if rel.iter().any(|r| r.contains("icon")) {
                    let data =
                        format!("data:{};base64,{}", mime(&path), base64(&read(dir, &path)?));
                    let attrs: Vec<_> = e
                        .attrs
                        .iter()
                        .map(|(n, v)| {
                            if n == "href" {
                                (n.clone(), Some(data.clone()))
                            } else {
                                (n.clone(), v.clone())
                            }
                        })
                        .collect();
                    edits.push((e.span.clone(), start_tag("link", &attrs)));
                }
            }
            "style" => {
                let css = &html[e.content.clone().unwrap_or_default()];
                styles.push(csp_hash(css));
            }
            "script" if e.is_executable_script() => {
                if let Some(staged) = extras.filter(|s| {
                    e.attr("src")
                        .is_some_and(|src| extras::is_loader(src, s, public_url))
                }) {
                    let code = Inliner::new(dir, public_url).lazy(
                        Path::new(&staged.js),
                        Path::new(&staged.wasm),
                        extras::GLOBAL,
                    )?;
                    let code = inline_js(&code);
                    scripts.push(csp_hash(&code));
                    let attrs = [("type".to_string(), Some("module".to_string()))];
                    edits.push((
                        e.span.clone(),
                        format!("{}{code}</script>", start_tag("script", &attrs)),
                    ));
                    continue;
                }
                let code = match e.attr("src") {
                    Some(src) => {
                        let path = local_path(src, root, public_url).ok_or_else(|| {
                            format!("cannot inline the script `{src}`: not a file of the bundle")
                        })?;
                        read_text(dir, &path)?
                    }
                    None => html[e.content.clone().unwrap_or_default()].to_string(),
                };
                if crate::hosted::is_dev_reload(&code) {
                    edits.push((e.span.clone(), String::new()));
                    continue;
                }
                if code.trim().is_empty() {
                    continue;
                }
                let code = if e.is_module() {
                    Inliner::new(dir, public_url).bundle(&code)?
                } else {
                    code
                };
                let code = inline_js(&code);
                let attrs: Vec<_> = e
                    .attrs
                    .iter()
                    .filter(|(n, _)| {
                        !matches!(
                            n.as_str(),
                            "src" | "integrity" | "nonce" | "crossorigin" | "defer"
                        )
                    })
                    .cloned()
                    .collect();
                scripts.push(csp_hash(&code));
                edits.push((
                    e.span.clone(),
                    format!("{}{code}</script>", start_tag("script", &attrs)),
                ));
            }
            _ => {}
        }
    }
    styles.dedup();
    let policy =
        format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src {}; img-src data: blob:; \
         base-uri 'none'; form-action 'none'",
        scripts.join(" "),
        if styles.is_empty() { "'none'".to_string() } else { styles.join(" ") },
    );
    edits.push(csp_meta_edit(&els, &policy));
    Ok(apply(html, edits))
}

/// Inline JS must not close its `<script>` early: `</script` becomes `<\/script` (the same string in JS).
fn inline_js(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(i) = rest.to_ascii_lowercase().find("</script") {
        out.push_str(&rest[..i]);
        out.push_str("<\\/");
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out.replace("<!--", "<\\!--")
}

fn inline_css(css: &str) -> Result<&str> {
    if css.to_ascii_lowercase().contains("</style") {
        return Err("a stylesheet contains `</style` and cannot be inlined".into());
    }
    Ok(css)
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "webp" => "image/webp",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::html::Element;
    use std::path::PathBuf;

    pub fn temp_dir(tag: &str) -> PathBuf {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "strata-bundle-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// A miniature of Trunk's release output and wasm-bindgen's `--target web` JS.
    pub fn sample_bundle(dir: &Path) -> String {
        let w = |name: &str, body: &[u8]| std::fs::write(dir.join(name), body).unwrap();
        w("app-1.css", b"body { color: red }");
        w("diagrams-2.css", b".d { fill: blue }");
        w("strata-3_bg.wasm", b"\0asm\x01\0\0\0");
        w(
            "strata-3.js",
            br#"let wasm;
const s = "</script><!-- not the end";
export class Handle { free() {} }
function initSync(module) { return module; }
async function __wbg_init(module_or_path) {
    if (module_or_path === undefined) module_or_path = new URL('strata_bg.wasm', import.meta.url);
    wasm = module_or_path;
    return wasm;
}
export { initSync, __wbg_init as default };
"#,
        );
        crate::hosted::tests::TRUNK_RELEASE
            .replace("app-15de9ed1bc5713c6.css", "app-1.css")
            .replace("diagrams-46d05e06719c3a62.css", "diagrams-2.css")
            .replace("strata-322b5261ab85879a", "strata-3")
    }

    fn check(page: &str) {
        check_with(page, 0);
    }

    /// Checks the page; `extras` is the number of extras scripts expected before the app's module script.
    fn check_with(page: &str, extras: usize) {
        let els = elements(page);
        let policy = els
            .iter()
            .find(|e| e.attr("http-equiv") == Some("Content-Security-Policy"))
            .and_then(|e| e.attr("content"))
            .unwrap()
            .to_string();
        assert!(
            policy.starts_with("default-src 'none'; script-src 'sha256-"),
            "{policy}"
        );
        assert!(policy.contains("'wasm-unsafe-eval'") && !policy.contains("unsafe-inline"));
        assert!(!els
            .iter()
            .any(|e| e.attr("src").is_some() || (e.name == "link" && e.attr("href").is_some())));
        let inline: Vec<&Element> = els
            .iter()
            .filter(|e| e.name == "script" || e.name == "style")
            .collect();
        assert_eq!(
            inline.len(),
            3 + extras,
            "two styles and the module scripts"
        );
        for e in inline {
            let hash = csp_hash(&page[e.content.clone().unwrap()]);
            assert!(policy.contains(&hash), "{} is allowed by its hash", e.name);
        }
        let script = els
            .iter()
            .filter(|e| e.name == "script")
            .nth(extras)
            .unwrap();
        let code = &page[script.content.clone().unwrap()];
        assert!(script.is_module());
        assert!(!code.contains("strataExtras") && !code.contains("extras"));
        assert!(code.contains(&format!(
            "__strata_bytes(\"{}\")",
            base64(b"\0asm\x01\0\0\0")
        )));
        assert!(code.contains("await init({ module_or_path: __strata_wasm_0 })"));
        assert!(
            code.contains("const init = __strata_mod_0.default; const bindings = __strata_mod_0;")
        );
        assert!(code.contains(
            r#"return { "Handle": Handle, "initSync": initSync, "default": __wbg_init };"#
        ));
        assert!(!code.contains("export ") && !code.contains("import init"));
        assert!(code.contains(r#""<\/script><\!-- not the end""#));
        assert!(page.contains("<style>body { color: red }</style><style>.d { fill: blue }</style>"));
    }

    #[test]
    fn everything_is_inline_and_allowed_by_hash() {
        let dir = temp_dir("offline");
        let html = sample_bundle(&dir);
        let page = build(&html, &dir, "./", None).unwrap();
        check(&page);

        // `trunk serve`'s live-reload script is dropped: there is no server behind a file.
        let dev = html.replace(
            "</body>",
            "<script>const a = '{{__TRUNK_ADDRESS__}}';</script></body>",
        );
        check(&build(&dev, &dir, "./", None).unwrap());

        // The same page comes out of the hosted rewrite's output (boot script moved to a file).
        let hosted = crate::hosted::rewrite(&html, "./");
        for (name, text) in &hosted.files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        check(&build(&hosted.html, &dir, "./", None).unwrap());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_extras_module_is_inline_too_behind_a_lazy_global() {
        use crate::extras::tests::{built, EXTRAS_WASM};
        let dir = temp_dir("offline-extras");
        let trunk = sample_bundle(&dir);
        let staged = crate::extras::stage(&dir, &built()).unwrap();
        let html = crate::extras::add_loader(&trunk, &staged, "./");
        let hosted = crate::hosted::rewrite(&html, "./");
        for (name, text) in &hosted.files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        // From Trunk's page with the loader, and from the hosted page: the same result.
        let page = build(&html, &dir, "./", Some(&staged)).unwrap();
        assert_eq!(
            build(&hosted.html, &dir, "./", Some(&staged)).unwrap(),
            page
        );
        check_with(&page, 1);

        let els = elements(&page);
        let script = els.iter().find(|e| e.name == "script").unwrap();
        assert!(
            script.is_module(),
            "wasm-bindgen's glue mentions import.meta"
        );
        assert_eq!(script.attrs.len(), 1, "type=module only");
        let code = &page[script.content.clone().unwrap()];
        let (head, body) = code
            .split_once("globalThis.strataExtras = () => (ready ??= (async () => {\n")
            .expect("the global, defined once, evaluated lazily");
        assert_eq!(head, "let ready;\n", "nothing runs before the first call");
        let bytes = format!("__strata_bytes(\"{}\")", base64(EXTRAS_WASM));
        assert!(body.starts_with("const __strata_bytes = (b64) =>"));
        assert!(body.contains(&format!(
            "await __strata_mod_0.default({{ module_or_path: {bytes} }});\nreturn __strata_mod_0;\n}})());\n"
        )));
        assert!(body.contains(
            r#"return { "catalogue_html": catalogue_html, "diagram_svg": diagram_svg, "initSync": initSync, "default": __wbg_init };"#
        ));
        assert!(body.contains(r#""<h2>catalogue</h2><\/script>""#));
        assert!(!body.contains("export ") && !body.contains("import("));
        assert!(
            !page.contains(&staged.js) && !page.contains(&staged.loader) && !page.contains("src=")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_or_foreign_module_is_an_error() {
        let dir = temp_dir("offline-err");
        let html = "<script type=module>import x from 'https://cdn.example/x.js';</script>";
        assert!(build(html, &dir, "./", None)
            .unwrap_err()
            .contains("not a file of the bundle"));
        let html = "<script type=module>import x from './missing.js';</script>";
        assert!(build(html, &dir, "./", None)
            .unwrap_err()
            .contains("missing.js"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
