//! Strata's post-build step, run by Trunk on its staging directory (`TRUNK_STAGING_DIR`):
//!
//! * `index.html` is rewritten to satisfy a strict Content-Security-Policy: inline scripts and styles move
//!   into files (`boot-<hash>.js`, `style-<hash>.css`) and a CSP `<meta>` is added;
//! * `strata-offline.html` is one self-contained page (CSS, JS and the base64 wasm inline, locked down by
//!   a CSP of `sha256-` hashes) that works opened straight from disk;
//! * `strata-dist.zip` holds every other file of the bundle, for hosting elsewhere.

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

/// The whole step on a directory holding Trunk's output. Returns one line per file written.
pub fn run(dir: &Path, public_url: &str) -> Result<Vec<String>> {
    let index = dir.join("index.html");
    let html = read_text(dir, Path::new("index.html"))?;
    let mut report = Vec::new();

    let offline = offline::build(&html, dir, public_url)?;
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
