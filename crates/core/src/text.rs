//! Writing lists into text: the one place that puts separators between items, for the cards, the answers, the
//! entity names and the app's notices. A `dyn` iterator and a plain function per item, so that the app carries
//! one instance of it rather than one `join` per item type (docs/PERFORMANCE.md).

/// Writes `items` into `out` with `sep` between them and `last` before the last one ("a, b and c" with
/// `(", ", " and ")`); `item` writes one (as it is: `String::push_str`; escaped: `diagrams::escape_xml`).
pub fn push_list<'a>(
    out: &mut String,
    items: &mut dyn Iterator<Item = &'a str>,
    (sep, last): (&str, &str),
    item: fn(&mut String, &str),
) {
    let Some(mut held) = items.next() else {
        return;
    };
    let mut first = true;
    for next in items {
        if !first {
            out.push_str(sep);
        }
        item(out, held);
        first = false;
        held = next;
    }
    if !first {
        out.push_str(last);
    }
    item(out, held);
}

/// `items`, comma-separated, as they are.
pub fn comma_list(items: &mut dyn Iterator<Item = &str>) -> String {
    let mut line = String::new();
    push_list(&mut line, items, (", ", ", "), String::push_str);
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn and_list(items: &[&str]) -> String {
        let mut line = String::new();
        push_list(
            &mut line,
            &mut items.iter().copied(),
            (", ", " and "),
            String::push_str,
        );
        line
    }

    #[test]
    fn lists_read_as_a_sentence() {
        assert_eq!(and_list(&[]), "");
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b"]), "a and b");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(comma_list(&mut ["x", "y", "z"].into_iter()), "x, y, z");
    }

    #[test]
    fn each_item_is_written_by_the_function_given() {
        let mut out = String::new();
        push_list(
            &mut out,
            &mut ["<a>", "b&"].into_iter(),
            ("; ", "; "),
            crate::diagrams::escape_xml,
        );
        assert_eq!(out, "&lt;a&gt;; b&amp;");
    }
}
