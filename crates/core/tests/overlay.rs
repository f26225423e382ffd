//! Organisation catalogues: an overlay merged into the built-in catalogue changes what the cards show (systems,
//! statuses, managed services, notes, links, the catalogue's name) and, through rule weights, the advice; every
//! mistake in an overlay file is refused with a message that names its place and what was expected.

use serde_json::json;
use strata_core::card_html::card_body;
use strata_core::catalog::overlay::{
    apply, check_size, load, read, OverlayError, OverlayErrorKind, MAX_ERRORS, MAX_OVERLAY_BYTES,
};
use strata_core::catalog::{Catalog, Overlay, Status};
use strata_core::engine::{recommend, Card, Recommendation, Requirements};

const EXAMPLE: &str = include_str!("../../../docs/catalog/example-org.json");

fn builtin() -> &'static Catalog {
    Catalog::builtin()
}

fn ticks(ids: &[&str]) -> Requirements {
    ids.iter().map(|s| s.to_string()).collect()
}

/// The organisation catalogue made from an overlay written as a JSON value (with a name and date added when
/// the value has none).
fn org(mut overlay: serde_json::Value) -> Result<Catalog, Vec<String>> {
    let fields = overlay.as_object_mut().unwrap();
    fields.entry("name").or_insert(json!("Acme"));
    fields.entry("reviewed").or_insert(json!("2026-11-20"));
    load(builtin(), overlay.to_string().as_bytes())
        .map_err(|errors| errors.iter().map(ToString::to_string).collect())
}

/// The messages a user sees for an overlay file.
fn messages(text: &str) -> Vec<String> {
    match load(builtin(), text.as_bytes()) {
        Ok(_) => panic!("expected {text} to be refused"),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

/// The messages for an overlay given as JSON (name and date added when absent).
fn refused(overlay: serde_json::Value) -> Vec<String> {
    match org(overlay.clone()) {
        Ok(_) => panic!("expected {overlay} to be refused"),
        Err(messages) => messages,
    }
}

fn example() -> Catalog {
    load(builtin(), EXAMPLE.as_bytes()).unwrap_or_else(|e| panic!("the example loads: {e:?}"))
}

fn store_card<'a>(rec: &'a Recommendation, id: &str) -> &'a Card<'a> {
    if rec.primary_store.choice == id {
        return &rec.primary_store;
    }
    rec.stores
        .iter()
        .find(|c| c.choice == id)
        .unwrap_or_else(|| panic!("no {id} card"))
}

// ---- merging ---------------------------------------------------------------------------------------------

#[test]
fn the_example_names_the_catalogue_and_keeps_the_builtin_as_it_was() {
    let before = builtin().clone();
    let acme = example();
    assert_eq!(
        builtin(),
        &before,
        "apply must not change the catalogue it is given"
    );
    assert_eq!(acme.display_name(), "Acme");
    assert_eq!(acme.label(), "Acme 2026-11");
    let org = acme.organisation.as_ref().unwrap();
    assert_eq!(
        (org.version.as_ref(), org.reviewed.as_ref()),
        ("2026-11", "2026-11-20")
    );
    assert_eq!(org.links[0].url, "https://wiki.acme.example/data-platform");
    // The built-in catalogue's own name and review date stay, for the exports.
    assert_eq!(
        (acme.name.as_ref(), acme.reviewed.as_ref()),
        ("Strata", builtin().reviewed.as_ref())
    );
    assert_eq!(
        builtin().label(),
        format!("Strata {}", &builtin().reviewed[..7])
    );
}

#[test]
fn the_example_adds_removes_renames_and_maps_systems() {
    let acme = example();
    let kv = acme.store("key-value").unwrap();
    assert_eq!(
        kv.examples,
        ["Redis", "Cassandra"],
        "Memcached removed, Cassandra added"
    );
    let cassandra = kv.systems.iter().find(|s| s.name == "Cassandra").unwrap();
    assert_eq!(cassandra.status, Some(Status::Hold));
    assert_eq!(
        cassandra.managed.aws.as_deref(),
        Some(&["Amazon Keyspaces (for Apache Cassandra)".into()][..])
    );
    assert!(kv.systems.iter().all(|s| s.name != "Memcached"));

    let objects = acme.store("object-store").unwrap();
    assert_eq!(objects.examples, ["Amazon S3", "GCS", "Azure Blob"]);
    let s3 = objects
        .systems
        .iter()
        .find(|s| s.name == "Amazon S3")
        .unwrap();
    assert_eq!(
        s3.managed.aws.as_deref().unwrap(),
        ["Amazon S3"],
        "the details follow a renamed system"
    );
    assert_eq!(s3.status, Some(Status::Adopt));

    // A cloud the overlay names is replaced; the others keep the built-in catalogue's services.
    let log = acme.store("log").unwrap();
    let kafka = log.systems.iter().find(|s| s.name == "Kafka").unwrap();
    assert_eq!(
        kafka.managed.aws.as_deref().unwrap(),
        ["Amazon MSK (Managed Streaming for Apache Kafka)"]
    );
    assert_eq!(
        kafka.managed.azure.as_deref().unwrap(),
        ["Azure Event Hubs (Kafka API)"]
    );
    assert_eq!(
        kafka.notes.len(),
        2,
        "the organisation's note is added after the built-in one"
    );
    assert_eq!(
        kafka.notes[1],
        "Acme's event log: one MSK cluster per domain."
    );

    let rule = acme
        .rules
        .iter()
        .find(|r| r.requirement == "sql-expertise" && r.option == "relational")
        .unwrap();
    assert_eq!(rule.weight, 3);
    assert!(rule.why.starts_with("Acme's teams know PostgreSQL"));
}

#[test]
fn marking_mongodb_hold_makes_dynamodb_the_first_document_example() {
    let overlay = json!({"stores": [{"store": "document", "systems": [{"name": "MongoDB", "status": "hold"}]}]});
    let cat = org(overlay).unwrap();
    let rec = recommend(&cat, &ticks(&["flexible-schema", "hierarchical"]));
    assert_eq!(rec.primary_store.choice, "document");
    assert_eq!(rec.primary_store.examples, ["DynamoDB", "MongoDB"]);
    assert_eq!(rec.primary_store.systems[1].status, Some(Status::Hold));
    // And the built-in order is the seed's.
    let plain = recommend(builtin(), &ticks(&["flexible-schema", "hierarchical"]));
    assert_eq!(plain.primary_store.examples, ["MongoDB", "DynamoDB"]);
    // The checklist's answer and the diagrams name the first example.
    let answer = rec
        .checklist_item("svc-storage")
        .and_then(|i| i.answer.clone());
    assert_eq!(answer.as_deref(), Some("DynamoDB (document)"));
}

#[test]
fn cards_list_systems_adopt_then_trial_then_unmarked_then_hold() {
    let overlay = json!({"stores": [{"store": "columnar", "systems": [
        {"name": "BigQuery", "status": "hold"},
        {"name": "ClickHouse", "status": "trial"},
    ], "add": [{"name": "Amazon Redshift", "status": "adopt"}, {"name": "DuckDB"}]}]});
    let cat = org(overlay).unwrap();
    let rec = recommend(&cat, &ticks(&["analytics"]));
    let card = store_card(&rec, "columnar");
    assert_eq!(
        card.examples,
        [
            "Amazon Redshift",
            "ClickHouse",
            "Snowflake",
            "DuckDB",
            "BigQuery"
        ]
    );
    let names: Vec<&str> = card.systems.iter().map(|s| s.name).collect();
    assert_eq!(names, card.examples);
}

#[test]
fn a_card_shows_status_managed_services_notes_and_links() {
    let acme = example();
    let rec = recommend(&acme, &ticks(&["flexible-schema", "hierarchical"]));
    let html = card_body(&rec.primary_store, &acme);
    assert!(html.contains(
        "<li><strong>DynamoDB</strong> <span class=\"badge status adopt\">Adopt</span><div class=\"managed\">Managed: AWS: Amazon DynamoDB; Azure: none; Google Cloud: none</div>"
    ), "{html}");
    assert!(html.contains(
        "<div class=\"system-links\"><a href=\"https://wiki.acme.example/data-platform/dynamodb\" target=\"_blank\" rel=\"noopener\">DynamoDB at Acme</a></div>"
    ), "{html}");
    assert!(
        html.contains("<li><strong>MongoDB</strong> <span class=\"badge status hold\">Hold</span>"),
        "{html}"
    );
    assert!(
        html.contains("<div class=\"system-note\">No new MongoDB clusters;"),
        "{html}"
    );
    assert!(html.find("DynamoDB").unwrap() < html.find("MongoDB").unwrap());
    // The built-in catalogue's cards show the managed services too, without statuses.
    let plain = recommend(builtin(), &ticks(&["streaming"]));
    let html = card_body(store_card(&plain, "log"), builtin());
    assert!(html.contains("Managed: AWS: Amazon MSK (Managed Streaming for Apache Kafka); Azure: Azure Event Hubs (Kafka API); Google Cloud: Google Cloud Managed Service for Apache Kafka"), "{html}");
    assert!(!html.contains("badge status"), "{html}");
}

#[test]
fn text_from_an_overlay_is_escaped_on_the_card() {
    let overlay = json!({"stores": [{"store": "search", "add": [{
        "name": "<img src=x onerror=alert(1)>",
        "status": "trial",
        "managed": {"aws": ["\"><script>"]},
        "notes": ["<b>bold</b> & co"],
        "links": [{"title": "<i>guide</i>", "url": "https://wiki.acme.example/a?b=\"c\"&d=<e>"}]
    }]}]});
    let cat = org(overlay).unwrap();
    let rec = recommend(&cat, &ticks(&["full-text"]));
    let html = card_body(store_card(&rec, "search"), &cat);
    assert!(
        !html.contains("<img")
            && !html.contains("<script")
            && !html.contains("<b>")
            && !html.contains("<i>"),
        "{html}"
    );
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    assert!(
        html.contains("href=\"https://wiki.acme.example/a?b=&quot;c&quot;&amp;d=&lt;e&gt;\""),
        "{html}"
    );
}

#[test]
fn an_overlay_without_rules_leaves_the_advice_as_it_was() {
    let acme_without_rules = {
        let mut overlay: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
        overlay.as_object_mut().unwrap().remove("rules");
        org(overlay).unwrap()
    };
    for preset in &builtin().presets {
        let reqs: Requirements = preset.requirements.iter().cloned().collect();
        let outline = |rec: &Recommendation| -> Vec<(String, String, String)> {
            rec.cards()
                .map(|c| {
                    (
                        c.section.as_str().into(),
                        c.choice.into(),
                        c.verdict.as_str().into(),
                    )
                })
                .collect()
        };
        assert_eq!(
            outline(&recommend(&acme_without_rules, &reqs)),
            outline(&recommend(builtin(), &reqs)),
            "preset {}",
            preset.id
        );
    }
}

#[test]
fn weights_nudged_within_bounds_change_a_close_call_as_expected() {
    let both = ticks(&["acid", "flexible-schema"]);
    // Built in: ACID (+3) and a flexible schema (+3) tie; relational wins by default, as a close call.
    let rec = recommend(builtin(), &both);
    assert_eq!(rec.primary_store.choice, "relational");
    let close = rec.primary_store.close_call.as_ref().unwrap();
    assert_eq!((close.rival, close.margin), ("document", 0));

    // Flexible schema weighs 4: document wins, and relational is now the close call, one point behind.
    let nudged = org(json!({"rules": [
        {"requirement": "flexible-schema", "section": "primary-store", "option": "document", "weight": 4}
    ]}))
    .unwrap();
    let rec = recommend(&nudged, &both);
    assert_eq!(rec.primary_store.choice, "document");
    let close = rec.primary_store.close_call.as_ref().unwrap();
    assert_eq!((close.rival, close.margin), ("relational", 1));

    // ACID weighs 5: relational wins by 2, beyond the close-call margin of 1.
    let firm = org(json!({"rules": [
        {"requirement": "acid", "section": "primary-store", "option": "relational", "weight": 5}
    ]}))
    .unwrap();
    let rec = recommend(&firm, &both);
    assert_eq!(rec.primary_store.choice, "relational");
    assert!(rec.primary_store.close_call.is_none());
    let acid = rec
        .primary_store
        .reasons_for
        .iter()
        .find(|r| r.requirement == "acid")
        .unwrap();
    assert_eq!(acid.weight, 5, "the card shows the organisation's weight");
}

#[test]
fn an_overlay_may_add_a_rule_with_its_reason() {
    let cat = org(json!({"rules": [{
        "requirement": "small-team", "section": "store", "option": "key-value", "weight": -2,
        "why": "Acme's small teams use DynamoDB's own caching (DAX) rather than a cache of their own"
    }]}))
    .unwrap();
    let rule = cat.rules.last().unwrap();
    assert_eq!(
        (rule.requirement.as_ref(), rule.option.as_ref(), rule.weight),
        ("small-team", "key-value", -2)
    );
    let rec = recommend(&cat, &ticks(&["small-team", "key-value"]));
    let card = rec.stores.iter().find(|c| c.choice == "key-value");
    assert!(
        card.is_none(),
        "key-value (3) less the new rule (2) is below the presence threshold (2)"
    );
}

// ---- every mistake named ----------------------------------------------------------------------------------

#[test]
fn invalid_json_is_located_by_line_and_column() {
    assert_eq!(
        messages("{\n  \"name\": \"Acme\",\n  \"reviewed\": \"2026-11-20\",\n}"),
        ["line 4, column 1: trailing comma"]
    );
    assert_eq!(
        messages("{\"name\": \"Acme\" \"reviewed\": \"2026-11-20\"}"),
        ["line 1, column 17: expected `,` or `}`"]
    );
    assert_eq!(
        messages("{\"name\": \"Ac"),
        ["line 1, column 12: EOF while parsing a string"]
    );
    assert_eq!(
        messages("{\"name\": \"Acme\", \"reviewed\": \"2026-11-20\"} trailing"),
        ["line 1, column 44: trailing characters"]
    );
    assert_eq!(
        messages("  \n"),
        ["line 1, column 1: the file is empty: expected a JSON object such as {\"name\": \"Acme\", \"reviewed\": \"2026-11-20\"}"]
    );
    // Not UTF-8 text.
    let latin1 = b"{\"name\": \"Caf\xe9\", \"reviewed\": \"2026-11-20\"}";
    let error = load(builtin(), latin1).unwrap_err();
    assert_eq!(error[0].kind, OverlayErrorKind::Syntax);
    assert_eq!(
        error[0].to_string(),
        "line 1, column 14: invalid unicode code point"
    );
    // A byte order mark is allowed.
    assert!(load(builtin(), format!("\u{feff}{EXAMPLE}").as_bytes()).is_ok());
}

#[test]
fn wrong_types_and_unknown_fields_give_the_path_line_and_column() {
    let shape = |text: &str| -> OverlayError {
        let errors = load(builtin(), text.as_bytes()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].kind, OverlayErrorKind::Shape, "{}", errors[0]);
        errors[0].clone()
    };
    let e = shape("{\"name\": \"Acme\", \"reviewed\": 20261120}");
    assert_eq!(
        e.to_string(),
        "reviewed: invalid type: integer `20261120`, expected a string (line 1, column 37)"
    );
    assert_eq!((e.path.as_str(), e.position), ("reviewed", Some((1, 37))));

    let text = "{\"name\": \"Acme\", \"reviewed\": \"2026-11-20\",\n \"stores\": [{\"store\": \"document\", \"sytems\": []}]}";
    assert_eq!(
        shape(text).to_string(),
        "stores[0].sytems: unknown field `sytems`, expected one of `store`, `remove`, `rename`, `add`, `systems` (line 2, column 42)"
    );
    let text = r#"{"name": "Acme", "reviewed": "2026-11-20", "stores": [{"store": "document", "systems": [{"name": "MongoDB", "status": "retire"}]}]}"#;
    assert_eq!(
        shape(text).to_string(),
        "stores[0].systems[0].status: unknown variant `retire`, expected one of `adopt`, `trial`, `hold` (line 1, column 126)"
    );
    let text = r#"{"name": "Acme", "reviewed": "2026-11-20", "rules": [{"requirement": "acid", "section": "store", "option": "relational", "weight": "high"}]}"#;
    assert_eq!(
        shape(text).to_string(),
        "rules[0].weight: invalid type: string \"high\", expected i32 (line 1, column 137)"
    );
    assert_eq!(
        shape(r#"{"name": "Acme", "name": "Acme 2", "reviewed": "2026-11-20"}"#).to_string(),
        "duplicate field `name` (line 1, column 23)"
    );
    assert_eq!(
        shape(r#"{"reviewed": "2026-11-20"}"#).to_string(),
        "missing field `name` (line 1, column 26)"
    );
    assert_eq!(
        shape("[]").to_string(),
        "expected a JSON object ({ … }) holding the whole overlay (line 1, column 1)"
    );
    assert_eq!(
        shape("\n  \"Acme\"").to_string(),
        "expected a JSON object ({ … }) holding the whole overlay (line 2, column 3)"
    );
}

#[test]
fn duplicates_are_refused_with_both_places() {
    assert_eq!(
        refused(json!({"stores": [
            {"store": "document", "systems": [{"name": "MongoDB", "status": "hold"}]},
            {"store": "document", "systems": [{"name": "DynamoDB", "status": "adopt"}]}
        ]})),
        ["stores[1].store: 'document' is already changed by stores[0]: put all changes to a store kind in one entry"]
    );
    assert_eq!(
        refused(json!({"stores": [{"store": "document", "systems": [
            {"name": "MongoDB", "status": "hold"}, {"name": "MongoDB", "status": "adopt"}
        ]}]})),
        ["stores[0].systems[1].name: 'MongoDB' is described twice (also in systems[0]): say it all in one entry"]
    );
    assert_eq!(
        refused(json!({"stores": [{"store": "relational", "add": [{"name": "PostgreSQL"}]}]})),
        ["stores[0].add[0].name: 'PostgreSQL' is already a system of 'relational': describe it under systems"]
    );
    assert_eq!(
        refused(
            json!({"stores": [{"store": "relational", "rename": [{"from": "MySQL", "to": "PostgreSQL"}]}]})
        ),
        ["stores[0].rename[0].to: 'PostgreSQL' is already a system of 'relational'"]
    );
    assert_eq!(
        refused(json!({"rules": [
            {"requirement": "acid", "section": "primary-store", "option": "relational", "weight": 4},
            {"requirement": "acid", "section": "primary-store", "option": "relational", "weight": 5}
        ]})),
        ["rules[1]: duplicates rules[0] (acid → primary-store/relational)"]
    );
}

#[test]
fn rules_must_name_known_requirements_sections_and_options() {
    let rule = |requirement: &str, section: &str, option: &str, weight: i32| {
        refused(
            json!({"rules": [{"requirement": requirement, "section": section, "option": option, "weight": weight, "why": "because"}]}),
        )
    };
    assert_eq!(
        rule("q", "store", "graph", 2),
        ["rules[0].requirement: unknown requirement 'q'"]
    );
    assert_eq!(
        rule("acid", "consistency-level", "quorum", 2),
        ["rules[0].section: the consistency level takes no rules: it follows from the consistency model and the replication"]
    );
    assert_eq!(
        rule("acid", "stores", "graph", 2),
        ["rules[0].section: unknown section 'stores' (the sections: primary-store, store, consistency, replication, pattern, migration)"]
    );
    assert_eq!(
        rule("acid", "primary-store", "graph", 2),
        ["rules[0].option: unknown option 'graph' in section 'primary-store' (its options: relational, document)"]
    );
    assert_eq!(
        refused(
            json!({"rules": [{"requirement": "acid", "section": "store", "option": "graph", "weight": 2}]})
        ),
        ["rules[0].why: the catalogue has no rule acid → store/graph: a new rule needs a 'why'"]
    );
}

#[test]
fn weights_out_of_bounds_are_refused() {
    for weight in [11, -11, 0, 1000] {
        let errors = refused(json!({"rules": [
            {"requirement": "acid", "section": "primary-store", "option": "relational", "weight": weight}
        ]}));
        assert_eq!(
            errors,
            [format!(
                "rules[0].weight: {weight} is out of bounds (allowed: -10 to 10, not 0)"
            )]
        );
    }
    for weight in [10, -10] {
        let cat = org(json!({"rules": [
            {"requirement": "acid", "section": "primary-store", "option": "relational", "weight": weight}
        ]}));
        assert!(cat.is_ok(), "{weight} is within bounds");
    }
    // Beyond what an i32 holds: a shape error, with its place.
    let text = r#"{"name": "Acme", "reviewed": "2026-11-20", "rules": [{"requirement": "acid", "section": "store", "option": "relational", "weight": 99999999999}]}"#;
    assert_eq!(
        messages(text),
        ["rules[0].weight: invalid value: integer `99999999999`, expected i32 (line 1, column 142)"]
    );
}

#[test]
fn unknown_store_kinds_and_systems_are_named_with_what_there_is() {
    assert_eq!(
        refused(json!({"stores": [{"store": "wide-column", "add": [{"name": "Cassandra"}]}]})),
        ["stores[0].store: unknown store kind 'wide-column' (the store kinds: relational, document, key-value, graph, time-series, search, columnar, object-store, log)"]
    );
    assert_eq!(
        refused(json!({"stores": [{"store": "relational", "systems": [{"name": "Postgres", "status": "adopt"}]}]})),
        ["stores[0].systems[0].name: 'Postgres' is not a system of 'relational' (its systems: PostgreSQL, MySQL); to add a system, list it under add"]
    );
    assert_eq!(
        refused(json!({"stores": [{"store": "relational", "remove": ["Oracle"]}]})),
        ["stores[0].remove[0]: 'Oracle' is not a system of 'relational' (its systems: PostgreSQL, MySQL)"]
    );
    assert_eq!(
        refused(
            json!({"stores": [{"store": "relational", "remove": ["MySQL", "PostgreSQL"], "rename": [{"from": "MySQL", "to": "MariaDB"}]}]})
        ),
        ["stores[0].rename[0].from: 'MySQL' is not a system of 'relational' (it has none left)"]
    );
    // A removed system cannot be described afterwards; a renamed one is described by its new name.
    assert_eq!(
        refused(json!({"stores": [{"store": "relational", "rename": [{"from": "MySQL", "to": "MariaDB"}], "systems": [{"name": "MySQL", "status": "hold"}]}]})),
        ["stores[0].systems[0].name: 'MySQL' is not a system of 'relational' (its systems: PostgreSQL, MariaDB); to add a system, list it under add"]
    );
}

#[test]
fn only_http_and_https_links_are_accepted() {
    let link = |url: &str| refused(json!({"links": [{"title": "Wiki", "url": url}]}));
    assert_eq!(
        link("javascript:alert(1)"),
        ["links[0].url: 'javascript:alert(1)' is not an http or https address"]
    );
    assert_eq!(
        link("JavaScript:alert(1)"),
        ["links[0].url: 'JavaScript:alert(1)' is not an http or https address"]
    );
    assert_eq!(
        link("data:text/html,<b>x</b>"),
        ["links[0].url: 'data:text/html,<b>x</b>' is not an http or https address"]
    );
    assert_eq!(
        link("ftp://files.acme.example/"),
        ["links[0].url: 'ftp://files.acme.example/' is not an http or https address"]
    );
    assert_eq!(
        link("/wiki/data"),
        ["links[0].url: '/wiki/data' is not an http or https address"]
    );
    assert_eq!(
        link("https://"),
        ["links[0].url: 'https://' has no host name"]
    );
    assert_eq!(
        link("https://wiki.acme.example/data platform"),
        ["links[0].url: 'https://wiki.acme.example/data platform' contains spaces or control characters (write them %-encoded)"]
    );
    assert_eq!(
        refused(
            json!({"stores": [{"store": "log", "systems": [{"name": "Kafka", "links": [{"title": " ", "url": "vbscript:x"}]}]}]})
        ),
        [
            "stores[0].systems[0].links[0].title: a link needs a title",
            "stores[0].systems[0].links[0].url: 'vbscript:x' is not an http or https address",
        ]
    );
    assert!(org(
        json!({"links": [{"title": "Wiki", "url": "HTTPS://wiki.acme.example/data?x=1#top"}]})
    )
    .is_ok());
}

#[test]
fn the_review_date_must_be_a_real_date_written_yyyy_mm_dd() {
    for date in [
        "2026-13-01",
        "20-11-2026",
        "2026-11-31",
        "2026-02-29",
        "2026-1-20",
        "",
        "2026-11-20T10:00",
    ] {
        assert_eq!(
            refused(json!({"reviewed": date})),
            [format!(
                "reviewed: '{date}' is not a date written YYYY-MM-DD (e.g. 2026-11-20)"
            )]
        );
    }
    assert!(org(json!({"reviewed": "2028-02-29"})).is_ok(), "a leap day");
}

#[test]
fn a_store_kind_lists_at_most_24_systems() {
    let adds: Vec<serde_json::Value> = (0..30)
        .map(|i| json!({"name": format!("Store {i}")}))
        .collect();
    assert_eq!(
        refused(json!({"stores": [{"store": "graph", "add": adds}]})),
        ["stores[0].add[22].name: 'graph' would list more than 24 systems: remove some first"]
    );
    let adds: Vec<serde_json::Value> = (0..22)
        .map(|i| json!({"name": format!("Store {i}")}))
        .collect();
    assert!(org(json!({"stores": [{"store": "graph", "add": adds}]})).is_ok());
}

#[test]
fn names_notes_and_format_are_checked() {
    assert_eq!(
        refused(json!({"name": "  "})),
        ["name: a name cannot be empty"]
    );
    assert_eq!(
        refused(json!({"name": "A".repeat(81)})),
        [format!(
            "name: '{}…' is longer than 80 characters",
            "A".repeat(60)
        )]
    );
    assert_eq!(
        refused(json!({"format": 2})),
        ["format: format 2 is not supported: this Strata reads format 1"]
    );
    assert_eq!(
        refused(json!({"notes": ["ok", ""]})),
        ["notes[1]: empty note"]
    );
    assert_eq!(
        refused(
            json!({"stores": [{"store": "graph", "add": [{"name": "TigerGraph", "managed": {"aws": [""]}}]}]})
        ),
        ["stores[0].add[0].managed.aws[0]: a name cannot be empty"]
    );
}

#[test]
fn every_problem_is_reported_at_once_up_to_a_limit() {
    let errors = refused(json!({
        "reviewed": "soon",
        "links": [{"title": "Wiki", "url": "javascript:x"}],
        "stores": [{"store": "nosql"}],
        "rules": [{"requirement": "q", "section": "store", "option": "graph", "weight": 50}]
    }));
    assert_eq!(errors.len(), 5, "{errors:#?}");
    assert!(errors[0].starts_with("reviewed: "));
    assert!(errors[1].starts_with("links[0].url: "));
    assert!(errors[2].starts_with("stores[0].store: "));
    assert!(errors[3].starts_with("rules[0].requirement: "));
    assert!(errors[4].starts_with("rules[0].weight: "));

    let many: Vec<serde_json::Value> = (0..30).map(|i| json!(format!("Nope {i}"))).collect();
    let errors = refused(json!({"stores": [{"store": "relational", "remove": many}]}));
    assert_eq!(errors.len(), MAX_ERRORS + 1);
    assert_eq!(errors[MAX_ERRORS], "and 10 more problems not listed");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_parsed() {
    // 20 MB that is not JSON at all: refused for its size, so it was never parsed.
    let huge = vec![b'x'; 20_000_000];
    let started = std::time::Instant::now();
    let error = read(&huge).unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(error.kind, OverlayErrorKind::TooLarge);
    assert_eq!(
        error.to_string(),
        "the file is 20.0 MB (20000000 bytes); an organisation catalogue may be at most 1.0 MB — is this the right file?"
    );
    assert!(elapsed.as_millis() < 50, "refusing took {elapsed:?}");
    // Valid JSON just over the limit is refused too; at the limit it is read.
    let padded = |len: usize| {
        let head = r#"{"name": "Acme", "reviewed": "2026-11-20", "notes": [""#;
        let tail = "\"]}";
        format!("{head}{}{tail}", "n".repeat(len - head.len() - tail.len()))
    };
    assert_eq!(
        read(padded(MAX_OVERLAY_BYTES + 1).as_bytes())
            .unwrap_err()
            .kind,
        OverlayErrorKind::TooLarge
    );
    assert!(read(padded(MAX_OVERLAY_BYTES).as_bytes()).is_ok());
    // The app can refuse a file from its size alone, before reading it.
    assert!(check_size(MAX_OVERLAY_BYTES as u64).is_ok());
    assert_eq!(check_size(25_300).map_err(|e| e.kind), Ok(()));
    assert!(check_size(1_500_000)
        .unwrap_err()
        .to_string()
        .starts_with("the file is 1.5 MB (1500000 bytes)"));
}

#[test]
fn an_overlay_is_typed_and_applies_without_json() {
    let overlay = Overlay {
        name: "Initech".into(),
        reviewed: "2026-10-01".into(),
        ..Overlay::default()
    };
    let cat = apply(builtin(), &overlay).unwrap();
    assert_eq!(cat.label(), "Initech 2026-10");
    assert_eq!(builtin().with_overlay(&overlay).unwrap(), cat);
    // The merged catalogue crosses the module boundary as postcard bytes like the built-in one.
    assert_eq!(Catalog::from_postcard(&cat.to_postcard()).unwrap(), cat);
}

// ---- exports ----------------------------------------------------------------------------------------------

#[test]
fn exports_record_which_catalogue_produced_the_advice() {
    use strata_core::decision::{Decision, Service};
    use strata_core::export::{adr_markdown, decision_json};
    let decision = Decision {
        title: "Catalogue service".into(),
        services: vec![Service {
            name: "Catalogue".into(),
            requirements: ticks(&["flexible-schema", "hierarchical"]),
            ..Service::default()
        }],
        checklist: Default::default(),
        catalogue: String::new(),
    };
    let built_in_date = &builtin().reviewed;

    let plain = recommend(builtin(), decision.requirements());
    let record: serde_json::Value =
        serde_json::from_str(&decision_json(builtin(), &decision, &plain)).unwrap();
    assert_eq!(
        record["catalog"],
        json!({"name": "Strata", "version": 1, "reviewed": built_in_date,
               "label": format!("Strata {}", &built_in_date[..7]), "organisation": null})
    );
    let adr = adr_markdown(builtin(), &decision, &plain, "");
    assert!(
        adr.ends_with(&format!(
            "Generated by Strata from catalogue version 1 (reviewed {built_in_date}).\n"
        )),
        "{adr}"
    );

    let acme = example();
    let rec = recommend(&acme, decision.requirements());
    let record: serde_json::Value =
        serde_json::from_str(&decision_json(&acme, &decision, &rec)).unwrap();
    assert_eq!(
        record["catalog"]["organisation"],
        json!({"name": "Acme", "version": "2026-11", "reviewed": "2026-11-20"})
    );
    assert_eq!(record["catalog"]["label"], "Acme 2026-11");
    let primary = &record["recommendation"]["cards"][0];
    assert_eq!(primary["examples"], json!(["DynamoDB", "MongoDB"]));
    assert_eq!(
        primary["systems"][0],
        json!({"name": "DynamoDB", "status": "adopt",
               "managed": {"aws": ["Amazon DynamoDB"], "azure": [], "gcp": []}})
    );
    assert_eq!(primary["systems"][1]["status"], "hold");
    let adr = adr_markdown(&acme, &decision, &rec, "");
    assert!(
        adr.contains("\"Document\" (e.g. DynamoDB (adopt), MongoDB (hold))"),
        "{adr}"
    );
    assert!(adr.ends_with(&format!(
        "Generated by Strata from catalogue version 1 (reviewed {built_in_date}) with the organisation catalogue Acme version 2026-11 (reviewed 2026-11-20).\n"
    )), "{adr}");
}

/// A file just under the size limit, made of thousands of entries, is checked in linear time: duplicates are
/// found by lookup, not by comparing every pair (which took seconds for these files).
#[test]
fn the_largest_files_are_checked_quickly() {
    let near_limit = |entry: &str, list: &str| -> String {
        let tail = if list.contains("[{") { "]}]}" } else { "]}" };
        let mut text = format!(r#"{{"name": "Acme", "reviewed": "2026-11-20", {list}"#);
        for i in 0.. {
            let next = entry.replace("{i}", &i.to_string());
            if text.len() + next.len() + 1 + tail.len() > MAX_OVERLAY_BYTES {
                break;
            }
            if i > 0 {
                text.push(',');
            }
            text.push_str(&next);
        }
        text + tail
    };
    let files = [
        // Distinct entries, so that a pairwise search for duplicates would scan the whole list each time.
        near_limit(
            r#"{"requirement":"r{i}","section":"primary-store","option":"relational","weight":3}"#,
            r#""rules": ["#,
        ),
        near_limit(r#"{"store":"s{i}"}"#, r#""stores": ["#),
        near_limit(
            r#"{"name":"S{i}"}"#,
            r#""stores": [{"store": "relational", "add": ["#,
        ),
        near_limit(
            r#"{"name":"S{i}","status":"hold"}"#,
            r#""stores": [{"store": "relational", "systems": ["#,
        ),
    ];
    for file in &files {
        assert!(file.len() <= MAX_OVERLAY_BYTES, "{}", file.len());
        let overlay = read(file.as_bytes()).unwrap_or_else(|e| panic!("{e}: {}", &file[..200]));
        let started = std::time::Instant::now();
        let outcome = apply(builtin(), &overlay);
        let elapsed = started.elapsed();
        let Err(errors) = outcome else {
            panic!("{}… was accepted", &file[..80]);
        };
        assert!(errors.len() <= MAX_ERRORS + 1);
        assert!(
            elapsed.as_millis() < 1500,
            "{elapsed:?} for {}…",
            &file[..80]
        );
    }
}

#[test]
fn a_link_names_an_organisation_catalogue_by_its_address_and_keeps_it() {
    use strata_core::permalink::{decode, encode};
    let link = decode(
        "#v=1&r=acid&catalog=catalogues%2Facme.json",
        Catalog::builtin(),
    );
    assert_eq!(link.decision.catalogue, "catalogues/acme.json");
    assert!(link.has_decision && link.notices.is_empty());
    let again = encode(&link.decision, false);
    assert!(again.contains("&catalog=catalogues%2Facme.json"), "{again}");
    assert_eq!(decode(&again, Catalog::builtin()).decision, link.decision);
    // An address that cannot be one is dropped, and said so; the rest of the link still opens.
    let bad = decode("#r=acid&catalog=a%0Ab", Catalog::builtin());
    assert!(bad.decision.catalogue.is_empty());
    assert_eq!(bad.notices.len(), 1, "{:?}", bad.notices);
    assert!(bad.decision.requirements().contains("acid"));
    let long = format!("#catalog={}", "a".repeat(5000));
    assert!(decode(&long, Catalog::builtin())
        .decision
        .catalogue
        .is_empty());
}

#[test]
fn a_file_too_large_is_refused_from_its_size_alone_before_it_is_read() {
    use strata_core::catalog::overlay::{check_size, MAX_OVERLAY_BYTES};
    assert!(check_size(MAX_OVERLAY_BYTES as u64).is_ok());
    let refused = check_size(20_000_000).unwrap_err().to_string();
    assert_eq!(
        refused,
        "the file is 20.0 MB (20000000 bytes); an organisation catalogue may be at most 1.0 MB — is this the right file?"
    );
}
