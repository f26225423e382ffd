//! Native tests for the diagram module: geometry, SVG and Mermaid over generated inputs.

use std::collections::HashSet;

use proptest::prelude::*;
use strata_core::diagrams::*;
use strata_core::engine::Verdict;
use strata_core::system::FlowKind;

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
    check_labels_are_unambiguous(d);
    // One rule per row: boxes side by side are one width, so equal names wrap alike.
    for a in &d.boxes {
        for b in d.boxes.iter().filter(|b| (b.y - a.y).abs() < EPS) {
            assert!(
                (a.w - b.w).abs() < EPS,
                "{id}: {:?} and {:?} share a row but not a width",
                a.lines,
                b.lines
            );
        }
    }
    for l in &d.lanes {
        assert!(l.of < d.boxes.len() && l.top < l.bottom, "{id}: {l:?}");
        assert!(
            inside(d, (l.x, l.top, 0.0, l.bottom - l.top)),
            "{id}: lane outside"
        );
        for (j, b) in rects.iter().enumerate() {
            let crosses = l.x > b.0 + EPS
                && l.x < b.0 + b.2 - EPS
                && l.bottom > b.1 + EPS
                && l.top < b.1 + b.3 - EPS;
            assert!(!crosses, "{id}: a lane crosses box {j}");
        }
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

type Segment = ((f32, f32), (f32, f32));

fn segments(a: &Arrow) -> Vec<Segment> {
    a.points.windows(2).map(|w| (w[0], w[1])).collect()
}

fn lane_segment(l: &Lane) -> Segment {
    ((l.x, l.top), (l.x, l.bottom))
}

/// Whether two axis-aligned segments run along the same line over some length (a shared trunk).
fn shared(s: Segment, t: Segment) -> bool {
    let vertical = |s: Segment| (s.0 .0 - s.1 .0).abs() < EPS;
    let span = |a: f32, b: f32| (a.min(b), a.max(b));
    let overlap = |(a0, a1): (f32, f32), (b0, b1): (f32, f32)| a1.min(b1) - a0.max(b0) > EPS;
    match (vertical(s), vertical(t)) {
        (true, true) => {
            (s.0 .0 - t.0 .0).abs() < EPS && overlap(span(s.0 .1, s.1 .1), span(t.0 .1, t.1 .1))
        }
        (false, false) => {
            (s.0 .1 - t.0 .1).abs() < EPS && overlap(span(s.0 .0, s.1 .0), span(t.0 .0, t.1 .0))
        }
        _ => false,
    }
}

/// Distance from a rectangle (x, y, w, h) to an axis-aligned segment; 0 when they touch or cross.
fn distance(r: (f32, f32, f32, f32), s: Segment) -> f32 {
    let (sx0, sx1) = (s.0 .0.min(s.1 .0), s.0 .0.max(s.1 .0));
    let (sy0, sy1) = (s.0 .1.min(s.1 .1), s.0 .1.max(s.1 .1));
    let dx = (r.0 - sx1).max(sx0 - (r.0 + r.2)).max(0.0);
    let dy = (r.1 - sy1).max(sy0 - (r.1 + r.3)).max(0.0);
    dx.hypot(dy)
}

/// No label hides part of an arrow, and an arrow's label is nearer its own arrow than any other. A label
/// on a trunk that sibling arrows share speaks for all of them, so those must be drawn alike and carry no
/// label of their own.
fn check_labels_are_unambiguous(d: &Diagram) {
    let id = d.id.as_str();
    for l in d.all_labels() {
        let r = (l.x, l.y, l.w, l.h);
        for a in &d.arrows {
            for s in segments(a) {
                assert!(
                    distance(r, s) > EPS,
                    "{id}: label {:?} covers an arrow",
                    l.lines
                );
            }
        }
        for lane in &d.lanes {
            assert!(
                distance(r, lane_segment(lane)) > EPS,
                "{id}: label {:?} covers a lane",
                l.lines
            );
        }
    }
    for (i, a) in d.arrows.iter().enumerate() {
        let Some(l) = &a.label else { continue };
        let r = (l.x, l.y, l.w, l.h);
        let own = segments(a);
        let nearest = own
            .iter()
            .copied()
            .min_by(|s, t| distance(r, *s).total_cmp(&distance(r, *t)))
            .expect("a segment");
        let own_distance = distance(r, nearest);
        // The arrows that share the nearest segment are the label's group.
        let group: Vec<usize> = (0..d.arrows.len())
            .filter(|&j| segments(&d.arrows[j]).iter().any(|&t| shared(t, nearest)))
            .collect();
        for &j in group.iter().filter(|&&j| j != i) {
            let b = &d.arrows[j];
            assert!(
                b.dashed == a.dashed && b.label.is_none(),
                "{id}: label {:?} sits on a trunk shared with an unlike arrow {j}: {:?}",
                l.lines,
                d.arrows
            );
        }
        for lane in &d.lanes {
            assert!(
                distance(r, lane_segment(lane)) > own_distance + EPS,
                "{id}: label {:?} is as near a lane as its own arrow",
                l.lines
            );
        }
        for (j, b) in d.arrows.iter().enumerate() {
            if group.contains(&j) {
                continue;
            }
            for t in segments(b) {
                assert!(
                    distance(r, t) > own_distance + EPS,
                    "{id}: label {:?} is as near arrow {j} as its own ({} px)",
                    l.lines,
                    own_distance
                );
            }
        }
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
            '%' => "#37;".into(),
            '{' => "#123;".into(),
            '}' => "#125;".into(),
            c if c.is_control() => " ".into(),
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
                assert!(svg.starts_with("<?xml"), "{id}");
                check_literal_colours(d, &svg, &tags);
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

/// WCAG relative luminance of `#rgb` or `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let h = hex.strip_prefix('#').expect("a literal colour");
    let h: String = if h.len() == 3 {
        h.chars().flat_map(|c| [c, c]).collect()
    } else {
        h.to_string()
    };
    assert_eq!(h.len(), 6, "{hex}");
    let channel = |i: usize| {
        let c = u8::from_str_radix(&h[i..i + 2], 16).unwrap() as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

/// WCAG contrast ratio of two literal colours (1 to 21).
fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// A standalone file paints everything with literal colours (renderers such as librsvg do not resolve
/// `var()`), its text contrasts with the box it sits in, and its only CSS is the dark scheme.
fn check_literal_colours(d: &Diagram, svg: &str, tags: &[(String, Vec<(String, String)>)]) {
    let id = d.id.as_str();
    assert!(!svg.contains("var("), "{id}: a colour needs var()");
    let attr = |attrs: &[(String, String)], k: &str| {
        attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone())
    };
    let mut box_fill = None;
    let mut texts = 0;
    for (tag, attrs) in tags {
        match tag.as_str() {
            "rect" => {
                let fill = attr(attrs, "fill").unwrap_or_default();
                assert!(fill.starts_with('#'), "{id}: rect without a literal fill");
                box_fill = Some(fill);
            }
            "text" => {
                let fill = attr(attrs, "fill").expect("text fill");
                let under = box_fill.as_deref().expect("text inside a box");
                let ratio = contrast(&fill, under);
                assert!(
                    ratio >= 4.5,
                    "{id}: text {fill} on {under} has contrast {ratio:.2}"
                );
                texts += 1;
            }
            "path" if attr(attrs, "class").is_some_and(|c| c.starts_with("dg-arrow ")) => {
                assert!(attr(attrs, "stroke").is_some_and(|s| s.starts_with('#')));
            }
            _ => {}
        }
    }
    assert!(texts > 0, "{id}");
    let style = &svg[svg.find("<style>").expect("style") + 7..svg.find("</style>").unwrap()];
    assert!(
        style.starts_with("@media screen and (prefers-color-scheme: dark){")
            && style.ends_with('}'),
        "{id}: {style}"
    );
}

fn check_mermaid(d: &Diagram) {
    let id = d.id.as_str();
    let m = to_mermaid(d);
    let grouped = d.labels.iter().any(|l| !l.members.is_empty());
    let header = if grouped || !d.lanes.is_empty() {
        "flowchart LR;\n"
    } else {
        "flowchart TB;\n"
    };
    assert!(m.starts_with(header), "{id}: {m}");
    assert!(!m.contains('`') && !m.contains('\r'));
    // Every statement ends with `;` and none runs to the end of its line, so the text still parses when
    // its newlines become spaces.
    for line in m.lines() {
        assert!(line.ends_with(';'), "{id}: {line:?} does not end with ;");
        let statement = line.trim_start();
        for swallower in ["%%", "accTitle", "accDescr", "direction", "click"] {
            assert!(!statement.starts_with(swallower), "{id}: {line:?}");
        }
    }
    for (i, seg) in m.split('"').enumerate() {
        if i % 2 == 1 {
            // Without its line breaks and entity codes (`#lt;`, `#59;`), a label has no syntax left.
            let mut raw = seg.replace("<br>", "");
            while let Some(start) = raw.find('#') {
                let end = start + raw[start..].find(';').expect("an entity code ends with ;");
                assert!(raw[start + 1..end]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric()));
                raw.replace_range(start..=end, "");
            }
            assert!(
                !raw.contains(['<', '>', '\n', '`', '|', '"', ';', '%', '{', '}']),
                "bad mermaid label {seg:?}"
            );
        }
    }
    assert_eq!(m.split('"').count() % 2, 1, "unbalanced quotes");
    // A box's paragraphs are its lines (Mermaid wraps each by itself), not flattened into one.
    for b in &d.boxes {
        let lines: Vec<String> = b.paragraphs.iter().map(|p| mermaid_esc(p)).collect();
        assert!(
            m.contains(&format!("\"{}\"", lines.join("<br>"))),
            "{id}: missing box {:?}",
            b.paragraphs
        );
    }
    for l in d.all_labels() {
        assert!(
            m.contains(&format!("\"{}\"", mermaid_esc(&l.text))),
            "{id}: missing label {:?}",
            l.text
        );
    }
    // Phases and steps are subgraphs in their order.
    let headings: Vec<usize> = d
        .labels
        .iter()
        .filter(|l| !l.members.is_empty())
        .map(|l| {
            m.find(&format!("[\"{}\"]", mermaid_esc(&l.text)))
                .expect("a subgraph")
        })
        .collect();
    assert!(
        headings.windows(2).all(|w| w[0] < w[1]),
        "{id}: subgraphs out of order"
    );
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
            any::<bool>(),
        ),
        (
            prop::collection::vec(name(), 0..=9),
            prop::collection::vec(prop::collection::vec(name(), 0..=4), 0..=9),
            prop::collection::vec(flow(), 0..=24),
        ),
    )
        .prop_map(
            |(
                (store, replicas, mode, services, owner),
                (regions, verdict, table, old, new),
                (os, ns, events, owner_listed, strong),
                (stores, owns, flows),
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
                    consistency: if strong {
                        ConsistencyLabel::Strong
                    } else {
                        ConsistencyLabel::Eventual
                    },
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
                    stores,
                    owns,
                    flows,
                }
            },
        )
}

/// A flow between any two of the first ten services (some of them not drawn, some from a service to itself).
fn flow() -> impl Strategy<Value = DataFlow> {
    (0usize..10, 0usize..10, name(), 0usize..3).prop_map(|(owner, consumer, entity, kind)| {
        DataFlow {
            owner,
            consumer,
            entity,
            kind: KINDS[kind],
        }
    })
}

const KINDS: [FlowKind; 3] = [
    FlowKind::Event { outbox: false },
    FlowKind::Event { outbox: true },
    FlowKind::Query,
];

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
            stores: vec![s.clone(); 8],
            owns: vec![vec![s.clone(); 3]; 8],
            flows: (0..8)
                .map(|i| DataFlow {
                    owner: i,
                    consumer: (i + 5) % 8,
                    entity: s.clone(),
                    kind: KINDS[i % 3],
                })
                .collect(),
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
            "parallel-run",
            "system"
        ]
    );
    for d in DiagramId::ALL {
        assert_eq!(DiagramId::parse(d.as_str()), Some(d));
    }
    // The seed's ten are every diagram but the system's, in the same order.
    assert_eq!(DiagramId::SEED[..], DiagramId::ALL[..10]);
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
    for c in [
        "primary-replica",
        "strong-consistency",
        "relational",
        "system",
        "",
    ] {
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

/// The box whose first line is `first`, if drawn.
fn box_named(d: &Diagram, first: &str) -> Option<usize> {
    d.boxes.iter().position(|b| b.paragraphs[0] == first)
}

/// The boxes an arrow from box `from` reaches.
fn targets(d: &Diagram, from: usize) -> Vec<usize> {
    d.arrows
        .iter()
        .filter(|a| a.from == from)
        .map(|a| a.to)
        .collect()
}

#[test]
fn strong_consistency_sends_current_reads_to_the_primary_and_eventual_to_the_replicas() {
    for n in 1..=5 {
        for mode in [
            ReplicationLabel::Async,
            ReplicationLabel::SemiSync,
            ReplicationLabel::Sync,
        ] {
            let draw = |consistency| {
                let input = DiagramInput {
                    replicas: n,
                    replication: mode,
                    consistency,
                    ..DiagramInput::default()
                };
                let d = layout(DiagramId::PrimaryReplica, &input);
                check_geometry(&d);
                check_svg(&d);
                check_mermaid(&d);
                d
            };
            let replicas = |d: &Diagram| -> Vec<usize> {
                (0..d.boxes.len())
                    .filter(|&i| d.boxes[i].paragraphs[0].starts_with("Replica "))
                    .collect()
            };

            // Strong: what must be current is read at the primary, the replicas serve what may lag.
            let d = draw(ConsistencyLabel::Strong);
            let primary = box_named(&d, "PostgreSQL").expect("the primary");
            let writes = box_named(&d, "All writes").expect("the writes");
            let current = box_named(&d, "Reads that must be current").expect("current reads");
            let lagging = box_named(&d, "Reads that may lag").expect("reads that may lag");
            assert!(box_named(&d, "Reads").is_none());
            assert_eq!(targets(&d, current), [primary]);
            assert_eq!(targets(&d, writes), [primary]);
            assert_eq!(targets(&d, lagging), replicas(&d));
            // Two heads into the primary, not one arrow merging two sources.
            let heads: Vec<(f32, f32)> = (d.arrows.iter())
                .filter(|a| a.to == primary)
                .map(|a| *a.points.last().unwrap())
                .collect();
            assert!(heads.len() == 2 && (heads[0].0 - heads[1].0).abs() > 20.0);
            let svg = render_svg(&d, SvgMode::Standalone, "p");
            let mermaid = to_mermaid(&d);
            assert!(mermaid.contains(&format!("n{current} --> n{primary};")));
            assert!(mermaid.contains(&format!("n{lagging} --> n{};", replicas(&d)[0])));
            let words = d.text_alternative.join(" ");
            assert!(!words.contains("any replica"), "{words}");
            assert!(d.desc.contains("reads that must be current"), "{}", d.desc);
            // The same sentence in the text version, under the drawing and in the Mermaid.
            let reads = d
                .text_alternative
                .iter()
                .find(|s| s.starts_with("Reads that must see the latest write go to the primary;"))
                .expect("where reads go, in words");
            assert!(reads.contains("may lag") && reads.contains("takes over if the primary fails"));
            let note = &d
                .labels
                .iter()
                .find(|l| l.kind == LabelKind::Note)
                .unwrap()
                .text;
            assert!(note.starts_with(reads.as_str()), "{note}");
            assert!(mermaid.contains(&mermaid_esc(reads)));
            for text in ["Reads that must be current", "Reads that may lag"] {
                assert!(mermaid.contains(&format!("([\"{text}\"])")), "{mermaid}");
            }
            let svg_text: String = d
                .boxes
                .iter()
                .flat_map(|b| b.lines.clone())
                .collect::<Vec<_>>()
                .join(" ");
            assert!(svg_text.contains("must be current") && svg_text.contains("may lag"));
            let labels = d.all_labels().flat_map(|l| &l.lines);
            for line in d.boxes.iter().flat_map(|b| &b.lines).chain(labels) {
                assert!(
                    svg.contains(&format!(">{}</text>", xml_esc(line))),
                    "{line}"
                );
            }

            // Eventual (and the seed's drawing): every read from the replicas, none at the primary.
            let e = draw(ConsistencyLabel::Eventual);
            let primary = box_named(&e, "PostgreSQL").unwrap();
            let reads = box_named(&e, "Reads").expect("the seed's reads");
            assert!(box_named(&e, "Reads that must be current").is_none());
            assert_eq!(targets(&e, reads), replicas(&e));
            assert_eq!(
                e.arrows.iter().filter(|a| a.to == primary).count(),
                1,
                "only the writes"
            );
            assert!(e
                .text_alternative
                .contains(&"Reads can go to any replica.".to_string()));
            assert!(!e.text_alternative.join(" ").contains("go to the primary;"));
            assert!(
                to_mermaid(&e).contains(&format!("n{reads} -->|\"reads\"| n{};", replicas(&e)[0]))
            );
            // Only where reads go differs: the title and the replication are the same.
            assert_eq!(d.title, e.title);
        }
    }
    assert_eq!(
        DiagramInput::default().consistency,
        ConsistencyLabel::Eventual,
        "the seed draws reads from replicas"
    );
    assert_eq!(
        ConsistencyLabel::from_choice("strong"),
        Some(ConsistencyLabel::Strong)
    );
    assert_eq!(
        ConsistencyLabel::from_choice("eventual"),
        Some(ConsistencyLabel::Eventual)
    );
    assert_eq!(ConsistencyLabel::from_choice("quorum"), None);
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
fn page_css_is_small_and_themeable() {
    assert!(
        CSS.contains("@media (prefers-color-scheme: dark)")
            && CSS.contains(":root")
            && CSS.contains("@media print")
    );
    assert!(CSS.contains("font-family: system-ui, sans-serif"));
    assert!(CSS.contains("var(--dg-box-bg, #fff)"));
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

#[test]
fn every_text_contrasts_with_its_background_in_both_schemes() {
    for scheme in [Scheme::Light, Scheme::Dark] {
        let boxes = [
            BoxKind::Service,
            BoxKind::Store,
            BoxKind::Actor,
            BoxKind::Cache,
            BoxKind::Warn,
            BoxKind::Table,
            BoxKind::Muted,
        ]
        .map(|k| (format!("{k:?} box"), box_paint(k)));
        let labels = [
            LabelKind::Arrow,
            LabelKind::Note,
            LabelKind::Warn,
            LabelKind::Heading,
        ]
        .map(|k| (format!("{k:?} label"), label_paint(k)));
        for (what, paint) in boxes.iter().chain(&labels) {
            let (text, fill) = (paint.text.hex(scheme), paint.fill.hex(scheme));
            let ratio = contrast(text, fill);
            assert!(
                ratio >= 4.5,
                "{scheme:?} {what}: text {text} on {fill} has contrast {ratio:.2}"
            );
            if let Some((border, _)) = paint.stroke {
                let ratio = contrast(border.hex(scheme), Ink::Bg.hex(scheme));
                assert!(
                    ratio >= 3.0,
                    "{scheme:?} {what}: border contrast {ratio:.2}"
                );
            }
        }
        let ratio = contrast(Ink::Line.hex(scheme), Ink::Bg.hex(scheme));
        assert!(ratio >= 3.0, "{scheme:?}: arrows contrast {ratio:.2}");
    }
}

/// The declarations of the first rule of `css` whose selector is exactly `selector`.
fn rule<'a>(css: &'a str, selector: &str) -> Option<&'a str> {
    css.split('}').find_map(|chunk| {
        let (sel, body) = chunk.split_once('{')?;
        (sel.trim() == selector).then_some(body)
    })
}

/// The custom property a declaration of `property` reads in a rule, and its fallback.
fn var_of(body: &str, property: &str) -> Option<(String, String)> {
    let decl = body
        .split(';')
        .find(|d| d.trim().starts_with(&format!("{property}:")))?;
    let inner = decl
        .split_once("var(--dg-")?
        .1
        .trim_end()
        .trim_end_matches(')');
    let (name, fallback) = inner.split_once(',')?;
    Some((name.trim().to_string(), fallback.trim().to_string()))
}

#[test]
fn the_page_stylesheet_and_the_standalone_colours_agree() {
    let (light_part, dark_part) = CSS
        .split_once("@media (prefers-color-scheme: dark)")
        .expect("a dark scheme");
    // Every colour of the page's stylesheet is an `Ink`, with the same light and dark value.
    let mut seen = HashSet::new();
    for (i, _) in light_part.match_indices("var(--dg-") {
        let rest = &light_part[i + "var(--dg-".len()..];
        let (name, rest) = rest.split_once(',').unwrap();
        let fallback = rest.split_once(')').unwrap().0.trim();
        let ink = Ink::ALL
            .into_iter()
            .find(|k| k.css_name() == name)
            .unwrap_or_else(|| panic!("--dg-{name} is not an Ink"));
        assert_eq!(fallback, ink.hex(Scheme::Light), "--dg-{name}");
        seen.insert(ink);
    }
    for ink in Ink::ALL {
        assert!(seen.contains(&ink), "{ink:?} unused by the page");
        let declared = format!("--dg-{}: {};", ink.css_name(), ink.hex(Scheme::Dark));
        assert!(dark_part.contains(&declared), "{declared}");
    }
    // Each kind's paint is the page's rule for its classes (the kind's own class, else the generic one).
    let paints = [
        BoxKind::Service,
        BoxKind::Store,
        BoxKind::Actor,
        BoxKind::Cache,
        BoxKind::Warn,
        BoxKind::Table,
        BoxKind::Muted,
    ]
    .map(|k| (k.class(), box_paint(k)))
    .into_iter()
    .chain(
        [
            LabelKind::Arrow,
            LabelKind::Note,
            LabelKind::Warn,
            LabelKind::Heading,
        ]
        .map(|k| (k.class(), label_paint(k))),
    );
    for (classes, paint) in paints {
        let lookup = |element: &str, property: &str| {
            classes
                .split(' ')
                .rev()
                .chain(["dg"])
                .find_map(|c| var_of(rule(light_part, &format!(".{c} {element}"))?, property))
                .map(|(name, _)| name)
        };
        assert_eq!(
            lookup("rect", "fill").as_deref(),
            Some(paint.fill.css_name()),
            "{classes}"
        );
        assert_eq!(
            lookup("text", "fill").as_deref(),
            Some(paint.text.css_name()),
            "{classes}"
        );
        assert_eq!(
            lookup("rect", "stroke").as_deref(),
            paint.stroke.map(|(ink, _)| ink.css_name()),
            "{classes}"
        );
    }
}

#[test]
fn standalone_files_are_dark_only_on_screens_that_ask() {
    let d = layout(DiagramId::SharedDatabase, &DiagramInput::default());
    let svg = render_svg(&d, SvgMode::Standalone, "s");
    let style = &svg[svg.find("<style>").unwrap()..svg.find("</style>").unwrap()];
    // The dark values appear only inside the media query; outside it, everything is light.
    let outside = svg.replace(style, "");
    for ink in Ink::ALL {
        let dark = ink.hex(Scheme::Dark);
        if dark != ink.hex(Scheme::Light) {
            assert!(!outside.contains(&format!("\"{dark}\"")), "{ink:?}");
        }
    }
    assert!(style.contains(&format!(".dg-bg{{fill:{}}}", Ink::Bg.hex(Scheme::Dark))));
    assert!(outside.contains(&format!("fill=\"{}\"", Ink::Bg.hex(Scheme::Light))));
}

#[test]
fn notes_and_headings_end_without_a_lone_word() {
    let long = "Customer Relationship Management Service".to_string();
    let mut inputs = vec![
        DiagramInput::default(),
        DiagramInput {
            store_name: long.clone(),
            services: vec![long.clone(); 8],
            replicas: 5,
            ..DiagramInput::default()
        },
    ];
    // The primary-replica note says more with strong consistency (where reads go), for any replicas and mode.
    for replicas in 1..=5 {
        for replication in [
            ReplicationLabel::Async,
            ReplicationLabel::SemiSync,
            ReplicationLabel::Sync,
        ] {
            for store_name in ["PostgreSQL", long.as_str()] {
                inputs.push(DiagramInput {
                    store_name: store_name.into(),
                    replicas,
                    replication,
                    consistency: ConsistencyLabel::Strong,
                    ..DiagramInput::default()
                });
            }
        }
    }
    for input in &inputs {
        for id in DiagramId::ALL {
            for l in layout(id, input).labels {
                if let [.., last] = &l.lines[..] {
                    assert!(
                        l.lines.len() == 1 || last.contains(' '),
                        "{}: {:?} ends with a lone word",
                        id.as_str(),
                        l.lines
                    );
                }
            }
        }
    }
}

#[test]
fn equal_names_wrap_alike_and_short_names_do_not_wrap() {
    // Names of one length (the seed's) are never wrapped apart; "Local writes" fits its box.
    let d = layout(DiagramId::DatabasePerService, &DiagramInput::default());
    assert!(d.boxes.iter().all(|b| b.lines.len() == 1), "{:?}", d.boxes);
    let d = layout(DiagramId::MultiPrimary, &DiagramInput::default());
    assert!(d.boxes.iter().any(|b| b.lines[0] == "Local writes"));
    let names = ["Billing Service", "Catalog Service", "Payment Service"];
    let d = layout(
        DiagramId::SharedDatabase,
        &DiagramInput {
            services: names.map(String::from).to_vec(),
            ..DiagramInput::default()
        },
    );
    let lines: Vec<usize> = d.boxes[..3].iter().map(|b| b.lines.len()).collect();
    assert!(lines.iter().all(|&n| n == lines[0]), "{lines:?}");
}

/// A system of `n` services with 40-character names, each owning `entities` entities of up to 60 characters,
/// and every service reading from every other (the densest drawing: n × (n − 1) arrows).
fn dense_system(n: usize, entities: usize) -> DiagramInput {
    const FORTY: &str = "Customer Relationship Management Service";
    let entity =
        |i: usize, k: usize| format!("{i}.{k} {}", "Entity name ".repeat(5))[..60].to_string();
    DiagramInput {
        services: (0..n).map(|i| format!("{i}{}", &FORTY[1..])).collect(),
        stores: (0..n)
            .map(|i| ["PostgreSQL (relational)", "MongoDB (document)"][i % 2].to_string())
            .collect(),
        owns: (0..n)
            .map(|i| (0..entities).map(|k| entity(i, k)).collect())
            .collect(),
        flows: (0..n)
            .flat_map(|o| (0..n).map(move |c| (o, c)))
            .filter(|(o, c)| o != c)
            .enumerate()
            .map(|(k, (owner, consumer))| DataFlow {
                owner,
                consumer,
                entity: entity(owner, 0),
                kind: KINDS[k % 3],
            })
            .collect(),
        ..DiagramInput::default()
    }
}

/// The box and the lane of service `i` (boxes come in service order).
fn lane_of(d: &Diagram, b: usize) -> &Lane {
    d.lanes.iter().find(|l| l.of == b).expect("a lane")
}

#[test]
fn system_diagram_draws_one_to_eight_services_without_overlaps() {
    for n in 1..=8 {
        for entities in [0, 1, 24] {
            let input = dense_system(n, entities);
            let d = layout(DiagramId::System, &input);
            check_geometry(&d);
            check_svg(&d);
            check_mermaid(&d);
            assert_eq!(d.boxes.len(), n, "one box per service");
            assert_eq!(
                d.arrows.len(),
                n * (n - 1),
                "one arrow per owner and reader"
            );
            for (i, b) in d.boxes.iter().enumerate() {
                // Name, store and owned entities, in that order (each may wrap or be cut).
                let want = 1 + 1 + usize::from(entities > 0);
                assert_eq!(b.paragraphs.len(), want, "{:?}", b.paragraphs);
                assert_eq!(b.paragraphs[0], input.services[i]);
                assert_eq!(b.paragraphs[1], input.stores[i]);
                if entities > 0 {
                    assert!(b.paragraphs[2].starts_with(&format!("owns {}", input.owns[i][0])));
                }
                assert!(
                    b.lines.join(" ").starts_with(&input.services[i]),
                    "{:?}",
                    b.lines
                );
            }
        }
    }
}

#[test]
fn every_system_arrow_runs_from_its_owner_to_its_reader() {
    let input = dense_system(5, 2);
    let d = layout(DiagramId::System, &input);
    assert_eq!(d.lanes.len(), 5);
    for (i, b) in d.boxes.iter().enumerate() {
        let lane = lane_of(&d, i);
        assert!(
            (lane.x - (b.x + b.w / 2.0)).abs() < EPS,
            "a lane hangs from its box's middle"
        );
        assert!((lane.top - (b.y + b.h)).abs() < EPS);
    }
    for (k, a) in d.arrows.iter().enumerate() {
        let f = input
            .flows
            .iter()
            .find(|f| f.owner == a.from && f.consumer == a.to)
            .unwrap_or_else(|| panic!("arrow {k} ({} → {}) is no flow", a.from, a.to));
        let (start, end) = (a.points[0], *a.points.last().unwrap());
        let (from, to) = (lane_of(&d, a.from), lane_of(&d, a.to));
        assert!(
            (start.0 - from.x).abs() < EPS && (end.0 - to.x).abs() < EPS,
            "arrow {k} joins the wrong lanes"
        );
        for (x, y) in [start, end] {
            assert!(
                y > from.top && y < from.bottom && y > to.top && y < to.bottom,
                "arrow {k} at {x},{y} is off its lanes"
            );
        }
        assert_eq!(a.points.len(), 2, "a straight line across");
        assert_eq!(
            a.dashed,
            f.kind != FlowKind::Query,
            "events dashed, queries solid"
        );
        let label = &a.label.as_ref().expect("a label").text;
        assert_eq!(label, &format!("{}: {}", f.kind.label(), f.entity));
        let l = a.label.as_ref().unwrap();
        // Beside the owner's lane, on the side the arrow goes, just above the arrow.
        let beside = if end.0 > start.0 {
            l.x > start.0
        } else {
            l.x + l.w < start.0
        };
        assert!(
            beside && l.y + l.h < start.1 && start.1 - (l.y + l.h) < 6.0,
            "label of arrow {k} is astray"
        );
    }
    // Each arrow has a row of its own.
    let rows: HashSet<i64> = d
        .arrows
        .iter()
        .map(|a| (a.points[0].1 * 10.0) as i64)
        .collect();
    assert_eq!(rows.len(), d.arrows.len());
}

#[test]
fn system_arrows_merge_an_owners_entities_for_one_reader_and_skip_what_cannot_be_drawn() {
    let flow = |owner, consumer, entity: &str, kind| DataFlow {
        owner,
        consumer,
        entity: entity.into(),
        kind,
    };
    let mut services: Vec<String> = (1..=12).map(|i| format!("S{i}")).collect();
    services[0] = "Orders".into();
    services[1] = "Billing".into();
    let input = DiagramInput {
        services,
        flows: vec![
            flow(0, 1, "Order", KINDS[1]),
            flow(0, 1, " order ", KINDS[1]),
            flow(0, 1, "Customer", KINDS[1]),
            flow(1, 1, "Invoice", KINDS[0]),
            flow(1, 0, "Invoice", KINDS[2]),
            flow(0, 10, "Order", KINDS[0]),
            flow(2, 0, "\u{7}  ", KINDS[0]),
        ],
        owns: vec![
            vec!["Order".into(), "Customer".into()],
            vec!["Invoice".into(), "order".into()],
        ],
        ..DiagramInput::default()
    };
    let d = layout(DiagramId::System, &input);
    check_geometry(&d);
    let labels: Vec<&str> = d
        .arrows
        .iter()
        .map(|a| a.label.as_ref().unwrap().text.as_str())
        .collect();
    assert_eq!(
        labels,
        ["events (outbox): Order, Customer", "query: Invoice"]
    );
    assert_eq!(d.boxes.len(), 8, "at most eight services are drawn");
    let notes: Vec<String> = d.labels.iter().map(|l| l.text.clone()).collect();
    assert!(
        notes[0].contains("4 more services and their data are not drawn"),
        "{notes:?}"
    );
    assert_eq!(d.labels[1].kind, LabelKind::Warn);
    assert!(
        notes[1].contains("Order has 2 owners, Orders and Billing"),
        "{notes:?}"
    );
    // The text version names every service and every flow, drawn or not.
    let text = d.text_alternative.join("\n");
    for i in 3..=12 {
        assert!(
            text.contains(&format!(
                "S{i} its store is not decided yet and owns no listed entity."
            )),
            "{text}"
        );
    }
    assert!(
        text.contains("Orders publishes Order and Customer events through an outbox"),
        "{text}"
    );
    assert!(
        text.contains("Orders queries Billing for Invoice: it needs the latest write."),
        "{text}"
    );
    assert!(
        text.contains("Orders publishes Order events; S11 keeps a copy marked as cache."),
        "{text}"
    );
    assert_eq!(d.title, "System: 12 services, 3 data flows");
    let m = to_mermaid(&d);
    assert!(m.contains("  n0 -.->|\"events (outbox): Order, Customer\"| n1;\n  n1 -->|\"query: Invoice\"| n0;\n"), "{m}");
    // The chain keeps the services in their order, before any arrow.
    let chain: String = (0..7)
        .map(|i| format!("  n{i} ~~~ n{};\n", i + 1))
        .collect();
    assert!(m.contains(&chain) && m.find(&chain) < m.find("-.->"), "{m}");
}

/// The text version says each owner's entity once, with all its readers, in the system advice's own words
/// (the data-access card's); and neither it nor the legend promises a query the latest write, which an
/// eventually consistent owner may not have (the `query-eventual-owner` card): the reader needs it.
#[test]
fn system_text_groups_each_owners_entities_with_all_their_readers() {
    let flow = |owner, consumer, entity: &str, kind| DataFlow {
        owner,
        consumer,
        entity: entity.into(),
        kind,
    };
    let (events, outbox, query) = (KINDS[0], KINDS[1], KINDS[2]);
    let input = DiagramInput {
        services: ["Billing", "Orders", "Shipping", "Audit"]
            .map(String::from)
            .to_vec(),
        owns: vec![
            vec!["Invoice".into(), "Payment".into()],
            vec!["Order".into()],
        ],
        flows: vec![
            flow(0, 1, "Invoice", query),
            flow(0, 2, "Invoice", query),
            flow(0, 1, "Payment", query),
            flow(0, 2, " payment ", query),
            flow(0, 2, "Payment", query),
            flow(0, 3, "Invoice", outbox),
            flow(1, 2, "Order", events),
            flow(1, 3, "Order", events),
        ],
        ..DiagramInput::default()
    };
    let d = layout(DiagramId::System, &input);
    check_geometry(&d);
    assert_eq!(d.arrows.len(), 5, "still one arrow per owner and reader");
    assert_eq!(
        d.text_alternative[4..],
        [
            "Orders and Shipping query Billing for Invoice and Payment: they need the latest write.",
            "Billing publishes Invoice events through an outbox; Audit keeps a copy marked as cache.",
            "Orders publishes Order events; Shipping and Audit keep a copy marked as cache.",
            "An outbox is a table the owner writes in the same transaction as the entity, so its write and its event commit together.",
        ]
    );
    let legend = &d.labels[0].text;
    assert!(
        legend.contains(
            "Solid: the reader queries the owner each time, as it needs the latest write."
        ) && !legend.contains("for the latest"),
        "{legend}"
    );
}

#[test]
fn a_system_without_flows_draws_its_services_and_says_what_is_missing() {
    let d = layout(DiagramId::System, &DiagramInput::default());
    assert_eq!(d.boxes.len(), 3);
    assert!(d.arrows.is_empty() && d.lanes.is_empty());
    assert!(d.labels[0]
        .text
        .starts_with("No service reads data another service owns yet"));
    assert!(
        to_mermaid(&d).starts_with("flowchart TB;"),
        "a row of boxes needs no chain"
    );
    let one = DiagramInput {
        services: vec!["Orders".into()],
        stores: vec!["PostgreSQL (relational)".into()],
        owns: vec![vec!["Order".into()]],
        ..DiagramInput::default()
    };
    let d = layout(DiagramId::System, &one);
    assert_eq!(
        d.boxes[0].lines,
        ["Orders", "PostgreSQL (relational)", "owns Order"],
        "a few services' store fits on a line"
    );
    assert_eq!(d.desc, "Orders and the entities it owns.");
    assert_eq!(
        d.text_alternative[0],
        "Orders stores its data in PostgreSQL (relational) and owns Order."
    );
}

#[test]
fn ownership_diagrams_show_what_each_service_owns() {
    let input = DiagramInput {
        services: vec!["Orders".into(), "Billing".into(), "Shipping".into()],
        stores: vec![
            "PostgreSQL (relational)".into(),
            String::new(),
            "MongoDB (document)".into(),
        ],
        owns: vec![
            vec!["Order".into()],
            vec!["Invoice".into(), "Payment".into()],
        ],
        owner_service: "Orders".into(),
        ..DiagramInput::default()
    };
    let d = layout(DiagramId::DatabasePerService, &input);
    let dbs: Vec<Vec<String>> = d.boxes[3..].iter().map(|b| b.paragraphs.clone()).collect();
    assert_eq!(
        dbs,
        [
            vec!["Orders DB", "PostgreSQL (relational)", "Order"],
            vec!["Billing DB", "Invoice, Payment"],
            vec!["Shipping DB", "MongoDB (document)"],
        ]
    );
    assert_eq!(
        d.text_alternative[1],
        "Billing owns Billing DB, which holds Invoice and Payment; no other service touches it."
    );
    // Without flows, the named owner and the seed's picture: the others keep cached copies of its events.
    let d = layout(DiagramId::SingleSourceOfTruth, &input);
    assert_eq!(
        d.boxes[0].paragraphs,
        ["Orders", "source of truth for Order"]
    );
    assert!(d.boxes[1..].iter().all(|b| b.kind == BoxKind::Cache));
    assert_eq!(d.arrows[0].label.as_ref().unwrap().text, "publishes events");
    // With flows, the owner with the most readers, each drawn as it gets the data.
    let flows = vec![
        DataFlow {
            owner: 0,
            consumer: 1,
            entity: "Order".into(),
            kind: KINDS[1],
        },
        DataFlow {
            owner: 1,
            consumer: 0,
            entity: "Invoice".into(),
            kind: KINDS[0],
        },
        DataFlow {
            owner: 1,
            consumer: 2,
            entity: "Payment".into(),
            kind: KINDS[2],
        },
    ];
    let d = layout(
        DiagramId::SingleSourceOfTruth,
        &DiagramInput { flows, ..input },
    );
    check_geometry(&d);
    assert_eq!(
        d.boxes[0].paragraphs,
        ["Billing", "source of truth for Invoice, Payment"]
    );
    assert_eq!(
        (
            d.boxes[1].lines[0].as_str(),
            d.boxes[1].kind,
            d.boxes[2].lines[1].as_str(),
            d.boxes[2].kind
        ),
        (
            "Orders",
            BoxKind::Cache,
            "(queries the owner)",
            BoxKind::Service
        )
    );
    assert_eq!(
        d.arrows[0].label.as_ref().unwrap().text,
        "events and queries"
    );
    assert_eq!(
        d.text_alternative[1..],
        [
            "Billing publishes an event whenever the data changes.",
            "Orders subscribes to these events and keeps cached copies, which are explicitly caches, not sources.",
            "Shipping queries Billing for Payment: it needs the latest write.",
            "Each other owner is the single source of truth for its own entities in the same way: Orders for Order (the system diagram draws them all).",
        ]
    );
    assert_eq!(
        d.desc,
        "Billing owns Invoice and Payment; Orders keeps cached copies from its events and Shipping queries it each time, as it needs the latest write."
    );
}

/// An entity two services own has no single source of truth: the diagram warns, naming both owners, rather than
/// draw one of them as the truth and stay silent about the other.
#[test]
fn source_of_truth_diagram_warns_of_an_entity_with_two_owners() {
    let input = DiagramInput {
        services: vec!["Orders".into(), "Billing".into(), "Shipping".into()],
        owns: vec![vec!["Order".into()], vec!["order".into(), "Invoice".into()]],
        owner_service: "Orders".into(),
        ..DiagramInput::default()
    };
    let d = layout(DiagramId::SingleSourceOfTruth, &input);
    check_geometry(&d);
    let warning =
        "Order has 2 owners, Orders and Billing: choose one as its single source of truth.";
    assert!(d
        .labels
        .iter()
        .any(|l| l.kind == LabelKind::Warn && l.lines.join(" ").contains(warning)));
    assert!(d.text_alternative.iter().any(|t| t == warning));
    // Without the conflict, no warning.
    let fine = DiagramInput {
        owns: vec![vec!["Order".into()], vec!["Invoice".into()]],
        ..input
    };
    let d = layout(DiagramId::SingleSourceOfTruth, &fine);
    assert!(d.labels.iter().all(|l| l.kind != LabelKind::Warn));
}

/// The single-source-of-truth diagram says its queries as the system diagram and the data-access card do:
/// each entity once with all its askers, who need the latest write (an eventually consistent owner may not
/// have it, so it is not promised), with the verb agreeing with one asker or several.
#[test]
fn source_of_truth_text_says_who_needs_the_latest_write_with_one_or_several_askers() {
    let flow = |owner, consumer, entity: &str, kind| DataFlow {
        owner,
        consumer,
        entity: entity.into(),
        kind,
    };
    let (outbox, query) = (KINDS[1], KINDS[2]);
    let input = |flows| DiagramInput {
        services: ["Billing", "Orders", "Shipping", "Audit"]
            .map(String::from)
            .to_vec(),
        owns: vec![vec!["Invoice".into(), "Payment".into()]],
        flows,
        ..DiagramInput::default()
    };
    // Never the old promise, nor "query" after one asker, in any of the diagram's words.
    let old = |d: &Diagram, m: &str| {
        let all = format!("{}\n{}\n{m}", d.desc, d.text_alternative.join("\n"));
        assert!(
            !all.contains("latest data")
                && !all.contains("for the latest")
                && !d.desc.contains("; Shipping query ")
                && !d
                    .text_alternative
                    .iter()
                    .any(|t| t.starts_with("Shipping query ")),
            "{all}"
        );
    };

    // One asker.
    let d = layout(
        DiagramId::SingleSourceOfTruth,
        &input(vec![flow(0, 2, "Payment", query)]),
    );
    check_geometry(&d);
    assert_eq!(
        d.text_alternative[1..],
        ["Shipping queries Billing for Payment: it needs the latest write."]
    );
    assert_eq!(
        d.desc,
        "Billing owns Invoice and Payment; Shipping queries it each time, as it needs the latest write."
    );
    let m = to_mermaid(&d);
    assert!(m.contains("-->|\"answers queries\"|"), "{m}");
    old(&d, &m);

    // Two askers of one entity, one of them also of another; and one subscriber.
    let d = layout(
        DiagramId::SingleSourceOfTruth,
        &input(vec![
            flow(0, 1, "Invoice", query),
            flow(0, 2, "Invoice", query),
            flow(0, 2, " payment ", query),
            flow(0, 3, "Invoice", outbox),
        ]),
    );
    check_geometry(&d);
    assert_eq!(
        d.text_alternative[1..],
        [
            "Billing publishes an event whenever the data changes, through an outbox, so the write and its event commit together.",
            "Audit subscribes to these events and keeps cached copies, which are explicitly caches, not sources.",
            "Orders and Shipping query Billing for Invoice: they need the latest write.",
            "Shipping queries Billing for payment: it needs the latest write.",
        ]
    );
    assert_eq!(
        d.desc,
        "Billing owns Invoice and Payment; Audit keeps cached copies from its events and Orders and Shipping query it each time, as they need the latest write."
    );
    let m = to_mermaid(&d);
    assert!(m.contains("-->|\"events and queries\"|"), "{m}");
    old(&d, &m);
    let svg = render_svg(&d, SvgMode::Standalone, "s");
    assert!(
        svg.contains(&format!("<desc id=\"s-desc\">{}</desc>", d.desc)),
        "{svg}"
    );

    // Several subscribers, no asker: the plural.
    let d = layout(
        DiagramId::SingleSourceOfTruth,
        &input(vec![
            flow(0, 1, "Invoice", outbox),
            flow(0, 3, "Invoice", outbox),
        ]),
    );
    assert_eq!(
        d.desc,
        "Billing owns Invoice and Payment and publishes events to Orders and Audit, which keep cached copies."
    );
    assert!(d.text_alternative[2]
        .starts_with("Orders and Audit subscribe to these events and keep cached copies"));
}
