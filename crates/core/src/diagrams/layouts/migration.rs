//! Migrations without downtime: expand and contract (a column), parallel run (a database).

use super::name;
use crate::diagrams::canvas::{label, matched_width, Canvas, Edge, Words};
use crate::diagrams::{BoxKind, DiagramInput, LabelKind};

pub fn expand_contract(c: &mut Canvas, input: &DiagramInput) -> Words {
    let seed = DiagramInput::default();
    let table = name(&input.table, &seed.table);
    let old = name(&input.old_column, &seed.old_column);
    let new = name(&input.new_column, &seed.new_column);
    let (id, o, n) = ("- id", format!("- {old}"), format!("- {new}"));
    let phases: [(&str, Vec<String>); 4] = [
        (
            "Phase 1: Add new column (nullable)",
            vec![
                table.clone(),
                id.into(),
                format!("{o} (old)"),
                format!("{n} (new, nullable)"),
            ],
        ),
        (
            "Phase 2: Migrate data, dual-write",
            vec![
                table.clone(),
                id.into(),
                format!("{o} (written)"),
                format!("{n} (backfilled, written)"),
            ],
        ),
        (
            "Phase 3: Switch reads to new column",
            vec![
                table.clone(),
                id.into(),
                format!("{o} (written, not read)"),
                format!("{n} (read and written)"),
            ],
        ),
        (
            "Phase 4: Drop old column",
            vec![table.clone(), id.into(), n],
        ),
    ];
    // One width for the four phases, so they read as one table changing.
    let texts: Vec<&[String]> = phases.iter().map(|(_, columns)| &columns[..]).collect();
    let w = matched_width(&texts, 280.0).max(180.0);
    let tables: Vec<usize> = phases
        .iter()
        .map(|(_, columns)| c.add_box_of_width(columns, BoxKind::Table, w))
        .collect();
    let row: Vec<Option<usize>> = tables.iter().copied().map(Some).collect();
    c.grid(&[&row], 0.0, 40.0, 0.0);
    for (i, (heading, _)) in phases.iter().enumerate() {
        c.heading(heading, &[tables[i]]);
        if i > 0 {
            c.connect(tables[i - 1], tables[i], Edge::solid());
        }
    }
    Words {
        title: format!("Expand and contract: {table}.{old} → {table}.{new}"),
        desc: format!(
            "Column {old} of table {table} is replaced by {new} in four phases without downtime."
        ),
        text_alternative: vec![
            format!("Phase 1: add the new column {new} to {table}, nullable, next to {old}."),
            format!("Phase 2: migrate existing data from {old} to {new} and write both columns."),
            format!("Phase 3: switch reads to {new}; {old} is still written but no longer read."),
            format!("Phase 4: drop the old column {old}; {table} keeps id and {new}."),
        ],
    }
}

/// One panel of the parallel run: what the application does with the old and the new store.
struct Step {
    heading: &'static str,
    old_role: &'static str,
    new_role: &'static str,
    /// The label of the application's arrow to each store; `None` draws no arrow (the store is retired).
    to_old: Option<&'static str>,
    to_new: Option<&'static str>,
    /// Whether the two stores' results are compared.
    compare: bool,
}

const READS_WRITES: &str = "reads + writes";

const STEPS: [Step; 4] = [
    Step {
        heading: "Step 1: Write to both, read from old",
        old_role: "(source)",
        new_role: "(shadow)",
        to_old: Some(READS_WRITES),
        to_new: Some("writes"),
        compare: false,
    },
    Step {
        heading: "Step 2: Compare results, fix discrepancies",
        old_role: "(source)",
        new_role: "(verify)",
        to_old: Some(READS_WRITES),
        to_new: Some("writes"),
        compare: true,
    },
    Step {
        heading: "Step 3: Switch reads to new",
        old_role: "(still written)",
        new_role: "(serves reads)",
        to_old: Some("writes"),
        to_new: Some(READS_WRITES),
        compare: false,
    },
    Step {
        heading: "Step 4: Stop writing to old",
        old_role: "(retired)",
        new_role: "(source)",
        to_old: None,
        to_new: Some(READS_WRITES),
        compare: false,
    },
];

pub fn parallel_run(c: &mut Canvas, input: &DiagramInput) -> Words {
    let seed = DiagramInput::default();
    let old = name(&input.old_store, &seed.old_store);
    let new = name(&input.new_store, &seed.new_store);
    let gap = label("compare", LabelKind::Arrow, 150.0, 1).w + 16.0;
    // Every store box of every step is one width, so the steps compare at a glance.
    let stores: Vec<[&str; 2]> = STEPS
        .iter()
        .flat_map(|s| [[old.as_str(), s.old_role], [new.as_str(), s.new_role]])
        .collect();
    let store_w = matched_width(&stores.iter().map(|t| &t[..]).collect::<Vec<_>>(), 180.0);
    let mut panels = Vec::new();
    for step in &STEPS {
        let start = c.mark();
        let app = c.add_box(&["Application"], BoxKind::Actor, 200.0);
        let old_kind = if step.to_old.is_none() {
            BoxKind::Muted
        } else {
            BoxKind::Store
        };
        let old_box = c.add_box_of_width(&[old.as_str(), step.old_role], old_kind, store_w);
        let new_box = c.add_box_of_width(&[new.as_str(), step.new_role], BoxKind::Store, store_w);
        c.stack(
            &[&[app], &[old_box, new_box]],
            0.0,
            0.0,
            gap.max(56.0),
            64.0,
        );
        if step.to_old.is_some() {
            c.connect(
                app,
                old_box,
                Edge::solid().label(step.to_old).label_on_branch(),
            );
        }
        c.connect(
            app,
            new_box,
            Edge::solid().label(step.to_new).label_on_branch(),
        );
        if step.compare {
            c.connect(
                old_box,
                new_box,
                Edge::dashed().label("compare").both_ways(),
            );
        }
        c.heading(step.heading, &[app, old_box, new_box]);
        panels.push((start, c.bounds(start)));
    }
    // Two panels per row, each centred in an equal cell, in reading order.
    let cell_w = panels.iter().map(|(_, b)| b.width()).fold(0.0, f32::max) + 48.0;
    let cell_h = panels.iter().map(|(_, b)| b.height()).fold(0.0, f32::max) + 40.0;
    for (k, (start, b)) in panels.iter().enumerate().rev() {
        let (col, row) = ((k % 2) as f32, (k / 2) as f32);
        let until = panels.get(k + 1).map(|p| p.0);
        let dx = col * cell_w + (cell_w - b.width()) / 2.0 - b.left;
        let dy = row * cell_h - b.top;
        c.shift(*start, until, dx, dy);
    }
    Words {
        title: format!("Parallel run: {old} → {new}"),
        desc: format!(
            "The application moves from {old} to {new} in four steps, running both side by side."
        ),
        text_alternative: vec![
            format!(
                "Step 1: write to both {old} and {new}; read from {old}, which stays the source."
            ),
            format!("Step 2: compare results between {old} and {new} and fix discrepancies."),
            format!("Step 3: switch reads to {new}; {old} is still written."),
            format!("Step 4: stop writing to {old}; {new} is the source."),
        ],
    }
}
