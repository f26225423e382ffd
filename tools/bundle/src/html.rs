//! Just enough HTML to rewrite Trunk's output: finds start tags (quoted, single-quoted or unquoted
//! attributes, as the minifier leaves them), and the raw text of `<script>` and `<style>`.

use std::ops::Range;

/// One element of the document, located by byte offsets.
#[derive(Debug, Clone)]
pub struct Element {
    /// Lower-case tag name.
    pub name: String,
    /// Attributes in source order; names lower-cased, values with the common entities decoded.
    pub attrs: Vec<(String, Option<String>)>,
    /// From the `<` of the start tag to the end of the start tag, or of the closing tag for `script`/`style`.
    pub span: Range<usize>,
    /// The offset just after the start tag's `>`.
    pub tag_end: usize,
    /// The raw text of a `script` or `style` element.
    pub content: Option<Range<usize>>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_deref().unwrap_or(""))
    }

    /// The whitespace-separated, lower-cased tokens of `rel` (or any token-list attribute).
    pub fn tokens(&self, name: &str) -> Vec<String> {
        self.attr(name)
            .unwrap_or("")
            .split_ascii_whitespace()
            .map(str::to_ascii_lowercase)
            .collect()
    }

    /// Whether a `script` element runs as JavaScript (classic or module), rather than holding data.
    pub fn is_executable_script(&self) -> bool {
        match self.attr("type").map(|t| t.trim().to_ascii_lowercase()) {
            None => true,
            Some(t) => {
                t.is_empty()
                    || t == "module"
                    || t.contains("javascript")
                    || t.contains("ecmascript")
            }
        }
    }

    pub fn is_module(&self) -> bool {
        self.attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("module"))
    }
}

/// Every element with a start tag, in document order. Comments, doctypes and end tags are skipped.
pub fn elements(html: &str) -> Vec<Element> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(b.len(), |e| start + e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            i = rest.find('>').map_or(b.len(), |e| start + e + 1);
            continue;
        }
        if !b.get(start + 1).is_some_and(u8::is_ascii_alphabetic) {
            i = start + 1;
            continue;
        }
        let (name, attrs, tag_end) = parse_start_tag(html, start + 1);
        let mut element = Element {
            span: start..tag_end,
            tag_end,
            content: None,
            name,
            attrs,
        };
        if element.name == "script" || element.name == "style" {
            let close = find_ci(html, tag_end, &format!("</{}", element.name)).unwrap_or(b.len());
            let end = html[close..].find('>').map_or(b.len(), |e| close + e + 1);
            element.content = Some(tag_end..close);
            element.span = start..end;
        }
        i = element.span.end;
        out.push(element);
    }
    out
}

fn parse_start_tag(html: &str, mut i: usize) -> (String, Vec<(String, Option<String>)>, usize) {
    let b = html.as_bytes();
    let name_start = i;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    let name = html[name_start..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return (name, attrs, b.len());
        }
        if b[i] == b'>' {
            return (name, attrs, i + 1);
        }
        let n0 = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let attr_name = html[n0..i].to_ascii_lowercase();
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < b.len() && b[j] == b'=' {
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let value;
            if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                let q = b[j] as char;
                let end = html[j + 1..].find(q).map_or(b.len(), |e| j + 1 + e);
                value = &html[j + 1..end];
                i = (end + 1).min(b.len());
            } else {
                let v0 = j;
                while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                    j += 1;
                }
                value = &html[v0..j];
                i = j;
            }
            attrs.push((attr_name, Some(decode_entities(value))));
        } else {
            attrs.push((attr_name, None));
        }
    }
}

fn find_ci(html: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = html.as_bytes();
    let n = needle.as_bytes();
    (from..hay.len().saturating_sub(n.len() - 1))
        .find(|&k| hay[k..k + n.len()].eq_ignore_ascii_case(n))
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;")
}

/// A start tag with every value double-quoted.
pub fn start_tag(name: &str, attrs: &[(String, Option<String>)]) -> String {
    let mut s = format!("<{name}");
    for (n, v) in attrs {
        match v {
            Some(v) => s.push_str(&format!(" {n}=\"{}\"", escape_attr(v))),
            None => s.push_str(&format!(" {n}")),
        }
    }
    s.push('>');
    s
}

/// Applies non-overlapping replacements of byte ranges.
pub fn apply(html: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (range, text) in edits {
        out.push_str(&html[at..range.start]);
        out.push_str(&text);
        at = range.end;
    }
    out.push_str(&html[at..]);
    out
}

/// Where a CSP `<meta>` goes (or the existing one to replace): right after `<meta charset>`, else after
/// `<head>`, else after `<html>`, else at the very start.
pub fn csp_meta_edit(els: &[Element], policy: &str) -> (Range<usize>, String) {
    let tag = start_tag(
        "meta",
        &[
            ("http-equiv".into(), Some("Content-Security-Policy".into())),
            ("content".into(), Some(policy.into())),
        ],
    );
    let existing = els.iter().find(|e| {
        e.name == "meta"
            && e.attr("http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case("content-security-policy"))
    });
    if let Some(e) = existing {
        return (e.span.clone(), tag);
    }
    let after = els
        .iter()
        .find(|e| e.name == "meta" && e.attr("charset").is_some())
        .or_else(|| els.iter().find(|e| e.name == "head"))
        .or_else(|| els.iter().find(|e| e.name == "html"))
        .map_or(0, |e| e.tag_end);
    (after..after, tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_minified_and_quoted_attributes() {
        let html = r#"<!doctype html><html lang=en><meta charset=utf-8><!-- <script>no</script> -->
<link href=./a.css integrity=sha384-x/y+z= rel=stylesheet><link rel='icon' href="f.svg" />
<script type=module>if (a < b) {}</script><p data-x="&quot;q&quot; &amp; r" hidden>"#;
        let els = elements(html);
        let names: Vec<_> = els.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["html", "meta", "link", "link", "script", "p"]);
        assert_eq!(els[2].attr("href"), Some("./a.css"));
        assert_eq!(els[2].attr("integrity"), Some("sha384-x/y+z="));
        assert_eq!(els[3].attr("href"), Some("f.svg"));
        assert_eq!(els[3].tokens("rel"), ["icon"]);
        let script = &els[4];
        assert!(script.is_module() && script.is_executable_script());
        assert_eq!(&html[script.content.clone().unwrap()], "if (a < b) {}");
        assert!(html[script.span.clone()].ends_with("</script>"));
        assert_eq!(els[5].attr("data-x"), Some("\"q\" & r"));
        assert_eq!(els[5].attr("hidden"), Some(""));
    }

    #[test]
    fn start_tags_round_trip() {
        let attrs = vec![
            ("content".to_string(), Some("a \"b\" & c".to_string())),
            ("x".to_string(), None),
        ];
        let tag = start_tag("meta", &attrs);
        assert_eq!(tag, r#"<meta content="a &quot;b&quot; &amp; c" x>"#);
        assert_eq!(elements(&tag)[0].attrs, attrs);
    }

    #[test]
    fn csp_goes_after_charset_or_replaces_the_old_one() {
        let html = "<html><meta charset=utf-8><title>t</title>";
        let els = elements(html);
        let out = apply(html, vec![csp_meta_edit(&els, "default-src 'self'")]);
        assert!(out.starts_with(
            r#"<html><meta charset=utf-8><meta http-equiv="Content-Security-Policy" content="default-src 'self'">"#
        ));
        let els = elements(&out);
        let again = apply(&out, vec![csp_meta_edit(&els, "default-src 'none'")]);
        assert_eq!(again.matches("Content-Security-Policy").count(), 1);
        assert!(again.contains("default-src 'none'"));
    }
}
