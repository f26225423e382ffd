//! The decision as an Architecture Decision Record in MADR layout, for GitHub and Confluence.
//!
//! Every user-typed or catalogue string goes through [`escape_markdown`] (one line, no HTML, no Markdown
//! syntax); requirement ids go in code spans only when they are plain. The only code fences are the
//! ```` ```mermaid ```` blocks, whose contents `to_mermaid` already escapes (no backticks).
//!
//! A decision of one service is one MADR record. A decision of several has the same sections for all of them
//! (context, drivers, options side by side, the outcome in one table), then a section per service (its
//! outcome, consequences and diagrams) and a "System" section (`system`): how they own and share data.

mod system;

use std::fmt::Write;

use super::embed::markdown_link;
use super::escape::{code_id, escape_markdown as md};
use super::{diagram_input, relevant_diagrams};
use crate::card_html::trade_offs;
use crate::catalog::Catalog;
use crate::decision::Decision;
use crate::diagrams::{clean, layout, to_mermaid, DiagramId, DiagramInput};
use crate::engine::{Card, Reason, Recommendation, Requirements, Section, Verdict};
use crate::system::advise;

/// The ADR for a decision; `link` is the full URL that reopens it (left out when empty).
pub fn adr_markdown(
    catalog: &Catalog,
    decision: &Decision,
    rec: &Recommendation,
    link: &str,
) -> String {
    adr_markdown_with_date(catalog, decision, rec, link, None)
}

/// [`adr_markdown`] with a `Date:` line (e.g. `2025-01-31`) under the status.
pub fn adr_markdown_with_date(
    catalog: &Catalog,
    decision: &Decision,
    rec: &Recommendation,
    link: &str,
    date: Option<&str>,
) -> String {
    let mut o = String::with_capacity(16 * 1024);
    header(&mut o, decision, link, date);
    let advice = advise(catalog, decision);
    if decision.services.len() > 1 {
        system::context(&mut o, catalog, decision);
        system::drivers(&mut o, catalog, decision);
        system::options(&mut o, catalog, decision, &advice);
        system::outcome(&mut o, decision, &advice);
        system::services(&mut o, catalog, decision, &advice);
    } else {
        context(&mut o, catalog, decision, rec);
        drivers(&mut o, catalog, decision);
        options(&mut o, catalog, rec);
        outcome(&mut o, rec);
        consequences(&mut o, catalog, rec, true);
        diagrams(&mut o, decision, rec);
    }
    if advice.is_system() {
        system::system(&mut o, decision, &advice);
    }
    more(&mut o, catalog, decision, rec, link);
    o
}

/// The first service's name, cleaned (empty when unnamed).
/// The replication options as (id, title): the primary-replica modes, then multi-primary.
fn replication_options(catalog: &Catalog) -> impl Iterator<Item = (&str, &str)> + Clone {
    let multi = &catalog.multi_primary;
    catalog
        .replication_modes
        .iter()
        .map(|m| (m.id.as_ref(), m.title.as_ref()))
        .chain([(multi.id.as_ref(), multi.title.as_ref())])
}

/// A service's ticked requirement ids as inline code, or "none".
fn ticked_ids(requirements: &Requirements) -> String {
    if requirements.is_empty() {
        return "none".into();
    }
    let ids: Vec<String> = requirements.iter().map(|id| code_id(id)).collect();
    ids.join(", ")
}

fn first_service(decision: &Decision) -> String {
    decision
        .services
        .first()
        .map(|s| clean(&s.name))
        .unwrap_or_default()
}

fn title(decision: &Decision) -> String {
    let t = clean(&decision.title);
    let service = first_service(decision);
    if !t.is_empty() {
        t
    } else if decision.services.len() > 1 {
        system::title(decision)
    } else if !service.is_empty() {
        format!("Data architecture for {service}")
    } else {
        "Data architecture decision".into()
    }
}

fn header(o: &mut String, decision: &Decision, link: &str, date: Option<&str>) {
    let _ = writeln!(o, "# {}\n", md(&title(decision)));
    o.push_str("* Status: proposed\n");
    if let Some(date) = date.map(clean).filter(|d| !d.is_empty()) {
        let _ = writeln!(o, "* Date: {}", md(&date));
    }
    if !link.trim().is_empty() {
        let _ = writeln!(
            o,
            "* Decision: {}",
            markdown_link(link, "open it in Strata")
        );
    }
    o.push('\n');
}

/// `**Label** (`id`)`, or the escaped id when the catalogue does not know it.
fn requirement_name(catalog: &Catalog, id: &str) -> String {
    match catalog.requirement(id) {
        Some(r) => format!("**{}** ({})", md(&r.label), code_id(id)),
        None => format!("{} (not in the catalogue; ignored)", code_id(id)),
    }
}

fn context(o: &mut String, catalog: &Catalog, decision: &Decision, rec: &Recommendation) {
    o.push_str("## Context and Problem Statement\n\n");
    let service = first_service(decision);
    let subject = if service.is_empty() {
        "this service".to_string()
    } else {
        md(&service)
    };
    let _ = writeln!(
        o,
        "Which primary store, consistency model and level, replication and data patterns should {subject} use?\n"
    );
    let reqs = decision.requirements();
    if rec.neutral {
        o.push_str("Nothing is decided yet: no requirement from the catalogue is ticked.");
        if let Some(hint) = &rec.hint {
            let _ = write!(o, " {}", md(hint));
        }
        o.push_str("\n\n");
    } else {
        o.push_str("What the system needs:\n\n");
        for id in reqs {
            match catalog.requirement(id) {
                Some(r) => {
                    let _ = writeln!(o, "* {}: {}", requirement_name(catalog, id), md(&r.help));
                }
                None => {
                    let _ = writeln!(o, "* {}", requirement_name(catalog, id));
                }
            }
        }
        o.push('\n');
    }
    // One service here (several are `system::context`): its row, when it has a name.
    let name = first_service(decision);
    if !name.is_empty() {
        let ids = ticked_ids(decision.requirements());
        let _ = writeln!(
            o,
            "| Service | Ticked requirements |\n| --- | --- |\n| {} | {ids} |\n",
            md(&name)
        );
    }
}

fn drivers(o: &mut String, catalog: &Catalog, decision: &Decision) {
    o.push_str("## Decision Drivers\n\n");
    let reqs = decision.requirements();
    if reqs.is_empty() {
        o.push_str("None yet: tick what the system needs.\n\n");
        return;
    }
    for id in reqs {
        let _ = writeln!(o, "* {}", requirement_name(catalog, id));
    }
    o.push('\n');
}

/// One row per option: `| Option | Outcome |`.
fn table(o: &mut String, heading: &str, rows: &[(String, String)]) {
    let _ = writeln!(o, "### {heading}\n\n| Option | Outcome |\n| --- | --- |");
    for (option, outcome) in rows {
        let _ = writeln!(o, "| {} | {outcome} |", md(option));
    }
    o.push('\n');
}

/// Whether a card shows the catalogue's default: no tick pulled it either way (a note may still say why the
/// default stands, as the primary store's does for a service that needs none).
fn by_default(card: &Card) -> bool {
    card.reasons_for.is_empty() && card.reasons_against.is_empty()
}

/// The rows of one choice: the chosen card's option is "**Chosen**", or "Default" when no tick decided it.
fn choice_rows<'a>(
    rec: &Recommendation,
    chosen: &Card,
    options: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<(String, String)> {
    options
        .map(|(id, title)| {
            let outcome = match (id == chosen.choice, rec.neutral) {
                (true, true) => "Default (nothing ticked)",
                (true, false) if by_default(chosen) => "Default",
                (true, false) => "**Chosen**",
                (false, _) => "Not chosen",
            };
            (title.to_string(), outcome.to_string())
        })
        .collect()
}

/// A pattern's cell: its verdict (in bold when recommended), or "Not assessed" when no tick bore on it (the
/// catalogue's "acceptable" is then no judgement).
fn pattern_cell(rec: &Recommendation, card: &Card) -> String {
    if !rec.neutral && !card.is_assessed() {
        return "Not assessed".into();
    }
    if card.verdict == Verdict::Recommended && !rec.neutral {
        format!("**{}**", card.verdict.label())
    } else {
        card.verdict.label().to_string()
    }
}

fn options(o: &mut String, catalog: &Catalog, rec: &Recommendation) {
    o.push_str("## Considered Options\n\n");
    let primary = catalog
        .scoring
        .primary_store
        .iter()
        .filter_map(|id| catalog.store(id))
        .map(|s| (s.id.as_ref(), s.title.as_ref()));
    table(
        o,
        Section::PrimaryStore.label(),
        &choice_rows(rec, &rec.primary_store, primary),
    );
    let models = catalog
        .consistency_models
        .iter()
        .map(|m| (m.id.as_ref(), m.title.as_ref()));
    table(
        o,
        Section::Consistency.label(),
        &choice_rows(rec, &rec.consistency, models),
    );
    let levels = catalog
        .consistency_levels
        .iter()
        .map(|l| (l.id.as_ref(), l.title.as_ref()));
    table(
        o,
        Section::ConsistencyLevel.label(),
        &choice_rows(rec, &rec.consistency_level, levels),
    );
    let modes = replication_options(catalog);
    table(
        o,
        Section::Replication.label(),
        &choice_rows(rec, &rec.replication, modes),
    );
    let patterns: Vec<(String, String)> = rec
        .patterns
        .iter()
        .map(|c| (c.title.to_string(), pattern_cell(rec, c)))
        .collect();
    table(o, "Data patterns", &patterns);
    let migrations: Vec<(String, String)> = catalog
        .migrations
        .iter()
        .map(|m| {
            let shown = rec.migrations.iter().any(|c| c.choice == m.id);
            let outcome = if shown {
                "**Recommended**"
            } else {
                "Not needed"
            };
            (m.title.to_string(), outcome.to_string())
        })
        .collect();
    table(o, "Migrations", &migrations);
}

fn reason_line(o: &mut String, r: &Reason) {
    let _ = writeln!(
        o,
        "* **{}** ({}): {}",
        md(r.label),
        code_id(r.requirement),
        md(&r.why)
    );
}

/// An example system, with its organisation status if it has one ("MongoDB (hold)").
fn example(card: &Card, name: &str) -> String {
    match card
        .systems
        .iter()
        .find(|s| s.name == name)
        .and_then(|s| s.status)
    {
        Some(status) => format!("{} ({})", md(name), status.as_str()),
        None => md(name),
    }
}

/// The "Chosen option" paragraph of one card, with its reasons, steps and what would change it.
fn chosen(o: &mut String, heading: &str, card: &Card, lead: &str) {
    let default = if by_default(card) && lead == "Chosen option" {
        " (the default)"
    } else {
        ""
    };
    let _ = writeln!(o, "### {heading}: {}{default}\n", md(card.title));
    let _ = write!(o, "{lead}: \"{}\"", md(card.title));
    if !card.examples.is_empty() {
        let examples: Vec<String> = card.examples.iter().map(|e| example(card, e)).collect();
        let _ = write!(o, " (e.g. {})", examples.join(", "));
    }
    if card.reasons_for.is_empty() {
        o.push_str(", because it is the default: no ticked requirement decides this yet.\n\n");
    } else {
        o.push_str(", because:\n\n");
        for r in &card.reasons_for {
            reason_line(o, r);
        }
        o.push('\n');
    }
    let _ = writeln!(o, "{}\n", md(card.summary));
    if let Some(cc) = &card.close_call {
        let how = if cc.margin == 0 {
            "tied with it; the catalogue's default decided".to_string()
        } else {
            format!("came within {}", cc.margin)
        };
        let _ = writeln!(o, "Close call: {} {how}.\n", md(cc.rival_title));
    }
    if let Some(q) = &card.quorum {
        quorum_lines(o, q);
    }
    for note in &card.notes {
        let _ = writeln!(o, "* Note: {}", md(note));
    }
    if !card.notes.is_empty() {
        o.push('\n');
    }
    if !card.reasons_against.is_empty() {
        o.push_str("Pulling the other way:\n\n");
        for r in &card.reasons_against {
            reason_line(o, r);
        }
        o.push('\n');
    }
    if !card.steps.is_empty() {
        for (i, step) in card.steps.iter().enumerate() {
            let _ = writeln!(o, "{}. {}", i + 1, md(step));
        }
        o.push('\n');
    }
    if !card.would_change.is_empty() {
        o.push_str("What would change it:\n\n");
        for c in &card.would_change {
            let _ = writeln!(
                o,
                "* {} **{}** ({}) → {}",
                c.toggle.label(),
                md(c.label),
                code_id(c.requirement),
                md(c.becomes_title)
            );
        }
        o.push('\n');
    }
}

fn outcome(o: &mut String, rec: &Recommendation) {
    o.push_str("## Decision Outcome\n\n");
    outcome_cards(o, rec, true);
}

/// Each chosen option with its reasons, and each rejected pattern, under `###` headings.
/// `runs_primary`: as for `consequences`; a service of read models only is given its stores, not the default
/// primary store, consistency and replication of data it does not have.
fn outcome_cards(o: &mut String, rec: &Recommendation, runs_primary: bool) {
    if rec.neutral {
        o.push_str("Nothing is decided yet: tick the requirements of the system to get a recommendation.\n\n");
        return;
    }
    let primary = [&rec.primary_store].into_iter().filter(|_| runs_primary);
    let model = [&rec.consistency, &rec.consistency_level, &rec.replication];
    let parts = primary
        .chain(&rec.stores)
        .chain(model.into_iter().filter(|_| runs_primary));
    for card in parts {
        let heading = match card.section {
            Section::Store => "Also use",
            s => s.label(),
        };
        chosen(o, heading, card, "Chosen option");
    }
    for card in &rec.patterns {
        match card.verdict {
            Verdict::Recommended => chosen(o, "Data pattern", card, "Chosen option"),
            Verdict::Avoid => chosen(o, "Avoid", card, "Rejected option"),
            Verdict::Acceptable => {}
        }
    }
    for card in &rec.migrations {
        chosen(o, "Migration", card, "Chosen option");
    }
}

/// The replica arithmetic of a consistency level, as a short list.
fn quorum_lines(o: &mut String, q: &crate::engine::Quorum) {
    let scope = if q.local { " in each region" } else { "" };
    let _ = writeln!(o, "* N = {}: copies of each record{scope}", q.copies);
    let _ = writeln!(
        o,
        "* W = {}: copies that have a write before it is confirmed",
        q.write
    );
    match q.read {
        None => o.push_str("* R: reads go to the primary, which holds every confirmed write\n"),
        Some(r) => {
            let _ = writeln!(o, "* R = {r}: copies a read asks");
        }
    }
    let latest = match (q.read, q.reads_see_latest(), q.local && q.regions > 1) {
        (None, _, _) => "yes, at the primary",
        (Some(_), true, true) => "yes, within a region (R + W > N there); not across regions",
        (Some(_), true, false) => "yes (R + W > N)",
        (Some(_), false, _) => "no: R + W is not more than N",
    };
    let _ = writeln!(o, "* Reads see the latest write: {latest}\n");
}

/// The consequences of some trade-offs, MADR's good and bad, each line a sentence the catalogue writes for
/// people ("* Good: Semi-sync is the balance: …", "* Bad: Semi-sync adds a round trip …"); a trade-off that
/// gains and costs says both. A sentence already said (by another card) is not said again.
fn good_and_bad<'c>(
    o: &mut String,
    said: &mut Vec<&'c str>,
    (gains, costs): (Vec<&'c str>, Vec<&'c str>),
) {
    let gains = gains.into_iter().map(|g| ("Good", g));
    for (sign, sentence) in gains.chain(costs.into_iter().map(|c| ("Bad", c))) {
        if said.contains(&sentence) {
            continue;
        }
        said.push(sentence);
        let sentence = md(sentence);
        let stop = if sentence.ends_with(['.', '!', '?']) {
            ""
        } else {
            "."
        };
        let _ = writeln!(o, "* {sign}: {sentence}{stop}");
    }
}

/// `runs_primary`: false for a service that keeps only read models, whose primary store, consistency and
/// replication are the catalogue's defaults for data it does not have: their consequences are not its own.
fn consequences(o: &mut String, cat: &Catalog, rec: &Recommendation, runs_primary: bool) {
    o.push_str("### Consequences\n\n");
    if rec.neutral {
        o.push_str("None yet: nothing is decided.\n\n");
        return;
    }
    let mut said: Vec<&str> = Vec::new();
    for c in &rec.conflicts {
        let _ = writeln!(o, "> **Conflict: {}.** {}\n", md(c.title), md(c.summary));
        let _ = writeln!(o, "Way out: {}\n", md(c.resolution));
        let mut one = Vec::new();
        good_and_bad(o, &mut one, trade_offs(c, cat));
        o.push('\n');
    }
    if !runs_primary {
        o.push_str("* Its read models follow the owners' events: they are eventually consistent with them, and are rebuilt from the events if lost (see System).\n");
    }
    let primary = [&rec.primary_store].into_iter().filter(|_| runs_primary);
    let model = [&rec.consistency, &rec.consistency_level, &rec.replication];
    let chosen = primary
        .chain(&rec.stores)
        .chain(model.into_iter().filter(|_| runs_primary))
        .chain(
            rec.patterns
                .iter()
                .filter(|c| c.verdict == Verdict::Recommended),
        )
        .chain(&rec.migrations);
    for card in chosen {
        good_and_bad(o, &mut said, trade_offs(card, cat));
    }
    o.push('\n');
}

fn diagrams(o: &mut String, decision: &Decision, rec: &Recommendation) {
    o.push_str("## Diagrams\n\n");
    let ids = relevant_diagrams(rec);
    if ids.is_empty() {
        o.push_str("None yet: nothing is decided.\n\n");
        return;
    }
    diagram_blocks(o, &diagram_input(decision, 0, rec), &ids);
}

/// Each diagram under a `###` heading: its Mermaid block and its text version.
fn diagram_blocks(o: &mut String, input: &DiagramInput, ids: &[DiagramId]) {
    for &id in ids {
        let d = layout(id, input);
        let _ = writeln!(o, "### {}\n", md(&d.title));
        let _ = writeln!(o, "```mermaid\n{}```\n", to_mermaid(&d));
        for sentence in &d.text_alternative {
            let _ = writeln!(o, "* {}", md(sentence));
        }
        o.push('\n');
    }
}

fn more(o: &mut String, catalog: &Catalog, decision: &Decision, rec: &Recommendation, link: &str) {
    o.push_str("## More Information\n\n");
    if !link.trim().is_empty() {
        let _ = writeln!(
            o,
            "Open, review or change this decision: {}\n",
            markdown_link(link, &title(decision))
        );
    }
    // Several services: each one's checklist and the system's are answered under System.
    let several = decision.services.len() > 1;
    let items = if several { &[][..] } else { &rec.checklist[..] };
    o.push_str(if several {
        "The checklist is answered for each service and for the system under System.\n"
    } else {
        "Checklist:\n\n"
    });
    for item in items {
        let ticked = decision
            .checklist
            .get(item.id)
            .copied()
            .unwrap_or(item.answer.is_some());
        let _ = write!(
            o,
            "* [{}] {}",
            if ticked { 'x' } else { ' ' },
            md(item.question)
        );
        if let Some(answer) = &item.answer {
            let _ = write!(o, " — {}", md(answer));
        }
        o.push('\n');
    }
    let _ = write!(
        o,
        "\nGenerated by Strata from catalogue version {}",
        catalog.version
    );
    if !catalog.reviewed.is_empty() {
        let _ = write!(o, " (reviewed {})", md(&catalog.reviewed));
    }
    if let Some(org) = &catalog.organisation {
        let _ = write!(o, " with the organisation catalogue {}", md(&org.name));
        if !org.version.is_empty() {
            let _ = write!(o, " version {}", md(&org.version));
        }
        let _ = write!(o, " (reviewed {})", md(&org.reviewed));
    }
    o.push_str(".\n");
}
