//! An imported article as the store's JSON writes it, and the merge of a fresh article into
//! the one already in the store (keeping the fields the import does not know), written with
//! the store's field order and indentation.

use serde_json::{Map, Value, json};

use crate::store::Article;

use super::dates::YearFrom;

/// The store's JSON for an imported article, in the README's format.
pub(super) fn article_object(
    a: &Article,
    related: &[String],
    year_from: Option<YearFrom>,
) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".to_owned(), json!(a.id));
    m.insert("title".to_owned(), json!(a.title));
    if let Some(p) = a.published {
        m.insert("published".to_owned(), json!(p.iso()));
        if year_from.is_some() {
            m.insert(YEAR_INFERRED.to_owned(), json!(true));
        }
    }
    if !a.summary.is_empty() {
        m.insert("summary".to_owned(), json!(a.summary));
    }
    let lists: [(&str, Vec<&str>); 5] = [
        ("body", a.body.iter().map(String::as_str).collect()),
        ("captions", a.captions.iter().map(String::as_str).collect()),
        ("persons", a.persons.iter().map(|p| p.as_str()).collect()),
        ("related", related.iter().map(String::as_str).collect()),
        ("tags", a.tags.iter().map(|t| &**t).collect()),
    ];
    for (k, v) in lists {
        if !v.is_empty() {
            m.insert(k.to_owned(), json!(v));
        }
    }
    for (k, v) in [
        ("section", a.section.as_deref()),
        ("source", a.source.as_deref()),
        ("url", a.url.as_deref()),
    ] {
        if let Some(v) = v {
            m.insert(k.to_owned(), json!(v));
        }
    }
    m
}

/// The field that marks a date whose year the text did not write (the store's loader ignores it;
/// it is there for people and scripts reading the store).
pub const YEAR_INFERRED: &str = "published_year_inferred";

/// The fields of `fresh` laid over `old`: what the import says replaces what the store said,
/// except that a date with an inferred year never replaces a written one, persons found in the
/// text never replace a list the store already has, and related ids are added to the store's.
/// Returns the merged entry and the fields that changed.
pub(super) fn update(
    old: &Map<String, Value>,
    fresh: &Map<String, Value>,
) -> (Map<String, Value>, Vec<String>) {
    let mut merged = old.clone();
    let old_has = |k: &str| {
        old.get(k)
            .is_some_and(|v| !v.is_null() && v != &json!([]) && v != &json!(""))
    };
    for (k, v) in fresh {
        let keep_old = match k.as_str() {
            "id" => true,
            "published" | YEAR_INFERRED => {
                old_has("published")
                    && fresh.contains_key(YEAR_INFERRED)
                    && !old.contains_key(YEAR_INFERRED)
            }
            "persons" => old_has("persons"),
            _ => false,
        };
        if keep_old {
            continue;
        }
        let new_value = if k == "related" {
            let mut ids: Vec<Value> = match old.get("related") {
                Some(Value::Array(a)) => a.clone(),
                _ => Vec::new(),
            };
            if let Value::Array(add) = v {
                for id in add {
                    if !ids.contains(id) {
                        ids.push(id.clone());
                    }
                }
            }
            Value::Array(ids)
        } else {
            v.clone()
        };
        merged.insert(k.clone(), new_value);
    }
    if fresh.contains_key("published") && !fresh.contains_key(YEAR_INFERRED) {
        merged.remove(YEAR_INFERRED);
    }
    let mut changed: Vec<String> = merged
        .iter()
        .filter(|(k, v)| old.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect();
    changed.extend(old.keys().filter(|k| !merged.contains_key(*k)).cloned());
    changed.retain(|k| k != YEAR_INFERRED);
    (merged, changed)
}

/// The order fields are written in: the README's table, then any other field by name.
const FIELD_ORDER: &[&str] = &[
    "id",
    "title",
    "published",
    YEAR_INFERRED,
    "section",
    "summary",
    "body",
    "captions",
    "persons",
    "related",
    "tags",
    "source",
    "url",
];

/// An object as indented JSON, fields in [`FIELD_ORDER`], nested one level below `indent`.
pub(super) fn pretty_object(m: &Map<String, Value>, indent: &str) -> String {
    let mut keys: Vec<&String> = m.keys().collect();
    keys.sort_by_key(|k| {
        (
            FIELD_ORDER
                .iter()
                .position(|f| f == k)
                .unwrap_or(FIELD_ORDER.len()),
            (*k).clone(),
        )
    });
    let inner = format!("{indent}  ");
    let fields: Vec<String> = keys
        .iter()
        .filter_map(|k| {
            let v = m.get(*k)?;
            let value = match serde_json::to_string_pretty(v) {
                Ok(s) => s.replace('\n', &format!("\n{inner}")),
                Err(_) => return None,
            };
            Some(format!("{inner}{}: {value}", Value::String((*k).clone())))
        })
        .collect();
    format!("{{\n{}\n{indent}}}", fields.join(",\n"))
}
