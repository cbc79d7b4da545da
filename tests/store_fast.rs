//! The fast store reader against the reference reader (`store::slow`, through a
//! `serde_json::Value` tree): on generated stores, on a table of hostile ones, and on random
//! documents and random corruptions of a store, both must give the same articles and the same
//! warnings, or the same error, byte for byte. Where the fast reader declines a store (the
//! caller then uses the reference one), the table says so, so a fast reader that declined
//! everything would fail here too.

use proptest::prelude::*;
use serde_json::{Value, json};
use tuinews::store::{Origin, Store, fast, slow};

#[path = "../benches/support/store_gen.rs"]
#[allow(dead_code)]
mod store_gen;

const FILE: &str = "f.json";

/// A store's whole observable result: articles and warnings, or the error's message.
fn outcome(
    r: Result<Store, tuinews::store::StoreError>,
) -> Result<(Vec<String>, Vec<String>), String> {
    match r {
        Ok(s) => Ok((
            s.articles().iter().map(|a| format!("{a:?}")).collect(),
            s.warnings.iter().map(ToString::to_string).collect(),
        )),
        Err(e) => Err(e.to_string()),
    }
}

/// Whether the fast reader took `text`; when it did, its store equals the reference's, and in
/// every case `Store::parse` equals the reference. The block reader ([`fast::stream`]) takes
/// it or not whatever its block size, and what it takes reads as the reference does.
fn check(text: &str) -> bool {
    let reference = outcome(slow::parse(text, FILE));
    assert_eq!(outcome(Store::parse(text, FILE)), reference, "{text:.300}");
    // Blocks of a byte or two on small documents only, for the time they take.
    let streamed: Vec<bool> = [1, 2, 7, 64, 1 << 20]
        .into_iter()
        .filter(|&block| block > 2 || text.len() < 1 << 16)
        .map(|block| match fast::stream(text.as_bytes(), block, FILE) {
            Some(store) => {
                assert_eq!(outcome(Ok(store)), reference, "by {block}: {text:.300}");
                true
            }
            None => false,
        })
        .collect();
    assert!(
        streamed.iter().all(|&s| s == streamed[0]),
        "{streamed:?}: {text:.300}"
    );
    match fast::parse(text, FILE) {
        Some(store) => {
            assert_eq!(outcome(Ok(store)), reference, "{text:.300}");
            assert!(streamed[0], "the block reader declined {text:.300}");
            true
        }
        None => false,
    }
}

fn generated(n: usize, seed: u64) -> String {
    let mut out = Vec::new();
    if let Err(e) = store_gen::write_store(&mut out, n, seed) {
        panic!("{e}");
    }
    match String::from_utf8(out) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

/// Two generated articles, made once: the generator builds a pool of names on every call.
fn small_store() -> &'static str {
    static STORE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    STORE.get_or_init(|| generated(2, 7))
}

#[test]
fn generated_stores_read_the_same_on_the_fast_path() {
    for seed in 1..=4 {
        let text = generated(300, seed);
        assert!(
            check(&text),
            "seed {seed}: the fast reader declined a generated store"
        );
    }
}

#[test]
fn warnings_keep_file_order_when_entries_are_built_in_parallel() {
    // Enough entries for many chunks, with a warning every few entries, duplicates whose first
    // occurrence sits in another chunk, and links forward and backward across chunks.
    let entries: Vec<Value> = (0..3000)
        .map(|i| match i % 7 {
            0 => json!({"id": i, "title": "t", "summary": i}),
            1 => json!(i),
            2 => json!({"id": i % 500, "title": "dup", "related": [i + 1, 99_999]}),
            3 => json!({"id": format!("x{i}"), "title": " ", "persons": [1]}),
            _ => json!({"id": format!("a{i}"), "title": "Tô Lâm", "related": [format!("a{}", 2999 - i)],
                        "published": if i % 2 == 0 { "2026-01-28" } else { "hôm qua" }}),
        })
        .collect();
    let text = Value::Array(entries).to_string();
    assert!(check(&text), "the fast reader declined the store");
    match Store::parse(&text, FILE) {
        Ok(s) => assert!(s.warnings.len() > 1000, "{}", s.warnings.len()),
        Err(e) => panic!("{e}"),
    }
}

/// `depth` arrays nested inside each other around `inner`.
fn nested(depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn hostile_stores_read_the_same_and_the_fast_reader_declines_only_what_it_must() {
    let wrong_types = json!([
        {"id": 1.5, "title": "a"},
        {"id": null, "title": "a"},
        {"id": -3, "title": null},
        {"id": 18_446_744_073_709_551_615_u64, "title": ["x"]},
        {"id": "w", "title": "t", "captions": false, "tags": 1, "related": "y", "persons": "x",
         "body": 7, "url": 3, "source": true, "section": {}, "summary": [1], "published": 5},
        {"id": "v", "title": "t", "body": ["p1", 3, "p2", [], {}], "persons": ["A", 1, null],
         "related": [7, "m", 1.5, "v", "zz"], "tags": [[1, [2]], {"a": [1]}]},
        {"id": "u", "title": "t", "published": "không rõ", "unknown": {"x": [1, {"y": null}]}},
        [1, 2], 3, "str", null, true, {},
        {"id": "w", "title": "again"},
    ]);
    let accepted = [
        wrong_types.to_string(),
        json!({"v": 1, "articles": wrong_types, "z": [{"a": 1}]}).to_string(),
        "\u{feff} [ ] ".to_owned(),
        "{\"articles\": []}".to_owned(),
        // A key given twice inside an article: the last value counts.
        r#"[{"id": "a", "title": "one", "title": "two", "persons": ["x"], "persons": 3}]"#
            .to_owned(),
        // Escapes, in keys as well as values.
        r#"[{"i\u0064": "a\u0000b", "title": "\ud83d\ude00 \u001b[31mX\t\r\n", "body": "\"\\\/"}]"#
            .to_owned(),
        // Numbers at the edges of their types.
        r#"[{"id": -0, "title": "t", "related": [18446744073709551616, -9223372036854775808, 1e2, 0.0]}]"#
            .to_owned(),
        // Deep, but well within serde_json's limit, in an unknown field and in a known one.
        format!(r#"[{{"id": "a", "title": "t", "x": {}, "tags": {}}}]"#, nested(100, "1"), nested(100, "1")),
        format!(r#"{{"deep": {}, "articles": []}}"#, nested(100, "1")),
    ];
    for text in &accepted {
        assert!(check(text), "the fast reader declined {text:.200}");
    }
    let mut declined = vec![
        // Errors.
        String::new(),
        "[1,,]".to_owned(),
        "[{\"id\": 1}] x".to_owned(),
        "[{\"id\": \"\\ud800\"}]".to_owned(),
        "[{\"id\": \"a\", \"x\": \"\\ud800\"}]".to_owned(),
        "[{\"id\": 1e400}]".to_owned(),
        "[{\"id\": \"a\", \"t\": [1e400]}]".to_owned(),
        "{\"x\": \"\\udc00\", \"articles\": []}".to_owned(),
        "[\"\\x\"]".to_owned(),
        "[\"a\u{1}\"]".to_owned(),
        // Shapes.
        "3".to_owned(),
        "\"articles\"".to_owned(),
        "{}".to_owned(),
        "{\"articles\": {}}".to_owned(),
        "{\"articles\": null}".to_owned(),
        // `articles` twice: the last counts, but the first is checked too.
        "{\"articles\": [1], \"articles\": [{\"id\": \"a\", \"title\": \"t\"}]}".to_owned(),
        "{\"articles\": [\"\\ud800\"], \"articles\": []}".to_owned(),
        "{\"articles\": 3, \"articles\": []}".to_owned(),
    ];
    // Nesting around serde_json's limit of 127 levels, at every place it can sit.
    for depth in 120..=130 {
        declined.push(nested(depth, ""));
        declined.push(format!("[{}]", nested(depth, "")));
        declined.push(format!(
            r#"[{{"id": "a", "title": "t", "x": {}}}]"#,
            nested(depth, "1")
        ));
        declined.push(format!(
            r#"[{{"id": "a", "title": "t", "tags": {}}}]"#,
            nested(depth, "1")
        ));
        declined.push(format!(
            r#"{{"articles": [{{"id": "a", "title": "t", "x": {}}}]}}"#,
            nested(depth, "1")
        ));
        declined.push(format!(
            r#"{{"x": {}, "articles": []}}"#,
            nested(depth, "1")
        ));
    }
    for text in &declined {
        // Whether the fast reader takes one of these near the limit does not matter; that the
        // result is the reference's does.
        check(text);
    }
    for text in ["", "[1,,]", "3", "{}", "[\"\\ud800\"]", &nested(200, "")] {
        assert!(!check(text), "the fast reader took {text:.50}");
    }
}

/// A JSON value made of the pieces that matter to the store: field names, strings with marks
/// and controls, integers and other numbers, nesting.
fn value() -> impl Strategy<Value = Value> {
    let key = prop::sample::select(vec![
        "id",
        "title",
        "published",
        "summary",
        "body",
        "persons",
        "related",
        "section",
        "source",
        "url",
        "tags",
        "captions",
        "articles",
        "other",
    ]);
    let text = prop::sample::select(vec![
        "",
        " ",
        "a",
        "Tô Lâm",
        "To\u{302} La\u{302}m",
        "x\u{1b}[31m",
        "\u{0}",
        "2026-01-28",
        "2021-11-24T09:30:00+09:00",
        "p1\n\np2",
        "a\r\nb",
        "志位",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        text.prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8).prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_documents_read_the_same(doc in prop::collection::vec(value(), 0..8), wrap in any::<bool>()) {
        let array = Value::Array(doc);
        let text = if wrap { json!({"articles": array}).to_string() } else { array.to_string() };
        check(&text);
    }

    #[test]
    fn corrupted_stores_read_the_same(
        cuts in prop::collection::vec((0usize..4000, 0usize..3, prop::sample::select(vec!["", "\"", "[", "}", ",", "\\", "1e999", "\u{1}", "\\ud800"])), 1..4),
    ) {
        let mut text = small_store().to_owned();
        for (at, len, insert) in cuts {
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + len).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(at..end, insert);
        }
        check(&text);
    }
}

#[test]
fn opening_a_store_counts_the_articles_read() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let path = dir.path().join("s.json");
    let entries: Vec<Value> = (0..1000)
        .map(|i| json!({"id": i, "title": "t"}))
        .chain([json!(3)])
        .collect();
    if let Err(e) = std::fs::write(&path, Value::Array(entries).to_string()) {
        panic!("{e}");
    }
    let read = std::sync::atomic::AtomicUsize::new(0);
    match Store::open_with_progress(&Origin::Flag(path), &read) {
        Ok(s) => assert_eq!(s.len(), 1000),
        Err(e) => panic!("{e}"),
    }
    assert_eq!(
        read.into_inner(),
        1001,
        "every entry, kept or not, counts once"
    );
}
