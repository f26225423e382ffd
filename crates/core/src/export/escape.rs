//! Escaping for Markdown text and HTML (text and attribute values).

use crate::diagrams::clean;

/// HTML-escapes text for element content and quoted attribute values (`& < > " '`); control characters
/// (newlines included) become spaces.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    crate::diagrams::escape_xml(&mut out, s);
    out
}

/// Escapes text for one line of Markdown (GitHub and Confluence): safe anywhere in a line, including a
/// heading, a list item or a table cell.
///
/// Newlines, control and bidi-override characters are removed and whitespace is collapsed (so the text can
/// never start a new block); `& < >` become entities (no HTML tag or entity survives); Markdown punctuation
/// (`` \ ` * _ [ ] { } | # ~ $ ``) is backslash-escaped; a leading `-`, `+`, `=` or `1.` cannot start a list or
/// an underline.
pub fn escape_markdown(s: &str) -> String {
    let line = clean(s);
    let mut out = String::with_capacity(line.len() + 16);
    for c in line.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '{' | '}' | '|' | '#' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    }
    let digits = out.len() - out.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

/// An id in a code span: backticks removed; ids with anything but `[A-Za-z0-9._:-]` are written as escaped
/// text instead (a code span would show `\|` literally and hide nothing else worth hiding).
pub(super) fn code_id(id: &str) -> String {
    let id: String = id.chars().filter(|&c| c != '`').collect();
    let plain = id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'));
    if plain && !id.is_empty() {
        format!("`{id}`")
    } else {
        escape_markdown(&id)
    }
}
