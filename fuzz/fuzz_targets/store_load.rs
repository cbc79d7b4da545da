//! The store loader on arbitrary bytes: never a panic, and the fast reader and the block
//! reader (at a block size taken from the input, and at the size a load uses), when they take a
//! store, give exactly what the reference reader gives (articles, warnings or the error). The
//! block reader takes a store or not whatever its block size, and never takes bytes that are
//! not UTF-8. Loaded from a file, every article read whole is the reference's, and the store
//! and its search index read back from their caches are the ones written.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tuinews::store::{Store, StoreError, fast, slow};

const FILE: &str = "fuzz.json";

/// Everything a loaded store shows: its articles and warnings, or the error's message.
fn outcome(r: Result<Store, StoreError>) -> Result<(Vec<String>, Vec<String>), String> {
    match r {
        Ok(s) => Ok((
            s.articles().iter().map(|a| format!("{a:?}")).collect(),
            s.warnings.iter().map(ToString::to_string).collect(),
        )),
        Err(e) => Err(e.to_string()),
    }
}

fuzz_target!(|data: &[u8]| {
    let block = 1 + usize::from(data.first().copied().unwrap_or(0) % 32);
    let streamed = [block, 1 << 20].map(|block| fast::stream(data, block, FILE));
    assert_eq!(
        streamed[0].is_some(),
        streamed[1].is_some(),
        "the block size changed the block reader's verdict"
    );
    let Ok(text) = std::str::from_utf8(data) else {
        assert!(
            streamed[0].is_none(),
            "the block reader took bytes that are not UTF-8"
        );
        return;
    };
    let reference = outcome(slow::parse(text, FILE));
    for store in streamed.into_iter().flatten() {
        assert_eq!(
            outcome(Ok(store)),
            reference,
            "block and reference readers disagree"
        );
    }
    if let Some(store) = fast::parse(text, FILE) {
        assert_eq!(
            outcome(Ok(store)),
            reference,
            "fast and reference readers disagree"
        );
    }
    // Loaded from a file, leads, bodies and captions stay there: each article read whole is
    // the reference's, and so are the warnings or the error.
    let path = std::env::temp_dir().join(format!("tuinews-fuzz-{}.json", std::process::id()));
    // Written an hour ago, so the load may be cached.
    let aged = std::fs::write(&path, data).and_then(|()| {
        std::fs::File::options()
            .write(true)
            .open(&path)?
            .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
    });
    if aged.is_ok() {
        let name = path.display().to_string();
        let reference = slow::parse(text, &name);
        match (Store::load_path_in_blocks(&path, block), reference) {
            (Ok(loaded), Ok(reference)) => {
                assert_eq!(loaded.warnings, reference.warnings, "warnings from a file");
                assert_eq!(loaded.len(), reference.len());
                for (i, expected) in reference.articles().iter().enumerate() {
                    let whole = loaded.articles().whole(i).expect("in the store");
                    assert_eq!(*whole, *expected, "article #{i} read whole from a file");
                    assert_eq!(loaded.articles()[i].has_body(), !expected.body.is_empty());
                }
                check_cache(&path, &name, &loaded);
            }
            (Err(e), Err(r)) => assert_eq!(e.to_string(), r.to_string()),
            (loaded, reference) => panic!(
                "from a file {:?}, the reference {:?}",
                loaded.map(|s| s.len()),
                reference.map(|s| s.len())
            ),
        }
        let _ = std::fs::remove_file(&path);
    }
    // Every message is one line with no control character in it.
    if let Err(message) = &reference {
        assert!(!message.chars().any(char::is_control), "{message:?}");
    }
    if let Ok((_, warnings)) = &reference {
        for w in warnings {
            assert!(!w.chars().any(char::is_control), "{w:?}");
        }
    }
});

/// A store loaded from `path` round-trips through its cache, and so does its search index.
fn check_cache(path: &std::path::Path, name: &str, loaded: &Store) {
    use tuinews::query::index::SearchIndex;
    use tuinews::store::cache;
    let dir = std::env::temp_dir().join(format!("tuinews-fuzz-cache-{}", std::process::id()));
    let articles = loaded.shared();
    let written = cache::write(&dir, &articles, &loaded.warnings).expect("the cache is written");
    if !written {
        // Only a store whose bodies could not be left in the file (read whole) has none.
        assert!(loaded.articles().iter().all(|a| !a.body_elsewhere()));
        return;
    }
    let back = cache::read(&dir, path, name, &mut None).expect("a cache just written reads");
    assert_eq!(
        outcome(Ok(back)),
        outcome(Ok(loaded.clone())),
        "read from its cache"
    );
    let index = SearchIndex::of_store(&articles);
    cache::write_derived(&dir, &articles, "search", |s| index.save(s)).expect("written");
    let index_back = cache::read_derived(&dir, &articles, "search", |s| {
        SearchIndex::load(s, &articles)
    })
    .expect("an index just written reads");
    assert_eq!(format!("{index_back:?}"), format!("{index:?}"));
    let _ = std::fs::remove_dir_all(&dir);
}
