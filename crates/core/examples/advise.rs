//! Prints the recommendation for a set of ticks as plain text, for reviewing the advice without a browser:
//! `cargo run -p strata-core --example advise -- acid,financial,multi-region` (or a preset id).

use strata_core::catalog::Catalog;
use strata_core::engine::{recommend, Card};

fn main() {
    let cat = Catalog::builtin();
    let arg = std::env::args().nth(1).unwrap_or_default();
    let ids: Vec<String> = match cat.preset(&arg) {
        Some(p) => p.requirements.iter().map(|id| id.to_string()).collect(),
        None => arg
            .split(',')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
    };
    let rec = recommend(cat, &ids.iter().cloned().collect());
    println!("ticks: {}\n", ids.join(", "));
    for card in rec.cards() {
        print_card(card);
    }
}

fn print_card(c: &Card) {
    let role = c
        .role
        .map(|r| format!(" [{}]", r.label()))
        .unwrap_or_default();
    let assessed = if c.is_assessed() {
        ""
    } else {
        " (not assessed)"
    };
    println!(
        "{} · {} · {}{role}{assessed}",
        c.section.label(),
        c.title,
        c.verdict.label()
    );
    println!("  {}", c.summary);
    for r in &c.reasons_for {
        println!("  + {}: {}", r.label, r.why);
    }
    for r in &c.reasons_against {
        println!("  - {}: {}", r.label, r.why);
    }
    for n in &c.notes {
        println!("  note: {n}");
    }
    if let Some(q) = &c.quorum {
        println!(
            "  quorum: N={} W={} R={} regions={} local={} latest={} across={}",
            q.copies,
            q.write,
            q.read.map_or("primary".to_string(), |r| r.to_string()),
            q.regions,
            q.local,
            q.reads_see_latest(),
            q.across_regions()
        );
    }
    if let Some(cc) = &c.close_call {
        let by: Vec<String> = cc
            .deciders
            .iter()
            .map(|d| format!("{} {}", d.toggle.label(), d.label))
            .collect();
        println!(
            "  close call vs {} (margin {}): {}",
            cc.rival_title,
            cc.margin,
            by.join("; ")
        );
    }
    if !c.examples.is_empty() {
        println!("  examples: {}", c.examples.join(" | "));
    }
    if !c.resolution.is_empty() {
        println!("  way out: {}", c.resolution);
    }
    let changes: Vec<String> = c
        .would_change
        .iter()
        .map(|w| format!("{} {} → {}", w.toggle.label(), w.label, w.becomes_title))
        .collect();
    if !changes.is_empty() {
        println!("  would change: {}", changes.join("; "));
    }
    println!();
}
