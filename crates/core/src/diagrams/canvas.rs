//! The drawing surface the layouts share: sized boxes, row and grid placement, orthogonal arrows, labels,
//! and the final move into the viewBox.

use super::text::{fit, text_width, LINE_HEIGHT};
use super::{Arrow, BoxKind, BoxShape, Diagram, DiagramId, Label, LabelKind, Lane};

/// Font size of box text before any shrinking.
pub const BOX_FONT: f32 = 14.0;
/// Font size of arrow labels and notes before any shrinking.
pub const LABEL_FONT: f32 = 12.0;
/// Font size of group headings (migration phases and steps).
pub const HEADING_FONT: f32 = 13.0;
/// Horizontal and vertical padding between a box's border and its text.
pub const BOX_PAD_X: f32 = 10.0;
pub const BOX_PAD_Y: f32 = 8.0;
/// Horizontal and vertical padding between a label's background and its text.
pub const LABEL_PAD_X: f32 = 4.0;
pub const LABEL_PAD_Y: f32 = 3.0;
/// Boxes are at least this wide and high.
const MIN_BOX_W: f32 = 120.0;
const MIN_BOX_H: f32 = 40.0;
/// Lines per box paragraph before the text shrinks and then is cut.
const BOX_LINES: usize = 3;
/// Widest an arrow label may be (one line).
const ARROW_LABEL_W: f32 = 150.0;
/// Space around the drawing inside the viewBox.
const MARGIN: f32 = 16.0;

/// A label of `text` at most `max_w` wide (lines fitted), placed at the origin.
pub fn label(text: &str, kind: LabelKind, max_w: f32, max_lines: usize) -> Label {
    let font = if kind == LabelKind::Heading {
        HEADING_FONT
    } else {
        LABEL_FONT
    };
    let inner = max_w - 2.0 * LABEL_PAD_X;
    let (lines, font_size) = fit(&[text.to_string()], inner, font, max_lines);
    let w = widest(&lines, font_size) + 2.0 * LABEL_PAD_X;
    let h = lines.len() as f32 * font_size * LINE_HEIGHT + 2.0 * LABEL_PAD_Y;
    Label {
        x: 0.0,
        y: 0.0,
        w,
        h,
        lines,
        text: text.to_string(),
        font_size,
        kind,
        members: Vec::new(),
    }
}

/// One width for boxes that belong together (a row of services, the stores of every step): what the widest
/// of their texts needs on one line, within `120..=max_w`. Boxes of that width match, and their text wraps
/// by the same rule.
pub fn matched_width<T: AsRef<str>>(texts: &[&[T]], max_w: f32) -> f32 {
    let natural = texts
        .iter()
        .flat_map(|paragraphs| paragraphs.iter())
        .map(|p| text_width(p.as_ref(), BOX_FONT))
        .fold(0.0, f32::max);
    width_for(natural, max_w)
}

/// A box width for text `natural` px wide on one line, within `120..=max_w`.
fn width_for(natural: f32, max_w: f32) -> f32 {
    // Not `f32::clamp`: its NaN assertion formats floats, which costs the wasm bundle about 5 KB.
    (natural + 2.0 * BOX_PAD_X)
        .max(MIN_BOX_W)
        .min(max_w.max(MIN_BOX_W))
}

/// The width of the widest line at `font_size`.
fn widest(lines: &[String], font_size: f32) -> f32 {
    lines
        .iter()
        .map(|l| text_width(l, font_size))
        .fold(0.0, f32::max)
}

/// How an arrow is drawn and where its label goes; built like `Edge::solid().label("writes")`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Edge<'a> {
    label: Option<&'a str>,
    dashed: bool,
    both_ways: bool,
    label_on_branch: bool,
    /// Where the arrow leaves `from`, as a fraction of its width from the centre (-0.5 to 0.5).
    leave_at: f32,
    /// Where the arrow reaches `to`, as a fraction of its width from the centre (-0.5 to 0.5).
    arrive_at: f32,
}

impl<'a> Edge<'a> {
    pub fn solid() -> Self {
        Edge::default()
    }

    pub fn dashed() -> Self {
        Edge {
            dashed: true,
            ..Edge::default()
        }
    }

    /// The arrow's label; `None` draws no label.
    pub fn label(self, text: impl Into<Option<&'a str>>) -> Self {
        Edge {
            label: text.into(),
            ..self
        }
    }

    /// A head at both ends (replication between peers, comparisons).
    pub fn both_ways(self) -> Self {
        Edge {
            both_ways: true,
            ..self
        }
    }

    /// A bent vertical arrow's label goes beside its own branch (near `to`, on the side away from the trunk)
    /// rather than beside the trunk it shares with its siblings: for a label that is true of this arrow only.
    pub fn label_on_branch(self) -> Self {
        Edge {
            label_on_branch: true,
            ..self
        }
    }

    /// Leaves `from` off-centre (`fraction` of its width, -0.5 to 0.5), so that arrows unlike each other
    /// (solid and dashed) do not share a trunk.
    pub fn leave_at(self, fraction: f32) -> Self {
        Edge {
            leave_at: fraction,
            ..self
        }
    }

    /// Reaches `to` off-centre (`fraction` of its width, -0.5 to 0.5), so that arrows from different boxes
    /// into one box keep their own heads rather than merging into one.
    pub fn arrive_at(self, fraction: f32) -> Self {
        Edge {
            arrive_at: fraction,
            ..self
        }
    }
}

/// How far the canvas's lists reached at some point: what is drawn after it can be measured and moved as
/// one group (a panel of the parallel run).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    boxes: usize,
    arrows: usize,
    labels: usize,
    lanes: usize,
}

/// An axis-aligned extent: left, top, right and bottom edges.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
}

impl Bounds {
    const EMPTY: Bounds = Bounds {
        left: f32::MAX,
        top: f32::MAX,
        right: f32::MIN,
        bottom: f32::MIN,
    };

    fn add(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.left = self.left.min(x);
        self.top = self.top.min(y);
        self.right = self.right.max(x + w);
        self.bottom = self.bottom.max(y + h);
    }

    pub fn width(&self) -> f32 {
        self.right - self.left
    }

    pub fn height(&self) -> f32 {
        self.bottom - self.top
    }
}

/// What a layout draws on, in its own coordinates; [`Canvas::finish`] moves it into the viewBox.
#[derive(Default)]
pub struct Canvas {
    pub boxes: Vec<BoxShape>,
    pub arrows: Vec<Arrow>,
    /// Free labels: notes and group headings (arrow labels live on their arrows).
    pub labels: Vec<Label>,
    pub lanes: Vec<Lane>,
}

impl Canvas {
    /// A box holding `paragraphs` (each up to three lines), as wide as its text within `120..=max_w`.
    pub fn add_box(&mut self, paragraphs: &[impl AsRef<str>], kind: BoxKind, max_w: f32) -> usize {
        let w = matched_width(&[paragraphs], max_w);
        self.add_box_of_width(paragraphs, kind, w)
    }

    /// A box exactly `w` wide (see [`matched_width`]), its text wrapped and if need be shrunk to fit.
    pub fn add_box_of_width(
        &mut self,
        paragraphs: &[impl AsRef<str>],
        kind: BoxKind,
        w: f32,
    ) -> usize {
        // Only this conversion is generic: one copy of the rest serves every kind of text.
        let paragraphs: Vec<String> = paragraphs.iter().map(|p| p.as_ref().to_string()).collect();
        self.push_box(paragraphs, kind, w)
    }

    fn push_box(&mut self, paragraphs: Vec<String>, kind: BoxKind, w: f32) -> usize {
        let (lines, font_size) = fit(&paragraphs, w - 2.0 * BOX_PAD_X, BOX_FONT, BOX_LINES);
        let h = lines.len() as f32 * font_size * LINE_HEIGHT + 2.0 * BOX_PAD_Y;
        self.boxes.push(BoxShape {
            x: 0.0,
            y: 0.0,
            w,
            h: h.max(MIN_BOX_H),
            lines,
            paragraphs,
            font_size,
            kind,
        });
        self.boxes.len() - 1
    }

    /// Places rows of boxes one under another, each row centred on `cx`, heights equalised per row.
    /// Returns the bottom of the last row.
    pub fn stack(&mut self, rows: &[&[usize]], cx: f32, y0: f32, hgap: f32, vgap: f32) -> f32 {
        let mut y = y0;
        for row in rows {
            let h = row.iter().map(|&i| self.boxes[i].h).fold(0.0, f32::max);
            let total: f32 =
                row.iter().map(|&i| self.boxes[i].w).sum::<f32>() + hgap * (row.len() as f32 - 1.0);
            let mut x = cx - total / 2.0;
            for &i in row.iter() {
                let b = &mut self.boxes[i];
                (b.x, b.y, b.h) = (x, y, h);
                x += b.w + hgap;
            }
            y += h + vgap;
        }
        y - vgap
    }

    /// Places boxes in aligned columns (cells may be empty), centred on x = 0. Returns the bottom.
    pub fn grid(&mut self, rows: &[&[Option<usize>]], y0: f32, hgap: f32, vgap: f32) -> f32 {
        let columns = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        let column_w: Vec<f32> = (0..columns)
            .map(|c| {
                rows.iter()
                    .filter_map(|r| r.get(c).copied().flatten())
                    .map(|i| self.boxes[i].w)
                    .fold(0.0, f32::max)
            })
            .collect();
        let total = column_w.iter().sum::<f32>() + hgap * (columns as f32 - 1.0);
        let mut y = y0;
        for row in rows {
            let h = row
                .iter()
                .flatten()
                .map(|&i| self.boxes[i].h)
                .fold(0.0, f32::max);
            let mut x = -total / 2.0;
            for (c, cell) in row.iter().enumerate() {
                if let Some(i) = *cell {
                    let b = &mut self.boxes[i];
                    (b.x, b.y, b.h) = (x + (column_w[c] - b.w) / 2.0, y, h);
                }
                x += column_w[c] + hgap;
            }
            y += h + vgap;
        }
        y - vgap
    }

    /// An arrow between two placed boxes: vertical (bent through the gap's middle) when one is above the
    /// other, otherwise horizontal. A vertical label sits right of the trunk (the part next to `from`, which
    /// sibling arrows share, so the label speaks for all of them) unless the edge asks for its own branch;
    /// a horizontal label sits above the line.
    pub fn connect(&mut self, from: usize, to: usize, edge: Edge) -> usize {
        let (a, b) = (&self.boxes[from], &self.boxes[to]);
        let (acx, bcx) = (
            a.x + a.w * (0.5 + edge.leave_at),
            b.x + b.w * (0.5 + edge.arrive_at),
        );
        let mut lab = edge
            .label
            .map(|t| label(t, LabelKind::Arrow, ARROW_LABEL_W, 1));
        let vertical = b.y >= a.y + a.h || a.y >= b.y + b.h;
        let points = if vertical {
            let (sy, ey) = if b.y >= a.y + a.h {
                (a.y + a.h, b.y)
            } else {
                (a.y, b.y + b.h)
            };
            let mid = (sy + ey) / 2.0;
            let straight = (acx - bcx).abs() < 0.5;
            if let Some(l) = lab.as_mut() {
                // Beside the line, 6 px off; a branch's label on its outer side, away from the trunk.
                let (lx, ly) = match (straight, edge.label_on_branch) {
                    (true, _) => (acx + 6.0, mid),
                    (false, false) => (acx + 6.0, (sy + mid) / 2.0),
                    (false, true) if bcx < acx => (bcx - 6.0 - l.w, (mid + ey) / 2.0),
                    (false, true) => (bcx + 6.0, (mid + ey) / 2.0),
                };
                (l.x, l.y) = (lx, ly - l.h / 2.0);
            }
            if straight {
                vec![(acx, sy), (bcx, ey)]
            } else {
                vec![(acx, sy), (acx, mid), (bcx, mid), (bcx, ey)]
            }
        } else {
            let ym = (a.y.max(b.y) + (a.y + a.h).min(b.y + b.h)) / 2.0;
            let (sx, ex) = if b.x > a.x {
                (a.x + a.w, b.x)
            } else {
                (a.x, b.x + b.w)
            };
            if let Some(l) = lab.as_mut() {
                (l.x, l.y) = ((sx + ex) / 2.0 - l.w / 2.0, ym - 4.0 - l.h);
            }
            vec![(sx, ym), (ex, ym)]
        };
        self.arrows.push(Arrow {
            from,
            to,
            points,
            label: lab,
            dashed: edge.dashed,
            bidirectional: edge.both_ways,
        });
        self.arrows.len() - 1
    }

    /// Where the lists end now.
    pub fn mark(&self) -> Mark {
        Mark {
            boxes: self.boxes.len(),
            arrows: self.arrows.len(),
            labels: self.labels.len(),
            lanes: self.lanes.len(),
        }
    }

    /// The extent of everything drawn since `from`.
    pub fn bounds(&self, from: Mark) -> Bounds {
        let mut r = Bounds::EMPTY;
        for b in &self.boxes[from.boxes..] {
            r.add(b.x, b.y, b.w, b.h);
        }
        for l in &self.labels[from.labels..] {
            r.add(l.x, l.y, l.w, l.h);
        }
        for a in &self.arrows[from.arrows..] {
            a.points.iter().for_each(|p| r.add(p.0, p.1, 0.0, 0.0));
            if let Some(l) = &a.label {
                r.add(l.x, l.y, l.w, l.h);
            }
        }
        for l in &self.lanes[from.lanes..] {
            r.add(l.x, l.top, 0.0, l.bottom - l.top);
        }
        r
    }

    /// Moves everything drawn from `from` up to (not including) `until` (`None`: to the end).
    pub fn shift(&mut self, from: Mark, until: Option<Mark>, dx: f32, dy: f32) {
        let until = until.unwrap_or(self.mark());
        for b in &mut self.boxes[from.boxes..until.boxes] {
            (b.x, b.y) = (b.x + dx, b.y + dy);
        }
        for l in &mut self.labels[from.labels..until.labels] {
            (l.x, l.y) = (l.x + dx, l.y + dy);
        }
        for a in &mut self.arrows[from.arrows..until.arrows] {
            a.points.iter_mut().for_each(|p| *p = (p.0 + dx, p.1 + dy));
            if let Some(l) = a.label.as_mut() {
                (l.x, l.y) = (l.x + dx, l.y + dy);
            }
        }
        for l in &mut self.lanes[from.lanes..until.lanes] {
            (l.x, l.top, l.bottom) = (l.x + dx, l.top + dy, l.bottom + dy);
        }
    }

    /// A note under everything drawn so far, centred, at least 360 px wide.
    pub fn note(&mut self, text: &str, kind: LabelKind) {
        let all = self.bounds(Mark::default());
        let mut l = label(text, kind, all.width().max(360.0), 5);
        (l.x, l.y) = ((all.left + all.right - l.w) / 2.0, all.bottom + 16.0);
        self.labels.push(l);
    }

    /// A heading label just above the given boxes, no wider than they span.
    pub fn heading(&mut self, text: &str, members: &[usize]) {
        let mut span = Bounds::EMPTY;
        for &i in members {
            let b = &self.boxes[i];
            span.add(b.x, b.y, b.w, b.h);
        }
        let mut l = label(text, LabelKind::Heading, span.width(), 3);
        (l.x, l.y) = ((span.left + span.right - l.w) / 2.0, span.top - 8.0 - l.h);
        l.members = members.to_vec();
        self.labels.push(l);
    }

    /// Moves everything into the viewBox with a margin and builds the diagram.
    pub fn finish(mut self, id: DiagramId, words: Words) -> Diagram {
        let all = self.bounds(Mark::default());
        self.shift(Mark::default(), None, MARGIN - all.left, MARGIN - all.top);
        Diagram {
            id,
            title: words.title,
            desc: words.desc,
            text_alternative: words.text_alternative,
            width: (all.width() + 2.0 * MARGIN).ceil(),
            height: (all.height() + 2.0 * MARGIN).ceil(),
            boxes: self.boxes,
            arrows: self.arrows,
            labels: self.labels,
            lanes: self.lanes,
        }
    }
}

/// What a diagram says in words: its title, a one-sentence description, and the ordered sentences of its
/// text version.
pub struct Words {
    pub title: String,
    pub desc: String,
    pub text_alternative: Vec<String>,
}
