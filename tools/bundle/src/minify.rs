//! esbuild from npm bundles the offline page's scripts (see `offline`) and minifies the JavaScript the bundle
//! ships. Minifying: esbuild from npm (pinned in `package.json`, installed by
//! `npm ci` / `scripts/setup.sh`): Trunk's own minifier gives up on wasm-bindgen's glue
//! ("RequiredTokenNotFound … KeywordDefault") and ships it as written.
//!
//! Every `.js`/`.mjs` file of the bundle is minified in place (wasm-bindgen's glue for the app and the extras,
//! the extras loader, any snippets), and so is every inline script of the page (Trunk's boot script, which the
//! hosted rewrite then moves into `boot-<hash>.js`). Files keep their names. Module code keeps its ES module
//! syntax, `import.meta.url` and its export names (`default`, `initSync`, …); a classic script (one the page
//! loads without `type=module`) is minified without renaming its top-level names, which are globals.
//! Whatever references a rewritten file with an `integrity` attribute gets the new hash (`update_integrity`).

use crate::html::{rewrite, scan, Edit};
use crate::{local_path, read, Result};
use sha2::{Digest, Sha256, Sha384, Sha512};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A minifier: `(code, name for messages, is an ES module) -> minified code`.
pub type Minify<'a> = &'a dyn Fn(&str, &str, bool) -> Result<String>;

/// esbuild's options. es2020 syntax, except that top-level `await` (ES2022, which Trunk's boot script uses and
/// every browser running it has) is kept as written rather than refused.
pub const ESBUILD_ARGS: &[&str] = &[
    "--minify",
    "--target=es2020",
    "--supported:top-level-await=true",
    "--log-level=warning",
];

/// `node_modules/.bin/esbuild` of the workspace at `root`.
pub struct Esbuild {
    bin: PathBuf,
}

impl Esbuild {
    /// Finds esbuild, or fails with what to run to get it.
    pub fn find(root: &Path) -> Result<Esbuild> {
        let bin = root.join("node_modules/.bin/esbuild");
        if !bin.exists() {
            return Err(format!(
                "esbuild is not installed ({} is missing): run `npm ci` in the repository root \
                 (or `bash scripts/setup.sh`)",
                bin.display()
            ));
        }
        Ok(Esbuild { bin })
    }

    /// Minifies `code` (stdin to stdout; `name` shows in esbuild's messages).
    pub fn minify(&self, code: &str, name: &str, module: bool) -> Result<String> {
        let mut args = vec![format!("--sourcefile={name}")];
        if module {
            args.push("--format=esm".into());
        }
        self.run(code, name, &args, None)
    }

    /// Bundles the module `code` (as if it were a file at the root of `dir`) with the local modules it imports
    /// into one ES module, and every `.wasm` file it imports into its bytes (esbuild's `binary` loader, base64
    /// decoded when the importing module first runs). Modules imported with `import()` stay lazy: their code runs
    /// on the first call. Minified if `minify`.
    pub fn bundle(&self, dir: &Path, code: &str, name: &str, minify: bool) -> Result<String> {
        let args = vec![
            "--bundle".to_string(),
            "--format=esm".into(),
            "--loader:.wasm=binary".into(),
            format!("--sourcefile={name}"),
        ];
        self.run(code, name, &args, Some((dir, minify)))
    }

    fn run(
        &self,
        code: &str,
        name: &str,
        args: &[String],
        bundle: Option<(&Path, bool)>,
    ) -> Result<String> {
        let mut cmd = Command::new(&self.bin);
        match bundle {
            // Imports resolve from the bundle's root; minified only if asked.
            Some((dir, minify)) => {
                cmd.current_dir(dir);
                cmd.args(ESBUILD_ARGS.iter().filter(|a| minify || **a != "--minify"));
            }
            None => {
                cmd.args(ESBUILD_ARGS);
            }
        }
        cmd.args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().map_err(|e| {
            format!(
                "running {}: {e} (esbuild comes from npm: run `npm ci`)",
                self.bin.display()
            )
        })?;
        let mut stdin = child.stdin.take().expect("piped");
        let input = code.to_string();
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let mut out = String::new();
        child
            .stdout
            .take()
            .expect("piped")
            .read_to_string(&mut out)
            .map_err(|e| format!("reading esbuild's output for {name}: {e}"))?;
        let output = child
            .wait_with_output()
            .map_err(|e| format!("running esbuild on {name}: {e}"))?;
        let written = writer.join().map_err(|_| "writing to esbuild panicked")?;
        if !output.status.success() {
            return Err(format!(
                "esbuild could not process {name} ({}):\n{}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim_end()
            ));
        }
        written.map_err(|e| format!("writing {name} to esbuild: {e}"))?;
        Ok(out)
    }
}

/// Minifies every JavaScript file under `dir` in place (except the files named in `skip`); returns the ones
/// that changed. A file the page (`html`) loads as a classic script is minified as one; the rest are modules.
pub fn files(
    dir: &Path,
    html: &str,
    public_url: &str,
    skip: &[&str],
    minify: Minify,
) -> Result<Vec<PathBuf>> {
    let classic: Vec<PathBuf> = scan(html)?
        .iter()
        .filter(|e| e.is_executable_script() && !e.is_module())
        .filter_map(|e| e.attr("src"))
        .filter_map(|src| local_path(src, Path::new(""), public_url))
        .collect();
    let mut changed = Vec::new();
    for (name, bytes) in crate::zip::collect(dir, skip)? {
        if !(name.ends_with(".js") || name.ends_with(".mjs")) {
            continue;
        }
        let rel = PathBuf::from(&name);
        let code = String::from_utf8(bytes).map_err(|_| format!("{name} is not UTF-8"))?;
        let out = minify(&code, &name, !classic.contains(&rel))?;
        if out != code {
            crate::write(&dir.join(&rel), out.as_bytes())?;
            changed.push(rel);
        }
    }
    Ok(changed)
}

/// Minifies the page's inline scripts (not data blocks, nor `trunk serve`'s live-reload script).
pub fn inline_scripts(html: &str, minify: Minify) -> Result<String> {
    let mut failed = None;
    let out = rewrite(html, |_, e| {
        let Some(code) = e.inline_text().filter(|_| e.is_executable_script()) else {
            return Edit::Keep;
        };
        if crate::hosted::is_dev_reload(code) || failed.is_some() {
            return Edit::Keep;
        }
        match minify(code, "an inline script of index.html", e.is_module()) {
            // Inline, it must not close its element early (the hosted rewrite moves it out, the offline page
            // escapes it again, but the page in between is parsed as HTML).
            Ok(out) if out.to_ascii_lowercase().contains("</script") => Edit::Keep,
            Ok(out) => Edit::Replace(format!(
                "{}{out}</script>",
                crate::html::start_tag("script", &e.attrs)
            )),
            Err(why) => {
                failed = Some(why);
                Edit::Keep
            }
        }
    })?;
    match failed {
        Some(why) => Err(why),
        None => Ok(out),
    }
}

/// An SRI value for `bytes` with the algorithm of `old` (`sha256-`, `sha384-` or `sha512-`; Trunk writes
/// sha384, the default).
pub fn sri_like(old: &str, bytes: &[u8]) -> String {
    let b64 = |d: &[u8]| crate::base64(d);
    match old.split('-').next().unwrap_or("") {
        "sha256" => format!("sha256-{}", b64(&Sha256::digest(bytes))),
        "sha512" => format!("sha512-{}", b64(&Sha512::digest(bytes))),
        _ => format!("sha384-{}", b64(&Sha384::digest(bytes))),
    }
}

/// Recomputes the `integrity` of every `<script src>` and `<link href>` that names one of the `changed` files
/// (bundle-relative paths); the rest of the page is left as it is.
pub fn update_integrity(
    html: &str,
    dir: &Path,
    public_url: &str,
    changed: &[PathBuf],
) -> Result<String> {
    let mut failed = None;
    let out = rewrite(html, |_, e| {
        let url = match e.name.as_str() {
            "script" => e.attr("src"),
            "link" => e.attr("href"),
            _ => None,
        };
        let (Some(url), Some(old)) = (url, e.attr("integrity")) else {
            return Edit::Keep;
        };
        let Some(path) = local_path(url, Path::new(""), public_url).filter(|p| changed.contains(p))
        else {
            return Edit::Keep;
        };
        match read(dir, &path) {
            Ok(bytes) if sri_like(old, &bytes) != old => {
                Edit::Set(vec![("integrity".into(), sri_like(old, &bytes))])
            }
            Ok(_) => Edit::Keep,
            Err(why) => {
                failed = Some(why);
                Edit::Keep
            }
        }
    })?;
    match failed {
        Some(why) => Err(why),
        None => Ok(out),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::sri;

    /// A stand-in for esbuild: drops indentation and blank lines (idempotent, and keeps the samples valid).
    pub fn squeeze(code: &str, _name: &str, _module: bool) -> Result<String> {
        if code.contains("syntax error") {
            return Err("syntax error".into());
        }
        Ok(code
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| format!("{l}\n"))
            .collect())
    }

    /// esbuild from `node_modules`, when installed (tests that need it are skipped otherwise).
    pub fn esbuild() -> Option<Esbuild> {
        let found = Esbuild::find(&crate::extras::workspace_root()).ok()?;
        found.minify("1", "probe", true).ok().map(|_| found)
    }

    #[test]
    fn integrity_follows_a_changed_file_and_only_that() {
        let dir = crate::offline::tests::temp_dir("integrity");
        std::fs::write(dir.join("a.js"), "export const a = 1;\n").unwrap();
        std::fs::write(dir.join("b.js"), "export const b = 2;\n").unwrap();
        std::fs::write(dir.join("c.css"), "p{}").unwrap();
        let html = format!(
            "<html><meta charset=utf-8><link crossorigin href=./a.js integrity={} rel=modulepreload>\
<link href=./c.css integrity=sha384-stale rel=stylesheet><script type=module src=./b.js integrity={}></script>\
<script src=./a.js integrity=sha256-x></script><script type=module src=./b.js></script></html>",
            sri(b"old a"),
            sri(b"old b"),
        );
        let changed = [PathBuf::from("a.js"), PathBuf::from("b.js")];
        let out = update_integrity(&html, &dir, "./", &changed).unwrap();
        let els = scan(&out).unwrap();
        let integrity: Vec<_> = els.iter().map(|e| e.attr("integrity")).collect();
        let a = "export const a = 1;\n".as_bytes();
        let b = "export const b = 2;\n".as_bytes();
        assert_eq!(
            integrity,
            [
                None,
                None,
                Some(sri(a).as_str()),
                Some("sha384-stale"),
                Some(sri(b).as_str()),
                Some(sri_like("sha256-", a).as_str()),
                None,
            ],
            "{out}"
        );
        assert!(sri_like("sha256-x", a).starts_with("sha256-"));
        assert!(sri_like("sha512-x", a).starts_with("sha512-"));
        // Other attributes and unchanged tags are kept; a script keeps its content and end tag.
        assert!(out.contains(&format!(
            "<link crossorigin href=./a.js integrity=\"{}\" rel=modulepreload>",
            sri(a)
        )));
        assert!(out.contains("<link href=./c.css integrity=sha384-stale rel=stylesheet>"));
        assert!(out.contains("></script><script type=module src=./b.js></script></html>"));
        assert_eq!(update_integrity(&out, &dir, "./", &changed).unwrap(), out);
        assert_eq!(update_integrity(&html, &dir, "./", &[]).unwrap(), html);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn files_are_minified_in_place_as_modules_or_classic_scripts() {
        let dir = crate::offline::tests::temp_dir("minify-files");
        std::fs::create_dir_all(dir.join("snippets/x")).unwrap();
        std::fs::write(dir.join("m.js"), "  export const a = 1;\n\n").unwrap();
        std::fs::write(dir.join("snippets/x/s.js"), "  export const s = 1;\n").unwrap();
        std::fs::write(dir.join("c.js"), "  var g = 1;\n").unwrap();
        std::fs::write(dir.join("done.js"), "let x;\n").unwrap();
        std::fs::write(dir.join("skip.js"), "  keep;\n").unwrap();
        std::fs::write(dir.join("a.css"), "  p {}\n").unwrap();
        let html = "<script src=./c.js></script><script type=module src=./m.js></script>";
        let seen = std::cell::RefCell::new(Vec::new());
        let record = |code: &str, name: &str, module: bool| {
            seen.borrow_mut().push(format!("{name} {module}"));
            squeeze(code, name, module)
        };
        let changed = files(&dir, html, "./", &["skip.js"], &record).unwrap();
        assert_eq!(
            changed,
            [
                PathBuf::from("c.js"),
                PathBuf::from("m.js"),
                PathBuf::from("snippets/x/s.js")
            ]
        );
        assert_eq!(
            *seen.borrow(),
            [
                "c.js false",
                "done.js true",
                "m.js true",
                "snippets/x/s.js true"
            ]
        );
        let text = |n: &str| std::fs::read_to_string(dir.join(n)).unwrap();
        assert_eq!(text("m.js"), "export const a = 1;\n");
        assert_eq!(text("skip.js"), "  keep;\n");
        assert_eq!(text("a.css"), "  p {}\n");

        std::fs::write(dir.join("bad.js"), "syntax error").unwrap();
        assert!(files(&dir, html, "./", &[], &squeeze).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn inline_scripts_but_not_data_or_live_reload() {
        let html = "<script type=module>\n  import a from './a.js';\n\n  a();\n</script>\
<script type=application/json>\n  {\"a\": 1}\n</script><script>\n  const address = '{{__TRUNK_ADDRESS__}}';\n</script>\
<script src=./x.js></script>";
        let out = inline_scripts(html, &squeeze).unwrap();
        assert!(
            out.starts_with("<script type=\"module\">import a from './a.js';\na();\n</script>"),
            "{out}"
        );
        assert!(out.contains("<script type=application/json>\n  {\"a\": 1}\n</script>"));
        assert!(out.contains("\n  const address = '{{__TRUNK_ADDRESS__}}';\n"));
        assert!(out.ends_with("<script src=./x.js></script>"));
    }

    #[test]
    fn missing_esbuild_names_npm_ci() {
        let err = Esbuild::find(Path::new("/nonexistent")).err().unwrap();
        assert!(err.contains("npm ci"), "{err}");
    }

    /// With esbuild installed: module syntax, `import.meta.url` and export names survive, top-level await is
    /// accepted, a classic script keeps its globals, and a syntax error is reported with the file's name.
    #[test]
    fn esbuild_keeps_what_the_bundle_needs_when_installed() {
        let Some(esbuild) = esbuild() else {
            return;
        };
        let glue = crate::extras::tests::EXTRAS_JS;
        let out = esbuild.minify(glue, "glue.js", true).unwrap();
        assert!(out.len() < glue.len(), "{out}");
        assert!(out.contains("import.meta.url"));
        assert!(
            out.contains(" as default") && out.contains(" as initSync") && out.contains("export{")
        );
        let boot = "import init, * as bindings from './s.js';\nconst wasm = await init({ module_or_path: './s_bg.wasm' });\nwindow.b = bindings;\n";
        let out = esbuild.minify(boot, "boot.js", true).unwrap();
        assert!(
            out.starts_with("import ") && out.contains("await "),
            "{out}"
        );
        let out = esbuild
            .minify("var someGlobal = 1;\n", "c.js", false)
            .unwrap();
        assert!(out.contains("someGlobal"), "{out}");
        let err = esbuild.minify("let = ;", "broken.js", true).unwrap_err();
        assert!(err.contains("broken.js"), "{err}");
    }
}
