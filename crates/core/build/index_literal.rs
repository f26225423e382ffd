//! Writes the built-in catalogue's `Index` (`src/catalog/index.rs`) as a Rust expression a `static` can hold,
//! for `src/catalog.rs` to include beside the catalogue. Each struct is written by destructuring all its
//! fields, so a field added to the index fails this build until it is written too.
//!
//! The expression is included in the module `catalog`, so the index's types are named `index::…`.

use crate::index::{ConflictIx, Index, Known, Needs, Part, Push, Source};
use crate::model::{List, Text};
use std::fmt::Write;

/// Writes `index` as a Rust expression.
pub fn to_rust(index: &Index) -> String {
    let mut out = String::with_capacity(16 * 1024);
    index.write(&mut out);
    out
}

trait Literal {
    fn write(&self, out: &mut String);
}

/// Numbers and booleans are written as Rust writes them.
macro_rules! plain {
    ($($ty:ty),*) => {$(
        impl Literal for $ty {
            fn write(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )*};
}
plain!(bool, i32, u32, u64, usize);

/// A struct literal, every field named.
macro_rules! fields {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl Literal for $ty {
            fn write(&self, out: &mut String) {
                let $ty { $($field),* } = self;
                out.push_str(concat!("index::", stringify!($ty), " {"));
                $(
                    out.push_str(concat!(stringify!($field), ": "));
                    $field.write(out);
                    out.push(',');
                )*
                out.push('}');
            }
        }
    };
}

fields!(Index {
    req_ids,
    reqs,
    starts,
    by_req,
    by_slot,
    rule_req,
    lighter,
    lighter_for,
    conditions,
    defaults,
    primary_kinds,
    needs,
    known,
    conflicts,
    checklist,
});
fields!(Push {
    slot,
    weight,
    rule,
    only_with,
    unless,
});
fields!(ConflictIx {
    requires,
    any_of,
    unless,
    when,
    min_stores,
    subject,
});
fields!(Needs {
    local_writes,
    multi_region,
    no_data_loss,
    high_availability,
    read_heavy,
    logging_metrics,
    fast_reads,
    shopping_cart,
    live_analytics,
    horizontal_scaling,
    monolith_transition,
    small_team,
    audit_trail,
    rebuild_or_scale,
    read_only_shared,
    transactional,
    strong_anchors,
});
fields!(Known {
    relational,
    strong,
    eventual,
    one,
    quorum,
    all,
    local_quorum,
    async_,
    semi_sync,
    sync,
    multi_primary,
    database_per_service,
    shared_database,
    cqrs,
});

impl Literal for Text {
    fn write(&self, out: &mut String) {
        // `{:?}` writes a valid Rust string literal (quotes, backslashes and control characters escaped).
        let _ = write!(out, "::std::borrow::Cow::Borrowed({:?})", self.as_ref());
    }
}

impl<T: Literal + Clone> Literal for List<T> {
    fn write(&self, out: &mut String) {
        out.push_str("List(::std::borrow::Cow::Borrowed(&");
        self[..].write(out);
        out.push_str("))");
    }
}

impl<T: Literal> Literal for [T] {
    fn write(&self, out: &mut String) {
        out.push('[');
        for item in self {
            item.write(out);
            out.push(',');
        }
        out.push(']');
    }
}

impl<T: Literal, const N: usize> Literal for [T; N] {
    fn write(&self, out: &mut String) {
        self[..].write(out);
    }
}

impl<A: Literal, B: Literal> Literal for (A, B) {
    fn write(&self, out: &mut String) {
        out.push('(');
        self.0.write(out);
        out.push(',');
        self.1.write(out);
        out.push(')');
    }
}

impl<T: Literal> Literal for Option<T> {
    fn write(&self, out: &mut String) {
        match self {
            Some(value) => {
                out.push_str("Some(");
                value.write(out);
                out.push(')');
            }
            None => out.push_str("None"),
        }
    }
}

impl Literal for Part {
    fn write(&self, out: &mut String) {
        out.push_str(match self {
            Part::PrimaryStore => "index::Part::PrimaryStore",
            Part::Store => "index::Part::Store",
            Part::Consistency => "index::Part::Consistency",
            Part::Level => "index::Part::Level",
            Part::Replication => "index::Part::Replication",
            Part::Pattern => "index::Part::Pattern",
            Part::Migration => "index::Part::Migration",
        });
    }
}

impl Literal for Source {
    fn write(&self, out: &mut String) {
        match self {
            Source::Part(part) => {
                out.push_str("index::Source::Part(");
                part.write(out);
            }
            Source::Pattern(n) => {
                out.push_str("index::Source::Pattern(");
                n.write(out);
            }
        }
        out.push(')');
    }
}
