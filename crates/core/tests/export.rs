//! Native tests for the exports: the ADR (MADR layout), the JSON record, the embed snippets and the
//! escaping of everything user-typed in each of them.

use strata_core::catalog::Catalog;
use strata_core::decision::{Decision, Service};
use strata_core::diagrams::{layout, DiagramId, ReplicationLabel};
use strata_core::engine::{recommend, Recommendation, Requirements, Verdict};
use strata_core::export::*;
use strata_core::permalink;

const HOSTILE: &str = "<script>alert(1)</script> | `pwn` \n # x";
const LINK: &str = "https://strata.example/app/#v=1&t=Payments%20ledger&r=acid,financial";
const MADR: [&str; 7] = [
    "\n## Context and Problem Statement\n",
    "\n## Decision Drivers\n",
    "\n## Considered Options\n",
    "\n## Decision Outcome\n",
    "\n### Consequences\n",
    "\n## Diagrams\n",
    "\n## More Information\n",
];

fn cat() -> &'static Catalog {
    Catalog::builtin()
}

fn reqs(ids: &[&str]) -> Requirements {
    ids.iter().map(|s| s.to_string()).collect()
}

fn decision(title: &str, services: &[(&str, &[&str])]) -> Decision {
    Decision {
        title: title.into(),
        services: services
            .iter()
            .map(|(name, ids)| Service {
                name: name.to_string(),
                requirements: reqs(ids),
                ..Service::default()
            })
            .collect(),
        checklist: Default::default(),
        catalogue: String::new(),
    }
}

fn preset(id: &str) -> Vec<&'static str> {
    cat()
        .preset(id)
        .expect("preset")
        .requirements
        .iter()
        .map(|s| s.as_ref())
        .collect()
}

fn payments() -> Decision {
    decision("Payments ledger", &[("Ledger", &preset("payments-ledger"))])
}

fn rec(d: &Decision) -> Recommendation<'static> {
    recommend(cat(), d.requirements())
}

fn adr(d: &Decision) -> String {
    adr_markdown(cat(), d, &rec(d), LINK)
}

/// The text from `start` up to the next heading of the same or a higher level.
fn section<'a>(doc: &'a str, start: &str) -> &'a str {
    let at = doc
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in\n{doc}"));
    let rest = &doc[at + start.len()..];
    let end = rest.find("\n#").map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

/// Pipes that separate table cells (not backslash-escaped).
fn cell_pipes(line: &str) -> usize {
    let mut n = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '|' => n += 1,
            _ => {}
        }
    }
    n
}

/// Checks that every row of every table has as many cells as its head.
fn check_tables(doc: &str) {
    for table in doc.split("\n\n").filter(|b| b.starts_with("| ")) {
        let pipes: Vec<usize> = table.lines().map(cell_pipes).collect();
        assert!(pipes.iter().all(|&n| n == pipes[0] && n >= 3), "{table}");
    }
}

/// The text of a `## ` section, up to the next one.
fn part<'a>(doc: &'a str, start: &str) -> &'a str {
    let at = doc
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in\n{doc}"));
    let rest = &doc[at + start.len()..];
    let end = rest.find("\n## ").map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

/// Checks that fences pair up as ```` ```mermaid ```` … ```` ``` ```` and that nothing else contains a fence.
fn check_fences(doc: &str) -> usize {
    assert_eq!(doc.matches("```").count() % 2, 0, "odd fences:\n{doc}");
    let mut open = false;
    let mut blocks = 0;
    for line in doc.lines() {
        if line.contains("```") {
            if open {
                assert_eq!(line, "```", "{doc}");
            } else {
                assert_eq!(line, "```mermaid", "{doc}");
                blocks += 1;
            }
            open = !open;
        }
    }
    assert!(!open, "unclosed fence:\n{doc}");
    blocks
}

#[test]
fn adr_has_the_madr_headings_in_order() {
    let doc = adr(&payments());
    assert!(doc.starts_with("# Payments ledger\n"), "{doc}");
    assert!(doc.contains("Status: proposed"));
    let mut last = 0;
    for heading in MADR {
        let at = doc
            .find(heading)
            .unwrap_or_else(|| panic!("missing {heading:?}"));
        assert!(at > last, "{heading:?} out of order");
        last = at;
    }
    assert_eq!(doc.lines().filter(|l| l.starts_with("# ")).count(), 1);
}

#[test]
fn adr_date_line_is_optional() {
    let d = payments();
    let dated = adr_markdown_with_date(cat(), &d, &rec(&d), LINK, Some("2025-01-31"));
    assert!(dated.contains("* Date: 2025-01-31\n"));
    assert!(!adr(&d).contains("Date:"));
}

#[test]
fn adr_context_and_drivers_list_the_ticks_with_labels() {
    let doc = adr(&payments());
    let acid = cat().requirement("acid").unwrap();
    let context = section(&doc, "## Context and Problem Statement\n");
    assert!(context.contains(&format!("**{}** (`acid`)", escape_markdown(&acid.label))));
    assert!(context.contains(&escape_markdown(&acid.help)));
    let drivers = section(&doc, "## Decision Drivers\n");
    for id in preset("payments-ledger") {
        assert!(drivers.contains(&format!("(`{id}`)")), "{id} not a driver");
    }
}

#[test]
fn adr_chooses_relational_because_of_acid() {
    let doc = adr(&payments());
    let options = section(&doc, "### Primary store\n");
    assert!(options.contains("| Relational | **Chosen** |"), "{options}");
    assert!(options.contains("| Document | Not chosen |"), "{options}");
    let outcome = section(&doc, "### Primary store: Relational\n");
    assert!(
        outcome.contains("Chosen option: \"Relational\""),
        "{outcome}"
    );
    assert!(outcome.contains("PostgreSQL"));
    let because = &outcome[outcome.find("because").unwrap()..];
    assert!(because.contains("(`acid`)"), "{outcome}");
    // The other sections of the outcome too.
    assert!(doc.contains("Chosen option: \"Strong consistency\""));
    assert!(doc.contains("Chosen option: \"Semi-sync\""));
    let consequences = section(&doc, "### Consequences\n");
    assert!(
        consequences.contains("* Good: Transactions: changes saved together or not at all, even across tables (ACID).\n"),
        "{consequences}"
    );
    assert!(
        consequences.contains("* Bad: Every row of a table has the same columns"),
        "{consequences}"
    );
}

/// The consequences are the catalogue's sentences for people, classified as the page's cards classify them: a
/// gain is good, a cost bad, and a trade-off that is both says both ("Balance": semi-sync is the balance, and
/// costs a round trip). No line is an "X: Y" fragment of an option's title and a seed phrase.
#[test]
fn adr_consequences_are_sentences_signed_as_the_catalogue_says() {
    let doc = adr(&payments());
    let consequences = section(&doc, "### Consequences\n");
    for line in [
        "* Good: Semi-sync is the balance: a confirmed write is on two copies, and any one replica may answer.",
        "* Bad: Semi-sync adds a round trip to a replica to every write.",
        "* Good: QUORUM balances consistency and availability.",
        "* Bad: Every write waits for a second copy, so it is slower than ONE.",
        "* Good: The simplest to program against: code never meets stale data.",
        "* Bad: Strong consistency costs latency: writes and current reads wait for the primary.",
    ] {
        assert!(consequences.contains(line), "missing {line:?} in\n{consequences}");
    }
    for fragment in [
        "Semi-sync: Balance",
        "QUORUM: Balance",
        "Neutral",
        "Higher latency",
        ", because Relational:",
    ] {
        assert!(
            !consequences.contains(fragment),
            "{fragment:?} in\n{consequences}"
        );
    }
    for line in consequences.lines().filter(|l| l.starts_with("* ")) {
        assert!(
            (line.starts_with("* Good: ") || line.starts_with("* Bad: ")) && line.ends_with('.'),
            "{line}"
        );
    }
    // Each sentence once, though several cards name it.
    let lines: Vec<&str> = consequences
        .lines()
        .filter(|l| l.starts_with("* "))
        .collect();
    let mut unique = lines.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(lines.len(), unique.len(), "{consequences}");
}

#[test]
fn adr_has_a_mermaid_block_per_relevant_diagram() {
    let d = payments();
    let r = rec(&d);
    let ids = relevant_diagrams(&r);
    assert!(ids.contains(&DiagramId::StrongConsistency), "{ids:?}");
    assert!(ids.contains(&DiagramId::PrimaryReplica), "{ids:?}");
    let doc = adr(&d);
    assert_eq!(check_fences(&doc), ids.len());
    let diagrams = &doc[doc.find("\n## Diagrams\n").unwrap()..doc.find("\n## More").unwrap()];
    let input = diagram_input(&d, 0, &r);
    for id in ids {
        let dg = layout(id, &input);
        let heading = format!(
            "### {}\n\n```mermaid\nflowchart",
            escape_markdown(&dg.title)
        );
        assert!(diagrams.contains(&heading), "{heading:?} in\n{diagrams}");
    }
    assert!(diagrams.contains("sync replication"));
}

#[test]
fn adr_links_back_to_the_decision() {
    let doc = adr(&payments());
    assert!(doc.contains(&format!("]({LINK})")), "{doc}");
    let more = section(&doc, "## More Information\n");
    assert!(more.contains(&format!("[Payments ledger]({LINK})")));
    // Parentheses in the URL cannot end the link early.
    let d = payments();
    let odd = adr_markdown(cat(), &d, &rec(&d), "https://x.example/a(b)/#v=1");
    assert!(odd.contains("](https://x.example/a%28b%29/#v=1)"), "{odd}");
    // No link given: no dangling link.
    let none = adr_markdown(cat(), &d, &rec(&d), "");
    assert!(!none.contains("]("));
}

#[test]
fn adr_escapes_user_typed_names() {
    let ids = preset("monolith-split");
    let d = decision(
        HOSTILE,
        &[(HOSTILE, &ids), (HOSTILE, &["acid"]), ("B|2", &[])],
    );
    let r = rec(&d);
    let doc = adr_markdown(cat(), &d, &r, LINK);
    assert!(!doc.contains("<script"), "{doc}");
    assert!(!doc.contains("</script"), "{doc}");
    assert!(doc.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(doc.contains("\\`pwn\\`"));
    assert!(!doc.contains(" `pwn`"));
    // The name's "# x" never starts a heading; the title is one line.
    assert_eq!(doc.lines().filter(|l| l.starts_with("# ")).count(), 1);
    assert!(doc.starts_with("# &lt;script&gt;alert(1)&lt;/script&gt; \\| \\`pwn\\` \\# x\n"));
    for line in doc.lines().filter(|l| l.starts_with('#')) {
        let level = line.chars().take_while(|&c| c == '#').count();
        assert!(
            (1..=3).contains(&level) && line[level..].starts_with(' '),
            "{line}"
        );
        let rest = line[level..].replace("\\#", "");
        assert!(!rest.contains('#'), "unescaped # in {line}");
    }
    // Every table row has exactly its table's column separators.
    let rows: Vec<&str> = doc.lines().filter(|l| l.starts_with('|')).collect();
    assert!(rows.iter().any(|l| l.contains("alert(1)")));
    check_tables(&doc);
    check_fences(&doc);
    // Named services reach the diagrams, escaped for Mermaid.
    let input = diagram_input(&d, 0, &r);
    assert_eq!(input.services.len(), 3);
    let ids = relevant_diagrams(&r);
    assert!(ids.contains(&DiagramId::DatabasePerService), "{ids:?}");
    assert!(doc.contains("\"#lt;script#gt;alert(1)"), "{doc}");
    assert!(doc.contains("\"B#124;2\"") && doc.contains("| B\\|2 | none |"));
}

#[test]
fn adr_of_an_empty_decision_says_nothing_is_decided() {
    let d = Decision::default();
    let r = rec(&d);
    assert!(r.neutral);
    let doc = adr_markdown(cat(), &d, &r, LINK);
    assert!(doc.starts_with("# Data architecture decision\n"));
    let mut last = 0;
    for heading in MADR {
        let at = doc.find(heading).unwrap();
        assert!(at > last);
        last = at;
    }
    assert!(section(&doc, "## Decision Outcome\n").contains("Nothing is decided yet"));
    assert!(section(&doc, "## Decision Drivers\n").contains("None yet"));
    assert!(!doc.contains("Chosen option"));
    assert!(!doc.contains("**Chosen**"));
    assert!(!doc.contains("```"));
    assert!(doc.contains(&format!("]({LINK})")));
    // An unnamed decision with a named service takes the service's name.
    let named = decision("", &[("Billing", &[])]);
    let doc = adr_markdown(cat(), &named, &rec(&named), "");
    assert!(doc.starts_with("# Data architecture for Billing\n"));
}

#[test]
fn adr_puts_conflicts_first_in_the_consequences() {
    let d = decision(
        "Global",
        &[(
            "",
            &[
                "strong-consistency",
                "local-writes",
                "low-latency",
                "multi-region",
            ],
        )],
    );
    let r = rec(&d);
    assert!(!r.conflicts.is_empty());
    let doc = adr_markdown(cat(), &d, &r, LINK);
    let consequences = section(&doc, "### Consequences\n");
    let conflict = consequences.find("> **Conflict: ").expect("conflict shown");
    let good = consequences.find("* Good: ").unwrap();
    assert!(conflict < good, "{consequences}");
    for c in &r.conflicts {
        assert!(consequences.contains(&escape_markdown(c.title)));
    }
}

#[test]
fn adr_shows_migration_steps() {
    let d = decision("Split", &[("", &preset("monolith-split"))]);
    let r = rec(&d);
    let doc = adr_markdown(cat(), &d, &r, "");
    for m in &r.migrations {
        let outcome = section(
            &doc,
            &format!("### Migration: {}\n", escape_markdown(m.title)),
        );
        assert!(outcome.contains(&format!("1. {}", escape_markdown(m.steps[0]))));
    }
    assert!(!r.migrations.is_empty());
}

#[test]
fn json_has_schema_decision_and_every_card() {
    let mut d = payments();
    d.checklist.insert("svc-owned-data".into(), true);
    d.checklist.insert("svc-storage".into(), false);
    let r = rec(&d);
    let text = decision_json(cat(), &d, &r);
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(v["schema"], "strata.decision");
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["link_format"], permalink::VERSION);
    assert_eq!(v["decision"]["title"], "Payments ledger");
    assert_eq!(v["decision"]["services"][0]["name"], "Ledger");
    let ids: Vec<&str> = v["decision"]["services"][0]["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    let mut expected = preset("payments-ledger");
    expected.sort();
    assert_eq!(ids, expected);
    assert_eq!(v["decision"]["checklist"]["svc-storage"], false);
    let cards = v["recommendation"]["cards"].as_array().unwrap();
    assert_eq!(cards.len(), r.cards().count());
    for (json, card) in cards.iter().zip(r.cards()) {
        assert_eq!(json["section"], card.section.as_str());
        assert_eq!(json["choice"], card.choice);
        assert_eq!(json["verdict"], card.verdict.as_str());
        assert_eq!(
            json["trade_offs"].as_array().unwrap().len(),
            card.trade_offs.len()
        );
        assert_eq!(
            json["would_change"].as_array().unwrap().len(),
            card.would_change.len()
        );
        let reasons: Vec<&str> = json["reasons_for"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["requirement"].as_str().unwrap())
            .collect();
        let want: Vec<&str> = card.reasons_for.iter().map(|x| x.requirement).collect();
        assert_eq!(reasons, want);
    }
    assert_eq!(cards[0]["choice"], "relational");
    assert!(cards[0]["reasons_for"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["requirement"] == "acid"));
    let checklist = v["recommendation"]["checklist"].as_array().unwrap();
    assert_eq!(checklist.len(), r.checklist.len());
    let storage = checklist.iter().find(|c| c["id"] == "svc-storage").unwrap();
    assert_eq!(storage["answer"], "PostgreSQL (relational)");
    assert_eq!(storage["ticked"], false, "the user's untick wins");
    assert_eq!(storage["edited"], true);
    let owned = checklist
        .iter()
        .find(|c| c["id"] == "svc-owned-data")
        .unwrap();
    assert_eq!(owned["answer"], serde_json::Value::Null);
    assert_eq!(owned["ticked"], true);
    assert!(v["recommendation"]["conflicts"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn json_lists_conflicts_with_their_requirements() {
    let d = decision(
        "",
        &[("", &["strong-consistency", "local-writes", "low-latency"])],
    );
    let r = rec(&d);
    let v: serde_json::Value = serde_json::from_str(&decision_json(cat(), &d, &r)).unwrap();
    let conflicts = v["recommendation"]["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), r.conflicts.len());
    assert!(!conflicts.is_empty());
    assert!(conflicts[0]["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x == "local-writes"));
}

#[test]
fn json_round_trips_hostile_names() {
    let mut d = decision(
        HOSTILE,
        &[(HOSTILE, &["acid", "weird\"id"]), ("\u{2028}é\\", &[])],
    );
    d.checklist.insert("</script>".into(), false);
    let r = rec(&d);
    let text = decision_json(cat(), &d, &r);
    assert!(!text.contains("<script") && !text.contains("</script"));
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(v["decision"]["title"], HOSTILE);
    assert_eq!(v["decision"]["services"][0]["name"], HOSTILE);
    assert_eq!(v["decision"]["services"][1]["name"], "\u{2028}é\\");
    assert_eq!(v["decision"]["services"][0]["requirements"][1], "weird\"id");
    assert_eq!(v["decision"]["checklist"]["</script>"], false);
}

#[test]
fn json_of_an_empty_decision_is_neutral() {
    let d = Decision::default();
    let r = rec(&d);
    let v: serde_json::Value = serde_json::from_str(&decision_json(cat(), &d, &r)).unwrap();
    assert_eq!(v["recommendation"]["neutral"], true);
    assert_eq!(v["recommendation"]["hint"], r.hint.unwrap());
    assert_eq!(v["decision"]["services"].as_array().unwrap().len(), 1);
}

#[test]
fn iframe_snippet_is_sandboxed_and_attribute_safe() {
    let d = decision(HOSTILE, &[("", &["acid"])]);
    let fragment = permalink::encode(&d, false);
    let html = iframe_snippet("https://strata.example/app/#old", &fragment, &d.title);
    assert!(
        html.starts_with("<iframe src=\"https://strata.example/app/#embed&amp;v=1&amp;t="),
        "{html}"
    );
    assert!(html.contains("sandbox=\"allow-scripts allow-popups allow-popups-to-escape-sandbox\""));
    assert!(html.contains("loading=\"lazy\""));
    assert!(html.contains("style=\"width:100%;border:0\""));
    assert!(html.contains("height=\"600\""));
    assert!(html.ends_with("></iframe>"));
    assert!(!html.contains('\n'));
    assert!(!html.contains("<script") && !html.contains('\''));
    // The tag is one element with six quoted attributes: no quote or bracket from the title escapes.
    let inner = &html["<iframe ".len()..html.len() - "></iframe>".len()];
    assert!(!inner.contains('<') && !inner.contains('>'), "{inner}");
    assert_eq!(inner.matches('"').count(), 12, "{inner}");
    assert!(
        inner.contains("title=\"&lt;script&gt;alert(1)&lt;/script&gt; | `pwn` # x\""),
        "{inner}"
    );
    // The fragment decodes back to the decision, in embed mode.
    let src = &inner["src=\"".len()..inner.find("\" title").unwrap()];
    let hash = src.replace("&amp;", "&");
    let decoded = permalink::decode(hash.split_once('#').unwrap().1, cat());
    assert!(decoded.embed);
    assert_eq!(
        decoded.decision.title,
        strata_core::decision::clean_name(HOSTILE)
    );
    // No title: a sensible default.
    assert!(
        iframe_snippet("https://s.example/", "", "").contains("#embed\" title=\"Strata decision\"")
    );
}

#[test]
fn the_sandbox_grants_what_open_in_strata_needs_and_nothing_more() {
    let flags: Vec<&str> = EMBED_SANDBOX_FLAGS.iter().map(|(f, _)| *f).collect();
    assert_eq!(flags.join(" "), EMBED_SANDBOX);
    // A link that opens a new window needs popups, and the window must leave the sandbox to be the full app.
    for needed in [
        "allow-scripts",
        "allow-popups",
        "allow-popups-to-escape-sandbox",
    ] {
        assert!(flags.contains(&needed), "{needed}");
    }
    // The embedded view offers no downloads and must not reach the wiki's origin.
    for refused in [
        "allow-same-origin",
        "allow-downloads",
        "allow-top-navigation",
    ] {
        assert!(!EMBED_SANDBOX.contains(refused), "{refused}");
    }
    assert!(iframe_snippet("https://s.example/", "", "")
        .contains(&format!("sandbox=\"{EMBED_SANDBOX}\"")));
}

#[test]
fn confluence_snippet_never_ends_its_cdata_section() {
    let hostile = "]]> ]]]]>> <![CDATA[ x ]]>";
    let html = confluence_snippet(
        "https://s.example/a]]>b/",
        &format!("v=1&t={}", permalink::percent_encode(hostile)),
        hostile,
    );
    assert!(!html.contains("]]>"), "{html}");
}

/// The checklist as docs/HOSTING.md shows it.
fn host_requirements_markdown() -> String {
    host_requirements()
        .iter()
        .map(|group| {
            let steps: String = group
                .steps
                .iter()
                .map(|step| format!("- {}\n", escape_markdown(step)))
                .collect();
            format!("### {}\n\n{steps}", escape_markdown(group.heading))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn hosting_md_shows_the_checklist_the_embed_dialog_shows() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/HOSTING.md"
    ))
    .expect("docs/HOSTING.md");
    let start = "<!-- host-requirements:start -->\n";
    let block = &doc[doc.find(start).expect("the start marker") + start.len()
        ..doc
            .find("<!-- host-requirements:end -->")
            .expect("the end marker")];
    let expected = host_requirements_markdown();
    assert!(
        block.trim() == expected.trim(),
        "docs/HOSTING.md's checklist differs from host_requirements(); it should read:\n{expected}"
    );
    // What issue 15 asks every host to be told.
    let all: String = host_requirements()
        .iter()
        .flat_map(|g| g.steps.iter().copied().chain([g.heading]))
        .collect::<Vec<_>>()
        .join("\n");
    for needed in [
        "Access-Control-Allow-Origin: *",
        EMBED_SANDBOX,
        "application/wasm",
        "Confluence",
        "MediaWiki",
        "GitHub",
    ] {
        assert!(all.contains(needed), "{needed}");
    }
}

#[test]
fn each_wiki_has_three_steps() {
    let wikis: Vec<_> = host_requirements()
        .iter()
        .filter(|g| {
            ["Confluence", "MediaWiki", "GitHub"]
                .iter()
                .any(|w| g.heading.contains(w))
        })
        .collect();
    assert_eq!(
        wikis.len(),
        4,
        "Confluence Data Center, Confluence Cloud, MediaWiki, GitHub"
    );
    for wiki in wikis {
        assert_eq!(wiki.steps.len(), 3, "{}", wiki.heading);
    }
}

#[test]
fn embed_fragment_prefixes_embed_once() {
    assert_eq!(embed_fragment("v=1&r=acid"), "embed&v=1&r=acid");
    assert_eq!(embed_fragment("#v=1&embed&r=acid"), "embed&v=1&r=acid");
    assert_eq!(embed_fragment(""), "embed");
}

#[test]
fn confluence_snippet_is_the_iframe_plus_a_plain_link() {
    let html = confluence_snippet("https://s.example/", "v=1&r=acid", "A \"B\" <c>");
    let (iframe, link) = html.split_once('\n').unwrap();
    assert_eq!(
        iframe,
        iframe_snippet("https://s.example/", "v=1&r=acid", "A \"B\" <c>")
    );
    assert_eq!(
        link,
        "<p><a href=\"https://s.example/#v=1&amp;r=acid\" target=\"_blank\" rel=\"noopener\">A &quot;B&quot; &lt;c&gt;</a></p>"
    );
}

#[test]
fn wiki_links_neutralise_brackets_and_newlines() {
    let link = mediawiki_link(
        "https://s.example/a b]#v=1",
        "Pay]ments\n[[x]] {{t}} | ''b''",
    );
    assert!(!link.contains('\n'));
    assert!(
        link.starts_with("[https://s.example/a%20b%5D#v=1 Pay&#93;ments"),
        "{link}"
    );
    assert_eq!(link.matches('[').count(), 1, "{link}");
    assert_eq!(link.matches(']').count(), 1, "{link}");
    assert!(link.ends_with(']') && !link.contains("{{") && !link.contains("''"));

    // Signatures and magic words stay text: `~` and `_` are encoded in the URL and the title.
    let d = decision("~~~~ __NOTOC__ ''x''", &[("", &["acid"])]);
    let url = format!(
        "https://s.example/~team/my_app/#{}",
        permalink::encode(&d, false)
    );
    let link = mediawiki_link(&url, &d.title);
    for wikitext in ["~~~", "__", "''"] {
        assert!(!link.contains(wikitext), "{wikitext} in {link}");
    }
    assert!(
        link.starts_with("[https://s.example/%7Eteam/my%5Fapp/#"),
        "{link}"
    );
    assert!(link
        .ends_with(" &#126;&#126;&#126;&#126; &#95;&#95;NOTOC&#95;&#95; &#39;&#39;x&#39;&#39;]"));
    // The encoded URL still opens the same decision.
    let href = &link[1..link.find(' ').unwrap()];
    let decoded = permalink::decode(href.split_once('#').unwrap().1, cat());
    assert_eq!(decoded.decision.title, d.title);
    assert_eq!(decoded.decision.requirements(), d.requirements());
    // A host keeps its name; only what follows it is encoded.
    assert!(mediawiki_link("https://my_host.example/a_b", "t")
        .starts_with("[https://my_host.example/a%5Fb "));

    let md = markdown_link("https://s.example/(x)#v=1", "[a](b) *c*\n# d");
    assert_eq!(
        md,
        "[\\[a\\]\\(b\\) \\*c\\* \\# d](https://s.example/%28x%29#v=1)"
    );
}

#[test]
fn escapes_are_one_line_and_inert() {
    assert_eq!(
        escape_html("<a href='x'>&\"\n"),
        "&lt;a href=&#39;x&#39;&gt;&amp;&quot; "
    );
    assert_eq!(escape_markdown("a\n\n# b  |c|"), "a \\# b \\|c\\|");
    assert_eq!(escape_markdown("- item"), "\\- item");
    assert_eq!(escape_markdown("12. item"), "12\\. item");
    assert_eq!(
        escape_markdown("$x$ ~y~ _z_ {w}"),
        "\\$x\\$ \\~y\\~ \\_z\\_ \\{w\\}"
    );
    assert_eq!(escape_markdown("```"), "\\`\\`\\`");
    assert_eq!(escape_markdown("a\\b"), "a\\\\b");
    assert_eq!(escape_markdown("&lt;"), "&amp;lt;");
}

#[test]
fn diagram_input_follows_the_decision() {
    let d = payments();
    let r = rec(&d);
    let input = diagram_input(&d, 0, &r);
    assert_eq!(input.store_name, "PostgreSQL");
    assert_eq!(input.new_store, "PostgreSQL");
    assert_eq!(input.replication, ReplicationLabel::SemiSync);
    assert_eq!(input.replicas, 2);
    assert_eq!(
        input.services,
        strata_core::diagrams::DiagramInput::default().services
    );
    assert_eq!(
        input.shared_database_verdict,
        r.pattern("shared-database").unwrap().verdict
    );

    // Read-heavy asks for a third replica; a document store names its own example.
    let feed = decision("", &[("Feed", &preset("social-feed"))]);
    let r = rec(&feed);
    let input = diagram_input(&feed, 0, &r);
    assert_eq!(input.replicas, 3);
    assert_eq!(
        Some(&input.store_name.as_str()),
        r.primary_store.examples.first()
    );

    // Several services replace the seed's, as the page names them ("Service 2" when unnamed), with what each
    // owns; the first that owns anything is the source of truth. One service does not replace them.
    let mut three = decision(
        "",
        &[("Orders", &["microservices"]), ("", &[]), ("Billing", &[])],
    );
    three.services[2].owns = vec!["Invoice".into()];
    let input = diagram_input(&three, 0, &rec(&three));
    assert_eq!(input.services, ["Orders", "Service 2", "Billing"]);
    assert_eq!(input.owns, [vec![], vec![], vec!["Invoice".to_string()]]);
    assert_eq!(input.owner_service, "Billing");
    let one = decision("", &[("Orders", &["microservices"])]);
    let input = diagram_input(&one, 0, &rec(&one));
    assert_eq!(input.services.len(), 3);

    // Each service's own ticks: a read-heavy second service draws three replicas, its calm neighbour two.
    let two = decision(
        "",
        &[("Orders", &["acid"]), ("Feed", &["read-heavy", "acid"])],
    );
    let feed = recommend(Catalog::builtin(), &two.services[1].requirements);
    assert_eq!(diagram_input(&two, 1, &feed).replicas, 3);
    assert_eq!(diagram_input(&two, 0, &rec(&two)).replicas, 2);

    // Multi-primary keeps the default replication label.
    let saas = decision("", &[("", &preset("multi-region-saas"))]);
    let r = rec(&saas);
    if r.replication.choice == "multi-primary" {
        assert_eq!(
            diagram_input(&saas, 0, &r).replication,
            ReplicationLabel::Async
        );
        assert!(relevant_diagrams(&r).contains(&DiagramId::MultiPrimary));
    }
}

#[test]
fn shared_database_diagram_is_drawn_when_it_is_to_be_avoided() {
    for p in &cat().presets {
        let d = decision("", &[("", &preset(&p.id))]);
        let r = rec(&d);
        let shared = r.pattern("shared-database").unwrap().verdict;
        let drawn = relevant_diagrams(&r).contains(&DiagramId::SharedDatabase);
        assert_eq!(drawn, shared != Verdict::Acceptable, "{}", p.id);
        check_fences(&adr_markdown(cat(), &d, &r, LINK));
    }
}

#[test]
fn the_multi_primary_diagram_draws_a_system_that_has_several_primaries() {
    let input = |ticks: &[&str]| {
        let mut d = Decision::default();
        for t in ticks {
            d.requirements_mut().insert(t.to_string());
        }
        let r = rec(&d);
        assert_eq!(r.replication.choice, "multi-primary");
        diagram_input(&d, 0, &r).store_name
    };
    // PostgreSQL has no built-in multi-primary: the label says an extension is needed.
    assert_eq!(
        input(&[
            "relationships-matter",
            "sql-expertise",
            "local-writes",
            "multi-region"
        ]),
        "PostgreSQL + extension"
    );
    // MongoDB has one primary per shard; DynamoDB global tables write in every region.
    assert_eq!(
        input(&["flexible-schema", "local-writes", "multi-region"]),
        "DynamoDB global tables"
    );
}

/// Orders (transactions) owns Order and reads Customer; Customers owns Customer; Billing (money, every read
/// the latest write) reads Order and owns Invoice.
fn shop() -> Decision {
    let mut d = decision(
        "",
        &[
            ("Orders", &["acid", "microservices"]),
            ("Customers", &["flexible-schema", "read-heavy"]),
            (
                "Billing",
                &["financial", "audit-trail", "strong-consistency"],
            ),
        ],
    );
    let entities = [
        ("Order", "Customer"),
        ("Customer", ""),
        ("Invoice", "Order"),
    ];
    for (s, (owns, reads)) in d.services.iter_mut().zip(entities) {
        Service::add_entities(&mut s.owns, owns);
        Service::add_entities(&mut s.reads, reads);
    }
    d
}

/// The `## ` headings in order.
fn h2s(doc: &str) -> Vec<&str> {
    doc.lines().filter_map(|l| l.strip_prefix("## ")).collect()
}

#[test]
fn adr_of_several_services_has_a_section_for_each_and_one_for_the_system() {
    let d = shop();
    let doc = adr(&d);
    assert!(
        doc.starts_with("# Data architecture for Orders, Customers and Billing\n"),
        "{doc}"
    );
    assert_eq!(
        h2s(&doc),
        [
            "Context and Problem Statement",
            "Decision Drivers",
            "Considered Options",
            "Decision Outcome",
            "Service: Orders",
            "Service: Customers",
            "Service: Billing",
            "System",
            "More Information"
        ]
    );
    let context = part(&doc, "## Context and Problem Statement\n");
    assert!(
        context.contains("| Orders | `acid`, `microservices` | Order | Customer |"),
        "{context}"
    );
    assert!(
        context.contains("* **Financial transactions** (`financial`)"),
        "{context}"
    );
    let outcome = part(&doc, "## Decision Outcome\n");
    assert!(
        outcome.contains("| Orders | relational, strong; semi-sync by default |")
            && outcome.contains("| Customers | document; strong, semi-sync by default |")
            && outcome.contains("| Billing | relational, strong, semi-sync |"),
        "{outcome}"
    );
    // Each service has its own outcome, consequences and diagrams, drawn from its own choices.
    let orders = part(&doc, "## Service: Orders\n");
    let customers = part(&doc, "## Service: Customers\n");
    for s in [orders, customers] {
        assert!(
            s.contains("### Primary store: ") && s.contains("### Consequences"),
            "{s}"
        );
        assert!(s.contains("```mermaid"), "{s}");
    }
    assert!(
        orders.contains("### Primary store: Relational")
            && customers.contains("### Primary store: Document")
    );
    assert!(
        customers.contains("3 replicas"),
        "its own read-heavy tick: {customers}"
    );
    assert!(!orders.contains("3 replicas"), "{orders}");
    // The system: its patterns, cards, flows, diagrams and checklists.
    let system = part(&doc, "## System\n");
    for part in [
        "### Data pattern for the system: Database per service",
        "### Recommended: Each entity from its owner",
        "### Recommended: Billing: compose answers from Orders",
        "| Order | Orders | Billing | queries the owner: it needs the latest write |",
        "| Customer | Customers | Orders | events; the reader keeps a cache |",
        "### System: 3 services, 2 data flows\n\n```mermaid\nflowchart LR;\n",
        "### Database per service\n\n```mermaid\n",
        "### Single source of truth: Orders\n\n```mermaid\n",
        "* Orders stores its data in PostgreSQL (relational) and owns Order.",
        "### Checklist: Orders\n\n* [x] What data does it own? — Order\n",
        "* [x] How does it share data with others? — Order to Billing (query); Customer from Customers (events)",
        "### Checklist: the system\n\n* [x] Single source of truth for each entity? — Order: Orders; Customer: Customers; Invoice: Billing\n",
    ] {
        assert!(system.contains(part), "missing {part:?} in\n{system}");
    }
    let more = part(&doc, "## More Information\n");
    assert!(
        more.contains("answered for each service and for the system under System")
            && !more.contains("* ["),
        "{more}"
    );
    // Every Mermaid block is fenced and every table keeps its columns.
    assert!(check_fences(&doc) >= 5);
    check_tables(&doc);
}

/// A query reaches the owner, but an eventually consistent owner may not have the latest write (the
/// `query-eventual-owner` card): the flows table says the reader needs it, not that the owner has it. No
/// sentence of the system section ends in two full stops.
#[test]
fn adr_system_section_says_what_a_query_needs_and_ends_each_sentence_once() {
    let mut eventual = decision(
        "",
        &[
            (
                "Carts",
                &["shopping-cart", "key-value", "high-availability"],
            ),
            ("Checkout", &["inventory", "acid", "strong-consistency"]),
        ],
    );
    Service::add_entities(&mut eventual.services[0].owns, "Cart");
    Service::add_entities(&mut eventual.services[1].owns, "Stock");
    Service::add_entities(&mut eventual.services[1].reads, "Cart");
    for d in [shop(), eventual] {
        let doc = adr(&d);
        let system = part(&doc, "## System\n");
        assert!(
            system.contains("| queries the owner: it needs the latest write |")
                && !system.contains("for the latest write |"),
            "{system}"
        );
        for line in doc.lines() {
            assert!(!line.replace("...", "").contains(".."), "{line}");
        }
        assert!(system.contains("Trade-offs: "), "{system}");
    }
}

#[test]
fn adr_puts_the_services_options_side_by_side() {
    let doc = adr(&shop());
    let options = part(&doc, "## Considered Options\n");
    let primary = section(options, "### Primary store\n");
    assert!(
        primary.contains("| Option | Orders | Customers | Billing |\n| --- | --- | --- | --- |\n"),
        "{primary}"
    );
    assert!(
        primary.contains("| Relational | **Chosen** | Not chosen | **Chosen** |"),
        "{primary}"
    );
    let system = section(options, "### Data patterns for the system\n");
    assert!(
        system.contains("| Database per service | Recommended |"),
        "{system}"
    );
    // The checklist edits of the link apply to the first service and to the system.
    let mut d = shop();
    d.checklist.insert("svc-owned-data".into(), false);
    d.checklist.insert("sys-retention".into(), true);
    let system = adr(&d);
    let system = part(&system, "## System\n");
    assert!(
        system.contains("### Checklist: Orders\n\n* [ ] What data does it own? — Order\n"),
        "{system}"
    );
    assert!(
        system.contains("### Checklist: Customers\n\n* [x] What data does it own? — Customer\n"),
        "{system}"
    );
    assert!(
        system.contains("* [x] What's the data retention policy?"),
        "{system}"
    );
}

#[test]
fn adr_of_several_services_escapes_their_names_everywhere() {
    let mut d = decision(
        "",
        &[
            (HOSTILE, &["acid"]),
            ("a|b", &["financial", "strong-consistency"]),
            ("", &[]),
        ],
    );
    Service::add_entities(&mut d.services[0].owns, "Or|der, <b>x</b>");
    Service::add_entities(&mut d.services[1].reads, "or|der");
    let doc = adr(&d);
    assert!(!doc.contains("<script") && !doc.contains("<b>"), "{doc}");
    assert!(
        doc.contains("## Service: a\\|b\n") && doc.contains("## Service: Service 3\n"),
        "{doc}"
    );
    assert!(
        doc.starts_with("# Data architecture for &lt;script&gt;"),
        "{doc}"
    );
    check_fences(&doc);
    check_tables(&doc);
    assert!(doc.contains("| Or\\|der | &lt;script&gt;alert(1)&lt;/script&gt; \\| \\`pwn\\` \\# x | a\\|b | queries the owner"), "{doc}");
}

#[test]
fn adr_of_one_service_gets_a_system_section_only_for_ownership_problems() {
    let mut d = payments();
    assert!(!adr(&d).contains("\n## System\n"));
    Service::add_entities(&mut d.services[0].reads, "Exchange rate");
    let doc = adr(&d);
    assert_eq!(
        h2s(&doc),
        [
            "Context and Problem Statement",
            "Decision Drivers",
            "Considered Options",
            "Decision Outcome",
            "Diagrams",
            "System",
            "More Information"
        ]
    );
    let system = part(&doc, "## System\n");
    assert!(
        system.contains("### Avoid: Nobody owns Exchange rate"),
        "{system}"
    );
    assert!(
        system.contains("### System: 1 service, 0 data flows"),
        "{system}"
    );
    assert!(
        !system.contains("### Checklist"),
        "one service's checklist stays under More Information"
    );
    assert!(part(&doc, "## More Information\n").contains("* [x] What storage technology fits?"));
}

#[test]
fn json_carries_every_service_the_ownership_model_the_flows_and_the_system_cards() {
    let d = shop();
    let r = rec(&d);
    let v: serde_json::Value = serde_json::from_str(&decision_json(cat(), &d, &r)).unwrap();
    assert_eq!(v["schema_version"], 1, "only fields were added");
    assert_eq!(
        v["decision"]["services"][0]["owns"],
        serde_json::json!(["Order"])
    );
    assert_eq!(
        v["decision"]["services"][2]["reads"],
        serde_json::json!(["Order"])
    );
    let system = &v["system"];
    let services = system["services"].as_array().unwrap();
    assert_eq!(services.len(), 3);
    assert_eq!(services[1]["name"], "Customers");
    assert_eq!(
        services[1]["headline"],
        "document; strong, semi-sync by default"
    );
    assert_eq!(services[1]["store"], "MongoDB (document)");
    assert_eq!(
        services[1]["recommendation"]["cards"][0]["choice"],
        "document"
    );
    assert_eq!(
        services[0]["recommendation"], v["recommendation"],
        "the first service's recommendation is the record's own"
    );
    assert_eq!(
        system["entities"][0],
        serde_json::json!({"name": "Order", "owners": [0], "readers": [2]})
    );
    let flows = system["flows"].as_array().unwrap();
    assert_eq!(
        flows[0],
        serde_json::json!({"entity": "Order", "owner": 0, "consumer": 2, "kind": "query", "label": "query"})
    );
    assert_eq!(flows[1]["kind"], "events");
    let kinds: Vec<&str> = system["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"data-access") && kinds.contains(&"api-composition"),
        "{kinds:?}"
    );
    let composition = system["cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "api-composition")
        .unwrap();
    assert_eq!(composition["services"], serde_json::json!([0, 2]));
    assert_eq!(composition["verdict"], "recommended");
    let patterns: Vec<&str> = system["patterns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["choice"].as_str().unwrap())
        .collect();
    assert_eq!(patterns, ["database-per-service", "shared-database"]);
    let sot = system["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "sys-source-of-truth")
        .unwrap();
    assert_eq!(
        sot["answer"],
        "Order: Orders; Customer: Customers; Invoice: Billing"
    );
    assert_eq!(sot["ticked"], true);
}

#[test]
fn the_adr_carries_the_designs_arithmetic_notes_close_calls_and_ways_out() {
    let mut d = Decision::default();
    for t in [
        "acid",
        "flexible-schema",
        "financial",
        "social-feed",
        "no-data-loss",
    ] {
        d.requirements_mut().insert(t.to_string());
    }
    let doc = adr_markdown(Catalog::builtin(), &d, &rec(&d), "");
    assert!(
        doc.contains("* W = 2: copies that have a write before it is confirmed"),
        "{doc}"
    );
    assert!(doc.contains("* R: reads go to the primary"));
    assert!(doc.contains("* Note: PostgreSQL: synchronous\\_commit = on"));
    assert!(doc.contains("Way out: Split the data"));
}

/// The reviewer's shop: Orders keeps stock, Customers and Catalog decide no consistency or replication of
/// their own, Search only reads (into its index), Payments keeps money.
fn reviewed_shop() -> Decision {
    let mut d = decision(
        "",
        &[
            ("Orders", &["acid", "inventory"]),
            ("Customers", &["relationships-matter"]),
            ("Catalog", &["read-only-shared", "flexible-schema"]),
            ("Search", &["full-text", "read-heavy"]),
            ("Payments", &["financial", "no-data-loss"]),
        ],
    );
    let entities = [
        ("Order, OrderLine", "Customer, Product"),
        ("Customer", ""),
        ("Product", ""),
        ("", "Product, Order"),
        ("Payment", "Order"),
    ];
    for (s, (owns, reads)) in d.services.iter_mut().zip(entities) {
        Service::add_entities(&mut s.owns, owns);
        Service::add_entities(&mut s.reads, reads);
    }
    d
}

/// A choice no tick of a service's own decides is the catalogue's default, and the ADR says so wherever it names
/// it: the options side by side, the outcome table, each service's outcome; the patterns each service's ticks
/// leave alone are "Not assessed", and judged for the system where they are.
#[test]
fn adr_of_a_system_says_which_choices_are_defaults() {
    let doc = adr(&reviewed_shop());
    let options = part(&doc, "## Considered Options\n");
    let models = section(options, "### Consistency model\n");
    assert!(
        models.contains(
            "| Strong consistency | **Chosen** | Default | Default | Default | **Chosen** |"
        ),
        "{models}"
    );
    let replication = section(options, "### Replication\n");
    assert!(
        replication
            .contains("| Semi-sync | **Chosen** | Default | Default | Default | **Chosen** |"),
        "{replication}"
    );
    let patterns = section(options, "### Data patterns, service by service\n");
    assert!(
        patterns.contains("judged for the system as a whole")
            && patterns.contains("| Database per service | Not assessed | Not assessed | Not assessed | Not assessed | Not assessed |")
            && patterns.contains("| Shared database | Not assessed | Not assessed | Acceptable | Not assessed | Not assessed |"),
        "{patterns}"
    );
    let outcome = part(&doc, "## Decision Outcome\n");
    for row in [
        "| Orders | relational, strong, semi-sync |",
        "| Customers | relational; strong, semi-sync by default |",
        "| Catalog | document; strong, semi-sync by default |",
    ] {
        assert!(outcome.contains(row), "missing {row:?} in\n{outcome}");
    }
    let customers = part(&doc, "## Service: Customers\n");
    assert!(
        customers.contains("### Consistency model: Strong consistency (the default)\n")
            && customers.contains("### Replication: Semi-sync (the default)\n")
            && customers.contains("### Primary store: Relational\n"),
        "{customers}"
    );
    let orders = part(&doc, "## Service: Orders\n");
    assert!(!orders.contains("(the default)"), "{orders}");
    let system = part(&doc, "## System\n");
    assert!(
        system.contains("* Customers: Semi-sync replication, QUORUM (strong consistency) — the defaults: no tick of its own decides them.\n")
            && system.contains("* Orders: Semi-sync replication, QUORUM (strong consistency).\n"),
        "{system}"
    );
}

/// A service that owns no data and keeps only read models runs those stores alone: the system diagram, the JSON
/// record, the outcome table, its checklist and the System section say so, while its own section (its ticks
/// alone, the engine's answer) keeps the default primary store and points to System.
#[test]
fn a_service_with_only_read_models_runs_those_alone_in_the_system() {
    let d = reviewed_shop();
    let doc = adr(&d);
    let system = part(&doc, "## System\n");
    assert!(
        system.contains("Search owns no data and keeps only read models: it runs search (Elasticsearch) and nothing else")
            && system.contains("Its own ticks alone would give it the catalogue's default primary store, PostgreSQL (relational), which it does not need here"),
        "{system}"
    );
    assert!(
        system.contains("n3[\"Search<br>Elasticsearch\"];")
            && !system.contains("Search<br>PostgreSQL"),
        "{system}"
    );
    assert!(
        system.contains("### Checklist: Search\n\n* [ ] What data does it own?\n* [x] What storage technology fits? — search (Elasticsearch): read models only, as it owns no data\n"),
        "{system}"
    );
    let outcome = part(&doc, "## Decision Outcome\n");
    assert!(
        outcome.contains("| Search | search (Elasticsearch): read models only, as it owns no data (see System) |"),
        "{outcome}"
    );
    let search = part(&doc, "## Service: Search\n");
    assert!(
        search.trim_start().starts_with("> Search owns no data: in the system it runs only its read models, search (Elasticsearch)")
            && !search.contains("### Primary store")
            && search.contains("### Also use: Search"),
        "{search}"
    );
    let r = rec(&d);
    let v: serde_json::Value = serde_json::from_str(&decision_json(cat(), &d, &r)).unwrap();
    let stores: Vec<&str> = v["system"]["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["store"].as_str().unwrap())
        .collect();
    assert_eq!(
        stores,
        [
            "PostgreSQL (relational)",
            "PostgreSQL (relational)",
            "MongoDB (document)",
            "Elasticsearch",
            "PostgreSQL (relational)"
        ]
    );
    // The per-service answer does not know ownership: it is unchanged.
    assert_eq!(
        store_label(&r_of(&d, 3)),
        "PostgreSQL (relational) + Elasticsearch"
    );
}

fn r_of(d: &Decision, i: usize) -> Recommendation<'static> {
    recommend(cat(), &d.services[i].requirements)
}
