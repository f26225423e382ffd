//! Text cleaning, conservative width estimates and fitting (wrap, shrink, truncate).

/// Line height as a multiple of the font size.
pub const LINE_HEIGHT: f32 = 1.25;
/// The smallest font size text is shrunk to before it is truncated.
pub const MIN_FONT: f32 = 9.0;

/// Estimated advance of one character, in ems (deliberately generous).
pub fn char_em(c: char) -> f32 {
    match c {
        'M' | 'W' | 'm' | 'w' | '@' | '%' => 0.95,
        'A'..='Z' => 0.75,
        ' '..='~' => 0.62,
        _ if is_wide(c) => 1.3,
        _ => 0.9,
    }
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2300..=0x23FF | 0x2600..=0x27BF | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x1F000..=0x1FAFF | 0x20000..=0x3FFFD)
}

/// Estimated rendered width of `s` at `font_size` px (counts chars, not bytes).
pub fn text_width(s: &str, font_size: f32) -> f32 {
    s.chars().map(char_em).sum::<f32>() * font_size
}

/// Removes control and bidi-override characters and collapses whitespace runs to one space.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            space = true;
        } else if !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
        {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Widths are estimates summed in floating point; this much (a thousandth of a pixel) absorbs the rounding,
/// so a text measured as fitting is never wrapped for it.
const ROUNDING: f32 = 0.001;

/// Greedy word wrap; words wider than `max_w` are broken between characters. Line widths are summed as
/// words are added (measuring each line anew made wrapping quadratic).
fn wrap(text: &str, max_w: f32, fs: f32) -> Vec<String> {
    let limit = max_w + ROUNDING;
    let space = text_width(" ", fs);
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0.0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = text_width(word, fs);
        let joined = if cur.is_empty() { w } else { cur_w + space + w };
        if joined <= limit {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
            cur_w = joined;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        if w <= limit {
            cur.push_str(word);
            cur_w = w;
            continue;
        }
        cur_w = 0.0;
        for c in word.chars() {
            let c_w = char_em(c) * fs;
            if !cur.is_empty() && cur_w + c_w > limit {
                lines.push(std::mem::take(&mut cur));
                cur_w = 0.0;
            }
            cur.push(c);
            cur_w += c_w;
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

/// How many lines greedy wrapping makes of words of these widths at `max_w`, when none is wider than that:
/// [`wrap`]'s arithmetic without building the lines.
fn line_count(widths: &[f32], space: f32, max_w: f32) -> usize {
    let limit = max_w + ROUNDING;
    let mut lines = 0;
    let mut cur_w = None;
    for &w in widths {
        cur_w = match cur_w {
            Some(cur) if cur + space + w <= limit => Some(cur + space + w),
            _ => {
                lines += 1;
                Some(w)
            }
        };
    }
    lines.max(1)
}

/// Word wrap into as few lines as greedy wrapping at `max_w` needs, each as short as that count allows
/// (the narrowest width that still gives that count): lines come out even, and a last line holds a lone
/// word only when the words cannot be spread. The same text at the same width always wraps the same way.
pub fn wrap_balanced(text: &str, max_w: f32, fs: f32) -> Vec<String> {
    let greedy = wrap(text, max_w, fs);
    let widths: Vec<f32> = text
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| text_width(w, fs))
        .collect();
    let widest_word = widths.iter().copied().fold(0.0, f32::max);
    if greedy.len() < 2 || widest_word >= max_w {
        return greedy;
    }
    // Greedy line counts only grow as the width shrinks, so the narrowest width is found by bisection,
    // from the least any line could need: the widest word, or an even share of the whole text.
    let space = text_width(" ", fs);
    let even_share = text_width(text, fs) / greedy.len() as f32;
    let (mut lo, mut hi) = (widest_word.max(even_share) - 1.0, max_w);
    while hi - lo > 0.5 {
        let mid = (lo + hi) / 2.0;
        if line_count(&widths, space, mid) <= greedy.len() {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let balanced = wrap(text, hi, fs);
    if balanced.len() == greedy.len() {
        balanced
    } else {
        greedy
    }
}

/// Fits paragraphs into `max_w`: wraps each (balanced) onto at most `max_lines` lines, shrinking the font
/// from `base` down to [`MIN_FONT`], and finally truncating with "…". Returns lines and font size.
pub fn fit(paras: &[String], max_w: f32, base: f32, max_lines: usize) -> (Vec<String>, f32) {
    let mut fs = base;
    loop {
        let fits = paras.iter().all(|p| wrap(p, max_w, fs).len() <= max_lines);
        if fits || fs <= MIN_FONT {
            let mut out = Vec::new();
            for p in paras {
                let mut l = wrap(p, max_w, fs);
                if l.len() <= max_lines {
                    l = wrap_balanced(p, max_w, fs);
                } else {
                    // Cut: full lines show the most of the text.
                    l.truncate(max_lines);
                    let last = l.last_mut().expect("max_lines >= 1");
                    while !last.is_empty() && text_width(last, fs) + text_width("…", fs) > max_w {
                        last.pop();
                    }
                    last.truncate(last.trim_end().len());
                    last.push('…');
                }
                out.extend(l);
            }
            return (out, fs);
        }
        fs = (fs - 1.0).max(MIN_FONT);
    }
}
