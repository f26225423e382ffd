//! Hand-written conversions from a parsed [`Value`] to the catalogue types, instead of serde's generated ones
//! (which cost tens of KB of wasm). They follow the serde attributes on the types exactly: unknown fields are
//! rejected, `#[serde(default)]` fields may be absent, `Defaults` uses kebab-case keys, and `Catalog::index` is
//! not read. Errors name the path: `stores[3].examples[1]: expected a string, found a number`.
//! `tests/json_reader.rs` checks that the builtin catalogue reads the same as with serde_json.

use super::*;
use crate::json::Value;
use std::fmt;

/// A shape error, already worded with its path.
pub(super) type Res<T> = Result<T, String>;

/// Where a value sits in the document, as a chain of stack frames (nothing is allocated unless it is printed).
#[derive(Clone, Copy)]
pub(super) enum Path<'a> {
    Root,
    Field(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Field(Path::Root, key) => f.write_str(key),
            Path::Field(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// `path: message`, or just the message at the top level.
fn at(path: &Path, message: impl fmt::Display) -> String {
    match path {
        Path::Root => message.to_string(),
        _ => format!("{path}: {message}"),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn expected(path: &Path, what: &str, v: &Value) -> String {
    at(path, format_args!("expected {what}, found {}", kind(v)))
}

fn string(v: &Value, path: &Path) -> Res<String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        _ => Err(expected(path, "a string", v)),
    }
}

fn integer(v: &Value, path: &Path, min: i64, max: i64) -> Res<i64> {
    // Numbers stay as written (`Value::Number` holds the text): no float code in the wasm.
    let Value::Number(text) = v else {
        return Err(expected(path, "an integer", v));
    };
    if text.contains(['.', 'e', 'E']) {
        return Err(at(path, format_args!("expected an integer, found {text}")));
    }
    match text.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(at(
            path,
            format_args!("{text} is out of range (allowed: {min} to {max})"),
        )),
    }
}

/// Each element of an array, converted by `f` with its indexed path. A plain loop: smaller wasm than `collect`.
fn list<T>(v: &Value, path: &Path, f: fn(&Value, &Path) -> Res<T>) -> Res<Vec<T>> {
    let Value::Array(items) = v else {
        return Err(expected(path, "an array", v));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(f(item, &Path::Index(path, i))?);
    }
    Ok(out)
}

/// An object being converted to a struct. Accessors return a placeholder after an error and remember the first
/// error; `finish` then reports an unknown field first (a misspelt key also shows up as a missing one), else that
/// error. So each conversion is one struct literal between `Obj::new` and `finish`.
pub(super) struct Obj<'a> {
    path: &'a Path<'a>,
    pairs: &'a [(String, Value)],
    known: Vec<&'static str>,
    error: Option<String>,
}

impl<'a> Obj<'a> {
    pub fn new(v: &'a Value, path: &'a Path<'a>) -> Res<Obj<'a>> {
        match v {
            Value::Object(pairs) => Ok(Obj {
                path,
                pairs,
                known: Vec::new(),
                error: None,
            }),
            _ => Err(expected(path, "an object", v)),
        }
    }

    /// The value under `key` and its path, or `None` if it is absent (an error unless `optional`) or an earlier
    /// field failed. Not generic, so it exists once in the wasm.
    fn get(&mut self, key: &'static str, optional: bool) -> Option<(&'a Value, Path<'a>)> {
        self.known.push(key);
        if self.error.is_some() {
            return None;
        }
        match self.pairs.iter().find(|(k, _)| k == key) {
            Some((_, v)) => Some((v, Path::Field(self.path, key))),
            None => {
                if !optional {
                    self.error = Some(match self.path {
                        Path::Root => format!("missing field \"{key}\""),
                        path => format!("missing field \"{key}\" in {path}"),
                    });
                }
                None
            }
        }
    }

    /// The converted value, or `default` after remembering the first error.
    fn keep<T>(&mut self, result: Option<Res<T>>, default: impl FnOnce() -> T) -> T {
        match result {
            Some(Ok(value)) => value,
            Some(Err(e)) => {
                self.error = Some(e);
                default()
            }
            None => default(),
        }
    }

    pub fn str(&mut self, key: &'static str) -> String {
        let r = self.get(key, false).map(|(v, p)| string(v, &p));
        self.keep(r, String::new)
    }

    pub fn strings(&mut self, key: &'static str) -> Vec<String> {
        self.list(key, string)
    }

    /// A `#[serde(default)]` list of strings: empty when absent.
    pub fn opt_strings(&mut self, key: &'static str) -> Vec<String> {
        self.opt_list(key, string)
    }

    pub fn int(&mut self, key: &'static str) -> i32 {
        self.opt_int(key, None)
    }

    /// An `i32`; with `Some(serde default function)`, used when the key is absent.
    pub fn opt_int(&mut self, key: &'static str, default: Option<fn() -> i32>) -> i32 {
        let r = self
            .get(key, default.is_some())
            .map(|(v, p)| integer(v, &p, i32::MIN.into(), i32::MAX.into()).map(|n| n as i32));
        self.keep(r, || default.map_or(0, |f| f()))
    }

    pub fn uint(&mut self, key: &'static str) -> u32 {
        let r = self
            .get(key, false)
            .map(|(v, p)| integer(v, &p, 0, u32::MAX.into()).map(|n| n as u32));
        self.keep(r, || 0)
    }

    /// A nested struct, converted by `f`.
    pub fn obj<T: Default>(&mut self, key: &'static str, f: fn(&Value, &Path) -> Res<T>) -> T {
        let r = self.get(key, false).map(|(v, p)| f(v, &p));
        self.keep(r, T::default)
    }

    /// A list, each element converted by `f`.
    pub fn list<T>(&mut self, key: &'static str, f: fn(&Value, &Path) -> Res<T>) -> Vec<T> {
        let r = self.get(key, false).map(|(v, p)| list(v, &p, f));
        self.keep(r, Vec::new)
    }

    /// A `#[serde(default)]` list: empty when absent.
    pub fn opt_list<T>(&mut self, key: &'static str, f: fn(&Value, &Path) -> Res<T>) -> Vec<T> {
        let r = self.get(key, true).map(|(v, p)| list(v, &p, f));
        self.keep(r, Vec::new)
    }

    /// `value` if every key was asked for and every field converted; else the first problem.
    pub fn finish<T>(self, value: T) -> Res<T> {
        if let Some((key, _)) = self.pairs.iter().find(|(k, _)| !self.known.contains(&&**k)) {
            let mut quoted = String::new();
            crate::json::write_string(&mut quoted, key);
            let message = format!(
                "unknown field {quoted} (expected one of: {})",
                self.known.join(", ")
            );
            return Err(at(self.path, message));
        }
        match self.error {
            Some(e) => Err(e),
            None => Ok(value),
        }
    }
}

pub(super) fn catalog(v: &Value, p: &Path) -> Res<Catalog> {
    let mut o = Obj::new(v, p)?;
    let c = Catalog {
        version: o.uint("version"),
        neutral_hint: o.str("neutral_hint"),
        groups: o.list("groups", group),
        presets: o.list("presets", preset),
        stores: o.list("stores", store),
        relational_vs_document: o.obj("relational_vs_document", comparison),
        consistency_models: o.list("consistency_models", consistency_model),
        consistency_levels: o.list("consistency_levels", consistency_level),
        patterns: o.list("patterns", pattern),
        primary_replica: o.obj("primary_replica", topic),
        replication_modes: o.list("replication_modes", replication_mode),
        multi_primary: o.obj("multi_primary", multi_primary),
        migrations: o.list("migrations", migration),
        checklist: o.list("checklist", checklist_entry),
        scoring: o.obj("scoring", scoring),
        rules: o.list("rules", rule),
        conflicts: o.list("conflicts", conflict),
        index: Index::default(),
    };
    o.finish(c)
}

fn group(v: &Value, p: &Path) -> Res<RequirementGroup> {
    let mut o = Obj::new(v, p)?;
    let g = RequirementGroup {
        id: o.str("id"),
        title: o.str("title"),
        requirements: o.list("requirements", requirement),
    };
    o.finish(g)
}

fn requirement(v: &Value, p: &Path) -> Res<Requirement> {
    let mut o = Obj::new(v, p)?;
    let r = Requirement {
        id: o.str("id"),
        label: o.str("label"),
        help: o.str("help"),
    };
    o.finish(r)
}

fn preset(v: &Value, p: &Path) -> Res<Preset> {
    let mut o = Obj::new(v, p)?;
    let r = Preset {
        id: o.str("id"),
        title: o.str("title"),
        description: o.str("description"),
        requirements: o.strings("requirements"),
    };
    o.finish(r)
}

fn store(v: &Value, p: &Path) -> Res<StoreKind> {
    let mut o = Obj::new(v, p)?;
    let s = StoreKind {
        id: o.str("id"),
        title: o.str("title"),
        need: o.str("need"),
        examples: o.strings("examples"),
        summary: o.str("summary"),
        trade_offs: o.opt_strings("trade_offs"),
    };
    o.finish(s)
}

fn comparison(v: &Value, p: &Path) -> Res<Comparison> {
    let mut o = Obj::new(v, p)?;
    let c = Comparison {
        id: o.str("id"),
        title: o.str("title"),
        summary: o.str("summary"),
        relational_title: o.str("relational_title"),
        document_title: o.str("document_title"),
        contrasts: o.list("contrasts", contrast),
        choose_relational: o.strings("choose_relational"),
        choose_document: o.strings("choose_document"),
    };
    o.finish(c)
}

fn contrast(v: &Value, p: &Path) -> Res<Contrast> {
    let mut o = Obj::new(v, p)?;
    let c = Contrast {
        relational: o.str("relational"),
        document: o.str("document"),
    };
    o.finish(c)
}

fn consistency_model(v: &Value, p: &Path) -> Res<ConsistencyModel> {
    let mut o = Obj::new(v, p)?;
    let m = ConsistencyModel {
        id: o.str("id"),
        title: o.str("title"),
        summary: o.str("summary"),
        characteristics: o.strings("characteristics"),
        use_when: o.strings("use_when"),
    };
    o.finish(m)
}

fn consistency_level(v: &Value, p: &Path) -> Res<ConsistencyLevel> {
    let mut o = Obj::new(v, p)?;
    let l = ConsistencyLevel {
        id: o.str("id"),
        title: o.str("title"),
        meaning: o.str("meaning"),
        use_case: o.str("use_case"),
        summary: o.str("summary"),
        trade_offs: o.opt_strings("trade_offs"),
    };
    o.finish(l)
}

fn pattern(v: &Value, p: &Path) -> Res<Pattern> {
    let mut o = Obj::new(v, p)?;
    let pat = Pattern {
        id: o.str("id"),
        title: o.str("title"),
        summary: o.str("summary"),
        rules: o.opt_strings("rules"),
        benefits: o.opt_strings("benefits"),
        challenges: o.opt_strings("challenges"),
        problems: o.opt_strings("problems"),
        when_ok: o.opt_strings("when_ok"),
        complexity: o.opt_strings("complexity"),
        recommend_at: o.opt_int("recommend_at", Some(default_recommend_at)),
        avoid_at: o.opt_int("avoid_at", Some(default_avoid_at)),
    };
    o.finish(pat)
}

fn topic(v: &Value, p: &Path) -> Res<Topic> {
    let mut o = Obj::new(v, p)?;
    let t = Topic {
        id: o.str("id"),
        title: o.str("title"),
        summary: o.str("summary"),
    };
    o.finish(t)
}

fn replication_mode(v: &Value, p: &Path) -> Res<ReplicationMode> {
    let mut o = Obj::new(v, p)?;
    let m = ReplicationMode {
        id: o.str("id"),
        title: o.str("title"),
        description: o.str("description"),
        trade_off: o.str("trade_off"),
        summary: o.str("summary"),
    };
    o.finish(m)
}

fn multi_primary(v: &Value, p: &Path) -> Res<MultiPrimary> {
    let mut o = Obj::new(v, p)?;
    let m = MultiPrimary {
        id: o.str("id"),
        title: o.str("title"),
        summary: o.str("summary"),
        challenges: o.strings("challenges"),
        use_when: o.strings("use_when"),
    };
    o.finish(m)
}

fn migration(v: &Value, p: &Path) -> Res<Migration> {
    let mut o = Obj::new(v, p)?;
    let m = Migration {
        id: o.str("id"),
        title: o.str("title"),
        summary: o.str("summary"),
        steps: o.strings("steps"),
    };
    o.finish(m)
}

fn checklist_entry(v: &Value, p: &Path) -> Res<ChecklistEntry> {
    let mut o = Obj::new(v, p)?;
    let e = ChecklistEntry {
        id: o.str("id"),
        scope: o.str("scope"),
        question: o.str("question"),
        answered_by: o.opt_strings("answered_by"),
    };
    o.finish(e)
}

fn scoring(v: &Value, p: &Path) -> Res<Scoring> {
    let mut o = Obj::new(v, p)?;
    let s = Scoring {
        primary_store: o.strings("primary_store"),
        defaults: o.obj("defaults", defaults),
        present_at: o.int("present_at"),
    };
    o.finish(s)
}

/// `rename_all = "kebab-case"`.
fn defaults(v: &Value, p: &Path) -> Res<Defaults> {
    let mut o = Obj::new(v, p)?;
    let d = Defaults {
        primary_store: o.str("primary-store"),
        consistency: o.str("consistency"),
        consistency_level: o.str("consistency-level"),
        replication: o.str("replication"),
    };
    o.finish(d)
}

fn rule(v: &Value, p: &Path) -> Res<Rule> {
    let mut o = Obj::new(v, p)?;
    let r = Rule {
        requirement: o.str("requirement"),
        section: o.str("section"),
        option: o.str("option"),
        weight: o.int("weight"),
        why: o.str("why"),
    };
    o.finish(r)
}

fn conflict(v: &Value, p: &Path) -> Res<Conflict> {
    let mut o = Obj::new(v, p)?;
    let c = Conflict {
        id: o.str("id"),
        title: o.str("title"),
        summary: o.str("summary"),
        requires: o.strings("requires"),
        any_of: o.opt_strings("any_of"),
        when: o.opt_list("when", option_ref),
        trade_offs: o.strings("trade_offs"),
    };
    o.finish(c)
}

fn option_ref(v: &Value, p: &Path) -> Res<OptionRef> {
    let mut o = Obj::new(v, p)?;
    let r = OptionRef {
        section: o.str("section"),
        option: o.str("option"),
    };
    o.finish(r)
}
