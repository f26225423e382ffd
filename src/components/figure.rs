//! A diagram with its actions, as one component used by cards and by the catalogue (rendered into the
//! catalogue's slots, see `crate::catalogue`). It asks the on-demand module for its drawing
//! once it comes near the viewport, or when the page is about to print; it keeps its own state (waiting, drawn,
//! failed) and the feedback of its buttons.

use crate::browser;
use crate::catalogue;
use crate::extras;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use strata_core::boundary::{DiagramOf, Request, Response};
use strata_core::export::escape_html;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct FigureProps {
    pub of: DiagramOf,
    /// Download and copy buttons; off in the embed, whose sandbox allows neither.
    #[prop_or(true)]
    pub actions: bool,
}

/// A figure's own state: whether it should be drawn (near the viewport, or printing), what it shows, and its
/// buttons' feedback. Every change goes through [`Event`] ([`Sender::dispatch`]).
#[derive(Default)]
struct State {
    wanted: bool,
    /// The props of the drawing last asked for; an answer for other props is dropped.
    asked: Option<DiagramOf>,
    /// The props it was drawn for, and the figure's inner HTML (`Figure::html`) or why there is none.
    shown: Option<(DiagramOf, Result<AttrValue, String>)>,
    status: String,
    /// The Mermaid text to copy by hand, when the clipboard refused.
    manual: Option<String>,
    /// The `<figure>` element, which the viewport is watched for (here rather than in a hook of its own).
    node: NodeRef,
}

enum Event {
    Want,
    Ask(DiagramOf),
    Show(DiagramOf, Result<AttrValue, String>),
    Said(String, Option<String>),
}

impl State {
    /// Applies `event`; false when nothing changed (the figure is not rendered again then).
    fn apply(&mut self, event: Event) -> bool {
        match event {
            Event::Want if self.wanted => return false,
            Event::Want => self.wanted = true,
            Event::Ask(of) => self.asked = Some(of),
            // An answer for props it no longer has.
            Event::Show(of, _) if self.asked.as_ref() != Some(&of) => return false,
            Event::Show(of, answer) => self.shown = Some((of, answer)),
            Event::Said(status, manual) => (self.status, self.manual) = (status, manual),
        }
        true
    }
}

/// A figure's state and what renders the figure again. A cell and a re-render rather than `use_reducer`: one
/// reducer hook instance less in the wasm (the app's state has the other).
#[derive(Clone)]
struct Sender {
    state: Rc<RefCell<State>>,
    render: UseForceUpdateHandle,
}

impl Sender {
    fn dispatch(&self, event: Event) {
        let changed = self.state.borrow_mut().apply(event);
        if changed {
            self.render.force_update();
        }
    }
}

thread_local! {
    static EAGER: Cell<bool> = const { Cell::new(false) };
    /// The page's figures, so that printing can draw them all (see [`draw_all`]).
    static FIGURES: RefCell<Vec<(usize, Sender)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<usize> = const { Cell::new(0) };
}

/// Every figure mounted from now on draws at once instead of when it comes near the viewport.
pub fn draw_eagerly() {
    EAGER.with(|e| e.set(true));
}

/// Asks every figure on the page to draw. With the module loaded, each draws synchronously in its next
/// render (Yew renders in microtasks), so a `beforeprint` listener that calls this gets them into the page
/// before the browser lays it out for print.
pub fn want_all() {
    let all: Vec<Sender> = FIGURES.with(|f| f.borrow().iter().map(|(_, s)| s.clone()).collect());
    for send in all {
        send.dispatch(Event::Want);
    }
}

/// Loads the catalogue and the module, asks every figure to draw (from now on, every figure mounted draws at
/// once), and returns once none is waiting any more, nor the system section (if the page has one).
pub async fn draw_all() {
    draw_eagerly();
    let _ = catalogue::load().await; // If it fails, the page says so and prints without it.
    if extras::load().await.is_err() {
        return; // Each figure says so once it tries.
    }
    want_all();
    // Drawing is synchronous now; a few frames cover the renders in between, and the system section (asked
    // for by the caller), whose own figures draw as they mount.
    for _ in 0..120 {
        browser::next_frame().await;
        let waiting = browser::document()
            .and_then(|d| {
                d.query_selector("figure.diagram[data-state=waiting], #system[aria-busy]")
                    .ok()
            })
            .flatten();
        if waiting.is_none() {
            return;
        }
    }
}

/// A figure before its drawing arrives (it keeps the room, see app.css; printed, it says what to do).
const WAITING: &str =
    "<div class=\"diagram-svg waiting\"><p class=\"print-only\">Not drawn yet: use \
    Strata's Print button to print every diagram.</p></div>";

#[component]
pub fn DiagramFigure(props: &FigureProps) -> Html {
    let cell = use_mut_ref(|| {
        let mut state = State {
            wanted: EAGER.with(Cell::get),
            ..State::default()
        };
        // Drawing at once with the module loaded (printing, the offline file): in the first render rather than
        // an effect after it, so a figure that `beforeprint` mounts is drawn before the print layout (Yew may
        // run effects in a later task).
        if let Some(answer) = state
            .wanted
            .then(|| extras::ask_now(&Request::Figure(props.of.clone())))
            .flatten()
        {
            state.asked = Some(props.of.clone());
            state.shown = Some((props.of.clone(), drawing(answer)));
        }
        state
    });
    let send = Sender {
        state: cell.clone(),
        render: use_force_update(),
    };
    // Not changed while the figure renders (events come from effects, listeners and answers).
    let state = cell.borrow();
    let node = state.node.clone();

    // Wanted (near the viewport, asked to by printing): drawn, and kept up to date from then on. Until then it
    // watches the viewport and can be found by printing (`want_all`).
    {
        let (send, asked, node) = (send.clone(), state.asked.clone(), node.clone());
        use_effect_with((props.of.clone(), state.wanted), move |(of, wanted)| {
            if *wanted && asked.as_ref() != Some(of) {
                send.dispatch(Event::Ask(of.clone()));
                draw(of.clone(), send.clone());
            }
            let waiting = (!*wanted).then(|| {
                let id = NEXT_ID.with(|n| n.replace(n.get() + 1));
                FIGURES.with(|f| f.borrow_mut().push((id, send.clone())));
                let want = Callback::from(move |_| send.dispatch(Event::Want));
                // Drawn a little before it scrolls in, so the reader rarely sees it empty.
                let observer = node
                    .cast::<web_sys::Element>()
                    .and_then(|element| browser::when_near_view(&element, "300px 0px", want));
                (id, observer)
            });
            move || {
                if let Some((id, observer)) = waiting {
                    FIGURES.with(|f| f.borrow_mut().retain(|(i, _)| *i != id));
                    drop(observer);
                }
            }
        });
    }

    let shown = state.shown.as_ref().filter(|(of, _)| *of == props.of);
    let body = match shown.or(state.shown.as_ref()) {
        None => Html::from_html_unchecked(AttrValue::Static(WAITING)),
        Some((_, Ok(figure))) => Html::from_html_unchecked(figure.clone()),
        Some((_, Err(why))) => Html::from_html_unchecked(
            format!("<p class=\"unavailable\">{}</p>", escape_html(why)).into(),
        ),
    };
    let actions = props.actions.then(|| buttons(&props.of, &state, &send));
    // `data-state`: waiting, drawn or failed, for the current props (an older drawing stays meanwhile);
    // busy while its drawing is on its way.
    let (shows, busy) = match shown {
        None => ("waiting", state.asked.as_ref() == Some(&props.of)),
        Some((_, Ok(_))) => ("drawn", false),
        Some((_, Err(_))) => ("failed", false),
    };
    html! {
        <figure class="diagram" ref={node} data-diagram={props.of.diagram.as_str()}
            data-state={shows} aria-busy={busy.then_some("true")}>
            {body}
            {actions}
        </figure>
    }
}

/// Download SVG and Copy Mermaid, their feedback, and the Mermaid text to copy by hand if the clipboard refused.
fn buttons(of: &DiagramOf, state: &State, send: &Sender) -> Html {
    let act = |make: fn(DiagramOf) -> Request| {
        let (request, send) = (make(of.clone()), send.clone());
        Callback::from(move |_: MouseEvent| {
            let (request, send) = (request.clone(), send.clone());
            crate::browser::spawn(Box::pin(async move {
                let (said, by_hand) = perform(request).await;
                send.dispatch(Event::Said(said, by_hand));
            }));
        })
    };
    html! {
        <figcaption class="diagram-actions">
            <button type="button" class="download-svg" onclick={act(Request::SvgFile)}>{"Download SVG"}</button>
            <button type="button" class="copy-mermaid" onclick={act(Request::Mermaid)}>{"Copy Mermaid"}</button>
            <span class="action-status" role="status">{state.status.clone()}</span>
            if let Some(text) = state.manual.clone() {
                <textarea class="manual-copy" readonly=true aria-label="Mermaid source" rows="6" value={text} />
            }
        </figcaption>
    }
}

/// Asks the module for the SVG file or the Mermaid text, then downloads or copies it. Returns what to say,
/// and the text to copy by hand if the clipboard refused.
async fn perform(request: Request) -> (String, Option<String>) {
    let text = match extras::text(&request).await {
        Ok(text) => text,
        Err(why) => return (why, None),
    };
    match &request {
        Request::SvgFile(of) => {
            let name = format!("strata-{}.svg", of.diagram.as_str());
            match browser::download(&name, "image/svg+xml", &text) {
                Ok(()) => (format!("Download started: {name}."), None),
                Err(why) => (why, None),
            }
        }
        _ => match browser::copy_text(&text).await {
            Ok(()) => ("Mermaid source copied.".to_string(), None),
            Err(why) => (why, Some(text)),
        },
    }
}

/// The figure's inner HTML from the module's answer, or why there is none.
fn drawing(answer: Result<Response, String>) -> Result<AttrValue, String> {
    match answer {
        Ok(Response::Figure(html)) => Ok(AttrValue::from(html)),
        Ok(_) => Err("Unexpected answer from the on-demand module.".into()),
        Err(why) => Err(why),
    }
}

/// Draws `of`: at once if the module is loaded, else once it is.
fn draw(of: DiagramOf, send: Sender) {
    let request = Request::Figure(of.clone());
    let show = move |answer| send.dispatch(Event::Show(of, drawing(answer)));
    match extras::ask_now(&request) {
        Some(answer) => show(answer),
        None => crate::browser::spawn(Box::pin(async move { show(extras::ask(&request).await) })),
    }
}

/// The figure as the build prerenders it into a catalogue slot (before any drawing).
#[cfg(feature = "prerender")]
pub fn prerender(diagram: strata_core::diagrams::DiagramId) -> String {
    let props = FigureProps {
        of: DiagramOf {
            diagram,
            drawing: None,
            system: None,
        },
        actions: true,
    };
    let renderer =
        yew::ServerRenderer::<DiagramFigure>::with_props(move || props).hydratable(false);
    futures::executor::block_on(renderer.render())
}
