//! Reading and rewriting Trunk's `index.html` with Cloudflare's `lol_html` (a maintained streaming HTML
//! rewriter): [`scan`] lists the elements with their attributes and, for `<script>`/`<style>`, their text;
//! [`rewrite`] applies one [`Edit`] per element, chosen from that list. The two passes see the same document,
//! so an element's index in the scan is its index in the rewrite (edits only replace elements that have no
//! child elements: scripts, styles, links, metas).

use crate::Result;
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, text, RewriteStrSettings};
use std::cell::RefCell;

/// One element of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// Lower-case tag name.
    pub name: String,
    /// Attributes in source order (names lower-case, values as written, common entities decoded).
    pub attrs: Vec<(String, String)>,
    /// The raw text of a `script` or `style` element.
    pub text: Option<String>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
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
        self.name == "script"
            && match self.attr("type").map(|t| t.trim().to_ascii_lowercase()) {
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

    /// The element's inline text, if it has any that is not only whitespace.
    pub fn inline_text(&self) -> Option<&str> {
        self.text.as_deref().filter(|t| !t.trim().is_empty())
    }
}

/// What to do with one element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Keep,
    /// The whole element (and its content) becomes this HTML.
    Replace(String),
    Remove,
    /// Sets (adds or changes) these attributes.
    Set(Vec<(String, String)>),
    /// HTML inserted right before / right after the element.
    Before(String),
    After(String),
    /// HTML added at the end of the element's content.
    Append(String),
    /// The element's content becomes this HTML.
    Inner(String),
}

fn failed(e: impl std::fmt::Display) -> String {
    format!("rewriting the page: {e}")
}

/// Every element, in document order.
pub fn scan(html: &str) -> Result<Vec<Element>> {
    let found = RefCell::new(Vec::<Element>::new());
    // The element whose text is being read (scripts and styles hold only text).
    let open = RefCell::new(None::<usize>);
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("*", |el| {
                    let mut found = found.borrow_mut();
                    let name = el.tag_name();
                    let raw_text = name == "script" || name == "style";
                    *open.borrow_mut() = raw_text.then_some(found.len());
                    found.push(Element {
                        attrs: el
                            .attributes()
                            .iter()
                            .map(|a| (a.name(), decode_entities(&a.value())))
                            .collect(),
                        text: raw_text.then(String::new),
                        name,
                    });
                    Ok(())
                }),
                text!("script, style", |chunk| {
                    if let Some(i) = *open.borrow() {
                        if let Some(text) = found.borrow_mut()[i].text.as_mut() {
                            text.push_str(chunk.as_str());
                        }
                    }
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::default()
        },
    )
    .map_err(failed)?;
    Ok(found.into_inner())
}

/// The page with `edit(index, element)` applied to each element of [`scan`]'s list.
pub fn rewrite(html: &str, mut edit: impl FnMut(usize, &Element) -> Edit) -> Result<String> {
    let edits: Vec<Edit> = scan(html)?
        .iter()
        .enumerate()
        .map(|(i, e)| edit(i, e))
        .collect();
    apply(html, &edits)
}

/// The page with `edits[i]` applied to the `i`-th element of [`scan`]'s list (missing ones: [`Edit::Keep`]).
pub fn apply(html: &str, edits: &[Edit]) -> Result<String> {
    let index = RefCell::new(0usize);
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![element!("*", |el| {
                let mut i = index.borrow_mut();
                match edits.get(*i) {
                    None | Some(Edit::Keep) => {}
                    Some(Edit::Replace(with)) => el.replace(with, ContentType::Html),
                    Some(Edit::Remove) => el.remove(),
                    Some(Edit::Set(attrs)) => {
                        for (name, value) in attrs {
                            el.set_attribute(name, value)?;
                        }
                    }
                    Some(Edit::Before(html)) => el.before(html, ContentType::Html),
                    Some(Edit::After(html)) => el.after(html, ContentType::Html),
                    Some(Edit::Append(html)) => el.append(html, ContentType::Html),
                    Some(Edit::Inner(html)) => el.set_inner_content(html, ContentType::Html),
                }
                *i += 1;
                Ok(())
            })],
            ..RewriteStrSettings::default()
        },
    )
    .map_err(failed)
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

/// A start tag with every value double-quoted (an empty value is written as a bare name).
pub fn start_tag(name: &str, attrs: &[(String, String)]) -> String {
    let mut s = format!("<{name}");
    for (n, v) in attrs {
        match v.is_empty() {
            true => s.push_str(&format!(" {n}")),
            false => s.push_str(&format!(" {n}=\"{}\"", escape_attr(v))),
        }
    }
    s.push('>');
    s
}

/// Where a CSP `<meta>` goes among `elements`: the edit that replaces an existing one, or that puts it right
/// after `<meta charset>` (else after the first element: `<html>` or `<head>`). Returns (index, edit).
pub fn csp_meta(elements: &[Element], policy: &str) -> (usize, Edit) {
    let tag = start_tag(
        "meta",
        &[
            ("http-equiv".into(), "Content-Security-Policy".into()),
            ("content".into(), policy.into()),
        ],
    );
    let existing = elements.iter().position(|e| {
        e.name == "meta"
            && e.attr("http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case("content-security-policy"))
    });
    if let Some(i) = existing {
        return (i, Edit::Replace(tag));
    }
    match elements
        .iter()
        .position(|e| e.name == "meta" && e.attr("charset").is_some())
    {
        Some(i) => (i, Edit::After(tag)),
        None => (0, Edit::Before(tag)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_minified_and_quoted_attributes_and_raw_text() {
        let html = r#"<!doctype html><html lang=en><meta charset=utf-8><!-- <script>no</script> -->
<link href=./a.css integrity=sha384-x/y+z= rel=stylesheet><link rel='icon' href="f.svg" />
<script type=module>if (a < b) {}</script><p data-x="&quot;q&quot; &amp; r" hidden>"#;
        let els = scan(html).unwrap();
        let names: Vec<_> = els.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["html", "meta", "link", "link", "script", "p"]);
        let link = els.iter().find(|e| e.name == "link").unwrap();
        assert_eq!(link.attr("href"), Some("./a.css"));
        assert_eq!(link.attr("integrity"), Some("sha384-x/y+z="));
        let icon = els.iter().filter(|e| e.name == "link").nth(1).unwrap();
        assert_eq!(icon.tokens("rel"), ["icon"]);
        let script = els.iter().find(|e| e.name == "script").unwrap();
        assert!(script.is_module() && script.is_executable_script());
        assert_eq!(script.text.as_deref(), Some("if (a < b) {}"));
        let p = els.iter().find(|e| e.name == "p").unwrap();
        assert_eq!(p.attr("data-x"), Some("\"q\" & r"));
        assert_eq!(p.attr("hidden"), Some(""));
        assert!(
            !els.iter().any(|e| e.text.as_deref() == Some("no")),
            "comments are not elements"
        );
    }

    #[test]
    fn edits_apply_to_the_elements_they_were_chosen_for() {
        let html = "<html><meta charset=utf-8><title>t</title><script>a()</script><style>p{}</style><link rel=x></html>";
        let out = rewrite(html, |_, e| match e.name.as_str() {
            "script" => Edit::Replace("<script src=\"./a.js\"></script>".into()),
            "style" => Edit::Remove,
            "link" => Edit::Set(vec![("href".into(), "y".into())]),
            "title" => Edit::Before("<!-- here -->".into()),
            _ => Edit::Keep,
        })
        .unwrap();
        assert_eq!(
            out,
            "<html><meta charset=utf-8><!-- here --><title>t</title><script src=\"./a.js\"></script><link rel=x href=\"y\"></html>"
        );
    }

    #[test]
    fn start_tags_round_trip() {
        let attrs = vec![
            ("content".to_string(), "a \"b\" & c".to_string()),
            ("x".to_string(), String::new()),
        ];
        let tag = start_tag("meta", &attrs);
        assert_eq!(tag, r#"<meta content="a &quot;b&quot; &amp; c" x>"#);
        let els = scan(&tag).unwrap();
        assert_eq!(els.iter().find(|e| e.name == "meta").unwrap().attrs, attrs);
    }

    #[test]
    fn csp_goes_after_charset_or_replaces_the_old_one() {
        let html = "<html><meta charset=utf-8><title>t</title>";
        let (at, edit) = csp_meta(&scan(html).unwrap(), "default-src 'self'");
        let out = rewrite(html, |i, _| if i == at { edit.clone() } else { Edit::Keep }).unwrap();
        assert!(out.starts_with(
            r#"<html><meta charset=utf-8><meta http-equiv="Content-Security-Policy" content="default-src 'self'">"#
        ));
        let (at, edit) = csp_meta(&scan(&out).unwrap(), "default-src 'none'");
        let again = rewrite(&out, |i, _| if i == at { edit.clone() } else { Edit::Keep }).unwrap();
        assert_eq!(again.matches("Content-Security-Policy").count(), 1);
        assert!(again.contains("default-src 'none'"));
    }
}
