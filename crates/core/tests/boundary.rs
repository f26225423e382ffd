//! The boundary with the on-demand module: every request and response survives the codec, bad bytes are
//! refused with a message, and what the module answers is drawn from the decision and escaped.

use strata_core::advice::NOT_ASSESSED;
use strata_core::boundary::{
    answer, answer_bytes, DiagramOf, Drawing, DrawingRef, Embed, FlowOf, Message, Request,
    Response, SystemSection, SNIPPETS, UNREADABLE,
};
use strata_core::catalog::Catalog;
use strata_core::deferred::{catalogue_html, FIGURE_SLOT};
use strata_core::diagrams::{ConsistencyLabel, DiagramId, DiagramInput, ReplicationLabel};
use strata_core::engine::{recommend, Requirements, Verdict};
use strata_core::export::{self, diagram_input, system_diagram_input};
use strata_core::permalink;
use strata_core::system::{advise, FlowKind};

fn reqs(ids: &[&str]) -> Requirements {
    ids.iter().map(|s| s.to_string()).collect()
}

/// What a card asks its diagram to be drawn from, for a decision held in a link.
fn drawing_of(fragment: &str) -> Drawing {
    let catalog = Catalog::builtin();
    let decision = permalink::decode(fragment, catalog).decision;
    Drawing::from(&diagram_input(
        &decision,
        0,
        &recommend(catalog, decision.requirements()),
    ))
}

fn of(diagram: DiagramId, fragment: Option<&str>) -> DiagramOf {
    DiagramOf {
        diagram,
        drawing: fragment.map(|f| DrawingRef::of(&drawing_of(f))),
        system: None,
    }
}

/// Asks through the codec, as the app does: bytes in, bytes out.
fn ask(request: &Request) -> Response {
    let response = Response::from_bytes(&answer_bytes(&request.to_bytes())).unwrap();
    assert_eq!(response, answer(request), "the codec changes nothing");
    response
}

fn text(request: Request) -> String {
    match ask(&request) {
        Response::Text(t) => t,
        other => panic!("expected text for {request:?}, got {other:?}"),
    }
}

#[test]
fn every_request_and_response_survives_the_codec() {
    let hostile = "Ord<script>|\u{1f}\n\"x\" ✓";
    let drawing = Drawing {
        store: hostile.into(),
        replication: ReplicationLabel::SemiSync,
        consistency: ConsistencyLabel::Strong,
        replicas: 5,
        shared_database: Verdict::Acceptable,
        owner_service: hostile.into(),
        services: vec![hostile.into(), String::new(), "Billing".into()],
        stores: vec![hostile.into(), String::new()],
        owns: vec![vec![hostile.into()], Vec::new(), vec!["Invoice".into()]],
        flows: [
            FlowKind::Event { outbox: false },
            FlowKind::Event { outbox: true },
            FlowKind::Query,
        ]
        .into_iter()
        .enumerate()
        .map(|(i, kind)| FlowOf {
            owner: i as u8,
            consumer: 2 - i as u8,
            entity: hostile.into(),
            kind,
        })
        .collect(),
    };
    let mut requests = Vec::new();
    for diagram in DiagramId::ALL {
        for drawing in [None, Some(DrawingRef::of(&drawing))] {
            let of = DiagramOf {
                diagram,
                drawing,
                system: None,
            };
            requests.push(Request::Figure(of.clone()));
            requests.push(Request::SvgFile(of.clone()));
            requests.push(Request::Mermaid(of));
        }
    }
    requests.push(Request::Adr {
        fragment: "v=1&r=acid".into(),
        link: hostile.into(),
    });
    requests.push(Request::Json {
        fragment: hostile.into(),
    });
    requests.push(Request::Embed {
        page_url: "https://wiki.example/strata/".into(),
        fragment: String::new(),
        title: hostile.into(),
    });
    requests.push(Request::FileStem {
        title: hostile.into(),
    });
    requests.push(Request::Printed {
        fragment: hostile.into(),
        except: u8::MAX,
    });
    for request in &requests {
        assert_eq!(&Request::from_bytes(&request.to_bytes()).unwrap(), request);
    }
    let responses = [
        Response::Figure(hostile.into()),
        Response::Text(hostile.into()),
        Response::Embed(Embed {
            texts: vec![hostile.into(), String::new()],
            host_steps_html: hostile.into(),
        }),
        Response::Refused(hostile.into()),
    ];
    for response in &responses {
        assert_eq!(
            &Response::from_bytes(&response.to_bytes()).unwrap(),
            response
        );
    }
}

#[test]
fn bad_bytes_are_refused_with_a_message_not_a_panic() {
    for bytes in [&[][..], &[255], &[0, 99], &[0, 0, 200], &[3, 5, b'a']] {
        assert!(Request::from_bytes(bytes).is_err(), "{bytes:?}");
        match Response::from_bytes(&answer_bytes(bytes)).unwrap() {
            // What the reader is told: what to do, not the codec's error.
            Response::Refused(message) => assert!(message.contains("reload the page"), "{message}"),
            other => panic!("{bytes:?} answered {other:?}"),
        }
    }
    // A diagram index past the last diagram.
    let mut bytes = Request::Figure(of(DiagramId::ParallelRun, None)).to_bytes();
    bytes[1] = DiagramId::ALL.len() as u8;
    assert!(Request::from_bytes(&bytes).is_err());
    // A flow kind past the three.
    let drawing = Drawing {
        flows: vec![FlowOf {
            owner: 0,
            consumer: 1,
            entity: "Order".into(),
            kind: FlowKind::Query,
        }],
        ..drawing_of("r=acid")
    };
    let mut bytes = Request::Mermaid(DiagramOf {
        diagram: DiagramId::System,
        drawing: Some(DrawingRef::of(&drawing)),
        system: None,
    })
    .to_bytes();
    let at = bytes.len() - 2; // The system fragment's `None` follows the drawing.
    assert_eq!(bytes[at], 2, "the flow's kind is the drawing's last byte");
    bytes[at] = 3;
    // The drawing crosses as bytes the app does not read: the module refuses it when it reads it.
    let answer = Response::from_bytes(&answer_bytes(&bytes)).unwrap();
    assert_eq!(answer, Response::Refused(UNREADABLE.into()));
}

#[test]
fn the_drawing_keeps_what_a_decision_sets() {
    let catalog = Catalog::builtin();
    let decision = permalink::decode(
        "r=read-heavy,microservices&n=Orders%7C,x&n2=Users%20%E2%9C%93",
        catalog,
    )
    .decision;
    let input = diagram_input(&decision, 0, &recommend(catalog, decision.requirements()));
    let drawing = Drawing::from(&input);
    assert_eq!(drawing.input(), input);
    assert_eq!(drawing.replicas, 3, "read-heavy asks for three replicas");
    assert_eq!(drawing.services.len(), 2);
    let seed = DiagramOf {
        diagram: DiagramId::PrimaryReplica,
        drawing: None,
        system: None,
    };
    assert_eq!(seed.input(), DiagramInput::default());
    assert_eq!(seed.id_prefix(), "cat-dg-primary-replica");
    assert_eq!(
        of(DiagramId::PrimaryReplica, Some("r=acid")).id_prefix(),
        "dg-primary-replica"
    );
}

/// The sentences of a figure's text version (its `<li>`s), one per line.
fn text_version(figure: &str) -> String {
    let list = figure
        .split("<summary>Text version</summary>")
        .nth(1)
        .expect("a text version");
    let items: Vec<&str> = (list.split("<li>").skip(1))
        .map(|li| li.split("</li>").next().unwrap())
        .collect();
    items.join("\n")
}

#[test]
fn a_diagram_is_drawn_from_the_decision() {
    let Response::Figure(figure) = ask(&Request::Figure(of(
        DiagramId::PrimaryReplica,
        Some("r=no-data-loss,acid"),
    ))) else {
        panic!("a figure")
    };
    assert!(
        figure.starts_with("<div class=\"diagram-svg\" tabindex=\"0\"><svg")
            && figure.contains("sync")
    );
    assert!(figure.contains("PostgreSQL"), "the recommended store");
    assert!(figure.contains("id=\"dg-primary-replica"));
    let text_version = figure
        .split("<summary>Text version</summary>")
        .nth(1)
        .expect("a text version");
    assert!(text_version.matches("<li>").count() > 1, "{text_version}");
    let svg = text(Request::SvgFile(of(DiagramId::PrimaryReplica, None)));
    assert!(svg.starts_with("<?xml"), "{svg}");
    let mermaid = text(Request::Mermaid(of(DiagramId::ParallelRun, None)));
    assert!(mermaid.contains('\n'), "Mermaid keeps its lines: {mermaid}");
}

#[test]
fn the_replication_diagram_reads_where_the_consistency_model_says() {
    // Strong (money, stock, bookings, asked outright, or the default): reads that must be current go to
    // the primary, in the drawing, its text version, the SVG file and the Mermaid alike.
    for fragment in [
        "r=financial",
        "r=inventory,low-latency",
        "r=booking",
        "r=strong-consistency,read-heavy",
        "r=acid",
    ] {
        let drawing = drawing_of(fragment);
        assert_eq!(drawing.consistency, ConsistencyLabel::Strong, "{fragment}");
        assert_eq!(drawing.input(), drawing_of(fragment).input());
        let of = of(DiagramId::PrimaryReplica, Some(fragment));
        let Response::Figure(figure) = ask(&Request::Figure(of.clone())) else {
            panic!("a figure")
        };
        let words = text_version(&figure);
        assert!(
            words.contains("Reads that must see the latest write go to the primary;")
                && words.contains("may lag")
                && !words.contains("any replica"),
            "{fragment}: {words}"
        );
        assert!(figure.contains("must be current</text>"), "{fragment}");
        assert!(figure.contains(">Reads that may lag</text>"), "{fragment}");
        let svg = text(Request::SvgFile(of.clone()));
        assert!(svg.contains("must be current</text>"), "{fragment}");
        let mermaid = text(Request::Mermaid(of));
        assert!(
            mermaid.contains("([\"Reads that must be current\"])")
                && mermaid.contains("Reads that must see the latest write go to the primary#59;"),
            "{fragment}: {mermaid}"
        );
    }
    // Eventual: reads from the replicas, as the seed draws them.
    for fragment in ["r=social-feed", "r=shopping-cart,high-availability"] {
        assert_eq!(
            drawing_of(fragment).consistency,
            ConsistencyLabel::Eventual,
            "{fragment}"
        );
        let of = of(DiagramId::PrimaryReplica, Some(fragment));
        let Response::Figure(figure) = ask(&Request::Figure(of.clone())) else {
            panic!("a figure")
        };
        assert!(text_version(&figure).contains("Reads can go to any replica."));
        assert!(!figure.contains("must be current"), "{fragment}");
        assert!(!text(Request::Mermaid(of)).contains("must be current"));
    }
    // The catalogue's drawing (no decision) is the seed's: reads go to the replicas.
    let seed = of(DiagramId::PrimaryReplica, None);
    assert_eq!(seed.input().consistency, ConsistencyLabel::Eventual);
    let Response::Figure(figure) = ask(&Request::Figure(seed.clone())) else {
        panic!("a figure")
    };
    assert!(text_version(&figure).contains("Reads can go to any replica."));
    assert!(figure.contains(">Reads</text>") && !figure.contains("must be current"));
    assert!(!text(Request::SvgFile(seed.clone())).contains("must be current"));
    assert!(!text(Request::Mermaid(seed)).contains("must be current"));
    // The model is part of the drawing's bytes: a card redraws when it changes.
    assert_ne!(
        DrawingRef::of(&drawing_of("r=financial")),
        DrawingRef::of(&Drawing {
            consistency: ConsistencyLabel::Eventual,
            ..drawing_of("r=financial")
        })
    );
}

#[test]
fn hostile_names_are_escaped_in_every_output() {
    let fragment = "t=%3Cscript%3Ealert(1)%3C%2Fscript%3E%60%7C&n=%3Cimg%20src%3Dx%3E&r=microservices&n2=B%22%3E";
    let dps = of(DiagramId::DatabasePerService, Some(fragment));
    let drawn = dps.drawing.as_ref().and_then(DrawingRef::drawing).unwrap();
    assert!(drawn.services[0].contains("<img"));
    let Response::Figure(figure) = ask(&Request::Figure(dps.clone())) else {
        panic!("a figure")
    };
    assert!(!figure.contains("<img") && !figure.contains("<script"));
    let svg = text(Request::SvgFile(dps.clone()));
    assert!(svg.starts_with("<?xml") && !svg.contains("<img"));
    assert!(!text(Request::Mermaid(dps)).contains('<'));
    let adr = text(Request::Adr {
        fragment: fragment.into(),
        link: "https://wiki.example/strata/".into(),
    });
    assert!(!adr.contains("<script"));
    let json = text(Request::Json {
        fragment: fragment.into(),
    });
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(parsed["decision"]["title"], "<script>alert(1)</script>`|");
}

#[test]
fn the_embed_answer_has_four_snippets_and_says_what_the_host_must_allow() {
    let Response::Embed(embed) = ask(&Request::Embed {
        page_url: "https://wiki.example/strata/".into(),
        fragment: "v=1&r=acid".into(),
        title: "Orders".into(),
    }) else {
        panic!("an embed")
    };
    let ids: Vec<&str> = SNIPPETS.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        ids,
        [
            "embed-iframe",
            "embed-confluence",
            "embed-mediawiki",
            "embed-markdown"
        ]
    );
    assert_eq!(embed.texts.len(), SNIPPETS.len(), "a text for each snippet");
    assert!(embed.texts[0].contains("https://wiki.example/strata/#embed&amp;v=1&amp;r=acid"));
    assert!(
        embed.texts[3].starts_with("[Orders]("),
        "{}",
        embed.texts[3]
    );
    let allow = &embed.host_steps_html;
    assert_eq!(
        allow.matches("<ol class=\"host-steps\">").count(),
        export::host_requirements().len(),
        "every place's steps"
    );
    assert!(allow.contains("Access-Control-Allow-Origin") && allow.contains("allow-popups"));
}

#[test]
fn every_cards_catalogue_link_has_its_entry_in_the_catalogue() {
    let html = catalogue_html();
    let catalog = Catalog::builtin();
    let mut sets: Vec<Requirements> = catalog
        .presets
        .iter()
        .map(|p| p.requirements.iter().cloned().collect())
        .collect();
    sets.push(reqs(&[
        "strong-consistency",
        "local-writes",
        "low-latency",
        "multi-region",
        "schema-change",
        "switch-database",
    ]));
    sets.push(reqs(&[
        "microservices",
        "no-data-loss",
        "high-availability",
        "blobs",
        "graph",
        "full-text",
    ]));
    for set in sets {
        for card in recommend(catalog, &set).cards() {
            assert!(
                html.contains(&format!("id=\"{}\"", card.catalog_ref)),
                "no catalogue entry {} for {:?}",
                card.catalog_ref,
                set
            );
        }
    }
}

#[test]
fn the_catalogue_has_a_slot_for_each_of_the_seeds_ten_diagrams_and_names_every_store() {
    let html = catalogue_html();
    for id in DiagramId::SEED {
        let slot = format!("{FIGURE_SLOT}=\"{}\"", id.as_str());
        assert_eq!(html.matches(&slot).count(), 1, "{slot}");
    }
    assert_eq!(html.matches(FIGURE_SLOT).count(), 10);
    assert!(
        !html.contains("=\"system\""),
        "the system diagram draws a decision, not the seed"
    );
    for store in &Catalog::builtin().stores {
        for example in &store.examples {
            assert!(html.contains(example.as_ref()), "{example}");
        }
    }
}

/// A three-service system held in a link: Orders owns Order and reads Customer; Customers owns Customer;
/// Billing (money, so it queries) reads Order.
const SYSTEM: &str = "v=1&n=Orders&r=acid&o=Order&u=Customer&n2=Customers&r2=flexible-schema&o2=Customer&n3=Billing&r3=financial,strong-consistency&u3=Order";

#[test]
fn the_system_figure_svg_and_mermaid_are_drawn_from_the_decision() {
    let catalog = Catalog::builtin();
    let decision = permalink::decode(SYSTEM, catalog).decision;
    assert_eq!(decision.services.len(), 3, "{decision:?}");
    let of = DiagramOf::system(&decision, &advise(catalog, &decision));
    assert_eq!(of.diagram, DiagramId::System);
    let drawing = of
        .drawing
        .as_ref()
        .and_then(DrawingRef::drawing)
        .expect("a drawing");
    assert_eq!(drawing.services, ["Orders", "Customers", "Billing"]);
    assert_eq!(drawing.stores[0], "PostgreSQL (relational)");
    assert_eq!(drawing.owns[1], ["Customer"]);
    assert_eq!(
        drawing.input(),
        system_diagram_input(&decision, &advise(catalog, &decision)),
        "the drawing keeps the whole input"
    );
    let Response::Figure(figure) = ask(&Request::Figure(of.clone())) else {
        panic!("a figure")
    };
    assert!(figure.contains("id=\"dg-system-title\""), "{}", figure);
    for text in [
        "Orders",
        "PostgreSQL (relational)",
        "owns Order",
        "query: Order",
        "events: Customer",
    ] {
        assert!(figure.contains(text), "{text}: {}", figure);
    }
    let alt = text_version(&figure);
    assert!(
        alt.contains("Billing queries Orders for Order: it needs the latest write."),
        "{alt}"
    );
    assert!(
        alt.contains("Customers publishes Customer events; Orders keeps a copy marked as cache."),
        "{alt}"
    );
    let svg = text(Request::SvgFile(of.clone()));
    assert!(
        svg.starts_with("<?xml") && svg.contains("class=\"dg-lane\""),
        "{svg}"
    );
    let mermaid = text(Request::Mermaid(of));
    assert!(
        mermaid.starts_with("flowchart LR;\n") && mermaid.contains("|\"query: Order\"|"),
        "{mermaid}"
    );
}

#[test]
fn the_catalogue_table_of_contents_links_every_entry_in_order_without_touching_the_fragment() {
    let html = catalogue_html();
    let (toc, body) = html.split_at(html.find("</nav>").expect("a table of contents"));
    assert!(toc.contains("<nav class=\"toc panel\" aria-labelledby=\"catalogue-toc\">"));
    let entries: Vec<&str> = body
        .split("<section class=\"panel entry\" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert!(entries.len() >= 15, "{entries:?}");
    let linked: Vec<&str> = toc
        .split("<a href=\"#")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .filter(|id| *id != "cat-conflicts")
        .collect();
    assert_eq!(
        linked, entries,
        "one link per entry, in the catalogue's order"
    );
    for id in linked.iter().chain(["cat-conflicts"].iter()) {
        assert!(
            toc.contains(&format!("<a href=\"#{id}\" data-reveal=\"{id}\">")),
            "{id} is revealed by the app without changing the fragment"
        );
        assert!(
            body.contains(&format!("id=\"{id}\"")),
            "{id} has its target"
        );
    }
}

#[test]
fn a_download_is_named_from_the_title_in_any_script() {
    let stem = |title: &str| {
        text(Request::FileStem {
            title: title.into(),
        })
    };
    assert_eq!(
        stem("Orders service: storage"),
        "strata-orders-service-storage"
    );
    assert_eq!(
        stem("Größe — Bestellungen 2"),
        "strata-größe-bestellungen-2"
    );
    assert_eq!(stem(""), "strata-decision");
    assert_eq!(stem("<>/\\?"), "strata-decision");
}

fn system_section(fragment: &str) -> SystemSection {
    let request = Request::System {
        fragment: fragment.into(),
    };
    assert_eq!(Request::from_bytes(&request.to_bytes()).unwrap(), request);
    let Response::System(section) = ask(&request) else {
        panic!("a system section")
    };
    section
}

/// The system cards' `data-choice/data-verdict`, in order.
fn cards(section: &SystemSection) -> Vec<String> {
    let html = &section.cards_html;
    html.match_indices("data-choice=\"")
        .map(|(at, m)| {
            let rest = &html[at + m.len()..];
            let choice = &rest[..rest.find('"').unwrap()];
            let verdict = rest.split("data-verdict=\"").nth(1).unwrap();
            format!("{choice}/{}", &verdict[..verdict.find('"').unwrap()])
        })
        .collect()
}

#[test]
fn the_system_section_has_the_systems_cards_diagram_and_checklist() {
    let fragment =
        "n=Orders&r=acid&o=Order&n2=Billing&r2=acid&o2=Order,Invoice&n3=Reports&u3=Order,Invoice,Refund";
    let section = system_section(fragment);
    let cards = cards(&section);
    // The system's pattern cards come first, then its own.
    assert_eq!(cards[0], "database-per-service/recommended", "{cards:?}");
    assert!(cards.contains(&"two-owners/avoid".to_string()), "{cards:?}");
    assert!(cards.contains(&"no-owner/avoid".to_string()), "{cards:?}");
    assert_eq!(
        section.cards_html.matches("<article").count(),
        cards.len(),
        "one card each"
    );
    assert!(section.cards_html.contains("Order has 2 owners"));
    assert!(section.cards_html.contains("Orders and Billing"));
    assert!(section.cards_html.contains("Nobody owns Refund"));
    // The system diagram, drawn by the module from the same fragment.
    let Response::Figure(figure) = ask(&Request::Figure(DiagramOf::system_of(fragment.into())))
    else {
        panic!("a figure")
    };
    for name in ["Orders", "Billing", "Reports", "Invoice"] {
        assert!(figure.contains(name), "the diagram draws {name}");
    }
    let text = text_version(&figure);
    assert!(
        text.contains("Billing") && text.contains("Invoice"),
        "{text}"
    );
    // Not answered while Order has two owners; how data moves is.
    let checklist = &section.checklist_html;
    assert!(
        checklist.contains("<dt>Single source of truth for each entity?</dt><dd>Not settled"),
        "{checklist}"
    );
    assert!(
        checklist.contains("Billing → Reports: Invoice"),
        "{checklist}"
    );
}

#[test]
fn the_system_section_escapes_what_the_user_typed() {
    let section = system_section("n=%3Cimg%20src%3Dx%3E&o=A&n2=B&o2=A");
    let html = format!("{}{}", section.cards_html, section.checklist_html);
    assert!(html.contains("&lt;img") && !html.contains("<img"), "{html}");
}

#[test]
fn the_system_sections_pattern_diagrams_draw_the_users_services_with_ids_of_their_own() {
    let fragment = "v=1&n=Orders&r=acid&o=Order&n2=Customers&o2=Customer&u2=Order&n3=Billing&r3=financial&u3=Order";
    for diagram in [
        DiagramId::DatabasePerService,
        DiagramId::SingleSourceOfTruth,
    ] {
        let of = DiagramOf::of_system(diagram, fragment.to_string());
        assert!(of.id_prefix().starts_with("sys-dg-"), "{}", of.id_prefix());
        let Response::Figure(figure) = ask(&Request::Figure(of)) else {
            panic!("a figure")
        };
        for name in ["Orders", "Customers", "Billing"] {
            assert!(figure.contains(name), "{diagram:?} names {name}: {figure}");
        }
        assert!(
            !figure.contains("Product Svc"),
            "not the seed's example services"
        );
        assert!(
            !figure.contains("id=\"dg-"),
            "no id a card's drawing could also use"
        );
    }
}

/// The example organisation catalogue (docs/CATALOG.md).
fn acme() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/catalog/example-org.json"
    ))
    .unwrap()
}

#[test]
fn an_organisation_catalogue_is_used_for_every_answer_until_the_built_in_one_is_asked_for() {
    let use_json = |json: String| match ask(&Request::UseCatalogue { json }) {
        Response::Catalogue(answer) => answer,
        other => panic!("{other:?}"),
    };
    let adr = || match ask(&Request::Adr {
        fragment: "v=1&r=flexible-schema,key-value".into(),
        link: "https://strata.example/#v=1".into(),
    }) {
        Response::Text(text) => text,
        other => panic!("{other:?}"),
    };
    assert!(!adr().contains("Acme"));
    let info = use_json(acme()).expect("the example applies");
    assert_eq!(info.label, "Acme 2026-11");
    assert!(info.organisation);
    assert!(info
        .about_html
        .contains("href=\"https://wiki.acme.example/data-platform\""));
    assert!(
        adr().contains("with the organisation catalogue Acme version 2026-11"),
        "{}",
        adr()
    );
    assert!(
        adr().contains("DynamoDB (adopt)"),
        "Acme's status on the chosen store's systems"
    );

    // A broken file says where, and the organisation's catalogue stays in use.
    let problems =
        use_json("{\"name\": \"Acme\", \"reviewed\": \"2026-11-20\",}".into()).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].starts_with("line 1, column "), "{problems:?}");
    assert!(adr().contains("Acme"), "unchanged by the broken file");

    let builtin = use_json(String::new()).expect("back to the built-in catalogue");
    assert!(!builtin.organisation && builtin.label.starts_with("Strata "));
    assert!(!adr().contains("Acme"));
}

#[test]
fn the_page_advice_is_the_same_whether_the_app_or_the_module_makes_it() {
    use strata_core::advice::{Advice, NOT_ASSESSED};
    let fragment = "v=1&n=Orders&r=acid,full-text&n2=Feed&r2=social-feed,read-heavy";
    let catalog = Catalog::builtin();
    let decision = permalink::decode(fragment, catalog).decision;
    let rec = recommend(catalog, &decision.services[1].requirements);
    let mine = Advice::of(catalog, &decision, 1, &rec);
    let Response::Advice(theirs) = ask(&Request::Advice {
        fragment: fragment.into(),
        service: 1,
    }) else {
        panic!("advice")
    };
    assert_eq!(
        theirs.cards, mine.cards,
        "the same cards, in the same order"
    );
    assert_eq!(theirs.glance, mine.glance);
    assert_eq!(
        theirs.headlines.len(),
        2,
        "the module adds every service's headline"
    );
    assert!(
        mine.glance.contains("Feed"),
        "the strip names the service shown"
    );
    assert!(mine
        .announcement
        .starts_with("Recommendations updated for Feed."));
    // Every card of the recommendation once but the patterns the system judges (two services here), advice
    // first and the rest under "Not assessed".
    let spans =
        |c: &&strata_core::engine::Card| strata_core::advice::SYSTEM_PATTERNS.contains(&c.choice);
    assert_eq!(mine.cards.len(), rec.cards().filter(|c| !spans(c)).count());
    let first_unassessed = mine.cards.iter().position(|c| c.group == NOT_ASSESSED);
    assert!(
        first_unassessed.is_some_and(|at| mine.cards[at..].iter().all(|c| c.group == NOT_ASSESSED))
    );
    let consistency = mine
        .cards
        .iter()
        .find(|c| c.section == "consistency")
        .unwrap();
    assert_eq!(
        (consistency.choice.as_str(), consistency.verdict.as_str()),
        ("eventual", "recommended")
    );
    assert!(consistency
        .html
        .contains("id=\"card-consistency-eventual\""));
    assert!(
        consistency.diagram.is_some(),
        "the consistency card draws its diagram"
    );
}

#[test]
fn with_an_organisation_catalogue_the_module_advises_with_its_statuses_and_clouds() {
    let Response::Catalogue(Ok(_)) = ask(&Request::UseCatalogue { json: acme() }) else {
        panic!("the example applies")
    };
    let Response::Advice(advice) = ask(&Request::Advice {
        fragment: "v=1&r=flexible-schema,hierarchical,key-value".into(),
        service: 0,
    }) else {
        panic!("advice")
    };
    let primary = advice
        .cards
        .iter()
        .find(|c| c.section == "primary-store")
        .unwrap();
    assert_eq!(primary.choice, "document");
    let (dynamo, mongo) = (
        primary.html.find("DynamoDB").unwrap(),
        primary.html.find("MongoDB").unwrap(),
    );
    assert!(dynamo < mongo, "a system on hold is never listed first");
    assert!(
        primary.html.contains("badge status hold"),
        "{}",
        primary.html
    );
    let kv = advice
        .cards
        .iter()
        .find(|c| c.choice == "key-value")
        .unwrap();
    assert!(
        kv.html.contains("Amazon ElastiCache for Valkey"),
        "Acme's cloud mapping: {}",
        kv.html
    );
    assert!(!kv.html.contains("Memcached"), "removed by Acme");
    assert!(advice.headlines.is_empty(), "one service: no switcher");
    let Response::Advice(two) = ask(&Request::Advice {
        fragment: "v=1&r=flexible-schema&n2=B&r2=acid".into(),
        service: 1,
    }) else {
        panic!("advice")
    };
    assert_eq!(
        two.headlines,
        [
            "document; strong, semi-sync by default",
            "relational, strong; semi-sync by default"
        ],
        "with an organisation's catalogue, the module makes every service's headline"
    );
}

/// The ids of an HTML text (`id="…"`).
fn ids_in(html: &str) -> Vec<String> {
    html.split(" id=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

/// A printout of a system holds every service's cards: the page's own for the selected service, the module's
/// copies for the others, each under its name, with ids no other card on the page has and without the public
/// `data-rec` attributes (a link or test that counts cards counts the page's).
#[test]
fn a_printout_holds_the_other_services_cards_with_ids_of_their_own() {
    let fragment = "n=Orders&r=acid,inventory&o=Order&n2=Billing&r2=financial,audit-trail&u2=Order&n3=Search&r3=full-text,read-heavy&u3=Order";
    let printed = text(Request::Printed {
        fragment: fragment.into(),
        except: 0,
    });
    let Response::Advice(page) = ask(&Request::Advice {
        fragment: fragment.into(),
        service: 0,
    }) else {
        panic!("advice")
    };
    assert!(
        !printed.contains("Service: Orders"),
        "the page shows its own"
    );
    let billing = printed
        .find("<h2 id=\"s1-title\">Service: Billing</h2>")
        .unwrap();
    let search = printed
        .find("<h2 id=\"s2-title\">Service: Search</h2>")
        .unwrap();
    assert!(billing < search, "in the services' order");
    assert!(!printed.contains("data-rec="));
    // Billing's assessed cards, as the page would show them were it selected.
    let Response::Advice(theirs) = ask(&Request::Advice {
        fragment: fragment.into(),
        service: 1,
    }) else {
        panic!("advice")
    };
    let shown = theirs.cards.iter().filter(|c| c.group != NOT_ASSESSED);
    let articles = printed[billing..search]
        .matches("<article class=\"card\"")
        .count();
    assert_eq!(articles, shown.clone().count());
    assert!(articles >= 5, "{articles} cards");
    for card in shown {
        let head = card.html.find("</h3>").unwrap();
        let title = &card.html[card.html[..head].rfind('>').unwrap() + 1..head];
        assert!(
            printed[billing..search].contains(&format!(">{title}</h3>")),
            "{title}"
        );
    }
    assert!(printed.contains("data-print-verdict=\"recommended\""));
    // No id twice, and none the page's cards have.
    let mut ids = ids_in(&printed);
    let page_ids: Vec<String> = page.cards.iter().flat_map(|c| ids_in(&c.html)).collect();
    assert!(ids.len() > 10 && !page_ids.is_empty());
    assert!(ids.iter().all(|id| !page_ids.contains(id)), "{ids:?}");
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "an id twice");
    // Each service's title ids are its own: the labels point at them.
    assert!(printed.contains("aria-labelledby=\"s1-card-primary-store-"));
}
