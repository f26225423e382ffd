//! A small canvas: sized boxes, row/grid placement, orthogonal arrows, labels, normalisation.

use super::text::{fit, text_width, LINE_HEIGHT};
use super::{Arrow, BoxKind, BoxShape, Diagram, DiagramId, Label, LabelKind};

pub const BOX_FONT: f32 = 14.0;
pub const LABEL_FONT: f32 = 12.0;
pub const PAD_X: f32 = 10.0;
pub const PAD_Y: f32 = 8.0;
pub const LPAD_X: f32 = 4.0;
pub const LPAD_Y: f32 = 3.0;
const MARGIN: f32 = 16.0;

/// A label of `text` at most `max_w` wide (lines fitted), placed at the origin.
pub fn label(text: &str, kind: LabelKind, max_w: f32, max_lines: usize) -> Label {
    let fs = if kind == LabelKind::Heading {
        13.0
    } else {
        LABEL_FONT
    };
    let inner = max_w - 2.0 * LPAD_X;
    let (lines, fs) = fit(&[text.to_string()], inner, fs, max_lines);
    let w = lines.iter().map(|l| text_width(l, fs)).fold(0.0, f32::max) + 2.0 * LPAD_X;
    let h = lines.len() as f32 * fs * LINE_HEIGHT + 2.0 * LPAD_Y;
    Label {
        x: 0.0,
        y: 0.0,
        w,
        h,
        lines,
        font_size: fs,
        kind,
        members: Vec::new(),
    }
}

#[derive(Default)]
pub struct Canvas {
    pub b: Vec<BoxShape>,
    pub a: Vec<Arrow>,
    pub l: Vec<Label>,
}

impl Canvas {
    /// A box holding `paras` (each up to 3 lines), as wide as its text within `120..=max_w`.
    pub fn bx(&mut self, paras: &[String], kind: BoxKind, max_w: f32) -> usize {
        let natural = paras
            .iter()
            .map(|p| text_width(p, BOX_FONT))
            .fold(0.0, f32::max);
        // Not `f32::clamp`: its NaN assertion formats floats, which costs the wasm bundle about 5 KB.
        let w = (natural + 2.0 * PAD_X).max(120.0).min(max_w.max(120.0));
        let (lines, font_size) = fit(paras, w - 2.0 * PAD_X, BOX_FONT, 3);
        let h = lines.len() as f32 * font_size * LINE_HEIGHT + 2.0 * PAD_Y;
        self.b.push(BoxShape {
            x: 0.0,
            y: 0.0,
            w,
            h: h.max(40.0),
            lines,
            font_size,
            kind,
        });
        self.b.len() - 1
    }

    /// Places rows of boxes one under another, each row centred on `cx`, heights equalised per row.
    pub fn stack(&mut self, rows: &[&[usize]], cx: f32, y0: f32, hgap: f32, vgap: f32) -> f32 {
        let mut y = y0;
        for row in rows {
            let h = row.iter().map(|&i| self.b[i].h).fold(0.0, f32::max);
            let total: f32 =
                row.iter().map(|&i| self.b[i].w).sum::<f32>() + hgap * (row.len() as f32 - 1.0);
            let mut x = cx - total / 2.0;
            for &i in row.iter() {
                let b = &mut self.b[i];
                (b.x, b.y, b.h) = (x, y, h);
                x += b.w + hgap;
            }
            y += h + vgap;
        }
        y - vgap
    }

    /// Places boxes in aligned columns (cells may be empty), centred on x = 0.
    pub fn grid(&mut self, rows: &[&[Option<usize>]], y0: f32, hgap: f32, vgap: f32) -> f32 {
        let ncols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        let cols: Vec<f32> = (0..ncols)
            .map(|c| {
                rows.iter()
                    .filter_map(|r| r.get(c).copied().flatten())
                    .map(|i| self.b[i].w)
                    .fold(0.0, f32::max)
            })
            .collect();
        let total = cols.iter().sum::<f32>() + hgap * (ncols as f32 - 1.0);
        let mut y = y0;
        for row in rows {
            let h = row
                .iter()
                .flatten()
                .map(|&i| self.b[i].h)
                .fold(0.0, f32::max);
            let mut x = -total / 2.0;
            for (c, cell) in row.iter().enumerate() {
                if let Some(i) = *cell {
                    let b = &mut self.b[i];
                    (b.x, b.y, b.h) = (x + (cols[c] - b.w) / 2.0, y, h);
                }
                x += cols[c] + hgap;
            }
            y += h + vgap;
        }
        y - vgap
    }

    /// An arrow between two placed boxes: vertical (bent through the gap's middle) when one is
    /// above the other, otherwise horizontal. The label sits beside the trunk (at `from`), or
    /// beside the branch (at `to`) when `at_to`; horizontal labels sit above the line in the gap.
    pub fn link(
        &mut self,
        from: usize,
        to: usize,
        text: Option<&str>,
        dashed: bool,
        at_to: bool,
    ) -> usize {
        let (a, b) = (&self.b[from], &self.b[to]);
        let (acx, bcx) = (a.x + a.w / 2.0, b.x + b.w / 2.0);
        let mut lab = text.map(|t| label(t, LabelKind::Arrow, 150.0, 1));
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
                let (lx, ly) = match (straight, at_to) {
                    (true, _) => (acx, mid),
                    (false, false) => (acx, (sy + mid) / 2.0),
                    (false, true) => (bcx, (mid + ey) / 2.0),
                };
                (l.x, l.y) = (lx + 6.0, ly - l.h / 2.0);
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
        self.a.push(Arrow {
            from,
            to,
            points,
            label: lab,
            dashed,
            bidirectional: false,
        });
        self.a.len() - 1
    }

    /// Bounds (min x, min y, max x, max y) of everything from the given start indices on.
    pub fn bounds(&self, from: (usize, usize, usize)) -> (f32, f32, f32, f32) {
        let mut r = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        let mut add = |x: f32, y: f32, w: f32, h: f32| {
            r = (r.0.min(x), r.1.min(y), r.2.max(x + w), r.3.max(y + h));
        };
        self.b[from.0..]
            .iter()
            .for_each(|b| add(b.x, b.y, b.w, b.h));
        self.l[from.2..]
            .iter()
            .for_each(|l| add(l.x, l.y, l.w, l.h));
        for a in &self.a[from.1..] {
            a.points.iter().for_each(|p| add(p.0, p.1, 0.0, 0.0));
            if let Some(l) = &a.label {
                add(l.x, l.y, l.w, l.h);
            }
        }
        r
    }

    pub fn mark(&self) -> (usize, usize, usize) {
        (self.b.len(), self.a.len(), self.l.len())
    }

    /// Moves everything from the given start indices on.
    pub fn shift(&mut self, from: (usize, usize, usize), dx: f32, dy: f32) {
        self.shift_range(from, None, dx, dy)
    }

    /// Moves everything from `from` up to (not including) `to`.
    pub fn shift_range(
        &mut self,
        from: (usize, usize, usize),
        to: Option<(usize, usize, usize)>,
        dx: f32,
        dy: f32,
    ) {
        let to = to.unwrap_or(self.mark());
        self.b[from.0..to.0]
            .iter_mut()
            .for_each(|b| (b.x, b.y) = (b.x + dx, b.y + dy));
        self.l[from.2..to.2]
            .iter_mut()
            .for_each(|l| (l.x, l.y) = (l.x + dx, l.y + dy));
        for a in &mut self.a[from.1..to.1] {
            a.points.iter_mut().for_each(|p| *p = (p.0 + dx, p.1 + dy));
            if let Some(l) = a.label.as_mut() {
                (l.x, l.y) = (l.x + dx, l.y + dy);
            }
        }
    }

    /// A note under everything drawn so far, centred, at least 360 px wide.
    pub fn note(&mut self, text: &str, kind: LabelKind) {
        let (x0, _, x1, y1) = self.bounds((0, 0, 0));
        let w = (x1 - x0).max(360.0);
        let mut l = label(text, kind, w, 5);
        (l.x, l.y) = ((x0 + x1 - l.w) / 2.0, y1 + 16.0);
        self.l.push(l);
    }

    /// A heading label just above the given boxes, no wider than they span.
    pub fn heading(&mut self, text: &str, members: &[usize]) {
        let x0 = members
            .iter()
            .map(|&i| self.b[i].x)
            .fold(f32::MAX, f32::min);
        let x1 = members
            .iter()
            .map(|&i| self.b[i].x + self.b[i].w)
            .fold(f32::MIN, f32::max);
        let top = members
            .iter()
            .map(|&i| self.b[i].y)
            .fold(f32::MAX, f32::min);
        let mut l = label(text, LabelKind::Heading, x1 - x0, 3);
        (l.x, l.y, l.members) = ((x0 + x1 - l.w) / 2.0, top - 8.0 - l.h, members.to_vec());
        self.l.push(l);
    }

    /// Moves everything into the viewBox with a margin and builds the diagram.
    pub fn finish(
        mut self,
        id: DiagramId,
        title: String,
        desc: String,
        alt: Vec<String>,
    ) -> Diagram {
        let (x0, y0, x1, y1) = self.bounds((0, 0, 0));
        self.shift((0, 0, 0), MARGIN - x0, MARGIN - y0);
        let (width, height) = (
            (x1 - x0 + 2.0 * MARGIN).ceil(),
            (y1 - y0 + 2.0 * MARGIN).ceil(),
        );
        Diagram {
            id,
            title,
            desc,
            text_alternative: alt,
            width,
            height,
            boxes: self.b,
            arrows: self.a,
            labels: self.l,
        }
    }
}
