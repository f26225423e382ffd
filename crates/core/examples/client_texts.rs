//! Writes every kind of text Strata hands out, for the programs that read them to check
//! (`tests/clients/run.mjs`, a step of `scripts/test.sh`):
//!
//! - `svg/<case>--<diagram>.svg`: the standalone SVG file of "Download SVG" (rendered by rsvg-convert),
//! - `mermaid/<case>--<diagram>.mmd`: the text of "Copy Mermaid" (parsed and rendered by mermaid),
//! - `adr/<case>.md`: the ADR of "Copy ADR" / "Download ADR" (rendered by cmark-gfm; its Mermaid blocks too),
//! - `adr/titles.tsv`: the heading each ADR must show, one `case<TAB>title` line per case,
//! - `adr/sections.tsv`: the second-level headings each ADR must show, `case<TAB>heading<TAB>heading…`,
//! - `snippets/<case>.iframe.html`, `.confluence.html`, `.md`: the Embed dialog's snippets for a wiki page at
//!   `https://wiki.example/tools/strata/` (parsed by Chromium and cmark-gfm), with `snippets/expected.tsv`
//!   (`case<TAB>link text<TAB>link fragment`) and `snippets/sandbox.txt` (the iframe's sandbox flags).
//!
//! Cases: the seed's example input, 40-character names in every slot, hostile names, and the decisions of
//! every preset plus a hostile one (their diagrams drawn from the decision, as the cards draw them), and
//! systems of several services: a shop of five, and eight services with 40-character hostile names (their
//! system diagrams drawn from the system advice, as the page's system figure draws them).
//!
//! `cargo run -p strata-core --example client_texts -- <out-dir>`

use std::fs;
use std::path::Path;

use strata_core::catalog::Catalog;
use strata_core::decision::{Decision, Service};
use strata_core::diagrams::{
    clean, layout, render_svg, to_mermaid, DataFlow, DiagramId, DiagramInput, SvgMode,
};
use strata_core::engine::recommend;
use strata_core::export::{
    adr_markdown_with_date, confluence_snippet, diagram_input, iframe_snippet, markdown_link,
    relevant_diagrams, system_diagram_input, system_diagrams, EMBED_SANDBOX,
};
use strata_core::permalink;
use strata_core::system::{advise, FlowKind, SystemAdvice};

/// A name of exactly 40 characters, with spaces where a name would have them.
const FORTY: &str = "Customer Relationship Management Service";
/// Characters each reader treats specially: XML, Markdown, Mermaid, wiki markup, bidi overrides.
const HOSTILE: &str = "<b>\"Q\" & 'q'</b> `x` | %% ;#:::warn ]]> ~~~~ __NOTOC__ \u{202E}ltr";

fn everywhere(name: &str, count: usize) -> DiagramInput {
    let many = |prefix: &str| (1..=count).map(|i| format!("{prefix}{i} {name}")).collect();
    let kinds = [
        FlowKind::Event { outbox: true },
        FlowKind::Query,
        FlowKind::Event { outbox: false },
    ];
    // Each service reads from the next one and from the one three further on, both ways round the row.
    let flows = (0..count)
        .flat_map(|i| [(i, (i + 1) % count), ((i + 3) % count, i)])
        .filter(|(o, c)| o != c)
        .enumerate()
        .map(|(k, (owner, consumer))| DataFlow {
            owner,
            consumer,
            entity: format!("E{}.{} {name}", owner + 1, k % 3 + 1),
            kind: kinds[k % 3],
        })
        .collect();
    DiagramInput {
        stores: many("Store "),
        owns: (1..=count)
            .map(|i| (1..=3).map(|k| format!("E{i}.{k} {name}")).collect())
            .collect(),
        flows,
        store_name: name.into(),
        replicas: 5,
        services: many(""),
        owner_service: format!("1 {name}"),
        regions: many("R"),
        table: name.into(),
        old_column: name.into(),
        new_column: format!("{name} 2"),
        old_store: name.into(),
        new_store: format!("{name} 2"),
        event_names: many("E"),
        ..DiagramInput::default()
    }
}

/// A service of a system: its name, ticks, and the entities it owns and reads (comma-separated).
fn service(name: &str, ticks: &[&str], owns: &str, reads: &str) -> Service {
    let mut s = Service {
        name: name.into(),
        requirements: ticks.iter().map(|t| t.to_string()).collect(),
        ..Service::default()
    };
    Service::add_entities(&mut s.owns, owns);
    Service::add_entities(&mut s.reads, reads);
    s
}

/// Systems of several services: a shop whose services get data by events (through an outbox where the
/// owner's writes are transactions) and by queries, with a reporting service that needs a read model; and eight
/// services with 40-character hostile names, each reading from the next two.
fn systems() -> Vec<(String, Decision)> {
    let shop = Decision {
        title: String::new(),
        services: vec![
            service(
                "Orders",
                &["acid", "inventory", "microservices"],
                "Order, Order line",
                "Customer, Product",
            ),
            service(
                "Customers",
                &["flexible-schema", "schema-evolving"],
                "Customer",
                "",
            ),
            service(
                "Catalog",
                &["full-text", "read-heavy", "flexible-schema"],
                "Product",
                "",
            ),
            service(
                "Payments",
                &["financial", "no-data-loss", "audit-trail"],
                "Payment",
                "Order",
            ),
            service(
                "Reporting",
                &["analytics"],
                "",
                "Order, Customer, Product, Payment",
            ),
        ],
        ..Decision::default()
    };
    let presets = Catalog::builtin().presets.iter().map(|p| &p.requirements);
    let hostile: Vec<Service> = presets
        .cycle()
        .take(8)
        .enumerate()
        .map(|(i, ticks)| {
            let name: String = format!("{i} {HOSTILE}").chars().take(40).collect();
            let entity = |k: usize| format!("E{k} {HOSTILE}");
            let ticks: Vec<&str> = ticks.iter().map(|s| s.as_ref()).collect();
            let reads = format!("{}, {}", entity((i + 1) % 8), entity((i + 2) % 8));
            service(&name, &ticks, &entity(i), &reads)
        })
        .collect();
    vec![
        ("system-shop".into(), shop),
        (
            "system-hostile".into(),
            Decision {
                title: String::new(),
                services: hostile,
                ..Decision::default()
            },
        ),
    ]
}

/// Service `i`'s name as the exports show it.
fn service_name(decision: &Decision, i: usize) -> String {
    match clean(&decision.services[i].name) {
        n if n.is_empty() => format!("Service {}", i + 1),
        n => n,
    }
}

/// The ADR's first heading: the title, else the services it covers (none of these names a lone service).
fn expected_title(decision: &Decision) -> String {
    let names: Vec<String> = (0..decision.services.len())
        .map(|i| service_name(decision, i))
        .collect();
    match (clean(&decision.title), &names[..]) {
        (t, _) if !t.is_empty() => t,
        (_, [_]) => "Data architecture decision".into(),
        (_, [a, b]) => format!("Data architecture for {a} and {b}"),
        (_, [a, b, c]) => format!("Data architecture for {a}, {b} and {c}"),
        (_, all) => format!("Data architecture for {} services", all.len()),
    }
}

/// The ADR's second-level headings: MADR's, a section per service when there are several, and System when
/// there is a system to speak of.
fn expected_sections(decision: &Decision, advice: &SystemAdvice) -> Vec<String> {
    let mut out: Vec<String> = [
        "Context and Problem Statement",
        "Decision Drivers",
        "Considered Options",
        "Decision Outcome",
    ]
    .map(String::from)
    .to_vec();
    if decision.services.len() > 1 {
        out.extend(
            (0..decision.services.len()).map(|i| format!("Service: {}", service_name(decision, i))),
        );
    } else {
        out.push("Diagrams".into());
    }
    if advice.is_system() {
        out.push("System".into());
    }
    out.push("More Information".into());
    out
}

fn write(dir: &Path, file: &str, text: &str) {
    fs::write(dir.join(file), text).unwrap_or_else(|e| panic!("writing {file}: {e}"));
}

fn diagram_files(out: &Path, case: &str, input: &DiagramInput, ids: &[DiagramId]) {
    for &id in ids {
        let d = layout(id, input);
        let stem = format!("{case}--{}", id.as_str());
        let svg = render_svg(&d, SvgMode::Standalone, id.as_str());
        write(&out.join("svg"), &format!("{stem}.svg"), &svg);
        write(
            &out.join("mermaid"),
            &format!("{stem}.mmd"),
            &to_mermaid(&d),
        );
    }
}

fn main() {
    let out = std::env::args()
        .nth(1)
        .expect("usage: client_texts <out-dir>");
    let out = Path::new(&out);
    for sub in ["svg", "mermaid", "adr", "snippets"] {
        fs::create_dir_all(out.join(sub)).expect("creating the output directory");
    }
    let fixed = [
        ("seed", DiagramInput::default()),
        // The longest names the diagrams keep in full, in the largest counts they draw.
        ("long-names", everywhere(&FORTY[..40], 8)),
        ("hostile", everywhere(HOSTILE, 3)),
    ];
    for (case, input) in &fixed {
        diagram_files(out, case, input, &DiagramId::ALL);
    }

    let catalog = Catalog::builtin();
    let mut decisions: Vec<(String, Decision)> = catalog
        .presets
        .iter()
        .map(|p| {
            let service = Service {
                requirements: p.requirements.iter().cloned().collect(),
                ..Service::default()
            };
            let decision = Decision {
                title: p.title.to_string(),
                services: vec![service],
                ..Decision::default()
            };
            (format!("preset-{}", p.id), decision)
        })
        .collect();
    let hostile_service = |i: usize, ids: &[&str]| Service {
        name: format!("{HOSTILE} {i}"),
        requirements: ids.iter().map(|s| s.to_string()).collect(),
        owns: vec![format!("{HOSTILE} entity")],
        reads: Vec::new(),
    };
    let everything: Vec<&str> = [
        "microservices",
        "schema-change",
        "switch-database",
        "read-heavy",
    ]
    .into_iter()
    .chain([
        "multi-region",
        "local-writes",
        "audit-trail",
        "rebuild-views",
    ])
    .collect();
    decisions.push((
        "decision-hostile".into(),
        Decision {
            title: HOSTILE.into(),
            services: vec![hostile_service(1, &everything), hostile_service(2, &[])],
            ..Decision::default()
        },
    ));
    decisions.push(("decision-empty".into(), Decision::default()));
    decisions.extend(systems());
    let link = "https://strata.example/tools/strata/#v=1&r=acid";
    let mut titles = String::new();
    let mut sections = String::new();
    let mut expected = String::new();
    let page = "https://wiki.example/tools/strata/";
    for (case, decision) in &decisions {
        let rec = recommend(catalog, decision.requirements());
        let input = diagram_input(decision, 0, &rec);
        diagram_files(out, case, &input, &relevant_diagrams(&rec));
        let advice = advise(catalog, decision);
        if advice.is_system() {
            let input = system_diagram_input(decision, &advice);
            diagram_files(
                out,
                &format!("{case}-system"),
                &input,
                &system_diagrams(&advice),
            );
        }
        let adr = adr_markdown_with_date(catalog, decision, &rec, link, Some("2026-01-31"));
        write(&out.join("adr"), &format!("{case}.md"), &adr);
        // `clean` leaves no tab or newline in a title or a service's name.
        titles.push_str(&format!("{case}\t{}\n", expected_title(decision)));
        let headings = expected_sections(decision, &advice).join("\t");
        sections.push_str(&format!("{case}\t{headings}\n"));

        let fragment = permalink::encode(decision, false);
        let snippets = out.join("snippets");
        let iframe = iframe_snippet(page, &fragment, &decision.title);
        write(&snippets, &format!("{case}.iframe.html"), &iframe);
        let confluence = confluence_snippet(page, &fragment, &decision.title);
        write(&snippets, &format!("{case}.confluence.html"), &confluence);
        let link = markdown_link(&format!("{page}#{fragment}"), &decision.title);
        write(&snippets, &format!("{case}.md"), &link);
        let text = match clean(&decision.title) {
            t if t.is_empty() => "Strata decision".to_string(),
            t => t,
        };
        expected.push_str(&format!("{case}\t{text}\t{fragment}\n"));
    }
    write(&out.join("adr"), "titles.tsv", &titles);
    write(&out.join("adr"), "sections.tsv", &sections);
    write(&out.join("snippets"), "expected.tsv", &expected);
    write(&out.join("snippets"), "sandbox.txt", EMBED_SANDBOX);
}
