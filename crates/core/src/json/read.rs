//! A strict JSON reader (RFC 8259) producing [`Value`].
//!
//! Designed to be fed anything: it never panics, recursion is bounded by [`MAX_DEPTH`] whatever the input size,
//! and every error carries a 1-based line and column (in characters) and a message naming what was expected.
//! Rejected, like `serde_json` does: duplicate object keys, lone surrogates in `\u` escapes, unescaped control
//! characters in strings, and anything but whitespace after the value. Numbers are kept as written (see
//! [`Value::Number`]); their range is checked where they are used.

use super::Value;
use std::fmt;

/// How many arrays and objects may be open at once.
pub const MAX_DEPTH: usize = 64;

/// Why a text is not JSON, and where: `line` and `column` are 1-based and count characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ParseError {}

/// Parses one JSON value (surrounded by optional whitespace).
pub fn parse(text: &str) -> Result<Value, ParseError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    reader
        .document()
        .map_err(|(pos, message)| error_at(text, pos, message))
}

/// An error before it is located: byte offset and message.
type Fail = (usize, String);

fn error_at(text: &str, pos: usize, message: String) -> ParseError {
    let before = text.as_bytes().get(..pos).unwrap_or(text.as_bytes());
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let chars = |bytes: &[u8]| bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    ParseError {
        line: before.iter().filter(|&&b| b == b'\n').count() + 1,
        column: chars(before.get(line_start..).unwrap_or_default()) + 1,
        message,
    }
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

fn fail<T>(pos: usize, message: &str) -> Result<T, Fail> {
    Err((pos, message.to_string()))
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn document(&mut self) -> Result<Value, Fail> {
        let value = self.value(0)?;
        self.skip_whitespace();
        if self.pos < self.bytes.len() {
            return fail(self.pos, "unexpected text after the JSON value");
        }
        Ok(value)
    }

    /// A value after optional whitespace; `depth` counts the arrays and objects already open.
    fn value(&mut self, depth: usize) -> Result<Value, Fail> {
        self.skip_whitespace();
        let start = self.pos;
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            None => fail(start, "expected a value, found the end of the text"),
            Some(_) => fail(start, "expected a value"),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, Fail> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err((self.pos, format!("expected '{word}'")))
        }
    }

    /// Steps past an opening bracket, refusing to go deeper than `MAX_DEPTH`.
    fn open(&mut self, depth: usize) -> Result<(), Fail> {
        if depth >= MAX_DEPTH {
            return Err((self.pos, format!("nesting deeper than {MAX_DEPTH}")));
        }
        self.pos += 1;
        self.skip_whitespace();
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<Value, Fail> {
        self.open(depth)?;
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return fail(self.pos, "expected ',' or ']' after an array element"),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, Fail> {
        self.open(depth)?;
        let mut pairs = Vec::new();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(pairs));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                let message = if pairs.is_empty() {
                    "expected a string key or '}'"
                } else {
                    "expected a string key after ','"
                };
                return fail(self.pos, message);
            }
            let key_start = self.pos;
            let key = self.string()?;
            // A linear scan: quadratic in the size of one object, but no sorting or hashing code in the
            // wasm, and hand-written objects are small.
            if pairs.iter().any(|(k, _): &(String, Value)| *k == key) {
                let mut message = String::from("duplicate key ");
                super::write_string(&mut message, &key);
                return Err((key_start, message));
            }
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                return fail(self.pos, "expected ':' after an object key");
            }
            self.pos += 1;
            let value = self.value(depth + 1)?;
            pairs.push((key, value));
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(pairs));
                }
                _ => return fail(self.pos, "expected ',' or '}' after an object member"),
            }
        }
    }

    /// A string literal starting at the current `"`; returns its decoded text.
    fn string(&mut self) -> Result<String, Fail> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let run = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // `run..pos` stops before an ASCII byte or at the end, so it lies on character boundaries.
            out.push_str(self.text.get(run..self.pos).unwrap_or_default());
            match self.peek() {
                None => return fail(open, "unterminated string"),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => self.escape(&mut out)?,
                Some(_) => {
                    return fail(
                        self.pos,
                        "control character in a string (escape it, e.g. \\n or \\u0000)",
                    )
                }
            }
        }
    }

    /// An escape sequence starting at the current backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), Fail> {
        let start = self.pos;
        let Some(b) = self.bytes.get(self.pos + 1).copied() else {
            return fail(start, "unterminated string");
        };
        self.pos += 2;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => self.unicode_escape(start)?,
            _ => {
                let shown = self
                    .text
                    .get(start + 1..)
                    .and_then(|s| s.chars().next())
                    .unwrap_or('?');
                return Err((start, format!("invalid escape '\\{shown}' in a string")));
            }
        };
        out.push(c);
        Ok(())
    }

    /// The rest of a `\u` escape (after `\u`), joining a surrogate pair into one character.
    fn unicode_escape(&mut self, start: usize) -> Result<char, Fail> {
        let high = self.hex4(start)?;
        let code = match high {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                    return Err((
                        start,
                        format!("unpaired surrogate \\u{high:04X} in a string"),
                    ));
                }
                let second = self.pos;
                self.pos += 2;
                let low = self.hex4(second)?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err((
                        start,
                        format!("unpaired surrogate \\u{high:04X} in a string"),
                    ));
                }
                0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            }
            0xDC00..=0xDFFF => {
                return Err((
                    start,
                    format!("unpaired surrogate \\u{high:04X} in a string"),
                ))
            }
            _ => high,
        };
        char::from_u32(code).map_or_else(|| fail(start, "invalid \\u escape"), Ok)
    }

    fn hex4(&mut self, start: usize) -> Result<u32, Fail> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self.peek().and_then(|b| (b as char).to_digit(16));
            let Some(digit) = digit else {
                return fail(start, "expected 4 hex digits after \\u");
            };
            code = code * 16 + digit;
            self.pos += 1;
        }
        Ok(code)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value, Fail> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.digits() {
            0 => return fail(self.pos, "expected a digit in a number"),
            n if n > 1 && self.bytes.get(int_start) == Some(&b'0') => {
                return fail(int_start, "leading zeros are not allowed in a number")
            }
            _ => {}
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return fail(self.pos, "expected a digit after '.' in a number");
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return fail(self.pos, "expected a digit in a number's exponent");
            }
        }
        let text = self.text.get(start..self.pos).unwrap_or_default();
        Ok(Value::Number(text.to_string()))
    }
}
