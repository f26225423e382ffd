//! The catalogue browser as HTML: every section of the seed, readable without ticking anything, each entry
//! with the `cat-<id>` anchor that cards link to and, where the seed has one, its diagram drawn with the seed's
//! own example names. All text is escaped here; the build puts the result into `index.html` as is.

use crate::catalog::{anchor, Catalog, Text};
use crate::diagrams::{diagram_for_choice, DiagramId};
use crate::export::escape_html as esc;

/// The whole catalogue section's inner HTML.
pub fn catalogue_html() -> String {
    let c = Catalog::builtin();
    let mut o = String::with_capacity(64 * 1024);
    o.push_str("<h2 id=\"catalogue-title\">The catalogue</h2><p>Everything the recommendations draw on, readable on its own.</p>");
    decision_matrix(&mut o, c);
    relational_vs_document(&mut o, c);
    consistency(&mut o, c);
    o.push_str("<div class=\"columns\">");
    for p in &c.patterns {
        entry(&mut o, &p.id, &p.title, |o| {
            para(o, &p.summary);
            items(o, "Rules", &p.rules);
            items(o, "Benefits", &p.benefits);
            items(o, "Challenges", &p.challenges);
            items(o, "Problems", &p.problems);
            items(o, "When it's OK", &p.when_ok);
            items(o, "Complexity", &p.complexity);
        });
    }
    o.push_str("</div>");
    replication(&mut o, c);
    o.push_str("<div class=\"columns\">");
    for m in &c.migrations {
        entry(&mut o, &m.id, &m.title, |o| {
            para(o, &m.summary);
            list(o, "ol", &m.steps);
        });
    }
    o.push_str("</div>");
    let scope = |s: &str| -> Vec<Text> {
        c.checklist
            .iter()
            .filter(|i| i.scope == s)
            .map(|i| i.question.clone())
            .collect()
    };
    entry(&mut o, "checklist", "Data architecture checklist", |o| {
        o.push_str("<div class=\"columns\"><div>");
        items(o, "For each service", &scope("service"));
        o.push_str("</div><div>");
        items(o, "For the system", &scope("system"));
        o.push_str("</div></div>");
    });
    o.push_str(
        "<h3 class=\"group-title\">Needs that pull against each other</h3><div class=\"columns\">",
    );
    for k in &c.conflicts {
        entry(&mut o, &k.id, &k.title, |o| {
            para(o, &k.summary);
            items(o, "Trade-offs", &k.trade_offs);
        });
    }
    o.push_str("</div>");
    o
}

/// A titled entry with its anchor and, when the seed draws one, its diagram.
fn entry(o: &mut String, id: &str, title: &str, body: impl FnOnce(&mut String)) {
    let a = anchor(id);
    o.push_str(&format!(
        "<section class=\"panel entry\" id=\"{a}\" tabindex=\"-1\" aria-labelledby=\"{a}-h\"><h3 id=\"{a}-h\">{}</h3>",
        esc(title)
    ));
    body(o);
    if let Some(d) = diagram_for_choice(id).or_else(|| DiagramId::parse(id)) {
        figure(o, d);
    }
    o.push_str("</section>");
}

/// Marks the element a diagram component is mounted into (see [`FIGURE_SLOT`]).
pub const FIGURE_SLOT: &str = "data-figure-slot";

/// A slot naming its diagram, holding `inner`. The catalogue has empty ones; the build prerenders the app's
/// figure component into them (the same markup as a card's figure), and the app mounts that component there,
/// which draws the diagram once it comes near the viewport.
pub fn figure_slot(d: DiagramId, inner: &str) -> String {
    format!(
        "<div class=\"figure-slot\" {FIGURE_SLOT}=\"{}\">{inner}</div>",
        d.as_str()
    )
}

fn figure(o: &mut String, d: DiagramId) {
    o.push_str(&figure_slot(d, ""));
}

fn para(o: &mut String, text: &str) {
    o.push_str("<p>");
    o.push_str(&esc(text));
    o.push_str("</p>");
}

fn list(o: &mut String, tag: &str, texts: &[Text]) {
    o.push_str(&format!("<{tag}>"));
    for t in texts {
        o.push_str("<li>");
        o.push_str(&esc(t));
        o.push_str("</li>");
    }
    o.push_str(&format!("</{tag}>"));
}

fn items(o: &mut String, heading: &str, texts: &[Text]) {
    if texts.is_empty() {
        return;
    }
    o.push_str(&format!("<h4>{}</h4>", esc(heading)));
    list(o, "ul", texts);
}

/// A table; the first cell of each row is its header, and rows may carry an anchor id.
fn table(o: &mut String, caption: &str, head: &[&str], rows: &[(Option<Text>, Vec<Text>)]) {
    o.push_str(&format!(
        "<div class=\"table-wrap\"><table><caption class=\"sr-only\">{}</caption><thead><tr>",
        esc(caption)
    ));
    for h in head {
        o.push_str(&format!("<th scope=\"col\">{}</th>", esc(h)));
    }
    o.push_str("</tr></thead><tbody>");
    for (id, cells) in rows {
        match id {
            Some(id) => o.push_str(&format!("<tr id=\"{}\" tabindex=\"-1\">", anchor(id))),
            None => o.push_str("<tr>"),
        }
        for (i, cell) in cells.iter().enumerate() {
            let tag = if i == 0 { "th scope=\"row\"" } else { "td" };
            o.push_str(&format!("<{tag}>{}</{}>", esc(cell), &tag[..2]));
        }
        o.push_str("</tr>");
    }
    o.push_str("</tbody></table></div>");
}

fn decision_matrix(o: &mut String, c: &Catalog) {
    let rows: Vec<_> = c
        .stores
        .iter()
        .map(|s| {
            (
                Some(s.id.clone()),
                vec![
                    s.need.clone(),
                    s.title.clone(),
                    s.examples.join(", ").into(),
                ],
            )
        })
        .collect();
    entry(o, "decision-matrix", "Storage decision matrix", |o| {
        table(
            o,
            "Storage decision matrix",
            &["Need", "Consider", "Examples"],
            &rows,
        )
    });
}

fn relational_vs_document(o: &mut String, c: &Catalog) {
    let r = &c.relational_vs_document;
    let rows: Vec<_> = r
        .contrasts
        .iter()
        .map(|k| (None, vec![k.relational.clone(), k.document.clone()]))
        .collect();
    entry(o, &r.id, &r.title, |o| {
        para(o, &r.summary);
        table(
            o,
            &r.title,
            &[&r.relational_title, &r.document_title],
            &rows,
        );
        o.push_str("<div class=\"columns\"><div>");
        items(o, "Choose relational when", &r.choose_relational);
        o.push_str("</div><div>");
        items(o, "Choose document when", &r.choose_document);
        o.push_str("</div></div>");
    });
}

fn consistency(o: &mut String, c: &Catalog) {
    o.push_str("<div class=\"columns\">");
    for m in &c.consistency_models {
        entry(o, &m.id, &m.title, |o| {
            para(o, &m.summary);
            items(o, "Characteristics", &m.characteristics);
            items(o, "Use when", &m.use_when);
        });
    }
    o.push_str("</div>");
    let rows: Vec<_> = c
        .consistency_levels
        .iter()
        .map(|l| {
            (
                Some(l.id.clone()),
                vec![l.title.clone(), l.meaning.clone(), l.use_case.clone()],
            )
        })
        .collect();
    entry(
        o,
        "consistency-levels",
        "Consistency levels (Cassandra example)",
        |o| {
            table(
                o,
                "Consistency levels",
                &["Level", "Meaning", "Use case"],
                &rows,
            )
        },
    );
}

fn replication(o: &mut String, c: &Catalog) {
    let pr = &c.primary_replica;
    let rows: Vec<_> = c
        .replication_modes
        .iter()
        .map(|m| {
            (
                Some(m.id.clone()),
                vec![m.title.clone(), m.description.clone(), m.trade_off.clone()],
            )
        })
        .collect();
    o.push_str("<div class=\"columns\">");
    entry(o, &pr.id, &pr.title, |o| {
        para(o, &pr.summary);
        table(
            o,
            "Replication modes",
            &["Mode", "Description", "Trade-off"],
            &rows,
        );
    });
    let mp = &c.multi_primary;
    entry(o, &mp.id, &mp.title, |o| {
        para(o, &mp.summary);
        items(o, "Challenges", &mp.challenges);
        items(o, "Use when", &mp.use_when);
    });
    o.push_str("</div>");
}
