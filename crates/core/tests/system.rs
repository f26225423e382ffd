//! The system of several services: ownership problems, how data moves between services, cross-service
//! queries, sagas, the system's patterns and checklist, and the link that carries all of it.

use proptest::prelude::*;
use strata_core::catalog::Catalog;
use strata_core::decision::{Decision, Service, MAX_ENTITIES, MAX_ENTITY_CHARS, MAX_SERVICES};
use strata_core::engine::Verdict;
use strata_core::permalink::{decode, encode};
use strata_core::system::{advise, FlowKind, SystemAdvice, SystemCard, SystemKind};

/// `(name, ticks, owns, reads)` per service.
fn system(services: &[(&str, &str, &str, &str)]) -> Decision {
    Decision {
        services: services
            .iter()
            .map(|(name, ticks, owns, reads)| {
                let mut s = Service {
                    name: name.to_string(),
                    requirements: ticks.split_whitespace().map(String::from).collect(),
                    ..Service::default()
                };
                Service::add_entities(&mut s.owns, owns);
                Service::add_entities(&mut s.reads, reads);
                s
            })
            .collect(),
        ..Decision::default()
    }
}

fn advice(d: &Decision) -> SystemAdvice<'static> {
    advise(Catalog::builtin(), d)
}

/// The system checklist's answer to item `id` (it must have one).
fn answer(a: &SystemAdvice, id: &str) -> String {
    let item = a.checklist.iter().find(|c| c.id == id).unwrap();
    item.answer.clone().unwrap()
}

fn kinds(a: &SystemAdvice) -> Vec<&'static str> {
    a.cards.iter().map(|c| c.kind.as_str()).collect()
}

#[test]
fn an_entity_owned_by_two_services_is_an_avoid_card_naming_both() {
    let a = advice(&system(&[
        ("Orders", "acid", "Order, Customer", ""),
        ("Billing", "financial", "Invoice, order", ""),
    ]));
    let card = a
        .cards
        .iter()
        .find(|c| c.kind == SystemKind::TwoOwners)
        .expect("two owners");
    assert_eq!(card.verdict, Verdict::Avoid);
    assert_eq!(card.title, "Order has 2 owners");
    assert!(card
        .summary
        .starts_with("Orders and Billing each say they own Order"));
    assert!(card.resolution.starts_with("Choose one owner for Order"));
    assert_eq!(card.services, [0, 1]);
    // The checklist does not claim a single source of truth.
    let sot = a
        .checklist
        .iter()
        .find(|c| c.id == "sys-source-of-truth")
        .unwrap();
    assert_eq!(sot.answer, None);
    assert!(card.because.iter().all(|b| !b.contains("no source")));
    // Its readers are named: they get no data flow until it has one owner.
    let a = advice(&system(&[
        ("Orders", "acid", "Order, Customer", ""),
        ("CRM", "", "Customer", ""),
        ("Billing", "financial", "Invoice", "Customer, Order"),
    ]));
    let customer = self::card(&a, SystemKind::TwoOwners, "Customer").unwrap();
    assert!(
        customer.because.iter().any(|b| b == "Billing reads Customer and has no source to take it from until it has one owner: no data flow is drawn for it."),
        "{:?}",
        customer.because
    );
    assert!(a.flows.iter().all(|f| f.entity != "Customer"));
}

#[test]
fn an_entity_read_but_owned_by_nobody_is_flagged() {
    let a = advice(&system(&[
        ("Orders", "acid", "Order", "Customer"),
        ("Email", "", "", "Customer, Order"),
    ]));
    let card = a
        .cards
        .iter()
        .find(|c| c.kind == SystemKind::NoOwner)
        .expect("no owner");
    assert_eq!(card.title, "Nobody owns Customer");
    assert!(card.summary.starts_with("Orders and Email read Customer"));
    assert_eq!(
        a.cards
            .iter()
            .filter(|c| c.kind == SystemKind::NoOwner)
            .count(),
        1
    );
}

#[test]
fn consumers_get_events_through_an_outbox_or_query_the_owner_when_they_need_the_latest_write() {
    let a = advice(&system(&[
        ("Users", "acid", "User", ""),
        ("Orders", "inventory", "Order", "User"),
        ("Email", "", "", "User, Order"),
        ("Checkout", "inventory", "", "Order"),
        ("Profile page", "strong-consistency", "", "User"),
    ]));
    let flow = |owner: usize, consumer: usize| {
        a.flows
            .iter()
            .find(|f| f.owner == owner && f.consumer == consumer)
            .unwrap()
            .kind
    };
    // Orders needs the latest write of its own stock, but an order uses up nothing of a user: it keeps a copy
    // from Users' events, which leave through an outbox as Users' writes are transactions.
    assert_eq!(flow(0, 1), FlowKind::Event { outbox: true });
    // Email subscribes to both.
    assert_eq!(flow(0, 2), FlowKind::Event { outbox: true });
    assert_eq!(flow(1, 2), FlowKind::Event { outbox: true });
    // Checkout sells from Orders' stock: what it reads must be current, so it queries.
    assert_eq!(flow(1, 3), FlowKind::Query);
    // The profile page ticks strong consistency: every read sees the latest write, so it queries too.
    assert_eq!(flow(0, 4), FlowKind::Query);
    let access = a
        .cards
        .iter()
        .find(|c| c.kind == SystemKind::DataAccess)
        .unwrap();
    assert!(
        access
            .because
            .iter()
            .any(|b| b == "Checkout queries Orders for Order: it needs the latest write."),
        "{:?}",
        access.because
    );
    assert!(access.summary.contains("explicitly a cache"));
    let answer = answer(&a, "sys-data-access");
    assert!(
        answer.contains("Users → Orders: User (events (outbox))"),
        "{answer}"
    );
}

#[test]
fn a_service_reading_from_many_owners_gets_a_read_model_and_one_reading_from_few_composes() {
    // Reports subscribes to three owners; Checkout must read Orders' latest write, beside its own carts.
    let a = advice(&system(&[
        ("Users", "", "User", ""),
        ("Orders", "inventory", "Order", "User"),
        ("Catalog", "", "Product", ""),
        ("Reports", "", "", "User, Order, Product"),
        ("Checkout", "strong-consistency", "Cart", "Order"),
    ]));
    let reports = card(&a, SystemKind::ReadModel, "Reports").unwrap();
    assert!(reports
        .summary
        .contains("reads from 3 services (Users, Orders and Catalog)"));
    let checkout = card(&a, SystemKind::ApiComposition, "Checkout").unwrap();
    assert!(checkout
        .summary
        .starts_with("There are no cross-service joins"));
    // Orders needs nothing of a user as it is this instant: it joins its copy with its own data.
    assert!(card(&a, SystemKind::CachedCopies, "Orders").is_some());
}

#[test]
fn acid_on_two_services_that_share_an_entity_is_a_saga() {
    // Each reads the other's data: an order follows its payment, a payment is for an order.
    let a = advice(&system(&[
        ("Orders", "acid", "Order", "Payment"),
        ("Payments", "financial", "Payment", "Order"),
    ]));
    let saga = a
        .cards
        .iter()
        .find(|c| c.kind == SystemKind::Saga)
        .expect("a saga");
    assert_eq!(
        saga.title,
        "Orders and Payments: a saga, not one transaction"
    );
    assert!(saga.summary.contains("cannot be one ACID transaction"));
    assert!(
        saga.summary.contains("Orders records its Order, then Payments takes the money")
            && saga.summary.contains("if the payment fails, a compensating step undoes the earlier one: Orders cancels its Order."),
        "{}",
        saga.summary
    );
    // No saga when only one side is transactional.
    let a = advice(&system(&[
        ("Orders", "acid", "Order", ""),
        ("Email", "", "", "Order"),
    ]));
    assert!(!kinds(&a).contains(&"saga"));
}

#[test]
fn a_shared_database_is_acceptable_only_in_the_seeds_cases() {
    let shared = |services: &[(&str, &str, &str, &str)]| {
        let a = advice(&system(services));
        a.patterns
            .iter()
            .find(|c| c.choice == "shared-database")
            .unwrap()
            .verdict
    };
    // Several services, none of the seed's "when it's OK" cases: an anti-pattern.
    assert_eq!(
        shared(&[("A", "acid", "", ""), ("B", "", "", "")]),
        Verdict::Avoid
    );
    for ok in ["small-team", "monolith-transition", "read-only-shared"] {
        assert_eq!(
            shared(&[("A", "acid", "", ""), ("B", ok, "", "")]),
            Verdict::Acceptable,
            "{ok}"
        );
    }
    let a = advice(&system(&[("A", "acid", "", ""), ("B", "", "", "")]));
    let dbps = a
        .patterns
        .iter()
        .find(|c| c.choice == "database-per-service")
        .unwrap();
    assert_eq!(dbps.verdict, Verdict::Recommended);
    assert!(dbps.notes.iter().any(|n| n.contains("saga")));
    assert!(a
        .patterns
        .iter()
        .all(|c| c.notes.iter().all(|n| !n.contains("Close call"))));
}

/// A small team's two services: database per service and a shared database both acceptable. That is a close
/// call, said on both cards with the seed's lean (sharing is the simpler start for a small team), and the
/// data flows are how a service reaches another's data either way, never its tables.
#[test]
fn database_per_service_and_a_shared_database_both_acceptable_is_a_close_call_with_a_lean() {
    let a = advice(&system(&[
        ("Web", "small-team acid", "User, Order", ""),
        ("Worker", "", "Job", "Order"),
    ]));
    let note = |id: &str| {
        let c = a.patterns.iter().find(|c| c.choice == id).unwrap();
        assert_eq!(c.verdict, Verdict::Acceptable, "{id}");
        c.notes
            .iter()
            .find(|n| n.starts_with("Close call"))
            .map(|n| n.to_string())
    };
    let shared = note("shared-database").expect("a close call on the shared database");
    assert!(
        shared.contains("Small team, simple system is the seed's case for one shared database, the simpler start")
            && shared.contains("never through its tables"),
        "{shared}"
    );
    assert!(note("database-per-service")
        .unwrap()
        .contains("makes one shared database, a schema per service, the simpler start"));
}

#[test]
fn every_service_has_its_own_recommendation_and_headline() {
    let a = advice(&system(&[
        ("Ledger", "acid financial no-data-loss", "", ""),
        ("Feed", "social-feed low-latency", "", ""),
        ("", "", "", ""),
    ]));
    assert_eq!(a.services.len(), 3);
    assert_eq!(a.services[0].headline, "relational, strong, semi-sync");
    assert_eq!(a.services[1].headline, "document, eventual, async");
    assert_eq!(
        (a.services[2].name.as_str(), a.services[2].headline.as_str()),
        ("Service 3", "nothing ticked yet")
    );
    let replication = a
        .cards
        .iter()
        .find(|c| c.kind == SystemKind::Replication)
        .unwrap();
    assert_eq!(
        replication.because[0],
        "Ledger: Semi-sync replication, QUORUM (strong consistency)."
    );
    let retention = a
        .cards
        .iter()
        .find(|c| c.kind == SystemKind::Retention)
        .unwrap();
    assert!(retention.because[0].starts_with("Ledger: keep financial records"));
    // One service and no ownership: no system to speak of.
    assert!(!advice(&system(&[("Solo", "acid", "", "")])).is_system());
}

#[test]
fn entities_are_cleaned_deduplicated_and_bounded() {
    let mut list = Vec::new();
    let left_out = Service::add_entities(&mut list, " Order , order,Customer,, \u{7} Line\titem ");
    assert_eq!(
        (list.as_slice(), left_out),
        (
            ["Order", "Customer", "Line item"]
                .map(String::from)
                .as_slice(),
            0
        )
    );
    let many: Vec<String> = (0..40).map(|i| format!("E{i}")).collect();
    let left_out = Service::add_entities(&mut list, &many.join(","));
    assert_eq!(
        (list.len(), left_out),
        (MAX_ENTITIES, 40 - (MAX_ENTITIES - 3))
    );
}

fn entity() -> impl Strategy<Value = String> {
    "[A-Za-zÀ-ÿ0-9 _&=#%+-]{1,20}".prop_filter_map("a kept name", |n| {
        let mut list = Vec::new();
        Service::add_entities(&mut list, &n);
        list.pop()
    })
}

fn service() -> impl Strategy<Value = Service> {
    let ids: Vec<String> = Catalog::builtin()
        .requirements()
        .map(|r| r.id.to_string())
        .collect();
    (
        "[A-Za-z0-9 éß&=#,%+-]{0,30}",
        proptest::sample::subsequence(ids.clone(), 0..6),
        proptest::collection::vec(entity(), 0..5),
        proptest::collection::vec(entity(), 0..5),
    )
        .prop_map(|(name, ticks, owns, reads)| {
            let mut s = Service {
                name: strata_core::decision::clean_name(&name),
                requirements: ticks.into_iter().collect(),
                ..Service::default()
            };
            Service::add_entities(&mut s.owns, &owns.join(","));
            Service::add_entities(&mut s.reads, &reads.join(","));
            s
        })
}

/// A service whose ticks are any of the catalogue's and whose entities come from a few shared names, so that
/// services own and read the same ones.
fn sharing_service() -> impl Strategy<Value = Service> {
    let ids: Vec<String> = Catalog::builtin()
        .requirements()
        .map(|r| r.id.to_string())
        .collect();
    let pool = ["Order", "Customer", "Payment", "Product", "Stock", "Device"].map(String::from);
    (
        proptest::sample::subsequence(ids, 0..6),
        proptest::sample::subsequence(pool.to_vec(), 0..3),
        proptest::sample::subsequence(pool.to_vec(), 0..4),
    )
        .prop_map(|(ticks, owns, reads)| {
            let mut s = Service {
                requirements: ticks.into_iter().collect(),
                ..Service::default()
            };
            Service::add_entities(&mut s.owns, &owns.join(","));
            Service::add_entities(&mut s.reads, &reads.join(","));
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Any decision of up to 16 services (names, ticks, owned and read entities, empty services anywhere)
    /// comes back from its link exactly.
    #[test]
    fn any_system_round_trips_through_the_link(services in proptest::collection::vec(service(), 1..=MAX_SERVICES)) {
        let decision = Decision { services, ..Decision::default() };
        let link = encode(&decision, false);
        let back = decode(&link, Catalog::builtin());
        prop_assert_eq!(&back.decision, &decision, "{}", link);
        prop_assert!(back.notices.is_empty() && back.unknown.is_empty());
    }

    /// Over any system, the cards agree with the flows they describe: a service told to compose answers
    /// queries someone; one told to join its cached copies queries nobody; a read model is fed by events; an
    /// owner said to be eventually consistent is; a saga joins two services that both own data.
    #[test]
    fn system_cards_agree_with_the_flows(services in proptest::collection::vec(sharing_service(), 2..=8)) {
        let decision = Decision { services, ..Decision::default() };
        let a = advice(&decision);
        let consumer = |c: &strata_core::system::SystemCard| *c.services.last().unwrap();
        let queries = |i: usize| a.flows.iter().any(|f| f.consumer == i && f.kind == FlowKind::Query);
        let events = |i: usize| a.flows.iter().any(|f| f.consumer == i && f.kind != FlowKind::Query);
        for c in &a.cards {
            match c.kind {
                SystemKind::ApiComposition => prop_assert!(queries(consumer(c)), "{}", c.title),
                SystemKind::CachedCopies => prop_assert!(!queries(consumer(c)) && events(consumer(c)), "{}", c.title),
                SystemKind::ReadModel => prop_assert!(events(consumer(c)), "{}", c.title),
                SystemKind::EventualOwner => {
                    prop_assert_eq!(a.services[c.services[0]].rec.consistency.choice, "eventual");
                }
                SystemKind::Saga => prop_assert!(c.services.iter().all(|&i| !decision.services[i].owns.is_empty())),
                _ => {}
            }
            for t in &c.trade_offs {
                prop_assert!(!t.ends_with('.'), "{}", t);
            }
        }
    }
}

#[test]
fn links_without_ownership_still_open_and_too_many_services_are_said_once() {
    let old = decode(
        "#v=1&n=Ledger&r=acid&n2=Feed&r2=social-feed",
        Catalog::builtin(),
    );
    assert_eq!(old.decision.services.len(), 2);
    assert!(old
        .decision
        .services
        .iter()
        .all(|s| s.owns.is_empty() && s.reads.is_empty()));
    let crowded: String = (2..=200).map(|i| format!("&n{i}=S{i}")).collect();
    let d = decode(&format!("#v=1{crowded}"), Catalog::builtin());
    assert_eq!(d.decision.services.len(), MAX_SERVICES);
    assert_eq!(
        d.notices,
        ["Only 16 services fit in a decision; the rest were ignored."]
    );
}

#[test]
fn system_cards_escape_what_the_user_typed() {
    let a = advice(&system(&[
        ("<b>Orders</b>", "acid", "<script>x</script>", ""),
        ("B&B", "", "<script>x</script>", ""),
    ]));
    let card = a
        .cards
        .iter()
        .find(|c| c.kind == SystemKind::TwoOwners)
        .unwrap();
    let html = strata_core::card_html::system_card_body(card);
    assert!(
        !html.contains("<script>") && !html.contains("<b>"),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;x&lt;/script&gt;") && html.contains("B&amp;B"));
    assert!(html.contains("href=\"#cat-single-source-of-truth\""));
}

#[test]
fn sagas_pair_an_owner_with_a_reader_and_reference_data_is_cached() {
    let a = advice(&system(&[
        ("Reference", "read-only-shared", "Currency", ""),
        ("Payments", "financial", "Payment", "Currency, Customer"),
        ("Orders", "acid inventory", "Order", "Currency, Payment"),
        ("Users", "acid", "Customer", ""),
    ]));
    let sagas: Vec<&str> = a
        .cards
        .iter()
        .filter(|c| c.kind == SystemKind::Saga)
        .map(|c| c.title.as_str())
        .collect();
    // Payments owns Payment (money), which Orders reads. Users owns Customer, which Payments only reads: a
    // payment changes no customer, so no saga for that. Payments and Orders both only read Currency: none
    // for that either.
    assert_eq!(sagas, ["Payments and Orders: a saga, not one transaction"]);
    assert!(a
        .cards
        .iter()
        .filter(|c| c.kind == SystemKind::Saga)
        .all(|c| !c.summary.contains("Currency")));
    // Reference data reaches even a reader that needs the latest write as events into a cache.
    let currency = a
        .flows
        .iter()
        .find(|f| f.entity == "Currency" && f.consumer == 1)
        .unwrap();
    assert_eq!(currency.kind, FlowKind::Event { outbox: false });
}

#[test]
fn a_read_model_is_built_only_from_data_a_service_subscribes_to() {
    let a = advice(&system(&[
        ("Users", "", "User", ""),
        ("Orders", "", "Order", ""),
        ("Catalog", "", "Product", ""),
        ("Checkout", "strong-consistency", "", "User, Order, Product"),
    ]));
    // Checkout must read every latest write: it queries all three, so it composes rather than keeping a read
    // model (which would lag behind them).
    assert!(a.cards.iter().all(|c| c.kind != SystemKind::ReadModel));
    assert!(a.flows.iter().all(|f| f.kind == FlowKind::Query));
    let checkout = a
        .cards
        .iter()
        .find(|c| c.title.starts_with("Checkout"))
        .unwrap();
    assert_eq!(checkout.kind, SystemKind::ApiComposition);
}

#[test]
fn a_long_entity_is_the_same_wherever_it_stands_in_a_typed_list() {
    // 70 characters: cut to the limit the same way alone and after ", ".
    let long = "Customer loyalty programme membership tier history record for the shop";
    let reads = format!("Order, {long}");
    let a = advice(&system(&[
        ("Loyalty", "", long, ""),
        ("Orders", "", "Order", &reads),
    ]));
    assert!(
        !kinds(&a).contains(&"no-owner"),
        "{:?}",
        a.cards.iter().map(|c| &c.title).collect::<Vec<_>>()
    );
    assert_eq!(a.flows.len(), 1);
    assert_eq!(a.flows[0].entity.chars().count(), MAX_ENTITY_CHARS);
}

fn card<'a>(a: &'a SystemAdvice, kind: SystemKind, title_starts: &str) -> Option<&'a SystemCard> {
    a.cards
        .iter()
        .find(|c| c.kind == kind && c.title.starts_with(title_starts))
}

fn because(c: &SystemCard) -> String {
    c.because.join("\n")
}

/// A shop of seven services: the brief's e-commerce system.
fn shop() -> Decision {
    system(&[
        (
            "Orders",
            "acid inventory relationships-matter",
            "Order, Line item",
            "Customer, Product, Payment",
        ),
        ("Customers", "acid", "Customer, Address", ""),
        (
            "Catalog",
            "read-only-shared flexible-schema",
            "Product, Category",
            "",
        ),
        (
            "Search",
            "full-text read-heavy low-latency",
            "",
            "Product, Category",
        ),
        (
            "Payments",
            "financial acid no-data-loss audit-trail",
            "Payment, Refund",
            "Order, Customer",
        ),
        (
            "Notifications",
            "",
            "Notification",
            "Order, Customer, Payment",
        ),
        (
            "Analytics",
            "analytics",
            "",
            "Order, Customer, Product, Payment",
        ),
    ])
}

/// Strong consistency promises that "All reads see the latest write"; an eventually consistent owner cannot
/// keep that promise for a consumer that queries it. A single primary can (its primary has every confirmed
/// write): a caution with that way out. Several primaries cannot: a contradiction, with a home region per
/// record as the way out. A strongly consistent owner raises nothing.
#[test]
fn a_consumer_that_queries_an_eventually_consistent_owner_is_told_it_may_miss_the_latest_write() {
    let a = advice(&system(&[
        (
            "Carts",
            "shopping-cart key-value high-availability",
            "Cart",
            "",
        ),
        (
            "Checkout",
            "inventory acid strong-consistency",
            "Stock",
            "Cart",
        ),
        (
            "Profiles",
            "multi-region local-writes flexible-schema",
            "Profile",
            "",
        ),
        (
            "Bookings",
            "booking acid strong-consistency",
            "Booking",
            "Profile, Stock",
        ),
    ]));
    let cart = card(&a, SystemKind::EventualOwner, "Checkout").expect("Carts is eventual");
    assert_eq!(
        cart.title,
        "Checkout needs the latest Cart; Carts is eventually consistent"
    );
    assert_eq!(cart.verdict, Verdict::Acceptable);
    assert!(
        cart.resolution
            .starts_with("Have Carts answer the queries from Checkout at its primary"),
        "{}",
        cart.resolution
    );
    assert_eq!(cart.services, [0, 1]);
    let profile =
        card(&a, SystemKind::EventualOwner, "Bookings").expect("Profiles is multi-primary");
    assert_eq!(profile.verdict, Verdict::Avoid);
    assert!(profile
        .summary
        .contains("accepts writes in every region (multi-primary)"));
    assert!(profile
        .resolution
        .starts_with("Give each Profile a home region"));
    assert!(
        because(profile)
            .contains("Bookings: Strong consistency and Booking system need the latest write."),
        "{}",
        because(profile)
    );
    // Composing answers from Profiles is then only acceptable, with the way out.
    let compose = card(&a, SystemKind::ApiComposition, "Bookings").unwrap();
    assert_eq!(compose.verdict, Verdict::Acceptable);
    assert!(
        because(compose).contains(
            "Profiles accepts writes in every region: its answers cannot promise the latest write"
        ),
        "{}",
        because(compose)
    );
    // Bookings' change uses up Checkout's stock: a saga, by events, not a query to warn about.
    assert_eq!(
        a.cards
            .iter()
            .filter(|c| c.kind == SystemKind::EventualOwner)
            .count(),
        2
    );
    assert_eq!(SystemKind::EventualOwner.as_str(), "query-eventual-owner");
}

/// "How do we handle cross-service queries?": a service that takes everything it reads from a few owners'
/// events joins its own cached copies (no call at query time); telling it to ask the owners (API composition)
/// contradicts how it gets the data. Asking for one thing with nothing to join it with, or keeping one copy
/// and owning nothing, is no cross-service query at all.
#[test]
fn events_from_a_few_owners_are_joined_as_cached_copies_not_composed_by_calls() {
    let a = advice(&system(&[
        ("Devices", "acid relationships-matter", "Device, Site", ""),
        ("Telemetry", "time-series streaming", "Reading", "Device"),
        ("Alerts", "low-latency", "Alert", "Reading, Device"),
        ("Mailer", "", "", "Alert"),
        ("Audit", "strong-consistency", "", "Device"),
    ]));
    let telemetry = card(&a, SystemKind::CachedCopies, "Telemetry").expect("cached copies");
    assert!(telemetry.summary.starts_with("There are no cross-service joins: Telemetry keeps copies of what it reads from Devices"), "{}", telemetry.summary);
    assert!(telemetry.summary.contains("call no other service"));
    assert_eq!(SystemKind::CachedCopies.as_str(), "cached-copies");
    assert!(
        a.cards.iter().all(|c| c.kind != SystemKind::ApiComposition),
        "{:?}",
        kinds(&a)
    );
    // Mailer keeps one copy and owns nothing; Audit asks Devices for one thing: nothing to join.
    assert!(a
        .cards
        .iter()
        .all(|c| !c.title.starts_with("Mailer") && !c.title.starts_with("Audit")));
    let answer = answer(&a, "sys-cross-queries");
    assert!(
        answer.starts_with("Telemetry: its own copies of data from Devices"),
        "{answer}"
    );
}

/// Full-text search and analytics read the data as a whole, which no call to an owner answers: a search
/// index or a columnar copy built from the owners' events is a read model, whatever the number of owners.
#[test]
fn search_and_analytics_keep_a_read_model_whatever_the_number_of_owners() {
    let a = advice(&system(&[
        ("Catalog", "flexible-schema", "Product", ""),
        ("Search", "full-text", "", "Product"),
        ("Reports", "analytics", "", "Product"),
    ]));
    let search = card(&a, SystemKind::ReadModel, "Search").expect("a search index");
    assert!(
        search.summary.contains(
            "keeps a search index of its own as its read model, fed by the owner's events"
        ),
        "{}",
        search.summary
    );
    let reports = card(&a, SystemKind::ReadModel, "Reports").expect("a columnar copy");
    assert!(reports.summary.contains("a columnar copy"));
}

/// The read model's threshold (three owners) is a judgement: one owner either side of it, the card says so.
#[test]
fn the_read_model_threshold_is_shown_as_a_close_call_on_either_side_of_it() {
    let readers = |reads: &str| {
        let a = advice(&system(&[
            ("A", "", "X", ""),
            ("B", "", "Y", ""),
            ("C", "", "Z", ""),
            ("D", "", "W", ""),
            ("Risk", "", "R", reads),
        ]));
        let c = a
            .cards
            .iter()
            .find(|c| c.title.starts_with("Risk"))
            .unwrap()
            .clone();
        c
    };
    let two = readers("X, Y");
    assert_eq!(two.kind, SystemKind::CachedCopies);
    assert!(
        because(&two)
            .contains("Close call: Risk reads from 2 owners through events; from 3, a read model"),
        "{}",
        because(&two)
    );
    let three = readers("X, Y, Z");
    assert_eq!(three.kind, SystemKind::ReadModel);
    assert!(because(&three).contains("Close call: 3 owners is where a read model starts to pay"));
    let four = readers("X, Y, Z, W");
    assert!(!because(&four).contains("Close call"));
}

/// The data-access card's trade-offs are those of the flows it describes: copies duplicate data and lag
/// (eventual consistency's "Temporary inconsistency"); queries wait on the owner and fail with it (strong
/// consistency's "Higher latency" and "Lower availability during failures"). An owner's entity read by
/// several services is one sentence, not one per reader.
#[test]
fn data_access_names_the_trade_offs_of_its_flows_once_per_owner_and_entity() {
    let events = advice(&system(&[
        ("Users", "", "User", ""),
        ("Orders", "", "Order", "User"),
    ]));
    let access = card(&events, SystemKind::DataAccess, "").unwrap();
    assert_eq!(
        access.trade_offs,
        ["Data duplication", "Temporary inconsistency"]
    );
    let a = advice(&system(&[
        ("Users", "acid", "User", ""),
        ("Orders", "acid", "Order", "User"),
        ("Storefront", "strong-consistency", "", "User, Order"),
        ("Notifications", "", "", "Order, User"),
        ("Profile page", "strong-consistency", "", "User"),
    ]));
    let access = card(&a, SystemKind::DataAccess, "").unwrap();
    assert_eq!(
        access.trade_offs,
        [
            "Data duplication",
            "Temporary inconsistency",
            "Higher latency",
            "Lower availability during failures"
        ]
    );
    assert!(access.summary.contains("fails while the owner is down"));
    let lines = because(access);
    assert!(lines.contains("Users publishes User events through an outbox; Orders and Notifications keep a copy marked as cache."), "{lines}");
    assert!(
        lines.contains(
            "Storefront and Profile page query Users for User: they need the latest write."
        ),
        "{lines}"
    );
    assert_eq!(lines.matches("Users publishes User events").count(), 1);
}

/// An outbox needs the entity and its event in one local transaction. A document store's transactions are
/// limited, so its outbox lives in the changed document (or a multi-document transaction), or its change
/// stream publishes; an owner without transactional data still must not publish after the write (a crash
/// in between loses the event); a streaming owner writes to its log first.
#[test]
fn how_an_owner_publishes_fits_its_store() {
    let a = advice(&system(&[
        (
            "Orders",
            "acid flexible-schema hierarchical horizontal-scaling",
            "Order",
            "",
        ),
        ("Catalog", "", "Product", ""),
        ("Telemetry", "time-series streaming", "Reading", ""),
        ("Shipping", "", "Shipment", "Order, Product, Reading"),
    ]));
    assert_eq!(
        a.services[0].headline,
        "document, strong; semi-sync by default"
    );
    let lines = because(card(&a, SystemKind::DataAccess, "").unwrap());
    assert!(lines.contains("Orders keeps its data in a document store, whose transactions are limited: its outbox is a list of pending events inside the document it changes"), "{lines}");
    assert!(lines.contains("Catalog publishes without an outbox (none of its writes is ticked as a transaction), but its events still have to follow every committed write: publish them from the store's change stream (change data capture)"), "{lines}");
    assert!(
        lines.contains("Telemetry takes its data in as a stream"),
        "{lines}"
    );
    assert!(
        !lines.contains("Telemetry publishes without an outbox"),
        "{lines}"
    );
}

/// Multi-primary: "Conflict resolution needed", "Eventually consistent". Its events come from every region
/// and a write may lose a conflict after its event left, so readers apply them by version.
#[test]
fn events_from_a_multi_primary_owner_are_applied_by_version() {
    let a = advice(&system(&[
        ("Tenants", "acid multi-region local-writes", "Tenant", ""),
        ("Billing", "", "Invoice", "Tenant"),
    ]));
    assert_eq!(a.services[0].rec.replication.choice, "multi-primary");
    let lines = because(card(&a, SystemKind::DataAccess, "").unwrap());
    assert!(
        lines.contains("Tenants writes in every region (multi-primary)")
            && lines.contains("readers apply them by version"),
        "{lines}"
    );
}

/// Two services that query each other depend on each other at run time: while either is down, neither
/// answers.
#[test]
fn services_that_query_each_other_are_named_with_a_way_out() {
    // Each must read the other's latest write, and neither's change writes in the other (no saga).
    let a = advice(&system(&[
        ("Profiles", "strong-consistency", "Profile", "Preference"),
        ("Preferences", "strong-consistency", "Preference", "Profile"),
    ]));
    let lines = because(card(&a, SystemKind::DataAccess, "").unwrap());
    assert!(
        lines.contains(
            "Profiles and Preferences query each other: while one is down, neither can answer."
        ),
        "{lines}"
    );
    // In the shop, Orders and Payments read each other's data too, but one business change writes in both:
    // their data travels as the saga's events, so neither waits on the other.
    let shop = advice(&shop());
    let between = |x: usize, y: usize| {
        shop.flows
            .iter()
            .filter(|f| (f.owner, f.consumer) == (x, y) || (f.owner, f.consumer) == (y, x))
            .map(|f| f.kind)
            .collect::<Vec<_>>()
    };
    assert_eq!(between(0, 4), [FlowKind::Event { outbox: true }; 2]);
    assert!(card(&shop, SystemKind::Saga, "Orders and Payments").is_some());
    assert!(!because(card(&shop, SystemKind::DataAccess, "").unwrap()).contains("query each other"));
}

/// A saga is for "one business change writes in both". Reading another's data writes nothing there (an
/// order reads its customer; the customer is unchanged); a reader that owns nothing writes nothing. It
/// does when they react to each other's changes (each reads the other's data), or when the reader's change
/// uses up the owner's money, stock or bookings (a debit, a reservation).
#[test]
fn a_saga_needs_a_change_that_writes_in_both_not_just_a_read() {
    let a = advice(&system(&[
        ("Customers", "acid", "Customer", ""),
        ("Orders", "acid", "Order", "Customer, Stock"),
        ("Stock", "inventory", "Stock", ""),
        ("Reports", "acid", "", "Customer, Order"),
    ]));
    let sagas: Vec<&str> = a
        .cards
        .iter()
        .filter(|c| c.kind == SystemKind::Saga)
        .map(|c| c.title.as_str())
        .collect();
    assert_eq!(sagas, ["Orders and Stock: a saga, not one transaction"]);
    let saga = card(&a, SystemKind::Saga, "Orders").unwrap();
    assert!(
        because(saga).contains("Orders reads Stock from Stock, and Stock keeps stock: what Orders does with the Stock it reads goes with a change to that stock (a reservation), so one business change takes a step in each."),
        "{}",
        because(saga)
    );
    // The bank: only the pairs where money moves.
    let bank = advice(&system(&[
        ("Accounts", "financial acid", "Account", "Customer"),
        ("Customers", "acid", "Customer", ""),
        ("Payments", "financial acid", "Payment", "Account, Customer"),
    ]));
    let sagas: Vec<&str> = bank
        .cards
        .iter()
        .filter(|c| c.kind == SystemKind::Saga)
        .map(|c| c.title.as_str())
        .collect();
    assert_eq!(
        sagas,
        ["Accounts and Payments: a saga, not one transaction"]
    );
}

/// Several services are microservices whatever is ticked: the system's pattern cards neither say the user
/// ticked it when no service did, nor offer unticking it (it would change nothing).
#[test]
fn system_patterns_neither_claim_nor_offer_to_untick_microservices() {
    let a = advice(&system(&[
        ("A", "acid", "", ""),
        ("B", "small-team", "", ""),
    ]));
    for c in &a.patterns {
        assert!(
            c.would_change
                .iter()
                .all(|w| w.requirement != "microservices"),
            "{}: {:?}",
            c.choice,
            c.would_change
        );
        for r in c.reasons_for.iter().chain(&c.reasons_against) {
            if r.requirement == "microservices" {
                assert_eq!(r.label, "Several services (microservices)");
            }
        }
    }
    let dbps = a.pattern_card("database-per-service").unwrap();
    assert!(dbps
        .reasons_for
        .iter()
        .any(|r| r.requirement == "microservices"));
    // Ticked by a service, it is said as ticked.
    let a = advice(&system(&[
        ("A", "microservices", "", ""),
        ("B", "", "", ""),
    ]));
    let dbps = a.pattern_card("database-per-service").unwrap();
    assert!(dbps
        .reasons_for
        .iter()
        .any(|r| r.requirement == "microservices" && r.label == "Microservices"));
}

/// The seed's "When it's OK" for a shared database keeps its caution: made acceptable by a small team or a
/// monolith's transition, the system's card carries the way to keep it safe (a schema and a database user per
/// service); made acceptable by reference data, it names that data and how the flows already share it.
#[test]
fn a_shared_database_made_acceptable_says_how_to_keep_it_safe() {
    let a = advice(&system(&[
        ("Web", "small-team acid", "Order", "User"),
        ("Users", "acid", "User", ""),
    ]));
    let shared = a.pattern_card("shared-database").unwrap();
    assert_eq!(shared.verdict, Verdict::Acceptable);
    assert!(
        shared
            .notes
            .iter()
            .any(|n| n.contains("its own schema and database user")),
        "{:?}",
        shared.notes
    );
    let a = advice(&system(&[
        ("Reference", "read-only-shared", "Country, Currency", ""),
        ("Orders", "acid", "Order", "Country"),
    ]));
    let shared = a.pattern_card("shared-database").unwrap();
    assert!(
        shared
            .notes
            .iter()
            .any(|n| n.starts_with("Here the reference data is Reference's Country and Currency.")),
        "{:?}",
        shared.notes
    );
    // Not acceptable: no note to keep it safe.
    let a = advice(&system(&[("A", "acid", "", ""), ("B", "", "", "")]));
    assert!(a.pattern_card("shared-database").unwrap().notes.is_empty());
}

/// Retention: a service keeps every hint its ticks give (money and an audit trail both), a service holding
/// only copies follows its owners, alike services share a line instead of repeating it, and copies go when
/// their owner deletes (a customer's personal data).
#[test]
fn retention_keeps_every_hint_of_a_service_and_says_copies_follow_their_owner() {
    let a = advice(&shop());
    let r = card(&a, SystemKind::Retention, "").unwrap();
    let lines = because(r);
    assert!(lines.contains("Payments: keep financial records for the years your jurisdiction requires; keep the history"), "{lines}");
    assert!(
        lines.contains("Search: only copies: each goes when its owner deletes it."),
        "{lines}"
    );
    assert!(
        lines.contains("Orders, Customers, Catalog and Notifications: decide per entity"),
        "{lines}"
    );
    assert_eq!(lines.matches("decide per entity").count(), 1);
    assert!(r.summary.contains("every reader drops its copy"));
}

/// Database per service: each store is backed up on its own, so restores are not consistent across
/// services; a service on the defaults says so rather than look decided.
#[test]
fn replication_summary_names_defaults_and_restores_across_services() {
    let a = advice(&shop());
    let r = card(&a, SystemKind::Replication, "").unwrap();
    assert!(r.summary.contains("backups are not taken at one instant"));
    assert!(because(r).contains("Notifications: Semi-sync replication, QUORUM (strong consistency) — the defaults, as nothing is ticked yet."));
}

#[test]
fn a_single_reader_of_an_unowned_entity_reads_it() {
    let a = advice(&system(&[
        ("Orders", "", "Order", ""),
        ("Email", "", "", "Lead"),
    ]));
    let c = card(&a, SystemKind::NoOwner, "").unwrap();
    assert_eq!(
        c.summary,
        "Email reads Lead, but no service is its source of truth."
    );
}

/// A system card's trade-offs are the seed's own lines (and end without a full stop: the ADR adds one).
#[test]
fn every_system_trade_off_is_a_line_of_the_seed() {
    let seed = include_str!("../../../docs/seed/data-architecture.md");
    let decisions = [
        shop(),
        system(&[
            ("Orders", "acid", "Order, Customer", "Lead"),
            ("CRM", "", "Customer", "Order"),
            ("Carts", "shopping-cart", "Cart", ""),
            ("Checkout", "inventory", "", "Cart"),
            ("Risk", "", "R", "Order, Cart"),
        ]),
    ];
    for d in &decisions {
        for c in &advice(d).cards {
            for t in &c.trade_offs {
                assert!(
                    !t.ends_with('.') && seed.contains(t.as_str()),
                    "{}: {t:?}",
                    c.title
                );
            }
        }
    }
}

/// Every system card links to a catalogue entry that exists.
#[test]
fn every_system_card_links_to_a_catalogue_entry() {
    let html = strata_core::deferred::catalogue_html();
    let a = advice(&system(&[
        ("Carts", "shopping-cart key-value", "Cart", ""),
        ("Checkout", "inventory strong-consistency", "Stock", "Cart"),
        ("Devices", "acid", "Device", ""),
        ("Telemetry", "", "Reading", "Device"),
    ]));
    assert!(kinds(&a).contains(&"query-eventual-owner") && kinds(&a).contains(&"cached-copies"));
    for c in &a.cards {
        assert!(
            html.contains(&format!("id=\"{}\"", c.catalog_ref)),
            "{}",
            c.catalog_ref
        );
    }
}

/// The system diagram's text version says each owner's entities once, with all their readers, in the very
/// sentences of the data-access card (and the card reads the same on the diagram's "Text version").
#[test]
fn the_system_diagrams_text_says_the_flows_as_the_data_access_card_does() {
    use strata_core::diagrams::{layout, DiagramId};
    use strata_core::export::system_diagram_input;
    let flow_sentence = |s: &&String| {
        s.ends_with("a copy marked as cache.")
            || s.ends_with("it needs the latest write.")
            || s.ends_with("they need the latest write.")
    };
    let mut d = shop();
    // The shop's data all travels by events; a storefront that must show every latest write queries.
    let storefront = system(&[("Storefront", "strong-consistency", "", "Customer, Order")]);
    d.services.extend(storefront.services);
    let a = advice(&d);
    let access = card(&a, SystemKind::DataAccess, "").unwrap();
    let said: Vec<&String> = access.because.iter().filter(flow_sentence).collect();
    assert!(said.len() >= 6, "{said:?}");
    let text = layout(DiagramId::System, &system_diagram_input(&d, &a)).text_alternative;
    let drawn: Vec<&String> = text.iter().filter(flow_sentence).collect();
    assert_eq!(drawn, said);
    assert!(
        drawn
            .iter()
            .any(|s| s.starts_with("Storefront queries Customers for Customer")),
        "{drawn:?}"
    );
    assert!(drawn.iter().any(|s| s.ends_with("a copy marked as cache.")));
}

/// On the system's pattern cards, "Several services (microservices)" is no tick: their reasons are headed
/// "Because", not "Because you ticked", unless a service ticked it.
#[test]
fn system_pattern_cards_do_not_say_you_ticked_what_the_system_implies() {
    use strata_core::card_html::card_body;
    let cat = Catalog::builtin();
    let a = advice(&system(&[
        ("A", "acid", "", ""),
        ("B", "small-team", "", ""),
    ]));
    let dbps = a.pattern_card("database-per-service").unwrap();
    let html = card_body(dbps, cat);
    assert!(
        html.contains("<h4>Because</h4><ul class=\"reasons-for\"><li><strong>Several services (microservices)</strong>")
            && !html.contains("Because you ticked"),
        "{html}"
    );
    let a = advice(&system(&[
        ("A", "microservices", "", ""),
        ("B", "", "", ""),
    ]));
    let html = card_body(a.pattern_card("database-per-service").unwrap(), cat);
    assert!(
        html.contains("<h4>Because you ticked</h4><ul class=\"reasons-for\"><li><strong>Microservices</strong>"),
        "{html}"
    );
}

#[test]
fn a_service_whose_store_is_alongside_says_so_in_its_headline_and_the_diagram() {
    // A search service runs a search index; "relational, strong, semi-sync" alone would name only the
    // default primary store, which no tick of its own chose.
    let d = system(&[
        ("Orders", "acid", "Order", ""),
        ("Search", "full-text read-heavy", "", "Order"),
    ]);
    let a = advice(&d);
    assert_eq!(
        a.services[0].headline,
        "relational, strong; semi-sync by default"
    );
    assert!(
        a.services[1].headline.starts_with("relational + search; "),
        "{}",
        a.services[1].headline
    );
    let input = strata_core::export::system_diagram_input(&d, &a);
    assert_eq!(input.stores[0], "PostgreSQL (relational)");
    // In the system it owns no data and keeps only its index: that is all it runs.
    assert_eq!(input.stores[1], "Elasticsearch");
    assert_eq!(
        strata_core::export::store_label(&a.services[1].rec),
        "PostgreSQL (relational) + Elasticsearch",
        "its own answer, which knows no ownership, is unchanged"
    );
}

/// The reviewer's e-commerce system: Orders keeps stock, Customers and Catalog decide no consistency or
/// replication of their own, Search only reads (into its index), Payments keeps money.
fn reviewed_shop() -> Decision {
    system(&[
        (
            "Orders",
            "acid inventory",
            "Order, OrderLine",
            "Customer, Product",
        ),
        ("Customers", "relationships-matter", "Customer", ""),
        ("Catalog", "read-only-shared flexible-schema", "Product", ""),
        ("Search", "full-text read-heavy", "", "Product, Order"),
        ("Payments", "financial no-data-loss", "Payment", "Order"),
    ])
}

/// A consistency or replication no tick of a service's own bears on (its card not assessed) is the catalogue's
/// default: the switcher's headline, the replication card and the system checklist say so, not "chosen".
#[test]
fn defaults_are_said_to_be_defaults_not_decisions() {
    let a = advice(&reviewed_shop());
    let headlines: Vec<&str> = a.services.iter().map(|s| s.headline.as_str()).collect();
    assert_eq!(
        headlines,
        [
            "relational, strong, semi-sync",
            "relational; strong, semi-sync by default",
            "document; strong, semi-sync by default",
            "relational + search; strong, semi-sync by default",
            "relational, strong, semi-sync",
        ]
    );
    let r = because(card(&a, SystemKind::Replication, "").unwrap());
    for line in [
        "Orders: Semi-sync replication, QUORUM (strong consistency).",
        "Customers: Semi-sync replication, QUORUM (strong consistency) — the defaults: no tick of its own decides them.",
        "Catalog: Semi-sync replication, QUORUM (strong consistency) — the defaults: no tick of its own decides them.",
        "Payments: Semi-sync replication, QUORUM (strong consistency).",
    ] {
        assert!(r.lines().any(|l| l == line), "missing {line:?} in\n{r}");
    }
    assert_eq!(
        answer(&a, "sys-replication"),
        "Orders: Semi-sync; Customers: Semi-sync (the default); Catalog: Semi-sync (the default); Search: read models only, rebuilt from the owners' events; Payments: Semi-sync"
    );
    // Consistency decided, replication not: only the replication is the default.
    let a = advice(&system(&[
        ("Ledger", "acid", "", ""),
        ("B", "financial", "", ""),
    ]));
    assert_eq!(
        a.services[0].headline,
        "relational, strong; semi-sync by default"
    );
    let r = card(&a, SystemKind::Replication, "").unwrap();
    assert_eq!(
        r.because[0],
        "Ledger: Semi-sync replication, QUORUM (strong consistency) — the replication is the default: no tick of its own decides it."
    );
}

/// A service that owns no data and keeps only read models (stores alongside) runs those alone: the system's
/// diagram names them only, and its cards say its index is fed by the owners' events, with no primary of its own.
#[test]
fn a_service_that_owns_nothing_and_keeps_read_models_runs_only_those() {
    let d = reviewed_shop();
    let a = advice(&d);
    let only: Vec<bool> = a.services.iter().map(|s| s.read_models_only).collect();
    assert_eq!(only, [false, false, false, true, false]);
    let input = strata_core::export::system_diagram_input(&d, &a);
    assert_eq!(input.stores[3], "Elasticsearch");
    assert_eq!(input.stores[0], "PostgreSQL (relational)");
    let model = because(card(&a, SystemKind::ReadModel, "Search").unwrap());
    assert!(
        model.contains("Search owns no data: its search store (Elasticsearch), fed by the owners' events, is all it runs. It needs no primary store"),
        "{model}"
    );
    let r = because(card(&a, SystemKind::Replication, "").unwrap());
    assert!(
        r.contains("Search: only read models (Elasticsearch), which it can rebuild from the owners' events")
            && r.contains("are the defaults, for a primary store it does not run.")
            && r.contains("They are eventually consistent with their owners"),
        "{r}"
    );
    // Its checklist says the same: copies fed by events are never the latest write.
    let adr = strata_core::export::adr_markdown(
        strata_core::catalog::Catalog::builtin(),
        &d,
        &a.services[0].rec,
        "",
    );
    let search = &adr[adr.find("### Checklist: Search").unwrap()..];
    assert!(
        search.contains("Eventual: its read models follow the owners' events"),
        "{search}"
    );
    // Its own section claims nothing of the primary store it does not run: no consistency or replication
    // diagram, none of their consequences.
    let section = &adr[adr.find("## Service: Search").unwrap()..];
    let section = &section[..3 + section[3..].find("\n## ").unwrap()];
    for claim in [
        "never meets stale data",
        "Primary-replica",
        "Strong consistency with",
        "### Primary store",
        "### Replication",
    ] {
        assert!(!section.contains(claim), "{claim}: {section}");
    }
    assert!(
        section.contains("### Consequences\n\n* Its read models follow the owners' events"),
        "{section}"
    );
    assert!(section.contains("### Also use: Search"), "{section}");
    // A service of its own data, or one whose ticks ask for a primary store, keeps it.
    let a = advice(&system(&[
        ("Orders", "acid", "Order", ""),
        ("Search", "full-text", "Query log", "Order"),
        ("Feed", "full-text flexible-schema", "", "Order"),
    ]));
    assert!(a.services.iter().all(|s| !s.read_models_only));
}

/// The saga names the business flow plainly: each service's step from what it keeps (stock, money, bookings,
/// else its own record), the one hardest to undo last, and the compensation of the earlier one. A reader of
/// the other's data shares nothing with it.
#[test]
fn a_saga_names_the_business_change_and_its_compensation() {
    let a = advice(&reviewed_shop());
    let sagas: Vec<&SystemCard> = a
        .cards
        .iter()
        .filter(|c| c.kind == SystemKind::Saga)
        .collect();
    assert_eq!(sagas.len(), 1);
    let saga = sagas[0];
    assert_eq!(
        saga.title,
        "Orders and Payments: a saga, not one transaction"
    );
    assert!(
        saga.summary.starts_with("One business change is likely to write in both: Orders reserves the stock, then Payments takes the money. That is two databases, so it cannot be one ACID transaction.")
            && saga.summary.ends_with("if the payment fails, a compensating step undoes the earlier one: Orders releases the stock."),
        "{}",
        saga.summary
    );
    let why = because(saga);
    assert!(
        why.contains("Payments reads Order from Orders, and Orders keeps stock: what Payments does with the Order it reads goes with a change to that stock (a reservation), so one business change takes a step in each.")
            && why.contains("The step in Payments goes last, as it is the harder to undo"),
        "{why}"
    );
    let all = format!("{}\n{why}", saga.summary);
    assert!(
        !all.contains("share") && !all.contains("whose data is"),
        "{all}"
    );
    // Two services keeping money: the one reading the other's records its own step first.
    let bank = advice(&system(&[
        ("Accounts", "financial acid", "Account", ""),
        ("Payments", "financial acid", "Payment", "Account"),
    ]));
    let saga = card(&bank, SystemKind::Saga, "").unwrap();
    assert!(
        saga.summary
            .contains("Payments records its Payment, then Accounts takes the money")
            && saga.summary.contains("Payments cancels its Payment."),
        "{}",
        saga.summary
    );
}

/// A query for the latest write on a service's own path costs its availability; the card gives the other side:
/// copy what is needed as it stood into the service's own record (a snapshot), or read a cached copy where it
/// may lag, and query only for what must be current.
#[test]
fn a_composing_service_is_told_what_it_need_not_query() {
    let mut d = reviewed_shop();
    let returns = system(&[("Returns", "strong-consistency", "Return", "Customer")]);
    d.services.extend(returns.services);
    let a = advice(&d);
    // An order needs its customer as it stood: a copy from Customers' events, not a query.
    assert!(card(&a, SystemKind::ApiComposition, "Orders").is_none());
    let orders = card(&a, SystemKind::ApiComposition, "Returns").unwrap();
    assert!(
        orders.resolution.starts_with("Query only for what must be current. What Returns needs of Customer as it stood at the time of its own change")
            && orders.resolution.contains("a snapshot")
            && orders.resolution.contains("a copy kept from the events Customers publishes")
            && orders.resolution.ends_with("Each query left waits on Customers and fails while it is down."),
        "{}",
        orders.resolution
    );
    let access = card(&a, SystemKind::DataAccess, "").unwrap();
    assert!(
        access
            .summary
            .contains("(a snapshot). So query only for what must be current."),
        "{}",
        access.summary
    );
}

/// One business change across three services is one saga, not a card per pair: its steps in the order safest
/// to undo, each step taken by the service that keeps what it uses (the stock by the service that owns it,
/// whoever else ticks inventory, told so with the way out), every earlier step compensated, latest first, and
/// the steps carried by events through outboxes, never by queries between the participants.
#[test]
fn one_business_change_across_three_services_is_one_saga_with_every_compensation() {
    let a = advice(&system(&[
        (
            "Orders",
            "acid inventory microservices",
            "Order, OrderLine",
            "Customer, Product, Payment",
        ),
        (
            "Payments",
            "acid financial no-data-loss audit-trail",
            "Payment",
            "Order",
        ),
        ("Inventory", "inventory acid", "Stock", "Order, Product"),
        ("Customers", "acid", "Customer", ""),
        ("Catalog", "read-only-shared", "Product", ""),
    ]));
    let sagas: Vec<&SystemCard> = a
        .cards
        .iter()
        .filter(|c| c.kind == SystemKind::Saga)
        .collect();
    assert_eq!(
        sagas.len(),
        1,
        "{:?}",
        sagas.iter().map(|c| &c.title).collect::<Vec<_>>()
    );
    let saga = sagas[0];
    assert_eq!(
        saga.title,
        "Orders, Payments and Inventory: a saga, not one transaction"
    );
    assert_eq!(saga.services, [0, 1, 2]);
    assert!(
        saga.summary.starts_with("One business change is likely to write in all three: Orders records its Order, then Inventory reserves the stock, then Payments takes the money. That is three databases, so it cannot be one ACID transaction.")
            && saga.summary.contains("if the payment fails, compensating steps undo the earlier ones, latest first: Inventory releases the stock, then Orders cancels its Order;"),
        "{}",
        saga.summary
    );
    let why = because(saga);
    assert!(
        why.contains("Orders ticks Inventory management, but Inventory keeps the stock (its name or data says so): the stock step is Inventory's. If Orders keeps no stock of its own, untick Inventory management there."),
        "{why}"
    );
    assert!(why.contains("no service queries another for the latest state during the saga"));
    for (x, y) in [(0, 1), (0, 2)] {
        for f in a
            .flows
            .iter()
            .filter(|f| (f.owner, f.consumer) == (x, y) || (f.owner, f.consumer) == (y, x))
        {
            assert_eq!(f.kind, FlowKind::Event { outbox: true }, "{f:?}");
        }
    }
    // A booking across rooms and payments: the booking held first, the room next, the money last.
    let b = advice(&system(&[
        (
            "Bookings",
            "booking acid strong-consistency",
            "Booking",
            "Payment, Room",
        ),
        (
            "Payments",
            "financial acid no-data-loss",
            "Payment",
            "Booking",
        ),
        ("Rooms", "inventory acid", "Room", "Booking"),
    ]));
    let saga = card(&b, SystemKind::Saga, "").unwrap();
    assert!(
        saga.summary.contains("Bookings holds the booking, then Rooms reserves the stock, then Payments takes the money")
            && saga.summary.contains("latest first: Rooms releases the stock, then Bookings releases the booking;"),
        "{}",
        saga.summary
    );
    assert!(b
        .flows
        .iter()
        .all(|f| f.kind == FlowKind::Event { outbox: true }));
    assert_eq!(
        b.cards
            .iter()
            .filter(|c| c.kind == SystemKind::Saga)
            .count(),
        1
    );
}
