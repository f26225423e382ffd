//! A verdict card's body as HTML, and the answer at a glance (the summary strip), written for people: the
//! reasons, each pull the other way with the option it favours, the seed's trade-offs as gains and costs in
//! full sentences, the three changes that matter most (the rest behind "more"), jargon explained where a card
//! first uses it, and no sentence said twice. A store card lists each example system with its status, managed
//! services, notes and links when the catalogue has them. Written as text rather than Yew elements because it is static
//! per card and text costs far fewer bytes of wasm. Pure; every piece of text is escaped here.

use crate::catalog::{is_web_url, Catalog, TradeOffSentences};
use crate::diagrams::escape_xml;
use crate::engine::{
    Card, Change, Quorum, Reason, Recommendation, Section, StoreRole, SystemView, Toggle, Verdict,
};
use crate::export::escape_html as esc;
use crate::text::push_list;
use std::fmt::Write;

/// How many "What would change it" entries a card shows before "more".
pub const CHANGES_SHOWN: usize = 3;

/// The page id of a card (`rec-consistency-strong`): the summary strip links to it.
pub fn card_id(card: &Card) -> String {
    format!("rec-{}-{}", card.section.as_str(), card.choice)
}

/// The id of the "Not assessed by your answers" group's summary, which the strip links to.
pub const NOT_ASSESSED_ID: &str = "not-assessed";

/// A card's body being written: the HTML so far, what it has said, and which terms it has explained.
struct Body<'t> {
    o: String,
    cat: &'t Catalog,
    /// Prefix of this card's popover ids, unique in the page.
    id: String,
    /// The glossary terms this card has explained (bit n: term n).
    explained: u64,
    /// Sentences already on the card.
    said: Vec<&'t str>,
}

/// A card's head: what kind of part it is, its title (an `<h3>` with `title_id`, which the card is labelled
/// by) and its badge (`verdict`: the badge's class). The verdict cards of the page and the system's cards
/// (`deferred::system_section`) both start with it.
pub fn card_head(
    o: &mut String,
    kind: &str,
    title_id: &str,
    title: &str,
    verdict: &str,
    badge: &str,
) {
    let _ = write!(
        o,
        "<div class=\"card-head\"><div><span class=\"card-kind\">{kind}</span><h3 id=\"{title_id}\">"
    );
    escape_xml(o, title);
    let _ = write!(
        o,
        "</h3></div><span class=\"badge {verdict}\">{badge}</span></div>"
    );
}

pub fn card_body<'t>(card: &'t Card<'_>, cat: &'t Catalog) -> String {
    card_body_as(card, cat, card_id(card))
}

/// The same, its ids (the glossary's) made from `id` rather than the card's own: for a second copy of a card
/// on the page (another service's, in print).
pub fn card_body_as<'t>(card: &'t Card<'_>, cat: &'t Catalog, id: String) -> String {
    let mut b = Body {
        o: String::with_capacity(2048),
        cat,
        id,
        explained: 0,
        said: Vec::new(),
    };
    b.o.push_str("<div class=\"card-body\"><p class=\"summary\">");
    b.say(card.summary);
    b.o.push_str("</p>");
    if card.systems.iter().any(has_details) {
        b.list(
            "Example systems",
            "ul class=\"systems\"",
            &card.systems,
            |b, s| b.o.push_str(&system(s)),
        );
    } else if !card.examples.is_empty() {
        b.o.push_str("<p class=\"examples\"><strong>Examples: </strong>");
        let examples = &mut card.examples.iter().copied();
        push_list(&mut b.o, examples, (", ", ", "), escape_xml);
        b.o.push_str("</p>");
    }
    if !card.steps.is_empty() {
        let heading = if card.section == Section::Migration && card.choice == "parallel-run" {
            "Steps"
        } else {
            "Phases"
        };
        b.list(heading, "ol class=\"steps\"", &card.steps, |b, s| b.text(s));
    }
    if !card.is_assessed() {
        // The level is assessed with the model and the replication (docs/ADVICE.md): it is their default's.
        b.o.push_str(match card.section {
            Section::ConsistencyLevel => "<p class=\"reasons none\">No ticked requirement decides the consistency model or the replication yet: this level is the one their defaults imply.</p>",
            _ => "<p class=\"reasons none\">No ticked requirement decides this yet: this is the default.</p>",
        });
    }
    if let Some(cc) = &card.close_call {
        b.close_call(cc.rival_title, cc.margin, &cc.deciders);
    }
    if !card.resolution.is_empty() {
        b.o.push_str("<h4>Way out</h4><p class=\"resolution\">");
        b.say(card.resolution);
        b.o.push_str("</p>");
    }
    let reasons_for = grouped(&card.reasons_for, false);
    // A reason under another label than its requirement's is no tick (the system's pattern cards say
    // "Several services (microservices)" when no service ticked it).
    let ticked = card.reasons_for.iter().all(|r| {
        cat.requirement(r.requirement)
            .is_some_and(|q| q.label == r.label)
    });
    b.list(
        if ticked {
            "Because you ticked"
        } else {
            "Because"
        },
        "ul class=\"reasons-for\"",
        &reasons_for,
        |b, r| b.reason(r, ""),
    );
    let against = grouped(&card.reasons_against, true);
    b.list(
        "Pulling the other way",
        "ul class=\"reasons-against\"",
        &against,
        |b, r| b.reason(r, card.title),
    );
    if let Some(q) = &card.quorum {
        b.quorum(q);
    }
    let notes: Vec<&str> = card.notes.iter().map(|n| n.as_ref()).collect();
    let notes = b.fresh(&notes);
    b.list("Notes", "ul class=\"notes\"", &notes, |b, n| b.text(n));
    let (gains, costs) = trade_offs(card, cat);
    let gains = b.fresh(&gains);
    b.list("Gains", "ul class=\"gains\"", &gains, |b, g| b.text(g));
    let costs = b.fresh(&costs);
    b.list("Costs", "ul class=\"costs\"", &costs, |b, c| b.text(c));
    b.would_change(card);
    if !card.catalog_ref.is_empty() {
        catalogue_link(&mut b.o, &card.catalog_ref, card.title);
    }
    b.o.push_str("</div>");
    b.o
}

fn has_details(s: &SystemView) -> bool {
    s.status.is_some() || !s.managed.is_unstated() || !s.notes.is_empty() || !s.links.is_empty()
}

/// One system: its name and status badge, then its managed services per cloud ("none" where a cloud has
/// none), notes and links. A link whose address is not http or https (impossible in a validated catalogue)
/// is shown as its title alone.
fn system(s: &SystemView) -> String {
    let mut o = format!("<strong>{}</strong>", esc(s.name));
    if let Some(status) = s.status {
        let _ = write!(
            o,
            " <span class=\"badge status {}\">{}</span>",
            status.as_str(),
            status.label()
        );
    }
    let mut lead = "<div class=\"managed\">Managed: ";
    for (_, cloud, services) in s.managed.clouds() {
        let Some(services) = services else { continue };
        o.push_str(lead);
        o.push_str(cloud);
        o.push_str(": ");
        if services.is_empty() {
            o.push_str("none");
        }
        push_list(
            &mut o,
            &mut services.iter().map(|s| &**s),
            (", ", ", "),
            escape_xml,
        );
        lead = "; ";
    }
    if !s.managed.is_unstated() {
        o.push_str("</div>");
    }
    for note in s.notes {
        o.push_str("<div class=\"system-note\">");
        escape_xml(&mut o, note);
        o.push_str("</div>");
    }
    let mut lead = "<div class=\"system-links\">";
    for link in s.links {
        o.push_str(lead);
        if is_web_url(&link.url) {
            o.push_str("<a href=\"");
            escape_xml(&mut o, &link.url);
            o.push_str("\" target=\"_blank\" rel=\"noopener\">");
            escape_xml(&mut o, &link.title);
            o.push_str("</a>");
        } else {
            escape_xml(&mut o, &link.title);
        }
        lead = ", ";
    }
    if !s.links.is_empty() {
        o.push_str("</div>");
    }
    o
}

/// Reasons that share a sentence (and, against, the option they favour) share an item: labels and one why.
struct Grouped<'r> {
    labels: Vec<&'r str>,
    why: &'r str,
    favours: &'r str,
}

fn grouped<'r>(reasons: &'r [Reason], against: bool) -> Vec<Grouped<'r>> {
    let mut items: Vec<Grouped> = Vec::new();
    for r in reasons {
        let favours = if against { r.favours } else { "" };
        match items
            .iter_mut()
            .find(|g| g.why == r.why && g.favours == favours)
        {
            Some(g) => g.labels.push(r.label),
            None => items.push(Grouped {
                labels: vec![r.label],
                why: &r.why,
                favours,
            }),
        }
    }
    items
}

/// The seed's trade-offs of this card as sentences: gains, then costs. A relational or document store adds its
/// side of the seed's comparison, a pattern its benefits. A trade-off the catalogue does not say in sentences
/// is shown as written, among the costs. The ADR's consequences say the same gains and costs.
pub(crate) fn trade_offs<'c>(card: &Card<'c>, cat: &'c Catalog) -> (Vec<&'c str>, Vec<&'c str>) {
    let mut seeds: Vec<&str> = card.trade_offs.clone();
    let cmp = &cat.relational_vs_document;
    let side = match (card.section, card.choice) {
        (Section::PrimaryStore | Section::Store, "relational") => Some(true),
        (Section::PrimaryStore | Section::Store, "document") => Some(false),
        _ => None,
    };
    if let Some(relational) = side {
        seeds.extend(cmp.contrasts.iter().map(|c| {
            if relational {
                c.relational.as_ref()
            } else {
                c.document.as_ref()
            }
        }));
    }
    if card.section == Section::Pattern {
        if let Some(p) = cat.patterns.iter().find(|p| p.id == card.choice) {
            seeds.extend(p.benefits.iter().map(|s| s.as_ref()));
        }
    }
    let (mut gains, mut costs) = (Vec::new(), Vec::new());
    for (i, seed) in seeds.iter().enumerate() {
        if seeds[..i].contains(seed) {
            continue;
        }
        match sentences(cat, seed) {
            Some(t) => {
                if !t.gain.is_empty() {
                    gains.push(t.gain.as_ref());
                }
                if !t.cost.is_empty() {
                    costs.push(t.cost.as_ref());
                }
            }
            None => costs.push(seed),
        }
    }
    (gains, costs)
}

/// The sentences of a seed trade-off; a conflict's "Async: fast but data can be lost" finds those of "Fast but
/// data can be lost".
pub fn sentences<'c>(cat: &'c Catalog, seed: &str) -> Option<&'c TradeOffSentences> {
    let all = &cat.trade_off_sentences;
    all.iter().find(|t| t.seed == seed).or_else(|| {
        let (_, rest) = seed.split_once(':')?;
        all.iter()
            .find(|t| t.seed.eq_ignore_ascii_case(rest.trim_start()))
    })
}

impl<'t> Body<'t> {
    /// Writes `text` escaped, each glossary term this card has not explained yet made a `<dfn>` whose button
    /// opens its definition (a popover: works with a tap, a click or the keyboard, and is the button's
    /// description for screen readers).
    fn text(&mut self, text: &str) {
        let mut rest = text;
        while let Some((start, end, n)) = self.next_term(rest) {
            // Split, not sliced: a term starts and ends on an ASCII letter, so neither split fails, and
            // `&rest[a..b]` would bring core's message for a bad slice (with `char`'s Debug and Unicode's
            // printable tables) into the app.
            let Some((before, tail)) = rest.split_at_checked(start) else {
                break;
            };
            let Some((term, after)) = tail.split_at_checked(end - start) else {
                break;
            };
            escape_xml(&mut self.o, before);
            self.explained |= 1 << n;
            let id = format!("g-{}-{n}", self.id);
            let _ = write!(
                self.o,
                "<dfn><button type=\"button\" class=\"term\" popovertarget=\"{id}\" aria-describedby=\"{id}\">"
            );
            escape_xml(&mut self.o, term);
            let _ = write!(
                self.o,
                "</button></dfn><span class=\"gloss\" popover id=\"{id}\">"
            );
            escape_xml(&mut self.o, &self.cat.glossary[n].definition);
            self.o.push_str("</span>");
            rest = after;
        }
        escape_xml(&mut self.o, rest);
    }

    /// Where the earliest term not yet explained occurs in `text`, as a whole word ignoring ASCII case (a plural
    /// `s` included): (start, end, term number).
    fn next_term(&self, text: &str) -> Option<(usize, usize, usize)> {
        if self.explained.count_ones() as usize >= self.cat.glossary.len() {
            return None;
        }
        let b = text.as_bytes();
        let word = |at: usize| {
            b.get(at)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        };
        for start in (0..b.len()).filter(|&i| i == 0 || !word(i - 1)) {
            for (n, g) in self.cat.glossary.iter().enumerate() {
                let (t, end) = (g.term.as_bytes(), start + g.term.len());
                // The first letter alone rules out most places.
                if self.explained >> n & 1 == 1 || !b[start].eq_ignore_ascii_case(&t[0]) {
                    continue;
                }
                if !b.get(start..end).is_some_and(|w| w.eq_ignore_ascii_case(t)) {
                    continue;
                }
                let end = end + usize::from(b.get(end) == Some(&b's') && !word(end + 1));
                if !word(end) {
                    return Some((start, end, n));
                }
            }
        }
        None
    }

    /// Writes a sentence of the card, unless the card has said it already.
    fn say(&mut self, sentence: &'t str) {
        if !self.said.contains(&sentence) {
            self.said.push(sentence);
            self.text(sentence);
        }
    }

    /// The items of `items` the card has not said yet (each then counts as said).
    fn fresh(&mut self, items: &[&'t str]) -> Vec<&'t str> {
        let mut out = Vec::new();
        for &item in items {
            if !self.said.contains(&item) {
                self.said.push(item);
                out.push(item);
            }
        }
        out
    }

    /// A heading and a list; nothing when there are no items.
    fn list<T>(
        &mut self,
        heading: &str,
        open: &str,
        items: &[T],
        mut each: impl FnMut(&mut Self, &T),
    ) {
        if items.is_empty() {
            return;
        }
        let _ = write!(self.o, "<h4>{heading}</h4><{open}>");
        for item in items {
            self.o.push_str("<li>");
            each(self, item);
            self.o.push_str("</li>");
        }
        let tag = open.split(' ').next().unwrap_or("ul");
        let _ = write!(self.o, "</{tag}>");
    }

    /// "**A**, **B**: why"; a pull the other way says which option it favours (or that it is against this one,
    /// `this`). A sentence the card has said already is not repeated: the ticks stand alone.
    fn reason(&mut self, r: &Grouped<'t>, this: &str) {
        for (i, label) in r.labels.iter().enumerate() {
            self.o
                .push_str(if i == 0 { "<strong>" } else { ", <strong>" });
            self.text(label);
            self.o.push_str("</strong>");
        }
        if !this.is_empty() {
            let (how, option) = match r.favours {
                "" => ("against", this),
                f => ("favours", f),
            };
            let _ = write!(self.o, " <span class=\"favours\">{how} ");
            self.text(option);
            self.o.push_str("</span>");
        }
        if !r.why.is_empty() && !self.said.contains(&r.why) {
            self.said.push(r.why);
            self.o.push_str(": ");
            self.text(r.why);
        }
    }

    fn close_call(&mut self, rival: &str, margin: u32, deciders: &[Change]) {
        let how = if margin == 0 {
            "tied with it; the catalogue's default decided".to_string()
        } else {
            format!("came within {margin}")
        };
        self.o
            .push_str("<p class=\"close-call\"><strong>Close call:</strong> ");
        self.text(rival);
        let _ = write!(self.o, " {how}.");
        for (i, d) in deciders.iter().enumerate() {
            let _ = write!(
                self.o,
                "{}{} <strong>",
                if i == 0 { " Deciding it: " } else { ", or " },
                d.toggle.label()
            );
            self.text(d.label);
            self.o.push_str("</strong>");
        }
        if !deciders.is_empty() {
            self.o.push('.');
        }
        self.o.push_str("</p>");
    }

    /// What would change the card, one line per outcome ("Tick **A** or **B** → Strong consistency"): the
    /// three that matter most (the close call's deciders, then unticking what is ticked, then ticking more),
    /// the rest behind "more".
    fn would_change(&mut self, card: &Card) {
        self.o.push_str("<h4>What would change it</h4>");
        if card.would_change.is_empty() {
            self.o.push_str(
                "<p class=\"would-change none\">No single tick or untick would change this.</p>",
            );
            return;
        }
        let decides = |c: &Change| {
            card.close_call
                .as_ref()
                .is_some_and(|cc| cc.deciders.iter().any(|d| d.requirement == c.requirement))
        };
        let mut lines: Vec<(bool, &Change, Vec<&str>)> = Vec::new();
        for c in &card.would_change {
            let same = |l: &&mut (bool, &Change, Vec<&str>)| {
                l.1.toggle == c.toggle && l.1.becomes_title == c.becomes_title
            };
            match lines.iter_mut().find(same) {
                Some(line) => {
                    line.0 |= decides(c);
                    line.2.push(c.label);
                }
                None => lines.push((decides(c), c, vec![c.label])),
            }
        }
        // In order of importance, each group in the catalogue's order (no sort: a stable one costs wasm bytes).
        let rank = |(decider, c, _): &(bool, &Change, Vec<&str>)| {
            usize::from(!decider) * 2 + usize::from(c.toggle == Toggle::Tick)
        };
        let lines: Vec<_> = (0..4)
            .flat_map(|r| lines.iter().filter(move |l| rank(l) == r))
            .collect();
        let item = |b: &mut Self, (_, c, labels): &&(bool, &Change, Vec<&str>)| {
            let _ = write!(b.o, "<li>{} ", c.toggle.label());
            for (i, label) in labels.iter().enumerate() {
                let sep = match i {
                    0 => "",
                    i if i + 1 == labels.len() => " or ",
                    _ => ", ",
                };
                let _ = write!(b.o, "{sep}<strong>");
                b.text(label);
                b.o.push_str("</strong>");
            }
            b.o.push_str(" \u{2192} ");
            b.text(c.becomes_title);
            b.o.push_str("</li>");
        };
        self.o.push_str("<ul class=\"would-change\">");
        for line in lines.iter().take(CHANGES_SHOWN) {
            item(self, line);
        }
        self.o.push_str("</ul>");
        if lines.len() > CHANGES_SHOWN {
            let _ = write!(
                self.o,
                "<details class=\"more\"><summary>{} more</summary><ul class=\"would-change\">",
                lines.len() - CHANGES_SHOWN
            );
            for line in &lines[CHANGES_SHOWN..] {
                item(self, line);
            }
            self.o.push_str("</ul></details>");
        }
    }

    /// The replica arithmetic as a definition list.
    fn quorum(&mut self, q: &Quorum) {
        let (n, w) = (q.copies, q.write);
        let o = &mut self.o;
        let scope = if q.local { " in each region" } else { "" };
        o.push_str("<h4>The arithmetic</h4><dl class=\"quorum\">");
        let _ = write!(o, "<dt>N = {n}</dt><dd>copies of each record{scope}");
        if q.regions > 1 {
            let _ = write!(o, ", in {} regions", q.regions);
        }
        let _ = write!(
            o,
            "</dd><dt>W = {w}</dt><dd>copies that have a write before it is confirmed; writes go on with {} cop{} down</dd>",
            q.writes_survive(),
            if q.writes_survive() == 1 { "y" } else { "ies" }
        );
        match q.read {
            None => o.push_str("<dt>R</dt><dd>reads go to the primary, which holds every confirmed write; if it fails, a replica takes over</dd>"),
            Some(r) => {
                let _ = write!(
                    o,
                    "<dt>R = {r}</dt><dd>copies a read asks; reads go on with {} cop{} down</dd>",
                    n - r,
                    if n - r == 1 { "y" } else { "ies" }
                );
            }
        }
        let latest = match (q.read, q.reads_see_latest()) {
            (None, _) => "yes, at the primary".to_string(),
            (Some(r), true) => format!("yes: R + W = {} &gt; N = {n}", r + w),
            (Some(r), false) => format!(
                "no: R + W = {} is not more than N = {n}, so a read may miss it",
                r + w
            ),
        };
        let _ = write!(o, "<dt>Reads see the latest write</dt><dd>{latest}");
        if q.regions > 1 && q.reads_see_latest() {
            o.push_str(if q.across_regions() {
                ", in every region (at a cross-region round trip)"
            } else {
                ", within a region; other regions see it once it has replicated"
            });
        }
        let durable = if q.survives_primary_loss() {
            "yes"
        } else {
            "no: a failover can lose the last confirmed writes"
        };
        let _ = write!(
            o,
            "</dd><dt>A confirmed write survives losing a copy</dt><dd>{durable}</dd></dl>"
        );
    }
}

/// The answer at a glance: the headline choice of each part the ticks decided, one line each, each choice a
/// link to its card (`data-reveal`: the app scrolls there and leaves the page's link, the decision, alone);
/// then the conflicts, the parts left to their defaults, and a link to the cards (for narrow screens, where
/// they are below). `service` names the service the answer is for (empty: a decision of one service).
pub fn glance(rec: &Recommendation, service: &str) -> String {
    let mut o = String::with_capacity(1024);
    o.push_str("<nav class=\"glance\" id=\"glance\" aria-label=\"Your answer at a glance\"><ul>");
    if !service.is_empty() {
        o.push_str("<li class=\"service\">");
        escape_xml(&mut o, service);
        o.push_str("</li>");
    }
    // Each line from a slice of cards and which of them it shows: no iterator types (each a vtable in wasm).
    let all: fn(&Card) -> bool = |_| true;
    let one = std::slice::from_ref;
    glance_line(&mut o, "Primary store", one(&rec.primary_store), all);
    glance_line(&mut o, "Alongside", &rec.stores, |c| {
        c.role == Some(StoreRole::Alongside)
    });
    glance_line(&mut o, "Alternative", &rec.stores, |c| {
        c.role == Some(StoreRole::Alternative)
    });
    glance_line(&mut o, "Consistency", one(&rec.consistency), all);
    glance_line(&mut o, "Level", one(&rec.consistency_level), all);
    glance_line(&mut o, "Replication", one(&rec.replication), all);
    glance_line(&mut o, "Patterns", &rec.patterns, |c| {
        c.verdict != Verdict::Avoid
    });
    glance_line(&mut o, "Avoid", &rec.patterns, |c| {
        c.verdict == Verdict::Avoid
    });
    glance_line(&mut o, "Migration", &rec.migrations, all);
    if let Some(first) = rec.conflicts.first() {
        let n = rec.conflicts.len();
        let s = if n == 1 { "" } else { "s" };
        glance_link(
            &mut o,
            "watch",
            &card_id(first),
            &format!("Watch out: {n} conflicting need{s}"),
        );
    }
    let every: [&[Card]; 8] = [
        one(&rec.primary_store),
        &rec.stores,
        one(&rec.consistency),
        one(&rec.consistency_level),
        one(&rec.replication),
        &rec.patterns,
        &rec.migrations,
        &rec.conflicts,
    ];
    let unassessed: usize = (every.iter())
        .map(|cards| cards.iter().filter(|c| !c.is_assessed()).count())
        .sum();
    if unassessed > 0 {
        glance_link(
            &mut o,
            "unassessed-count",
            NOT_ASSESSED_ID,
            &format!("Not assessed: {unassessed}"),
        );
    }
    glance_link(&mut o, "to-results", "results", "See the cards");
    o.push_str("</ul></nav>");
    o
}

/// "Label: choice, choice", each choice a link to its card: the cards the ticks assessed that `shows` keeps;
/// nothing when none is left.
fn glance_line(o: &mut String, label: &str, cards: &[Card], shows: fn(&Card) -> bool) {
    let shown = |c: &&Card| c.is_assessed() && shows(c);
    if !cards.iter().any(|c| shown(&c)) {
        return;
    }
    // Narrow screens show only the choices; a pattern to avoid keeps its label there too (app.css).
    let class = if label == "Avoid" { "k keep" } else { "k" };
    let _ = write!(o, "<li><span class=\"{class}\">{label}:</span> ");
    for (i, c) in cards.iter().filter(shown).enumerate() {
        let id = card_id(c);
        let sep = if i == 0 { "" } else { ", " };
        let _ = write!(
            o,
            "{sep}<a href=\"#{id}\" data-reveal=\"{id}\">{}</a>",
            esc(c.title)
        );
    }
    o.push_str("</li>");
}

fn glance_link(o: &mut String, class: &str, target: &str, text: &str) {
    let _ = write!(
        o,
        "<li class=\"{class}\"><a href=\"#{target}\" data-reveal=\"{target}\">{text}</a></li>"
    );
}

/// A card's link to its catalogue entry. `data-reveal`: the app scrolls there itself, so the fragment (the
/// decision) stays as it is. Screen readers hear which card it is from ("Read more on “Relational” in the
/// catalogue"), so a list of the page's links does not hold the same name many times over.
pub fn catalogue_link(o: &mut String, target: &str, card_title: &str) {
    let target = esc(target);
    for part in [
        "<p class=\"card-foot\"><a href=\"#",
        &target,
        "\" data-reveal=\"",
        &target,
        "\">Read more<span class=\"sr-only\"> on “",
        &esc(card_title),
        "”</span> in the catalogue</a></p>",
    ] {
        o.push_str(part);
    }
}

/// A heading and a list of already-escaped items; nothing when there are no items.
fn list(o: &mut String, heading: &str, open: &str, items: impl Iterator<Item = String>) {
    let mut items = items.peekable();
    if items.peek().is_none() {
        return;
    }
    let _ = write!(o, "<h4>{heading}</h4><{open}>");
    for item in items {
        let _ = write!(o, "<li>{item}</li>");
    }
    let tag = open.split(' ').next().unwrap_or("ul");
    let _ = write!(o, "</{tag}>");
}

/// A system card's body (see `system`): summary, the way out for a problem, why, the seed's trade-offs, and the
/// link to the catalogue entry. Same markup and classes as a verdict card's body.
pub fn system_card_body(card: &crate::system::SystemCard) -> String {
    let mut o = String::with_capacity(1024);
    o.push_str("<div class=\"card-body\">");
    let _ = write!(o, "<p class=\"summary\">{}</p>", esc(&card.summary));
    if !card.resolution.is_empty() {
        let _ = write!(
            o,
            "<h4>Way out</h4><p class=\"resolution\">{}</p>",
            esc(&card.resolution)
        );
    }
    list(
        &mut o,
        "Why",
        "ul class=\"reasons-for\"",
        card.because.iter().map(|b| esc(b)),
    );
    list(
        &mut o,
        "Trade-offs",
        "ul",
        card.trade_offs.iter().map(|t| esc(t)),
    );
    catalogue_link(&mut o, card.catalog_ref, &card.title);
    o.push_str("</div>");
    o
}
