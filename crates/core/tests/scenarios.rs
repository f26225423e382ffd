//! Realistic systems and the verdicts the seed implies for them, with the reasons a user should see.

use strata_core::catalog::Catalog;
use strata_core::engine::{recommend, Recommendation, Requirements, Section, Verdict};

struct Scenario {
    name: &'static str,
    reqs: &'static [&'static str],
    primary: &'static str,
    consistency: &'static str,
    level: &'static str,
    replication: &'static str,
    /// Exactly the extra store cards, in catalogue order.
    stores: &'static [&'static str],
    /// Pattern verdicts that must hold (others unchecked).
    patterns: &'static [(&'static str, Verdict)],
    migrations: &'static [&'static str],
    /// Exactly these conflicts.
    conflicts: &'static [&'static str],
    /// (section, requirement) that must be among that card's `reasons_for`.
    reasons: &'static [(Section, &'static str)],
}

use Verdict::{Acceptable, Avoid, Recommended};

const SCENARIOS: &[Scenario] = &[
    Scenario {
        name: "payments ledger",
        reqs: &[
            "acid",
            "financial",
            "strong-consistency",
            "no-data-loss",
            "audit-trail",
            "relationships-matter",
            "complex-queries",
            "sql-expertise",
        ],
        primary: "relational",
        consistency: "strong",
        level: "all",
        replication: "primary-replica-sync",
        stores: &[],
        patterns: &[
            ("cqrs-event-sourcing", Acceptable),
            ("shared-database", Acceptable),
        ],
        migrations: &[],
        conflicts: &[],
        reasons: &[
            (Section::PrimaryStore, "acid"),
            (Section::Consistency, "financial"),
            (Section::Replication, "no-data-loss"),
            (Section::ConsistencyLevel, "no-data-loss"),
        ],
    },
    Scenario {
        name: "social feed",
        reqs: &[
            "social-feed",
            "flexible-schema",
            "key-value",
            "horizontal-scaling",
            "read-heavy",
            "high-availability",
            "low-latency",
        ],
        primary: "document",
        consistency: "eventual",
        level: "one",
        replication: "primary-replica-async",
        stores: &["key-value"],
        patterns: &[],
        migrations: &[],
        conflicts: &[],
        reasons: &[
            (Section::Consistency, "social-feed"),
            (Section::PrimaryStore, "flexible-schema"),
        ],
    },
    Scenario {
        name: "IoT metrics",
        reqs: &[
            "time-series",
            "streaming",
            "logging-metrics",
            "analytics",
            "horizontal-scaling",
            "high-availability",
        ],
        primary: "document",
        consistency: "eventual",
        level: "one",
        replication: "primary-replica-async",
        stores: &["time-series", "columnar", "log"],
        patterns: &[],
        migrations: &[],
        conflicts: &[],
        reasons: &[
            (Section::ConsistencyLevel, "logging-metrics"),
            (Section::Store, "time-series"),
        ],
    },
    Scenario {
        name: "multi-region SaaS with local writes",
        reqs: &[
            "multi-region",
            "local-writes",
            "high-availability",
            "low-latency",
            "microservices",
            "relationships-matter",
            "sql-expertise",
        ],
        primary: "relational",
        consistency: "eventual",
        level: "local-quorum",
        replication: "multi-primary",
        stores: &[],
        patterns: &[
            ("database-per-service", Recommended),
            ("single-source-of-truth", Recommended),
            ("shared-database", Avoid),
        ],
        migrations: &[],
        conflicts: &[],
        reasons: &[
            (Section::Replication, "local-writes"),
            (Section::ConsistencyLevel, "multi-region"),
        ],
    },
    Scenario {
        name: "multi-region SaaS that also wants strong consistency",
        reqs: &[
            "multi-region",
            "local-writes",
            "high-availability",
            "low-latency",
            "strong-consistency",
        ],
        primary: "relational",
        consistency: "eventual",
        level: "local-quorum",
        replication: "multi-primary",
        stores: &[],
        patterns: &[],
        migrations: &[],
        conflicts: &[
            "conflict-strong-local-writes-latency",
            "conflict-strong-multi-primary",
        ],
        reasons: &[
            (Section::Conflict, "strong-consistency"),
            (Section::Conflict, "local-writes"),
        ],
    },
    Scenario {
        name: "product search",
        reqs: &[
            "full-text",
            "flexible-schema",
            "hierarchical",
            "blobs",
            "read-heavy",
            "low-latency",
        ],
        primary: "document",
        consistency: "eventual",
        level: "one",
        replication: "primary-replica-async",
        stores: &["search", "object-store"],
        patterns: &[],
        migrations: &[],
        conflicts: &[],
        reasons: &[
            (Section::Store, "full-text"),
            (Section::PrimaryStore, "hierarchical"),
        ],
    },
    Scenario {
        name: "monolith being split",
        reqs: &[
            "microservices",
            "monolith-transition",
            "acid",
            "relationships-matter",
            "sql-expertise",
            "schema-change",
            "switch-database",
        ],
        primary: "relational",
        consistency: "strong",
        level: "quorum",
        replication: "primary-replica-semi-sync",
        stores: &[],
        patterns: &[
            ("database-per-service", Recommended),
            ("shared-database", Acceptable),
        ],
        migrations: &["expand-contract", "parallel-run"],
        conflicts: &["conflict-shared-db-microservices"],
        reasons: &[
            (Section::Migration, "schema-change"),
            (Section::Migration, "switch-database"),
            (Section::Pattern, "microservices"),
        ],
    },
    Scenario {
        name: "booking system that must stay up",
        reqs: &[
            "booking",
            "acid",
            "strong-consistency",
            "no-data-loss",
            "relationships-matter",
            "high-availability",
        ],
        primary: "relational",
        consistency: "strong",
        level: "quorum",
        replication: "primary-replica-sync",
        stores: &[],
        patterns: &[],
        migrations: &[],
        conflicts: &["conflict-all-replicas-availability"],
        reasons: &[
            (Section::Consistency, "booking"),
            (Section::ConsistencyLevel, "high-availability"),
        ],
    },
    Scenario {
        name: "inventory",
        reqs: &[
            "inventory",
            "acid",
            "strong-consistency",
            "relationships-matter",
            "complex-queries",
        ],
        primary: "relational",
        consistency: "strong",
        level: "quorum",
        replication: "primary-replica-semi-sync",
        stores: &[],
        patterns: &[],
        migrations: &[],
        conflicts: &[],
        reasons: &[
            (Section::Consistency, "inventory"),
            (Section::PrimaryStore, "complex-queries"),
        ],
    },
    Scenario {
        name: "shopping cart",
        reqs: &[
            "shopping-cart",
            "key-value",
            "high-availability",
            "low-latency",
            "simple-access",
        ],
        primary: "document",
        consistency: "eventual",
        level: "one",
        replication: "primary-replica-async",
        stores: &["key-value"],
        patterns: &[("cqrs-event-sourcing", Acceptable)],
        migrations: &[],
        conflicts: &[],
        reasons: &[
            (Section::Consistency, "shopping-cart"),
            (Section::Store, "shopping-cart"),
        ],
    },
    Scenario {
        name: "analytics warehouse",
        reqs: &[
            "analytics",
            "complex-queries",
            "sql-expertise",
            "read-heavy",
        ],
        primary: "relational",
        consistency: "eventual",
        level: "quorum",
        replication: "primary-replica-async",
        stores: &["columnar"],
        patterns: &[],
        migrations: &[],
        conflicts: &[],
        reasons: &[
            (Section::Store, "analytics"),
            (Section::Consistency, "analytics"),
        ],
    },
    Scenario {
        name: "media storage",
        reqs: &["blobs", "simple-access", "high-availability", "read-heavy"],
        primary: "document",
        consistency: "eventual",
        level: "quorum",
        replication: "primary-replica-semi-sync",
        stores: &["object-store"],
        patterns: &[],
        migrations: &[],
        conflicts: &[],
        reasons: &[(Section::Store, "blobs")],
    },
    Scenario {
        name: "event-sourced audit ledger",
        reqs: &[
            "audit-trail",
            "rebuild-views",
            "financial",
            "strong-consistency",
            "acid",
            "no-data-loss",
        ],
        primary: "relational",
        consistency: "strong",
        level: "all",
        replication: "primary-replica-sync",
        stores: &[],
        patterns: &[("cqrs-event-sourcing", Recommended)],
        migrations: &[],
        conflicts: &["conflict-cqrs-strong"],
        reasons: &[
            (Section::Pattern, "audit-trail"),
            (Section::Pattern, "rebuild-views"),
        ],
    },
    Scenario {
        name: "global chat",
        reqs: &[
            "low-latency",
            "high-availability",
            "horizontal-scaling",
            "flexible-schema",
            "streaming",
            "multi-region",
            "local-writes",
        ],
        primary: "document",
        consistency: "eventual",
        level: "local-quorum",
        replication: "multi-primary",
        stores: &["log"],
        patterns: &[],
        migrations: &[],
        conflicts: &[],
        reasons: &[
            (Section::Replication, "multi-region"),
            (Section::Store, "streaming"),
        ],
    },
    Scenario {
        name: "reference data service",
        reqs: &["read-only-shared", "microservices", "read-heavy"],
        primary: "relational",
        consistency: "strong",
        level: "quorum",
        replication: "primary-replica-async",
        stores: &[],
        patterns: &[
            ("shared-database", Acceptable),
            ("single-source-of-truth", Recommended),
        ],
        migrations: &[],
        conflicts: &[],
        reasons: &[(Section::Pattern, "read-only-shared")],
    },
    Scenario {
        name: "logging pipeline",
        reqs: &["logging-metrics", "streaming", "time-series"],
        primary: "relational",
        consistency: "eventual",
        level: "one",
        replication: "primary-replica-async",
        stores: &["time-series", "log"],
        patterns: &[],
        migrations: &[],
        conflicts: &[],
        reasons: &[(Section::Replication, "logging-metrics")],
    },
    Scenario {
        name: "small team CRUD app",
        reqs: &["small-team", "sql-expertise", "simple-access"],
        // relational 2 vs document 2: ties go to the default, relational.
        primary: "relational",
        consistency: "strong",
        level: "quorum",
        replication: "primary-replica-semi-sync",
        stores: &[],
        patterns: &[
            ("cqrs-event-sourcing", Avoid),
            ("database-per-service", Avoid),
            ("shared-database", Acceptable),
        ],
        migrations: &[],
        conflicts: &[],
        reasons: &[(Section::PrimaryStore, "sql-expertise")],
    },
    Scenario {
        name: "recommendation graph",
        reqs: &["graph", "relationships-matter", "read-heavy"],
        primary: "relational",
        consistency: "strong",
        level: "quorum",
        replication: "primary-replica-async",
        stores: &["graph"],
        patterns: &[],
        migrations: &[],
        conflicts: &[],
        reasons: &[
            (Section::Store, "graph"),
            (Section::Store, "relationships-matter"),
        ],
    },
];

fn run(reqs: &[&str]) -> Recommendation {
    let reqs: Requirements = reqs.iter().map(|s| s.to_string()).collect();
    recommend(Catalog::builtin(), &reqs)
}

#[test]
fn every_scenario_gets_the_verdicts_the_seed_implies() {
    let mut failures = Vec::new();
    for s in SCENARIOS {
        let r = run(s.reqs);
        let mut check = |what: &str, got: String, want: String| {
            if got != want {
                failures.push(format!("{}: {what}: got {got}, want {want}", s.name));
            }
        };
        check(
            "primary store",
            r.primary_store.choice.clone(),
            s.primary.into(),
        );
        check(
            "consistency",
            r.consistency.choice.clone(),
            s.consistency.into(),
        );
        check("level", r.consistency_level.choice.clone(), s.level.into());
        check(
            "replication",
            r.replication.choice.clone(),
            s.replication.into(),
        );
        let ids = |cards: &[strata_core::engine::Card]| {
            cards
                .iter()
                .map(|c| c.choice.clone())
                .collect::<Vec<_>>()
                .join(",")
        };
        check("stores", ids(&r.stores), s.stores.join(","));
        check("migrations", ids(&r.migrations), s.migrations.join(","));
        check("conflicts", ids(&r.conflicts), s.conflicts.join(","));
        for (id, verdict) in s.patterns {
            let got = r.pattern(id).map_or("missing", |c| c.verdict.as_str());
            check(
                &format!("pattern {id}"),
                got.into(),
                verdict.as_str().into(),
            );
        }
        for (section, req) in s.reasons {
            let found = r
                .cards()
                .filter(|c| c.section == *section)
                .any(|c| c.reasons_for.iter().any(|x| x.requirement == *req));
            if !found {
                failures.push(format!(
                    "{}: no {} card gives '{req}' as a reason",
                    s.name,
                    section.as_str()
                ));
            }
        }
        assert!(!r.neutral && r.hint.is_none(), "{}", s.name);
    }
    assert!(SCENARIOS.len() >= 15);
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn presets_give_the_same_answer_as_their_scenarios() {
    let cat = Catalog::builtin();
    for (preset, scenario) in [
        ("payments-ledger", "payments ledger"),
        ("social-feed", "social feed"),
        ("iot-metrics", "IoT metrics"),
        ("multi-region-saas", "multi-region SaaS with local writes"),
        ("product-search", "product search"),
        ("monolith-split", "monolith being split"),
    ] {
        let p = cat.preset(preset).unwrap();
        let s = SCENARIOS.iter().find(|s| s.name == scenario).unwrap();
        let mut a: Vec<&str> = p.requirements.iter().map(String::as_str).collect();
        let mut b = s.reqs.to_vec();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b, "{preset}");
    }
}

#[test]
fn nothing_ticked_gives_neutral_defaults_and_a_hint() {
    let r = run(&[]);
    assert!(r.neutral);
    assert!(r.hint.as_deref().is_some_and(|h| !h.is_empty()));
    assert_eq!(r.primary_store.choice, "relational");
    assert_eq!(r.consistency.choice, "strong");
    assert_eq!(r.consistency_level.choice, "quorum");
    assert_eq!(r.replication.choice, "primary-replica-semi-sync");
    assert_eq!(r.patterns.len(), 4);
    assert!(r.patterns.iter().all(|p| p.verdict == Verdict::Acceptable));
    assert!(r.stores.is_empty() && r.migrations.is_empty() && r.conflicts.is_empty());
    assert!(r.checklist.iter().all(|c| c.answer.is_none()));
    assert_eq!(r.checklist.len(), 10);
    // Unknown ids are ignored, not an error.
    assert_eq!(run(&["no-such-thing"]), r);
}

#[test]
fn cards_carry_examples_trade_offs_steps_and_catalogue_links() {
    let r = run(&["acid", "full-text", "schema-change", "no-data-loss"]);
    assert_eq!(r.primary_store.examples, ["PostgreSQL", "MySQL"]);
    assert_eq!(r.primary_store.catalog_ref, "cat-relational");
    let search = r.find(Section::Store, "search").unwrap();
    assert_eq!(search.examples, ["Elasticsearch", "Algolia"]);
    assert_eq!(r.replication.choice, "primary-replica-sync");
    assert_eq!(r.replication.trade_offs, ["Slow but durable"]);
    assert_eq!(r.consistency.trade_offs.len(), 3);
    let ec = r.find(Section::Migration, "expand-contract").unwrap();
    assert_eq!(ec.steps.len(), 4);
    assert!(ec.steps[0].contains("Add new column"));
    let shared = r.pattern("shared-database").unwrap();
    assert!(shared
        .trade_offs
        .contains(&"Can't deploy independently".to_string()));
    assert!(r
        .cards()
        .all(|c| c.catalog_ref.starts_with("cat-") && !c.title.is_empty()));
}

#[test]
fn checklist_answers_come_from_the_choices() {
    let r = run(&["acid", "full-text", "microservices"]);
    let answer = |id: &str| r.checklist_item(id).unwrap().answer.clone();
    assert_eq!(
        answer("svc-storage").as_deref(),
        Some("PostgreSQL (relational); Elasticsearch (search)")
    );
    assert_eq!(
        answer("svc-consistency").as_deref(),
        Some("Strong consistency; QUORUM")
    );
    assert!(answer("sys-replication").unwrap().starts_with("Semi-sync"));
    assert!(answer("sys-source-of-truth")
        .unwrap()
        .contains("Single source of truth"));
    assert!(answer("sys-data-access")
        .unwrap()
        .contains("Database per service"));
    assert_eq!(answer("svc-owned-data"), None);
}

#[test]
fn would_change_names_the_tick_that_flips_a_choice() {
    // Ticking local-writes on a single-region relational service moves replication to multi-primary.
    let r = run(&["acid"]);
    let c = r
        .replication
        .would_change
        .iter()
        .find(|c| c.requirement == "local-writes")
        .unwrap();
    assert_eq!(c.becomes, "multi-primary");
    assert_eq!(c.toggle, strata_core::engine::Toggle::Tick);
    // Unticking social-feed on a feed flips it back to strong consistency.
    let r = run(&["social-feed"]);
    let c = r
        .consistency
        .would_change
        .iter()
        .find(|c| c.requirement == "social-feed")
        .unwrap();
    assert_eq!(
        (c.becomes.as_str(), c.toggle),
        ("strong", strata_core::engine::Toggle::Untick)
    );
    // Reasons against the chosen option name the rival's pull.
    let r = run(&["social-feed", "strong-consistency", "shopping-cart"]);
    assert_eq!(r.consistency.choice, "eventual");
    assert!(r
        .consistency
        .reasons_against
        .iter()
        .any(|x| x.requirement == "strong-consistency"));
}
