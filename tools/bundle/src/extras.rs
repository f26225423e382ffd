//! The second wasm module, `strata-extras` (workspace member `extras/`), loaded on demand by the app: built
//! here (cargo, wasm-bindgen, wasm-opt) twice, as it is and with its `organisation` feature (it also reads
//! organisation catalogues: the JSON reader and the overlay's checks, which most visits never need), copied
//! into the bundle under content-hashed names, and announced to the app by a small loader script that defines
//! `globalThis.strataExtras(organisation)`: a Promise of the initialised wasm-bindgen module (its exports are
//! the extras' functions). Nothing is fetched until it is first called.

use crate::html::{rewrite, scan, start_tag, Edit};
use crate::{local_path, read, read_text, short_hash, sri, write, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The package, and the base name of its files (wasm-bindgen's `--out-name`).
pub const PACKAGE: &str = "strata-extras";
/// The global the app calls.
pub const GLOBAL: &str = "strataExtras";
/// The global that reads the catalogue (and `…Now`, its synchronous twin).
pub const CATALOGUE: &str = "strataCatalogue";
/// Marks a stylesheet of index.html that only the extras' output needs (the diagrams'): the hosted page has
/// it `disabled` (a disabled stylesheet is not fetched), and `strataExtras()` enables it and waits for it
/// before it resolves (see [`loader`], [`defer_on_demand_styles`]).
pub const ON_DEMAND: &str = "data-on-demand";
/// Loader file names are `extras-<hash>.js`.
const LOADER_PREFIX: &str = "extras-";

/// wasm-opt's features: those of today's Rust wasm32 target, which wasm-opt must be told about.
pub const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// wasm-opt's options beyond `-Oz` and the features. As for the app (index.html): no memory packing, which
/// splits the data at every run of zeros (the segments' headers cost more gzip bytes than the zeros), and no
/// inlining, local CSE or merging of similar functions (each smaller raw, larger in gzip).
const WASM_OPT_OPTIONS: &[&str] = &[
    "--skip-pass=memory-packing",
    "--skip-pass=inlining-optimizing",
    "--skip-pass=local-cse",
    "--skip-pass=merge-similar-functions",
];

/// wasm-bindgen's output for the extras: the JS glue (`--target web`) and the optimised wasm, as they are and
/// built with the `organisation` feature (`org_js`, `org_wasm`).
pub struct Built {
    pub js: String,
    pub wasm: Vec<u8>,
    pub org_js: String,
    pub org_wasm: Vec<u8>,
}

/// The extras' files in the bundle, by name (relative to the bundle root).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staged {
    pub js: String,
    pub wasm: String,
    /// The build that also reads organisation catalogues (the offline page carries this one only).
    pub org_js: String,
    pub org_wasm: String,
    pub loader: String,
    pub loader_text: String,
}

/// The organisation build's files are `strata-extras-org-<hash>…`.
const ORG: &str = "org";

/// The workspace root: two levels above this crate (`tools/bundle`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Cargo's target directory: `CARGO_TARGET_DIR` (relative to the current directory, as Cargo reads it) if
/// set, else the workspace's `target/`.
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR").filter(|v| !v.is_empty()) {
        Some(dir) => std::env::current_dir()
            .map(|cwd| cwd.join(&dir))
            .unwrap_or_else(|_| PathBuf::from(dir)),
        None => root.join("target"),
    }
}

fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .map_err(|e| format!("running {shown}: {e} (is it on PATH? `source scripts/lib.sh`)"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// Builds the extras module twice, as it is and with its `organisation` feature, each in a target directory of
/// its own (so neither build undoes the other's): see `build_one`.
pub fn build(root: &Path, target: &Path, work: &Path) -> Result<Built> {
    let (js, wasm) = build_one(root, target, &work.join("base"), &[])?;
    let org = &target.join("organisation");
    let (org_js, org_wasm) =
        build_one(root, org, &work.join(ORG), &["--features", "organisation"])?;
    Ok(Built {
        js,
        wasm,
        org_js,
        org_wasm,
    })
}

/// Builds the extras module with cargo `features` (the root's release profile), wasm-bindgen, wasm-opt, in the
/// scratch directory `work`. When cargo's wasm is the one `work` last saw, its output is reused (a rebuild of
/// the app alone then costs no wasm-opt run).
fn build_one(
    root: &Path,
    target: &Path,
    work: &Path,
    features: &[&str],
) -> Result<(String, Vec<u8>)> {
    run(
        Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .current_dir(root)
            .env("CARGO_TARGET_DIR", target)
            .args(["build", "--release", "--locked", "-p", PACKAGE])
            .args(features)
            .args(["--target", "wasm32-unknown-unknown"]),
    )?;
    let input = target.join(format!(
        "wasm32-unknown-unknown/release/{}.wasm",
        PACKAGE.replace('-', "_")
    ));
    let stamp = format!(
        "{} {} {}",
        short_hash(&read(Path::new(""), &input)?),
        WASM_OPT_FEATURES.join(" "),
        WASM_OPT_OPTIONS.join(" ")
    );
    let js = PathBuf::from(format!("{PACKAGE}.js"));
    let wasm = PathBuf::from(format!("{PACKAGE}_bg.wasm"));
    let stamp_file = work.join("input.stamp");
    let fresh = std::fs::read_to_string(&stamp_file).is_ok_and(|s| s == stamp)
        && work.join(&js).is_file()
        && work.join(&wasm).is_file();
    if !fresh {
        let _ = std::fs::remove_dir_all(work);
        std::fs::create_dir_all(work).map_err(|e| format!("creating {}: {e}", work.display()))?;
        run(Command::new("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-name", PACKAGE])
            .arg("--out-dir")
            .arg(work)
            .arg(&input))?;
        run(Command::new("wasm-opt")
            .arg("-Oz")
            .args(WASM_OPT_FEATURES)
            .args(WASM_OPT_OPTIONS)
            .arg(work.join(&wasm))
            .arg("-o")
            .arg(work.join(&wasm)))?;
        write(&stamp_file, stamp.as_bytes())?;
    }
    Ok((read_text(work, &js)?, read(work, &wasm)?))
}

/// The loader: defines `globalThis.strataExtras()`, which imports the glue and instantiates the wasm once,
/// both relative to the loader's own URL (so the bundle works under any sub-path), and enables the page's
/// on-demand stylesheets, resolving once they have loaded, so nothing it draws shows unstyled. It also reads
/// the catalogue
/// for the app, which puts it into its page on demand: `strataCatalogue()` fetches `catalogue.html` (once;
/// again after a failure) and resolves to its `#catalogue` section's HTML; `strataCatalogueNow()` does the
/// same synchronously, for `beforeprint`, where the browser lays the page out for print as soon as its
/// listeners return.
pub fn loader(js: &str, wasm: &str, org_js: &str, org_wasm: &str) -> String {
    let page = crate::catalogue::PAGE;
    format!(
        "const ready = [];\nconst styled = (link) => new Promise((loaded) => {{ link.onload = link.onerror = loaded; link.disabled = false; }});\n\
const styles = () => [...document.querySelectorAll('link[{ON_DEMAND}][disabled]')].map(styled);\n\
const load = (glue, wasm) => Promise.all([glue.then(async (m) => {{ \
await m.default({{ module_or_path: wasm }}); return m; }}), ...styles()]).then(([m]) => m);\n\
globalThis.{GLOBAL} = (organisation) => organisation \
? (ready[1] ??= load(import('./{org_js}'), new URL('./{org_wasm}', import.meta.url))) \
: (ready[0] ??= load(import('./{js}'), new URL('./{wasm}', import.meta.url)));\n\
const catalogue = new URL('./{page}', import.meta.url);\n\
const section = (page) => new DOMParser().parseFromString(page, 'text/html').getElementById('catalogue').innerHTML;\n\
let read;\n\
globalThis.{CATALOGUE} = () => (read ??= Promise.all([fetch(catalogue).then((r) => {{ if (!r.ok) throw new Error(r.status); return r.text(); }}), \
...styles()]).then(([page]) => section(page)).catch((e) => {{ read = undefined; throw e; }}));\n\
globalThis.{CATALOGUE}Now = () => {{ styles(); const r = new XMLHttpRequest(); r.open('GET', catalogue, false); r.send(); \
if (r.status !== 200) throw new Error(r.status); return section(r.responseText); }};\n"
    )
}

/// The hosted page with its on-demand stylesheets disabled: not fetched with the page, enabled by the loader
/// when the extras load. (The offline page inlines them, catalogue.html loads them.)
pub fn defer_on_demand_styles(html: &str) -> Result<String> {
    rewrite(html, |_, e| {
        match e.name == "link" && e.attr(ON_DEMAND).is_some() {
            true => Edit::Set(vec![("disabled".into(), String::new())]),
            false => Edit::Keep,
        }
    })
}

/// Whether `name` (a file at the bundle root) is one of the extras' files or a loader, as `stage` names them.
pub fn is_extras_file(name: &str) -> bool {
    let hashed = |rest: &str, suffix: &str| {
        rest.strip_suffix(suffix)
            .is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    let module = |r: &str| hashed(r, ".js") || hashed(r, "_bg.wasm");
    name.strip_prefix(&format!("{PACKAGE}-"))
        .is_some_and(|r| module(r) || r.strip_prefix(&format!("{ORG}-")).is_some_and(module))
        || name
            .strip_prefix(LOADER_PREFIX)
            .is_some_and(|r| hashed(r, ".js"))
}

/// Writes the extras and their loader into `dir` under content-hashed names (removing those of an earlier
/// run, so `dir` holds exactly one set).
pub fn stage(dir: &Path, built: &Built) -> Result<Staged> {
    let names = |stem: &str, js: &str, wasm: &[u8]| {
        let mut both = js.as_bytes().to_vec();
        both.extend_from_slice(wasm);
        let hash = short_hash(&both);
        (format!("{stem}{hash}.js"), format!("{stem}{hash}_bg.wasm"))
    };
    let (js, wasm) = names(&format!("{PACKAGE}-"), &built.js, &built.wasm);
    let (org_js, org_wasm) = names(&format!("{PACKAGE}-{ORG}-"), &built.org_js, &built.org_wasm);
    let loader_text = loader(&js, &wasm, &org_js, &org_wasm);
    let loader_name = format!("{LOADER_PREFIX}{}.js", short_hash(loader_text.as_bytes()));
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_extras_file(&name) && entry.path().is_file() {
                std::fs::remove_file(entry.path())
                    .map_err(|e| format!("removing {}: {e}", entry.path().display()))?;
            }
        }
    }
    write(&dir.join(&js), built.js.as_bytes())?;
    write(&dir.join(&wasm), &built.wasm)?;
    write(&dir.join(&org_js), built.org_js.as_bytes())?;
    write(&dir.join(&org_wasm), &built.org_wasm)?;
    write(&dir.join(&loader_name), loader_text.as_bytes())?;
    Ok(Staged {
        js,
        wasm,
        org_js,
        org_wasm,
        loader: loader_name,
        loader_text,
    })
}

/// Adds `<script type="module" src=… integrity=…>` for the loader right before the page's first script
/// (Trunk's boot script), so `strataExtras` is defined before the app starts; replaces the loader of an
/// earlier run. Module scripts run in document order, and this one fetches nothing more until called.
pub fn add_loader(html: &str, staged: &Staged, public_url: &str) -> Result<String> {
    let tag = format!(
        "{}</script>",
        start_tag(
            "script",
            &[
                ("type".into(), "module".into()),
                // The page's first paint does not need it (see the boot script in Trunk.toml).
                ("fetchpriority".into(), "low".into()),
                ("src".into(), format!("{public_url}{}", staged.loader)),
                ("integrity".into(), sri(staged.loader_text.as_bytes())),
            ],
        )
    );
    let els = scan(html)?;
    let is_ours = |e: &crate::html::Element| {
        e.name == "script"
            && e.attr("src")
                .and_then(|src| local_path(src, Path::new(""), public_url))
                .and_then(|p| p.to_str().map(is_extras_file))
                .unwrap_or(false)
    };
    let (at, edit) = match els.iter().position(is_ours) {
        Some(i) => (i, Edit::Replace(tag)),
        None => match els.iter().position(|e| e.is_executable_script()) {
            Some(i) => (i, Edit::Before(tag)),
            // No script: at the end of `<head>` if there is one, else at the very end.
            None => match els.iter().position(|e| e.name == "head") {
                Some(i) => (i, Edit::Append(tag)),
                None => return Ok(format!("{html}{tag}")),
            },
        },
    };
    rewrite(html, |i, _| if i == at { edit.clone() } else { Edit::Keep })
}

/// Whether a script's `src` is the extras loader (for the offline page, which inlines it differently).
pub fn is_loader(src: &str, staged: &Staged, public_url: &str) -> bool {
    local_path(src, Path::new(""), public_url).is_some_and(|p| p == Path::new(&staged.loader))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::hosted::tests::TRUNK_RELEASE;

    /// A miniature of wasm-bindgen's `--target web` output for the extras.
    pub const EXTRAS_JS: &str = r#"let wasm;
const cachedTextDecoder = new TextDecoder('utf-8');
export function catalogue_html() { return "<h2>catalogue</h2></script>"; }
export function diagram_svg(fragment, diagram) { return fragment + diagram; }
function initSync(module) { return module; }
async function __wbg_init(module_or_path) {
    if (wasm !== undefined) return wasm;
    if (Object.getPrototypeOf(module_or_path ?? 0) === Object.prototype) ({module_or_path} = module_or_path);
    if (module_or_path === undefined) module_or_path = new URL('strata-extras_bg.wasm', import.meta.url);
    wasm = module_or_path;
    return wasm;
}
export { initSync, __wbg_init as default };
"#;
    pub const EXTRAS_WASM: &[u8] = b"\0asm\x01\0\0\0extras";

    pub const EXTRAS_ORG_WASM: &[u8] = b"\0asm\x01\0\0\0extras-organisation";

    pub fn built() -> Built {
        Built {
            js: EXTRAS_JS.to_string(),
            wasm: EXTRAS_WASM.to_vec(),
            org_js: EXTRAS_JS.to_string(),
            org_wasm: EXTRAS_ORG_WASM.to_vec(),
        }
    }

    #[test]
    fn the_loader_is_lazy_and_relative_to_itself() {
        let text = loader(
            "strata-extras-0123456789abcdef.js",
            "strata-extras-0123456789abcdef_bg.wasm",
            "strata-extras-org-fedcba9876543210.js",
            "strata-extras-org-fedcba9876543210_bg.wasm",
        );
        assert!(
            text.contains(
                "globalThis.strataExtras = (organisation) => organisation \
? (ready[1] ??= load(import('./strata-extras-org-fedcba9876543210.js'), \
new URL('./strata-extras-org-fedcba9876543210_bg.wasm', import.meta.url))) \
: (ready[0] ??= load(import('./strata-extras-0123456789abcdef.js'), \
new URL('./strata-extras-0123456789abcdef_bg.wasm', import.meta.url)));"
            ),
            "{text}"
        );
        assert!(text.contains("const catalogue = new URL('./catalogue.html', import.meta.url);"));
        assert!(text.contains(
            "globalThis.strataCatalogue = () => (read ??= Promise.all([fetch(catalogue)"
        ));
        assert!(text.contains("globalThis.strataCatalogueNow = () => {"));
        assert!(text.contains(
            "const styles = () => [...document.querySelectorAll('link[data-on-demand][disabled]')].map(styled);"
        ));
    }

    #[test]
    fn on_demand_stylesheets_are_disabled_in_the_hosted_page() {
        let html = "<head><link href=./app-1.css rel=stylesheet><link data-on-demand href=./diagrams-2.css rel=stylesheet></head>";
        let out = defer_on_demand_styles(html).unwrap();
        assert_eq!(
            out,
            "<head><link href=./app-1.css rel=stylesheet><link data-on-demand href=./diagrams-2.css rel=stylesheet disabled=\"\"></head>"
        );
        assert_eq!(defer_on_demand_styles(&out).unwrap(), out, "once");
    }

    #[test]
    fn staging_names_files_by_content_and_replaces_an_earlier_set() {
        let dir = crate::offline::tests::temp_dir("extras-stage");
        std::fs::write(dir.join("strata-extras-00000000000000aa.js"), "old").unwrap();
        std::fs::write(dir.join("strata-extras-00000000000000aa_bg.wasm"), "old").unwrap();
        std::fs::write(dir.join("extras-00000000000000bb.js"), "old").unwrap();
        std::fs::write(dir.join("extras.js"), "not ours").unwrap();
        let staged = stage(&dir, &built()).unwrap();
        let hash = &staged.js["strata-extras-".len()..staged.js.len() - 3];
        assert_eq!(hash.len(), 16);
        assert_eq!(staged.wasm, format!("strata-extras-{hash}_bg.wasm"));
        assert!(staged.org_js.starts_with("strata-extras-org-") && is_extras_file(&staged.org_js));
        assert!(is_extras_file(&staged.org_wasm) && staged.org_js != staged.js);
        assert!(staged.loader.starts_with("extras-") && is_extras_file(&staged.loader));
        assert_eq!(
            staged.loader_text,
            loader(&staged.js, &staged.wasm, &staged.org_js, &staged.org_wasm)
        );
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let mut expected = vec![
            "extras.js".to_string(),
            staged.loader.clone(),
            staged.js.clone(),
            staged.wasm.clone(),
            staged.org_js.clone(),
            staged.org_wasm.clone(),
        ];
        expected.sort();
        assert_eq!(names, expected);
        assert_eq!(std::fs::read(dir.join(&staged.wasm)).unwrap(), EXTRAS_WASM);
        assert_eq!(
            std::fs::read_to_string(dir.join(&staged.loader)).unwrap(),
            staged.loader_text
        );

        // Other content, other names.
        let other = stage(
            &dir,
            &Built {
                wasm: b"\0asm\x01\0\0\0other".to_vec(),
                ..built()
            },
        )
        .unwrap();
        assert_ne!(other.js, staged.js);
        assert_ne!(other.loader, staged.loader);
        assert!(!dir.join(&staged.wasm).exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn extras_file_names() {
        assert!(is_extras_file("strata-extras-0123456789abcdef.js"));
        assert!(is_extras_file("strata-extras-0123456789abcdef_bg.wasm"));
        assert!(is_extras_file("strata-extras-org-0123456789abcdef.js"));
        assert!(is_extras_file("strata-extras-org-0123456789abcdef_bg.wasm"));
        assert!(!is_extras_file("strata-extras-xyz-0123456789abcdef.js"));
        assert!(is_extras_file("extras-0123456789abcdef.js"));
        assert!(!is_extras_file("extras-0123.js"));
        assert!(!is_extras_file("strata-0123456789abcdef.js"));
        assert!(!is_extras_file("boot-0123456789abcdef.js"));
        assert!(!is_extras_file("strata-extras-0123456789abcdef.wasm"));
    }

    fn staged() -> Staged {
        let js = "strata-extras-0123456789abcdef.js".to_string();
        let wasm = "strata-extras-0123456789abcdef_bg.wasm".to_string();
        let org_js = "strata-extras-org-0123456789abcdef.js".to_string();
        let org_wasm = "strata-extras-org-0123456789abcdef_bg.wasm".to_string();
        let loader_text = loader(&js, &wasm, &org_js, &org_wasm);
        Staged {
            loader: format!("extras-{}.js", short_hash(loader_text.as_bytes())),
            js,
            wasm,
            org_js,
            org_wasm,
            loader_text,
        }
    }

    #[test]
    fn the_loader_goes_before_the_boot_script() {
        let s = staged();
        let html = add_loader(TRUNK_RELEASE, &s, "./").unwrap();
        let els = scan(&html).unwrap();
        let scripts: Vec<_> = els.iter().filter(|e| e.name == "script").collect();
        assert_eq!(scripts.len(), 2);
        assert!(scripts[0].is_module());
        assert_eq!(
            scripts[0].attr("src"),
            Some(format!("./{}", s.loader).as_str())
        );
        assert_eq!(
            scripts[0].attr("integrity"),
            Some(sri(s.loader_text.as_bytes()).as_str())
        );
        assert_eq!(scripts[0].text.as_deref(), Some(""));
        assert!(scripts[1]
            .text
            .as_deref()
            .unwrap()
            .starts_with("import init"));
        assert!(is_loader(scripts[0].attr("src").unwrap(), &s, "./"));
        assert!(!is_loader("./boot-0123456789abcdef.js", &s, "./"));

        // Once only, and a new loader replaces the old one.
        assert_eq!(add_loader(&html, &s, "./").unwrap(), html);
        let mut other = s.clone();
        other.loader = "extras-fedcba9876543210.js".into();
        let again = add_loader(&html, &other, "./").unwrap();
        assert_eq!(again.matches("extras-").count(), 1);
        assert!(again.contains("./extras-fedcba9876543210.js"));

        // With an absolute public URL, and still valid after the hosted rewrite.
        let abs = add_loader(TRUNK_RELEASE, &s, "/tools/strata/").unwrap();
        assert!(abs.contains(&format!("src=\"/tools/strata/{}\"", s.loader)));
        let hosted = crate::hosted::rewrite_page(&html, "./").unwrap();
        let els = scan(&hosted.html).unwrap();
        let srcs: Vec<_> = els
            .iter()
            .filter(|e| e.name == "script")
            .filter_map(|e| e.attr("src"))
            .collect();
        assert_eq!(srcs.len(), 2);
        assert_eq!(srcs[0], format!("./{}", s.loader));
        assert!(srcs[1].starts_with("./boot-"));

        // A page without a script gets it at the end of <head>.
        let bare = add_loader(
            "<html><head><title>t</title></head><body></body></html>",
            &s,
            "./",
        )
        .unwrap();
        assert!(bare.contains("</script></head>"));
    }
}
