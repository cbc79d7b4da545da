//! A store loaded from a file leaves leads, bodies and captions there and reads them when they are
//! wanted: the same article as a store read whole, from the file it was loaded from even once
//! another file is renamed over it, and a clear note (never another article's text) when the
//! file was rewritten in place.

use std::borrow::Cow;
use std::fs;
use std::path::Path;

use serde_json::json;
use tuinews::document::Document;
use tuinews::store::{Article, EMBEDDED_SAMPLE, Store};
use tuinews::text::Metrics;
use tuinews::words::EN;
use tuinews::zone::Zone;

/// A store with what a reader must give back exactly: marks written apart (NFD), controls to
/// strip, escapes, paragraphs split on blank lines, captions without a body, a body without
/// captions, an article with neither, texts that clean to nothing or hold no ASCII letter
/// (whether anything of them is left is worked out without cleaning only when they hold one),
/// and a byte order mark.
fn awkward() -> String {
    let doc = json!({"articles": [
        {"id": "nfd", "title": "Ha\u{300} No\u{302}\u{323}i", "body": ["Ho\u{302}m nay\u{7}", "một\n\nhai"], "captions": ["Ảnh\u{1b}[31m"]},
        {"id": "captions-only", "title": "Ảnh", "captions": ["chú thích"]},
        {"id": "neither", "title": "Chỉ tiêu đề", "summary": "Lead"},
        {"id": "escaped", "title": "\u{e9}", "body": ["\"trích\" \\ \u{1f600}"], "persons": ["Tô Lâm"]},
        {"id": "blank", "title": "t", "body": ["\u{7}", "  \n\n "], "summary": "\u{1b}[0m", "captions": ["\u{200b}", " "]},
        {"id": "marks", "title": "t", "body": ["\u{301}\u{302}", "\u{2028}"], "summary": "Ả"},
        {"id": "no-ascii", "title": "t", "body": ["Ở ế"], "captions": ["—"]},
        {"id": "escapes", "title": "t", "body": ["\u{1b}[31m", "\u{9b}1m"], "summary": "\u{1b}A", "captions": ["\u{1b}]0;x\u{7}"]},
    ]});
    format!("\u{feff}{doc}")
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).expect("write the store");
    p
}

fn whole(store: &Store, i: usize) -> Cow<'_, Article> {
    store.articles().whole(i).expect("in the store")
}

#[test]
fn a_loaded_store_reads_each_body_back_as_a_store_read_whole_has_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in [
        ("sample.json", EMBEDDED_SAMPLE.to_owned()),
        ("awkward.json", awkward()),
    ] {
        let path = write(dir.path(), name, &text);
        let read_whole = Store::parse(&text, &path.display().to_string()).expect("parses");
        // Read a block at a time, entries falling across blocks anywhere.
        for block in [1, 7, 300, 1 << 20] {
            let loaded = Store::load_path_in_blocks(&path, block).expect("loads");
            check_same(name, &loaded, &read_whole);
        }
        check_same(name, &Store::load_path(&path).expect("loads"), &read_whole);
    }
}

/// `loaded` keeps no lead, body or caption in memory, and reads each article whole as
/// `read_whole` has it.
fn check_same(name: &str, loaded: &Store, read_whole: &Store) {
    {
        assert_eq!(loaded.len(), read_whole.len(), "{name}");
        assert_eq!(loaded.warnings, read_whole.warnings, "{name}");
        let mut left = 0;
        for (i, expected) in read_whole.articles().iter().enumerate() {
            let kept = &loaded.articles()[i];
            // What the store keeps in memory holds no body and no caption...
            assert!(
                kept.body.is_empty() && kept.captions.is_empty(),
                "{name} #{i}"
            );
            assert_eq!(kept.has_body(), !expected.body.is_empty(), "{name} #{i}");
            let has_text = !expected.summary.is_empty()
                || !expected.body.is_empty()
                || !expected.captions.is_empty();
            assert_eq!(kept.body_elsewhere(), has_text, "{name} #{i}");
            if kept.body_elsewhere() {
                left += 1;
            }
            // ...and reading it whole gives the article a store read whole has.
            assert_eq!(*whole(loaded, i), *expected, "{name} #{i}");
        }
        assert!(left > 0, "{name}: bodies are left in the file");
    }
}

#[test]
fn a_store_renamed_over_keeps_answering_from_the_file_it_was_loaded_from() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "kho.json", &awkward());
    let store = Store::load_path(&path).expect("loads");
    let other = awkward().replace("một", "MỘT");
    let new = write(dir.path(), "kho.json.new", &other);
    fs::rename(&new, &path).expect("rename over the store");
    let a = whole(&store, 0);
    assert!(!a.body_elsewhere());
    assert_eq!(a.body, ["Hôm nay", "một", "hai"]);
}

#[test]
fn a_store_rewritten_in_place_shows_the_article_without_its_body_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "kho.json", &awkward());
    let store = Store::load_path(&path).expect("loads");
    // Another store written into the same file, byte for byte as long: what sits where "nfd"
    // was is another article, with another body.
    let moved = awkward()
        .replace("\"id\":\"nfd\"", "\"id\":\"xyz\"")
        .replace("nay", "mai");
    assert_eq!(moved.len(), awkward().len());
    assert_ne!(moved, awkward(), "the id was replaced");
    fs::write(&path, &moved).expect("rewrite in place");
    let e = store
        .try_whole(store.ix_of("nfd").expect("kept"))
        .expect("in the store")
        .expect_err("the entry is another article now");
    let message = e.to_string();
    for part in [
        path.display().to_string(),
        "article #0".into(),
        "\"nfd\"".into(),
    ] {
        assert!(message.contains(&part), "{part:?} in {message:?}");
    }
    assert!(message.contains("changed since it was read"), "{message}");
    // The reader shows it without a body, saying why, and shows no text of the other.
    let a = whole(&store, 0);
    assert!(a.body_elsewhere() && a.body.is_empty());
    let doc = Document::layout(&a, 60, Metrics::default(), &Zone::ARTICLE, &EN);
    let text: Vec<&str> = doc.plain().collect();
    let text = text.join(" ");
    assert!(text.contains("could not be read"), "{text}");
    assert!(!text.contains("Hôm"), "{text}");
    // A file cut short is the same.
    fs::write(&path, "[]").expect("truncate");
    assert!(
        store
            .try_whole(store.ix_of("escaped").expect("kept"))
            .expect("in the store")
            .is_err()
    );
}

#[test]
fn show_prints_the_body_of_a_store_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "kho.json", &awkward());
    let out = assert_cmd::Command::cargo_bin("tuinews")
        .expect("the binary")
        .env("HOME", dir.path())
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_STATE_HOME")
        .env_remove("TUINEWS_STORE")
        .args(["--store", &path.display().to_string(), "show", "escaped"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("\"trích\" \\ \u{1f600}"), "{stdout}");
}
