//! Turns a module script and the local ES modules it imports into one inline script: each imported module
//! becomes a function scope whose `export`s are returned as an object, each `import` of it a `const`, and
//! each string literal naming a local `.wasm` file the decoded bytes of a base64 constant.
//!
//! This handles the JavaScript that wasm-bindgen (`--target web`) and Trunk write — statements at the top
//! level of a module, `export function|class|const|let|var name` and `export { a, b as c }` — and fails
//! loudly on anything else (`export default …`, `export * from`, re-exports).

use crate::{base64, local_path, read, read_text, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub struct Inliner<'a> {
    dir: &'a Path,
    public_url: &'a str,
    /// `const __strata_mod_N = (() => { … })();`, dependencies first.
    modules: Vec<String>,
    names: HashMap<PathBuf, String>,
    in_progress: Vec<PathBuf>,
    wasm: Vec<String>,
    wasm_names: HashMap<PathBuf, String>,
}

const DECODER: &str =
    "const __strata_bytes = (b64) => { const s = atob(b64), u = new Uint8Array(s.length); \
for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i); return u; };\n";

impl<'a> Inliner<'a> {
    pub fn new(dir: &'a Path, public_url: &'a str) -> Self {
        Inliner {
            dir,
            public_url,
            modules: Vec::new(),
            names: HashMap::new(),
            in_progress: Vec::new(),
            wasm: Vec::new(),
            wasm_names: HashMap::new(),
        }
    }

    /// One self-contained module script for `code` (a module script of the page at the bundle root).
    pub fn bundle(mut self, code: &str) -> Result<String> {
        let code = self.imports(code, Path::new(""))?;
        let code = self.wasm_literals(&code)?;
        let mut out = String::new();
        if !self.wasm.is_empty() {
            out.push_str(DECODER);
            for w in &self.wasm {
                out.push_str(w);
            }
        }
        for m in &self.modules {
            out.push_str(m);
        }
        out.push_str(&code);
        Ok(out)
    }

    /// A script defining `globalThis[global]()`, which evaluates the wasm-bindgen module at `module` (and its
    /// local imports), instantiates it with the bytes of `wasm` and resolves to its exports; all of that
    /// (base64 decoding included) happens once, on the first call. Must run as a module script (wasm-bindgen's
    /// glue mentions `import.meta`).
    pub fn lazy(mut self, module: &Path, wasm: &Path, global: &str) -> Result<String> {
        let name = self.module(module)?;
        let bytes = read(self.dir, wasm)?;
        let mut out = format!(
            "let ready;\nglobalThis.{global} = () => (ready ??= (async () => {{\n{DECODER}"
        );
        for m in &self.modules {
            out.push_str(m);
        }
        out.push_str(&format!(
            "await {name}.default({{ module_or_path: __strata_bytes(\"{}\") }});\nreturn {name};\n}})());\n",
            base64(&bytes)
        ));
        Ok(out)
    }

    /// Replaces every static `import` of a local module by `const`s bound to its inlined copy.
    fn imports(&mut self, code: &str, base: &Path) -> Result<String> {
        let mut edits = Vec::new();
        for p in statement_starts(code, "import") {
            let after = p + "import".len();
            let quote = code[after..]
                .find(['"', '\''])
                .map(|q| after + q)
                .ok_or("import without a specifier")?;
            let (spec, end) = string_literal(code, quote)?;
            let end = if code[end..].starts_with(';') {
                end + 1
            } else {
                end
            };
            let head = code[after..quote].trim();
            let clause = if head.is_empty() {
                ""
            } else {
                head.strip_suffix("from")
                    .ok_or_else(|| format!("cannot read the import statement `{}`", &code[p..end]))?
                    .trim()
            };
            let path = local_path(&spec, base, self.public_url).ok_or_else(|| {
                format!("cannot inline the import of `{spec}`: not a file of the bundle")
            })?;
            let module = self.module(&path)?;
            edits.push((p..end, bindings(clause, &module)?));
        }
        Ok(crate::html::apply(code, edits))
    }

    /// The variable holding the exports of the module at `path`, inlining it (and its imports) first.
    fn module(&mut self, path: &Path) -> Result<String> {
        if let Some(name) = self.names.get(path) {
            return Ok(name.clone());
        }
        if self.in_progress.iter().any(|p| p == path) {
            return Err(format!("import cycle through {}", path.display()));
        }
        self.in_progress.push(path.to_path_buf());
        let code = read_text(self.dir, path)?;
        let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let code = self.imports(&code, &base)?;
        let (code, exports) =
            strip_exports(&code).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = format!("__strata_mod_{}", self.modules.len());
        let object: Vec<String> = exports
            .iter()
            .map(|(exported, local)| format!("{exported:?}: {local}"))
            .collect();
        self.modules.push(format!(
            "const {name} = (() => {{\n{code}\nreturn {{ {} }};\n}})();\n",
            object.join(", ")
        ));
        self.in_progress.pop();
        self.names.insert(path.to_path_buf(), name.clone());
        Ok(name)
    }

    /// Replaces string literals that name a local `.wasm` file with that file's bytes.
    fn wasm_literals(&mut self, code: &str) -> Result<String> {
        let mut edits = Vec::new();
        let mut i = 0;
        while let Some(q) = code[i..].find(['"', '\'']).map(|q| i + q) {
            let (text, end) = string_literal(code, q)?;
            i = end;
            if !text.ends_with(".wasm") {
                continue;
            }
            let Some(path) = local_path(&text, Path::new(""), self.public_url) else {
                continue;
            };
            if !self.dir.join(&path).is_file() {
                continue;
            }
            let name = match self.wasm_names.get(&path) {
                Some(n) => n.clone(),
                None => {
                    let name = format!("__strata_wasm_{}", self.wasm.len());
                    let bytes = read(self.dir, &path)?;
                    self.wasm.push(format!(
                        "const {name} = __strata_bytes(\"{}\");\n",
                        base64(&bytes)
                    ));
                    self.wasm_names.insert(path, name.clone());
                    name
                }
            };
            edits.push((q..end, name));
        }
        Ok(crate::html::apply(code, edits))
    }
}

/// `import <clause> from …` as `const` declarations over the module object `module`.
fn bindings(clause: &str, module: &str) -> Result<String> {
    let mut out = Vec::new();
    let mut rest = clause.trim();
    if rest.is_empty() {
        return Ok(String::new());
    }
    if !rest.starts_with('{') && !rest.starts_with('*') {
        let (default, tail) = rest.split_once(',').unwrap_or((rest, ""));
        out.push(format!("const {} = {module}.default;", ident(default)?));
        rest = tail.trim();
    }
    if let Some(ns) = rest.strip_prefix('*') {
        let ns = ns
            .trim()
            .strip_prefix("as")
            .ok_or_else(|| format!("cannot read `{clause}`"))?;
        out.push(format!("const {} = {module};", ident(ns)?));
    } else if let Some(list) = rest.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
        let mut parts = Vec::new();
        for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (imported, local) = item.split_once(" as ").unwrap_or((item, item));
            parts.push(format!("{:?}: {}", imported.trim(), ident(local)?));
        }
        out.push(format!("const {{ {} }} = {module};", parts.join(", ")));
    } else if !rest.is_empty() {
        return Err(format!("cannot read the import clause `{clause}`"));
    }
    Ok(out.join(" "))
}

fn ident(s: &str) -> Result<&str> {
    let s = s.trim();
    let ok = !s.is_empty()
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$');
    if ok {
        Ok(s)
    } else {
        Err(format!("`{s}` is not an identifier"))
    }
}

/// Removes the `export`s of a module; returns its code and the (exported name, local name) pairs.
fn strip_exports(code: &str) -> Result<(String, Vec<(String, String)>)> {
    let mut edits = Vec::new();
    let mut exports = Vec::new();
    for p in statement_starts(code, "export") {
        let after = p + "export".len();
        let decl = after + (code[after..].len() - code[after..].trim_start().len());
        let rest = &code[decl..];
        if let Some(list) = rest.strip_prefix('{') {
            let close = list.find('}').ok_or("unclosed export list")?;
            let mut end = decl + 1 + close + 1;
            let tail = code[end..].trim_start();
            if tail.starts_with("from") {
                return Err("`export … from` is not supported".into());
            }
            if tail.starts_with(';') {
                end = code.len() - tail.len() + 1;
            }
            for item in list[..close]
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                let (local, exported) = item.split_once(" as ").unwrap_or((item, item));
                exports.push((exported.trim().to_string(), ident(local)?.to_string()));
            }
            edits.push((p..end, String::new()));
            continue;
        }
        let mut words = rest
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
            .filter(|w| !w.is_empty());
        let mut keyword = words.next().unwrap_or("");
        if keyword == "async" {
            keyword = words.next().unwrap_or("");
        }
        if !matches!(keyword, "function" | "class" | "const" | "let" | "var") {
            return Err(format!("`export {keyword}` is not supported"));
        }
        // The declared name follows the keyword (and a generator's `*`).
        let at = rest.find(keyword).map(|k| k + keyword.len()).unwrap_or(0);
        let name_text = rest[at..].trim_start().trim_start_matches('*').trim_start();
        let name: String = name_text
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
            .collect();
        if name.is_empty() {
            return Err(format!(
                "cannot read the exported declaration `{}`",
                &rest[..rest.len().min(40)]
            ));
        }
        exports.push((name.clone(), name));
        edits.push((p..decl, String::new()));
    }
    Ok((crate::html::apply(code, edits), exports))
}

/// Offsets of `keyword` used as a statement at the top of a module: at the start, after a newline or after
/// `;`/`}`; followed by what an import/export declaration allows (not `import(` or `import.meta`).
fn statement_starts(code: &str, keyword: &str) -> Vec<usize> {
    let b = code.as_bytes();
    code.match_indices(keyword)
        .map(|(p, _)| p)
        .filter(|&p| {
            let next = b.get(p + keyword.len()).copied().unwrap_or(b' ');
            if !(next.is_ascii_whitespace() || matches!(next, b'{' | b'*' | b'"' | b'\'')) {
                return false;
            }
            let before = code[..p].trim_end_matches([' ', '\t', '\r']);
            match before.as_bytes().last() {
                None => true,
                Some(c) => matches!(c, b'\n' | b';' | b'}'),
            }
        })
        .collect()
}

/// The text of the string literal whose opening quote is at `q`, and the offset after its closing quote.
fn string_literal(code: &str, q: usize) -> Result<(String, usize)> {
    let b = code.as_bytes();
    let quote = b[q];
    let mut i = q + 1;
    while i < b.len() && b[i] != quote && b[i] != b'\n' {
        i += if b[i] == b'\\' { 2 } else { 1 };
    }
    if i >= b.len() || b[i] != quote {
        return Err(format!(
            "unterminated string at `{}`",
            &code[q..(q + 40).min(code.len())]
        ));
    }
    Ok((code[q + 1..i].to_string(), i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_clauses() {
        assert_eq!(
            bindings("init, * as bindings", "M").unwrap(),
            "const init = M.default; const bindings = M;"
        );
        assert_eq!(
            bindings("{ a, b as c }", "M").unwrap(),
            r#"const { "a": a, "b": c } = M;"#
        );
        assert_eq!(
            bindings("d, { default as e }", "M").unwrap(),
            r#"const d = M.default; const { "default": e } = M;"#
        );
        assert!(bindings("x y", "M").is_err());
    }

    #[test]
    fn exports_of_wasm_bindgen_output() {
        let code = "let wasm;\nexport function greet(a) { return a; }\nexport class Thing {}\nfunction __wbg_init() {}\n\
function initSync() {}\nconst s = 'export { fake }';\nexport { initSync, __wbg_init as default };\n";
        let (out, exports) = strip_exports(code).unwrap();
        assert!(!out.contains("export function") && !out.contains("export class"));
        assert!(!out.contains("__wbg_init as default"));
        assert!(out.contains("'export { fake }'"), "strings are left alone");
        let exports: Vec<_> = exports.iter().map(|(e, l)| format!("{e}={l}")).collect();
        assert_eq!(
            exports,
            [
                "greet=greet",
                "Thing=Thing",
                "initSync=initSync",
                "default=__wbg_init"
            ]
        );
        assert!(strip_exports("export default 1;").is_err());
        assert!(strip_exports("export * from './x.js';").is_err());
    }

    #[test]
    fn dynamic_import_and_import_meta_are_not_statements() {
        assert!(statement_starts(
            "x = import('./a.js');\nnew URL('a', import.meta.url)",
            "import"
        )
        .is_empty());
        assert_eq!(
            statement_starts("import a from 'b';\nimport {c} from 'd'", "import"),
            [0, 19]
        );
    }
}
