//! Snippets that embed or link a decision from a wiki page.

use super::escape::{escape_html, escape_markdown};
use crate::diagrams::clean;
use std::fmt::Write;

/// The title used when the decision has none.
const DEFAULT_TITLE: &str = "Strata decision";

/// The `sandbox` flags of the iframe snippets, each with what needs it. The embedded view (`#embed&…`) offers
/// one action, "Open this decision in Strata", and no downloads or copies, so it needs exactly these. Not
/// granted: `allow-same-origin` (the frame stays an opaque origin that cannot reach the wiki's cookies or
/// storage), `allow-downloads`, `allow-top-navigation`, `allow-forms`, `allow-modals`. The embed view may rely
/// on this list: an action that needs another flag must not be offered there.
pub const EMBED_SANDBOX_FLAGS: [(&str, &str); 3] = [
    ("allow-scripts", "the app is a WebAssembly program"),
    (
        "allow-popups",
        "\"Open this decision in Strata\" opens a new window",
    ),
    (
        "allow-popups-to-escape-sandbox",
        "that window is the full app, not a sandboxed copy, so it can store, copy and download",
    ),
];

/// [`EMBED_SANDBOX_FLAGS`] as the `sandbox` attribute's value.
pub const EMBED_SANDBOX: &str = "allow-scripts allow-popups allow-popups-to-escape-sandbox";

/// `embed&` + the decision fragment (`permalink::encode(decision, false)`, with or without `#`).
pub fn embed_fragment(fragment: &str) -> String {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let rest: Vec<&str> = fragment
        .split('&')
        .filter(|p| !p.is_empty() && *p != "embed")
        .collect();
    if rest.is_empty() {
        "embed".into()
    } else {
        format!("embed&{}", rest.join("&"))
    }
}

/// `page_url` without any fragment.
fn page(page_url: &str) -> &str {
    page_url.split('#').next().unwrap_or_default()
}

fn title_or_default(title: &str) -> String {
    let t = clean(title);
    if t.is_empty() {
        DEFAULT_TITLE.into()
    } else {
        t
    }
}

/// An `<iframe>` showing the decision without page chrome (`#embed&…`), sandboxed to [`EMBED_SANDBOX`]. Every
/// attribute value is HTML-escaped.
pub fn iframe_snippet(page_url: &str, fragment: &str, title: &str) -> String {
    let src = format!("{}#{}", page(page_url), embed_fragment(fragment));
    format!(
        "<iframe src=\"{}\" title=\"{}\" loading=\"lazy\" style=\"width:100%;border:0\" height=\"600\" sandbox=\"{EMBED_SANDBOX}\"></iframe>",
        escape_html(&src),
        escape_html(&title_or_default(title))
    )
}

/// The body for Confluence's HTML macro: the iframe, then a plain link to the full page (shown where the
/// macro or iframes are disabled, and for opening the decision to edit it). The body is raw HTML, which
/// Confluence stores in a CDATA section: every value is HTML-escaped, so `]]>` (the end of CDATA) cannot occur.
pub fn confluence_snippet(page_url: &str, fragment: &str, title: &str) -> String {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let href = if fragment.is_empty() {
        page(page_url).to_string()
    } else {
        format!("{}#{fragment}", page(page_url))
    };
    format!(
        "{}\n<p><a href=\"{}\" target=\"_blank\" rel=\"noopener\">{}</a></p>",
        iframe_snippet(page_url, fragment, title),
        escape_html(&href),
        escape_html(&title_or_default(title))
    )
}

/// A MediaWiki external link `[url title]`. MediaWiki reads wikitext everywhere in a page, URLs included, so:
///
/// - the URL has spaces, brackets and quotes percent-encoded, and also `~` (four tildes become the editor's
///   signature when the page is saved), `_` (`__NOTOC__` and the other double-underscore magic words switch
///   page features) and `'` (two make italics); past the host, these encodings mean the same URL;
/// - the title has newlines removed and wiki markup turned into character references: `[ ] { } | ' < > & =`,
///   `~` (signatures) and `_` (magic words).
pub fn mediawiki_link(url: &str, title: &str) -> String {
    let mut text = String::new();
    for c in title_or_default(title).chars() {
        match c {
            '[' | ']' | '{' | '}' | '|' | '\'' | '~' | '_' | '<' | '>' | '&' | '=' => {
                let _ = write!(text, "&#{};", c as u32);
            }
            c => text.push(c),
        }
    }
    let (authority, rest) = split_authority(url.trim());
    format!(
        "[{}{} {text}]",
        encode_url(authority, b" []<>\"{}|"),
        encode_url(rest, b" []<>\"{}|~_'")
    )
}

/// `https://host` and the rest (path, query, fragment); a URL without `://` is all rest.
fn split_authority(url: &str) -> (&str, &str) {
    let Some(scheme_end) = url.find("://") else {
        return ("", url);
    };
    let after = scheme_end + 3;
    let end = url[after..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| after + i);
    url.split_at(end)
}

/// A Markdown link `[title](url)`: the title is escaped (brackets and parentheses included), the url has
/// spaces, parentheses and angle brackets percent-encoded.
pub fn markdown_link(url: &str, title: &str) -> String {
    let text = escape_markdown(&title_or_default(title))
        .replace('(', "\\(")
        .replace(')', "\\)");
    format!("[{text}]({})", encode_url(url, b" ()<>\"[]`|\\"))
}

/// Percent-encodes the ASCII bytes in `unsafe_bytes` and every control character; other text is kept.
fn encode_url(url: &str, unsafe_bytes: &[u8]) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        if c.is_control() || (c.is_ascii() && unsafe_bytes.contains(&(c as u8))) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out
}
