//! Editing the services of a decision, as the page's services panel does: add, duplicate, move, remove,
//! the limits, and what the panel warns about in place (a name used twice, an entity with two owners).

use strata_core::decision::{
    Decision, Service, MAX_ENTITIES, MAX_ENTITY_CHARS, MAX_NAME_CHARS, MAX_SERVICES,
};

fn named(names: &[&str]) -> Decision {
    Decision {
        services: names
            .iter()
            .map(|n| Service {
                name: n.to_string(),
                ..Service::default()
            })
            .collect(),
        ..Decision::default()
    }
}

fn names(d: &Decision) -> Vec<&str> {
    d.services.iter().map(|s| s.name.as_str()).collect()
}

#[test]
fn services_are_added_unnamed_up_to_the_limit_and_no_further() {
    let mut d = Decision::default();
    assert!(!d.is_system(), "one unnamed service is not a system");
    assert_eq!(d.add_service(), Some(1));
    assert!(d.is_system());
    assert_eq!(d.services[1], Service::default());
    while d.services.len() < MAX_SERVICES {
        assert!(d.add_service().is_some());
    }
    assert_eq!(d.add_service(), None, "the 17th is refused");
    assert_eq!(d.duplicate_service(0), None, "so is a copy");
    assert_eq!(d.services.len(), MAX_SERVICES);
}

#[test]
fn a_copy_comes_right_after_its_original_with_its_ticks_and_reads_but_owns_nothing() {
    let mut d = named(&["Orders", "", "Users"]);
    d.services[0].requirements.insert("acid".into());
    d.services[0].owns.push("Order".into());
    d.services[0].reads.push("Customer".into());
    assert_eq!(d.duplicate_service(0), Some(1));
    assert_eq!(names(&d), ["Orders", "Orders (copy)", "", "Users"]);
    assert_eq!(d.services[1].requirements, d.services[0].requirements);
    assert_eq!(
        d.services[1].reads,
        ["Customer"],
        "it reads what the original reads"
    );
    assert!(
        d.services[1].owns.is_empty(),
        "but owns nothing: each entity has one owner"
    );
    // An unnamed service's copy is named after what the page shows for it.
    assert_eq!(d.duplicate_service(2), Some(3));
    assert_eq!(d.services[3].name, "Service 3 (copy)");
    // A name at the limit stays within it.
    let mut long = named(&[&"x".repeat(MAX_NAME_CHARS)]);
    long.duplicate_service(0);
    assert_eq!(long.services[1].name.chars().count(), MAX_NAME_CHARS);
}

#[test]
fn moving_swaps_with_the_neighbour_and_stops_at_the_ends() {
    let mut d = named(&["A", "B", "C"]);
    assert_eq!(d.move_service(2, true), 1);
    assert_eq!(names(&d), ["A", "C", "B"]);
    assert_eq!(d.move_service(0, true), 0, "the first cannot go up");
    assert_eq!(d.move_service(2, false), 2, "the last cannot go down");
    assert_eq!(d.move_service(0, false), 1);
    assert_eq!(names(&d), ["C", "A", "B"]);
    assert_eq!(d.move_service(9, true), 9, "no such service: nothing moves");
    assert_eq!(names(&d), ["C", "A", "B"]);
}

#[test]
fn the_last_service_left_is_never_removed() {
    let mut d = named(&["A", "B"]);
    assert_eq!(d.remove_service(5), None);
    assert_eq!(d.remove_service(0).map(|s| s.name), Some("A".to_string()));
    assert_eq!(d.remove_service(0), None);
    assert_eq!(names(&d), ["B"]);
}

#[test]
fn a_name_used_twice_is_found_whatever_its_case_and_spaces() {
    let d = named(&["Orders", " orders ", "Users", "", ""]);
    assert!(d.name_taken(0) && d.name_taken(1));
    assert!(!d.name_taken(2));
    assert!(
        !d.name_taken(3),
        "unnamed services are told apart by number"
    );
}

#[test]
fn an_entity_owned_elsewhere_names_its_other_owners() {
    let mut d = named(&["Orders", "Users", "Billing"]);
    d.services[0].set_entities(true, "Order, Customer");
    d.services[1].set_entities(true, "customer");
    d.services[2].set_entities(false, "Customer");
    assert_eq!(d.other_owners(0, "Customer"), [1]);
    assert_eq!(d.other_owners(1, " CUSTOMER"), [0]);
    assert!(d.other_owners(0, "Order").is_empty());
}

#[test]
fn typed_entities_replace_the_list_and_say_whether_all_of_it_was_kept() {
    let mut s = Service::default();
    assert!(s.set_entities(true, "Order, Customer"));
    assert!(s.set_entities(true, " Invoice ,, order, Order "));
    assert_eq!(s.owns, ["Invoice", "order"], "the new list, once each");
    let many: Vec<String> = (0..MAX_ENTITIES + 3).map(|i| format!("E{i}")).collect();
    assert!(!s.set_entities(false, &many.join(",")), "three did not fit");
    assert_eq!(s.reads.len(), MAX_ENTITIES);
    assert_eq!(s.owns, ["Invoice", "order"], "the other list is untouched");
    let long = "Customer ".repeat(10);
    assert!(
        !s.set_entities(false, &long),
        "a name over 60 characters is cut"
    );
    assert_eq!(
        s.reads[0].chars().count(),
        MAX_ENTITY_CHARS,
        "cut where the limit falls"
    );
    let exactly = "x".repeat(MAX_ENTITY_CHARS);
    assert!(
        s.set_entities(false, &format!("  {exactly}  ")),
        "60 characters fit, spaces aside"
    );
}

mod advice {
    use strata_core::advice::{Advice, SYSTEM_PATTERNS};
    use strata_core::catalog::Catalog;
    use strata_core::decision::Decision;
    use strata_core::engine::recommend;
    use strata_core::permalink::decode;

    fn advice(fragment: &str, at: usize) -> Advice {
        let catalog = Catalog::builtin();
        let d: Decision = decode(fragment, catalog).decision;
        Advice::of(
            catalog,
            &d,
            at,
            &recommend(catalog, &d.services[at].requirements),
        )
    }

    fn answer(a: &Advice, id: &str) -> Option<String> {
        a.checklist
            .iter()
            .find(|c| c.id == id)
            .unwrap()
            .answer
            .clone()
    }

    #[test]
    fn a_services_checklist_says_what_it_owns_and_shares_with_whom() {
        let a = advice(
            "n=Orders&r=acid&o=Order,OrderLine&u=Customer,Product&n2=Customers&o2=Customer&n3=Search&u3=Order&n4=Payments&u4=Order",
            0,
        );
        assert_eq!(
            answer(&a, "svc-owned-data").as_deref(),
            Some("Order and OrderLine")
        );
        assert_eq!(
            answer(&a, "svc-sharing").as_deref(),
            Some(
                "Order to Search and Payments; Customer from Customers; Product from no owner yet"
            )
        );
        // A service with no data of its own keeps the engine's answers.
        let alone = advice("r=acid,microservices", 0);
        assert_eq!(answer(&alone, "svc-owned-data"), None);
    }

    #[test]
    fn with_several_services_the_patterns_that_span_them_are_left_to_the_system() {
        let one = advice("r=acid,microservices", 0);
        for choice in SYSTEM_PATTERNS {
            assert!(
                one.cards.iter().any(|c| c.choice == choice),
                "{choice} for one service"
            );
        }
        let two = advice("r=acid,microservices&n2=B&r2=acid", 0);
        assert!(two
            .cards
            .iter()
            .all(|c| !SYSTEM_PATTERNS.contains(&c.choice.as_str())));
        assert!(two
            .cards
            .iter()
            .any(|c| c.choice == "single-source-of-truth"));
    }
}
