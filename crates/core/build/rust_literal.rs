//! A serde serializer that writes a value as a Rust expression a `static` can hold: strings and lists become
//! `Cow::Borrowed` literals, structs struct literals, newtypes `Name(…)`, `Option`s `Some`/`None`, unit
//! variants `Type::Variant`.
//! The catalogue's types (`src/catalog/model.rs`) use only these shapes; anything else is an error that names
//! the shape, so a new kind of field fails the build loudly instead of being written wrong.

use serde::ser::{self, Serialize};
use std::fmt::{self, Write};

/// Writes `value` as a Rust expression. Field names come from serde, so a field renamed there (kebab-case)
/// is written back in snake case; the struct `Catalog` gets its `index` cell, which serde skips: the static
/// `BUILTIN_INDEX` that `src/catalog.rs` includes beside it (written by `index_literal.rs`).
/// The text of each field named in `left` (as `(struct, field)`) is written as `LEFT_OUT`: every string in it,
/// however deep, except empty ones (so emptiness, lengths and every id outside those fields are as in
/// `value`).
pub fn to_rust<T: Serialize>(
    value: &T,
    left: &'static [(&'static str, &'static str)],
) -> Result<String, Error> {
    let mut out = String::with_capacity(64 * 1024);
    value.serialize(&mut Writer {
        out: &mut out,
        left,
        leaving: false,
    })?;
    Ok(out)
}

/// What a left-out text reads (tests check that none reaches the page).
pub const LEFT_OUT: &str = "[text left to the on-demand module]";

#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

struct Writer<'a> {
    out: &'a mut String,
    left: &'static [(&'static str, &'static str)],
    /// Inside a left-out field.
    leaving: bool,
}

fn unsupported<T>(what: &str) -> Result<T, Error> {
    Err(Error(format!("cannot write {what} as a Rust literal")))
}

impl Writer<'_> {
    fn put(&mut self, text: impl fmt::Display) -> Result<(), Error> {
        write!(self.out, "{text}").map_err(|e| Error(e.to_string()))
    }
}

impl<'a, 'b> ser::Serializer for &'b mut Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = &'b mut Writer<'a>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = Struct<'a, 'b>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.put(v)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.put(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.put(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.put(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.put(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.put(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.put(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.put(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.put(v)
    }
    fn serialize_f32(self, _: f32) -> Result<(), Error> {
        unsupported("a float")
    }
    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        unsupported("a float")
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.put(format_args!("{v:?}"))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        let v = if self.leaving && !v.is_empty() {
            LEFT_OUT
        } else {
            v
        };
        // `{:?}` writes a valid Rust string literal (quotes, backslashes and control characters escaped).
        self.put(format_args!("::std::borrow::Cow::Borrowed({v:?})"))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        unsupported("bytes")
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.put("None")
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        self.put("Some(")?;
        value.serialize(&mut *self)?;
        self.put(")")
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.put("()")
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Error> {
        self.put(name)
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        // serde gives the renamed variant (`adopt`); the Rust variant is its UpperCamelCase (`Adopt`).
        self.put(format_args!("{name}::{}", upper_camel(variant)))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.put(format_args!("{name}("))?;
        value.serialize(&mut *self)?;
        self.put(")")
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        unsupported("a newtype variant")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        self.put("::std::borrow::Cow::Borrowed(&[")?;
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        unsupported("a tuple")
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        unsupported("a tuple struct")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        unsupported("a tuple variant")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        unsupported("a map")
    }
    fn serialize_struct(
        self,
        name: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        self.put(format_args!("{name} {{"))?;
        Ok(Struct { writer: self, name })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        unsupported("a struct variant")
    }
}

impl ser::SerializeSeq for &mut Writer<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut **self)?;
        self.put(",")
    }
    fn end(self) -> Result<(), Error> {
        self.put("])")
    }
}

pub struct Struct<'a, 'b> {
    writer: &'b mut Writer<'a>,
    name: &'static str,
}

impl ser::SerializeStruct for Struct<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.writer
            .put(format_args!("{}: ", key.replace('-', "_")))?;
        let outer = self.writer.leaving;
        self.writer.leaving |= self.writer.left.contains(&(self.name, key));
        value.serialize(&mut *self.writer)?;
        self.writer.leaving = outer;
        self.writer.put(",")
    }
    fn end(self) -> Result<(), Error> {
        if self.name == "Catalog" {
            self.writer
                .put("index: IndexCell::Static(&BUILTIN_INDEX),")?;
        }
        self.writer.put("}")
    }
}

fn upper_camel(variant: &str) -> String {
    variant
        .split(['-', '_'])
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect()
}
