//! The bundle's hand-written JSON reader (`strata_core::json::parse`) and catalogue conversions, checked against
//! serde_json: same catalogue, same accepted texts, located syntax errors, path-named shape errors, round trips,
//! and no panic or stack overflow on any input.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use strata_core::catalog::{Catalog, CatalogError};
use strata_core::json::{parse, ParseError, Value, MAX_DEPTH};

const BUILTIN: &str = include_str!("../src/catalog/catalog.json");

// ---- the catalogue -------------------------------------------------------------------------------------------

#[test]
fn the_builtin_catalogue_reads_exactly_as_serde_json_reads_it() {
    let ours = Catalog::from_json(BUILTIN).unwrap();
    let serde: Catalog = serde_json::from_str(BUILTIN).unwrap();
    // Every public field (the skipped `index` is built by `from_json`, so it is compared below).
    macro_rules! same {
        ($($field:ident),* $(,)?) => {
            let Catalog { $($field,)* .. } = &serde;
            $(assert_eq!(&ours.$field, $field, stringify!($field));)*
        };
    }
    same!(
        version,
        neutral_hint,
        groups,
        presets,
        stores,
        relational_vs_document,
        consistency_models,
        consistency_levels,
        patterns,
        primary_replica,
        replication_modes,
        multi_primary,
        migrations,
        checklist,
        scoring,
        rules,
        conflicts,
    );
    // And everything serialised, should a field be added without being listed above.
    assert_eq!(
        serde_json::to_value(&ours).unwrap(),
        serde_json::to_value(&serde).unwrap()
    );
    // serde's reading, written out and read back by ours, gives the same catalogue, index included.
    let again = Catalog::from_json(&serde_json::to_string(&serde).unwrap()).unwrap();
    assert_eq!(again, ours);
    assert_eq!(&ours, Catalog::builtin());
}

#[test]
fn the_builtin_text_parses_to_the_same_tree_as_serde_json() {
    let ours = parse(BUILTIN).unwrap();
    assert_same(&ours, &from_serde(&serde_json::from_str(BUILTIN).unwrap()));
    // Ours keeps document order.
    let Value::Object(pairs) = &ours else {
        panic!("not an object")
    };
    assert_eq!(pairs[0].0, "version");
    assert_eq!(pairs.last().unwrap().0, "conflicts");
}

#[test]
fn serde_defaults_apply_to_absent_fields() {
    let mut v = builtin();
    let pattern = v["patterns"][0].as_object_mut().unwrap();
    for key in [
        "recommend_at",
        "avoid_at",
        "rules",
        "benefits",
        "challenges",
        "problems",
        "when_ok",
        "complexity",
    ] {
        pattern.remove(key);
    }
    v["stores"][0].as_object_mut().unwrap().remove("trade_offs");
    v["conflicts"][0].as_object_mut().unwrap().remove("when");
    v["conflicts"][0].as_object_mut().unwrap().remove("any_of");
    v["checklist"][0]
        .as_object_mut()
        .unwrap()
        .remove("answered_by");
    let text = v.to_string();
    let ours = Catalog::from_json(&text).unwrap();
    let serde: Catalog = serde_json::from_str(&text).unwrap();
    let p = &ours.patterns[0];
    assert_eq!((p.recommend_at, p.avoid_at), (2, -2));
    assert!(p.rules.is_empty() && p.trade_offs().next().is_none());
    assert_eq!(ours.patterns, serde.patterns);
    assert_eq!(ours.stores, serde.stores);
    assert_eq!(ours.conflicts, serde.conflicts);
    assert_eq!(ours.checklist, serde.checklist);
}

fn builtin() -> serde_json::Value {
    serde_json::from_str(BUILTIN).unwrap()
}

/// Our message for a catalogue edited by `edit`, after checking that serde_json rejects it too.
fn shape_error(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v = builtin();
    edit(&mut v);
    let text = serde_json::to_string_pretty(&v).unwrap();
    assert!(
        serde_json::from_str::<Catalog>(&text).is_err(),
        "serde accepts it"
    );
    match Catalog::from_json(&text) {
        Err(CatalogError::Invalid(message)) => message,
        other => panic!("expected a shape error, got {other:?}"),
    }
}

#[test]
fn wrong_shapes_are_named_by_their_path() {
    use serde_json::json;
    type Edit = Box<dyn FnOnce(&mut serde_json::Value)>;
    let cases: Vec<(Edit, &str)> = vec![
        (
            Box::new(|v| v["stores"][3]["examples"][1] = json!(7)),
            "stores[3].examples[1]: expected a string, found a number",
        ),
        (
            Box::new(|v| v["groups"][0]["lable"] = json!("x")),
            "groups[0]: unknown field \"lable\" (expected one of: id, title, requirements)",
        ),
        (
            // A misspelt key is reported as unknown rather than as the missing field it was meant to be.
            Box::new(|v| {
                let r = v["groups"][1]["requirements"][2].as_object_mut().unwrap();
                let label = r.remove("label").unwrap();
                r.insert("lable".into(), label);
            }),
            "groups[1].requirements[2]: unknown field \"lable\" (expected one of: id, label, help)",
        ),
        (
            Box::new(|v| {
                v["rules"][12].as_object_mut().unwrap().remove("why");
            }),
            "missing field \"why\" in rules[12]",
        ),
        (
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("version");
            }),
            "missing field \"version\"",
        ),
        (
            Box::new(|v| v["colour"] = json!("blue")),
            "unknown field \"colour\" (expected one of: version, neutral_hint, groups, presets, stores, \
             relational_vs_document, consistency_models, consistency_levels, patterns, primary_replica, \
             replication_modes, multi_primary, migrations, checklist, scoring, rules, conflicts)",
        ),
        (
            Box::new(|v| v["rules"][0]["weight"] = json!(1.5)),
            "rules[0].weight: expected an integer, found 1.5",
        ),
        (
            Box::new(|v| v["rules"][0]["weight"] = json!(3_000_000_000u64)),
            "rules[0].weight: 3000000000 is out of range (allowed: -2147483648 to 2147483647)",
        ),
        (
            Box::new(|v| v["version"] = json!(-1)),
            "version: -1 is out of range (allowed: 0 to 4294967295)",
        ),
        (
            Box::new(|v| v["version"] = json!("1")),
            "version: expected an integer, found a string",
        ),
        (
            Box::new(|v| v["patterns"][2]["recommend_at"] = json!(null)),
            "patterns[2].recommend_at: expected an integer, found null",
        ),
        (
            Box::new(|v| v["stores"][0]["trade_offs"] = json!(null)),
            "stores[0].trade_offs: expected an array, found null",
        ),
        (
            Box::new(|v| v["scoring"]["defaults"]["primary_store"] = json!("relational")),
            "scoring.defaults: unknown field \"primary_store\" (expected one of: primary-store, consistency, \
             consistency-level, replication)",
        ),
        (
            Box::new(|v| v["conflicts"][1]["when"] = json!([{"section": "store"}])),
            "missing field \"option\" in conflicts[1].when[0]",
        ),
        (
            Box::new(|v| v["relational_vs_document"] = json!([])),
            "relational_vs_document: expected an object, found an array",
        ),
        (
            Box::new(|v| v["groups"][0] = json!(true)),
            "groups[0]: expected an object, found a boolean",
        ),
        (
            Box::new(|v| *v = json!([])),
            "expected an object, found an array",
        ),
    ];
    for (edit, expected) in cases {
        assert_eq!(shape_error(edit), expected);
    }
    // Displayed for a person.
    let err = Catalog::from_json("{}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid catalogue: missing field \"version\""
    );
}

#[test]
fn syntax_errors_in_a_catalogue_are_located() {
    let err = Catalog::from_json("{\n  \"version\": 1,\n  oops\n}").unwrap_err();
    assert_eq!(
        err,
        CatalogError::Syntax {
            line: 3,
            column: 3,
            message: "expected a string key after ','".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "catalogue JSON error at line 3, column 3: expected a string key after ','"
    );
}

// ---- syntax errors -------------------------------------------------------------------------------------------

#[test]
fn malformed_json_is_reported_with_line_column_and_message() {
    let cases: &[(&str, usize, usize, &str)] = &[
        ("", 1, 1, "expected a value, found the end of the text"),
        (
            "   \n  ",
            2,
            3,
            "expected a value, found the end of the text",
        ),
        ("x", 1, 1, "expected a value"),
        ("{", 1, 2, "expected a string key or '}'"),
        ("{\"a\" 1}", 1, 6, "expected ':' after an object key"),
        (
            "{\"a\":1 \"b\":2}",
            1,
            8,
            "expected ',' or '}' after an object member",
        ),
        ("{\"a\":1,}", 1, 8, "expected a string key after ','"),
        (
            "{\"a\":1",
            1,
            7,
            "expected ',' or '}' after an object member",
        ),
        ("{1:2}", 1, 2, "expected a string key or '}'"),
        ("{\"a\":}", 1, 6, "expected a value"),
        ("[1,]", 1, 4, "expected a value"),
        ("[1 2]", 1, 4, "expected ',' or ']' after an array element"),
        ("[", 1, 2, "expected a value, found the end of the text"),
        ("[1", 1, 3, "expected ',' or ']' after an array element"),
        ("\"abc", 1, 1, "unterminated string"),
        (
            "[\n  \"é\",\n  \"abc\n]",
            3,
            7,
            "control character in a string (escape it, e.g. \\n or \\u0000)",
        ),
        ("\"a\\", 1, 3, "unterminated string"),
        ("  \"ab\\qc\"", 1, 6, "invalid escape '\\q' in a string"),
        ("\"\\é\"", 1, 2, "invalid escape '\\é' in a string"),
        ("\"\\u12\"", 1, 2, "expected 4 hex digits after \\u"),
        (
            "\"\\uD83D\"",
            1,
            2,
            "unpaired surrogate \\uD83D in a string",
        ),
        (
            "\"\\uD83D\\u0041\"",
            1,
            2,
            "unpaired surrogate \\uD83D in a string",
        ),
        (
            "\"\\uDE00\"",
            1,
            2,
            "unpaired surrogate \\uDE00 in a string",
        ),
        (
            "\"\\uD83D\\uZZZZ\"",
            1,
            8,
            "expected 4 hex digits after \\u",
        ),
        ("{\"id\":1,\n \"id\":2}", 2, 2, "duplicate key \"id\""),
        (
            "{\"b\":1,\"a\":2,\"b\":3,\"a\":4}",
            1,
            14,
            "duplicate key \"b\"",
        ),
        ("-", 1, 2, "expected a digit in a number"),
        ("-x", 1, 2, "expected a digit in a number"),
        ("01", 1, 1, "leading zeros are not allowed in a number"),
        ("-012", 1, 2, "leading zeros are not allowed in a number"),
        ("1.", 1, 3, "expected a digit after '.' in a number"),
        (".5", 1, 1, "expected a value"),
        ("1e", 1, 3, "expected a digit in a number's exponent"),
        ("1e+", 1, 4, "expected a digit in a number's exponent"),
        ("+1", 1, 1, "expected a value"),
        ("tru", 1, 1, "expected 'true'"),
        ("nul", 1, 1, "expected 'null'"),
        ("[falsy]", 1, 2, "expected 'false'"),
        ("NaN", 1, 1, "expected a value"),
        ("truex", 1, 5, "unexpected text after the JSON value"),
        ("{} {}", 1, 4, "unexpected text after the JSON value"),
        ("\u{feff}{}", 1, 1, "expected a value"),
        ("[\"日本語\", x]", 1, 9, "expected a value"),
        (
            "[\"😀😀\" x]",
            1,
            7,
            "expected ',' or ']' after an array element",
        ),
        ("\r\n\r\n  x", 3, 3, "expected a value"),
    ];
    for &(text, line, column, message) in cases {
        let expected = ParseError {
            line,
            column,
            message: message.to_string(),
        };
        assert_eq!(parse(text), Err(expected), "input {text:?}");
        assert!(
            serde_json::from_str::<serde_json::Value>(text).is_err()
                || message.starts_with("duplicate")
        );
    }
    assert_eq!(
        parse("[1 2]").unwrap_err().to_string(),
        "line 1, column 4: expected ',' or ']' after an array element"
    );
}

#[test]
fn every_escape_and_non_bmp_characters_are_decoded() {
    let text = r#""q\" b\\ s\/ \b\f\n\r\t \u0000\u001f \u00e9\u20AC \ud83d\ude00 😀 日本 \u2028""#;
    assert_eq!(
        parse(text),
        Ok(Value::String(
            "q\" b\\ s/ \u{8}\u{c}\n\r\t \u{0}\u{1f} é€ 😀 😀 日本 \u{2028}".into()
        ))
    );
    assert_same(
        &parse(text).unwrap(),
        &from_serde(&serde_json::from_str(text).unwrap()),
    );
    let s = Value::String(
        "\u{0}\u{1}\u{1f}\"\\/<>\u{7f}\u{80}\u{2028}\u{2029}\u{fffd}\u{10000}\u{10ffff}".into(),
    );
    assert_eq!(parse(&s.to_json()), Ok(s));
}

#[test]
fn numbers_read_like_serde_json() {
    for text in [
        "0",
        "-0",
        "1",
        "-1",
        "0.5",
        "1e3",
        "1E-3",
        "2.5e+10",
        "123456789012345678901234567890",
        "9007199254740993",
        "1.7976931348623157e308",
        "5e-324",
        "1e-400",
        "0.1",
        "-2147483648",
    ] {
        // Kept exactly as written; serde_json accepts the same syntax.
        assert!(
            serde_json::from_str::<serde_json::Value>(text).is_ok() || text == "1e-400",
            "{text}"
        );
        assert_eq!(parse(text), Ok(Value::Number(text.to_string())), "{text}");
    }
}

#[test]
fn values_and_whitespace_parse() {
    let v = parse(" \t\r\n{ \"a\" : [ 1 , true , false , null , { } , [ ] , \"\" ] } \n").unwrap();
    assert_eq!(
        v,
        Value::object([(
            "a",
            Value::Array(vec![
                Value::Number("1".into()),
                Value::Bool(true),
                Value::Bool(false),
                Value::Null,
                Value::Object(vec![]),
                Value::Array(vec![]),
                Value::String(String::new()),
            ])
        )])
    );
}

// ---- depth ---------------------------------------------------------------------------------------------------

#[test]
fn nesting_is_limited_without_overflowing_the_stack() {
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&ok).is_ok());
    let objects = format!("{}1{}", "{\"a\":".repeat(MAX_DEPTH), "}".repeat(MAX_DEPTH));
    assert!(parse(&objects).is_ok());

    let too_deep = ParseError {
        line: 1,
        column: MAX_DEPTH + 1,
        message: "nesting deeper than 64".into(),
    };
    let deeper = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    assert_eq!(parse(&deeper), Err(too_deep.clone()));
    // A million open brackets, on a small stack: rejected at the 65th.
    let huge = "[".repeat(1_000_000);
    let result = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || parse(&huge))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(result, Err(too_deep));
    let mixed = "[{\"a\":".repeat(100_000);
    assert_eq!(parse(&mixed).unwrap_err().message, "nesting deeper than 64");
}

// ---- properties ----------------------------------------------------------------------------------------------

fn from_serde(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Number(n.to_string()),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(a) => Value::Array(a.iter().map(from_serde).collect()),
        serde_json::Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), from_serde(v))).collect())
        }
    }
}

/// Equal up to object key order (serde_json's `Value` sorts keys) and float rounding (serde_json's default
/// float parsing may be off by an ulp; ours is `str::parse::<f64>`, correctly rounded).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
            x == y || (x - y).abs() <= x.abs() * 1e-15
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            let (x, y) = (sorted_pairs(x), sorted_pairs(y));
            x.len() == y.len()
                && x.iter()
                    .zip(&y)
                    .all(|(a, b)| a.0 == b.0 && same(&a.1, &b.1))
        }
        _ => a == b,
    }
}

fn sorted_pairs(pairs: &[(String, Value)]) -> Vec<&(String, Value)> {
    let mut refs: Vec<&(String, Value)> = pairs.iter().collect();
    refs.sort_by(|a, b| a.0.cmp(&b.0));
    refs
}

#[track_caller]
fn assert_same(a: &Value, b: &Value) {
    assert!(same(a, b), "{a:?}\n  !=\n{b:?}");
}

fn any_string() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(any::<char>(), 0..12).prop_map(String::from_iter),
        "[a-c\"\\\\/\n\t<\u{2028}é😀]{0,6}",
    ]
}

fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>()
            .prop_filter("finite", |n| n.is_finite())
            .prop_map(|n| Value::Number(format!("{n:e}"))),
        any::<i32>().prop_map(|n| Value::Number(n.to_string())),
        any_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            // Unique keys: the reader rejects duplicates.
            proptest::collection::btree_map(any_string(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Text made of JSON's own characters, so random inputs reach deep into the grammar.
fn jsonish() -> impl Strategy<Value = String> {
    "[\\[\\]{}\",:0-9eE.+\\- \n\\\\/utrfalsnbdD8A]{0,40}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn written_values_read_back_equal(v in any_value()) {
        prop_assert_eq!(parse(&v.to_json()), Ok(v.clone()));
        prop_assert_eq!(parse(&v.to_json_pretty()), Ok(v));
    }

    #[test]
    fn written_values_read_the_same_with_serde_json(v in any_value()) {
        let text = v.to_json();
        let serde: serde_json::Value = serde_json::from_str(&text).unwrap();
        prop_assert!(same(&v, &from_serde(&serde)), "{:?}", v);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Err(e) = parse(&text) {
            prop_assert!(e.line >= 1 && e.column >= 1);
        }
    }

    #[test]
    fn random_strings_never_panic(text in any::<String>()) {
        let _ = parse(&text);
    }

    /// Accepts exactly what serde_json accepts (bar duplicate keys, which serde_json's `Value` keeps the last
    /// of), reads the same tree, and locates errors inside the text.
    #[test]
    fn json_like_text_agrees_with_serde_json(text in jsonish()) {
        let ours = parse(&text);
        let serde = serde_json::from_str::<serde_json::Value>(&text);
        match (&ours, &serde) {
            (Ok(v), Ok(s)) => prop_assert!(same(v, &from_serde(s)), "{:?}", v),
            (Err(e), Ok(_)) => prop_assert!(e.message.starts_with("duplicate key"), "{e}"),
            (Ok(_), Err(e)) => prop_assert!(false, "serde_json rejects it: {e}"),
            (Err(e), Err(_)) => {
                let lines = text.split('\n').count();
                prop_assert!(e.line >= 1 && e.line <= lines && e.column >= 1, "{e}");
                let line = text.split('\n').nth(e.line - 1).unwrap_or_default();
                prop_assert!(e.column <= line.chars().count() + 1, "{e}");
            }
        }
    }

    /// The catalogue cut short anywhere is an error, never a panic.
    #[test]
    fn truncated_catalogue_is_an_error(cut in 0..BUILTIN.trim_end().len()) {
        let mut cut = cut;
        while !BUILTIN.is_char_boundary(cut) {
            cut -= 1;
        }
        let text = BUILTIN[..cut].trim_end();
        prop_assert!(Catalog::from_json(text).is_err());
    }
}
