//! Mermaid flowchart source for Markdown (GitHub, GitLab, Confluence).

use std::fmt::Write;

use super::{BoxKind, Diagram, DiagramId, LabelKind};

/// A quoted Mermaid label: entity codes for `" < > & # | ; \``, no control characters.
fn quoted(o: &mut String, lines: &[String]) {
    o.push('"');
    escape_mermaid(o, &lines.join(" "));
    o.push('"');
}

/// Writes `s` with Mermaid entity codes (the ones `quoted` promises).
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
            c if c.is_control() => o.push(' '),
            c => o.push(c),
        }
    }
}

/// Mermaid `flowchart` source for the diagram: boxes as nodes, arrows as edges, headings as
/// subgraphs and notes as free nodes.
pub fn to_mermaid(d: &Diagram) -> String {
    let mut o = String::with_capacity(1024);
    o.push_str(if d.id == DiagramId::ExpandContract {
        "flowchart LR\n"
    } else {
        "flowchart TB\n"
    });
    o.push_str("  %% ");
    escape_mermaid(&mut o, &d.title);
    o.push('\n');
    for (i, b) in d.boxes.iter().enumerate() {
        let (open, close) = match b.kind {
            BoxKind::Store | BoxKind::Warn => ("[(", ")]"),
            BoxKind::Actor => ("([", "])"),
            _ => ("[", "]"),
        };
        let _ = write!(o, "  n{i}{open}");
        quoted(&mut o, &b.lines);
        o.push_str(close);
        if b.kind == BoxKind::Warn {
            o.push_str(":::warn");
        }
        o.push('\n');
    }
    for a in &d.arrows {
        let link = match (a.bidirectional, a.dashed) {
            (true, true) => "<-.->",
            (true, false) => "<-->",
            (false, true) => "-.->",
            (false, false) => "-->",
        };
        let _ = write!(o, "  n{} {link}", a.from);
        if let Some(l) = &a.label {
            o.push('|');
            quoted(&mut o, &l.lines);
            o.push('|');
        }
        let _ = writeln!(o, " n{}", a.to);
    }
    for (i, l) in d.labels.iter().enumerate() {
        if l.members.is_empty() {
            let _ = write!(o, "  l{i}[");
            quoted(&mut o, &l.lines);
            o.push_str(if l.kind == LabelKind::Warn {
                "]:::warn\n"
            } else {
                "]\n"
            });
        } else {
            let _ = write!(o, "  subgraph g{i}[");
            quoted(&mut o, &l.lines);
            o.push_str("]\n");
            for m in &l.members {
                let _ = writeln!(o, "    n{m}");
            }
            o.push_str("  end\n");
        }
    }
    o.push_str("  classDef warn stroke:#b34700,stroke-width:2px\n");
    o
}
