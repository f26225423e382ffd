//! Replication topologies: one primary with replicas, or a primary per region.

use super::{list, names, store_name};
use crate::diagrams::canvas::{label, matched_width, Canvas, Edge, Words};
use crate::diagrams::{BoxKind, ConsistencyLabel, DiagramInput, LabelKind, ReplicationLabel};

/// One primary taking every write, copying to its replicas. Where reads go depends on the model: with strong
/// consistency, reads that must see the latest write go to the primary too (docs/ADVICE.md, step 4) and the
/// replicas serve reads that may lag (and take over on failover); with eventual consistency, as the seed
/// draws it, reads go to the replicas.
pub fn primary_replica(c: &mut Canvas, input: &DiagramInput) -> Words {
    let store = store_name(input);
    let n = input.replicas.clamp(1, 5);
    let mode = input.replication;
    let strong = input.consistency == ConsistencyLabel::Strong;
    let top: Vec<usize> = if strong {
        let texts = [["All writes"], ["Reads that must be current"]];
        let w = matched_width(&[&texts[0][..], &texts[1][..]], 200.0);
        texts
            .iter()
            .map(|t| c.add_box_of_width(t, BoxKind::Actor, w))
            .collect()
    } else {
        vec![c.add_box(&["All writes"], BoxKind::Actor, 200.0)]
    };
    let primary = c.add_box(&[store.as_str(), "primary"], BoxKind::Store, 220.0);
    let texts: Vec<[String; 2]> = (1..=n)
        .map(|i| [format!("Replica {i}"), store.clone()])
        .collect();
    let w = matched_width(&texts.iter().map(|t| &t[..]).collect::<Vec<_>>(), 180.0);
    let replicas: Vec<usize> = texts
        .iter()
        .map(|t| c.add_box_of_width(t, BoxKind::Store, w))
        .collect();
    let lagging = if strong {
        "Reads that may lag"
    } else {
        "Reads"
    };
    let reads = c.add_box(&[lagging], BoxKind::Actor, 200.0);
    c.stack(
        &[&top, &[primary], &replicas, &[reads]],
        0.0,
        0.0,
        32.0,
        64.0,
    );
    if let [writes, current] = top[..] {
        // Each into its own side of the primary: two heads, not one arrow merging two sources.
        c.connect(writes, primary, Edge::solid().arrive_at(-0.25));
        c.connect(current, primary, Edge::solid().arrive_at(0.25));
    } else {
        c.connect(top[0], primary, Edge::solid());
    }
    let replication = format!("{} replication", mode.label());
    let style = if mode == ReplicationLabel::Async {
        Edge::dashed()
    } else {
        Edge::solid()
    };
    for (i, &r) in replicas.iter().enumerate() {
        c.connect(
            primary,
            r,
            style.label((i == 0).then_some(replication.as_str())),
        );
    }
    // The box says what these reads are when the model is strong; the seed's drawing labels its arrow.
    let reads_label = (!strong).then_some("reads");
    for (i, &r) in replicas.iter().enumerate() {
        c.connect(
            reads,
            r,
            Edge::solid().label(reads_label.filter(|_| i == 0)),
        );
    }
    let how = match mode {
        ReplicationLabel::Async => "Async: the primary doesn't wait for replicas. Fast, but the latest writes can be lost if it fails.".to_string(),
        ReplicationLabel::SemiSync => "Semi-sync: the primary waits for one replica to confirm. A balance of speed and durability.".to_string(),
        ReplicationLabel::Sync if n == 1 => "Sync: the primary waits for its replica. Slow but durable.".to_string(),
        ReplicationLabel::Sync => format!("Sync: the primary waits for all {n} replicas. Slow but durable."),
    };
    let s = if n == 1 { "" } else { "s" };
    let serve = if n == 1 {
        "the replica serves reads that may lag, and takes over if the primary fails"
    } else {
        "the replicas serve reads that may lag, and one takes over if the primary fails"
    };
    let where_reads = format!("Reads that must see the latest write go to the primary; {serve}.");
    if strong {
        c.note(&format!("{where_reads} {how}"), LabelKind::Note);
    } else {
        c.note(&how, LabelKind::Note);
    }
    let mode = mode.label();
    let title = format!("Primary-replica: {store}, {mode} replication, {n} replica{s}");
    let copies =
        format!("The primary copies each write to {n} replica{s} using {mode} replication.");
    if strong {
        return Words {
            title,
            desc: format!("All writes, and the reads that must be current, go to the {store} primary, which replicates ({mode}) to {n} replica{s} serving reads that may lag."),
            text_alternative: vec![
                format!("All writes go to the {store} primary."),
                copies,
                where_reads,
                how,
            ],
        };
    }
    Words {
        title,
        desc: format!("All writes go to the {store} primary, which replicates ({mode}) to {n} replica{s} that serve reads."),
        text_alternative: vec![
            format!("All writes go to the {store} primary."),
            copies,
            "Reads can go to any replica.".into(),
            how,
        ],
    }
}

pub fn multi_primary(c: &mut Canvas, input: &DiagramInput) -> Words {
    let store = store_name(input);
    let regions = names(&input.regions, 2, 5, &["Region 1", "Region 2"]);
    let gap = label("replicate", LabelKind::Arrow, 150.0, 1).w + 16.0;
    let writer_texts: Vec<[String; 2]> = regions
        .iter()
        .map(|r| ["Local writes".into(), r.clone()])
        .collect();
    let primary_texts: Vec<[String; 3]> = regions
        .iter()
        .zip('A'..)
        .map(|(r, letter)| [format!("Primary {letter}"), format!("({r})"), store.clone()])
        .collect();
    // One width for every box: each region's column reads alike.
    let all: Vec<&[String]> = writer_texts
        .iter()
        .map(|t| &t[..])
        .chain(primary_texts.iter().map(|t| &t[..]))
        .collect();
    let w = matched_width(&all, 200.0);
    let writers: Vec<usize> = writer_texts
        .iter()
        .map(|t| c.add_box_of_width(t, BoxKind::Actor, w))
        .collect();
    let primaries: Vec<usize> = primary_texts
        .iter()
        .map(|t| c.add_box_of_width(t, BoxKind::Store, w))
        .collect();
    let top: Vec<Option<usize>> = writers.iter().copied().map(Some).collect();
    let bottom: Vec<Option<usize>> = primaries.iter().copied().map(Some).collect();
    c.grid(&[&top, &bottom], 0.0, gap.max(48.0), 48.0);
    for (&w, &p) in writers.iter().zip(&primaries) {
        c.connect(w, p, Edge::solid());
    }
    for pair in primaries.windows(2) {
        c.connect(
            pair[0],
            pair[1],
            Edge::solid().label("replicate").both_ways(),
        );
    }
    let warn = "Conflict resolution needed: the same record can change in two regions at once, so concurrent writes must be merged (e.g. last-write-wins, version vectors, CRDTs). Reads are eventually consistent.";
    c.note(warn, LabelKind::Warn);
    let regions = list(&regions);
    Words {
        title: format!("Multi-primary {store} across {regions}"),
        desc: format!("A {store} primary in each of {regions} accepts local writes and replicates both ways; conflicts must be resolved."),
        text_alternative: vec![
            format!("Each of {regions} has its own {store} primary that accepts local writes."),
            "The primaries replicate to each other in both directions.".into(),
            warn.into(),
        ],
    }
}
