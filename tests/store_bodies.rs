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
        {"id": "link-only", "title": "Chỉ liên kết", "url": "https://example.vn/lien-ket\u{7}"},
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
            // What the store keeps in memory holds no body, no caption and no link...
            assert!(
                kept.body.is_empty() && kept.captions.is_empty() && kept.url.is_none(),
                "{name} #{i}"
            );
            assert_eq!(kept.has_body(), !expected.body.is_empty(), "{name} #{i}");
            let has_text = !expected.summary.is_empty()
                || !expected.body.is_empty()
                || !expected.captions.is_empty()
                || expected.url.is_some();
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

/// A store of `n` articles, each naming the one before and the one after it as related, the
/// first also itself and an id no article has.
fn chain(n: usize) -> String {
    let articles: Vec<_> = (0..n)
        .map(|i| {
            let mut related = vec![format!("a{}", i + 1)];
            if i > 0 {
                related.push(format!("a{}", i - 1));
            } else {
                related.extend(["a0".to_owned(), "nowhere".to_owned()]);
            }
            json!({"id": format!("a{i}"), "title": format!("Bài {i}"), "body": [format!("Đoạn {i}")],
                   "published": "2026-11-24", "related": related})
        })
        .collect();
    json!({ "articles": articles }).to_string()
}

#[test]
fn a_load_still_running_gives_its_first_part_once_and_the_same_whole_store() {
    use std::sync::atomic::AtomicUsize;
    use tuinews::store::{FirstPart, Telling};

    let dir = tempfile::tempdir().expect("tempdir");
    // Many blocks, so the first is built long before the file is read to its end.
    let path = write(dir.path(), "chain.json", &chain(2000));
    let alone = Store::load_path_in_blocks(&path, 256).expect("loads");
    let load = |after: u64, parts: &mut Vec<Store>| {
        Store::load_path_in_blocks_telling(
            &path,
            256,
            Telling {
                read: &AtomicUsize::new(0),
                first_part: Some(FirstPart {
                    after: std::time::Duration::from_secs(after),
                    // The first block built, whatever else is.
                    most: 1,
                    give: Box::new(|part| parts.push(part)),
                }),
            },
        )
        .expect("loads")
    };
    // A load that ends before the part is due gives none.
    let mut parts = Vec::new();
    let whole = load(3600, &mut parts);
    assert!(parts.is_empty());
    assert_eq!(whole.articles()[..], alone.articles()[..]);

    let whole = load(0, &mut parts);
    // The whole store is the one a load without a part gives.
    assert_eq!(whole.warnings, alone.warnings);
    assert_eq!(whole.articles()[..], alone.articles()[..]);
    assert_eq!(parts.len(), 1, "one part, given once");
    let part = &parts[0];
    assert!(
        (1..whole.len()).contains(&part.len()),
        "a first block of {}: {}",
        whole.len(),
        part.len()
    );
    // The part is the first articles, read back from the same file...
    for (i, a) in part.articles().iter().enumerate() {
        let w = &whole.articles()[i];
        assert_eq!((&a.id, &a.title, a.stored), (&w.id, &w.title, w.stored));
        assert_eq!(whole_body(part, i), whole_body(&whole, i), "{}", a.id);
        // ...naming as related only articles it holds: the next one of the last comes later.
        let expected: Vec<&String> = w.related.iter().filter(|r| part.get(r).is_some()).collect();
        assert_eq!(a.related.iter().collect::<Vec<_>>(), expected, "{}", a.id);
    }
    assert_eq!(part.articles()[part.len() - 1].related.len(), 1);
    // Its warnings are the whole store's about its articles, but for ids it cannot judge yet:
    // the article linking to itself is named, the id no article has is not (yet).
    let about = |s: &Store| -> Vec<String> { s.warnings.iter().map(ToString::to_string).collect() };
    assert_eq!(about(&whole).len(), 3, "{:?}", about(&whole));
    assert_eq!(about(part), about(&whole)[..1], "{:?}", about(part));
}

fn whole_body(store: &Store, i: usize) -> Vec<String> {
    whole(store, i).body.clone()
}

#[test]
fn the_link_of_an_article_whose_text_is_in_the_file_is_opened_copied_and_drawn() {
    use tuinews::action::Action;
    use tuinews::app::App;
    use tuinews::msg::{Effect, Msg};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "kho.json", &awkward());
    let store = Store::load_path(&path).expect("loads");
    let mut app = App::new(store, "kho.json", Metrics::default());
    app.update(Msg::Resize(100, 30));
    let link = "https://example.vn/lien-ket";
    let at = (app.store.iter()).position(|(_, a)| a.id == "link-only");
    for _ in 0..at.expect("in the store") {
        app.update(Action::Down);
    }
    assert_eq!(
        app.current_article().map(|a| a.id.as_str()),
        Some("link-only")
    );
    assert_eq!(app.current_article().and_then(|a| a.url.as_deref()), None);
    assert_eq!(
        app.update(Action::OpenLink),
        vec![Effect::OpenUrl(link.to_owned())]
    );
    assert_eq!(
        app.update(Action::CopyLink),
        vec![Effect::Copy(link.to_owned())]
    );
    assert_eq!(app.document().url.as_deref(), Some(link));
    let shown = (app.document().blocks.iter()).any(|b| b.text == link);
    assert!(shown, "{:?}", app.document().blocks);
    // Drawn as a terminal hyperlink.
    app.hyperlinks = true;
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30))
        .expect("a test terminal");
    terminal
        .draw(|f| tuinews::ui::render(&app, &tuinews::ui::Theme::default(), f))
        .expect("drawn");
    let open = format!("\u{1b}]8;;{link}\u{1b}\\");
    let cells = &terminal.backend().buffer().content;
    assert!(
        cells.iter().any(|c| c.symbol().starts_with(&open)),
        "no hyperlink to {link}"
    );
}
