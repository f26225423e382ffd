//! The catalogue browser as HTML: every section of the seed, readable without ticking anything, with a table of
//! contents, each entry with the `cat-<id>` anchor that cards link to and, where the seed has one, a slot for its
//! diagram. All text is escaped here. The build makes it a page of its own (`catalogue.html`, which the app
//! loads into its page on demand) and puts it inline into the offline file.

use crate::catalog::{anchor, Catalog, Text};
use crate::diagrams::{diagram_for_choice, DiagramId};
use crate::export::escape_html as esc;

/// The whole catalogue section's inner HTML.
pub fn catalogue_html() -> String {
    let c = Catalog::builtin();
    let mut w = Writer::default();
    decision_matrix(&mut w, c);
    relational_vs_document(&mut w, c);
    consistency(&mut w, c);
    w.o.push_str("<div class=\"columns\">");
    for p in &c.patterns {
        w.entry(&p.id, &p.title, |o| {
            para(o, &p.summary);
            items(o, "Rules", &p.rules);
            items(o, "Benefits", &p.benefits);
            items(o, "Challenges", &p.challenges);
            items(o, "Problems", &p.problems);
            items(o, "When it's OK", &p.when_ok);
            items(o, "Complexity", &p.complexity);
        });
    }
    w.o.push_str("</div>");
    replication(&mut w, c);
    // One above the other: their diagrams are the widest.
    for m in &c.migrations {
        w.entry(&m.id, &m.title, |o| {
            para(o, &m.summary);
            list(o, "ol", &m.steps);
        });
    }
    let scope = |s: &str| -> Vec<Text> {
        c.checklist
            .iter()
            .filter(|i| i.scope == s)
            .map(|i| i.question.clone())
            .collect()
    };
    w.entry("checklist", "Data architecture checklist", |o| {
        o.push_str("<div class=\"columns\"><div>");
        items(o, "For each service", &scope("service"));
        o.push_str("</div><div>");
        items(o, "For the system", &scope("system"));
        o.push_str("</div></div>");
    });
    let group = "Needs that pull against each other";
    w.o.push_str(&format!(
        "<h3 class=\"group-title\" id=\"cat-conflicts\" tabindex=\"-1\">{}</h3><div class=\"columns\">",
        esc(group)
    ));
    w.contents.push(Contents {
        id: "cat-conflicts".into(),
        title: group.into(),
        group: true,
    });
    for k in &c.conflicts {
        w.entry(&k.id, &k.title, |o| {
            para(o, &k.summary);
            items(o, "Trade-offs", &k.trade_offs);
        });
    }
    w.o.push_str("</div>");
    w.finish()
}

/// One line of the table of contents: an entry, or a group title whose entries follow.
struct Contents {
    id: String,
    title: String,
    group: bool,
}

/// The catalogue's entries as they are written, and its table of contents.
#[derive(Default)]
struct Writer {
    o: String,
    contents: Vec<Contents>,
}

impl Writer {
    /// A titled entry with its anchor and, when the seed draws one, its diagram's slot.
    fn entry(&mut self, id: &str, title: &str, body: impl FnOnce(&mut String)) {
        let a = anchor(id);
        self.o.push_str(&format!(
            "<section class=\"panel entry\" id=\"{a}\" tabindex=\"-1\" aria-labelledby=\"{a}-h\"><h3 id=\"{a}-h\">{}</h3>",
            esc(title)
        ));
        body(&mut self.o);
        if let Some(d) = diagram_for_choice(id).or_else(|| DiagramId::parse(id)) {
            self.o.push_str(&figure_slot(d, ""));
        }
        self.o.push_str("</section>");
        self.contents.push(Contents {
            id: a,
            title: title.into(),
            group: false,
        });
    }

    /// Heading, introduction and table of contents, then the entries. The contents' links name their target
    /// in `data-reveal` too: in the app, following them must not touch the fragment, which holds the decision.
    fn finish(self) -> String {
        let mut o = String::with_capacity(self.o.len() + 4096);
        o.push_str("<h2 id=\"catalogue-title\">The catalogue</h2><p>Everything the recommendations draw on, readable on its own.</p>");
        o.push_str("<nav class=\"toc panel\" aria-labelledby=\"catalogue-toc\"><h3 id=\"catalogue-toc\">Contents</h3><ol>");
        let mut in_group = false;
        for c in &self.contents {
            let link = format!(
                "<a href=\"#{0}\" data-reveal=\"{0}\">{1}</a>",
                c.id,
                esc(&c.title)
            );
            if c.group {
                o.push_str(&format!("<li>{link}<ol>"));
                in_group = true;
            } else {
                o.push_str(&format!("<li>{link}</li>"));
            }
        }
        if in_group {
            o.push_str("</ol></li>");
        }
        o.push_str("</ol></nav>");
        o.push_str(&self.o);
        o
    }
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

fn decision_matrix(w: &mut Writer, c: &Catalog) {
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
    w.entry("decision-matrix", "Storage decision matrix", |o| {
        table(
            o,
            "Storage decision matrix",
            &["Need", "Consider", "Examples"],
            &rows,
        )
    });
}

fn relational_vs_document(w: &mut Writer, c: &Catalog) {
    let r = &c.relational_vs_document;
    let rows: Vec<_> = r
        .contrasts
        .iter()
        .map(|k| (None, vec![k.relational.clone(), k.document.clone()]))
        .collect();
    w.entry(&r.id, &r.title, |o| {
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

fn consistency(w: &mut Writer, c: &Catalog) {
    w.o.push_str("<div class=\"columns\">");
    for m in &c.consistency_models {
        w.entry(&m.id, &m.title, |o| {
            para(o, &m.summary);
            items(o, "Characteristics", &m.characteristics);
            items(o, "Use when", &m.use_when);
        });
    }
    w.o.push_str("</div>");
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
    w.entry(
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

fn replication(w: &mut Writer, c: &Catalog) {
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
    w.o.push_str("<div class=\"columns\">");
    w.entry(&pr.id, &pr.title, |o| {
        para(o, &pr.summary);
        table(
            o,
            "Replication modes",
            &["Mode", "Description", "Trade-off"],
            &rows,
        );
    });
    let mp = &c.multi_primary;
    w.entry(&mp.id, &mp.title, |o| {
        para(o, &mp.summary);
        items(o, "Challenges", &mp.challenges);
        items(o, "Use when", &mp.use_when);
    });
    w.o.push_str("</div>");
}
