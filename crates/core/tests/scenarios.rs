//! The expert scenario table: realistic systems, the design a senior data architect would sign for each, and
//! the seed line behind it. docs/ADVICE.md carries the same table (checked below), so the documentation and
//! the engine cannot drift apart.
//!
//! Columns, as compact text so the table reads like the one in the docs:
//! - `design`: primary store, consistency model, replication (`async`, `semi-sync`, `sync`, `multi-primary`),
//!   consistency level (`one`, `quorum`, `all`, `local-quorum`);
//! - `stores`: every extra store, `+` added alongside, `~` an alternative to the primary, `?` alongside but a
//!   small team should first try the lighter way (acceptable);
//! - `patterns`: verdicts that must hold (`rec`, `acc`, `avoid`; `-` = acceptable because no tick touched it);
//! - `conflicts`: exactly these conflict cards (ids without the `conflict-` prefix).

use strata_core::catalog::Catalog;
use strata_core::engine::{recommend, Recommendation, Requirements, StoreRole, Verdict};

struct Scenario {
    name: &'static str,
    ticks: &'static str,
    design: &'static str,
    stores: &'static str,
    patterns: &'static str,
    migrations: &'static str,
    conflicts: &'static str,
    why: &'static str,
}

const SCENARIOS: &[Scenario] = &[
    Scenario {
        name: "Payments ledger (preset)",
        ticks: "acid financial strong-consistency no-data-loss audit-trail relationships-matter complex-queries sql-expertise",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "cqrs-event-sourcing:acc shared-database:-",
        migrations: "",
        conflicts: "",
        why: "Strong for financial transactions; semi-sync (the seed's balance) keeps a confirmed payment through a failover; an audit trail alone does not call for event sourcing.",
    },
    Scenario {
        name: "Bank in two regions",
        ticks: "financial acid multi-region high-availability relationships-matter",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "Multi-region alone is one write region with replicas elsewhere; multi-primary is for local writes everywhere and is eventually consistent.",
    },
    Scenario {
        name: "Bank wanting local writes in every region",
        ticks: "financial acid multi-region local-writes",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "strong-multi-primary",
        why: "Multi-primary is eventually consistent and needs conflict resolution; money stays strong, each account has a home region.",
    },
    Scenario {
        name: "Bank wanting local writes and low latency",
        ticks: "financial multi-region local-writes low-latency",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "strong-local-writes-latency",
        why: "Strong consistency: higher latency; a record's writes go to its home region, one round trip away for users elsewhere.",
    },
    Scenario {
        name: "Booking system (preset)",
        ticks: "booking acid strong-consistency no-data-loss relationships-matter high-availability",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "Booking systems need strong consistency; semi-sync keeps writing with one replica down, where sync would stop.",
    },
    Scenario {
        name: "Stock keeping",
        ticks: "inventory acid relationships-matter",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "Inventory management is a strong-consistency use case; the latest stock count is read at the primary.",
    },
    Scenario {
        name: "Stock keeping that must be fast",
        ticks: "inventory low-latency",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "Low latency does not outvote inventory: async could lose a confirmed sale in a failover and sell the item twice.",
    },
    Scenario {
        name: "Shop: stock, cart, search, images",
        ticks: "inventory shopping-cart full-text blobs",
        design: "relational strong semi-sync quorum",
        stores: "search+ object-store+",
        patterns: "",
        migrations: "",
        conflicts: "mixed-consistency",
        why: "Inventory wants strong, shopping carts eventual: one model for both shortchanges one, so the cart gets a store of its own.",
    },
    Scenario {
        name: "Shopping cart service",
        ticks: "shopping-cart key-value high-availability",
        design: "document eventual semi-sync quorum",
        stores: "key-value+",
        patterns: "single-source-of-truth:acc",
        migrations: "",
        conflicts: "",
        why: "Shopping carts are an eventual-consistency use case; semi-sync keeps writes going with a replica down.",
    },
    Scenario {
        name: "Social feed (preset)",
        ticks: "social-feed flexible-schema key-value horizontal-scaling read-heavy high-availability low-latency",
        design: "document eventual async one",
        stores: "key-value+",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "Social media feeds: eventual; ONE for the fastest reads and writes; a post lost in a failover is tolerable.",
    },
    Scenario {
        name: "Global chat with local writes",
        ticks: "flexible-schema horizontal-scaling multi-region local-writes low-latency high-availability",
        design: "document eventual multi-primary local-quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "Multi-primary for local writes everywhere; LOCAL_QUORUM: multi-region with local consistency.",
    },
    Scenario {
        name: "Multi-region SaaS (preset)",
        ticks: "multi-region local-writes high-availability low-latency microservices relationships-matter sql-expertise",
        design: "relational eventual multi-primary local-quorum",
        stores: "",
        patterns: "database-per-service:rec single-source-of-truth:rec shared-database:avoid",
        migrations: "",
        conflicts: "relational-multi-primary",
        why: "Local writes need multi-primary (eventually consistent); relational constraints across primaries are named, with tenant homing as the way out.",
    },
    Scenario {
        name: "IoT metrics (preset)",
        ticks: "time-series streaming logging-metrics analytics horizontal-scaling high-availability",
        design: "document strong semi-sync quorum",
        stores: "time-series+ columnar+ log+",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "The readings live in the time series store, where ONE and async are enough for metrics; columnar and log stores for analytics and streaming; the primary keeps devices and accounts.",
    },
    Scenario {
        name: "Logging pipeline",
        ticks: "logging-metrics streaming full-text",
        design: "relational strong semi-sync quorum",
        stores: "time-series+ search+ log+",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "Logging, metrics: ONE and async in their own stores, where losing the last lines in a failover is tolerable; the primary store keeps the defaults.",
    },
    Scenario {
        name: "Analytics warehouse",
        ticks: "analytics complex-queries sql-expertise",
        design: "relational strong semi-sync quorum",
        stores: "columnar+",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "Analytics (OLAP): the columnar store is the eventually consistent copy that analytics reads; the source stays strongly consistent.",
    },
    Scenario {
        name: "Ledger with reports",
        ticks: "financial acid analytics",
        design: "relational strong semi-sync quorum",
        stores: "columnar+",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "Money stays strong; the analytics copy in the columnar store may lag, which analytics tolerates.",
    },
    Scenario {
        name: "Audit-heavy records",
        ticks: "audit-trail acid relationships-matter no-data-loss",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "cqrs-event-sourcing:acc single-source-of-truth:acc",
        migrations: "",
        conflicts: "",
        why: "Complete audit trail is a CQRS benefit, but alone an audit table or change data capture is lighter.",
    },
    Scenario {
        name: "Event-sourced ledger",
        ticks: "audit-trail rebuild-views financial acid streaming",
        design: "relational strong semi-sync quorum",
        stores: "log+",
        patterns: "cqrs-event-sourcing:rec",
        migrations: "",
        conflicts: "cqrs-strong",
        why: "CQRS + event sourcing: complete audit trail and rebuildable views; projections are eventually consistent, so balances are checked on the command side.",
    },
    Scenario {
        name: "Monolith split (preset)",
        ticks: "microservices monolith-transition acid relationships-matter sql-expertise schema-change switch-database",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "database-per-service:rec shared-database:acc single-source-of-truth:rec",
        migrations: "expand-contract parallel-run",
        conflicts: "shared-db-microservices",
        why: "Database per service is the goal; a shared database is OK while transitioning from a monolith; parallel run to move the data.",
    },
    Scenario {
        name: "Monolith split by a small team",
        ticks: "microservices monolith-transition small-team acid sql-expertise",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "database-per-service:rec shared-database:acc cqrs-event-sourcing:avoid",
        migrations: "",
        conflicts: "shared-db-microservices",
        why: "Shared database: OK for a small team and while transitioning; CQRS is too heavy for a small team.",
    },
    Scenario {
        name: "Small team CRUD app",
        ticks: "small-team acid sql-expertise simple-access",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "cqrs-event-sourcing:avoid database-per-service:avoid shared-database:acc",
        migrations: "",
        conflicts: "",
        why: "Small team, simple system: one shared relational database is OK; no second model to maintain.",
    },
    Scenario {
        name: "Small team asked for five stores",
        ticks: "small-team acid full-text time-series key-value blobs",
        design: "relational strong semi-sync quorum",
        stores: "key-value? time-series? search? object-store+",
        patterns: "",
        migrations: "",
        conflicts: "small-team-many-stores",
        why: "Each store is a system to run: PostgreSQL does full-text search and time partitions first; the object store is cheap to keep.",
    },
    Scenario {
        name: "Small team tempted by event sourcing",
        ticks: "small-team microservices scale-reads-writes rebuild-views audit-trail",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "cqrs-event-sourcing:rec",
        migrations: "",
        conflicts: "shared-db-microservices small-team-cqrs",
        why: "Rebuilt views and reads scaled apart are what CQRS is for, but two models, event versioning and lagging reads are a lot for a small team: the conflict says so, with an audit table or change data capture as the lighter start.",
    },
    Scenario {
        name: "Product search (preset)",
        ticks: "full-text flexible-schema hierarchical blobs read-heavy low-latency",
        design: "document eventual async one",
        stores: "search+ object-store+",
        patterns: "cqrs-event-sourcing:-",
        migrations: "",
        conflicts: "",
        why: "Flexible, nested data: document; full-text search: search index; reads from nearby replicas may lag.",
    },
    Scenario {
        name: "Recommendation graph",
        ticks: "graph relationships-matter read-heavy",
        design: "relational strong semi-sync quorum",
        stores: "graph+",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "Relationships, graphs: a graph store alongside the relational primary.",
    },
    Scenario {
        name: "Media storage",
        ticks: "blobs high-availability",
        design: "relational strong semi-sync quorum",
        stores: "object-store+",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "File/blob storage: object store; the metadata stays in the primary store.",
    },
    Scenario {
        name: "Reference data for many services",
        ticks: "read-only-shared microservices",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "shared-database:acc single-source-of-truth:rec database-per-service:rec",
        migrations: "",
        conflicts: "",
        why: "Shared database is OK for read-only reference data; one service owns it, each service's own data stays its own.",
    },
    Scenario {
        name: "Read and write load scaling apart",
        ticks: "scale-reads-writes rebuild-views read-heavy",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "cqrs-event-sourcing:rec",
        migrations: "",
        conflicts: "",
        why: "CQRS: scale reads and writes independently, rebuild any view.",
    },
    Scenario {
        name: "Contradiction: simple access and complex queries",
        ticks: "simple-access complex-queries",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "simple-and-complex-queries",
        why: "Relational for complex queries, document for simple access: the card says which reader each serves.",
    },
    Scenario {
        name: "Contradiction: strong consistency for a social feed",
        ticks: "strong-consistency social-feed",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "mixed-consistency",
        why: "Strong consistency asked for outright wins; the feed's eventual need is named, with a separate store as the way out.",
    },
    Scenario {
        name: "No data loss next to metrics",
        ticks: "no-data-loss logging-metrics",
        design: "relational strong semi-sync quorum",
        stores: "time-series+",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "Metrics live in their own store; no data loss keeps the primary semi-sync (Async: fast but data can be lost).",
    },
    Scenario {
        name: "Contradiction: no data loss and low latency",
        ticks: "no-data-loss low-latency",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "no-data-loss-low-latency",
        why: "Sync: slow but durable, async: fast but lossy; semi-sync with a nearby replica is the balance.",
    },
    Scenario {
        name: "Read-heavy money",
        ticks: "financial read-heavy",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "all-replicas-availability",
        why: "Sync would let any replica serve current reads, but one replica down would stop every write (ALL: lowest availability): current reads go to the primary.",
    },
    Scenario {
        name: "Read-heavy money, highly available",
        ticks: "financial read-heavy high-availability",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "all-replicas-availability",
        why: "ALL: highest consistency, lowest availability; with high availability even more so, current reads go to the primary.",
    },
    Scenario {
        name: "Payments ledger that is read-heavy",
        ticks: "acid financial strong-consistency no-data-loss audit-trail relationships-matter complex-queries sql-expertise read-heavy",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "cqrs-event-sourcing:acc",
        migrations: "",
        conflicts: "all-replicas-availability",
        why: "Read-heavy does not turn an audit trail into a reason for event sourcing, nor money into sync replication.",
    },
    Scenario {
        name: "Money served in several regions, fast",
        ticks: "financial acid multi-region low-latency",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "strong-multi-region-latency",
        why: "Strong consistency: higher latency; the cross-region round trip to the primary's region is named, with reads that may lag served nearby.",
    },
    Scenario {
        name: "Accounts with a social feed",
        ticks: "acid social-feed",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "mixed-consistency",
        why: "ACID records stay strongly consistent; the social media feed, an eventual use case, gets its own store.",
    },
    Scenario {
        name: "Global session store",
        ticks: "key-value local-writes multi-region high-availability",
        design: "document eventual multi-primary local-quorum",
        stores: "key-value+",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "Local writes everywhere: multi-primary in a store built for it (DynamoDB global tables, Cassandra), not a relational extension.",
    },
    Scenario {
        name: "Small team with a document store and search",
        ticks: "flexible-schema schema-evolving hierarchical full-text blobs small-team",
        design: "document strong semi-sync quorum",
        stores: "search+ object-store+",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "Two stores to run beside a managed object store: no warning needed; the document store's own text search is the lighter start if search grows.",
    },
    Scenario {
        name: "Relational system that must scale out",
        ticks: "acid financial horizontal-scaling",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "horizontal-scaling-relational",
        why: "Document is the seed's choice for horizontal scaling, but ACID and money win; partitioning is the way out.",
    },
    Scenario {
        name: "ACID with a flexible schema",
        ticks: "acid flexible-schema",
        design: "relational strong semi-sync quorum",
        stores: "document~",
        patterns: "",
        migrations: "",
        conflicts: "flexible-schema-relational",
        why: "A tie between relational (ACID) and document (flexible schema): relational by default, a JSON column for the varying fields.",
    },
    Scenario {
        name: "Nested documents that need transactions",
        ticks: "flexible-schema hierarchical horizontal-scaling acid",
        design: "document strong semi-sync quorum",
        stores: "relational~",
        patterns: "",
        migrations: "",
        conflicts: "transactions-document",
        why: "Document for flexible, nested, scaled-out data; its limited transactions are named.",
    },
    Scenario {
        name: "Cache in front of a relational store",
        ticks: "key-value acid read-heavy",
        design: "relational strong semi-sync quorum",
        stores: "key-value+",
        patterns: "single-source-of-truth:acc",
        migrations: "",
        conflicts: "",
        why: "Caching is eventual by nature, but the ACID data stays strong: cached copies are explicitly cache, not source.",
    },
    Scenario {
        name: "Read replicas near users in several regions",
        ticks: "multi-region read-heavy low-latency",
        design: "relational eventual async one",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "Reads from nearby replicas are fast and may lag (eventual); writes stay in one region.",
    },
    Scenario {
        name: "Strongly consistent service in several regions",
        ticks: "strong-consistency multi-region high-availability",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "Strong consistency across regions: writes and current reads go to the primary's region.",
    },
    Scenario {
        name: "Metrics written in every region",
        ticks: "local-writes multi-region logging-metrics",
        design: "document eventual multi-primary local-quorum",
        stores: "time-series+",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "Multi-primary for local writes everywhere, LOCAL_QUORUM in each region; the metrics themselves sit in a time series store where ONE is enough.",
    },
    Scenario {
        name: "Local writes that must not be lost",
        ticks: "local-writes multi-region no-data-loss",
        design: "document eventual multi-primary local-quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "no-data-loss-multi-primary no-data-loss-region-loss",
        why: "LOCAL_QUORUM puts a write on two copies in its region, but conflict resolution can discard a confirmed write, and a lost region takes its unreplicated writes: both named.",
    },
    Scenario {
        name: "Event streaming for analytics",
        ticks: "streaming analytics horizontal-scaling",
        design: "document strong semi-sync quorum",
        stores: "columnar+ log+",
        patterns: "",
        migrations: "",
        conflicts: "",
        why: "Streaming: a log; analytics: a columnar copy, eventually consistent; the primary keeps the defaults.",
    },
    Scenario {
        name: "Renaming columns in a live system",
        ticks: "schema-change acid",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "expand-contract",
        conflicts: "",
        why: "Expand and contract: add the new column, dual-write, switch reads, drop the old.",
    },
    Scenario {
        name: "Moving to another database",
        ticks: "switch-database no-data-loss",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "parallel-run",
        conflicts: "",
        why: "Parallel run: write to both, compare, switch reads, stop writing to the old one.",
    },
    Scenario {
        name: "Payments across microservices",
        ticks: "microservices acid financial",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "database-per-service:rec single-source-of-truth:rec shared-database:avoid",
        migrations: "",
        conflicts: "",
        why: "Database per service: distributed transactions are hard, so a payment spanning services becomes a saga.",
    },
    Scenario {
        name: "Contradiction: bookings next to a fast feed",
        ticks: "booking social-feed low-latency",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "mixed-consistency",
        why: "Booking systems are never outvoted by a feed; the feed gets its own store.",
    },
    Scenario {
        name: "Bookings that want local writes in every region",
        ticks: "booking local-writes multi-region no-data-loss high-availability",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "",
        migrations: "",
        conflicts: "strong-multi-primary no-data-loss-region-loss",
        why: "Booking systems need strong consistency: no multi-primary (eventually consistent), no document store picked for local writes; a home region per booking.",
    },
    Scenario {
        name: "Nothing ticked",
        ticks: "",
        design: "relational strong semi-sync quorum",
        stores: "",
        patterns: "single-source-of-truth:- database-per-service:- shared-database:- cqrs-event-sourcing:-",
        migrations: "",
        conflicts: "",
        why: "The defaults: strong is the simplest programming model; semi-sync is the seed's balance.",
    },
];

fn run(ticks: &str) -> Recommendation<'static> {
    let reqs: Requirements = ticks.split_whitespace().map(String::from).collect();
    recommend(Catalog::builtin(), &reqs)
}

/// The replication choice as the table writes it.
fn short(replication: &str) -> &str {
    replication
        .strip_prefix("primary-replica-")
        .unwrap_or(replication)
}

fn store_mark(c: &strata_core::engine::Card) -> String {
    let mark = match (c.role, c.verdict) {
        (Some(StoreRole::Alternative), _) => '~',
        (_, Verdict::Acceptable) => '?',
        _ => '+',
    };
    format!("{}{mark}", c.choice)
}

fn pattern_mark(c: &strata_core::engine::Card) -> &'static str {
    match c.verdict {
        Verdict::Recommended => "rec",
        Verdict::Avoid => "avoid",
        Verdict::Acceptable if c.is_assessed() => "acc",
        Verdict::Acceptable => "-",
    }
}

/// What the engine gives for a scenario, in the table's own notation (patterns: only those the row names).
fn observed(s: &Scenario) -> [String; 5] {
    let r = run(s.ticks);
    let design = format!(
        "{} {} {} {}",
        r.primary_store.choice,
        r.consistency.choice,
        short(r.replication.choice),
        r.consistency_level.choice
    );
    let stores: Vec<String> = r.stores.iter().map(store_mark).collect();
    let patterns: Vec<String> = s
        .patterns
        .split_whitespace()
        .filter_map(|p| p.split_once(':'))
        .map(|(id, _)| match r.pattern(id) {
            Some(c) => format!("{id}:{}", pattern_mark(c)),
            None => format!("{id}:missing"),
        })
        .collect();
    let ids = |cards: &[strata_core::engine::Card], prefix: &str| -> String {
        cards
            .iter()
            .map(|c| c.choice.trim_start_matches(prefix).to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    [
        design,
        stores.join(" "),
        patterns.join(" "),
        ids(&r.migrations, ""),
        ids(&r.conflicts, "conflict-"),
    ]
}

#[test]
fn every_scenario_gets_the_design_an_architect_would_sign() {
    let mut failures = Vec::new();
    for s in SCENARIOS {
        let got = observed(s);
        let want = [s.design, s.stores, s.patterns, s.migrations, s.conflicts];
        for (column, (got, want)) in ["design", "stores", "patterns", "migrations", "conflicts"]
            .iter()
            .zip(got.iter().zip(want))
        {
            if got != want {
                failures.push(format!(
                    "{}: {column}: got \"{got}\", want \"{want}\"",
                    s.name
                ));
            }
        }
    }
    assert!(SCENARIOS.len() >= 40, "the table needs at least 40 systems");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The row docs/ADVICE.md shows for a scenario.
fn doc_row(s: &Scenario) -> String {
    let dash = |t: &str| {
        if t.is_empty() {
            "—".to_string()
        } else {
            format!("`{t}`")
        }
    };
    format!(
        "| {} | {} | `{}` | {} | {} | {} | {} |",
        s.name,
        dash(s.ticks),
        s.design,
        dash(s.stores),
        dash(s.patterns),
        dash(
            &[s.migrations, s.conflicts]
                .iter()
                .filter(|t| !t.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" · ")
        ),
        s.why
    )
}

#[test]
fn docs_advice_md_shows_the_same_table() {
    let doc = include_str!("../../../docs/ADVICE.md");
    let missing: Vec<String> = SCENARIOS
        .iter()
        .map(doc_row)
        .filter(|row| !doc.contains(row.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/ADVICE.md lacks these rows (or shows them differently):\n{}",
        missing.join("\n")
    );
    let rows = doc
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains(" | `"))
        .count();
    assert_eq!(
        rows,
        SCENARIOS.len(),
        "docs/ADVICE.md has rows the test does not know"
    );
}

#[test]
fn presets_give_the_answer_of_their_scenario() {
    let cat = Catalog::builtin();
    for preset in &cat.presets {
        let s = SCENARIOS
            .iter()
            .find(|s| {
                s.name
                    .to_lowercase()
                    .starts_with(&preset.title.to_lowercase())
            })
            .unwrap_or_else(|| panic!("no scenario for preset {}", preset.id));
        let mut a: Vec<&str> = preset.requirements.iter().map(|s| s.as_ref()).collect();
        let mut b: Vec<&str> = s.ticks.split_whitespace().collect();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b, "{}", preset.id);
    }
}

#[test]
fn nothing_ticked_is_neutral_with_a_hint_and_no_answers() {
    let r = run("");
    assert!(r.neutral && r.hint.is_some_and(|h| !h.is_empty()));
    assert!(r.stores.is_empty() && r.migrations.is_empty() && r.conflicts.is_empty());
    assert!(r.checklist.iter().all(|c| c.answer.is_none()));
    assert_eq!(r.checklist.len(), 10);
    assert_eq!(run("no-such-thing"), r, "unknown ids are ignored");
    assert!(!run("acid").neutral);
}

#[test]
fn cards_carry_examples_trade_offs_steps_and_catalogue_links() {
    let r = run("acid full-text schema-change no-data-loss");
    assert_eq!(r.primary_store.examples, ["PostgreSQL", "MySQL"]);
    assert_eq!(r.primary_store.catalog_ref, "cat-relational");
    let search = &r.stores[0];
    assert_eq!(search.examples, ["Elasticsearch", "Algolia"]);
    assert_eq!(search.role, Some(StoreRole::Alongside));
    assert_eq!(r.replication.trade_offs, ["Balance"]);
    assert!(r.replication.examples[0].starts_with("PostgreSQL synchronous replication"));
    assert_eq!(r.consistency.trade_offs.len(), 3);
    let ec = &r.migrations[0];
    assert_eq!(ec.steps.len(), 4);
    assert!(ec.steps[0].contains("Add new column"));
    assert!(r
        .cards()
        .all(|c| c.catalog_ref.starts_with("cat-") && !c.title.is_empty()));
}

#[test]
fn the_level_card_does_its_arithmetic_in_the_primary_stores_terms() {
    let r = run("financial acid no-data-loss");
    let level = &r.consistency_level;
    let q = level.quorum.expect("the level card carries its arithmetic");
    assert_eq!((q.copies, q.write, q.read), (3, 2, None));
    assert!(q.reads_see_latest() && q.survives_primary_loss());
    assert!(level
        .notes
        .iter()
        .any(|n| n.starts_with("PostgreSQL: synchronous_commit")));
    assert!(level.notes.iter().all(|n| !n.starts_with("Cassandra")));
    // Several primaries: Cassandra's own terms, strong only within a region.
    let r = run("flexible-schema local-writes multi-region");
    let q = r.consistency_level.quorum.unwrap();
    assert_eq!((q.write, q.read, q.regions, q.local), (2, Some(2), 2, true));
    assert!(q.reads_see_latest() && !q.across_regions());
    assert!(r.consistency_level.notes[0].starts_with("Cassandra: writes at LOCAL_QUORUM"));
    // With low latency, reads are LOCAL_ONE: Cassandra's terms must not say LOCAL_QUORUM reads only.
    let r = run("flexible-schema local-writes multi-region low-latency");
    let q = r.consistency_level.quorum.unwrap();
    assert_eq!(q.read, Some(1));
    let terms = r
        .consistency_level
        .notes
        .iter()
        .find(|n| n.starts_with("Cassandra"))
        .unwrap();
    assert!(
        terms.contains("or at LOCAL_ONE where a read may lag"),
        "{terms}"
    );
    // Multi-primary on a relational store says plainly that it takes an extension.
    let r = run("relationships-matter local-writes multi-region");
    assert!(r.replication.examples[0].starts_with("PostgreSQL has no built-in multi-primary"));
}

#[test]
fn a_level_that_follows_default_model_and_replication_is_a_default_too() {
    // No tick bears on consistency or replication: both are the catalogue's defaults, and so is the level.
    for ticks in [
        "relationships-matter",
        "full-text read-heavy",
        "graph",
        "blobs analytics",
    ] {
        let r = run(ticks);
        assert!(
            !r.consistency.is_assessed() && !r.replication.is_assessed(),
            "{ticks}"
        );
        let level = &r.consistency_level;
        assert_eq!(level.choice, "quorum", "{ticks}");
        assert!(!level.is_assessed(), "{ticks}: {:?}", level.notes);
        assert!(
            level.reasons_for.is_empty() && level.notes.is_empty(),
            "{ticks}"
        );
        let q = level.quorum.expect("the default keeps its arithmetic");
        assert_eq!((q.copies, q.write, q.read), (3, 2, None), "{ticks}");
        // What would change it is still said (a tick that sets the replication).
        assert!(
            level.would_change.iter().any(|c| c.becomes == "one"),
            "{ticks}"
        );
    }
    // Either one assessed makes the level advice, with the setting in the primary store's terms.
    for ticks in [
        "acid",
        "no-data-loss",
        "social-feed",
        "multi-region",
        "strong-consistency graph",
    ] {
        let r = run(ticks);
        assert!(
            r.consistency.is_assessed() || r.replication.is_assessed(),
            "{ticks}"
        );
        let level = &r.consistency_level;
        assert!(level.is_assessed(), "{ticks}");
        assert!(
            level
                .notes
                .iter()
                .any(|n| n.starts_with("PostgreSQL") || n.starts_with("MongoDB")),
            "{ticks}: {:?}",
            level.notes
        );
    }
    // Several regions are a replication note only (one write region), yet they decide the level's regions.
    let r = run("multi-region");
    assert!(r.replication.reasons_for.is_empty() && r.replication.is_assessed());
    assert_eq!(r.consistency_level.quorum.unwrap().regions, 2);
}

#[test]
fn close_calls_are_shown_with_the_tick_that_decides_them() {
    let r = run("acid flexible-schema");
    let cc = r
        .primary_store
        .close_call
        .as_ref()
        .expect("a tie is a close call");
    assert_eq!((cc.rival, cc.margin), ("document", 0));
    assert!(cc.deciders.iter().any(|d| d.requirement == "hierarchical"));
    // A clear win is not a close call.
    assert!(run("acid relationships-matter sql-expertise")
        .primary_store
        .close_call
        .is_none());
    // Nothing ticked: a default, not a close call.
    assert!(run("").primary_store.close_call.is_none());
}

#[test]
fn checklist_answers_come_from_the_choices() {
    let r = run("acid full-text microservices");
    let answer = |id: &str| r.checklist_item(id).unwrap().answer.clone();
    assert_eq!(
        answer("svc-storage").as_deref(),
        Some("PostgreSQL (relational); Elasticsearch (search)")
    );
    assert_eq!(
        answer("svc-consistency").as_deref(),
        Some("Strong consistency; QUORUM: writes on 2 of 3 copies, reads from the primary")
    );
    assert!(answer("sys-replication").unwrap().starts_with("Semi-sync"));
    assert!(answer("sys-data-access")
        .unwrap()
        .contains("Database per service"));
    assert_eq!(answer("svc-owned-data"), None);
}

#[test]
fn would_change_names_the_tick_that_flips_a_choice() {
    let r = run("acid");
    let c = r
        .replication
        .would_change
        .iter()
        .find(|c| c.requirement == "local-writes")
        .unwrap();
    assert_eq!(c.becomes, "multi-primary");
    let r = run("social-feed");
    let c = r
        .consistency
        .would_change
        .iter()
        .find(|c| c.requirement == "social-feed")
        .unwrap();
    assert_eq!(
        (c.becomes, c.toggle),
        ("strong", strata_core::engine::Toggle::Untick)
    );
    // Reasons against the chosen option name the rival's pull.
    let r = run("social-feed strong-consistency shopping-cart");
    assert_eq!(r.consistency.choice, "strong");
    assert!(r
        .consistency
        .reasons_against
        .iter()
        .any(|x| x.requirement == "social-feed"));
}

#[test]
fn notes_carry_the_seeds_nuances() {
    // Database per service with ACID: transactions across services become sagas with an outbox.
    let r = run("microservices financial");
    let dbps = r.pattern("database-per-service").unwrap();
    assert!(dbps
        .notes
        .iter()
        .any(|n| n.contains("saga") && n.contains("outbox")));
    // An audit trail alone: the lighter answer is named.
    let r = run("audit-trail");
    let cqrs = r.pattern("cqrs-event-sourcing").unwrap();
    assert!(cqrs
        .notes
        .iter()
        .any(|n| n.contains("audit table") && n.contains("change data capture")));
    // Recommended for rebuilt views: no "lighter answer", but where the events live.
    let r = run("audit-trail rebuild-views");
    let notes = &r.pattern("cqrs-event-sourcing").unwrap().notes;
    assert!(notes.iter().all(|n| !n.contains("audit table")));
    assert!(notes.iter().any(|n| n.contains("append-only table")
        && n.contains("not where an aggregate's history is kept")));
    // A store alongside says what its data may lag or lose; a cart's store says it must persist.
    let r = run("acid analytics shopping-cart key-value");
    let columnar = r.stores.iter().find(|c| c.choice == "columnar").unwrap();
    assert!(columnar.notes[0].starts_with("Fed from the primary store and eventually consistent"));
    let kv = r.stores.iter().find(|c| c.choice == "key-value").unwrap();
    assert!(kv.notes.iter().any(|n| n.contains("not Memcached")));
    // A small team with a document primary starts from the document store's own features.
    let r = run("small-team flexible-schema hierarchical full-text time-series key-value");
    assert_eq!(r.primary_store.choice, "document");
    let search = r.stores.iter().find(|c| c.choice == "search").unwrap();
    assert!(
        search
            .notes
            .iter()
            .any(|n| n.contains("MongoDB text indexes")),
        "{:?}",
        search.notes
    );
    // A small team is shown the lighter way for each store that has one.
    let r = run("small-team acid full-text time-series key-value");
    let search = r.stores.iter().find(|c| c.choice == "search").unwrap();
    assert_eq!(search.verdict, Verdict::Acceptable);
    assert!(search
        .notes
        .iter()
        .any(|n| n.contains("PostgreSQL full-text search")));
    // Conflicts say the way out.
    assert!(run("strong-consistency social-feed").conflicts[0]
        .resolution
        .starts_with("Split the data"));
}

/// The seed's columnar examples are not alike: a dashboard that must answer at once, or a stream analysed as it
/// arrives, is told which one is built for it; a plain report is not.
#[test]
fn fast_or_streaming_analytics_is_told_which_columnar_store_answers_at_once() {
    let note = |ticks: &str| {
        let reqs: Requirements = ticks.split(' ').map(String::from).collect();
        let rec = recommend(Catalog::builtin(), &reqs);
        let columnar = rec.stores.iter().find(|c| c.choice == "columnar").unwrap();
        columnar
            .notes
            .iter()
            .any(|n| n.contains("ClickHouse answers dashboards in milliseconds"))
    };
    assert!(note("analytics low-latency"));
    assert!(note("analytics streaming"));
    assert!(!note("analytics"));
}
