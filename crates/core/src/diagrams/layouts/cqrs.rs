//! CQRS with event sourcing: commands append events, projections answer queries.

use super::{list, names, store_name};
use crate::diagrams::canvas::{label, matched_width, Canvas, Edge, Words};
use crate::diagrams::{BoxKind, DiagramInput, LabelKind};

pub fn cqrs_event_sourcing(c: &mut Canvas, input: &DiagramInput) -> Words {
    let store = store_name(input);
    let events = names(&input.event_names, 1, 8, &["Created", "Updated", "Shipped"]);
    let actors = [["Commands"], ["Queries"]];
    let w = matched_width(&[&actors[0][..], &actors[1]], 200.0);
    let [commands, queries] = actors.map(|t| c.add_box_of_width(&t, BoxKind::Actor, w));
    let models = [
        ["Command model", "(validates, emits events)"],
        ["Read model", "(projections)"],
    ];
    let w = matched_width(&[&models[0][..], &models[1]], 220.0);
    let [command_model, read_model] = models.map(|t| c.add_box_of_width(&t, BoxKind::Service, w));
    let mut store_text = vec![format!("Event store ({store})")];
    store_text.extend(
        events
            .iter()
            .enumerate()
            .map(|(i, e)| format!("{}. {e}", i + 1)),
    );
    let event_store = c.add_box(&store_text, BoxKind::Store, 220.0);
    let gap = label("build", LabelKind::Arrow, 150.0, 1).w + 24.0;
    c.grid(
        &[
            &[Some(commands), Some(queries)],
            &[Some(command_model), Some(read_model)],
            &[Some(event_store), None],
        ],
        0.0,
        gap.max(64.0),
        64.0,
    );
    c.connect(commands, command_model, Edge::solid());
    c.connect(read_model, queries, Edge::solid());
    c.connect(command_model, read_model, Edge::solid().label("build"));
    c.connect(
        command_model,
        event_store,
        Edge::solid().label("append events"),
    );
    c.note("The read model is rebuilt from the events, so it is eventually consistent with the commands; every change stays in the audit trail.", LabelKind::Note);
    Words {
        title: "CQRS with event sourcing".into(),
        desc: format!("Commands go to a command model that appends events ({}) to the event store; projections build a read model that answers queries.", list(&events)),
        text_alternative: vec![
            "Commands (writes) go to the command model, which validates them and emits events.".into(),
            format!("The events are appended in order to the event store ({store}): {}.", list(&events)),
            "The command model's events build projections: the read model.".into(),
            "Queries (reads) are answered from the read model, which is eventually consistent with the commands.".into(),
        ],
    }
}
