//! One service's advice as the page shows it: the cards in the page's order, each with its head and body as
//! HTML and what the page needs to place it (its group, key, public attributes, diagram), the summary strip, what
//! a screen reader hears, the checklist and each service's headline.
//!
//! The on-demand module makes it (`Advice::of`, `Request::Advice`), with the catalogue in use, the built-in one
//! or an organisation's; the app shows it once the module is there. Until then, at the first tick or when a
//! link opens a decision, the app makes it itself from its own recommendation with each body still to come
//! (`Advice::with_bodies` and `pending_body`): the verdicts need nothing fetched, the explanations come with the
//! module. So the page renders one type whoever made it, and the app carries no writer of card bodies. Pure.

use crate::boundary::{DiagramOf, Drawing, DrawingRef};
use crate::card_html::{card_body, card_body_as, card_head, card_id, glance};
use crate::catalog::Catalog;
use crate::decision::{same_entity, Decision};
use crate::diagrams::diagram_for_choice;
use crate::engine::{Card, Recommendation, Section, StoreRole, Verdict};
use crate::export::diagram_input;
use crate::system::ServiceView;
use crate::text::push_list;
use serde::{Deserialize, Serialize};

/// The groups cards are shown in, in the page's order; a card no tick bore on goes to "Not assessed".
pub const GROUPS: [(&str, &str); 5] = [
    ("Watch out: conflicting needs", "conflicts"),
    ("Storage", "storage"),
    ("Consistency and replication", "consistency"),
    ("Data patterns", "patterns"),
    ("Migrations", "migrations"),
];

/// The group number of "Not assessed by your answers".
pub const NOT_ASSESSED: u8 = GROUPS.len() as u8;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    /// Nothing known is ticked: the page shows its welcome, with `hint`.
    pub neutral: bool,
    pub hint: String,
    /// In the page's order: group by group (`CardView::group`), "Not assessed" last.
    pub cards: Vec<CardView>,
    /// The summary strip (`card_html::glance`), as HTML.
    pub glance: String,
    /// What a screen reader hears after each change: the headline verdicts.
    pub announcement: String,
    pub checklist: Vec<CheckView>,
    /// Each service's headline ("relational, strong, semi-sync"), for the switcher; empty for one service.
    pub headlines: Vec<String>,
}

/// One card as the page places it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardView {
    /// Its group: an index into `GROUPS`, or `NOT_ASSESSED`.
    pub group: u8,
    /// Its place in the keyed list of cards: the part, or the part and choice where a part has several.
    pub key: String,
    /// The page id the summary strip links to (`rec-consistency-strong`), and the id of its title.
    pub id: String,
    pub title_id: String,
    /// The public `data-rec`, `data-choice`, `data-verdict` and `data-role` values (`role` empty: none).
    pub section: String,
    pub choice: String,
    pub verdict: String,
    pub role: String,
    /// Its head and body (escaped HTML).
    pub html: String,
    /// The diagram it draws, if any.
    pub diagram: Option<DiagramOf>,
}

/// A checklist item, answered where the decision answers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckView {
    pub id: String,
    /// Asked for the system (else for each service).
    pub system: bool,
    pub question: String,
    pub answer: Option<String>,
}

impl Advice {
    /// The advice for service `selected` of `decision`, from its recommendation `rec` made with `catalog`, every
    /// card explained (`card_html::card_body`).
    pub fn of(
        catalog: &Catalog,
        decision: &Decision,
        selected: usize,
        rec: &Recommendation,
    ) -> Advice {
        Advice::with_bodies(decision, selected, rec, &|card| card_body(card, catalog))
    }

    /// The same with each card's body written by `body`.
    pub fn with_bodies(
        decision: &Decision,
        selected: usize,
        rec: &Recommendation,
        body: &dyn Fn(&Card) -> String,
    ) -> Advice {
        Advice::made(decision, selected, rec, body, "")
    }

    /// The same, each card's title id starting with `prefix` (a second copy of a service's cards on the page).
    fn made(
        decision: &Decision,
        selected: usize,
        rec: &Recommendation,
        body: &dyn Fn(&Card) -> String,
        prefix: &str,
    ) -> Advice {
        let several = decision.services.len() > 1;
        let service = match decision.services.get(selected) {
            Some(s) if several => s.display_name(selected),
            _ => String::new(),
        };
        let checklist = (rec.checklist.iter())
            .map(|c| CheckView {
                id: c.id.into(),
                system: c.scope == "system",
                question: c.question.into(),
                answer: ownership_answer(decision, selected, c.id).or_else(|| c.answer.clone()),
            })
            .collect();
        if rec.neutral {
            return Advice {
                neutral: true,
                hint: rec.hint.unwrap_or_default().into(),
                announcement: announcement(rec, &service),
                checklist,
                ..Advice::default()
            };
        }
        // Only what the diagrams are drawn from: a tick that does not change it does not redraw them.
        let drawing = DrawingRef::of(&Drawing::from(&diagram_input(decision, selected, rec)));
        let groups: [&mut dyn Iterator<Item = &Card>; 5] = [
            &mut rec.conflicts.iter(),
            &mut std::iter::once(&rec.primary_store).chain(&rec.stores),
            &mut [&rec.consistency, &rec.consistency_level, &rec.replication].into_iter(),
            &mut rec.patterns.iter(),
            &mut rec.migrations.iter(),
        ];
        let mut cards = Vec::new();
        let mut unassessed = Vec::new();
        for (group, list) in groups.into_iter().enumerate() {
            // With several services, the patterns that span them are judged for the system (its section).
            for card in list.filter(|c| !(several && SYSTEM_PATTERNS.contains(&c.choice))) {
                let view = CardView::of(card, (group as u8, prefix), &drawing, body);
                if card.is_assessed() {
                    cards.push(view);
                } else {
                    unassessed.push(CardView {
                        group: NOT_ASSESSED,
                        ..view
                    });
                }
            }
        }
        cards.append(&mut unassessed);
        Advice {
            neutral: false,
            hint: String::new(),
            cards,
            glance: glance(rec, &service),
            announcement: announcement(rec, &service),
            checklist,
            headlines: Vec::new(),
        }
    }
}

impl CardView {
    fn of(
        card: &Card,
        (group, prefix): (u8, &str),
        drawing: &DrawingRef,
        body: &dyn Fn(&Card) -> String,
    ) -> CardView {
        let title_id = format!("{prefix}card-{}-{}", card.section.as_str(), card.choice);
        let mut html = String::new();
        let verdict = card.verdict.as_str();
        card_head(
            &mut html,
            card.section.label(),
            &title_id,
            card.title,
            verdict,
            badge(card),
        );
        html.push_str(&body(card));
        CardView {
            group,
            key: key(card),
            id: card_id(card),
            title_id,
            section: card.section.as_str().into(),
            choice: card.choice.into(),
            verdict: verdict.into(),
            role: card.role.map(StoreRole::as_str).unwrap_or_default().into(),
            html,
            diagram: diagram_for(card).map(|diagram| DiagramOf {
                diagram,
                drawing: Some(drawing.clone()),
                system: None,
            }),
        }
    }
}

/// Service `i`'s cards for a printout of the whole decision (the page shows the selected service's only): a
/// section with its name and headline, its assessed cards as the page shows them (ids made its own, no public
/// `data-rec` attributes: the page's cards keep those), and the parts left to the catalogue's defaults.
pub fn printed(catalog: &Catalog, decision: &Decision, i: usize, view: &ServiceView) -> String {
    use crate::export::escape_html as esc;
    let prefix = format!("s{i}-");
    let body = |card: &Card| card_body_as(card, catalog, format!("{prefix}{}", card_id(card)));
    let advice = Advice::made(decision, i, &view.rec, &body, &prefix);
    let mut o = format!(
        "<section class=\"service-print\" aria-labelledby=\"{prefix}title\"><h2 id=\"{prefix}title\">Service: {}</h2>\
         <p class=\"several\">{}</p>",
        esc(&view.name),
        esc(&view.headline)
    );
    if view.read_models_only {
        o.push_str("<p class=\"several\">It owns no data: in the system it runs only its read models, fed by the owners' events (see the system below).</p>");
    }
    if advice.neutral {
        o.push_str("<p>No requirement is ticked for this service yet.</p>");
    }
    o.push_str("<div class=\"cards\">");
    for card in advice.cards.iter().filter(|c| c.group != NOT_ASSESSED) {
        o.push_str(&format!(
            "<article class=\"card\" aria-labelledby=\"{}\" data-print-verdict=\"{}\">{}</article>",
            card.title_id, card.verdict, card.html
        ));
    }
    o.push_str("</div>");
    let several = decision.services.len() > 1;
    let mut defaults = (view.rec.cards())
        .filter(|c| !(c.is_assessed() || several && SYSTEM_PATTERNS.contains(&c.choice)))
        .map(|c| c.title)
        .peekable();
    if !advice.neutral && defaults.peek().is_some() {
        o.push_str("<p class=\"several\">Not assessed by its ticks, so the catalogue's defaults: ");
        push_list(&mut o, &mut defaults, (", ", " and "), |o, t| {
            o.push_str(&esc(t))
        });
        o.push_str(".</p>");
    }
    o.push_str("</section>");
    o
}

/// The patterns that span services: with several, the system section judges them, not each service.
pub const SYSTEM_PATTERNS: [&str; 2] = ["database-per-service", "shared-database"];

/// What the service's own data answers of the checklist: the entities it owns, and what it shares with whom
/// (the system section says how each reaches its reader).
fn ownership_answer(decision: &Decision, at: usize, item: &str) -> Option<String> {
    let me = decision.services.get(at)?;
    let name = |j: usize| decision.services[j].display_name(j);
    let list = |items: &mut dyn Iterator<Item = &str>| {
        let mut o = String::new();
        push_list(&mut o, items, (", ", " and "), String::push_str);
        o
    };
    let services = |pick: &dyn Fn(&crate::decision::Service) -> bool| -> Vec<String> {
        (0..decision.services.len())
            .filter(|&j| j != at && pick(&decision.services[j]))
            .map(name)
            .collect()
    };
    let has = |entities: &[String], e: &str| entities.iter().any(|x| same_entity(x, e));
    match item {
        "svc-owned-data" if !me.owns.is_empty() => {
            Some(list(&mut me.owns.iter().map(String::as_str)))
        }
        "svc-sharing" if !me.owns.is_empty() || !me.reads.is_empty() => {
            let mut parts = Vec::new();
            for e in &me.owns {
                let readers = services(&|s| has(&s.reads, e));
                if !readers.is_empty() {
                    parts.push(format!(
                        "{e} to {}",
                        list(&mut readers.iter().map(String::as_str))
                    ));
                }
            }
            for e in &me.reads {
                let owners = services(&|s| has(&s.owns, e));
                parts.push(match owners.is_empty() {
                    true => format!("{e} from no owner yet"),
                    false => format!("{e} from {}", list(&mut owners.iter().map(String::as_str))),
                });
            }
            let mut o = String::new();
            push_list(
                &mut o,
                &mut parts.iter().map(String::as_str),
                ("; ", "; "),
                String::push_str,
            );
            (!o.is_empty()).then_some(o)
        }
        _ => None,
    }
}

/// A card's body while its explanation is still to come: `said` says so (or why it cannot come), and its link
/// to the catalogue works already.
pub fn pending_body(card: &Card, said: &str) -> String {
    let mut o = String::from("<div class=\"card-body pending\"><p class=\"explaining\">");
    o.push_str(said);
    o.push_str("</p>");
    if !card.catalog_ref.is_empty() {
        crate::card_html::catalogue_link(&mut o, &card.catalog_ref, card.title);
    }
    o.push_str("</div>");
    o
}

/// The card's place in the list of cards: the part for a part with one card (its choice may change, its diagram
/// is redrawn, not made again), the part and choice where a part has several.
fn key(card: &Card) -> String {
    match card.section {
        Section::Store | Section::Pattern | Section::Migration | Section::Conflict => {
            format!("{}-{}", card.section.as_str(), card.choice)
        }
        section => section.as_str().to_string(),
    }
}

/// A store beside the primary is added alongside it or is an alternative to it, never a second "Recommended".
fn badge(card: &Card) -> &'static str {
    match (card.role, card.verdict) {
        (Some(StoreRole::Alongside), Verdict::Recommended) => "Add alongside",
        (Some(StoreRole::Alongside), _) => "Add alongside later",
        (Some(StoreRole::Alternative), _) => "Alternative",
        (None, verdict) => verdict.label(),
    }
}

/// The seed's diagram for this card, if it draws one.
fn diagram_for(card: &Card) -> Option<crate::diagrams::DiagramId> {
    let drawn = matches!(
        card.section,
        Section::Consistency | Section::Replication | Section::Pattern | Section::Migration
    );
    drawn.then(|| diagram_for_choice(card.choice)).flatten()
}

/// What a screen reader hears after each change: the headline verdicts (of `service`, when there are several).
fn announcement(rec: &Recommendation, service: &str) -> String {
    let service = match service {
        "" => String::new(),
        name => format!(" for {name}"),
    };
    if rec.neutral {
        return format!("Nothing ticked yet{service}.");
    }
    let mut text = format!(
        "Recommendations updated{service}. Primary store: {}. Consistency: {}, level {}. Replication: {}.",
        rec.primary_store.title,
        rec.consistency.title,
        rec.consistency_level.title,
        rec.replication.title
    );
    match rec.conflicts.len() {
        0 => {}
        1 => text.push_str(" 1 conflict."),
        n => text.push_str(&format!(" {n} conflicts.")),
    }
    text
}
