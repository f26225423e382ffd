//! Mermaid flowchart source for Markdown (GitHub, GitLab, Confluence apps) and for "Copy Mermaid".
//!
//! The text survives losing its newlines (a paste or a text area that turns them into spaces): every
//! statement ends with `;`, and there is no statement that runs to the end of its line (a `%%` comment,
//! `accTitle`, `accDescr`, `direction`), which would swallow the rest. So the title is not in the text: the
//! ADR heads each block with it. A drawing of phases or steps reads left to right, in their order, as the
//! SVG does; so does a row of services with lanes (the system diagram), chained in their order by invisible
//! links written before any arrow.

use std::fmt::Write;

use super::{BoxKind, Diagram, Label, LabelKind};

/// Writes `s` with Mermaid entity codes for every character with a meaning in Mermaid's syntax
/// (`" < > & # | ; \` % { }`) and no control characters: safe in a quoted label.
fn escape_mermaid(o: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '"' => o.push_str("#quot;"),
            '<' => o.push_str("#lt;"),
            '>' => o.push_str("#gt;"),
            '&' => o.push_str("#amp;"),
            '#' => o.push_str("#35;"),
            '|' => o.push_str("#124;"),
            ';' => o.push_str("#59;"),
            '`' => o.push_str("#96;"),
            '%' => o.push_str("#37;"),
            '{' => o.push_str("#123;"),
            '}' => o.push_str("#125;"),
            c if c.is_control() => o.push(' '),
            c => o.push(c),
        }
    }
}

/// A quoted label: the paragraphs escaped, one line each (`<br>`).
fn quoted(o: &mut String, paragraphs: &[String]) {
    o.push('"');
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            o.push_str("<br>");
        }
        escape_mermaid(o, p);
    }
    o.push('"');
}

/// The node of box `i`: a cylinder for stores, a stadium for actors, a rectangle otherwise.
fn node(o: &mut String, d: &Diagram, i: usize, indent: &str) {
    let b = &d.boxes[i];
    let (open, close) = match b.kind {
        BoxKind::Store | BoxKind::Warn => ("[(", ")]"),
        BoxKind::Actor => ("([", "])"),
        _ => ("[", "]"),
    };
    let _ = write!(o, "{indent}n{i}{open}");
    quoted(o, &b.paragraphs);
    o.push_str(close);
    match b.kind {
        BoxKind::Warn => o.push_str(":::warn"),
        BoxKind::Muted => o.push_str(":::muted"),
        _ => {}
    }
    o.push_str(";\n");
}

fn edge(o: &mut String, d: &Diagram, a: usize, indent: &str) {
    let a = &d.arrows[a];
    let link = match (a.bidirectional, a.dashed) {
        (true, true) => "<-.->",
        (true, false) => "<-->",
        (false, true) => "-.->",
        (false, false) => "-->",
    };
    let _ = write!(o, "{indent}n{} {link}", a.from);
    if let Some(l) = &a.label {
        o.push('|');
        quoted(o, std::slice::from_ref(&l.text));
        o.push('|');
    }
    let _ = writeln!(o, " n{};", a.to);
}

/// Mermaid `flowchart` source for the diagram: boxes as nodes, arrows as edges, phase and step headings as
/// subgraphs holding their boxes, notes as free nodes.
pub fn to_mermaid(d: &Diagram) -> String {
    let groups: Vec<(usize, &Label)> = d
        .labels
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.members.is_empty())
        .collect();
    let group_of = |b: usize| groups.iter().position(|(_, l)| l.members.contains(&b));
    let mut o = String::with_capacity(1024);
    // Mermaid places subgraphs, and ranks, along its main axis; phases, steps and lanes read left to right.
    let direction = if groups.is_empty() && d.lanes.is_empty() {
        "TB"
    } else {
        "LR"
    };
    let _ = writeln!(o, "flowchart {direction};");
    o.push_str("  classDef warn stroke:#b34700,stroke-width:2px;\n");
    o.push_str("  classDef muted stroke-dasharray:3 3;\n");
    for i in (0..d.boxes.len()).filter(|&i| group_of(i).is_none()) {
        node(&mut o, d, i, "  ");
    }
    // The chain comes first: Mermaid then ranks the services in their order and turns an arrow that goes
    // against it around, rather than the chain.
    for pair in d.lanes.windows(2) {
        let _ = writeln!(o, "  n{} ~~~ n{};", pair[0].of, pair[1].of);
    }
    let inside = |a: usize| {
        let a = &d.arrows[a];
        group_of(a.from).filter(|&g| group_of(a.to) == Some(g))
    };
    for (k, (i, heading)) in groups.iter().enumerate() {
        let _ = write!(o, "  subgraph g{i}[");
        quoted(&mut o, std::slice::from_ref(&heading.text));
        o.push_str("];\n");
        for &m in &heading.members {
            node(&mut o, d, m, "    ");
        }
        // A box no arrow touches (a retired store) is tied to the group's first box, which keeps it in
        // its place beside the others rather than after them.
        let touched = |m: usize| d.arrows.iter().any(|a| a.from == m || a.to == m);
        if let Some((&first, rest)) = heading.members.split_first() {
            for &m in rest.iter().filter(|&&m| !touched(m)) {
                let _ = writeln!(o, "    n{first} ~~~ n{m};");
            }
        }
        for a in (0..d.arrows.len()).filter(|&a| inside(a) == Some(k)) {
            edge(&mut o, d, a, "    ");
        }
        o.push_str("  end;\n");
    }
    for a in (0..d.arrows.len()).filter(|&a| inside(a).is_none()) {
        edge(&mut o, d, a, "  ");
    }
    // Groups no arrow joins are chained by invisible links, which keep them in order.
    for k in 1..groups.len() {
        let joined = d.arrows.iter().any(|a| {
            let ends = [group_of(a.from), group_of(a.to)];
            ends.contains(&Some(k - 1)) && ends.contains(&Some(k))
        });
        if !joined {
            let _ = writeln!(o, "  g{} ~~~ g{};", groups[k - 1].0, groups[k].0);
        }
    }
    for (i, l) in d.labels.iter().enumerate() {
        if l.members.is_empty() {
            let _ = write!(o, "  l{i}[");
            quoted(&mut o, std::slice::from_ref(&l.text));
            o.push(']');
            if l.kind == LabelKind::Warn {
                o.push_str(":::warn");
            }
            o.push_str(";\n");
        }
    }
    o
}
