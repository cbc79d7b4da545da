//! The store loader on arbitrary bytes: never a panic, and the fast reader, when it takes a
//! store, gives exactly what the reference reader gives (articles, warnings or the error).
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
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let reference = outcome(slow::parse(text, FILE));
    if let Some(store) = fast::parse(text, FILE) {
        assert_eq!(
            outcome(Ok(store)),
            reference,
            "fast and reference readers disagree"
        );
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
