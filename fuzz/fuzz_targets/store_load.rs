//! The store loader on arbitrary bytes: never a panic, and the fast reader and the block
//! reader (at a block size taken from the input, and at the size a load uses), when they take a
//! store, give exactly what the reference reader gives (articles, warnings or the error). The
//! block reader takes a store or not whatever its block size, and never takes bytes that are
//! not UTF-8. Loaded from a file, every article read whole is the reference's.
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
    if std::fs::write(&path, data).is_ok() {
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
