//! The cards' text as people read it (issue 14): trade-offs as gains and costs in sentences, pulls the other way
//! that name the option they favour and never repeat a tick given as a reason, the three changes that matter
//! most before "more", jargon explained on first use, no sentence said twice, no circular reason, help texts
//! that tell near-duplicate ticks apart, and the summary strip. Checked on every preset and on random sets.

use proptest::prelude::*;
use strata_core::card_html::{
    card_body, card_id, glance, sentences, CHANGES_SHOWN, NOT_ASSESSED_ID,
};
use strata_core::catalog::Catalog;
use strata_core::engine::{recommend, Card, Change, Recommendation, Requirements, Section};

fn cat() -> &'static Catalog {
    Catalog::builtin()
}

fn reqs(ids: &[&str]) -> Requirements {
    ids.iter().map(|s| s.to_string()).collect()
}

/// Every preset, and the sets the other tests of the engine lean on.
fn sample_sets() -> Vec<Requirements> {
    let mut sets: Vec<Requirements> = cat()
        .presets
        .iter()
        .map(|p| p.requirements.iter().cloned().collect())
        .collect();
    for ids in [
        &["acid"][..],
        &[
            "acid",
            "flexible-schema",
            "small-team",
            "full-text",
            "time-series",
            "analytics",
        ],
        &[
            "financial",
            "multi-region",
            "local-writes",
            "low-latency",
            "no-data-loss",
        ],
        &[
            "microservices",
            "small-team",
            "audit-trail",
            "simple-access",
            "complex-queries",
        ],
        &[
            "social-feed",
            "shopping-cart",
            "acid",
            "read-heavy",
            "strong-consistency",
        ],
    ] {
        sets.push(reqs(ids));
    }
    sets
}

fn requirement_sets() -> impl Strategy<Value = Requirements> {
    let vocab: Vec<String> = cat().requirements().map(|r| r.id.to_string()).collect();
    proptest::collection::vec(any::<bool>(), vocab.len()).prop_map(move |mask| {
        vocab
            .iter()
            .zip(mask)
            .filter(|(_, on)| *on)
            .map(|(id, _)| id.clone())
            .collect()
    })
}

/// The text a reader sees (tags dropped, a space for each block's edge, entities decoded), the definitions of
/// the popovers included (each a block of its own).
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = rest[at + 1..end].trim_start_matches('/');
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let block = [
            "li", "p", "h4", "dt", "dd", "summary", "ul", "ol", "div", "dl", "details",
        ];
        if block.contains(&name.as_str()) || tag.contains("class=\"gloss\"") {
            out.push(' ');
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// `visible`, with runs of white space made one space.
fn plain(html: &str) -> String {
    visible(html)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The sentences of a text, normalised: split after ". ", ": " is not a split.
fn sentences_of(text: &str) -> Vec<String> {
    text.split(". ")
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .map(|s| s.trim_end_matches('.').to_string())
        .filter(|s| s.split(' ').count() >= 4)
        .collect()
}

/// The `<li>` items of the first element that opens with `open` (e.g. `<ul class="would-change">`).
fn items_of<'h>(html: &'h str, open: &str) -> Vec<&'h str> {
    let Some(start) = html.find(open) else {
        return Vec::new();
    };
    let rest = &html[start + open.len()..];
    let end = rest.find("</ul>").unwrap_or(rest.len());
    rest[..end]
        .split("<li>")
        .skip(1)
        .map(|i| i.trim_end_matches("</li>"))
        .collect()
}

fn check_card(card: &Card, rec: &Recommendation) -> Result<(), String> {
    let html = card_body(card, cat());
    let name = format!("{} {}", card.section.as_str(), card.choice);
    // No sentence twice.
    let said = sentences_of(&visible(&html));
    for (i, s) in said.iter().enumerate() {
        if said[..i].contains(s) {
            return Err(format!("{name}: said twice: {s:?}"));
        }
    }
    // A pull the other way never repeats a tick given as a reason, and names the option it favours.
    for r in &card.reasons_against {
        if card
            .reasons_for
            .iter()
            .any(|f| f.requirement == r.requirement)
        {
            return Err(format!("{name}: {} is both for and against", r.requirement));
        }
    }
    for item in items_of(&html, "<ul class=\"reasons-against\">") {
        let item = plain(&without_gloss(item));
        if !item.contains("favours ") && !item.contains(&format!("against {}", card.title)) {
            return Err(format!(
                "{name}: a pull the other way names no option: {item}"
            ));
        }
    }
    // The changes that matter most, the rest behind "more"; none left out.
    let shown = items_of(&html, "<ul class=\"would-change\">");
    if shown.len() > CHANGES_SHOWN {
        return Err(format!("{name}: {} changes before \"more\"", shown.len()));
    }
    let more = html
        .find("<details class=\"more\">")
        .map(|at| items_of(&html[at..], "<ul class=\"would-change\">"))
        .unwrap_or_default();
    if !more.is_empty() && shown.len() < CHANGES_SHOWN {
        return Err(format!("{name}: \"more\" while fewer than three are shown"));
    }
    for c in &card.would_change {
        if !shown
            .iter()
            .chain(&more)
            .any(|i| plain(&without_gloss(i)).contains(c.label))
        {
            return Err(format!("{name}: the change {} is not shown", c.label));
        }
    }
    // Jargon: each term the card uses is a <dfn> once, at its first use. The link to the catalogue (last) names
    // the card by its title, as the card's head does: a name, not prose to define.
    let prose = html
        .split("<p class=\"card-foot\">")
        .next()
        .unwrap_or_default();
    let text = visible(
        &prose
            .replace("<span class=\"gloss\"", "<x hidden")
            .replace("</span>", "</x>"),
    );
    for (n, g) in cat().glossary.iter().enumerate() {
        let dfns = html
            .matches(&format!("popovertarget=\"g-{}-{n}\"", card_id(card)))
            .count();
        let used = text
            .to_ascii_lowercase()
            .contains(&g.term.to_ascii_lowercase());
        if dfns > 1 || (dfns == 0 && used && uses_term(prose, &g.term)) {
            return Err(format!("{name}: {} used, explained {dfns} times", g.term));
        }
    }
    let _ = rec;
    Ok(())
}

/// The HTML without the glossary's definitions.
fn without_gloss(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("<span class=\"gloss\"") {
        text.push_str(&rest[..at]);
        rest = &rest[at..];
        rest = &rest[rest.find("</span>").map_or(rest.len(), |e| e + 7)..];
    }
    text.push_str(rest);
    text
}

/// Whether `term` occurs as a whole word in the card's own text (not in a definition).
fn uses_term(html: &str, term: &str) -> bool {
    let lower = visible(&without_gloss(html)).to_ascii_lowercase();
    let term = term.to_ascii_lowercase();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    lower.match_indices(&term).any(|(i, _)| {
        let after = lower[i + term.len()..].chars().next();
        let after = if after == Some('s') {
            lower[i + term.len() + 1..].chars().next()
        } else {
            after
        };
        !word(lower[..i].chars().next_back()) && !word(after)
    })
}

fn check(reqs: &Requirements) -> Result<(), String> {
    let rec = recommend(cat(), reqs);
    for card in rec.cards() {
        check_card(card, &rec)?;
    }
    Ok(())
}

#[test]
fn every_card_of_the_presets_and_sample_sets_reads_well() {
    for set in sample_sets() {
        if let Err(e) = check(&set) {
            panic!("{:?}: {e}", set.iter().collect::<Vec<_>>());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn every_card_of_any_set_reads_well(set in requirement_sets()) {
        prop_assert_eq!(check(&set), Ok(()));
    }
}

#[test]
fn every_trade_off_of_the_seed_is_said_as_a_gain_or_a_cost() {
    let c = cat();
    let mut seeds: Vec<&strata_core::catalog::Text> = Vec::new();
    seeds.extend(c.stores.iter().flat_map(|s| &s.trade_offs));
    seeds.extend(
        c.relational_vs_document
            .contrasts
            .iter()
            .flat_map(|x| [&x.relational, &x.document]),
    );
    seeds.extend(c.consistency_models.iter().flat_map(|m| &m.characteristics));
    seeds.extend(c.consistency_levels.iter().flat_map(|l| &l.trade_offs));
    seeds.extend(c.replication_modes.iter().map(|m| &m.trade_off));
    seeds.extend(&c.multi_primary.challenges);
    seeds.extend(
        c.patterns
            .iter()
            .flat_map(|p| p.benefits.iter().chain(p.trade_offs())),
    );
    seeds.extend(c.conflicts.iter().flat_map(|x| &x.trade_offs));
    let missing: Vec<&strata_core::catalog::Text> = seeds
        .into_iter()
        .filter(|s| sentences(c, s).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "trade-offs without sentences: {missing:?}"
    );
    for t in &c.trade_off_sentences {
        for s in [&t.gain, &t.cost].into_iter().filter(|s| !s.is_empty()) {
            assert!(
                s.ends_with('.') && s.starts_with(char::is_uppercase),
                "not a full sentence: {s}"
            );
        }
    }
}

#[test]
fn gains_and_costs_are_shown_apart() {
    let rec = recommend(cat(), &reqs(&["acid", "microservices"]));
    let html = card_body(&rec.primary_store, cat());
    let gains = items_of(&html, "<ul class=\"gains\">");
    let costs = items_of(&html, "<ul class=\"costs\">");
    assert!(
        gains
            .iter()
            .any(|g| g.contains("join, filter and aggregate")),
        "{gains:?}"
    );
    assert!(
        costs.iter().any(|c| c.contains("takes a migration")),
        "{costs:?}"
    );
    assert!(!html.contains("Trade-offs"), "no undivided trade-offs list");
    let dps = rec.pattern("database-per-service").unwrap();
    let html = card_body(dps, cat());
    assert!(items_of(&html, "<ul class=\"gains\">")
        .iter()
        .any(|g| g.contains("independent")));
    assert!(items_of(&html, "<ul class=\"costs\">")
        .iter()
        .any(|c| c.contains("saga")));
}

#[test]
fn the_glossary_explains_the_jargon_the_issue_names() {
    for term in [
        "ACID",
        "OLAP",
        "CQRS",
        "quorum",
        "projection",
        "replication lag",
    ] {
        let g = cat().glossary.iter().find(|g| g.term == term);
        assert!(g.is_some_and(|g| g.definition.len() > 20), "{term}");
    }
    // First use in a card: ACID in the relational card's summary, and only there.
    let rec = recommend(cat(), &reqs(&["acid"]));
    let html = card_body(&rec.primary_store, cat());
    let dfn = html.find("<dfn>").expect("a term is explained");
    assert!(html[dfn..].starts_with("<dfn><button type=\"button\" class=\"term\" popovertarget=\"g-rec-primary-store-relational-0\""));
    assert_eq!(
        html.matches("<dfn>").count(),
        html.matches("class=\"gloss\"").count()
    );
    let summary_end = html.find("</p>").unwrap();
    assert!(
        dfn < summary_end,
        "explained where it is first used: the summary"
    );
}

#[test]
fn pulling_the_other_way_names_the_option_it_favours() {
    let rec = recommend(
        cat(),
        &reqs(&["relationships-matter", "sql-expertise", "local-writes"]),
    );
    let html = card_body(&rec.primary_store, cat());
    let against = items_of(&html, "<ul class=\"reasons-against\">");
    assert!(
        against
            .iter()
            .any(|a| a.contains("Local writes in every region") && a.contains("favours Document")),
        "{against:?}"
    );
    let rec = recommend(cat(), &reqs(&["microservices", "small-team"]));
    let card = rec.pattern("database-per-service").unwrap();
    let html = card_body(card, cat());
    let against = items_of(&html, "<ul class=\"reasons-against\">");
    assert!(
        against
            .iter()
            .any(|a| a.contains("favours Shared database")),
        "{against:?}"
    );
}

#[test]
fn what_would_change_it_groups_ticks_with_the_same_outcome_and_keeps_the_rest_behind_more() {
    // Eventual consistency: any of the four strong use cases would make it strong, said in one line.
    let rec = recommend(
        cat(),
        &reqs(&["social-feed", "logging-metrics", "shopping-cart"]),
    );
    let html = card_body(&rec.consistency, cat());
    let shown = items_of(&html, "<ul class=\"would-change\">");
    assert!(
        shown.iter().any(|l| l
            .contains("Strong consistency</strong>, <strong>Financial transactions")
            && l.ends_with("\u{2192} Strong consistency")),
        "{shown:?}"
    );
    // A card with more than three distinct changes shows three, then "N more". The coherent engine seldom
    // gives a card four outcomes, so this one is the primary-store card with five changes of its own kind.
    let rec = recommend(cat(), &reqs(&["acid", "flexible-schema"]));
    let mut card = rec.primary_store.clone();
    let template = card.would_change.first().cloned().expect("a change");
    let outcomes = ["Document", "Key-value", "Graph", "Time series", "Search"];
    card.would_change = outcomes
        .iter()
        .map(|title| Change {
            becomes_title: title,
            ..template.clone()
        })
        .collect();
    let html = card_body(&card, cat());
    let shown = items_of(&html, "<ul class=\"would-change\">");
    assert_eq!(shown.len(), CHANGES_SHOWN, "{html}");
    let at = html
        .find("<details class=\"more\"><summary>")
        .expect("the rest behind more");
    let rest = items_of(&html[at..], "<ul class=\"would-change\">");
    assert_eq!(rest.len(), outcomes.len() - CHANGES_SHOWN, "{html}");
    assert!(html[at..].starts_with("<details class=\"more\"><summary>2 more</summary>"));
    assert!(rest[1].ends_with("\u{2192} Search"), "{rest:?}");
}

#[test]
fn no_reason_is_circular() {
    for rule in &cat().rules {
        let why = rule.why.to_ascii_lowercase();
        for restated in ["calls for", "call for", "is a reason to", "choose "] {
            assert!(
                !why.contains(restated),
                "only restates the tick: {}",
                rule.why
            );
        }
        let help = cat()
            .requirement(&rule.requirement)
            .map(|r| r.help.as_ref());
        assert_ne!(Some(rule.why.as_ref()), help, "repeats the tick's own help");
    }
    // Nor does a card give its own summary as a reason.
    for set in sample_sets() {
        let rec = recommend(cat(), &set);
        for card in rec.cards() {
            for r in card.reasons_for.iter().chain(&card.reasons_against) {
                assert_ne!(r.why.as_ref(), card.summary, "{}", card.choice);
            }
        }
    }
}

#[test]
fn near_duplicate_ticks_have_help_that_tells_them_apart() {
    let pairs = [
        ("flexible-schema", "schema-evolving"),
        ("schema-evolving", "schema-change"),
        ("key-value", "simple-access"),
        ("graph", "relationships-matter"),
        ("streaming", "logging-metrics"),
        ("acid", "strong-consistency"),
        ("multi-region", "local-writes"),
        ("high-availability", "no-data-loss"),
        ("horizontal-scaling", "read-heavy"),
        ("read-heavy", "scale-reads-writes"),
        ("audit-trail", "rebuild-views"),
        ("microservices", "monolith-transition"),
    ];
    for (a, b) in pairs {
        let (a, b) = (cat().requirement(a).unwrap(), cat().requirement(b).unwrap());
        assert!(
            a.help.contains(&*b.label) || b.help.contains(&*a.label),
            "neither help of {} and {} names the other",
            a.id,
            b.id
        );
        assert_ne!(a.help, b.help);
    }
}

#[test]
fn the_glance_shows_each_decided_part_with_a_link_to_its_card() {
    for set in sample_sets() {
        let rec = recommend(cat(), &set);
        let html = glance(&rec, "");
        for card in rec.cards() {
            let link = format!("<a href=\"#{0}\" data-reveal=\"{0}\">", card_id(card));
            let linked = html.contains(&link);
            let first_conflict = rec.conflicts.first().is_some_and(|c| std::ptr::eq(c, card));
            let shown = card.is_assessed() && (card.section != Section::Conflict || first_conflict);
            assert_eq!(
                linked,
                shown,
                "{} {} in the glance: {html}",
                card.section.as_str(),
                card.choice
            );
        }
        let unassessed = rec.cards().filter(|c| !c.is_assessed()).count();
        assert_eq!(
            html.contains(&format!(
                "data-reveal=\"{NOT_ASSESSED_ID}\">Not assessed: {unassessed}<"
            )),
            unassessed > 0
        );
        if let Some(first) = rec.conflicts.first() {
            assert!(html.contains(&format!(
                "data-reveal=\"{}\">Watch out: {}",
                card_id(first),
                rec.conflicts.len()
            )));
        }
    }
    // A level that follows the default model and replication is a default, not advice: no "Level: QUORUM".
    for ids in [&["relationships-matter"][..], &["full-text", "read-heavy"]] {
        let rec = recommend(cat(), &reqs(ids));
        let html = glance(&rec, "");
        assert!(!html.contains("Level:"), "{ids:?}: {html}");
        assert!(!html.contains("Consistency:") && !html.contains("Replication:"));
        let body = visible(&card_body(&rec.consistency_level, cat()));
        assert!(
            body.contains("No ticked requirement decides the consistency model or the replication yet: this level is the one their defaults imply."),
            "{ids:?}: the level says what it is the default of: {body}"
        );
        assert!(!body.contains("PostgreSQL: synchronous_commit"), "{body}");
    }
    let rec = recommend(cat(), &reqs(&["acid"]));
    assert!(glance(&rec, "").contains("Level:"));
    assert!(glance(&rec, "Orders <billing>")
        .contains("<li class=\"service\">Orders &lt;billing&gt;</li>"));
}

/// Each card's link to the catalogue has a name of its own (its card's title, for screen readers), so a list of
/// the page's links is not the same "Read more in the catalogue" many times over; what it shows stays short.
#[test]
fn each_cards_catalogue_link_has_a_name_of_its_own() {
    for set in sample_sets() {
        let rec = recommend(cat(), &set);
        let mut names: Vec<String> = Vec::new();
        for card in rec.cards().filter(|c| !c.catalog_ref.is_empty()) {
            let html = card_body(card, cat());
            let at = html.find("<p class=\"card-foot\">").expect("a card foot");
            let link = plain(&html[at..]);
            assert_eq!(
                link,
                format!("Read more on “{}” in the catalogue", card.title)
            );
            assert!(
                html[at..].contains("Read more<span class=\"sr-only\">"),
                "the title is for screen readers; the link shows \"Read more in the catalogue\""
            );
            assert!(!names.contains(&link), "{link} twice");
            names.push(link);
        }
        assert!(names.len() > 1);
    }
}
