//! The diagram colours as literal values, for the standalone SVG file: SVG renderers outside browsers
//! (librsvg, which MediaWiki uses to rasterise uploads; resvg) do not resolve CSS custom properties, so the
//! file carries the light colours as presentation attributes and the dark ones as plain CSS under
//! `prefers-color-scheme` (ignored by renderers without media queries, which then show the light ones).
//!
//! `styles/diagrams.css` (the page's diagram styles) names the same colours as `--dg-*` custom properties
//! with these light values as fallbacks and these dark values under its dark scheme; a test keeps them equal.

use std::fmt::Write;

use super::{BoxKind, LabelKind};

/// One named colour of the diagrams, with its light and dark value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ink {
    Bg,
    Text,
    Line,
    BoxBg,
    StoreBg,
    ActorBg,
    CacheBg,
    TableBg,
    Muted,
    MutedText,
    MutedBg,
    Warn,
    WarnBg,
    WarnText,
    NoteBg,
}

/// Light or dark colour scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    Light,
    Dark,
}

impl Ink {
    pub const ALL: [Ink; 15] = [
        Ink::Bg,
        Ink::Text,
        Ink::Line,
        Ink::BoxBg,
        Ink::StoreBg,
        Ink::ActorBg,
        Ink::CacheBg,
        Ink::TableBg,
        Ink::Muted,
        Ink::MutedText,
        Ink::MutedBg,
        Ink::Warn,
        Ink::WarnBg,
        Ink::WarnText,
        Ink::NoteBg,
    ];

    /// The custom property's name in `styles/diagrams.css`, without `--dg-`.
    pub fn css_name(self) -> &'static str {
        match self {
            Ink::Bg => "bg",
            Ink::Text => "text",
            Ink::Line => "line",
            Ink::BoxBg => "box-bg",
            Ink::StoreBg => "store-bg",
            Ink::ActorBg => "actor-bg",
            Ink::CacheBg => "cache-bg",
            Ink::TableBg => "table-bg",
            Ink::Muted => "muted",
            Ink::MutedText => "muted-text",
            Ink::MutedBg => "muted-bg",
            Ink::Warn => "warn",
            Ink::WarnBg => "warn-bg",
            Ink::WarnText => "warn-text",
            Ink::NoteBg => "note-bg",
        }
    }

    /// `#rrggbb` or `#rgb` in the given scheme.
    pub fn hex(self, scheme: Scheme) -> &'static str {
        let (light, dark) = match self {
            Ink::Bg => ("#fff", "#17191d"),
            Ink::Text => ("#1b1b1b", "#e8e8e8"),
            Ink::Line => ("#444", "#b8bcc4"),
            Ink::BoxBg => ("#fff", "#22252b"),
            Ink::StoreBg => ("#eaf2ff", "#1e2a3d"),
            Ink::ActorBg => ("#f2f2f2", "#2a2d33"),
            Ink::CacheBg => ("#fafafa", "#1f2126"),
            Ink::TableBg => ("#fffdf3", "#2b2a22"),
            Ink::Muted => ("#888", "#9a9a9a"),
            Ink::MutedText => ("#666", "#9a9a9a"),
            Ink::MutedBg => ("#f4f4f4", "#1f2024"),
            Ink::Warn => ("#b34700", "#ff9a52"),
            Ink::WarnBg => ("#fff0e5", "#3a2416"),
            Ink::WarnText => ("#7a3000", "#ffc9a3"),
            Ink::NoteBg => ("#f6f6f6", "#24262b"),
        };
        match scheme {
            Scheme::Light => light,
            Scheme::Dark => dark,
        }
    }
}

/// How a box or label is painted: its rectangle and its text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paint {
    pub fill: Ink,
    /// Border colour and width; `None` draws no border.
    pub stroke: Option<(Ink, f32)>,
    pub dash: Option<&'static str>,
    pub text: Ink,
    pub bold: bool,
}

const PLAIN: Paint = Paint {
    fill: Ink::BoxBg,
    stroke: Some((Ink::Line, 1.5)),
    dash: None,
    text: Ink::Text,
    bold: false,
};

/// The paint of a box of this kind (the rules of `.dg-box` and its kind's class in `styles/diagrams.css`).
pub fn box_paint(kind: BoxKind) -> Paint {
    match kind {
        BoxKind::Service => PLAIN,
        BoxKind::Store => Paint {
            fill: Ink::StoreBg,
            ..PLAIN
        },
        BoxKind::Actor => Paint {
            fill: Ink::ActorBg,
            ..PLAIN
        },
        BoxKind::Cache => Paint {
            fill: Ink::CacheBg,
            dash: Some("5 3"),
            ..PLAIN
        },
        BoxKind::Table => Paint {
            fill: Ink::TableBg,
            ..PLAIN
        },
        BoxKind::Muted => Paint {
            fill: Ink::MutedBg,
            stroke: Some((Ink::Muted, 1.5)),
            dash: Some("3 3"),
            text: Ink::MutedText,
            bold: false,
        },
        BoxKind::Warn => WARN,
    }
}

const WARN: Paint = Paint {
    fill: Ink::WarnBg,
    stroke: Some((Ink::Warn, 2.0)),
    dash: None,
    text: Ink::WarnText,
    bold: false,
};

/// The paint of a label of this kind (`.dg-label` and its kind's class).
pub fn label_paint(kind: LabelKind) -> Paint {
    let label = Paint {
        fill: Ink::Bg,
        stroke: None,
        ..PLAIN
    };
    match kind {
        LabelKind::Arrow => label,
        LabelKind::Note => Paint {
            fill: Ink::NoteBg,
            ..label
        },
        LabelKind::Warn => WARN,
        LabelKind::Heading => Paint {
            bold: true,
            ..label
        },
    }
}

/// `.a.b` for the class list `a b`.
fn selector(classes: &str) -> String {
    classes.split(' ').map(|c| format!(".{c}")).collect()
}

/// The CSS that repaints a standalone diagram in `scheme` (the same properties its attributes set).
pub fn scheme_css(scheme: Scheme) -> String {
    let mut css = String::new();
    let _ = write!(
        css,
        ".dg-bg{{fill:{}}}.dg-arrow{{stroke:{}}}.dg-arrowhead{{fill:{}}}.dg-lane{{stroke:{}}}",
        Ink::Bg.hex(scheme),
        Ink::Line.hex(scheme),
        Ink::Line.hex(scheme),
        Ink::Muted.hex(scheme)
    );
    let boxes = BOX_KINDS.iter().map(|&k| (k.class(), box_paint(k)));
    let labels = LABEL_KINDS.iter().map(|&k| (k.class(), label_paint(k)));
    for (class, paint) in boxes.chain(labels) {
        let s = selector(class);
        let _ = write!(css, "{s} rect{{fill:{}", paint.fill.hex(scheme));
        if let Some((ink, _)) = paint.stroke {
            let _ = write!(css, ";stroke:{}", ink.hex(scheme));
        }
        let _ = write!(css, "}}{s} text{{fill:{}}}", paint.text.hex(scheme));
    }
    css
}

const BOX_KINDS: [BoxKind; 7] = [
    BoxKind::Service,
    BoxKind::Store,
    BoxKind::Actor,
    BoxKind::Cache,
    BoxKind::Warn,
    BoxKind::Table,
    BoxKind::Muted,
];

const LABEL_KINDS: [LabelKind; 4] = [
    LabelKind::Arrow,
    LabelKind::Note,
    LabelKind::Warn,
    LabelKind::Heading,
];
