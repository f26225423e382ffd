//! One small SVG writer: classes only in inline mode (the page's CSP is `style-src 'self'` and its stylesheet
//! paints them); literal colours in a standalone file, which must look right in any SVG renderer.

use std::fmt::Write;

use super::canvas::BOX_PAD_X;
use super::paint::{box_paint, label_paint, scheme_css, Ink, Paint, Scheme};
use super::text::LINE_HEIGHT;
use super::{Arrow, BoxKind, BoxShape, Diagram, Label, Lane};

/// `Inline` for the page (classes only, no `style` attribute or element); `Standalone` for a downloadable
/// file (light colours as attributes, dark ones in a `<style>` under `prefers-color-scheme: dark`).
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

/// The font of every diagram text (the page's stylesheet says the same).
const FONT_FAMILY: &str = "system-ui, sans-serif";

/// A box or label to write: its rectangle, its fitted lines and how it is painted.
struct Block<'a> {
    class: &'static str,
    rect: (f32, f32, f32, f32),
    lines: &'a [String],
    font_size: f32,
    /// Left-aligned text at this padding (table columns); `None` centres it.
    left_pad: Option<f32>,
    paint: Paint,
}

impl<'a> Block<'a> {
    fn of_box(b: &'a BoxShape) -> Self {
        Block {
            class: b.kind.class(),
            rect: (b.x, b.y, b.w, b.h),
            lines: &b.lines,
            font_size: b.font_size,
            left_pad: (b.kind == BoxKind::Table).then_some(BOX_PAD_X),
            paint: box_paint(b.kind),
        }
    }

    fn of_label(l: &'a Label) -> Self {
        Block {
            class: l.kind.class(),
            rect: (l.x, l.y, l.w, l.h),
            lines: &l.lines,
            font_size: l.font_size,
            left_pad: None,
            paint: label_paint(l.kind),
        }
    }
}

/// Writes an arrow's `<path>`, its heads from the marker `<prefix>-head`.
fn arrow(o: &mut String, a: &Arrow, attrs: &Attrs, prefix: &str) {
    let _ = write!(
        o,
        "<path class=\"dg-arrow{}\" fill=\"none\"",
        if a.dashed { " dg-dashed" } else { "" }
    );
    attrs.ink(o, "stroke", Ink::Line);
    if attrs.light {
        o.push_str(" stroke-width=\"1.5\"");
        if a.dashed {
            o.push_str(" stroke-dasharray=\"6 4\"");
        }
    }
    o.push_str(" d=\"");
    for (i, (x, y)) in a.points.iter().enumerate() {
        let _ = write!(o, "{}{},{}", if i == 0 { 'M' } else { 'L' }, px(*x), px(*y));
    }
    let _ = write!(o, "\" marker-end=\"url(#{prefix}-head)\"");
    if a.bidirectional {
        let _ = write!(o, " marker-start=\"url(#{prefix}-head)\"");
    }
    o.push_str("/>");
}

/// Writes a service's lane: a thin dotted line under its box, drawn under the arrows.
fn lane(o: &mut String, l: &Lane, attrs: &Attrs) {
    o.push_str("<path class=\"dg-lane\" fill=\"none\"");
    attrs.ink(o, "stroke", Ink::Muted);
    if attrs.light {
        o.push_str(" stroke-width=\"1\" stroke-dasharray=\"2 4\"");
    }
    let _ = write!(
        o,
        " d=\"M{},{}L{},{}\"/>",
        px(l.x),
        px(l.top),
        px(l.x),
        px(l.bottom)
    );
}

/// ` fill="#…"` and friends for a standalone file (nothing inline, where the classes do it).
struct Attrs {
    light: bool,
}

impl Attrs {
    fn ink(&self, o: &mut String, name: &str, ink: Ink) {
        if self.light {
            let _ = write!(o, " {name}=\"{}\"", ink.hex(Scheme::Light));
        }
    }

    fn rect(&self, o: &mut String, p: &Paint) {
        if !self.light {
            return;
        }
        self.ink(o, "fill", p.fill);
        match p.stroke {
            Some((ink, width)) => {
                self.ink(o, "stroke", ink);
                let _ = write!(o, " stroke-width=\"{}\"", px(width));
            }
            None => o.push_str(" stroke=\"none\""),
        }
        if let Some(dash) = p.dash {
            let _ = write!(o, " stroke-dasharray=\"{dash}\"");
        }
    }

    fn text(&self, o: &mut String, p: &Paint) {
        self.ink(o, "fill", p.text);
        if self.light && p.bold {
            o.push_str(" font-weight=\"600\"");
        }
    }
}

/// Writes `<g class><rect/><text>…</text></g>` for a box or a label.
fn block(o: &mut String, b: &Block, attrs: &Attrs) {
    let (x, y, w, h) = b.rect;
    let _ = write!(
        o,
        "<g class=\"{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\"",
        b.class,
        px(x),
        px(y),
        px(w),
        px(h)
    );
    attrs.rect(o, &b.paint);
    o.push_str("/>");
    let fs = b.font_size;
    let lh = fs * LINE_HEIGHT;
    let top = y + (h - b.lines.len() as f32 * lh) / 2.0;
    let (tx, anchor) = match b.left_pad {
        Some(pad) => (x + pad, "start"),
        None => (x + w / 2.0, "middle"),
    };
    for (i, line) in b.lines.iter().enumerate() {
        let ty = top + (i as f32 + 0.5) * lh + 0.35 * fs;
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{anchor}\"",
            px(tx),
            px(ty),
            px(fs)
        );
        attrs.text(o, &b.paint);
        o.push('>');
        escape_xml(o, line);
        o.push_str("</text>");
    }
    o.push_str("</g>");
}

/// Renders the diagram; every id starts with the sanitised `id_prefix`.
pub fn render_svg(d: &Diagram, mode: SvgMode, id_prefix: &str) -> String {
    let p = sanitize_id_prefix(id_prefix);
    let attrs = Attrs {
        light: mode == SvgMode::Standalone,
    };
    let mut o = String::with_capacity(4096);
    if mode == SvgMode::Standalone {
        o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    let (w, h) = (px(d.width), px(d.height));
    let _ = write!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{p}-title {p}-desc\" class=\"dg dg-{}\"",
        d.id.as_str()
    );
    if mode == SvgMode::Standalone {
        let _ = write!(o, " font-family=\"{FONT_FAMILY}\"");
    }
    let _ = write!(o, "><title id=\"{p}-title\">");
    escape_xml(&mut o, &d.title);
    let _ = write!(o, "</title><desc id=\"{p}-desc\">");
    escape_xml(&mut o, &d.desc);
    o.push_str("</desc>");
    if mode == SvgMode::Standalone {
        // Screens only: a printed diagram stays light.
        o.push_str("<style>@media screen and (prefers-color-scheme: dark){");
        o.push_str(&scheme_css(Scheme::Dark));
        o.push_str("}</style>");
    }
    let _ = write!(
        o,
        "<defs><marker id=\"{p}-head\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path class=\"dg-arrowhead\" d=\"M0,0L10,5L0,10z\" fill=\"{}\"/></marker></defs><rect class=\"dg-bg\" width=\"{w}\" height=\"{h}\"",
        Ink::Line.hex(Scheme::Light)
    );
    attrs.ink(&mut o, "fill", Ink::Bg);
    o.push_str("/>");
    for l in &d.lanes {
        lane(&mut o, l, &attrs);
    }
    for a in &d.arrows {
        arrow(&mut o, a, &attrs, &p);
    }
    for b in &d.boxes {
        block(&mut o, &Block::of_box(b), &attrs);
    }
    for l in d.all_labels() {
        block(&mut o, &Block::of_label(l), &attrs);
    }
    o.push_str("</svg>");
    if mode == SvgMode::Standalone {
        o.push('\n');
    }
    o
}
