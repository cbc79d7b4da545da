//! The date SPEC and query-line parsers on arbitrary text: never a panic, a parsed query line
//! prints as a clean line that parses back to a filter printed the same (printing may change a
//! value once: a quote inside a value becomes an apostrophe), and every message is one clean
//! line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tuinews::query::{self, line};

fuzz_target!(|text: &str| {
    let today = jiff::civil::date(2026, 2, 1);
    match query::parse_date_spec(text, today) {
        Ok(range) => {
            let _ = format!("{range:?}");
        }
        Err(e) => {
            let m = e.to_string();
            assert!(!m.contains('\n') && !m.contains('\u{1b}'), "{m:?}");
        }
    }
    match line::parse(text, today) {
        Ok(filter) => {
            let shown = filter.to_string();
            assert!(!shown.chars().any(char::is_control), "{shown:?}");
            match line::parse(&shown, today) {
                Ok(again) => assert_eq!(again.to_string(), shown, "{text:?} shown as {shown:?}"),
                Err(e) => panic!("{text:?} shown as {shown:?} does not parse back: {e}"),
            }
        }
        Err(e) => {
            let m = e.to_string();
            assert!(!m.contains('\n') && !m.contains('\u{1b}'), "{m:?}");
        }
    }
});
