//! The system the user described: each service with its recommended store and the entities it owns, and one
//! arrow for each owner and reader, labelled with how the data travels (events, events through an outbox, or
//! queries).
//!
//! Services stand in a row, each with a lane (a thin line) under it; each owner-to-reader pair gets a row of its
//! own, an arrow from the owner's lane to the reader's, its label just above it beside the owner's lane. Rows
//! never share a line and a label never spans a lane, so any graph of up to eight services draws without
//! overlaps, cycles included.

use super::{entity, list, names, owned, store_of as store, SEED_SERVICES};
use crate::decision::same_entity;
use crate::diagrams::canvas::{label, matched_width, Canvas, Words};
use crate::diagrams::{Arrow, BoxKind, DataFlow, DiagramInput, LabelKind, Lane};
use crate::system::FlowKind;

/// Most services drawn (the text version names them all).
const DRAWN: usize = 8;
/// Most services the text version names (a decision holds at most 16).
const NAMED: usize = 64;
/// Least distance between neighbouring lanes: room for a label between them.
const MIN_LANE_GAP: f32 = 200.0;
/// A label's distance from the lanes beside it.
const LANE_MARGIN: f32 = 8.0;
/// Vertical gaps: under the services, between a label and its arrow, and between rows.
const UNDER_BOXES: f32 = 20.0;
const ABOVE_ARROW: f32 = 4.0;
const ROW_GAP: f32 = 14.0;
/// Lines an arrow's label may take before it is cut (the text version has it in full).
const LABEL_LINES: usize = 2;

/// The entities going from one owner to one reader, and how.
pub(super) struct Pair {
    pub owner: usize,
    pub consumer: usize,
    pub entities: Vec<String>,
    pub kind: FlowKind,
}

impl Pair {
    /// The arrow's label: how first, so a cut list of entities never hides it.
    fn label(&self) -> String {
        format!("{}: {}", self.kind.label(), self.entities.join(", "))
    }
}

/// One sentence of the text version: an owner, how it shares, the entities and their readers.
pub(super) struct Line {
    pub owner: usize,
    pub kind: FlowKind,
    readers: Vec<usize>,
    entities: Vec<String>,
}

/// `one` for a single reader, else `many`: "Shipping queries", "Orders and Shipping query".
pub(super) fn agree<'a>(readers: usize, one: &'a str, many: &'a str) -> &'a str {
    if readers == 1 {
        one
    } else {
        many
    }
}

impl Line {
    /// The system advice's own sentence (its data-access card says the same).
    pub(super) fn sentence(&self, names: &[String]) -> String {
        let owner = &names[self.owner];
        let what = list(&self.entities);
        let readers: Vec<String> = self.readers.iter().map(|&i| names[i].clone()).collect();
        let (readers, n) = (list(&readers), self.readers.len());
        match self.kind {
            FlowKind::Event { outbox } => {
                let how = if outbox { " through an outbox" } else { "" };
                let keep = agree(n, "keeps", "keep");
                format!("{owner} publishes {what} events{how}; {readers} {keep} a copy marked as cache.")
            }
            FlowKind::Query => {
                let (ask, need) = (
                    agree(n, "queries", "query"),
                    agree(n, "it needs", "they need"),
                );
                format!("{readers} {ask} {owner} for {what}: {need} the latest write.")
            }
        }
    }
}

/// The pairs' flows as the system's data-access card says them: each entity of an owner once, with all the
/// readers that get it the same way, then the entities that go the same way to the same readers together,
/// owner by owner (readers and entities in first-mention order).
pub(super) fn lines(flows: &[DataFlow], pairs: &[Pair]) -> Vec<Line> {
    let mut by_entity: Vec<Line> = Vec::new();
    for f in flows {
        let Some(p) = pairs
            .iter()
            .find(|p| p.owner == f.owner && p.consumer == f.consumer)
        else {
            continue;
        };
        let e = entity(&f.entity);
        if e.is_empty() {
            continue;
        }
        let same = |l: &&mut Line| {
            l.owner == p.owner && l.kind == p.kind && same_entity(&l.entities[0], &e)
        };
        match by_entity.iter_mut().find(same) {
            Some(l) if l.readers.contains(&p.consumer) => {}
            Some(l) => l.readers.push(p.consumer),
            None => by_entity.push(Line {
                owner: p.owner,
                kind: p.kind,
                readers: vec![p.consumer],
                entities: vec![e],
            }),
        }
    }
    let mut out: Vec<Line> = Vec::new();
    for l in by_entity {
        let same = |m: &&mut Line| m.owner == l.owner && m.kind == l.kind && m.readers == l.readers;
        match out.iter_mut().find(same) {
            Some(m) => m.entities.extend(l.entities),
            None => out.push(l),
        }
    }
    out.sort_by_key(|l| l.owner);
    out
}

/// The flows between the first `count` services, one pair per owner and reader: by owner, then in
/// first-mention order.
pub(super) fn pairs(flows: &[DataFlow], count: usize) -> Vec<Pair> {
    let mut out: Vec<Pair> = Vec::new();
    for f in flows {
        let e = entity(&f.entity);
        if f.owner == f.consumer || f.owner.max(f.consumer) >= count || e.is_empty() {
            continue;
        }
        match out
            .iter_mut()
            .find(|p| p.owner == f.owner && p.consumer == f.consumer)
        {
            Some(p) if !p.entities.iter().any(|x| same_entity(x, &e)) => p.entities.push(e),
            Some(_) => {}
            None => out.push(Pair {
                owner: f.owner,
                consumer: f.consumer,
                entities: vec![e],
                kind: f.kind,
            }),
        }
    }
    out.sort_by_key(|p| p.owner);
    out
}

/// "Order has 2 owners, Orders and Billing: choose one …" for each entity several services own.
pub(super) fn two_owners(input: &DiagramInput, names: &[String]) -> Vec<String> {
    let mut seen: Vec<(String, Vec<usize>)> = Vec::new();
    for i in 0..names.len() {
        for e in owned(input, i) {
            match seen.iter_mut().find(|(x, _)| same_entity(x, &e)) {
                Some((_, owners)) => owners.push(i),
                None => seen.push((e, vec![i])),
            }
        }
    }
    seen.into_iter()
        .filter(|(_, owners)| owners.len() > 1)
        .map(|(e, owners)| {
            let who: Vec<String> = owners.iter().map(|&i| names[i].clone()).collect();
            format!(
                "{e} has {} owners, {}: choose one as its single source of truth.",
                owners.len(),
                list(&who)
            )
        })
        .collect()
}

pub fn system(c: &mut Canvas, input: &DiagramInput) -> Words {
    let every = names(&input.services, 1, NAMED, &SEED_SERVICES);
    let drawn = every.len().min(DRAWN);
    let texts: Vec<Vec<String>> = (0..drawn)
        .map(|i| {
            let mut t = vec![every[i].clone()];
            let store = store(input, i);
            if !store.is_empty() {
                t.push(store);
            }
            let owns = owned(input, i);
            if !owns.is_empty() {
                t.push(format!("owns {}", owns.join(", ")));
            }
            t
        })
        .collect();
    let refs: Vec<&[String]> = texts.iter().map(|t| &t[..]).collect();
    // Wider than the other diagrams' services: a store's name ("PostgreSQL (relational)") fits on a line,
    // but for seven or eight services.
    let w = matched_width(&refs, if drawn > 6 { 180.0 } else { 240.0 });
    let boxes: Vec<usize> = texts
        .iter()
        .map(|t| c.add_box_of_width(t, BoxKind::Service, w))
        .collect();
    let gap = (MIN_LANE_GAP - w).max(32.0);
    c.stack(&[&boxes], 0.0, 0.0, gap, 0.0);
    let drawn_pairs = pairs(&input.flows, drawn);
    if !drawn_pairs.is_empty() {
        rows(c, &boxes, &drawn_pairs, w + gap);
    }
    let all_pairs = pairs(&input.flows, every.len());
    notes(c, input, &every, drawn, &all_pairs);
    words(input, &every, &all_pairs)
}

/// One row per pair, top to bottom, then a lane under every service down to the last row.
fn rows(c: &mut Canvas, boxes: &[usize], pairs: &[Pair], spacing: f32) {
    let centre = |c: &Canvas, i: usize| c.boxes[boxes[i]].x + c.boxes[boxes[i]].w / 2.0;
    let top = c.boxes[boxes[0]].y + c.boxes[boxes[0]].h;
    let mut y = top + UNDER_BOXES;
    for p in pairs {
        let (from, to) = (centre(c, p.owner), centre(c, p.consumer));
        let mut l = label(
            &p.label(),
            LabelKind::Arrow,
            spacing - 2.0 * LANE_MARGIN,
            LABEL_LINES,
        );
        let line = y + l.h + ABOVE_ARROW;
        l.x = if to > from {
            from + LANE_MARGIN
        } else {
            from - LANE_MARGIN - l.w
        };
        l.y = y;
        c.arrows.push(Arrow {
            from: boxes[p.owner],
            to: boxes[p.consumer],
            points: vec![(from, line), (to, line)],
            label: Some(l),
            dashed: p.kind != FlowKind::Query,
            bidirectional: false,
        });
        y = line + ROW_GAP;
    }
    let bottom = y - ROW_GAP + UNDER_BOXES / 2.0;
    for (i, &of) in boxes.iter().enumerate() {
        let x = centre(c, i);
        c.lanes.push(Lane { of, x, top, bottom });
    }
}

/// What the arrows mean, services left out, and entities with two owners.
fn notes(c: &mut Canvas, input: &DiagramInput, every: &[String], drawn: usize, pairs: &[Pair]) {
    let mut note = if pairs.is_empty() {
        "No service reads data another service owns yet: list the entities each service owns and reads."
            .to_string()
    } else {
        "Each arrow goes from the service that owns the data to one that reads it. Dashed: the owner publishes events and the reader keeps a copy marked as cache. Solid: the reader queries the owner each time, as it needs the latest write."
            .to_string()
    };
    if every.len() > drawn {
        let left_out = every.len() - drawn;
        note.push_str(&format!(
            " {left_out} more service{} and {} data are not drawn; the text version lists them.",
            if left_out == 1 { "" } else { "s" },
            if left_out == 1 { "its" } else { "their" }
        ));
    }
    c.note(&note, LabelKind::Note);
    let problems = two_owners(input, &every[..drawn]);
    if !problems.is_empty() {
        c.note(&format!("⚠ {}", problems.join(" ")), LabelKind::Warn);
    }
}

fn words(input: &DiagramInput, every: &[String], pairs: &[Pair]) -> Words {
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let mut text: Vec<String> = every
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let store = store(input, i);
            let store = if store.is_empty() {
                "its store is not decided yet".to_string()
            } else {
                format!("stores its data in {store}")
            };
            let owns = owned(input, i);
            let owns = if owns.is_empty() {
                "owns no listed entity".to_string()
            } else {
                format!("owns {}", list(&owns))
            };
            format!("{name} {store} and {owns}.")
        })
        .collect();
    if pairs.is_empty() {
        text.push("No service reads data that another service owns.".into());
    }
    let lines = lines(&input.flows, pairs);
    text.extend(lines.iter().map(|l| l.sentence(every)));
    if lines
        .iter()
        .any(|l| l.kind == FlowKind::Event { outbox: true })
    {
        text.push("An outbox is a table the owner writes in the same transaction as the entity, so its write and its event commit together.".into());
    }
    text.extend(two_owners(input, every));
    Words {
        title: format!(
            "System: {}, {}",
            plural(every.len(), "service"),
            plural(pairs.len(), "data flow")
        ),
        desc: match every {
            [one] => format!("{one} and the entities it owns."),
            _ => format!(
                "{} each keep their own data; arrows go from the service that owns an entity to each service that reads it, labelled with how it travels.",
                list(every)
            ),
        },
        text_alternative: text,
    }
}
