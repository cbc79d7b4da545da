//! The reference reader of the JSON store: the whole document into a `serde_json::Value` tree,
//! then each entry into a [`RawArticle`].
//!
//! It is simple enough to be obviously right, so it stays as the definition the fast reader in
//! [`super`] is tested against, and the path taken for every store the fast reader will not vouch
//! for (a JSON error, a wrong top-level shape, a repeated `articles` key), so errors keep their
//! exact message and position.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{ARTICLES, NotAnArticle, Repeats, Shape, json_message, repeated_problems};
use crate::store::StoreError;
use crate::store::build::{Field, FieldProblem, RawArticle, RawPublished};

/// One entry of the article array: its value, and how often an object entry repeats each known
/// field (a `Value` map keeps only the last of a repeated key, so the count is taken apart).
#[derive(Debug)]
pub struct Item {
    pub value: Value,
    pub repeats: Repeats,
    /// Set when the entry is nested past the parser's depth limit (and `value` is null): its
    /// id if one could be read, and the line and column in the file where the limit was met.
    pub too_deep: Option<(Option<String>, usize, usize)>,
}

impl From<Value> for Item {
    /// An entry with no repeated field.
    fn from(value: Value) -> Item {
        Item {
            value,
            repeats: Repeats::default(),
            too_deep: None,
        }
    }
}

/// The entries of the article array: either the whole document is an array, or an object holds
/// it under `articles` (so a store can carry other keys beside it).
pub fn article_values(text: &str, file: &str) -> Result<Vec<Item>, StoreError> {
    // A UTF-8 byte order mark is legal in files written by some editors.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let json_error = |(e, line, column): (serde_json::Error, usize, usize)| StoreError::Json {
        file: file.to_owned(),
        line,
        column,
        message: json_message(&e),
    };
    let failed = RefCell::new(None);
    let top = Part {
        text,
        failed: &failed,
        top: true,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let found = top.deserialize(&mut de).and_then(|found| {
        de.end()?;
        Ok(found)
    });
    // An entry's own parser failed: its error, placed in the whole file, is the store's.
    if let Some(entry_error) = failed.into_inner() {
        return Err(json_error(entry_error));
    }
    let found = found.map_err(|e| {
        let (line, column) = (e.line(), e.column());
        json_error((e, line, column))
    })?;
    let shape = match found {
        Found::Items(items) => return Ok(items),
        Found::Kind(kind) => Shape::TopLevel(kind),
        Found::Object(None) => Shape::NoArticles,
        Found::Object(Some(articles)) => match *articles {
            Found::Items(items) => return Ok(items),
            Found::Kind(kind) => Shape::ArticlesNotArray(kind),
            Found::Object(_) => Shape::ArticlesNotArray("an object"),
        },
    };
    Err(StoreError::Shape {
        file: file.to_owned(),
        found: shape,
    })
}

/// What the reference reader found in the document, or under its `articles`.
enum Found {
    /// An array: its entries.
    Items(Vec<Item>),
    /// Anything else but the document's own object: its type, as messages name it.
    Kind(&'static str),
    /// The document is an object: what its last `articles` holds (a `Value` map keeps the
    /// last of a repeated key), if it has one.
    Object(Option<Box<Found>>),
}

/// The document (`top`) or the value of its `articles`, read as the reference reader reads it:
/// every value whole into a `Value` (so errors, their positions and the depth limit are
/// serde_json's own), but each entry of the article array with a parser of its own (see
/// [`entry`]). `failed` receives an entry's error, placed in the file.
#[derive(Clone, Copy)]
struct Part<'a, 'de> {
    text: &'de str,
    failed: &'a RefCell<Option<(serde_json::Error, usize, usize)>>,
    top: bool,
}

impl<'de> DeserializeSeed<'de> for Part<'_, 'de> {
    type Value = Found;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Found, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Part<'_, 'de> {
    /// A value that is no array or object, by its type as [`kind`] names it.
    fn scalar<E>(value: Value) -> Result<Found, E> {
        Ok(Found::Kind(kind(&value)))
    }
}

impl<'de> Visitor<'de> for Part<'_, 'de> {
    type Value = Found;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Found, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            items.push(entry(self.text, raw.get(), self.failed)?);
        }
        Ok(Found::Items(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
        let mut articles = None;
        while let Some(key) = map.next_key::<String>()? {
            if self.top && key == ARTICLES {
                let part = Part { top: false, ..self };
                articles = Some(Box::new(map.next_value_seed(part)?));
            } else {
                map.next_value::<Value>()?;
            }
        }
        Ok(if self.top {
            Found::Object(articles)
        } else {
            Found::Kind("an object")
        })
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Found, E> {
        Part::scalar(Value::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Found, E> {
        Part::scalar(Value::from(n))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Found, E> {
        Part::scalar(Value::from(n))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Found, E> {
        Part::scalar(Value::from(n))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Found, E> {
        Part::scalar(Value::from(s))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Found, E> {
        Part::scalar(Value::Null)
    }
}

/// One entry of the article array, given as its text (a slice of the document's `text`, its
/// syntax already checked at any depth), read with a parser of its own, so that an entry
/// nested past the parser's depth limit is skipped alone rather than failing the store. Any
/// other error is left in `failed`, placed in the file, and ends the reading.
fn entry<E: de::Error>(
    text: &str,
    entry: &str,
    failed: &RefCell<Option<(serde_json::Error, usize, usize)>>,
) -> Result<Item, E> {
    match serde_json::from_str::<Value>(entry) {
        Ok(value) => {
            let repeats = if value.is_object() {
                top_keys(entry).repeats
            } else {
                Repeats::default()
            };
            Ok(Item {
                value,
                repeats,
                too_deep: None,
            })
        }
        Err(e) => {
            let start = (entry.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
            let (line, column) = in_file(text, start, e.line(), e.column());
            if e.to_string().starts_with(RECURSION_LIMIT) {
                let id = top_keys(entry).id.and_then(id_of);
                return Ok(Item {
                    value: Value::Null,
                    repeats: Repeats::default(),
                    too_deep: Some((id, line, column)),
                });
            }
            *failed.borrow_mut() = Some((e, line, column));
            Err(E::custom("an entry is not valid JSON"))
        }
    }
}

/// How serde_json's message for nesting past its limit begins.
const RECURSION_LIMIT: &str = "recursion limit exceeded";

/// A line and column of an entry's text (1-based, columns in bytes, as serde_json counts them)
/// as a line and column of the file, the entry starting at byte `start` of `text`.
fn in_file(text: &str, start: usize, line: usize, column: usize) -> (usize, usize) {
    let before = text.get(..start).unwrap_or_default();
    let start_line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    if line <= 1 {
        let start_column = before.len() - before.rfind('\n').map_or(0, |i| i + 1);
        (start_line, start_column + column)
    } else {
        (start_line + line - 1, column)
    }
}

/// What an entry's own keys say, read without descending into their values (so at any
/// depth): how often it repeats each known field, and the text of its last `id`.
#[derive(Default)]
struct TopKeys<'de> {
    repeats: Repeats,
    id: Option<&'de str>,
}

/// The [`TopKeys`] of an entry; nothing for an entry that is no object.
fn top_keys(entry: &str) -> TopKeys<'_> {
    struct Keys;
    impl<'de> Visitor<'de> for Keys {
        type Value = TopKeys<'de>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopKeys<'de>, A::Error> {
            let mut keys = TopKeys::default();
            let mut seen = [false; Field::ALL.len()];
            while let Some(key) = map.next_key::<String>()? {
                let value = map.next_value::<&'de RawValue>()?;
                let Some(field) = Field::named(&key) else {
                    continue;
                };
                if std::mem::replace(&mut seen[field as usize], true) {
                    keys.repeats[field as usize] += 1;
                }
                if field == Field::Id {
                    keys.id = Some(value.get());
                }
            }
            Ok(keys)
        }
    }
    let mut de = serde_json::Deserializer::from_str(entry);
    de.deserialize_map(Keys).unwrap_or_default()
}

/// An id given as `raw` JSON, as [`read_id`] takes it (a string, or an integer as its digits),
/// made fit for a message; `None` for anything else, or too deep to read.
fn id_of(raw: &str) -> Option<String> {
    let id = match serde_json::from_str::<Value>(raw).ok()? {
        Value::String(s) => s,
        Value::Number(n) if is_integer(&n) => n.to_string(),
        _ => return None,
    };
    let id = crate::text::sanitize_line(&id);
    (!id.is_empty()).then_some(id)
}

/// Reads one entry of the article array into a raw article. A field of the wrong type is left out
/// and noted among the article's problems.
pub fn raw_article(item: Item) -> Result<RawArticle, NotAnArticle> {
    if let Some((id, line, column)) = item.too_deep {
        return Err(NotAnArticle::TooDeep { id, line, column });
    }
    let Value::Object(mut obj) = item.value else {
        return Err(NotAnArticle::Kind(kind(&item.value)));
    };
    let mut problems = repeated_problems(&item.repeats);
    Ok(RawArticle {
        id: read_id(&mut obj, &mut problems),
        title: read_title(&mut obj, &mut problems),
        published: string(
            &mut obj,
            Field::Published,
            "the article is kept undated",
            &mut problems,
        )
        .map(RawPublished::Text),
        summary: string(&mut obj, Field::Summary, "field ignored", &mut problems),
        section: string(&mut obj, Field::Section, "field ignored", &mut problems),
        source: string(&mut obj, Field::Source, "field ignored", &mut problems),
        url: string(&mut obj, Field::Url, "field ignored", &mut problems),
        body: read_body(&mut obj, &mut problems),
        persons: string_list(&mut obj, Field::Persons, &mut problems),
        related: string_list(&mut obj, Field::Related, &mut problems),
        tags: string_list(&mut obj, Field::Tags, &mut problems),
        captions: string_list(&mut obj, Field::Captions, &mut problems),
        // Last, so every field above has had its say.
        problems,
    })
}

/// An id is a string or an integer (written as its decimal digits, so `7` and `"7"` are the
/// same article).
fn read_id(obj: &mut Map<String, Value>, problems: &mut Vec<FieldProblem>) -> Option<String> {
    match obj.remove(Field::Id.name()) {
        None => None,
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) if is_integer(&n) => Some(n.to_string()),
        Some(other) => {
            problems.push(FieldProblem {
                field: Field::Id,
                message: super::id_problem(kind(&other)),
            });
            None
        }
    }
}

/// A title must be a string; unlike the optional fields, `null` is no way to leave it out.
fn read_title(obj: &mut Map<String, Value>, problems: &mut Vec<FieldProblem>) -> Option<String> {
    match obj.remove(Field::Title.name()) {
        None => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            problems.push(FieldProblem {
                field: Field::Title,
                message: format!("expected a string, found {}; article skipped", kind(&other)),
            });
            None
        }
    }
}

/// An optional string field; `null` counts as absent, another type is a problem whose consequence
/// `otherwise` names.
fn string(
    obj: &mut Map<String, Value>,
    field: Field,
    otherwise: &str,
    problems: &mut Vec<FieldProblem>,
) -> Option<String> {
    match obj.remove(field.name()) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            problems.push(FieldProblem {
                field,
                message: format!("expected a string, found {}; {otherwise}", kind(&other)),
            });
            None
        }
    }
}

/// An array of strings; entries of another type are dropped one by one.
fn string_list(
    obj: &mut Map<String, Value>,
    field: Field,
    problems: &mut Vec<FieldProblem>,
) -> Vec<String> {
    let items = match obj.remove(field.name()) {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(other) => {
            problems.push(FieldProblem {
                field,
                message: format!(
                    "expected an array of strings, found {}; field ignored",
                    kind(&other)
                ),
            });
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Value::String(s) => out.push(s),
            // Related ids may be integers, like article ids.
            Value::Number(n) if field == Field::Related && is_integer(&n) => {
                out.push(n.to_string());
            }
            other => problems.push(FieldProblem {
                field,
                message: format!("entry {i} is {}, not a string; entry dropped", kind(&other)),
            }),
        }
    }
    out
}

/// `body` is a string whose blank lines separate paragraphs, or an array of such strings.
fn read_body(obj: &mut Map<String, Value>, problems: &mut Vec<FieldProblem>) -> Vec<String> {
    let mut warn = |message: String| {
        problems.push(FieldProblem {
            field: Field::Body,
            message,
        });
    };
    match obj.remove(Field::Body.name()) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => vec![s],
        Some(Value::Array(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                match item {
                    Value::String(s) => out.push(s),
                    other => warn(format!(
                        "paragraph {i} is {}, not a string; paragraph dropped",
                        kind(&other)
                    )),
                }
            }
            out
        }
        Some(other) => {
            warn(format!(
                "expected a string or an array of strings, found {}; body ignored",
                kind(&other)
            ));
            Vec::new()
        }
    }
}

fn is_integer(n: &serde_json::Number) -> bool {
    n.is_u64() || n.is_i64()
}

/// The JSON type of a value, as warnings name it.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if !is_integer(n) => super::NOT_AN_INTEGER,
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn raw(v: &Value) -> RawArticle {
        match raw_article(v.clone().into()) {
            Ok(r) => r,
            Err(e) => panic!("{v} should read as an article: {e}"),
        }
    }

    /// The problems as (field, message) pairs, easy to compare with a table.
    fn problems(r: &RawArticle) -> Vec<(&'static str, &str)> {
        r.problems
            .iter()
            .map(|p| (p.field.name(), p.message.as_str()))
            .collect()
    }

    #[test]
    fn an_entry_that_is_not_an_object_names_its_type() {
        for (v, found) in [
            (json!(null), "null"),
            (json!(true), "a boolean"),
            (json!(3), "a number"),
            (json!("a"), "a string"),
            (json!([1]), "an array"),
        ] {
            assert_eq!(
                raw_article(v.clone().into()),
                Err(NotAnArticle::Kind(found)),
                "{v}"
            );
        }
        assert_eq!(
            NotAnArticle::Kind("null").to_string(),
            "expected an object, found null; skipped"
        );
    }

    #[test]
    fn ids_are_strings_or_integers() {
        for (id, want) in [
            (json!("a 1"), Some("a 1")),
            (json!(7), Some("7")),
            (json!(-3), Some("-3")),
            (json!(u64::MAX), Some("18446744073709551615")),
        ] {
            let r = raw(&json!({ "id": id }));
            assert_eq!(r.id.as_deref(), want, "{id}");
            assert!(r.problems.is_empty(), "{id}: {:?}", r.problems);
        }
        for (id, found) in [
            (
                json!(1.5),
                "a number that is not a 64-bit integer (write it as a string, \"…\", to keep it exactly)",
            ),
            (json!(null), "null"),
            (json!(["a"]), "an array"),
        ] {
            let r = raw(&json!({ "id": id }));
            assert_eq!(r.id, None, "{id}");
            let msg = format!("expected a string or an integer, found {found}; article skipped");
            assert_eq!(problems(&r), [("id", msg.as_str())], "{id}");
        }
    }

    #[test]
    fn a_missing_field_is_absent_without_a_problem() {
        let r = raw(&json!({}));
        assert_eq!(r, RawArticle::default());
    }

    #[test]
    fn null_leaves_an_optional_field_out_but_is_a_wrong_title() {
        let r = raw(&json!({
            "title": null, "published": null, "summary": null, "body": null, "persons": null,
        }));
        assert_eq!(
            problems(&r),
            [("title", "expected a string, found null; article skipped")]
        );
        assert_eq!(r.published, None);
        assert_eq!(r.summary, None);
    }

    #[test]
    fn text_is_kept_as_written_for_the_build_step() {
        let r = raw(&json!({
            "id": " a\u{1b}[31m ",
            "title": "Vie\u{323}\u{302}t",
            "published": "  không rõ ",
            "body": "một\n\nhai",
            "persons": [" A ", "A", ""],
        }));
        assert_eq!(r.id.as_deref(), Some(" a\u{1b}[31m "));
        assert_eq!(r.title.as_deref(), Some("Vie\u{323}\u{302}t"));
        assert_eq!(
            r.published,
            Some(RawPublished::Text("  không rõ ".to_owned()))
        );
        assert_eq!(r.body, ["một\n\nhai"]);
        assert_eq!(r.persons, [" A ", "A", ""]);
    }

    #[test]
    fn wrong_types_are_problems_in_field_order() {
        let r = raw(&json!({
            "captions": false, "tags": 1, "related": "y", "persons": "x", "body": 7, "url": 3,
            "source": true, "section": {}, "summary": [1], "published": 5, "title": "t", "id": "w",
        }));
        assert_eq!(
            problems(&r),
            [
                (
                    "published",
                    "expected a string, found a number; the article is kept undated"
                ),
                (
                    "summary",
                    "expected a string, found an array; field ignored"
                ),
                (
                    "section",
                    "expected a string, found an object; field ignored"
                ),
                (
                    "source",
                    "expected a string, found a boolean; field ignored"
                ),
                ("url", "expected a string, found a number; field ignored"),
                (
                    "body",
                    "expected a string or an array of strings, found a number; body ignored"
                ),
                (
                    "persons",
                    "expected an array of strings, found a string; field ignored"
                ),
                (
                    "related",
                    "expected an array of strings, found a string; field ignored"
                ),
                (
                    "tags",
                    "expected an array of strings, found a number; field ignored"
                ),
                (
                    "captions",
                    "expected an array of strings, found a boolean; field ignored"
                ),
            ]
        );
    }

    #[test]
    fn wrong_entries_are_dropped_one_by_one_and_only_related_takes_integers() {
        let r = raw(&json!({
            "body": ["p1", 3, "p2"],
            "persons": ["A", 1],
            "related": [7, "m", 1.5],
        }));
        assert_eq!(r.body, ["p1", "p2"]);
        assert_eq!(r.persons, ["A"]);
        assert_eq!(r.related, ["7", "m"]);
        assert_eq!(
            problems(&r),
            [
                (
                    "body",
                    "paragraph 1 is a number, not a string; paragraph dropped"
                ),
                (
                    "persons",
                    "entry 1 is a number, not a string; entry dropped"
                ),
                (
                    "related",
                    "entry 2 is a number that is not a 64-bit integer, not a string; entry dropped"
                ),
            ]
        );
    }

    #[test]
    fn the_article_array_is_the_document_or_its_articles_key() {
        for text in [
            r#"[{"id": 1}, 2]"#,
            "\u{feff}{\"v\": 1, \"articles\": [{\"id\": 1}, 2]}",
        ] {
            match article_values(text, "f.json") {
                Ok(items) => assert_eq!(
                    items.into_iter().map(|i| i.value).collect::<Vec<_>>(),
                    [json!({"id": 1}), json!(2)],
                    "{text:?}"
                ),
                Err(e) => panic!("{text:?}: {e}"),
            }
        }
    }

    #[test]
    fn other_shapes_say_what_they_found() {
        for (text, found, display) in [
            ("3", Shape::TopLevel("a number"), "a number"),
            (
                r#"{"articles": {}}"#,
                Shape::ArticlesNotArray("an object"),
                "\"articles\" is an object",
            ),
            ("{}", Shape::NoArticles, "an object without \"articles\""),
            // A fraction is named as everywhere else, at the top as under `articles`.
            (
                "1.5",
                Shape::TopLevel(super::super::NOT_AN_INTEGER),
                super::super::NOT_AN_INTEGER,
            ),
            (
                r#"{"articles": -0, "articles": true}"#,
                Shape::ArticlesNotArray("a boolean"),
                "\"articles\" is a boolean",
            ),
        ] {
            match article_values(text, "f.json") {
                Err(StoreError::Shape { file, found: got }) => {
                    assert_eq!(file, "f.json");
                    assert_eq!(got, found, "{text}");
                    assert_eq!(got.to_string(), display, "{text}");
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn json_errors_keep_their_position_out_of_the_message() {
        match article_values("[1,,]", "f.json") {
            Err(StoreError::Json {
                line,
                column,
                message,
                ..
            }) => {
                assert_eq!((line, column), (1, 4));
                assert!(!message.contains(" at line "), "{message}");
                assert!(!message.is_empty());
            }
            other => panic!("{other:?}"),
        }
    }
}
