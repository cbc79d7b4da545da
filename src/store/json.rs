//! The JSON store's wire format: text -> the entries of the article array -> [`RawArticle`]s.
//!
//! Reading happens in two stages, so that neither builds a `serde_json::Value` tree (which cost
//! more than the parse itself: a map per article, a string per key, a remove per field) and so
//! that the second can run on several threads:
//!
//! 1. [`split()`] reads the document's outer shape and returns the text of each entry of the
//!    article array, borrowed from the file's text, having only checked its JSON syntax;
//! 2. [`read_entry()`] reads one entry straight into a [`RawArticle`] with a visitor that takes
//!    any JSON value for any field and names its type, so a field of the wrong type costs only a
//!    warning for that field, as the reference reader in [`tree`] does.
//!
//! Neither stage explains a failure: when either cannot vouch for a store (a JSON error, a wrong
//! shape, a repeated `articles` key, nesting near serde_json's depth limit), the caller reads
//! the store again with [`tree`], whose errors and results are the definition. This step only
//! reads types; what the text means and how it is cleaned is [`super::build()`]'s business.

#[doc(hidden)]
pub mod tree;

pub mod stream;

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer as _, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::build::{Field, FieldProblem, RawArticle, RawPublished};

/// The key of the article array when the store is an object.
pub(super) const ARTICLES: &str = "articles";

/// serde_json refuses to enter a 128th nested array or object. Both readers read each entry of
/// the article array with a parser of its own, so depth counts from the entry's object; the
/// fast reader counts levels itself and gives up early, leaving the verdict near the limit to
/// the reference reader.
const MAX_LEVEL: usize = 126;

/// What stood where the store's article array should be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The top level is neither an array nor an object.
    TopLevel(&'static str),
    /// The object's `articles` is not an array.
    ArticlesNotArray(&'static str),
    /// The object has no `articles`.
    NoArticles,
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shape::TopLevel(kind) => f.write_str(kind),
            Shape::ArticlesNotArray(kind) => write!(f, "\"{ARTICLES}\" is {kind}"),
            Shape::NoArticles => write!(f, "an object without \"{ARTICLES}\""),
        }
    }
}

/// An entry of the article array that the store cannot take as an article; the store skips it
/// and reads the others.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotAnArticle {
    /// Not an object: its type.
    #[error("expected an object, found {0}; skipped")]
    Kind(&'static str),
    /// Arrays and objects nested deeper inside it than the JSON parser goes (128 levels,
    /// counting the article's own object); where the limit was reached, in the file.
    #[error(
        "nested more than 127 levels deep (line {line}, column {column}); the article is skipped"
    )]
    TooDeep {
        /// Its `id`, when one could be read beside the deep part.
        id: Option<String>,
        line: usize,
        column: usize,
    },
}

/// The entries of a store's article array, as text borrowed from the store.
#[derive(Debug)]
pub struct Entries<'a> {
    pub items: Vec<&'a str>,
}

impl Entries<'_> {
    /// Reads entry `i` (see [`read_entry`]); `None` when out of range.
    pub fn read(&self, i: usize) -> Option<Result<Entry, serde_json::Error>> {
        self.items.get(i).map(|item| read_entry(item))
    }
}

/// One entry of the article array, read.
pub type Entry = Result<RawArticle, NotAnArticle>;

/// The first stage: the document's shape and the text of each entry of its article array, or
/// `None` when the store must be read by [`tree`] (any error, any other shape, `articles` given
/// twice, where the reference keeps the last but has checked the first fully).
pub fn split(text: &str) -> Option<Entries<'_>> {
    // A UTF-8 byte order mark is legal in files written by some editors.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut de = serde_json::Deserializer::from_str(text);
    let items = de.deserialize_any(Document).ok()?;
    de.end().ok()?;
    Some(Entries {
        items: items.into_iter().map(RawValue::get).collect(),
    })
}

/// The second stage: one entry, given as its text, read into a raw article. Its depth counts
/// from the entry (the reference reader, too, reads each entry with a parser of its own). An
/// error means the entry is not valid JSON as the reference reader sees it (a lone surrogate, a
/// number out of range) or is nested too deeply for this reader to vouch for, and the store
/// must be read by [`tree`].
pub fn read_entry(item: &str) -> Result<Entry, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(item);
    let wire = Wire::seed(1, Role::Entry).deserialize(&mut de)?;
    de.end()?;
    Ok(match wire {
        Wire::Article(fields) => Ok(raw_article(*fields)),
        other => Err(NotAnArticle::Kind(other.kind())),
    })
}

/// Whether `text` is one value that may stand beside `articles` in the top-level object, as
/// [`split()`] checks such a value (depth counted from the document).
pub(super) fn is_other_value(text: &str) -> bool {
    let mut de = serde_json::Deserializer::from_str(text);
    Skip { level: 2 }.deserialize(&mut de).is_ok() && de.end().is_ok()
}

/// Refuses to enter a container at `level`, past which the fast reader does not go.
fn enter<E: de::Error>(level: usize) -> Result<(), E> {
    if level >= MAX_LEVEL {
        Err(E::custom("nested too deeply for the fast reader"))
    } else {
        Ok(())
    }
}

/// The visitor of the whole document: an array of entries, or an object with one `articles`
/// array among other keys.
struct Document;

impl<'de> Visitor<'de> for Document {
    type Value = Vec<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of articles or an object with an \"articles\" array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        ArticleArray.visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut items = None;
        while let Some(is_articles) = map.next_key_seed(IsArticles)? {
            if !is_articles {
                map.next_value_seed(Skip { level: 2 })?;
            } else if items.is_some() {
                return Err(de::Error::custom("\"articles\" given twice"));
            } else {
                items = Some(map.next_value_seed(ArticleArray)?);
            }
        }
        match items {
            Some(items) => Ok(items),
            None => Err(de::Error::custom("no \"articles\"")),
        }
    }
}

/// The article array: each entry's text, its syntax checked but nothing read.
struct ArticleArray;

impl<'de> DeserializeSeed<'de> for ArticleArray {
    type Value = Vec<&'de RawValue>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ArticleArray {
    type Value = Vec<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of articles")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element::<&'de RawValue>()? {
            items.push(item);
        }
        Ok(items)
    }
}

/// A key of the top-level object: whether it is `articles`.
struct IsArticles;

impl<'de> DeserializeSeed<'de> for IsArticles {
    type Value = bool;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for IsArticles {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == ARTICLES)
    }
}

/// Any JSON value, read in full (every string decoded, every number converted, as the
/// reference reader does, so a value it refuses is refused here too) and thrown away.
struct Skip {
    level: usize,
}

impl<'de> DeserializeSeed<'de> for Skip {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        enter(self.level)?;
        while seq
            .next_element_seed(Skip {
                level: self.level + 1,
            })?
            .is_some()
        {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        enter(self.level)?;
        while map.next_key_seed(Skip { level: 0 })?.is_some() {
            map.next_value_seed(Skip {
                level: self.level + 1,
            })?;
        }
        Ok(())
    }
}

/// Where a value sits, which decides how much of it is kept.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An entry of the article array: an object is an article; anything else only has a type.
    Entry,
    /// The value of an article's field: scalars are kept, and so is an array, one level deep.
    Field,
    /// An entry of a field's array: scalars are kept; an array or object only has a type.
    Item,
}

/// A JSON value as far as the store cares: strings and integers, with their text; arrays of
/// them, for list fields; and for anything else, its type, as warnings name it.
#[derive(Debug)]
enum Wire {
    Null,
    Str(String),
    /// An integer, as its decimal digits (ids and related ids may be integers).
    Int(String),
    Array(Vec<Wire>),
    /// An article's known fields.
    Article(Box<Fields>),
    /// Anything else: a boolean, a number that is no integer, an object.
    Other(&'static str),
}

/// An article's known fields as written, by [`Field`] index; a field given twice keeps the last
/// value, as serde_json's maps do.
type Slots = [Option<Wire>; Field::ALL.len()];

/// How many times each known field of an article is given again after its first, by [`Field`]
/// index.
pub(crate) type Repeats = [usize; Field::ALL.len()];

/// An article's known fields, and how often its object repeats each.
#[derive(Debug, Default)]
struct Fields {
    slots: Slots,
    repeats: Repeats,
}

impl Wire {
    fn seed(level: usize, role: Role) -> WireSeed {
        WireSeed { level, role }
    }

    /// The JSON type, as warnings name it.
    fn kind(&self) -> &'static str {
        match self {
            Wire::Null => "null",
            Wire::Str(_) => "a string",
            Wire::Int(_) => "a number",
            Wire::Array(_) => "an array",
            Wire::Article(_) => "an object",
            Wire::Other(kind) => kind,
        }
    }
}

#[derive(Clone, Copy)]
struct WireSeed {
    level: usize,
    role: Role,
}

impl<'de> DeserializeSeed<'de> for WireSeed {
    type Value = Wire;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Wire, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for WireSeed {
    type Value = Wire;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Wire, E> {
        Ok(Wire::Other("a boolean"))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Wire, E> {
        Ok(Wire::Int(n.to_string()))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Wire, E> {
        Ok(Wire::Int(n.to_string()))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Wire, E> {
        Ok(Wire::Other(NOT_AN_INTEGER))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Wire, E> {
        Ok(Wire::Str(s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Wire, E> {
        Ok(Wire::Str(s))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Wire, E> {
        Ok(Wire::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Wire, A::Error> {
        if self.role != Role::Field {
            Skip { level: self.level }.visit_seq(seq)?;
            return Ok(Wire::Other("an array"));
        }
        enter(self.level)?;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(Wire::seed(self.level + 1, Role::Item))? {
            items.push(item);
        }
        Ok(Wire::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Wire, A::Error> {
        if self.role != Role::Entry {
            Skip { level: self.level }.visit_map(map)?;
            return Ok(Wire::Other("an object"));
        }
        enter(self.level)?;
        let mut fields: Box<Fields> = Box::default();
        while let Some(field) = map.next_key_seed(FieldKey)? {
            match field {
                Some(field) => {
                    let value = map.next_value_seed(Wire::seed(self.level + 1, Role::Field))?;
                    if fields.slots[field as usize].replace(value).is_some() {
                        fields.repeats[field as usize] += 1;
                    }
                }
                None => map.next_value_seed(Skip {
                    level: self.level + 1,
                })?,
            }
        }
        Ok(Wire::Article(fields))
    }
}

/// A key of an article: the field it names, if it is one the store reads.
struct FieldKey;

impl<'de> DeserializeSeed<'de> for FieldKey {
    type Value = Option<Field>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<Field>, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for FieldKey {
    type Value = Option<Field>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<Field>, E> {
        Ok(Field::named(key))
    }
}

/// An article's fields into a raw article, in the order [`tree::raw_article`] reads them, which
/// is the order its problems are reported in.
fn raw_article(fields: Fields) -> RawArticle {
    let Fields { mut slots, repeats } = fields;
    let mut take = |field: Field| slots[field as usize].take();
    let mut problems = repeated_problems(&repeats);
    let id = read_id(take(Field::Id), &mut problems);
    let title = read_title(take(Field::Title), &mut problems);
    let published = string(
        take(Field::Published),
        Field::Published,
        "the article is kept undated",
        &mut problems,
    )
    .map(RawPublished::Text);
    let mut optional = |field: Field| string(take(field), field, "field ignored", &mut problems);
    let summary = optional(Field::Summary);
    let section = optional(Field::Section);
    let source = optional(Field::Source);
    let url = optional(Field::Url);
    let body = read_body(take(Field::Body), &mut problems);
    let mut list = |field: Field| string_list(take(field), field, &mut problems);
    let persons = list(Field::Persons);
    let related = list(Field::Related);
    let tags = list(Field::Tags);
    let captions = list(Field::Captions);
    RawArticle {
        id,
        title,
        published,
        summary,
        body,
        persons,
        related,
        section,
        source,
        url,
        tags,
        captions,
        problems,
    }
}

/// The warnings of the fields an article gives more than once, in field order, before any
/// other: JSON leaves a repeated key's meaning open, and tuinews, like serde_json, reads the
/// last.
pub(crate) fn repeated_problems(repeats: &Repeats) -> Vec<FieldProblem> {
    Field::ALL
        .into_iter()
        .zip(repeats)
        .filter(|&(_, &extra)| extra > 0)
        .map(|(field, extra)| FieldProblem {
            field,
            message: format!("given {} times; the last is read", extra.saturating_add(1)),
        })
        .collect()
}

/// How warnings name a number that no 64-bit integer holds exactly (past 2^64, with a
/// fraction or an exponent, or -0): JSON readers take it as a float, so an id written so would
/// not keep its digits.
pub(crate) const NOT_AN_INTEGER: &str = "a number that is not a 64-bit integer";

/// The warning of an id of the wrong type, `found` naming what it was.
pub(crate) fn id_problem(found: &str) -> String {
    let hint = if found == NOT_AN_INTEGER {
        " (write it as a string, \"…\", to keep it exactly)"
    } else {
        ""
    };
    format!("expected a string or an integer, found {found}{hint}; article skipped")
}

/// An id is a string or an integer (written as its decimal digits, so `7` and `"7"` are the
/// same article).
fn read_id(value: Option<Wire>, problems: &mut Vec<FieldProblem>) -> Option<String> {
    match value? {
        Wire::Str(s) | Wire::Int(s) => Some(s),
        other => {
            problems.push(FieldProblem {
                field: Field::Id,
                message: id_problem(other.kind()),
            });
            None
        }
    }
}

/// A title must be a string; unlike the optional fields, `null` is no way to leave it out.
fn read_title(value: Option<Wire>, problems: &mut Vec<FieldProblem>) -> Option<String> {
    match value? {
        Wire::Str(s) => Some(s),
        other => {
            problems.push(FieldProblem {
                field: Field::Title,
                message: format!("expected a string, found {}; article skipped", other.kind()),
            });
            None
        }
    }
}

/// An optional string field; `null` counts as absent, another type is a problem whose consequence
/// `otherwise` names.
fn string(
    value: Option<Wire>,
    field: Field,
    otherwise: &str,
    problems: &mut Vec<FieldProblem>,
) -> Option<String> {
    match value? {
        Wire::Null => None,
        Wire::Str(s) => Some(s),
        other => {
            problems.push(FieldProblem {
                field,
                message: format!("expected a string, found {}; {otherwise}", other.kind()),
            });
            None
        }
    }
}

/// An array of strings; entries of another type are dropped one by one.
fn string_list(value: Option<Wire>, field: Field, problems: &mut Vec<FieldProblem>) -> Vec<String> {
    let items = match value {
        None | Some(Wire::Null) => return Vec::new(),
        Some(Wire::Array(items)) => items,
        Some(other) => {
            problems.push(FieldProblem {
                field,
                message: format!(
                    "expected an array of strings, found {}; field ignored",
                    other.kind()
                ),
            });
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Wire::Str(s) => out.push(s),
            // Related ids may be integers, like article ids.
            Wire::Int(n) if field == Field::Related => out.push(n),
            other => problems.push(FieldProblem {
                field,
                message: format!("entry {i} is {}, not a string; entry dropped", other.kind()),
            }),
        }
    }
    out
}

/// `body` is a string whose blank lines separate paragraphs, or an array of such strings.
fn read_body(value: Option<Wire>, problems: &mut Vec<FieldProblem>) -> Vec<String> {
    let mut warn = |message: String| {
        problems.push(FieldProblem {
            field: Field::Body,
            message,
        });
    };
    match value {
        None | Some(Wire::Null) => Vec::new(),
        Some(Wire::Str(s)) => vec![s],
        Some(Wire::Array(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                match item {
                    Wire::Str(s) => out.push(s),
                    other => warn(format!(
                        "paragraph {i} is {}, not a string; paragraph dropped",
                        other.kind()
                    )),
                }
            }
            out
        }
        Some(other) => {
            warn(format!(
                "expected a string or an array of strings, found {}; body ignored",
                other.kind()
            ));
            Vec::new()
        }
    }
}

/// `serde_json`'s message without its trailing " at line L column C" (we print those ourselves).
pub(super) fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(pos) => full[..pos].to_owned(),
        None => full,
    }
}
