//! Reading a catalogue from JSON (an organisation's, or the built-in one at build time): every mistake is
//! reported with its place, and the built-in catalogue the app decodes from postcard is the JSON file, exactly.

use proptest::prelude::*;
use strata_core::catalog::{validate, Catalog, CatalogError};
use strata_core::json::Value;

const BUILTIN: &str = include_str!("../src/catalog/catalog.json");

fn builtin() -> serde_json::Value {
    serde_json::from_str(BUILTIN).unwrap()
}

#[test]
fn the_app_decodes_exactly_the_catalogue_file() {
    let from_json = Catalog::from_json(BUILTIN).unwrap();
    assert_eq!(Catalog::builtin(), &from_json);
    // And the bytes round-trip, as a catalogue handed over by the on-demand module would.
    let again = Catalog::from_postcard(&from_json.to_postcard()).unwrap();
    assert_eq!(again, from_json);
}

#[test]
fn damaged_postcard_bytes_are_refused_without_a_panic() {
    let bytes = Catalog::builtin().to_postcard();
    assert!(Catalog::from_postcard(&[]).is_none());
    assert!(Catalog::from_postcard(&bytes[..bytes.len() / 2]).is_none());
    for cut in (0..bytes.len()).step_by(97) {
        let mut damaged = bytes.clone();
        damaged[cut] ^= 0x5a;
        let _ = Catalog::from_postcard(&damaged); // May decode to something else; must not panic.
    }
}

#[test]
fn serde_defaults_apply_to_absent_fields() {
    let mut v = builtin();
    let pattern = v["patterns"][0].as_object_mut().unwrap();
    for key in ["recommend_at", "avoid_at", "rules", "benefits"] {
        pattern.remove(key);
    }
    v["stores"][0].as_object_mut().unwrap().remove("trade_offs");
    v["conflicts"][4].as_object_mut().unwrap().remove("any_of");
    v["rules"][0].as_object_mut().unwrap().remove("only_with");
    let c = Catalog::from_json(&v.to_string()).unwrap();
    assert_eq!(
        (c.patterns[0].recommend_at, c.patterns[0].avoid_at),
        (2, -2)
    );
    assert!(c.patterns[0].rules.is_empty() && c.stores[0].trade_offs.is_empty());
    assert!(c.conflicts[4].any_of.is_empty());
}

/// The message for the built-in catalogue after `edit`.
fn error_after(edit: impl FnOnce(&mut serde_json::Value)) -> CatalogError {
    let mut v = builtin();
    edit(&mut v);
    Catalog::from_json(&serde_json::to_string_pretty(&v).unwrap()).unwrap_err()
}

fn invalid(e: CatalogError) -> String {
    match e {
        CatalogError::Invalid(message) => message,
        other => panic!("expected an invalid catalogue, got {other}"),
    }
}

#[test]
fn wrong_shapes_are_named_by_their_path_line_and_column() {
    use serde_json::json;
    type Edit = Box<dyn FnOnce(&mut serde_json::Value)>;
    let cases: Vec<(Edit, &str, &str)> = vec![
        (
            Box::new(|v| v["stores"][3]["examples"][1] = json!(7)),
            "stores[3].examples[1]: ",
            "expected a string",
        ),
        (
            Box::new(|v| v["groups"][0]["lable"] = json!("x")),
            "groups[0].lable: ",
            "unknown field `lable`",
        ),
        (
            Box::new(|v| {
                v["rules"][12].as_object_mut().unwrap().remove("why");
            }),
            "rules[12]: ",
            "missing field `why`",
        ),
        (
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("version");
            }),
            "",
            "missing field `version`",
        ),
        (
            Box::new(|v| v["rules"][0]["weight"] = json!(1.5)),
            "rules[0].weight: ",
            "expected i32",
        ),
        (
            Box::new(|v| v["version"] = json!(-1)),
            "version: ",
            "expected u32",
        ),
        (
            Box::new(|v| v["stores"][0]["trade_offs"] = json!(null)),
            "stores[0].trade_offs: ",
            "expected a sequence",
        ),
        (
            Box::new(|v| v["scoring"]["defaults"]["primary_store"] = json!("relational")),
            "scoring.defaults.primary_store: ",
            "unknown field `primary_store`",
        ),
        (
            Box::new(|v| v["conflicts"][1]["when"] = json!([{"section": "store"}])),
            "conflicts[1].when[0]: ",
            "missing field `option`",
        ),
        (Box::new(|v| *v = json!([])), "", "expected struct Catalog"),
    ];
    for (edit, path, gist) in cases {
        let message = invalid(error_after(edit));
        assert!(
            message.starts_with(path),
            "{message:?} should start with {path:?}"
        );
        assert!(message.contains(gist), "{message:?} should say {gist:?}");
        assert!(
            message.contains("(line "),
            "{message:?} should give the line"
        );
    }
}

#[test]
fn content_mistakes_name_the_entry() {
    use serde_json::json;
    type Edit = Box<dyn FnOnce(&mut serde_json::Value)>;
    let cases: Vec<(Edit, &str)> = vec![
        (Box::new(|v| v["rules"][3]["requirement"] = json!("quantum")), "rules[3] (quantum → primary-store/relational): unknown requirement 'quantum'"),
        (Box::new(|v| v["rules"][3]["option"] = json!("blockchain")), "rules[3] (strong-consistency → primary-store/blockchain): unknown option 'blockchain' in section 'primary-store'"),
        (Box::new(|v| v["rules"][3]["weight"] = json!(40)), "rules[3] (strong-consistency → primary-store/relational): weight 40 is out of bounds (allowed: -10 to 10, not 0)"),
        (Box::new(|v| v["rules"][3]["section"] = json!("consistency-level")), "rules[3] (strong-consistency → consistency-level/relational): the consistency level follows from the consistency model and the replication; it takes no rules"),
        (Box::new(|v| { let r = v["rules"][2].clone(); v["rules"].as_array_mut().unwrap().push(r); }), "duplicates an earlier rule"),
        (Box::new(|v| v["groups"][1]["requirements"][0]["id"] = json!("acid")), "groups[1].requirements[0]: duplicate requirement id 'acid'"),
        (Box::new(|v| v["presets"][0]["requirements"] = json!(["acid", "nope"])), "presets[0] ('payments-ledger'): unknown requirement 'nope'"),
        (Box::new(|v| v["conflicts"][0]["resolution"] = json!(" ")), "conflicts[0] ('conflict-strong-local-writes-latency'): a conflict needs a title, a summary and a resolution"),
        (Box::new(|v| v["scoring"]["strong_anchors"] = json!(["money"])), "scoring.strong_anchors[0]: unknown requirement 'money'"),
        (Box::new(|v| v["consistency_levels"][1]["equivalents"][0]["store"] = json!("mainframe")), "consistency_levels[1][0]: unknown store 'mainframe'"),
        (Box::new(|v| v["multi_primary"]["id"] = json!("active-active")), "section 'replication' must keep option 'multi-primary': the engine reasons with it"),
        (Box::new(|v| v["stores"][4]["id"] = json!("relational")), "stores[4].id: duplicate entry id 'relational'"),
        (Box::new(|v| v["stores"][0]["systems"][0]["name"] = json!("Postgres")), "stores[0] ('relational').systems[0]: 'Postgres' is not one of the store's examples"),
        (Box::new(|v| v["stores"][1]["examples"] = json!(["MongoDB", "MongoDB"])), "stores[1] ('document').examples[1]: duplicate system 'MongoDB'"),
        (Box::new(|v| v["stores"][8]["systems"][0]["managed"]["gcp"] = json!([" "])), "stores[8] ('log').systems[0].managed.gcp[0]: empty service name"),
        (Box::new(|v| v["stores"][0]["systems"][0]["links"] = json!([{"title": "x", "url": "javascript:alert(1)"}])), "stores[0] ('relational').systems[0].links[0].url: 'javascript:alert(1)' is not an http or https address"),
        (Box::new(|v| v["reviewed"] = json!("2026-02-30")), "reviewed: '2026-02-30' is not a date written YYYY-MM-DD"),
        (Box::new(|v| v["organisation"] = json!({"name": "Acme", "reviewed": "soon"})), "organisation.reviewed: 'soon' is not a date written YYYY-MM-DD"),
    ];
    for (edit, expected) in cases {
        let message = invalid(error_after(edit));
        assert!(
            message.contains(expected),
            "{message:?} should contain {expected:?}"
        );
    }
}

#[test]
fn syntax_errors_are_located_by_line_and_column() {
    let err = Catalog::from_json("{\n  \"version\": 1,\n  oops\n}").unwrap_err();
    let CatalogError::Syntax {
        line,
        column,
        message,
    } = &err
    else {
        panic!("expected a syntax error, got {err}");
    };
    assert_eq!((*line, *column), (3, 3));
    assert!(message.contains("key must be a string"), "{message}");
    assert!(err
        .to_string()
        .starts_with("catalogue JSON error at line 3, column 3: "));
    let err = Catalog::from_json(BUILTIN.trim_end().trim_end_matches('}')).unwrap_err();
    assert!(matches!(err, CatalogError::Syntax { .. }), "{err}");
    let err = Catalog::from_json(&format!("{BUILTIN} extra")).unwrap_err();
    assert!(
        matches!(err, CatalogError::Syntax { line, .. } if line > 300),
        "{err}"
    );
}

#[test]
fn the_builtin_catalogue_passes_validation() {
    assert_eq!(validate(Catalog::builtin()), Ok(()));
}

fn any_string() -> impl Strategy<Value = String> {
    proptest::string::string_regex("(.|\n|\u{2028}|\u{1F600}|\\\\|\"){0,12}").unwrap()
}

fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-1_000_000i64..1_000_000).prop_map(|n| Value::Number(n.to_string())),
        any_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((any_string(), inner), 0..6).prop_map(|pairs| {
                let mut seen = std::collections::HashSet::new();
                Value::Object(
                    pairs
                        .into_iter()
                        .filter(|(k, _)| seen.insert(k.clone()))
                        .collect(),
                )
            }),
        ]
    })
}

/// serde_json's reading of what our writer wrote, as our tree.
fn reread(text: &str) -> Value {
    fn from(v: serde_json::Value) -> Value {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(n.to_string()),
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(a) => Value::Array(a.into_iter().map(from).collect()),
            serde_json::Value::Object(m) => {
                Value::Object(m.into_iter().map(|(k, v)| (k, from(v))).collect())
            }
        }
    }
    from(serde_json::from_str(text).unwrap())
}

/// Objects compared as sets of pairs (serde_json's map sorts its keys).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.iter().any(|(k2, v2)| k == k2 && same(v, v2)))
        }
        _ => a == b,
    }
}

proptest! {
    /// The exported record is written by our small writer: serde_json must read back exactly what it wrote.
    #[test]
    fn written_json_reads_back_the_same_with_serde_json(v in any_value()) {
        prop_assert!(same(&reread(&v.to_json()), &v));
        prop_assert!(same(&reread(&v.to_json_pretty()), &v));
    }

    #[test]
    fn random_text_never_panics_the_loader(text in any::<String>()) {
        let _ = Catalog::from_json(&text);
    }
}
