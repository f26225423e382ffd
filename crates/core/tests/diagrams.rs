//! Native tests for the diagram module: geometry, SVG and Mermaid over generated inputs.

use std::collections::HashSet;

use proptest::prelude::*;
use strata_core::diagrams::*;
use strata_core::engine::Verdict;

const EPS: f32 = 0.01;

const HOSTILE: &[&str] = &[
    "<script>alert('x')</script>",
    "\"quoted\" & 'single'",
    "a`b`c | d | e",
    "line\nbreak\r\ttab",
    "🚀🔥 Ünïcødé 数据库 サービス",
    "]]> <!-- --> &amp; &#x41;",
    "%% ; # :::warn",
    "\u{202E}evil\u{0007}\u{0000}",
    "   ",
    "",
];

fn overlaps(a: (f32, f32, f32, f32), b: (f32, f32, f32, f32)) -> bool {
    a.0 + a.2 > b.0 + EPS && b.0 + b.2 > a.0 + EPS && a.1 + a.3 > b.1 + EPS && b.1 + b.3 > a.1 + EPS
}

fn inside(d: &Diagram, r: (f32, f32, f32, f32)) -> bool {
    r.0 >= -EPS && r.1 >= -EPS && r.0 + r.2 <= d.width + EPS && r.1 + r.3 <= d.height + EPS
}

fn check_geometry(d: &Diagram) {
    let id = d.id.as_str();
    assert!(
        d.width.is_finite() && d.height.is_finite() && d.width > 0.0 && d.height > 0.0,
        "{id}"
    );
    assert!(
        !d.title.is_empty() && !d.desc.is_empty() && !d.text_alternative.is_empty(),
        "{id}"
    );
    assert!(
        d.text_alternative.iter().all(|s| !s.trim().is_empty()),
        "{id}"
    );
    assert!(!d.boxes.is_empty(), "{id}");
    let rects: Vec<_> = d.boxes.iter().map(|b| (b.x, b.y, b.w, b.h)).collect();
    for (i, b) in d.boxes.iter().enumerate() {
        assert!(inside(d, rects[i]), "{id}: box {i} outside viewBox");
        assert!(b.font_size >= MIN_FONT - EPS, "{id}: font too small");
        assert!(!b.lines.is_empty(), "{id}: empty box");
        for line in &b.lines {
            assert!(
                text_width(line, b.font_size) <= b.w - 2.0 * BOX_PAD_X + EPS,
                "{id}: {line:?} overflows box {i}"
            );
            assert!(!line.chars().any(char::is_control), "{id}: control char");
        }
        assert!(
            b.lines.len() as f32 * b.font_size * LINE_HEIGHT <= b.h - 2.0 * BOX_PAD_Y + EPS,
            "{id}: box {i} too short"
        );
        for j in 0..i {
            assert!(
                !overlaps(rects[i], rects[j]),
                "{id}: boxes {j} and {i} overlap"
            );
        }
    }
    let labels: Vec<&Label> = d.all_labels().collect();
    for (i, l) in labels.iter().enumerate() {
        let r = (l.x, l.y, l.w, l.h);
        assert!(inside(d, r), "{id}: label {:?} outside viewBox", l.lines);
        assert!(l.font_size >= MIN_FONT - EPS);
        for line in &l.lines {
            assert!(
                text_width(line, l.font_size) <= l.w - 2.0 * LABEL_PAD_X + EPS,
                "{id}: {line:?} overflows label"
            );
        }
        assert!(l.lines.len() as f32 * l.font_size * LINE_HEIGHT <= l.h + EPS);
        for (j, b) in rects.iter().enumerate() {
            assert!(
                !overlaps(r, *b),
                "{id}: label {:?} overlaps box {j}",
                l.lines
            );
        }
        for m in &labels[..i] {
            assert!(
                !overlaps(r, (m.x, m.y, m.w, m.h)),
                "{id}: labels {:?} and {:?} overlap",
                l.lines,
                m.lines
            );
        }
        assert!(l.members.iter().all(|&m| m < d.boxes.len()));
    }
    for a in &d.arrows {
        assert!(
            a.points.len() >= 2 && a.from < d.boxes.len() && a.to < d.boxes.len(),
            "{id}"
        );
        assert!(
            a.points.iter().all(|p| inside(d, (p.0, p.1, 0.0, 0.0))),
            "{id}: arrow outside"
        );
    }
}

/// A tiny XML checker: balanced tags, quoted attributes without `<`, known entities only.
/// Returns (tag name, attributes) of every start tag.
fn parse_xml(s: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut tags = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut rest = s;
    let check_text = |t: &str| {
        let mut r = t;
        while let Some(i) = r.find('&') {
            r = &r[i + 1..];
            let end = r.find(';').expect("unterminated entity");
            let ent = &r[..end];
            assert!(
                matches!(ent, "amp" | "lt" | "gt" | "quot" | "apos") || ent.starts_with('#'),
                "bad entity &{ent};"
            );
            r = &r[end + 1..];
        }
    };
    if let Some(r) = rest.strip_prefix("<?xml") {
        rest = &r[r.find("?>").expect("xml decl") + 2..];
    }
    while let Some(i) = rest.find('<') {
        check_text(&rest[..i]);
        assert!(
            !rest[..i].contains('>') || !stack.is_empty() || rest[..i].trim().is_empty(),
            "text outside root"
        );
        rest = &rest[i + 1..];
        let end = rest.find('>').expect("unclosed tag");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
        let name = tag[..name_end].to_string();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "bad tag name {name:?}"
        );
        let mut attrs = Vec::new();
        let mut a = tag[name_end..].trim();
        while !a.is_empty() {
            let eq = a.find("=\"").expect("attribute without quoted value");
            let key = a[..eq].trim().to_string();
            assert!(
                key.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':'),
                "bad attr {key:?}"
            );
            let v = &a[eq + 2..];
            let close = v.find('"').expect("unterminated attribute");
            assert!(!v[..close].contains('<'));
            check_text(&v[..close]);
            attrs.push((key, v[..close].to_string()));
            a = v[close + 1..].trim_start();
        }
        if !self_closing {
            stack.push(name.clone());
        }
        tags.push((name, attrs));
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert!(rest.trim().is_empty());
    tags
}

fn xml_esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn mermaid_esc(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '"' => "#quot;".into(),
            '<' => "#lt;".into(),
            '>' => "#gt;".into(),
            '&' => "#amp;".into(),
            '#' => "#35;".into(),
            '|' => "#124;".into(),
            ';' => "#59;".into(),
            '`' => "#96;".into(),
            c => c.to_string(),
        })
        .collect()
}

fn check_svg(d: &Diagram) {
    let id = d.id.as_str();
    for mode in [SvgMode::Inline, SvgMode::Standalone] {
        let svg = render_svg(d, mode, "Test Diagram #1");
        let tags = parse_xml(&svg);
        assert!(!svg.to_ascii_lowercase().contains("<script"), "{id}");
        assert_eq!(tags[0].0, "svg");
        let root = &tags[0].1;
        let get = |k: &str| root.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str());
        assert_eq!(get("role"), Some("img"));
        assert!(get("viewBox").is_some());
        assert_eq!(get("xmlns"), Some("http://www.w3.org/2000/svg"));
        let ids: Vec<&str> = tags
            .iter()
            .flat_map(|(_, a)| a.iter())
            .filter(|(k, _)| k == "id")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(
            ids.len(),
            ids.iter().collect::<HashSet<_>>().len(),
            "{id}: duplicate ids"
        );
        assert!(
            ids.iter().all(|i| i.starts_with("test-diagram--1-")),
            "{id}: {ids:?}"
        );
        for r in get("aria-labelledby").expect("aria-labelledby").split(' ') {
            assert!(ids.contains(&r));
        }
        for name in ["title", "desc", "marker"] {
            assert!(
                tags.iter()
                    .any(|(t, a)| t == name && a.iter().any(|(k, _)| k == "id")),
                "{id}: {name}"
            );
        }
        assert!(
            tags.iter()
                .any(|(t, a)| t == "path"
                    && a.iter().any(|(k, v)| k == "fill" && v.starts_with('#'))),
            "marker fill"
        );
        let has_style = tags
            .iter()
            .any(|(t, a)| t == "style" || a.iter().any(|(k, _)| k == "style"));
        match mode {
            SvgMode::Inline => assert!(
                !has_style && !svg.starts_with("<?xml"),
                "{id}: inline has style"
            ),
            SvgMode::Standalone => {
                assert!(svg.starts_with("<?xml") && svg.contains(&format!("<style>{CSS}</style>")));
            }
        }
        for line in d
            .boxes
            .iter()
            .flat_map(|b| &b.lines)
            .chain(d.all_labels().flat_map(|l| &l.lines))
        {
            assert!(
                svg.contains(&format!(">{}</text>", xml_esc(line))),
                "{id}: missing {line:?}"
            );
        }
        assert!(svg.contains(&format!(">{}</title>", xml_esc(&d.title))));
    }
}

fn check_mermaid(d: &Diagram) {
    let m = to_mermaid(d);
    assert!(m.starts_with("flowchart "));
    assert!(!m.contains('`') && !m.contains('\r'));
    for (i, seg) in m.split('"').enumerate() {
        if i % 2 == 1 {
            assert!(
                !seg.contains(['<', '>', '\n', '`', '|', '"']),
                "bad mermaid label {seg:?}"
            );
        }
    }
    assert_eq!(m.split('"').count() % 2, 1, "unbalanced quotes");
    for b in &d.boxes {
        assert!(
            m.contains(&mermaid_esc(&b.lines.join(" "))),
            "missing box {:?}",
            b.lines
        );
    }
    for l in d.all_labels() {
        assert!(
            m.contains(&mermaid_esc(&l.lines.join(" "))),
            "missing label {:?}",
            l.lines
        );
    }
}

fn check_all(input: &DiagramInput) {
    for id in DiagramId::ALL {
        let d = layout(id, input);
        assert_eq!(d.id, id);
        check_geometry(&d);
        check_svg(&d);
        check_mermaid(&d);
    }
}

fn name() -> impl Strategy<Value = String> {
    let chars: Vec<char> = "abcXYZ MW mw0123456789 _-.,:;!?()[]{}<>&\"'`|#%/\\\n\té数🚀🧑‍💻…"
        .chars()
        .collect();
    prop_oneof![
        prop::sample::select(HOSTILE).prop_map(String::from),
        prop::collection::vec(prop::sample::select(chars.clone()), 0..=120)
            .prop_map(String::from_iter),
        prop::collection::vec(
            prop::sample::select(vec!['W', 'M', 'm', '数', '🚀']),
            100..=120
        )
        .prop_map(String::from_iter),
        (1usize..=12).prop_map(|n| "word ".repeat(n)),
    ]
}

fn input() -> impl Strategy<Value = DiagramInput> {
    (
        (
            name(),
            0usize..=7,
            0usize..3,
            prop::collection::vec(name(), 0..=9),
            name(),
        ),
        (
            prop::collection::vec(name(), 0..=6),
            0usize..3,
            name(),
            name(),
            name(),
        ),
        (
            name(),
            name(),
            prop::collection::vec(name(), 0..=9),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (store, replicas, mode, services, owner),
                (regions, verdict, table, old, new),
                (os, ns, events, owner_listed),
            )| {
                let owner_service = if owner_listed && !services.is_empty() {
                    services[0].clone()
                } else {
                    owner
                };
                DiagramInput {
                    store_name: store,
                    replication: [
                        ReplicationLabel::Async,
                        ReplicationLabel::SemiSync,
                        ReplicationLabel::Sync,
                    ][mode],
                    replicas,
                    services,
                    owner_service,
                    regions,
                    shared_database_verdict: [
                        Verdict::Recommended,
                        Verdict::Acceptable,
                        Verdict::Avoid,
                    ][verdict],
                    table,
                    old_column: old,
                    new_column: new,
                    old_store: os,
                    new_store: ns,
                    event_names: events,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_inputs_lay_out_cleanly(inp in input()) {
        check_all(&inp);
    }
}

#[test]
fn defaults_and_each_hostile_name_everywhere() {
    check_all(&DiagramInput::default());
    for h in HOSTILE {
        let s = h.to_string();
        let inp = DiagramInput {
            store_name: s.clone(),
            services: vec![s.clone(); 8],
            owner_service: s.clone(),
            regions: vec![s.clone(); 5],
            table: s.clone(),
            old_column: s.clone(),
            new_column: s.clone(),
            old_store: s.clone(),
            new_store: s.clone(),
            event_names: vec![s.clone(); 8],
            replicas: 5,
            ..DiagramInput::default()
        };
        check_all(&inp);
    }
}

#[test]
fn ids_are_the_seed_ones_and_choices_map() {
    let ids: Vec<&str> = DiagramId::ALL.iter().map(|d| d.as_str()).collect();
    assert_eq!(
        ids,
        [
            "strong-consistency",
            "eventual-consistency",
            "single-source-of-truth",
            "database-per-service",
            "shared-database",
            "primary-replica",
            "multi-primary",
            "cqrs-event-sourcing",
            "expand-contract",
            "parallel-run"
        ]
    );
    for d in DiagramId::ALL {
        assert_eq!(DiagramId::parse(d.as_str()), Some(d));
    }
    fn map(c: &str) -> Option<&'static str> {
        diagram_for_choice(c).map(|d| d.as_str())
    }
    assert_eq!(map("strong"), Some("strong-consistency"));
    assert_eq!(map("eventual"), Some("eventual-consistency"));
    for m in ["async", "semi-sync", "sync"] {
        assert_eq!(
            map(&format!("primary-replica-{m}")),
            Some("primary-replica")
        );
        assert_eq!(
            ReplicationLabel::from_choice(&format!("primary-replica-{m}")).map(|r| r.label()),
            Some(m)
        );
    }
    for c in [
        "multi-primary",
        "single-source-of-truth",
        "database-per-service",
        "shared-database",
        "cqrs-event-sourcing",
        "expand-contract",
        "parallel-run",
    ] {
        assert_eq!(map(c), Some(c));
    }
    for c in ["primary-replica", "strong-consistency", "relational", ""] {
        assert_eq!(map(c), None, "{c}");
    }
}

#[test]
fn default_input_is_the_seeds_example() {
    let d = DiagramInput::default();
    assert_eq!(d.store_name, "PostgreSQL");
    assert_eq!(
        d.services,
        ["User Service", "Order Service", "Product Service"]
    );
    assert_eq!(
        (
            d.table.as_str(),
            d.old_column.as_str(),
            d.new_column.as_str()
        ),
        ("users", "name", "full_name")
    );
    assert_eq!(d.event_names, ["Created", "Updated", "Shipped"]);
    assert_eq!(d.replicas, 2);
    let all: String = layout(DiagramId::CqrsEventSourcing, &d)
        .boxes
        .iter()
        .flat_map(|b| b.lines.clone())
        .collect::<Vec<_>>()
        .join("\n");
    for e in ["1. Created", "2. Updated", "3. Shipped"] {
        assert!(all.contains(e));
    }
}

#[test]
fn replica_count_and_replication_label_appear() {
    for n in 0..=7 {
        for mode in [
            ReplicationLabel::Async,
            ReplicationLabel::SemiSync,
            ReplicationLabel::Sync,
        ] {
            let inp = DiagramInput {
                replicas: n,
                replication: mode,
                ..DiagramInput::default()
            };
            let d = layout(DiagramId::PrimaryReplica, &inp);
            let want = n.clamp(1, 5);
            let reps = d
                .boxes
                .iter()
                .filter(|b| b.lines[0].starts_with("Replica "))
                .count();
            assert_eq!(reps, want);
            let label = format!("{} replication", mode.label());
            assert!(d
                .arrows
                .iter()
                .any(|a| a.label.as_ref().is_some_and(|l| l.lines == [label.clone()])));
            assert_eq!(
                d.arrows.iter().filter(|a| a.dashed).count(),
                if mode == ReplicationLabel::Async {
                    want
                } else {
                    0
                }
            );
            assert!(render_svg(&d, SvgMode::Inline, "p").contains(&label));
            assert!(to_mermaid(&d).contains(&label));
            assert!(d.title.contains(&format!("{want} replica")));
            assert!(d.text_alternative.iter().any(|s| s.contains(mode.label())));
        }
    }
}

#[test]
fn shared_database_is_marked_only_when_avoided() {
    for v in [Verdict::Recommended, Verdict::Acceptable, Verdict::Avoid] {
        let d = layout(
            DiagramId::SharedDatabase,
            &DiagramInput {
                shared_database_verdict: v,
                ..DiagramInput::default()
            },
        );
        let svg = render_svg(&d, SvgMode::Inline, "s").to_lowercase();
        let mm = to_mermaid(&d).to_lowercase();
        let alt = d.text_alternative.join(" ").to_lowercase();
        let anti = v == Verdict::Avoid;
        assert_eq!(d.is_anti_pattern(), anti);
        for text in [&svg, &mm, &alt, &d.title.to_lowercase()] {
            assert_eq!(text.contains("anti-pattern"), anti, "{v:?}: {text}");
        }
        assert_eq!(svg.contains("dg-warn"), anti);
    }
}

#[test]
fn long_names_wrap_shrink_then_truncate() {
    let long = "W".repeat(120);
    let d = layout(
        DiagramId::StrongConsistency,
        &DiagramInput {
            store_name: long.clone(),
            ..DiagramInput::default()
        },
    );
    check_geometry(&d);
    let db = d.boxes.iter().find(|b| b.kind == BoxKind::Store).unwrap();
    assert!(db.font_size < 14.0);
    assert!(db.lines.iter().any(|l| l.ends_with('…')));
    let words = "Customer Relationship Management Service";
    let d = layout(
        DiagramId::DatabasePerService,
        &DiagramInput {
            services: vec![words.into()],
            ..DiagramInput::default()
        },
    );
    let b = &d.boxes[0];
    assert!(
        b.lines.len() > 1 && b.lines.join(" ") == words,
        "{:?}",
        b.lines
    );
}

#[test]
fn services_owner_and_regions_come_from_input() {
    let inp = DiagramInput {
        services: (1..=10).map(|i| format!("S{i}")).collect(),
        owner_service: "S3".into(),
        regions: vec!["eu-west".into()],
        ..DiagramInput::default()
    };
    let dps = layout(DiagramId::DatabasePerService, &inp);
    assert_eq!(dps.boxes.len(), 16, "8 services and 8 databases");
    let ssot = layout(DiagramId::SingleSourceOfTruth, &inp);
    assert_eq!(ssot.boxes.len(), 8);
    assert_eq!(ssot.boxes[0].lines[0], "S3");
    assert!(ssot.boxes[1..]
        .iter()
        .all(|b| b.kind == BoxKind::Cache && b.lines[0] != "S3"));
    let mp = layout(DiagramId::MultiPrimary, &inp);
    assert_eq!(mp.arrows.iter().filter(|a| a.bidirectional).count(), 1);
    assert!(mp
        .all_labels()
        .any(|l| l.lines.join(" ").contains("Conflict resolution")));
    assert!(mp
        .boxes
        .iter()
        .any(|b| b.lines.iter().any(|l| l == "(eu-west)")));
    let ec = layout(DiagramId::ExpandContract, &DiagramInput::default());
    assert_eq!(
        ec.labels
            .iter()
            .filter(|l| l.kind == LabelKind::Heading)
            .count(),
        4
    );
    assert!(ec.boxes[0]
        .lines
        .iter()
        .any(|l| l.contains("full_name (new, nullable)")));
    let pr = layout(DiagramId::ParallelRun, &DiagramInput::default());
    assert_eq!(
        pr.labels
            .iter()
            .filter(|l| l.kind == LabelKind::Heading)
            .count(),
        4
    );
    assert!(
        pr.text_alternative.len() == 4 && pr.text_alternative[3].contains("Stop writing")
            || pr.text_alternative[3].contains("stop writing")
    );
}

#[test]
fn prefixes_and_text_helpers() {
    assert_eq!(sanitize_id_prefix("Card 7: Strong!"), "card-7--strong-");
    assert_eq!(sanitize_id_prefix(""), "dg-");
    assert_eq!(sanitize_id_prefix("9x"), "dg-9x");
    assert_eq!(sanitize_id_prefix("\"><script>"), "dg----script-");
    assert_eq!(clean("  a\n\tb\u{0}\u{202E}c  "), "a b c");
    assert_eq!(text_width("é", 10.0), text_width("e", 10.0) / 0.62 * 0.9);
    assert!(text_width("🚀", 10.0) > text_width("ab", 10.0));
}

#[test]
fn two_diagrams_on_one_page_have_distinct_ids() {
    let d = layout(DiagramId::MultiPrimary, &DiagramInput::default());
    let page = render_svg(&d, SvgMode::Inline, "a") + &render_svg(&d, SvgMode::Inline, "b");
    let mut seen = HashSet::new();
    for (_, attrs) in parse_xml(&format!("<div>{page}</div>")) {
        for (k, v) in attrs {
            if k == "id" {
                assert!(seen.insert(v));
            }
        }
    }
    assert_eq!(seen.len(), 6);
}

#[test]
fn css_is_small_themeable_and_embeds_verbatim() {
    assert!(
        CSS.contains("@media (prefers-color-scheme: dark)")
            && CSS.contains(":root")
            && CSS.contains("@media print")
    );
    assert!(CSS.contains("font-family: system-ui, sans-serif"));
    assert!(CSS.contains("var(--dg-box-bg, #fff)"));
    assert!(!CSS.contains(['<', '>', '&', '"', '\'']));
    let d = layout(DiagramId::CqrsEventSourcing, &DiagramInput::default());
    let svg = render_svg(&d, SvgMode::Inline, "c");
    for class in [
        "dg-box",
        "dg-arrow",
        "dg-label",
        "dg-store",
        "dg-actor",
        "dg-arrowhead",
        "dg-bg",
    ] {
        assert!(
            svg.contains(class) && CSS.contains(&format!(".{class}")),
            "{class}"
        );
    }
    assert!(CSS.len() < 4000);
}
