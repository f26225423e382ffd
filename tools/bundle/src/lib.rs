//! Strata's post-build step, run by Trunk on its staging directory (`TRUNK_STAGING_DIR`):
//!
//! * `index.html` is rewritten to satisfy a strict Content-Security-Policy: inline scripts and styles move
//!   into files (`boot-<hash>.js`, `style-<hash>.css`) and a CSP `<meta>` is added;
//! * `strata-offline.html` is one self-contained page (CSS, JS and the base64 wasm inline, locked down by
//!   a CSP of `sha256-` hashes) that works opened straight from disk;
//! * `strata-dist.zip` holds every other file of the bundle, for hosting elsewhere.
//!
//! First it builds the on-demand module `strata-extras` into the bundle, with a loader script that defines
//! `globalThis.strataExtras()` for the app (see `extras`); the offline page carries it inline.

pub mod extras;
pub mod hosted;
pub mod html;
pub mod js;
pub mod offline;
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
/// wasm-opt), then `assemble`. Returns one line per file written.
pub fn run(dir: &Path, public_url: &str) -> Result<Vec<String>> {
    let root = extras::workspace_root();
    let target = extras::target_dir(&root);
    let built = extras::build(&root, &target, &target.join("strata-bundle"))?;
    assemble(dir, public_url, Some(&built))
}

/// Everything but building the extras: stages them (if given) with their loader, then writes the offline
/// page, the strict-CSP `index.html` and the zip.
pub fn assemble(
    dir: &Path,
    public_url: &str,
    built: Option<&extras::Built>,
) -> Result<Vec<String>> {
    let index = dir.join("index.html");
    let mut html = read_text(dir, Path::new("index.html"))?;
    let mut report = Vec::new();

    let staged = match built {
        Some(built) => {
            let staged = extras::stage(dir, built)?;
            html = extras::add_loader(&html, &staged, public_url);
            report.push(format!(
                "{} ({} KB) and {} ({} KB), on demand",
                staged.js,
                built.js.len() / 1024,
                staged.wasm,
                built.wasm.len() / 1024
            ));
            report.push(format!("{} (their loader)", staged.loader));
            Some(staged)
        }
        None => None,
    };

    let offline = offline::build(&html, dir, public_url, staged.as_ref())?;
    write(&dir.join(OFFLINE_HTML), offline.as_bytes())?;
    report.push(format!("{OFFLINE_HTML} ({} KB)", offline.len() / 1024));

    let hosted = hosted::rewrite(&html, public_url);
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

    #[test]
    fn assemble_stages_the_extras_everywhere() {
        let dir = offline::tests::temp_dir("assemble");
        let html = offline::tests::sample_bundle(&dir);
        write(&dir.join("index.html"), html.as_bytes()).unwrap();
        let report = assemble(&dir, "./", Some(&extras::tests::built())).unwrap();
        assert!(report[0].ends_with(", on demand") && report[1].ends_with("(their loader)"));
        let names: Vec<String> = zip::collect(&dir, &[])
            .unwrap()
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        let ours: Vec<_> = names.iter().filter(|n| extras::is_extras_file(n)).collect();
        assert_eq!(ours.len(), 3, "{names:?}");

        let index = read_text(&dir, Path::new("index.html")).unwrap();
        let loader = ours.iter().find(|n| n.starts_with("extras-")).unwrap();
        assert!(index.contains(&format!("src=\"./{loader}\"")));
        assert!(index.contains("Content-Security-Policy"));
        let offline = read_text(&dir, Path::new(OFFLINE_HTML)).unwrap();
        assert_eq!(offline.matches("globalThis.strataExtras = ").count(), 1);

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
        assemble(&dir, "./", Some(&extras::tests::built())).unwrap();
        let again = read_text(&dir, Path::new("index.html")).unwrap();
        assert_eq!(again, index);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Runs both loaders (the hosted file and the offline inline script) in Node, when it is installed:
    /// nothing is evaluated before the first call, the second call gets the same module.
    #[test]
    fn node_runs_both_loaders_when_installed() {
        let Ok(out) = std::process::Command::new("node").arg("--version").output() else {
            return;
        };
        if !out.status.success() {
            return;
        }
        let dir = offline::tests::temp_dir("node");
        let html = offline::tests::sample_bundle(&dir);
        write(&dir.join("index.html"), html.as_bytes()).unwrap();
        let mut built = extras::tests::built();
        // Counts evaluations of the glue, and shows what it was given to instantiate.
        built.js = format!(
            "globalThis.evaluated = (globalThis.evaluated ?? 0) + 1;\n{}\
             export function passed() {{ return wasm instanceof URL ? wasm.href : Buffer.from(wasm).toString('base64'); }}\n",
            built.js
        );
        assemble(&dir, "./", Some(&built)).unwrap();
        let index = read_text(&dir, Path::new("index.html")).unwrap();
        let loader = html::elements(&index)
            .iter()
            .find_map(|e| {
                e.attr("src")
                    .filter(|s| s.contains("/extras-"))
                    .map(String::from)
            })
            .unwrap();
        let wasm_name = read_text(&dir, Path::new(&loader))
            .unwrap()
            .split('\'')
            .find(|s| s.ends_with("_bg.wasm"))
            .unwrap()
            .trim_start_matches("./")
            .to_string();
        let offline = read_text(&dir, Path::new(OFFLINE_HTML)).unwrap();
        let els = html::elements(&offline);
        let inline = els.iter().find(|e| e.name == "script").unwrap();
        write(
            &dir.join("offline-extras.mjs"),
            offline[inline.content.clone().unwrap()].as_bytes(),
        )
        .unwrap();
        let bytes = base64(extras::tests::EXTRAS_WASM);
        for (script, wasm) in [
            (loader.as_str(), format!("/{wasm_name}")),
            ("./offline-extras.mjs", bytes),
        ] {
            let program = format!(
                "globalThis.evaluated = 0;\n\
                 await import({script:?});\n\
                 if (globalThis.evaluated !== 0) throw new Error('evaluated before the first call');\n\
                 const m = await globalThis.strataExtras();\n\
                 if (m !== await globalThis.strataExtras() || globalThis.evaluated !== 1) throw new Error('twice');\n\
                 console.log(m.catalogue_html(), m.diagram_svg('a', 'b'), m.passed());\n"
            );
            let run = std::process::Command::new("node")
                .current_dir(&dir)
                .args(["--input-type=module", "-e", &program])
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&run.stderr);
            assert!(run.status.success(), "{script}: {err}");
            let text = String::from_utf8_lossy(&run.stdout);
            assert!(
                text.starts_with("<h2>catalogue</h2></script> ab ")
                    && text.trim_end().ends_with(&wasm),
                "{script}: {text}"
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
