//! Consistency models: one client's write and what a reader sees.

use super::store_name;
use crate::diagrams::canvas::{matched_width, Canvas, Edge, Words};
use crate::diagrams::{BoxKind, DiagramInput, LabelKind};

pub fn strong(c: &mut Canvas, input: &DiagramInput) -> Words {
    let store = store_name(input);
    let a = c.add_box(&["Client A"], BoxKind::Actor, 200.0);
    let db = c.add_box(&[store.as_str(), "X = 1"], BoxKind::Store, 220.0);
    let b = c.add_box(&["Client B"], BoxKind::Actor, 200.0);
    c.stack(&[&[a], &[db], &[b]], 0.0, 0.0, 40.0, 64.0);
    c.connect(a, db, Edge::solid().label("writes X=1"));
    c.connect(db, b, Edge::solid().label("read X → always 1"));
    c.note(
        "Every read sees the latest write: simplest to program, but higher latency and lower availability during failures.",
        LabelKind::Note,
    );
    Words {
        title: format!("Strong consistency with {store}"),
        desc: format!("Client A writes X=1 to {store}; client B then reads X and always gets 1."),
        text_alternative: vec![
            format!("Client A writes X=1 to {store}."),
            format!("{store} acknowledges the write only once it is the latest value every reader will see."),
            format!("Client B then reads X from {store} and always gets 1: all reads see the latest write."),
        ],
    }
}

pub fn eventual(c: &mut Canvas, input: &DiagramInput) -> Words {
    let store = store_name(input);
    let a = c.add_box(&["Client A"], BoxKind::Actor, 200.0);
    let now = [
        [format!("{store} replica 1"), "X = 1".into()],
        [
            format!("{store} replica 2"),
            "X = 0 (not yet replicated)".into(),
        ],
    ];
    let later = [
        ["Replica 1".to_string(), "X = 1".into()],
        ["Replica 2".into(), "X = 1 (converged)".into()],
    ];
    // Four replica boxes of one width: the two columns are the two replicas over time.
    let w = matched_width(&[&now[0][..], &now[1], &later[0], &later[1]], 220.0);
    let [r1, r2] = now.map(|t| c.add_box_of_width(&t, BoxKind::Store, w));
    let [r1_later, r2_later] = later.map(|t| c.add_box_of_width(&t, BoxKind::Store, w));
    c.stack(
        &[&[a], &[r1, r2], &[r1_later, r2_later]],
        0.0,
        0.0,
        48.0,
        64.0,
    );
    // Two arrows of their own (a solid and a dashed one cannot share a trunk), each labelled beside its line.
    let write = Edge::solid().label("writes X=1").label_on_branch();
    let pending = Edge::dashed().label("not yet").label_on_branch();
    c.connect(a, r1, write.leave_at(-0.25));
    c.connect(a, r2, pending.leave_at(0.25));
    c.connect(r1, r1_later, Edge::solid());
    c.connect(r2, r2_later, Edge::dashed().label("later"));
    c.note(
        "Until replication catches up, a read from replica 2 still returns the old value 0.",
        LabelKind::Note,
    );
    Words {
        title: format!("Eventual consistency with {store}"),
        desc: format!("A write of X=1 reaches one {store} replica first; the other still holds X=0 until both converge."),
        text_alternative: vec![
            "Client A writes X=1.".into(),
            format!("The write reaches replica 1 of {store} first, which now holds X=1."),
            "Replica 2 has not received it yet and still holds X=0, so a read there returns the old value.".into(),
            "Later, replication catches up and both replicas hold X=1: they have converged.".into(),
        ],
    }
}
