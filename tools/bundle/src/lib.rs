//! Strata's post-build step, run by Trunk on its staging directory (`TRUNK_STAGING_DIR`):
//!
//! * `index.html` is rewritten to satisfy a strict Content-Security-Policy: inline scripts and styles move
//!   into files (`boot-<hash>.js`, `style-<hash>.css`) and a CSP `<meta>` is added;
//! * `catalogue.html` is the catalogue as a page of its own, without script (the app loads it on demand);
//! * `strata-offline.html` is one self-contained page (CSS, and the JS bundled by esbuild with the wasm as
//!   bytes, all inline, locked down by a CSP of `sha256-` hashes, the catalogue inline) that works opened
//!   straight from disk;
//! * `strata-dist.zip` holds every other file of the bundle, for hosting elsewhere.
//!
//! First it shortens the names between the app's wasm and its glue (`names`), and builds the on-demand module
//! `strata-extras` into the bundle, with a loader script that defines
//! `globalThis.strataExtras()` for the app (see `extras`); the offline page carries it inline. Then, in a
//! release build, it minifies every script of the bundle with esbuild (see `minify`), before anything hashes
//! or inlines them.
//!
//! Nothing here parses HTML or JavaScript by hand: pages are read and rewritten with `lol_html` (see `html`),
//! and scripts are bundled and minified by esbuild.

pub mod catalogue;
pub mod extras;
pub mod hosted;
pub mod html;
pub mod minify;
pub mod names;
pub mod offline;
pub mod prerender;
pub mod zip;

use base64::{engine::general_purpose::STANDARD, Engine};
use sha2::{Digest, Sha256, Sha384};
use std::path::{Component, Path, PathBuf};

pub type Result<T> = std::result::Result<T, String>;

pub const OFFLINE_HTML: &str = "strata-offline.html";
pub const ZIP: &str = "strata-dist.zip";

/// The policy of the hosted `index.html` (`frame-ancestors` is ignored in a `<meta>`, so it is left to the
/// host's headers).
pub const HOSTED_CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'";

pub fn base64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// A CSP source expression for inline content: `'sha256-…'`.
pub fn csp_hash(text: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
}

/// A subresource-integrity value, like the ones Trunk writes: `sha384-…`.
pub fn sri(bytes: &[u8]) -> String {
    format!("sha384-{}", base64(&Sha384::digest(bytes)))
}

/// 16 hex digits of content hash, for file names (as Trunk names its own files).
pub fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Resolves a URL found in the page (or in a module at `base`, relative to the bundle root) to a path inside
/// the bundle; `None` for anything that is not a plain relative or public-URL path (other origins, data:).
pub fn local_path(url: &str, base: &Path, public_url: &str) -> Option<PathBuf> {
    let url = url.split(['?', '#']).next().unwrap_or("");
    if url.is_empty() || url.contains(':') || url.starts_with("//") {
        return None;
    }
    let (rel, base) = match url.strip_prefix(public_url) {
        Some(rest) if public_url.starts_with('/') => (rest, Path::new("")),
        _ if url.starts_with('/') => return None,
        _ => (url, base),
    };
    let mut out = base.to_path_buf();
    for part in Path::new(rel).components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

pub fn read(dir: &Path, rel: &Path) -> Result<Vec<u8>> {
    std::fs::read(dir.join(rel)).map_err(|e| format!("reading {}: {e}", dir.join(rel).display()))
}

pub fn read_text(dir: &Path, rel: &Path) -> Result<String> {
    String::from_utf8(read(dir, rel)?).map_err(|_| format!("{} is not UTF-8", rel.display()))
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| format!("writing {}: {e}", path.display()))
}

/// The whole step on a directory holding Trunk's output: builds the extras module (cargo, wasm-bindgen,
/// wasm-opt), then `assemble`, minifying with esbuild unless `minify` is false. Returns one line per file
/// written.
pub fn run(dir: &Path, public_url: &str, minify: bool) -> Result<Vec<String>> {
    let page = read_text(dir, Path::new("index.html"))?;
    // First, so the offline page and the hosted one both carry the prerendered screen.
    write(&dir.join("index.html"), prerender::page(&page)?.as_bytes())?;
    // Before the glue is minified, and before anything names the files' contents by hash.
    for (wasm, glue) in names::app_modules(dir)? {
        names::shorten(
            dir,
            &wasm,
            &glue,
            Path::new("wasm-opt"),
            extras::WASM_OPT_FEATURES,
        )?;
    }
    let root = extras::workspace_root();
    let esbuild = minify::Esbuild::find(&root)?;
    let target = extras::target_dir(&root);
    let built = extras::build(&root, &target, &target.join("strata-bundle"))?;
    let minifier = |code: &str, name: &str, module: bool| esbuild.minify(code, name, module);
    let bundler = offline::Bundler {
        esbuild: &esbuild,
        minify,
    };
    let minifier = minify.then_some(&minifier as minify::Minify);
    assemble(dir, public_url, Some(&built), minifier, &bundler)
}

/// Everything but building the extras: stages them (if given) with their loader, minifies the bundle's
/// scripts (with `minify`, if given) and updates the `integrity` of the ones that changed, then writes the
/// offline page, the strict-CSP `index.html` and the zip.
pub fn assemble(
    dir: &Path,
    public_url: &str,
    built: Option<&extras::Built>,
    minify: Option<minify::Minify>,
    bundler: &offline::Bundler,
) -> Result<Vec<String>> {
    let index = dir.join("index.html");
    let mut html = read_text(dir, Path::new("index.html"))?;
    let mut report = Vec::new();

    let mut staged = built.map(|b| extras::stage(dir, b)).transpose()?;
    // Before anything is hashed or inlined: the hosted rewrite names and hashes the (minified) boot script,
    // the offline page inlines the minified files.
    let mut changed = Vec::new();
    if let Some(minify) = minify {
        changed = minify::files(dir, &html, public_url, &[ZIP, OFFLINE_HTML], minify)?;
        html = minify::inline_scripts(&html, minify)?;
    }
    if let Some(staged) = &mut staged {
        // The loader's integrity is that of the file as it is now.
        staged.loader_text = read_text(dir, Path::new(&staged.loader))?;
    }
    let staged = match (built, staged) {
        (Some(built), Some(staged)) => {
            html = extras::add_loader(&html, &staged, public_url)?;
            let js_len = read(dir, Path::new(&staged.js))?.len();
            report.push(format!(
                "{} ({} KB) and {} ({} KB), on demand; {} ({} KB), with organisation catalogues",
                staged.js,
                js_len / 1024,
                staged.wasm,
                built.wasm.len() / 1024,
                staged.org_wasm,
                built.org_wasm.len() / 1024
            ));
            report.push(format!("{} (their loader)", staged.loader));
            Some(staged)
        }
        _ => None,
    };
    html = minify::update_integrity(&html, dir, public_url, &changed)?;
    for name in &changed {
        report.push(format!("{} (minified)", name.display()));
    }

    let page = catalogue::page(&html)?;
    write(&dir.join(catalogue::PAGE), page.as_bytes())?;
    report.push(format!("{} ({} KB)", catalogue::PAGE, page.len() / 1024));

    let inline = catalogue::inline(&html)?;
    let offline = offline::build(&inline, dir, public_url, staged.as_ref(), bundler)?;
    write(&dir.join(OFFLINE_HTML), offline.as_bytes())?;
    report.push(format!("{OFFLINE_HTML} ({} KB)", offline.len() / 1024));

    // The on-demand stylesheets wait for the loader (the offline page and catalogue.html have them as they are).
    let first_load = match staged {
        Some(_) => extras::defer_on_demand_styles(&html)?,
        None => html.clone(),
    };
    let hosted = hosted::rewrite_page(&first_load, public_url)?;
    for (name, text) in &hosted.files {
        write(&dir.join(name), text.as_bytes())?;
        report.push(format!("{name} (moved out of index.html)"));
    }
    write(&index, hosted.html.as_bytes())?;
    report.push(match hosted.dev_reload {
        false => "index.html (strict CSP)".to_string(),
        true => "index.html (no CSP: it carries trunk serve's live-reload script)".to_string(),
    });

    let files = zip::collect(dir, &[ZIP])?;
    let archive = zip::write(&files);
    write(&dir.join(ZIP), &archive)?;
    report.push(format!(
        "{ZIP} ({} files, {} KB)",
        files.len(),
        archive.len() / 1024
    ));
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_paths() {
        let root = Path::new("");
        assert_eq!(
            local_path("./a.js", root, "./"),
            Some(PathBuf::from("a.js"))
        );
        assert_eq!(
            local_path("a.css?v=1", root, "./"),
            Some(PathBuf::from("a.css"))
        );
        assert_eq!(
            local_path("../b.js", Path::new("snippets/x"), "./"),
            Some(PathBuf::from("snippets/b.js"))
        );
        assert_eq!(
            local_path("/app/a.js", root, "/app/"),
            Some(PathBuf::from("a.js"))
        );
        assert_eq!(local_path("/other/a.js", root, "./"), None);
        assert_eq!(local_path("https://cdn/x.js", root, "./"), None);
        assert_eq!(local_path("data:image/png;base64,", root, "./"), None);
        assert_eq!(local_path("../../x", root, "./"), None);
    }

    /// Every `integrity` of a script of the page is that of its file as written (the sample's others are
    /// made up); returns how many there are.
    fn check_integrity(dir: &Path, html: &str) -> usize {
        let mut n = 0;
        for e in html::scan(html).unwrap() {
            if let Some(old) = e.attr("integrity") {
                let url = e.attr("src").or(e.attr("href")).unwrap();
                let path = local_path(url, Path::new(""), "./").unwrap();
                if !url.ends_with(".js") {
                    continue;
                }
                let bytes = read(dir, &path).unwrap();
                assert_eq!(old, minify::sri_like(old, &bytes), "{url}");
                n += 1;
            }
        }
        n
    }

    #[test]
    fn assemble_stages_the_extras_everywhere() {
        assemble_with(None);
        assemble_with(Some(&minify::tests::squeeze));
    }

    fn assemble_with(minify: Option<minify::Minify>) {
        let dir = offline::tests::temp_dir("assemble");
        let html = offline::tests::sample_bundle(&dir);
        // As Trunk writes them, with the SRI of what it wrote.
        let html = html.replace(
            "integrity=sha384-uN3MZ5kgA1GA6Eef74TShgFg60kEwQQ/Eg/Oq5LShx+BFZFK9jwJoAOSXda7qo5M",
            &format!(
                "integrity={}",
                sri(&read(&dir, Path::new("strata-3.js")).unwrap())
            ),
        );
        let trunk_js = read_text(&dir, Path::new("strata-3.js")).unwrap();
        write(&dir.join("index.html"), html.as_bytes()).unwrap();
        let esbuild = offline::tests::esbuild();
        let bundler = offline::Bundler {
            esbuild: &esbuild,
            minify: false,
        };
        let report = assemble(&dir, "./", Some(&extras::tests::built()), minify, &bundler).unwrap();
        assert!(
            report[0].ends_with(", with organisation catalogues")
                && report[1].ends_with("(their loader)")
        );
        let minified: Vec<_> = report
            .iter()
            .filter(|l| l.ends_with(" (minified)"))
            .collect();
        let js = read_text(&dir, Path::new("strata-3.js")).unwrap();
        match minify {
            None => assert!(minified.is_empty() && js == trunk_js),
            Some(_) => {
                // The app's glue and both builds' of the extras (the loader is one line already, for the
                // stand-in; the boot script is minified inline, before it moves to a file).
                assert_eq!(minified.len(), 3, "{report:?}");
                assert!(minified[0] == "strata-3.js (minified)");
                assert!(minified[1].starts_with("strata-extras-"));
                assert!(minified[2].starts_with("strata-extras-org-"));
                assert!(js.len() < trunk_js.len());
            }
        }
        let names: Vec<String> = zip::collect(&dir, &[])
            .unwrap()
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        let ours: Vec<_> = names.iter().filter(|n| extras::is_extras_file(n)).collect();
        assert_eq!(
            ours.len(),
            5,
            "the loader and two builds of the module: {names:?}"
        );

        let index = read_text(&dir, Path::new("index.html")).unwrap();
        let loader = ours.iter().find(|n| n.starts_with("extras-")).unwrap();
        assert!(index.contains(&format!("src=\"./{loader}\"")));
        assert!(index.contains("Content-Security-Policy"));
        // The loader, the boot script and the app's glue (modulepreload).
        assert_eq!(check_integrity(&dir, &index), 3, "{index}");
        let offline = read_text(&dir, Path::new(OFFLINE_HTML)).unwrap();
        assert_eq!(offline.matches("globalThis.strataExtras = ").count(), 1);
        assert!(
            offline.contains("id=\"cat-relational\"") && !offline.contains("catalogue.html"),
            "the catalogue is inline in the offline page"
        );
        // The diagrams' stylesheet comes with the extras; the offline page and catalogue.html have it.
        assert!(index.contains("<link data-on-demand href=./diagrams-2.css"));
        assert!(
            index.contains("rel=stylesheet disabled=\"\">")
                && offline.contains(".d { fill: blue }")
        );
        let page = read_text(&dir, Path::new(catalogue::PAGE)).unwrap();
        assert!(page.contains("diagrams-2.css"));
        assert!(page.contains("id=\"cat-relational\"") && !page.contains("<script"));
        assert!(
            !index.contains("id=\"cat-relational\""),
            "nor in the first load"
        );

        let zipped: Vec<String> = zip::collect(&dir, &[ZIP, OFFLINE_HTML])
            .unwrap()
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        let archive = read(&dir, Path::new(ZIP)).unwrap();
        for name in &zipped {
            let needle = name.as_bytes();
            assert!(
                archive.windows(needle.len()).any(|w| w == needle),
                "{name} in the zip"
            );
        }

        // Again on its own output: one loader, one set of extras.
        assemble(&dir, "./", Some(&extras::tests::built()), minify, &bundler).unwrap();
        let again = read_text(&dir, Path::new("index.html")).unwrap();
        assert_eq!(again, index);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Runs both loaders (the hosted file and the offline inline script) in Node, when it is installed:
    /// nothing is evaluated before the first call, the second call gets the same module. Then the app's boot
    /// script, hosted and offline. As written, minified by the stand-in, and by esbuild when it is installed.
    #[test]
    fn node_runs_both_loaders_when_installed() {
        let Ok(out) = std::process::Command::new("node").arg("--version").output() else {
            return;
        };
        if !out.status.success() {
            return;
        }
        node_runs(None);
        node_runs(Some(&minify::tests::squeeze));
        if let Some(esbuild) = minify::tests::esbuild() {
            node_runs(Some(&|code: &str, name: &str, module: bool| {
                esbuild.minify(code, name, module)
            }));
        }
    }

    fn node_run(dir: &Path, program: &str) -> std::process::Output {
        std::process::Command::new("node")
            .current_dir(dir)
            .args(["--input-type=module", "-e", program])
            .output()
            .unwrap()
    }

    fn node_runs(minify: Option<minify::Minify>) {
        let dir = offline::tests::temp_dir("node");
        let html = offline::tests::sample_bundle(&dir);
        write(&dir.join("index.html"), html.as_bytes()).unwrap();
        let mut built = extras::tests::built();
        // Counts evaluations of the glue, and shows what it was given to instantiate.
        let counted = |js: &str| {
            format!(
                "globalThis.evaluated = (globalThis.evaluated ?? 0) + 1;\n{js}\
                 export function passed() {{ return wasm instanceof URL ? wasm.href : Buffer.from(wasm).toString('base64'); }}\n"
            )
        };
        (built.js, built.org_js) = (counted(&built.js), counted(&built.org_js));
        let esbuild = offline::tests::esbuild();
        let bundler = offline::Bundler {
            esbuild: &esbuild,
            minify: minify.is_some(),
        };
        assemble(&dir, "./", Some(&built), minify, &bundler).unwrap();
        let index = read_text(&dir, Path::new("index.html")).unwrap();
        let loader = html::scan(&index)
            .unwrap()
            .iter()
            .find_map(|e| {
                e.attr("src")
                    .filter(|s| s.contains("/extras-"))
                    .map(String::from)
            })
            .unwrap();
        let wasm_name = read_text(&dir, Path::new(&loader))
            .unwrap()
            .split(['\'', '"'])
            .find(|s| s.ends_with("_bg.wasm") && !s.contains("-org-"))
            .unwrap()
            .trim_start_matches("./")
            .to_string();
        let offline = read_text(&dir, Path::new(OFFLINE_HTML)).unwrap();
        let inline = offline::tests::inline_scripts(&offline);
        write(&dir.join("offline-extras.mjs"), inline[0].as_bytes()).unwrap();
        // The offline page carries the build that also reads organisation catalogues.
        let bytes = base64(extras::tests::EXTRAS_ORG_WASM);
        for (script, wasm) in [
            (loader.as_str(), format!("/{wasm_name}")),
            ("./offline-extras.mjs", bytes),
        ] {
            let program = format!(
                "globalThis.evaluated = 0;\n\
                 globalThis.document = {{ querySelectorAll: () => [] }};\n\
                 await import({script:?});\n\
                 if (globalThis.evaluated !== 0) throw new Error('evaluated before the first call');\n\
                 const m = await globalThis.strataExtras();\n\
                 if (m !== await globalThis.strataExtras() || globalThis.evaluated !== 1) throw new Error('twice');\n\
                 console.log(m.catalogue_html(), m.diagram_svg('a', 'b'), m.passed());\n"
            );
            let run = node_run(&dir, &program);
            let err = String::from_utf8_lossy(&run.stderr);
            assert!(run.status.success(), "{script}: {err}");
            let text = String::from_utf8_lossy(&run.stdout);
            assert!(
                text.starts_with("<h2>catalogue</h2></script> ab ")
                    && text.trim_end().ends_with(&wasm),
                "{script}: {text}"
            );
        }

        // The hosted loader reads the catalogue's section from catalogue.html next to it, once; a failed read
        // is tried again. (Node has neither DOMParser nor XMLHttpRequest: stand-ins that record what they get.)
        let program = format!(
            "const fetched = [];
             let fail = true;
             globalThis.fetch = async (url) => {{ fetched.push(url.href); if (fail) {{ fail = false; return {{ ok: false, status: 404 }}; }} return {{ ok: true, text: async () => 'page' }}; }};
             globalThis.DOMParser = class {{ parseFromString(text, type) {{ return {{ getElementById: (id) => ({{ innerHTML: `${{id}} of ${{text}} as ${{type}}` }}) }}; }} }};
             globalThis.XMLHttpRequest = class {{ open(m, url, async_) {{ this.args = [m, url.href, async_]; }} send() {{ this.status = 200; this.responseText = this.args.join(' '); }} }};
             globalThis.document = {{ querySelectorAll: () => [] }};
             await import({loader:?});
             await globalThis.strataCatalogue().then(() => {{ throw new Error('a 404 resolved'); }}, () => {{}});
             const [a, b] = await Promise.all([globalThis.strataCatalogue(), globalThis.strataCatalogue()]);
             console.log(a === b, fetched.length, fetched[1], a);
             console.log(globalThis.strataCatalogueNow());
"
        );
        let run = node_run(&dir, &program);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let base = format!("file://{}/", dir.canonicalize().unwrap().display());
        assert_eq!(
            String::from_utf8_lossy(&run.stdout),
            format!(
                "true 2 {base}catalogue.html catalogue of page as text/html\n\
                 catalogue of GET {base}catalogue.html false as text/html\n"
            )
        );

        // The app: the hosted boot file (importing the glue file), and the offline page's inline module.
        let boot = html::scan(&index)
            .unwrap()
            .iter()
            .find_map(|e| {
                e.attr("src")
                    .filter(|s| s.contains("/boot-"))
                    .map(String::from)
            })
            .unwrap();
        write(&dir.join("offline-app.mjs"), inline[1].as_bytes()).unwrap();
        for (script, wasm) in [
            (boot.as_str(), "./strata-3_bg.wasm".to_string()),
            ("./offline-app.mjs", "Uint8Array".to_string()),
        ] {
            let program = format!(
                "globalThis.window = globalThis;
                 globalThis.dispatchEvent = (e) => console.log(e.type, ((w) => typeof w === 'string' ? w : w.constructor.name)(e.detail.wasm.module_or_path));
                 await import({script:?});
                 console.log(Object.keys(window.wasmBindings).sort().join(' '));
"
            );
            let run = node_run(&dir, &program);
            let err = String::from_utf8_lossy(&run.stderr);
            assert!(run.status.success(), "{script}: {err}");
            let text = String::from_utf8_lossy(&run.stdout);
            assert_eq!(
                text,
                format!("TrunkApplicationStarted {wasm}\nHandle default initSync s\n"),
                "{script}"
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn hashes_match_known_values() {
        // `echo -n "alert(1)" | openssl dgst -sha256 -binary | base64`
        assert_eq!(
            csp_hash("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
        assert_eq!(short_hash(b"").len(), 16);
        assert!(sri(b"x").starts_with("sha384-"));
    }
}
