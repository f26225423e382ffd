//! One small SVG writer: classes only in inline mode (CSP `style-src 'self'`), embedded CSS when standalone.

use std::fmt::Write;

use super::text::LINE_HEIGHT;
use super::{BoxKind, Diagram, CSS};

/// `Inline` for the page (no `style` attribute or element); `Standalone` for a downloadable file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SvgMode {
    Inline,
    Standalone,
}

/// Lower-cases and keeps `[a-z0-9-]` (others become `-`); starts with a letter (`dg-` is prepended otherwise).
pub fn sanitize_id_prefix(prefix: &str) -> String {
    let s: String = prefix
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if s.starts_with(|c: char| c.is_ascii_lowercase()) {
        s
    } else {
        "dg-".to_string() + &s
    }
}

/// Escapes text for XML and HTML element content and quoted attribute values (`& < > " '`); control
/// characters (newlines included) become spaces. The one escape of the crate (`export::escape_html` wraps it).
pub fn escape_xml(o: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if c.is_control() => o.push(' '),
            c => o.push(c),
        }
    }
}

/// A coordinate rounded to 0.1 px.
fn px(v: f32) -> Tenths {
    Tenths((v * 10.0).round() as i32)
}

/// A number in tenths, written like `12.5` or `12` with integer formatting only: float formatting
/// would add about 10 KB to the wasm bundle.
#[derive(Clone, Copy)]
struct Tenths(i32);

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = self.0.unsigned_abs();
        let sign = if self.0 < 0 { "-" } else { "" };
        match t % 10 {
            0 => write!(f, "{sign}{}", t / 10),
            d => write!(f, "{sign}{}.{d}", t / 10),
        }
    }
}

/// Writes `<g class><rect/><text>…</text></g>` for a box or a label.
#[allow(clippy::too_many_arguments)]
fn block(
    o: &mut String,
    class: &str,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    lines: &[String],
    fs: f32,
    left: Option<f32>,
) {
    let _ = write!(
        o,
        "<g class=\"{class}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\"/>",
        px(x),
        px(y),
        px(w),
        px(h)
    );
    let lh = fs * LINE_HEIGHT;
    let top = y + (h - lines.len() as f32 * lh) / 2.0;
    let (tx, anchor) = match left {
        Some(pad) => (x + pad, "start"),
        None => (x + w / 2.0, "middle"),
    };
    for (i, line) in lines.iter().enumerate() {
        let ty = top + (i as f32 + 0.5) * lh + 0.35 * fs;
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{anchor}\">",
            px(tx),
            px(ty),
            px(fs)
        );
        escape_xml(o, line);
        o.push_str("</text>");
    }
    o.push_str("</g>");
}

/// Renders the diagram; every id starts with the sanitised `id_prefix`.
pub fn render_svg(d: &Diagram, mode: SvgMode, id_prefix: &str) -> String {
    let p = sanitize_id_prefix(id_prefix);
    let mut o = String::with_capacity(4096);
    if mode == SvgMode::Standalone {
        o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    let (w, h) = (px(d.width), px(d.height));
    let _ = write!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{p}-title {p}-desc\" class=\"dg dg-{}\"><title id=\"{p}-title\">",
        d.id.as_str()
    );
    escape_xml(&mut o, &d.title);
    let _ = write!(o, "</title><desc id=\"{p}-desc\">");
    escape_xml(&mut o, &d.desc);
    o.push_str("</desc>");
    if mode == SvgMode::Standalone {
        o.push_str("<style>");
        o.push_str(CSS);
        o.push_str("</style>");
    }
    let _ = write!(
        o,
        "<defs><marker id=\"{p}-head\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path class=\"dg-arrowhead\" d=\"M0,0L10,5L0,10z\" fill=\"#333\"/></marker></defs><rect class=\"dg-bg\" width=\"{w}\" height=\"{h}\"/>"
    );
    for a in &d.arrows {
        let _ = write!(
            o,
            "<path class=\"dg-arrow{}\" fill=\"none\" d=\"",
            if a.dashed { " dg-dashed" } else { "" }
        );
        for (i, (x, y)) in a.points.iter().enumerate() {
            let _ = write!(o, "{}{},{}", if i == 0 { 'M' } else { 'L' }, px(*x), px(*y));
        }
        let _ = write!(o, "\" marker-end=\"url(#{p}-head)\"");
        if a.bidirectional {
            let _ = write!(o, " marker-start=\"url(#{p}-head)\"");
        }
        o.push_str("/>");
    }
    for b in &d.boxes {
        let left = (b.kind == BoxKind::Table).then_some(super::canvas::BOX_PAD_X);
        block(
            &mut o,
            b.kind.class(),
            b.x,
            b.y,
            b.w,
            b.h,
            &b.lines,
            b.font_size,
            left,
        );
    }
    for l in d.all_labels() {
        block(
            &mut o,
            l.kind.class(),
            l.x,
            l.y,
            l.w,
            l.h,
            &l.lines,
            l.font_size,
            None,
        );
    }
    o.push_str("</svg>");
    if mode == SvgMode::Standalone {
        o.push('\n');
    }
    o
}
