//! Sanitising, wrapping, truncating and matching on arbitrary text at arbitrary widths: never a
//! panic, nothing that reaches the terminal holds a control character, no wrapped line or cut
//! title is wider than asked (a single grapheme wider than the width excepted), and a search for
//! a piece of the text finds it.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use tuinews::text;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    text: &'a str,
    needle: &'a str,
    cols: u8,
}

fuzz_target!(|input: Input<'_>| {
    let line = text::sanitize_line(input.text);
    let block = text::sanitize_block(input.text);
    for s in [&line, &block] {
        assert!(
            !s.chars().any(|c| c.is_control() && c != '\n'),
            "{s:?} from {:?}",
            input.text
        );
    }
    assert!(!line.contains('\n'), "{line:?}");
    let cols = usize::from(input.cols);
    let cut = text::truncate(&line, cols);
    assert!(text::width(&cut) <= cols.max(1), "{cut:?} at {cols}");
    for row in text::wrap(&block, cols) {
        let widest = unicode_graphemes_max(&row);
        assert!(
            text::width(&row) <= cols.max(widest),
            "{row:?} wider than {cols}"
        );
    }
    // A needle of letters, digits and spaces that stands in the text as whole graphemes is
    // found there (a lone mark is no word, and folds to nothing).
    let needle = text::sanitize_line(input.needle);
    let needle = needle.trim();
    let wordy = needle.chars().all(|c| c.is_alphanumeric() || c == ' ');
    if !needle.is_empty() && wordy && !text::fold(needle).is_empty() {
        let bounds: Vec<usize> = line
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .chain([line.len()])
            .collect();
        let whole = line
            .match_indices(needle)
            .any(|(i, m)| bounds.contains(&i) && bounds.contains(&(i + m.len())));
        if whole {
            let hits = text::find_folded(&line, needle);
            assert!(!hits.is_empty(), "{needle:?} not found in {line:?}");
            for r in hits {
                assert!(
                    line.get(r.clone()).is_some(),
                    "{r:?} not on a boundary of {line:?}"
                );
            }
        }
    }
});

/// The widest grapheme of a row: a row holding one wider than the width has nowhere else to go.
fn unicode_graphemes_max(row: &str) -> usize {
    row.graphemes(true).map(text::width).max().unwrap_or(0)
}
