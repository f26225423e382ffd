//! `strata-offline.html`: the page with everything inline — stylesheets as `<style>`, each module script
//! bundled by esbuild with the modules it imports and the wasm as bytes — and a CSP allowing exactly those
//! inline blocks by hash. Nothing is fetched, so it works from `file://` with no network. The on-demand extras
//! module is inlined too, behind `globalThis.strataExtras()`: its glue runs and its wasm is decoded and
//! instantiated only on the first call (esbuild keeps what `import()` loads lazy), as in the hosted page.
//! `<html data-offline>` tells the app it is this file (it then draws every diagram at once).

use crate::extras::{self, Staged};
use crate::html::{apply, csp_meta, scan, start_tag, Edit, Element};
use crate::minify::Esbuild;
use crate::{base64, csp_hash, local_path, read, read_text, Result};
use std::path::Path;

/// How the offline page's scripts are made: esbuild, minifying or not.
pub struct Bundler<'a> {
    pub esbuild: &'a Esbuild,
    pub minify: bool,
}

impl Bundler<'_> {
    /// One inline module for a module script of the page (`code`, at the bundle root): its imports and the
    /// wasm files it names (`'./x_bg.wasm'`, as Trunk's boot script does) become part of it.
    fn module(&self, dir: &Path, public_url: &str, code: &str) -> Result<String> {
        let mut entry = String::new();
        let mut code = code.to_string();
        for (i, wasm) in wasm_files(dir)?.iter().enumerate() {
            let names = [format!("./{wasm}"), format!("{public_url}{wasm}")];
            let quoted: Vec<String> = names
                .iter()
                .flat_map(|n| [format!("\"{n}\""), format!("'{n}'")])
                .collect();
            if quoted.iter().any(|q| code.contains(q.as_str())) {
                let ident = format!("__strata_wasm_{i}");
                entry.push_str(&format!("import {ident} from \"./{wasm}\";\n"));
                for q in &quoted {
                    code = code.replace(q.as_str(), &ident);
                }
            }
        }
        // esbuild resolves imports from the bundle's root; an absolute public URL names the same files.
        if public_url.starts_with('/') {
            for quote in ['"', '\''] {
                code = code.replace(&format!("{quote}{public_url}"), &format!("{quote}./"));
            }
        }
        entry.push_str(&code);
        let out = self
            .esbuild
            .bundle(dir, &entry, "the page's module script", self.minify)?;
        no_imports_left(&out)?;
        Ok(out)
    }

    /// A script defining `globalThis.strataExtras()`, which evaluates the extras' glue and instantiates their
    /// wasm (from bytes) on the first call, and resolves to the glue's exports: the build that also reads
    /// organisation catalogues, whatever is asked for (a file chosen here is read by it; one build is enough).
    fn lazy_extras(&self, dir: &Path, staged: &Staged) -> Result<String> {
        let entry = format!(
            "let ready;\nglobalThis.{} = () => (ready ??= Promise.all([import(\"./{}\"), import(\"./{}\")])\n\
             .then(async ([m, bytes]) => {{ await m.default({{ module_or_path: bytes.default }}); return m; }}));\n",
            extras::GLOBAL,
            staged.org_js,
            staged.org_wasm
        );
        self.esbuild
            .bundle(dir, &entry, "the extras loader", self.minify)
    }
}

/// esbuild leaves imports of URLs (`https://…`) as they are; the offline page can fetch nothing, so that is an
/// error. (It writes such imports first, one per line.)
fn no_imports_left(code: &str) -> Result<()> {
    let statement = |l: &&str| {
        let l = l.trim_start();
        l.strip_prefix("import")
            .is_some_and(|rest| rest.starts_with([' ', '{', '*', '"', '\'']))
    };
    match code.lines().find(statement) {
        Some(line) => Err(format!(
            "cannot inline `{}`: not a file of the bundle",
            line.trim()
        )),
        None => Ok(()),
    }
}

/// The `.wasm` files at the bundle's root.
fn wasm_files(dir: &Path) -> Result<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("reading {}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".wasm"))
        .collect();
    names.sort();
    Ok(names)
}

/// The offline page for `html` (Trunk's page, with the extras loader of `extras` if there is one).
pub fn build(
    html: &str,
    dir: &Path,
    public_url: &str,
    extras: Option<&Staged>,
    bundler: &Bundler,
) -> Result<String> {
    let els = scan(html)?;
    let mut scripts = Vec::new();
    let mut styles = Vec::new();
    let mut edits = Vec::with_capacity(els.len());
    for e in &els {
        edits.push(edit(
            e,
            dir,
            public_url,
            extras,
            bundler,
            &mut scripts,
            &mut styles,
        )?);
    }
    styles.dedup();
    let policy =
        format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src {}; img-src data: blob:; \
         base-uri 'none'; form-action 'none'",
        scripts.join(" "),
        if styles.is_empty() { "'none'".to_string() } else { styles.join(" ") },
    );
    let (at, csp) = csp_meta(&els, &policy);
    edits[at] = match (&edits[at], csp) {
        (Edit::Keep, csp) => csp,
        (other, _) => return Err(format!("the CSP's place is taken by {other:?}")),
    };
    apply(html, &edits)
}

/// What becomes of one element in the offline page; inline scripts' and styles' hashes go to `scripts` and
/// `styles`.
fn edit(
    e: &Element,
    dir: &Path,
    public_url: &str,
    extras: Option<&Staged>,
    bundler: &Bundler,
    scripts: &mut Vec<String>,
    styles: &mut Vec<String>,
) -> Result<Edit> {
    let root = Path::new("");
    let local = |attr: &str| e.attr(attr).and_then(|u| local_path(u, root, public_url));
    let mut script = |code: &str, attrs: Vec<(String, String)>| {
        let code = inline_js(code);
        scripts.push(csp_hash(&code));
        Edit::Replace(format!("{}{code}</script>", start_tag("script", &attrs)))
    };
    Ok(match e.name.as_str() {
        "html" => Edit::Set(vec![("data-offline".into(), String::new())]),
        "link" => {
            let rel = e.tokens("rel");
            let Some(path) = local("href") else {
                return Ok(Edit::Keep);
            };
            if rel.iter().any(|r| r == "stylesheet") {
                let css = read_text(dir, &path)?;
                let attrs: Vec<_> = e
                    .attrs
                    .iter()
                    .filter(|(n, _)| n == "media")
                    .cloned()
                    .collect();
                styles.push(csp_hash(&css));
                Edit::Replace(format!(
                    "{}{}</style>",
                    start_tag("style", &attrs),
                    inline_css(&css)?
                ))
            } else if rel
                .iter()
                .any(|r| matches!(r.as_str(), "modulepreload" | "preload" | "prefetch"))
            {
                Edit::Remove
            } else if rel.iter().any(|r| r.contains("icon")) {
                let data = format!("data:{};base64,{}", mime(&path), base64(&read(dir, &path)?));
                Edit::Set(vec![("href".into(), data)])
            } else {
                Edit::Keep
            }
        }
        "style" => {
            styles.push(csp_hash(e.text.as_deref().unwrap_or("")));
            Edit::Keep
        }
        "script" if e.is_executable_script() => {
            let module = [("type".to_string(), "module".to_string())];
            if let Some(staged) = extras.filter(|s| {
                e.attr("src")
                    .is_some_and(|src| extras::is_loader(src, s, public_url))
            }) {
                return Ok(script(&bundler.lazy_extras(dir, staged)?, module.to_vec()));
            }
            let code = match e.attr("src") {
                Some(src) => {
                    let path = local_path(src, root, public_url).ok_or_else(|| {
                        format!("cannot inline the script `{src}`: not a file of the bundle")
                    })?;
                    read_text(dir, &path)?
                }
                None => e.text.clone().unwrap_or_default(),
            };
            if crate::hosted::is_dev_reload(&code) {
                return Ok(Edit::Remove);
            }
            if code.trim().is_empty() {
                return Ok(Edit::Keep);
            }
            let code = match e.is_module() {
                true => bundler.module(dir, public_url, &code)?,
                false => code,
            };
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
            script(&code, attrs)
        }
        _ => Edit::Keep,
    })
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
export const s = "</script><!-- not the end";
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

    /// esbuild from `node_modules` (`npm ci`, run by scripts/setup.sh); the offline page cannot be made
    /// without it.
    pub fn esbuild() -> Esbuild {
        crate::minify::tests::esbuild()
            .expect("esbuild is installed: run `npm ci` (or scripts/setup.sh)")
    }

    pub fn build_with(html: &str, dir: &Path, extras: Option<&Staged>) -> Result<String> {
        let esbuild = esbuild();
        let bundler = Bundler {
            esbuild: &esbuild,
            minify: false,
        };
        build(html, dir, "./", extras, &bundler)
    }

    /// The page's inline scripts' code.
    pub fn inline_scripts(page: &str) -> Vec<String> {
        scan(page)
            .unwrap()
            .into_iter()
            .filter(|e| e.name == "script")
            .map(|e| e.text.unwrap_or_default())
            .collect()
    }

    /// Checks the page; `extras` is the number of extras scripts expected before the app's module script.
    fn check_with(page: &str, extras: usize) {
        let els = scan(page).unwrap();
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
        assert!(
            els[0].name == "html" && els[0].attr("data-offline").is_some(),
            "marked"
        );
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
            let hash = csp_hash(e.text.as_deref().unwrap());
            assert!(policy.contains(&hash), "{} is allowed by its hash", e.name);
        }
        let script = els
            .iter()
            .filter(|e| e.name == "script")
            .nth(extras)
            .unwrap();
        let code = script.text.as_deref().unwrap();
        assert!(script.is_module());
        assert!(!code.contains("strataExtras") && !code.contains("extras"));
        assert!(
            code.contains(&base64(b"\0asm\x01\0\0\0")),
            "the wasm's bytes"
        );
        assert!(
            !code.contains("./strata-3_bg.wasm"),
            "the wasm is not fetched by name"
        );
        assert!(code.contains("initSync") && code.contains("TrunkApplicationStarted"));
        let statements = |l: &&str| l.starts_with("import ") || l.starts_with("export ");
        assert_eq!(
            code.lines().find(statements),
            None,
            "one module, importing nothing"
        );
        assert!(code.contains("not the end") && !code.to_ascii_lowercase().contains("</script"));
        assert!(!code.contains("<!--"));
        assert!(page.contains("<style>body { color: red }</style><style>.d { fill: blue }</style>"));
    }

    #[test]
    fn everything_is_inline_and_allowed_by_hash() {
        let dir = temp_dir("offline");
        let html = sample_bundle(&dir);
        let page = build_with(&html, &dir, None).unwrap();
        check_with(&page, 0);

        // `trunk serve`'s live-reload script is dropped: there is no server behind a file.
        let dev = html.replace(
            "</body>",
            "<script>const a = '{{__TRUNK_ADDRESS__}}';</script></body>",
        );
        check_with(&build_with(&dev, &dir, None).unwrap(), 0);

        // The same page comes out of the hosted rewrite's output (boot script moved to a file).
        let hosted = crate::hosted::rewrite_page(&html, "./").unwrap();
        for (name, text) in &hosted.files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        check_with(&build_with(&hosted.html, &dir, None).unwrap(), 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_extras_module_is_inline_too_behind_a_lazy_global() {
        use crate::extras::tests::{built, EXTRAS_ORG_WASM, EXTRAS_WASM};
        let dir = temp_dir("offline-extras");
        let trunk = sample_bundle(&dir);
        let staged = crate::extras::stage(&dir, &built()).unwrap();
        let html = crate::extras::add_loader(&trunk, &staged, "./").unwrap();
        let hosted = crate::hosted::rewrite_page(&html, "./").unwrap();
        for (name, text) in &hosted.files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        // From Trunk's page with the loader, and from the hosted page: the same result.
        let page = build_with(&html, &dir, Some(&staged)).unwrap();
        assert_eq!(build_with(&hosted.html, &dir, Some(&staged)).unwrap(), page);
        check_with(&page, 1);

        let els = scan(&page).unwrap();
        let script = els.iter().find(|e| e.name == "script").unwrap();
        assert!(
            script.is_module(),
            "wasm-bindgen's glue mentions import.meta"
        );
        assert_eq!(script.attrs.len(), 1, "type=module only");
        let code = script.text.as_deref().unwrap();
        assert!(code.contains("globalThis.strataExtras = "), "{code}");
        assert!(
            code.contains(&base64(EXTRAS_ORG_WASM)) && !code.contains(&base64(EXTRAS_WASM)),
            "the bytes of the extras' build that also reads organisation catalogues, only"
        );
        assert!(
            code.contains("<h2>catalogue</h2><\\/script>"),
            "the glue, escaped: {code}"
        );
        let statements = |l: &&str| l.starts_with("import ") || l.starts_with("export ");
        assert_eq!(
            code.lines().find(statements),
            None,
            "one module, importing nothing"
        );
        // (Unminified, esbuild names the inlined files in comments.)
        for name in [
            &staged.js,
            &staged.wasm,
            &staged.org_js,
            &staged.org_wasm,
            &staged.loader,
        ] {
            assert!(
                !page.contains(&format!("\"./{name}\"")),
                "{name} is not fetched"
            );
        }
        assert!(!page.contains("src="));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_or_foreign_module_is_an_error() {
        let dir = temp_dir("offline-err");
        let html = "<meta charset=utf-8><script type=module>import x from 'https://cdn.example/x.js';</script>";
        let err = build_with(html, &dir, None).unwrap_err();
        assert!(err.contains("https://cdn.example/x.js"), "{err}");
        let html = "<meta charset=utf-8><script type=module>import x from './missing.js';</script>";
        let err = build_with(html, &dir, None).unwrap_err();
        assert!(err.contains("missing.js"), "{err}");
        let html = "<meta charset=utf-8><script src=https://cdn.example/x.js></script>";
        assert!(build_with(html, &dir, None)
            .unwrap_err()
            .contains("not a file of the bundle"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
