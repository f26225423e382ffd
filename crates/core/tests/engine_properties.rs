//! Properties of `recommend` over any subset of the vocabulary (plus junk): deterministic, total, complete,
//! every reason is a ticked requirement, every `would_change` entry is true (and none is missing), and the cards
//! form one coherent design (the properties listed in docs/ADVICE.md).

use proptest::prelude::*;
use strata_core::catalog::Catalog;
use strata_core::engine::{
    recommend, Card, Recommendation, Requirements, Section, StoreRole, Toggle, Verdict,
};

fn vocabulary() -> Vec<String> {
    Catalog::builtin()
        .requirements()
        .map(|r| r.id.to_string())
        .collect()
}

fn requirement_sets() -> impl Strategy<Value = Requirements> {
    let vocab = vocabulary();
    let n = vocab.len();
    (
        proptest::collection::vec(any::<bool>(), n),
        proptest::collection::vec(
            prop_oneof![
                "[a-z-]{0,12}",
                Just("ACID".to_string()),
                Just(String::new())
            ],
            0..3,
        ),
    )
        .prop_map(move |(mask, junk)| {
            vocab
                .iter()
                .zip(mask)
                .filter(|(_, on)| *on)
                .map(|(id, _)| id.clone())
                .chain(junk)
                .collect()
        })
}

/// Up to three ticks: sets where often no tick bears on some part (random halves of the vocabulary rarely do).
fn few_ticks() -> impl Strategy<Value = Requirements> {
    proptest::sample::subsequence(vocabulary(), 0..=3).prop_map(|ids| ids.into_iter().collect())
}

fn toggled(reqs: &Requirements, id: &str) -> Requirements {
    let mut r = reqs.clone();
    if !r.remove(id) {
        r.insert(id.to_string());
    }
    r
}

/// The same card (same section, and for multi-card sections the same choice) in another recommendation.
fn counterpart<'a, 'c>(card: &Card, other: &'a Recommendation<'c>) -> Option<&'a Card<'c>> {
    match card.section {
        Section::PrimaryStore => Some(&other.primary_store),
        Section::Consistency => Some(&other.consistency),
        Section::ConsistencyLevel => Some(&other.consistency_level),
        Section::Replication => Some(&other.replication),
        _ => other.find(card.section, card.choice),
    }
}

fn outcome<'a>(card: Option<&'a Card>) -> &'a str {
    card.map_or("absent", Card::outcome)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn deterministic_total_and_complete(reqs in requirement_sets()) {
        let cat = Catalog::builtin();
        let r = recommend(cat, &reqs);
        prop_assert_eq!(&r, &recommend(cat, &reqs));
        prop_assert_eq!(r.patterns.len(), 4);
        prop_assert_eq!(r.checklist.len(), 10);
        let known = reqs.iter().any(|id| cat.requirement(id).is_some());
        prop_assert_eq!(r.neutral, !known);
        prop_assert_eq!(r.hint.is_some(), !known);
        for card in r.cards() {
            prop_assert!(!card.title.is_empty() && !card.choice.is_empty() && !card.summary.is_empty());
            prop_assert!(card.catalog_ref.starts_with("cat-"));
        }
        for section in [Section::Store, Section::Migration, Section::Conflict] {
            let ids: Vec<_> = r.cards().filter(|c| c.section == section).map(|c| &c.choice).collect();
            let mut unique = ids.clone();
            unique.dedup();
            prop_assert_eq!(ids.len(), unique.len());
        }
    }

    #[test]
    fn every_reason_cites_a_ticked_requirement(reqs in requirement_sets()) {
        let r = recommend(Catalog::builtin(), &reqs);
        for card in r.cards() {
            for reason in card.reasons_for.iter().chain(&card.reasons_against) {
                prop_assert!(reqs.contains(reason.requirement), "{} cites unticked {}", card.choice, reason.requirement);
                // A conflict names its ticks without a sentence each (its summary says how they pull apart).
                let explained = card.section == Section::Conflict || !reason.why.is_empty();
                prop_assert!(reason.weight > 0 && explained && !reason.label.is_empty());
            }
        }
    }

    #[test]
    fn every_would_change_really_flips_its_card(reqs in requirement_sets()) {
        let cat = Catalog::builtin();
        let r = recommend(cat, &reqs);
        for card in r.cards() {
            for change in &card.would_change {
                prop_assert_eq!(change.toggle == Toggle::Untick, reqs.contains(change.requirement));
                let after = recommend(cat, &toggled(&reqs, change.requirement));
                prop_assert_eq!(
                    outcome(counterpart(card, &after)),
                    change.becomes,
                    "{} {:?} {}", card.choice, change.toggle, change.requirement
                );
            }
        }
    }

    #[test]
    fn no_flip_is_left_out_of_would_change(reqs in requirement_sets()) {
        let cat = Catalog::builtin();
        let r = recommend(cat, &reqs);
        for id in vocabulary() {
            let after = recommend(cat, &toggled(&reqs, &id));
            for card in r.cards() {
                let then = outcome(counterpart(card, &after));
                if then != card.outcome() {
                    prop_assert!(
                        card.would_change.iter().any(|c| c.requirement == id && c.becomes == then),
                        "{} misses {} -> {}", card.choice, id, then
                    );
                }
            }
        }
    }
}

/// Whether any of `ids` is ticked.
fn ticked_any(reqs: &Requirements, ids: &[&str]) -> bool {
    ids.iter().any(|id| reqs.contains(id))
}

const ANCHORS: &[&str] = &["strong-consistency", "financial", "inventory", "booking"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn strong_consistency_means_reads_see_the_latest_write(reqs in requirement_sets()) {
        let r = recommend(Catalog::builtin(), &reqs);
        let q = r.consistency_level.quorum.expect("the level card has its arithmetic");
        if r.consistency.choice == "strong" {
            prop_assert!(q.reads_see_latest(), "strong with R={:?} W={} N={}", q.read, q.write, q.copies);
            prop_assert!(q.across_regions());
            prop_assert!(r.consistency_level.choice != "one" || q.read.is_none());
        }
    }

    #[test]
    fn multi_primary_is_eventual_or_says_what_is_lost(reqs in requirement_sets()) {
        let r = recommend(Catalog::builtin(), &reqs);
        if r.replication.choice == "multi-primary" {
            prop_assert!(r.consistency.choice == "eventual" || !r.conflicts.is_empty());
            prop_assert!(r.consistency_level.quorum.unwrap().local);
        }
    }

    #[test]
    fn no_data_loss_means_a_confirmed_write_survives_losing_the_primary(reqs in requirement_sets()) {
        let r = recommend(Catalog::builtin(), &reqs);
        if reqs.contains("no-data-loss") {
            prop_assert!(r.consistency_level.quorum.unwrap().survives_primary_loss());
            prop_assert_ne!(r.replication.choice, "primary-replica-async");
        }
    }

    #[test]
    fn high_availability_never_waits_for_every_replica(reqs in requirement_sets()) {
        let r = recommend(Catalog::builtin(), &reqs);
        if reqs.contains("high-availability") {
            prop_assert_ne!(r.consistency_level.choice, "all");
            prop_assert_ne!(r.replication.choice, "primary-replica-sync");
        }
    }

    #[test]
    fn a_strong_consistency_use_case_is_never_silently_outvoted(reqs in requirement_sets()) {
        let r = recommend(Catalog::builtin(), &reqs);
        if ticked_any(&reqs, ANCHORS) {
            prop_assert!(r.consistency.choice == "strong" || !r.conflicts.is_empty());
            prop_assert_ne!(r.replication.choice, "primary-replica-async");
        }
    }

    #[test]
    fn nothing_recommended_is_what_an_avoid_card_warns_against(reqs in requirement_sets()) {
        let cat = Catalog::builtin();
        let r = recommend(cat, &reqs);
        for conflict in &r.conflicts {
            let Some(subject) = cat.conflict(conflict.choice).and_then(|c| c.subject.as_ref()) else {
                continue;
            };
            let offending = r.cards().find(|c| {
                c.section.as_str() == subject.section
                    && c.choice == subject.option
                    && c.verdict == Verdict::Recommended
            });
            prop_assert!(offending.is_none(), "{} recommends what it warns against", conflict.choice);
        }
    }

    #[test]
    fn the_level_follows_from_the_replication(reqs in requirement_sets()) {
        let r = recommend(Catalog::builtin(), &reqs);
        let level = r.consistency_level.choice;
        let allowed: &[&str] = match r.replication.choice {
            "primary-replica-async" => &["one"],
            "primary-replica-semi-sync" => &["quorum"],
            "primary-replica-sync" => &["all"],
            _ => &["local-quorum", "one"],
        };
        prop_assert!(allowed.contains(&level), "{} with {}", level, r.replication.choice);
    }

    /// The level follows from the model and the replication (docs/ADVICE.md, step 4): it is advice exactly
    /// when one of them is, and a default (no reasons, no notes) when both are.
    #[test]
    fn the_level_is_assessed_exactly_when_the_model_or_the_replication_is(
        reqs in prop_oneof![requirement_sets(), few_ticks()]
    ) {
        let r = recommend(Catalog::builtin(), &reqs);
        let level = &r.consistency_level;
        prop_assert_eq!(
            level.is_assessed(),
            r.consistency.is_assessed() || r.replication.is_assessed(),
            "{:?}", reqs
        );
        if !level.is_assessed() {
            prop_assert!(level.reasons_for.is_empty() && level.notes.is_empty());
            prop_assert!(level.quorum.is_some(), "the default keeps its arithmetic");
        }
    }

    #[test]
    fn one_primary_store_and_the_others_labelled(reqs in requirement_sets()) {
        let r = recommend(Catalog::builtin(), &reqs);
        for store in &r.stores {
            prop_assert_ne!(&store.choice, &r.primary_store.choice);
            prop_assert!(store.role.is_some());
            if store.role == Some(StoreRole::Alternative) {
                prop_assert!(store.verdict != Verdict::Recommended);
                prop_assert!(["relational", "document"].contains(&store.choice));
            }
        }
    }

    #[test]
    fn a_close_call_names_a_real_rival_and_its_deciders(reqs in requirement_sets()) {
        let r = recommend(Catalog::builtin(), &reqs);
        for card in r.cards() {
            if let Some(cc) = &card.close_call {
                prop_assert_ne!(&cc.rival, &card.choice);
                for d in &cc.deciders {
                    prop_assert_eq!(&d.becomes, &cc.rival);
                    prop_assert!(card.would_change.contains(d));
                }
            }
        }
    }
}

#[test]
fn a_custom_catalogue_with_changed_weights_changes_the_answer() {
    // An organisation overriding one rule's weight changes the outcome without code changes.
    let mut v = serde_json::to_value(Catalog::builtin()).unwrap();
    let rules = v["rules"].as_array_mut().unwrap();
    let rule = rules
        .iter_mut()
        .find(|r| r["requirement"] == "sql-expertise" && r["section"] == "primary-store")
        .unwrap();
    rule["option"] = "document".into();
    let custom = Catalog::from_json(&v.to_string()).unwrap();
    let reqs: Requirements = ["sql-expertise".to_string()].into();
    assert_eq!(
        recommend(Catalog::builtin(), &reqs).primary_store.choice,
        "relational"
    );
    assert_eq!(recommend(&custom, &reqs).primary_store.choice, "document");
}
