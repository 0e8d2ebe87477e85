//! serde over Python values: a request dict read straight into core's request types, without
//! writing JSON text for core to parse again.
//!
//! It takes only values that `convert::to_json` writes as JSON, and hands each one to serde as
//! serde_json hands that JSON (a number as serde_json reads the text `to_json` writes for it, see
//! `Number`), so that what it builds is the value the JSON door builds. Anything else (another
//! type, a value core refuses, a size near core's limits) is `Unusual`, and the caller takes the
//! JSON door, which raises the error exactly as before. Errors are never made here.

use crate::convert::{self, TextRule};
use giamngheo::limits::{MAX_INPUT_BYTES, MAX_STRING_BYTES};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use std::cell::Cell;
use std::fmt;

/// The dict read into `T`, or `None` when it is not read exactly as the JSON door would read it.
pub fn from_dict<T: DeserializeOwned>(dict: &Bound<'_, PyDict>) -> Option<T> {
    let budget = Cell::new(MAX_INPUT_BYTES);
    T::deserialize(PyValue { obj: dict.as_any(), budget: &budget, depth: 0 }).ok()
}

/// Not read here: the JSON door decides (and reports what is wrong).
#[derive(Debug)]
pub struct Unusual;

impl fmt::Display for Unusual {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not read directly; the JSON door decides")
    }
}

impl std::error::Error for Unusual {}

impl de::Error for Unusual {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unusual
    }
}

type Read<T> = Result<T, Unusual>;

/// The map key serde_json's `arbitrary_precision` uses to hand a number over as its text (its
/// private protocol, which `serde_json::Value` and rust_decimal read): how a number that is no
/// 64-bit integer reaches core's decimals without a float.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// Nesting beyond this is left to the JSON door (which refuses more than 128 levels).
const MAX_DEPTH: usize = 64;

/// The most characters a string may have here: escaped as JSON, one character takes at most 6
/// bytes (`\u001f`), so the text stays within core's limit for one string.
const MAX_CHARS: usize = MAX_STRING_BYTES / 6;

/// A number as serde_json reads the JSON text `to_json` writes for it: a 64-bit integer as such,
/// anything else as its text (`-0` too, as serde_json keeps it).
enum Number {
    Unsigned(u64),
    Signed(i64),
    Text(String),
}

impl Number {
    /// serde_json's rule for a number's text (`parse_any_number` with `arbitrary_precision`).
    fn of_text(text: String) -> Number {
        match text.strip_prefix('-') {
            None => text.parse().map_or(Number::Text(text), Number::Unsigned),
            Some(_) if text == "-0" => Number::Text(text),
            Some(_) => text.parse().map_or(Number::Text(text), Number::Signed),
        }
    }
}

/// What a Python value is as JSON.
enum Json<'py> {
    Null,
    Bool(bool),
    Str(String),
    Number(Number),
    Object(Vec<(String, Bound<'py, PyAny>)>),
    Array(Vec<Bound<'py, PyAny>>),
}

/// One Python value to deserialize. `budget` is what is left of core's limit on the size of a
/// request's JSON text, counted generously (every value as if it took its longest JSON form), so
/// that nothing read here would have been too long for the JSON door.
#[derive(Clone, Copy)]
struct PyValue<'a, 'py> {
    obj: &'a Bound<'py, PyAny>,
    budget: &'a Cell<usize>,
    depth: usize,
}

impl<'py> PyValue<'_, 'py> {
    fn spend(&self, bytes: usize) -> Read<()> {
        let left = self.budget.get().checked_sub(bytes).ok_or(Unusual)?;
        self.budget.set(left);
        Ok(())
    }

    fn text(&self, s: &Bound<'py, PyString>) -> Read<String> {
        let chars = s.len().map_err(|_| Unusual)?;
        if chars > MAX_CHARS {
            return Err(Unusual);
        }
        self.spend(6 * chars + 8)?;
        s.to_cow().map(|t| t.into_owned()).map_err(|_| Unusual)
    }

    fn number(&self, text: String) -> Read<Number> {
        self.spend(text.len() + 8)?;
        Ok(Number::of_text(text))
    }

    /// The value as `to_json` writes it, for the types it writes alike every time (exact types,
    /// so that no Python code of a subclass runs); anything else is `Unusual`.
    fn json(&self) -> Read<Json<'py>> {
        let v = self.obj;
        let py = v.py();
        if v.is_none() {
            self.spend(8)?;
            return Ok(Json::Null);
        }
        if let Ok(b) = v.cast::<PyBool>() {
            self.spend(8)?;
            return Ok(Json::Bool(b.is_true()));
        }
        // `to_json` takes any str (a subclass's own text, never its `__str__`).
        if let Ok(s) = v.cast::<PyString>() {
            return self.text(s).map(Json::Str);
        }
        if v.is_exact_instance_of::<PyInt>() {
            if let Ok(i) = v.extract::<i64>() {
                self.spend(28)?;
                return Ok(Json::Number(u64::try_from(i).map_or(Number::Signed(i), Number::Unsigned)));
            }
            let text = v.str().map_err(|_| Unusual)?;
            return self.number(self.text(&text)?).map(Json::Number);
        }
        let of_type = |ty: PyResult<&Bound<'py, PyType>>| ty.is_ok_and(|ty| v.get_type().as_ptr() == ty.as_ptr());
        if v.is_exact_instance_of::<PyFloat>() || of_type(convert::decimal_type(py)) {
            // A float as it prints, a Decimal as it is (core's rules, as `to_json` reads them).
            let d = convert::to_decimal(v, TextRule::Decimal).map_err(|_| Unusual)?;
            return self.number(d.to_string()).map(Json::Number);
        }
        if let Ok(d) = v.cast_exact::<PyDict>() {
            return self.object(d);
        }
        if v.is_exact_instance_of::<PyList>() || v.is_exact_instance_of::<PyTuple>() {
            return self.array();
        }
        if of_type(convert::datetime_type(py)) {
            let d = v.call_method0(intern!(py, "date")).map_err(|_| Unusual)?;
            return self.iso_date(&d);
        }
        if of_type(convert::date_type(py)) {
            return self.iso_date(v);
        }
        Err(Unusual)
    }

    fn iso_date(&self, d: &Bound<'py, PyAny>) -> Read<Json<'py>> {
        let text = d.call_method0(intern!(d.py(), "isoformat")).map_err(|_| Unusual)?;
        self.text(text.cast::<PyString>().map_err(|_| Unusual)?).map(Json::Str)
    }

    fn nested(&self) -> Read<()> {
        if self.depth >= MAX_DEPTH {
            return Err(Unusual);
        }
        self.spend(8)
    }

    /// The entries, taken out before any is read (reading one runs no code that could change
    /// the dict, but a copy keeps the iteration simple).
    fn object(&self, d: &Bound<'py, PyDict>) -> Read<Json<'py>> {
        self.nested()?;
        // Paid for before the copy, so that a huge dict is refused before it is copied.
        self.spend(d.len())?;
        let mut entries = Vec::with_capacity(d.len());
        for (k, v) in d.iter() {
            let key = k.cast::<PyString>().map_err(|_| Unusual)?;
            entries.push((self.text(key)?, v));
        }
        Ok(Json::Object(entries))
    }

    fn array(&self) -> Read<Json<'py>> {
        self.nested()?;
        self.spend(self.obj.len().map_err(|_| Unusual)?)?;
        let items = self.obj.try_iter().map_err(|_| Unusual)?;
        items.map(|item| item.map_err(|_| Unusual)).collect::<Read<Vec<_>>>().map(Json::Array)
    }

    fn child<'b>(&'b self, obj: &'b Bound<'py, PyAny>) -> PyValue<'b, 'py> {
        PyValue { obj, budget: self.budget, depth: self.depth + 1 }
    }
}

fn visit_number<'de, V: Visitor<'de>>(n: Number, visitor: V) -> Read<V::Value> {
    match n {
        Number::Unsigned(u) => visitor.visit_u64(u),
        Number::Signed(i) => visitor.visit_i64(i),
        Number::Text(text) => visitor.visit_map(NumberText(Some(text))),
    }
}

/// An integer for a field of an integer type: serde_json reads only an integer literal there.
fn visit_integer<'de, V: Visitor<'de>>(value: PyValue<'_, '_>, visitor: V) -> Read<V::Value> {
    match value.json()? {
        Json::Number(Number::Unsigned(u)) => visitor.visit_u64(u),
        Json::Number(Number::Signed(i)) => visitor.visit_i64(i),
        _ => Err(Unusual),
    }
}

macro_rules! integers {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value> {
            visit_integer(self, visitor)
        })*
    };
}

macro_rules! unusual {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, _: V) -> Read<V::Value> {
            Err(Unusual)
        })*
    };
}

impl<'de> de::Deserializer<'de> for PyValue<'_, '_> {
    type Error = Unusual;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value> {
        match self.json()? {
            Json::Null => visitor.visit_unit(),
            Json::Bool(b) => visitor.visit_bool(b),
            Json::Str(s) => visitor.visit_string(s),
            Json::Number(n) => visit_number(n, visitor),
            Json::Object(entries) => visit_object(self, entries, visitor),
            Json::Array(items) => visit_array(self, items, visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value> {
        match self.json()? {
            Json::Bool(b) => visitor.visit_bool(b),
            _ => Err(Unusual),
        }
    }

    integers!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
              deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64);

    // Floats, wide integers, chars, bytes and ignored values do not occur in core's requests:
    // left to the JSON door rather than matched to serde_json's reading of them.
    unusual!(deserialize_f32 deserialize_f64 deserialize_i128 deserialize_u128 deserialize_char
             deserialize_bytes deserialize_byte_buf deserialize_ignored_any);

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value> {
        match self.json()? {
            Json::Str(s) => visitor.visit_string(s),
            _ => Err(Unusual),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value> {
        if self.obj.is_none() {
            self.spend(8)?;
            return visitor.visit_none();
        }
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value> {
        match self.json()? {
            Json::Null => visitor.visit_unit(),
            _ => Err(Unusual),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Read<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Read<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value> {
        match self.json()? {
            Json::Array(items) => visit_array(self, items, visitor),
            _ => Err(Unusual),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Read<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _: &'static str, _: usize, visitor: V) -> Read<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value> {
        match self.json()? {
            Json::Object(entries) => visit_object(self, entries, visitor),
            _ => Err(Unusual),
        }
    }

    /// An object (serde_json also reads a struct from an array, which is left to it).
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Read<V::Value> {
        self.deserialize_map(visitor)
    }

    /// A unit variant given as its name (serde_json's other form, `{"variant": value}`, is left
    /// to it).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Read<V::Value> {
        match self.json()? {
            Json::Str(s) => visitor.visit_enum(IntoDeserializer::<Unusual>::into_deserializer(s)),
            _ => Err(Unusual),
        }
    }
}

fn visit_object<'de, V: Visitor<'de>>(
    parent: PyValue<'_, '_>,
    entries: Vec<(String, Bound<'_, PyAny>)>,
    visitor: V,
) -> Read<V::Value> {
    let mut map = Entries { parent, entries: entries.into_iter(), value: None };
    let out = visitor.visit_map(&mut map)?;
    // serde_json refuses what a visitor leaves unread (trailing entries); so does this.
    if map.entries.len() > 0 || map.value.is_some() {
        return Err(Unusual);
    }
    Ok(out)
}

fn visit_array<'de, V: Visitor<'de>>(
    parent: PyValue<'_, '_>,
    items: Vec<Bound<'_, PyAny>>,
    visitor: V,
) -> Read<V::Value> {
    let mut seq = Items { parent, items: items.into_iter() };
    let out = visitor.visit_seq(&mut seq)?;
    if seq.items.len() > 0 {
        return Err(Unusual);
    }
    Ok(out)
}

struct Entries<'a, 'py, I> {
    parent: PyValue<'a, 'py>,
    entries: I,
    value: Option<Bound<'py, PyAny>>,
}

impl<'de, 'py, I> de::MapAccess<'de> for Entries<'_, 'py, I>
where
    I: ExactSizeIterator<Item = (String, Bound<'py, PyAny>)>,
{
    type Error = Unusual;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Read<Option<K::Value>> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        self.value = Some(value);
        seed.deserialize(StringDeserializer::<Unusual>::new(key)).map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Read<S::Value> {
        let value = self.value.take().ok_or(Unusual)?;
        seed.deserialize(self.parent.child(&value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct Items<'a, 'py, I> {
    parent: PyValue<'a, 'py>,
    items: I,
}

impl<'de, 'py, I> de::SeqAccess<'de> for Items<'_, 'py, I>
where
    I: ExactSizeIterator<Item = Bound<'py, PyAny>>,
{
    type Error = Unusual;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Read<Option<S::Value>> {
        let Some(item) = self.items.next() else { return Ok(None) };
        seed.deserialize(self.parent.child(&item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// A number's text as serde_json hands it over: a map of one entry, `NUMBER_TOKEN` to the text.
struct NumberText(Option<String>);

impl<'de> de::MapAccess<'de> for NumberText {
    type Error = Unusual;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Read<Option<K::Value>> {
        if self.0.is_none() {
            return Ok(None);
        }
        seed.deserialize(BorrowedStrDeserializer::<Unusual>::new(NUMBER_TOKEN)).map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Read<S::Value> {
        let text = self.0.take().ok_or(Unusual)?;
        seed.deserialize(StringDeserializer::<Unusual>::new(text))
    }
}
