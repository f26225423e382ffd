//! Reading an overlay file (feature `json`): refused above `MAX_OVERLAY_BYTES` (`check_size`) before any parsing, then
//! serde_json into the overlay's types, with the JSON path and the line and column of a shape error.
//! The bytes are parsed where they lie (no copy), so a large file costs no second allocation.

use super::{apply, check_size, Overlay, OverlayError, OverlayErrorKind};
use crate::catalog::{strip_position, Catalog};

/// Reads an overlay file: its size, then its JSON and shape. Never panics.
pub fn read(bytes: &[u8]) -> Result<Overlay, OverlayError> {
    check_size(bytes.len() as u64)?;
    // Editors on Windows may start the file with a byte order mark, which JSON does not allow.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(OverlayError {
            kind: OverlayErrorKind::Syntax,
            path: String::new(),
            position: Some((1, 1)),
            message: "the file is empty: expected a JSON object such as {\"name\": \"Acme\", \"reviewed\": \"2026-11-20\"}".into(),
        });
    }
    // serde would also read a struct written as an array of its fields; the format is an object.
    if let Some(at) = bytes.iter().position(|b| !b.is_ascii_whitespace()) {
        if matches!(
            bytes[at],
            b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n'
        ) {
            let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
            let column = at
                - bytes[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |n| n + 1)
                + 1;
            return Err(OverlayError {
                kind: OverlayErrorKind::Shape,
                path: String::new(),
                position: Some((line, column)),
                message: "expected a JSON object ({ … }) holding the whole overlay".into(),
            });
        }
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let error = match serde_path_to_error::deserialize::<_, Overlay>(&mut *de) {
        Ok(overlay) => match de.end() {
            Ok(()) => return Ok(overlay),
            Err(e) => return Err(syntax(&e)),
        },
        Err(e) => e,
    };
    let (path, inner) = (error.path().to_string(), error.into_inner());
    if inner.is_syntax() || inner.is_eof() || inner.is_io() {
        return Err(syntax(&inner));
    }
    Err(OverlayError {
        kind: OverlayErrorKind::Shape,
        path: if path == "." { String::new() } else { path },
        position: Some((inner.line().max(1), inner.column().max(1))),
        message: strip_position(&inner),
    })
}

fn syntax(e: &serde_json::Error) -> OverlayError {
    OverlayError {
        kind: OverlayErrorKind::Syntax,
        path: String::new(),
        // serde_json counts columns from 1 but says 0 for the very start of a line (an empty file, say).
        position: Some((e.line().max(1), e.column().max(1))),
        message: strip_position(e),
    }
}

/// Reads an overlay file and applies it to `builtin`: the organisation's catalogue, or every problem found.
pub fn load(builtin: &Catalog, bytes: &[u8]) -> Result<Catalog, Vec<OverlayError>> {
    let overlay = read(bytes).map_err(|e| vec![e])?;
    apply(builtin, &overlay)
}
