//! The one boundary between the app (first load) and the on-demand module (`extras/`): a [`Request`] goes in,
//! a [`Response`] comes out, both as bytes of one codec ([`Message`], postcard over serde derives, as Yew's
//! worker examples do). Both sides compile against these types, so a change to either is a compile error on
//! the other, not a string that stops matching.
//!
//! The module only makes data ([`answer`]); copying, downloading and telling the user stay in the app.
//! Pure: no browser dependency; the round trips are tested natively.

use crate::advice::Advice;
use crate::decision::Decision;
use crate::diagrams::{ConsistencyLabel, DataFlow, DiagramId, DiagramInput, ReplicationLabel};
use crate::engine::Verdict;
use crate::export::system_diagram_input;
use crate::system::{FlowKind, SystemAdvice};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// What the app asks the on-demand module for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// A diagram for the page: inline SVG (classes only, for the strict CSP) and its text version.
    Figure(DiagramOf),
    /// A diagram as a standalone `.svg` file (styles inlined).
    SvgFile(DiagramOf),
    /// A diagram as Mermaid source.
    Mermaid(DiagramOf),
    /// The decision (its link fragment, see `permalink`) as an ADR in Markdown; `link` reopens it.
    Adr { fragment: String, link: String },
    /// The decision and its recommendation as versioned JSON.
    Json { fragment: String },
    /// The embed dialog's snippets for a decision, and what the host page must allow.
    Embed {
        page_url: String,
        fragment: String,
        title: String,
    },
    /// The stem of a download's file name from the decision's title (`export::file_stem`). Here rather than
    /// in the app: naming a file needs Unicode's letter tables, which need not be in the first load.
    FileStem { title: String },
    /// The system section of a decision (its link fragment): the system's cards and the seed's "For the
    /// system" checklist answered (its diagram is a `Figure` of `DiagramOf::system_of`). Asked only when the decision holds several services or data
    /// ownership, so `system::advise` stays out of the app's first load.
    System { fragment: String },
    /// Make every answer from now on with this organisation catalogue (an overlay's JSON text, docs/CATALOG.md),
    /// or with the built-in catalogue again when it is empty. Here rather than in the app: reading JSON and
    /// merging catalogues need not be in the first load.
    UseCatalogue { json: String },
    /// The advice for service `service` of the decision a link fragment holds, as the page shows it, made with
    /// the catalogue in use: the page asks for it while an organisation's catalogue advises (it makes its own
    /// for the built-in one).
    Advice { fragment: String, service: u8 },
    /// For a printout of the whole decision: the cards of every service of a link fragment but `except`'s (the
    /// page shows those), as HTML with ids of their own.
    Printed { fragment: String, except: u8 },
}

/// What the on-demand module answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Response {
    /// For [`Request::Figure`]: the figure's inner HTML as the page shows it ([`Figure::html`]: the drawing and
    /// its text version), made by the module so that the app only inserts it.
    Figure(String),
    /// For the requests whose answer is one text: SVG file, Mermaid, ADR, JSON.
    Text(String),
    /// For [`Request::Embed`].
    Embed(Embed),
    /// For [`Request::System`].
    System(SystemSection),
    /// For [`Request::UseCatalogue`]: the catalogue now in use, or every problem of the file (each naming its
    /// place: line and column, or a JSON path), in which case nothing changed.
    Catalogue(Result<CatalogueInfo, Vec<String>>),
    /// For [`Request::Advice`].
    Advice(Advice),
    /// The request could not be answered (bytes that do not decode, an unknown diagram); says why.
    Refused(String),
}

/// One diagram, drawn either from the seed's own example (the catalogue) or from a decision (a card).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiagramOf {
    #[serde(with = "diagram_index")]
    pub diagram: DiagramId,
    /// `None`: the seed's example names.
    pub drawing: Option<DrawingRef>,
    /// The system diagram of a whole decision, by its link fragment: the module decodes it and draws what the
    /// system advice says (stores, flows), so that neither the advice nor a decoder of drawings is in the app.
    pub system: Option<String>,
}

/// What a decision changes in the diagrams (see `export::diagram_input`); the rest is the seed's example.
/// Cards compare it to know when their diagram must be redrawn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drawing {
    pub store: String,
    #[serde(with = "replication_index")]
    pub replication: ReplicationLabel,
    /// The consistency model: where the primary-replica diagram sends reads.
    #[serde(with = "consistency_index")]
    pub consistency: ConsistencyLabel,
    pub replicas: u8,
    #[serde(with = "verdict_index")]
    pub shared_database: Verdict,
    pub owner_service: String,
    pub services: Vec<String>,
    /// Each service's recommended store, parallel to `services` (the system diagram names them).
    pub stores: Vec<String>,
    /// The entities each service owns, parallel to `services`.
    pub owns: Vec<Vec<String>>,
    /// Entities going from their owner to a reader: the system diagram's arrows.
    pub flows: Vec<FlowOf>,
}

/// A [`Drawing`] as it crosses the boundary: its bytes in the boundary's codec. The app makes one (or receives
/// one in an [`Advice`](crate::advice::Advice)) and hands it back with a diagram request; only the module reads it,
/// so the app carries no decoder for drawings. Compared by its bytes, which are the same for the same drawing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawingRef(Vec<u8>);

impl DrawingRef {
    pub fn of(drawing: &Drawing) -> DrawingRef {
        DrawingRef(postcard::to_allocvec(drawing).unwrap_or_default())
    }

    /// The drawing, if the bytes are one (they always are when made by `of`).
    pub fn drawing(&self) -> Option<Drawing> {
        postcard::from_bytes(&self.0).ok()
    }
}

/// A [`DataFlow`] across the boundary (service indices fit a byte: a decision holds at most 16).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowOf {
    pub owner: u8,
    pub consumer: u8,
    pub entity: String,
    #[serde(with = "flow_kind_index")]
    pub kind: FlowKind,
}

/// A drawn diagram: the inline SVG and the sentences of its text version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub svg: String,
    pub text_version: Vec<String>,
}

/// The system section: its cards (the system's pattern cards first) and its checklist answered, as HTML made by
/// the module (static text: one node in the app is cheaper in its wasm than Yew elements, like a card's body).
/// The app draws the system diagram with its figure component (`DiagramOf::system_of`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemSection {
    /// `<article class="card" data-rec="system" data-choice=… data-verdict=…>` each, as verdict cards are.
    pub cards_html: String,
    /// The seed's "For the system" questions, each with the model's answer (a `<section>` with a `<dl>`).
    pub checklist_html: String,
}

/// The catalogue in use, as the page names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueInfo {
    /// "Acme 2026-11" (shown as "Catalogue: Acme 2026-11"); the built-in one's is "Strata 2026-11".
    pub label: String,
    /// Whether it is an organisation's (else the built-in one).
    pub organisation: bool,
    /// The organisation's notes and links to its documents, as HTML (escaped; links http or https only).
    pub about_html: String,
}

/// The embed dialog's content: the snippets' texts, in the order of [`SNIPPETS`], and what the host page and each
/// wiki must do. Only texts cross the boundary (their ids and labels are fixed), so the app decodes no nested
/// lists for a dialog that a plain visit never opens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Embed {
    pub texts: Vec<String>,
    /// What the host that serves Strata, the iframe and each wiki must do or allow, step by step, as HTML
    /// (headings and ordered lists; the steps are plain text, escaped).
    pub host_steps_html: String,
}

/// The snippets of the embed dialog: the text area's element id (`embed-iframe`, …; tests and wiki
/// instructions name them) and its label.
pub const SNIPPETS: [(&str, &str); 4] = [
    ("embed-iframe", "HTML (iframe)"),
    ("embed-confluence", "Confluence (HTML macro)"),
    ("embed-mediawiki", "MediaWiki link"),
    ("embed-markdown", "Markdown link (GitHub wiki)"),
];

/// Said when a message between the app and the on-demand module does not decode.
pub const UNREADABLE: &str =
    "The app and its on-demand part sent each other an unreadable message (they may \
     come from different versions of Strata); reload the page to try again.";

/// The codec of the boundary, defined once: postcard bytes.
pub trait Message: Serialize + DeserializeOwned {
    fn to_bytes(&self) -> Vec<u8> {
        // Serialising into a growing Vec fails only for types serde cannot express, which these are not.
        postcard::to_allocvec(self).unwrap_or_default()
    }

    /// Bytes that do not decode come from a different build of the other side (a stale cache): the message says
    /// what to do rather than naming the codec's error (whose texts would also ship in the first load).
    fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        postcard::from_bytes(bytes).map_err(|_| UNREADABLE.to_string())
    }
}

impl Message for Request {}
impl Message for Response {}

impl From<&DiagramInput> for Drawing {
    fn from(input: &DiagramInput) -> Drawing {
        Drawing {
            store: input.store_name.clone(),
            replication: input.replication,
            consistency: input.consistency,
            replicas: input.replicas.min(u8::MAX as usize) as u8,
            shared_database: input.shared_database_verdict,
            owner_service: input.owner_service.clone(),
            services: input.services.clone(),
            stores: input.stores.clone(),
            owns: input.owns.clone(),
            flows: input
                .flows
                .iter()
                .filter(|f| f.owner.max(f.consumer) <= u8::MAX as usize)
                .map(|f| FlowOf {
                    owner: f.owner as u8,
                    consumer: f.consumer as u8,
                    entity: f.entity.clone(),
                    kind: f.kind,
                })
                .collect(),
        }
    }
}

impl Drawing {
    /// The full diagram input: this decision's parts over the seed's example.
    pub fn input(&self) -> DiagramInput {
        DiagramInput {
            store_name: self.store.clone(),
            new_store: self.store.clone(),
            replication: self.replication,
            consistency: self.consistency,
            replicas: self.replicas.into(),
            shared_database_verdict: self.shared_database,
            owner_service: self.owner_service.clone(),
            services: self.services.clone(),
            stores: self.stores.clone(),
            owns: self.owns.clone(),
            flows: self
                .flows
                .iter()
                .map(|f| DataFlow {
                    owner: f.owner.into(),
                    consumer: f.consumer.into(),
                    entity: f.entity.clone(),
                    kind: f.kind,
                })
                .collect(),
            ..DiagramInput::default()
        }
    }
}

impl Figure {
    /// The drawing and its text version as the page shows them inside a figure (the app inserts this as one
    /// node: cheaper in the first load than building each element, like the cards' bodies).
    pub fn html(&self) -> String {
        let mut html = String::with_capacity(self.svg.len() + 1024);
        // Focusable: a drawing wider than its column scrolls sideways (see styles/app.css).
        html.push_str("<div class=\"diagram-svg\" tabindex=\"0\">");
        html.push_str(&self.svg);
        html.push_str("</div><details><summary>Text version</summary><ol>");
        for sentence in &self.text_version {
            html.push_str("<li>");
            html.push_str(&crate::export::escape_html(sentence));
            html.push_str("</li>");
        }
        html.push_str("</ol></details>");
        html
    }
}

impl DiagramOf {
    /// The system diagram of a decision: its services with their stores and owned entities, and the flows of
    /// its advice (see `export::system_diagram_input`). The app asks for its `Figure`, `SvgFile` and `Mermaid`
    /// as for any diagram.
    pub fn system(decision: &Decision, advice: &SystemAdvice) -> DiagramOf {
        DiagramOf {
            diagram: DiagramId::System,
            drawing: Some(DrawingRef::of(&Drawing::from(&system_diagram_input(
                decision, advice,
            )))),
            system: None,
        }
    }

    /// The system diagram of the decision this link fragment holds, drawn by the module (see `system`).
    pub fn system_of(fragment: String) -> DiagramOf {
        DiagramOf::of_system(DiagramId::System, fragment)
    }

    /// `diagram` drawn from the whole system of the decision this link fragment holds: its services, their
    /// stores, owned entities and flows (the database-per-service and source-of-truth diagrams of the
    /// system section). Its ids differ from a card's drawing of the same diagram, which may be on the page.
    pub fn of_system(diagram: DiagramId, fragment: String) -> DiagramOf {
        DiagramOf {
            diagram,
            drawing: None,
            system: Some(fragment),
        }
    }

    /// The prefix of the ids inside the inline SVG: a card's and the catalogue's drawing of one diagram can
    /// be on the page together.
    pub fn id_prefix(&self) -> String {
        let place = match (&self.drawing, &self.system) {
            (_, Some(_)) => "sys-dg",
            (Some(_), None) => "dg",
            (None, None) => "cat-dg",
        };
        format!("{place}-{}", self.diagram.as_str())
    }

    pub fn input(&self) -> DiagramInput {
        (self.drawing.as_ref().and_then(DrawingRef::drawing))
            .map_or_else(DiagramInput::default, |d| d.input())
    }
}

/// The module's whole job: a request's bytes in, the response's bytes out.
pub fn answer_bytes(request: &[u8]) -> Vec<u8> {
    let response = match Request::from_bytes(request) {
        Ok(request) => answer(&request),
        Err(message) => Response::Refused(message),
    };
    response.to_bytes()
}

/// Answers a request (see `deferred` for the work).
pub fn answer(request: &Request) -> Response {
    use crate::deferred as d;
    match request {
        // A drawing crosses as bytes (`DrawingRef`): one that does not decode is refused like a bad request.
        Request::Figure(of) | Request::SvgFile(of) | Request::Mermaid(of)
            if of.drawing.as_ref().is_some_and(|d| d.drawing().is_none()) =>
        {
            Response::Refused(UNREADABLE.into())
        }
        Request::Figure(of) => Response::Figure(d::figure(of).html()),
        Request::SvgFile(of) => Response::Text(d::svg_file(of)),
        Request::Mermaid(of) => Response::Text(d::mermaid(of)),
        Request::Adr { fragment, link } => Response::Text(d::adr_markdown(fragment, link)),
        Request::Json { fragment } => Response::Text(d::decision_json(fragment)),
        Request::Embed {
            page_url,
            fragment,
            title,
        } => Response::Embed(d::embed(page_url, fragment, title)),
        Request::FileStem { title } => Response::Text(crate::export::file_stem(title)),
        Request::System { fragment } => Response::System(d::system_section(fragment)),
        Request::UseCatalogue { json } => Response::Catalogue(d::use_catalogue(json)),
        Request::Advice { fragment, service } => {
            Response::Advice(d::advice(fragment, usize::from(*service)))
        }
        Request::Printed { fragment, except } => {
            Response::Text(d::printed_services(fragment, usize::from(*except)))
        }
    }
}

/// Enums of other modules cross as their index in a fixed list (one byte; an index out of range is an error).
macro_rules! index_codec {
    ($name:ident, $ty:ty, $all:expr) => {
        mod $name {
            use super::*;
            const ALL: &[$ty] = &$all;

            pub fn serialize<S: serde::Serializer>(v: &$ty, s: S) -> Result<S::Ok, S::Error> {
                let i = ALL.iter().position(|x| x == v).unwrap_or_default();
                s.serialize_u8(i as u8)
            }

            pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                let i = u8::deserialize(d)?;
                ALL.get(usize::from(i))
                    .copied()
                    .ok_or_else(|| serde::de::Error::custom("index out of range"))
            }
        }
    };
}

index_codec!(diagram_index, DiagramId, DiagramId::ALL);
index_codec!(
    replication_index,
    ReplicationLabel,
    [
        ReplicationLabel::Async,
        ReplicationLabel::SemiSync,
        ReplicationLabel::Sync
    ]
);
index_codec!(
    consistency_index,
    ConsistencyLabel,
    [ConsistencyLabel::Strong, ConsistencyLabel::Eventual]
);
index_codec!(
    flow_kind_index,
    FlowKind,
    [
        FlowKind::Event { outbox: false },
        FlowKind::Event { outbox: true },
        FlowKind::Query
    ]
);
index_codec!(
    verdict_index,
    Verdict,
    [Verdict::Recommended, Verdict::Acceptable, Verdict::Avoid]
);
