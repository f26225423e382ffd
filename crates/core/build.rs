//! Ships the catalogue without the whitespace that makes `src/catalog/catalog.json` readable: the file stays
//! human-editable, and the first load carries only the data.

use std::{env, fs, path::Path};

fn main() {
    let source = "src/catalog/catalog.json";
    println!("cargo:rerun-if-changed={source}");
    let json = fs::read_to_string(source).expect("src/catalog/catalog.json is readable");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalog.min.json");
    fs::write(out, minify(&json)).expect("OUT_DIR is writable");
}

/// Drops whitespace outside strings; everything else is kept byte for byte.
fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if !c.is_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}
