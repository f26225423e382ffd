//! Short names at the boundary between a wasm module and its wasm-bindgen glue. wasm-bindgen names every import
//! `__wbg_<method>_<16 hex digits>` (and exports such as `__wbindgen_malloc`), and both files spell out every
//! name; the hex digits do not compress. binaryen's `--minify-imports-and-exports-and-modules` renames them in
//! the wasm (one or two characters, one import module `a`) and prints the mapping; [`shorten`] then renames them
//! in the glue to match, before it is minified. Measured on the app: −3.6 KB gzip of wasm, −2.2 KB of glue
//! (docs/PERFORMANCE.md).
//!
//! The glue is changed only where wasm-bindgen writes these names (the import object's keys and module name,
//! `wasm.<export>`), and every name is checked: each import is found exactly once, and no old name is left.

use crate::{read, read_text, write, Result};
use std::path::Path;
use std::process::Command;

/// binaryen's mapping: `imports` are (module, name, new name), `exports` (name, new name).
#[derive(serde::Deserialize)]
struct Mapping {
    imports: Vec<(String, String, String)>,
    exports: Vec<(String, String)>,
}

/// The module name binaryen gives every import (its `SINGLETON_MODULE_NAME`; checked in the wasm).
const MODULE: &str = "a";

fn ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// Whether `text[at..at + len]` is not part of a longer identifier: nothing of one follows it, nor precedes it
/// when it starts with one (`wasm.x`, `x`; `.x` follows any expression).
fn whole(text: &str, at: usize, len: usize) -> bool {
    let starts_ident = text[at..].chars().next().is_some_and(ident);
    let joined_before = starts_ident && text[..at].chars().next_back().is_some_and(ident);
    let joined_after = text[at + len..].chars().next().is_some_and(ident);
    !joined_before && !joined_after
}

/// `text` with every whole-identifier `name` (after `prefix`) replaced by `prefix` + `with`; and how many.
fn replace_ident(text: &str, prefix: &str, name: &str, with: &str) -> (String, usize) {
    let needle = format!("{prefix}{name}");
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    let mut n = 0;
    for (at, _) in text.match_indices(&needle) {
        if at < rest || !whole(text, at, needle.len()) {
            continue;
        }
        out.push_str(&text[rest..at]);
        out.push_str(prefix);
        out.push_str(with);
        rest = at + needle.len();
        n += 1;
    }
    out.push_str(&text[rest..]);
    (out, n)
}

/// The glue renamed after `mapping`.
fn rename_glue(glue: &str, mapping: &Mapping) -> Result<String> {
    let mut glue = glue.to_string();
    let mut modules: Vec<&str> = mapping.imports.iter().map(|(m, _, _)| m.as_str()).collect();
    modules.sort_unstable();
    modules.dedup();
    for module in modules {
        let quoted = format!("\"{module}\"");
        if glue.matches(&quoted).count() != 1 {
            return Err(format!(
                "the glue names the import module {quoted} other than once"
            ));
        }
        glue = glue.replace(&quoted, &format!("\"{MODULE}\""));
    }
    for (_, name, new) in &mapping.imports {
        let (renamed, n) = replace_ident(&glue, "", name, &format!("\"{new}\""));
        if n != 1 {
            return Err(format!(
                "the glue names the import {name} {n} times (expected once, as a key)"
            ));
        }
        glue = renamed;
    }
    for (name, new) in &mapping.exports {
        glue = replace_ident(&glue, "wasm.", name, new).0;
        // Any other property access or string naming it would be left behind. (The glue also has functions
        // of its own named like exports: those are its own names.)
        let left = replace_ident(&glue, ".", name, "").1
            + glue.matches(&format!("\"{name}\"")).count()
            + glue.matches(&format!("'{name}'")).count();
        if left != 0 {
            return Err(format!(
                "the glue uses the export {name} other than as wasm.{name}"
            ));
        }
    }
    Ok(glue)
}

/// The import modules of a wasm module, each once.
fn import_modules(wasm: &[u8]) -> Result<Vec<String>> {
    let mut modules = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        if let wasmparser::Payload::ImportSection(imports) =
            payload.map_err(|e| format!("reading the wasm: {e}"))?
        {
            for import in imports.into_imports() {
                let module = import.map_err(|e| e.to_string())?.module.to_string();
                if !modules.contains(&module) {
                    modules.push(module);
                }
            }
        }
    }
    Ok(modules)
}

/// Shortens the boundary names of `wasm` and its `glue` (bundle-relative paths) in place, with `wasm_opt` (the
/// same binaryen Trunk uses) and the wasm `features` of today's Rust target.
pub fn shorten(
    dir: &Path,
    wasm: &Path,
    glue: &Path,
    wasm_opt: &Path,
    features: &[&str],
) -> Result<()> {
    let path = dir.join(wasm);
    if import_modules(&read(dir, wasm)?)? == [MODULE] {
        return Ok(()); // shortened by an earlier run
    }
    let out = Command::new(wasm_opt)
        .args(features)
        .arg("--minify-imports-and-exports-and-modules")
        .arg(&path)
        .arg("-o")
        .arg(&path)
        .output()
        .map_err(|e| format!("running wasm-opt: {e} (is it on PATH? `source scripts/lib.sh`)"))?;
    if !out.status.success() {
        return Err(format!(
            "wasm-opt --minify-imports-and-exports-and-modules failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let mapping: Mapping = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("reading wasm-opt's mapping of names: {e}"))?;
    let modules = import_modules(&read(dir, wasm)?)?;
    if !mapping.imports.is_empty() && modules != [MODULE] {
        return Err(format!(
            "wasm-opt left import modules {modules:?}, not \"{MODULE}\""
        ));
    }
    let renamed = rename_glue(&read_text(dir, glue)?, &mapping)?;
    write(&dir.join(glue), renamed.as_bytes())
}

/// The app's wasm modules and their glue at the bundle's root (`<name>_bg.wasm` beside `<name>.js`), not the
/// on-demand module's.
pub fn app_modules(dir: &Path) -> Result<Vec<(std::path::PathBuf, std::path::PathBuf)>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))? {
        let name = entry
            .map_err(|e| e.to_string())?
            .file_name()
            .to_string_lossy()
            .into_owned();
        let Some(stem) = name.strip_suffix("_bg.wasm") else {
            continue;
        };
        let glue = format!("{stem}.js");
        if !crate::extras::is_extras_file(&name) && dir.join(&glue).is_file() {
            found.push((name.clone().into(), glue.into()));
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A mapping and glue shaped like binaryen's and wasm-bindgen's.
    fn mapping() -> Mapping {
        serde_json::from_str(
            r#"{
 "imports": [
  ["./app_bg.js", "__wbg_click_0123456789abcdef", "a"],
  ["./app_bg.js", "__wbg_set_fedcba9876543210", "$"]
 ],
"exports": [
  ["memory", "b"],
  ["__wbindgen_malloc", "c"]
 ]
}"#,
        )
        .unwrap()
    }

    const GLUE: &str = r#"let wasm;
function getMemory() { return new Uint8Array(wasm.memory.buffer); }
function __wbindgen_malloc(n) { return wasm.__wbindgen_malloc(n, 4); }
function alloc(n) { return wasm.__wbindgen_malloc(n, 1) >>> 0; }
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg_click_0123456789abcdef: function(arg0) { arg0.click(); },
        __wbg_set_fedcba9876543210: function(arg0, arg1) { arg0.set(arg1); },
    };
    return { __proto__: null, "./app_bg.js": import0 };
}
"#;

    #[test]
    fn the_glue_follows_the_mapping() {
        let out = rename_glue(GLUE, &mapping()).unwrap();
        assert!(out.contains("\"a\": function(arg0) { arg0.click(); }"));
        assert!(out.contains("\"$\": function(arg0, arg1)"));
        assert!(out.contains("return { __proto__: null, \"a\": import0 };"));
        assert!(out.contains("wasm.b.buffer") && out.contains("wasm.c(n, 1)"));
        assert!(!out.contains("__wbg_click") && !out.contains("memory"));
        assert!(
            out.contains("function __wbindgen_malloc(n) { return wasm.c(n, 4); }"),
            "its own names stay, its calls of the export change"
        );
        // Names inside longer identifiers stay.
        assert_eq!(
            replace_ident("amemory memory_x memory", "", "memory", "m").0,
            "amemory memory_x m"
        );
    }

    #[test]
    fn a_name_the_glue_does_not_hold_as_expected_is_an_error() {
        let twice = GLUE.replace(
            "arg0.set(arg1);",
            "arg0.set(arg1); __wbg_click_0123456789abcdef;",
        );
        assert!(rename_glue(&twice, &mapping())
            .unwrap_err()
            .contains("2 times"));
        for other_use in ["exports.memory", "exports[\"memory\"]"] {
            let glue = GLUE.replace("let wasm;", &format!("let wasm; const m = {other_use};"));
            let err = rename_glue(&glue, &mapping()).unwrap_err();
            assert!(err.contains("memory"), "{other_use}: {err}");
        }
        let module = GLUE.replace("\"./app_bg.js\"", "'./app_bg.js'");
        assert!(rename_glue(&module, &mapping()).is_err());
    }

    /// With the real tools: a wasm with two imports and two exports, assembled by binaryen's wasm-as, and its
    /// glue: afterwards the wasm imports only short names from "a", and the glue provides exactly those.
    #[test]
    fn wasm_opt_and_the_glue_agree() {
        let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../node_modules/.bin");
        let (wasm_as, wasm_opt) = (bin.join("wasm-as"), bin.join("wasm-opt"));
        assert!(
            wasm_opt.is_file(),
            "binaryen is installed: run `npm ci` (or scripts/setup.sh)"
        );
        let dir = crate::offline::tests::temp_dir("names");
        let wat = r#"(module
  (import "./app_bg.js" "__wbg_click_0123456789abcdef" (func $click (param i32)))
  (import "./app_bg.js" "__wbg_set_fedcba9876543210" (func $set (param i32 i32)))
  (memory $m 1)
  (export "memory" (memory $m))
  (func $malloc (export "__wbindgen_malloc") (param i32 i32) (result i32)
    (call $click (local.get 0)) (call $set (local.get 0) (local.get 1)) (local.get 0)))"#;
        std::fs::write(dir.join("app.wat"), wat).unwrap();
        let status = Command::new(&wasm_as)
            .arg(dir.join("app.wat"))
            .arg("-o")
            .arg(dir.join("app_bg.wasm"))
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::write(dir.join("app.js"), GLUE).unwrap();
        shorten(
            &dir,
            Path::new("app_bg.wasm"),
            Path::new("app.js"),
            &wasm_opt,
            &[],
        )
        .unwrap();
        let once = std::fs::read_to_string(dir.join("app.js")).unwrap();
        shorten(
            &dir,
            Path::new("app_bg.wasm"),
            Path::new("app.js"),
            &wasm_opt,
            &[],
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join("app.js")).unwrap(),
            once,
            "once only"
        );
        let wasm = std::fs::read(dir.join("app_bg.wasm")).unwrap();
        assert_eq!(import_modules(&wasm).unwrap(), ["a"]);
        let glue = std::fs::read_to_string(dir.join("app.js")).unwrap();
        let mut names = Vec::new();
        for payload in wasmparser::Parser::new(0).parse_all(&wasm) {
            if let Ok(wasmparser::Payload::ImportSection(imports)) = payload {
                for import in imports.into_imports() {
                    names.push(import.unwrap().name.to_string());
                }
            }
        }
        assert_eq!(names.len(), 2);
        for name in &names {
            assert!(
                name.len() <= 2 && glue.contains(&format!("\"{name}\": function")),
                "{name}: {glue}"
            );
        }
        assert!(
            !glue.contains("__wbg_click")
                && !glue.contains("./app_bg.js")
                && !glue.contains("wasm.__wbindgen_malloc")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
