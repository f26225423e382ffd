//! The catalogue holds every fact of the seed (`shared/seed/data-architecture.md`), the public requirement
//! vocabulary exists, and a broken catalogue is explained rather than panicking.

use std::collections::HashSet;
use strata_core::catalog::{Catalog, CatalogError};

fn cat() -> &'static Catalog {
    Catalog::builtin()
}

const MATRIX: [(&str, &str, &str, &[&str]); 9] = [
    (
        "Structured data, ACID",
        "relational",
        "Relational",
        &["PostgreSQL", "MySQL"],
    ),
    (
        "Flexible schema",
        "document",
        "Document",
        &["MongoDB", "DynamoDB"],
    ),
    (
        "Key-value, caching",
        "key-value",
        "Key-Value",
        &["Redis", "Memcached"],
    ),
    (
        "Relationships, graphs",
        "graph",
        "Graph",
        &["Neo4j", "Amazon Neptune"],
    ),
    (
        "Time series",
        "time-series",
        "Time Series",
        &["InfluxDB", "TimescaleDB"],
    ),
    (
        "Full-text search",
        "search",
        "Search",
        &["Elasticsearch", "Algolia"],
    ),
    (
        "Analytics (OLAP)",
        "columnar",
        "Columnar",
        &["BigQuery", "Snowflake", "ClickHouse"],
    ),
    (
        "File/blob storage",
        "object-store",
        "Object Store",
        &["S3", "GCS", "Azure Blob"],
    ),
    ("Streaming", "log", "Log", &["Kafka", "Kinesis"]),
];

#[test]
fn decision_matrix_has_all_nine_rows_with_the_seeds_examples() {
    assert_eq!(cat().stores.len(), 9);
    for (need, id, kind, examples) in MATRIX {
        let s = cat().store(id).unwrap_or_else(|| panic!("store {id}"));
        assert_eq!(s.need, need);
        assert_eq!(s.title, kind);
        assert_eq!(s.examples, examples, "examples of {id}");
        assert!(!s.summary.is_empty());
    }
}

/// Beyond the seed: each example system names the managed services that run it on AWS, Azure and Google Cloud
/// (an empty list where a cloud has none), and the catalogue says when this was last reviewed.
#[test]
fn every_example_system_names_its_managed_services_per_cloud() {
    assert_eq!(cat().name, "Strata");
    assert!(
        strata_core::catalog::is_date(&cat().reviewed),
        "{}",
        cat().reviewed
    );
    for store in &cat().stores {
        for example in &store.examples {
            let system = store.systems.iter().find(|s| &s.name == example);
            let system =
                system.unwrap_or_else(|| panic!("{example} ({}) has no details", store.id));
            for (key, _, services) in system.managed.clouds() {
                assert!(services.is_some(), "{example}: nothing said for {key}");
            }
            assert_eq!(
                system.status, None,
                "the built-in catalogue gives no status ({example})"
            );
        }
    }
    let managed = |store: &str, name: &str| {
        let kind = cat().store(store).unwrap();
        let system = kind.systems.iter().find(|s| s.name == name).unwrap();
        system
            .managed
            .clouds()
            .map(|(_, _, list)| list.unwrap_or_default().join(", "))
    };
    assert_eq!(
        managed("relational", "PostgreSQL"),
        [
            "Amazon RDS for PostgreSQL, Amazon Aurora PostgreSQL-Compatible Edition",
            "Azure Database for PostgreSQL",
            "Cloud SQL for PostgreSQL, AlloyDB for PostgreSQL"
        ]
    );
    assert_eq!(
        managed("log", "Kafka"),
        [
            "Amazon MSK (Managed Streaming for Apache Kafka)",
            "Azure Event Hubs (Kafka API)",
            "Google Cloud Managed Service for Apache Kafka"
        ]
    );
    assert_eq!(managed("document", "DynamoDB"), ["Amazon DynamoDB", "", ""]);
}

/// The seed, as kept in the repository (docs/seed/), so these checks run on every machine.
const SEED: &str = include_str!("../../../docs/seed/data-architecture.md");

/// The repository's copy of the seed is the product's knowledge source, unchanged (checked where the source
/// sits next to the checkout, as on the developers' machines).
#[test]
fn the_seed_copy_is_the_knowledge_source() {
    let source = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/data-architecture.md"
    );
    if let Ok(text) = std::fs::read_to_string(source) {
        assert_eq!(
            text, SEED,
            "docs/seed/data-architecture.md differs from {source}: copy it again"
        );
    }
}

/// Reads the seed's decision matrix table and checks every row.
#[test]
fn decision_matrix_matches_the_seed_file() {
    let seed = SEED;
    let table = seed
        .split("### Decision Matrix")
        .nth(1)
        .expect("matrix heading");
    let rows: Vec<Vec<&str>> = table
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| l.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    assert_eq!(rows.len(), 9);
    for row in rows {
        let s = cat()
            .stores
            .iter()
            .find(|s| s.need == row[0])
            .unwrap_or_else(|| panic!("need {}", row[0]));
        assert_eq!(s.title, row[1]);
        assert_eq!(s.examples.join(", "), row[2]);
    }
    // Every list item of the seed's checklist is a checklist question.
    for line in seed.lines().filter_map(|l| l.strip_prefix("- [ ] ")) {
        assert!(
            cat().checklist.iter().any(|c| c.question == line),
            "checklist: {line}"
        );
    }
}

#[test]
fn relational_vs_document_has_six_contrasts_and_both_choose_when_lists() {
    let c = &cat().relational_vs_document;
    let contrasts = [
        ("Fixed schema", "Flexible schema"),
        ("ACID transactions", "Limited transactions"),
        ("Complex queries, JOINs", "Simple queries"),
        ("Normalized data", "Denormalized data"),
        ("Schema changes need migration", "Schema evolves naturally"),
        ("Mature, well-understood", "Good for rapid iteration"),
    ];
    assert_eq!(c.contrasts.len(), 6);
    for (c, (r, d)) in c.contrasts.iter().zip(contrasts) {
        assert_eq!((c.relational.as_ref(), c.document.as_ref()), (r, d));
    }
    assert_eq!(
        c.choose_relational,
        [
            "Data is structured and relationships matter",
            "Complex queries required",
            "Strong consistency needed",
            "Team has SQL expertise"
        ]
    );
    assert_eq!(
        c.choose_document,
        [
            "Schema is evolving rapidly",
            "Data is hierarchical/nested",
            "Horizontal scaling is priority",
            "Simple access patterns"
        ]
    );
    assert!(c.relational_title.contains("PostgreSQL") && c.document_title.contains("MongoDB"));
}

#[test]
fn consistency_models_hold_meaning_characteristics_and_use_whens() {
    let m = &cat().consistency_models;
    assert_eq!(m.len(), 2);
    let strong = m.iter().find(|m| m.id == "strong").unwrap();
    assert!(strong.summary.contains("All reads see the latest write"));
    assert_eq!(
        strong.characteristics,
        [
            "Simplest programming model",
            "Higher latency",
            "Lower availability during failures"
        ]
    );
    assert_eq!(
        strong.use_when,
        [
            "Financial transactions",
            "Inventory management",
            "Booking systems"
        ]
    );
    let eventual = m.iter().find(|m| m.id == "eventual").unwrap();
    assert!(eventual
        .summary
        .contains("All replicas converge to same value eventually"));
    assert_eq!(
        eventual.characteristics,
        [
            "Higher availability",
            "Lower latency",
            "Temporary inconsistency"
        ]
    );
    assert_eq!(
        eventual.use_when,
        [
            "Social media feeds",
            "Shopping carts",
            "Analytics",
            "Caching"
        ]
    );
}

#[test]
fn four_consistency_levels_with_meaning_and_use_case() {
    let levels: Vec<_> = cat()
        .consistency_levels
        .iter()
        .map(|l| {
            (
                l.id.as_ref(),
                l.title.as_ref(),
                l.meaning.as_ref(),
                l.use_case.as_ref(),
            )
        })
        .collect();
    assert_eq!(
        levels,
        [
            ("one", "ONE", "Write to one replica", "Logging, metrics"),
            (
                "quorum",
                "QUORUM",
                "Majority of replicas",
                "Balance of consistency/availability"
            ),
            (
                "all",
                "ALL",
                "All replicas",
                "Highest consistency, lowest availability"
            ),
            (
                "local-quorum",
                "LOCAL_QUORUM",
                "Majority in local datacenter",
                "Multi-region with local consistency"
            ),
        ]
    );
}

#[test]
fn patterns_hold_rules_benefits_challenges_problems_and_when_ok() {
    let ids: Vec<_> = cat().patterns.iter().map(|p| p.id.as_ref()).collect();
    assert_eq!(
        ids,
        [
            "single-source-of-truth",
            "database-per-service",
            "shared-database",
            "cqrs-event-sourcing"
        ]
    );
    let p = |id| cat().pattern(id).unwrap();
    assert!(p("single-source-of-truth")
        .summary
        .contains("exactly one authoritative source"));
    assert_eq!(
        p("single-source-of-truth").rules[..2],
        [
            "Only the owner can modify the data",
            "Others subscribe to updates or query the owner"
        ]
    );
    assert!(p("single-source-of-truth").rules[2]
        .contains("Cached copies are explicitly \"cache\" not \"source\""));
    assert!(p("database-per-service")
        .summary
        .contains("Each service owns its data store"));
    assert_eq!(
        p("database-per-service").benefits,
        [
            "Services are independent",
            "Can choose best storage for each",
            "No schema coordination"
        ]
    );
    assert_eq!(
        p("database-per-service").challenges,
        [
            "No cross-service joins",
            "Distributed transactions hard",
            "Data duplication"
        ]
    );
    assert!(p("shared-database")
        .summary
        .to_lowercase()
        .contains("anti-pattern in microservices"));
    assert_eq!(
        p("shared-database").problems,
        [
            "Services are coupled through schema",
            "Can't deploy independently",
            "Changes affect multiple services"
        ]
    );
    assert_eq!(
        p("shared-database").when_ok,
        [
            "Transitioning from monolith",
            "Small team, simple system",
            "Read-only shared data (reference data)"
        ]
    );
    let cqrs = p("cqrs-event-sourcing");
    assert!(cqrs
        .summary
        .contains("Separate write (commands) from read (queries), store events"));
    assert_eq!(
        cqrs.benefits,
        [
            "Optimized read/write models",
            "Complete audit trail",
            "Can rebuild any view",
            "Scale reads/writes independently"
        ]
    );
    assert_eq!(
        cqrs.complexity,
        [
            "Two models to maintain",
            "Eventual consistency between them",
            "Event versioning"
        ]
    );
}

#[test]
fn replication_modes_and_multi_primary() {
    let modes: Vec<_> = cat()
        .replication_modes
        .iter()
        .map(|m| {
            (
                m.id.as_ref(),
                m.title.as_ref(),
                m.description.as_ref(),
                m.trade_off.as_ref(),
            )
        })
        .collect();
    assert_eq!(
        modes,
        [
            (
                "primary-replica-async",
                "Async",
                "Primary doesn't wait",
                "Fast but data can be lost"
            ),
            (
                "primary-replica-semi-sync",
                "Semi-sync",
                "Wait for one replica",
                "Balance"
            ),
            (
                "primary-replica-sync",
                "Sync",
                "Wait for all replicas",
                "Slow but durable"
            ),
        ]
    );
    assert!(cat().primary_replica.summary.contains("writes"));
    let mp = &cat().multi_primary;
    assert_eq!(mp.id, "multi-primary");
    assert_eq!(
        mp.challenges,
        ["Conflict resolution needed", "Eventually consistent"]
    );
    assert_eq!(
        mp.use_when,
        ["Multi-region deployment", "Need local writes everywhere"]
    );
}

#[test]
fn migrations_list_the_four_phases_and_four_steps() {
    let ec = cat()
        .migrations
        .iter()
        .find(|m| m.id == "expand-contract")
        .unwrap();
    assert_eq!(
        ec.steps,
        [
            "Add new column (nullable)",
            "Migrate data, dual-write",
            "Switch reads to new column",
            "Drop old column"
        ]
    );
    let pr = cat()
        .migrations
        .iter()
        .find(|m| m.id == "parallel-run")
        .unwrap();
    assert_eq!(
        pr.steps,
        [
            "Write to both, read from old",
            "Compare results, fix discrepancies",
            "Switch reads to new",
            "Stop writing to old"
        ]
    );
}

#[test]
fn checklist_has_five_service_and_five_system_items_with_stable_ids() {
    let items: Vec<_> = cat()
        .checklist
        .iter()
        .map(|c| (c.id.as_ref(), c.scope.as_ref(), c.question.as_ref()))
        .collect();
    assert_eq!(
        items,
        [
            ("svc-owned-data", "service", "What data does it own?"),
            ("svc-storage", "service", "What storage technology fits?"),
            (
                "svc-consistency",
                "service",
                "What consistency level needed?"
            ),
            (
                "svc-sharing",
                "service",
                "How does it share data with others?"
            ),
            (
                "svc-backup",
                "service",
                "What's the backup/recovery strategy?"
            ),
            (
                "sys-source-of-truth",
                "system",
                "Single source of truth for each entity?"
            ),
            (
                "sys-data-access",
                "system",
                "How do services get data they need?"
            ),
            (
                "sys-replication",
                "system",
                "What's the replication strategy?"
            ),
            (
                "sys-cross-queries",
                "system",
                "How do we handle cross-service queries?"
            ),
            (
                "sys-retention",
                "system",
                "What's the data retention policy?"
            ),
        ]
    );
}

const VOCABULARY: [(&str, &[&str]); 6] = [
    (
        "needs",
        &[
            "acid",
            "flexible-schema",
            "key-value",
            "graph",
            "time-series",
            "full-text",
            "analytics",
            "blobs",
            "streaming",
        ],
    ),
    (
        "data and team",
        &[
            "relationships-matter",
            "complex-queries",
            "strong-consistency",
            "sql-expertise",
            "schema-evolving",
            "hierarchical",
            "horizontal-scaling",
            "simple-access",
        ],
    ),
    (
        "use cases",
        &[
            "financial",
            "inventory",
            "booking",
            "social-feed",
            "shopping-cart",
            "logging-metrics",
        ],
    ),
    (
        "topology and durability",
        &[
            "multi-region",
            "local-writes",
            "high-availability",
            "low-latency",
            "no-data-loss",
            "read-heavy",
        ],
    ),
    (
        "system",
        &[
            "microservices",
            "monolith-transition",
            "small-team",
            "read-only-shared",
            "audit-trail",
            "rebuild-views",
            "scale-reads-writes",
        ],
    ),
    ("change", &["schema-change", "switch-database"]),
];

#[test]
fn every_public_requirement_id_exists_in_its_group_with_label_and_help() {
    assert_eq!(cat().groups.len(), VOCABULARY.len());
    for (group, (title, ids)) in cat().groups.iter().zip(VOCABULARY) {
        assert_eq!(group.title.to_lowercase(), title);
        for id in ids {
            assert!(
                group.requirements.iter().any(|r| r.id == *id),
                "{id} in group {title}"
            );
            let r = cat().requirement(id).unwrap();
            assert!(
                !r.label.trim().is_empty() && !r.help.trim().is_empty(),
                "{id}"
            );
        }
    }
    let mut seen = HashSet::new();
    assert!(
        cat().requirements().all(|r| seen.insert(&r.id)),
        "requirement ids are unique"
    );
    assert!(cat().requirement("nope").is_none());
}

#[test]
fn presets_exist_and_name_known_requirements() {
    for id in [
        "payments-ledger",
        "social-feed",
        "iot-metrics",
        "multi-region-saas",
        "product-search",
        "monolith-split",
    ] {
        let p = cat().preset(id).unwrap_or_else(|| panic!("preset {id}"));
        assert!(!p.title.is_empty() && !p.description.is_empty());
        assert!(p
            .requirements
            .iter()
            .all(|r| cat().requirement(r).is_some()));
    }
}

#[test]
fn rules_and_conflicts_reference_known_ids_and_explain_themselves() {
    assert!(cat()
        .rules
        .iter()
        .all(|r| !r.why.is_empty() && r.weight != 0));
    assert!(cat().conflicts.len() >= 6);
    for c in &cat().conflicts {
        assert!(!c.title.is_empty() && !c.trade_offs.is_empty(), "{}", c.id);
    }
}

#[test]
fn the_builtin_catalogue_round_trips_through_json() {
    let json = serde_json::to_string(cat()).unwrap();
    assert_eq!(&Catalog::from_json(&json).unwrap(), cat());
}

#[test]
fn broken_json_is_reported_with_line_and_column() {
    let err = Catalog::from_json("{\n  \"version\": 1,\n  oops\n}").unwrap_err();
    assert!(
        matches!(err, CatalogError::Syntax { line: 3, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("line 3"), "{err}");
    assert!(Catalog::from_json("").is_err());
    assert!(Catalog::from_json("[]").is_err());
}

fn builtin_json() -> serde_json::Value {
    serde_json::to_value(cat()).unwrap()
}

fn reload(v: &serde_json::Value) -> String {
    Catalog::from_json(&v.to_string()).unwrap_err().to_string()
}

#[test]
fn a_rule_naming_an_unknown_requirement_is_named_in_the_error() {
    let mut v = builtin_json();
    v["rules"][11]["requirement"] = "foo".into();
    let msg = reload(&v);
    assert!(
        msg.contains("rules[11] (foo → ") && msg.contains("unknown requirement 'foo'"),
        "{msg}"
    );
}

#[test]
fn other_inconsistencies_are_explained() {
    let mut v = builtin_json();
    v["rules"][0]["option"] = "cobol".into();
    assert!(reload(&v).contains("unknown option 'cobol'"));

    let mut v = builtin_json();
    v["groups"][1]["requirements"][0]["id"] = "acid".into();
    assert!(reload(&v).contains("duplicate requirement id 'acid'"));

    let mut v = builtin_json();
    v["groups"][5]["requirements"] = serde_json::json!([]);
    assert!(reload(&v).contains("groups[5] ('change'): the group has no requirements"));

    let mut v = builtin_json();
    v["conflicts"][0]["requires"][0] = "bar".into();
    assert!(reload(&v).contains("unknown requirement 'bar'"));

    let mut v = builtin_json();
    v["scoring"]["defaults"]["replication"] = "carrier-pigeon".into();
    assert!(reload(&v).contains("carrier-pigeon"));

    let mut v = builtin_json();
    let dup = v["rules"][0].clone();
    v["rules"].as_array_mut().unwrap().push(dup);
    assert!(reload(&v).contains("duplicates"));

    let mut v = builtin_json();
    v["stores"][1]["id"] = "relational".into();
    assert!(reload(&v).contains("duplicate entry id 'relational'"));
}

/// docs/ADVICE.md lists every rule with its weight and the seed line it comes from, and every quoted line is
/// the seed's own words.
#[test]
fn every_rule_is_documented_with_a_seed_line_that_is_in_the_seed() {
    let doc = include_str!("../../../docs/ADVICE.md");
    let rules_part = doc
        .split("## The rules and their seed lines")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("ADVICE.md has a rules section");
    let mut section = "";
    let mut documented = Vec::new();
    for line in rules_part.lines() {
        if let Some(name) = line.strip_prefix("#### ") {
            section = name.trim();
        } else if line.starts_with("| `") {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
            let requirement = cells[0].split('`').nth(1).unwrap_or_default();
            let quote = cells[3].trim_matches(['“', '”']).replace("\\|", "|");
            documented.push((
                requirement.to_string(),
                section.to_string(),
                cells[1].to_string(),
                cells[2].to_string(),
                quote,
            ));
        }
    }
    for rule in &cat().rules {
        let weight = if rule.weight > 0 {
            format!("+{}", rule.weight)
        } else {
            rule.weight.to_string()
        };
        let found = documented.iter().any(|(r, s, o, w, _)| {
            r == &rule.requirement && s == &rule.section && o == &rule.option && w == &weight
        });
        assert!(
            found,
            "ADVICE.md does not list {} → {}/{} ({weight})",
            rule.requirement, rule.section, rule.option
        );
    }
    assert_eq!(
        documented.len(),
        cat().rules.len(),
        "ADVICE.md lists rules the catalogue does not have"
    );
    for (r, s, o, _, quote) in &documented {
        assert!(
            SEED.contains(quote.as_str()),
            "{r} → {s}/{o}: “{quote}” is not in the seed"
        );
    }
}
