//! Property tests for `tuinews::text` over the text a Vietnamese news store actually holds:
//! Vietnamese letters in NFC and NFD (marks in either order), stray combining marks, CJK,
//! emoji with ZWJ, skin tones and VS16, tabs and Unicode separators, controls and whole escape
//! sequences; widths 1..=120.

use std::collections::HashSet;

use proptest::prelude::*;
use tuinews::text::*;
use unicode_normalization::{UnicodeNormalization, is_nfc};
use unicode_segmentation::UnicodeSegmentation;

const FRAGMENTS: &[&str] = &[
    // Vietnamese, NFC
    "Hà",
    "Nội",
    "Phạm",
    "Minh",
    "Chính",
    "Thủ",
    "tướng",
    "Đà",
    "Nẵng",
    "ĐẢNG",
    "hoà",
    "hòa",
    "ệ",
    "ư",
    "ơ",
    "Ế",
    "ỹ",
    "đ",
    "Tô",
    "Lâm",
    "Việt",
    "a",
    "b",
    "x",
    "MỚI",
    // Vietnamese, NFD, and marks in non-canonical order
    "a\u{300}",
    "e\u{323}\u{302}",
    "e\u{302}\u{323}",
    "u\u{31b}\u{309}",
    "Vie\u{302}\u{323}t",
    "D\u{301}",
    // stray combining marks
    "\u{301}",
    "\u{323}",
    "\u{309}\u{303}",
    // CJK and half-width katakana
    "志",
    "位",
    "和夫",
    "委員長",
    "、",
    "。",
    "ｶﾞ",
    "ﾊﾟ",
    // emoji
    "👨\u{200d}👩\u{200d}👧",
    "👍🏽",
    "❤\u{fe0f}",
    "🌞",
    "🇻🇳",
    "\u{200d}",
    "\u{fe0f}",
    "🏽",
    // spaces and breaks
    " ",
    " ",
    " ",
    "  ",
    "\t",
    "\u{a0}",
    "\n",
    "\r\n",
    "\r",
    "\u{2028}",
    "\u{2029}",
    "\u{3000}",
    "\u{b}",
    "\u{85}",
    // punctuation
    "-",
    "/",
    "(",
    ")",
    ",",
    ".",
    "!",
    "…",
    "\"",
    "[ ",
    // controls and escape sequences
    "\x1b[31m",
    "\x1b[0m",
    "\x1b]0;pwn\x07",
    "\x1b]8;;http://x\x1b\\",
    "\x1bP1$r\x1b\\",
    "\u{9b}2J",
    "\u{9d}0;t\u{9c}",
    "\x1b",
    "\x1b(B",
    "\x07",
    "\0",
    "\x7f",
    "\u{80}",
    "\u{9c}",
    "\u{202e}",
    "\u{2067}",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40).prop_map(|v| v.concat())
}

/// Text as the store holds it, or anything at all.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => text(), 1 => any::<String>()]
}

/// Typical news text, all of it on the sanitiser's fast path when joined without stray spaces:
/// NFC Vietnamese, digits, typographic punctuation, NBSP.
const CLEAN_FRAGMENTS: &[&str] = &[
    "Hà", "Nội", "Phạm", "Minh", "Chính", "Thủ", "tướng", "Đà", "Nẵng", "ĐẢNG", "hoà", "ỹ", "ư",
    "Ông", "Ảnh:", "12,5%", "2026", "“", "”", "‘", "’", "–", "—", "…", "•", "(", ")", ".", ",",
    "ß", "Æ", "Ø", "ǅ", "ȸ", "ɏ", "ẞ", "ẛ", " ", " ", " ", "\u{a0}",
];

/// Characters on and around the edges of the fast paths' ranges: C0 and C1 controls, Latin-1
/// to the combining diacritics, Latin Extended Additional and its neighbours, General
/// Punctuation (spaces, format characters, bidi controls, separators).
fn edge_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::char::range('\0', '\u{7f}'),
        prop::char::range('\u{80}', '\u{36f}'),
        prop::char::range('\u{1dc0}', '\u{1f0f}'),
        prop::char::range('\u{2000}', '\u{206f}'),
        prop::sample::select(vec![
            '\u{3000}', '志', '\u{feff}', '\u{1100}', '\u{1161}', '가'
        ]),
    ]
}

/// Clean text, clean text with a few characters from the edges, store-like text, anything.
fn fast_or_slow_text() -> impl Strategy<Value = String> {
    let clean = || prop::collection::vec(prop::sample::select(CLEAN_FRAGMENTS), 0..40);
    prop_oneof![
        3 => clean().prop_map(|v| v.concat()),
        3 => (clean(), prop::collection::vec((0usize..40, edge_char()), 1..4)).prop_map(
            |(v, edges)| {
                let mut s: Vec<String> = v.iter().map(|f| f.to_string()).collect();
                for (at, c) in edges {
                    s.insert(at.min(s.len()), c.to_string());
                }
                s.concat()
            }
        ),
        2 => prop::collection::vec(edge_char(), 0..30).prop_map(String::from_iter),
        2 => text(),
        1 => any::<String>(),
    ]
}

/// A line fits, or is the documented exception: one grapheme wider than the width, alone.
fn fits(m: Metrics, line: &str, cols: usize) -> bool {
    m.width(line) <= cols || (line.graphemes(true).count() == 1 && m.width(line) > cols)
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn boundaries(s: &str) -> HashSet<usize> {
    s.grapheme_indices(true)
        .map(|(i, _)| i)
        .chain([s.len()])
        .collect()
}

proptest! {
    // No regression files: a failure prints its minimal input, which belongs in a unit test.
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn wrap_lines_fit(s in any_text(), cols in 1usize..=120, wide in any::<bool>()) {
        let m = Metrics { ambiguous_wide: wide, urls_whole: false };
        for clean in [sanitize_block(&s), sanitize_line(&s), s.clone()] {
            for line in m.wrap(&clean, cols) {
                prop_assert!(fits(m, &line, cols), "{line:?} at {cols} from {clean:?}");
                prop_assert!(!line.ends_with(char::is_whitespace), "{line:?}");
            }
        }
    }

    #[test]
    fn wrap_keeps_every_word_and_paragraph(s in text(), cols in 1usize..=120) {
        let clean = sanitize_block(&s);
        let lines = wrap(&clean, cols);
        prop_assert_eq!(no_space(&lines.concat()), no_space(&clean));
        prop_assert!(lines.len() > clean.matches('\n').count(), "{lines:?}");
    }

    #[test]
    fn wrap_never_splits_a_grapheme(s in text(), cols in 1usize..=120, wide in any::<bool>()) {
        let m = Metrics { ambiguous_wide: wide, urls_whole: false };
        // Raw text too (without CR, which would glue to LF), for breaks textwrap offers inside
        // a grapheme, as in " \u{301}", which sanitised text no longer has.
        let raw: String = s.chars().filter(|&c| c != '\r').collect();
        for clean in [sanitize_block(&s), raw] {
            let bounds = boundaries(&clean);
            let mut pos = 0;
            for line in m.wrap(&clean, cols) {
                if line.is_empty() {
                    continue;
                }
                let found = clean[pos..].find(line.as_str());
                prop_assert!(found.is_some(), "{line:?} not found after {pos} in {clean:?}");
                let at = pos + found.unwrap_or_default();
                prop_assert!(clean[pos..at].chars().all(char::is_whitespace),
                    "text dropped before {line:?}");
                prop_assert!(bounds.contains(&at) && bounds.contains(&(at + line.len())),
                    "{line:?} at {at} splits a grapheme of {clean:?}");
                pos = at + line.len();
            }
            prop_assert!(clean[pos..].chars().all(char::is_whitespace));
        }
    }

    #[test]
    fn truncate_fits_and_keeps_graphemes(s in any_text(), cols in 0usize..=120, wide in any::<bool>()) {
        let m = Metrics { ambiguous_wide: wide, urls_whole: false };
        let line = sanitize_line(&s);
        for input in [line.as_str(), s.as_str()] {
            let t = m.truncate(input, cols);
            prop_assert!(m.width(&t) <= cols, "{t:?} wider than {cols}");
            if cols > 0 && m.width(input) <= cols {
                prop_assert_eq!(&t, input);
            } else if cols > 0 {
                prop_assert_eq!(m.width(&t), cols, "{:?} cut but not padded", t);
                if m.width("…") <= cols {
                    // prefix, then "…", then padding
                    let kept = t.trim_end_matches(' ').strip_suffix('…');
                    prop_assert!(kept.is_some(), "{t:?} has no ellipsis");
                    let kept = kept.unwrap_or_default();
                    prop_assert!(input.starts_with(kept), "{t:?} is not a prefix of {input:?}");
                    prop_assert!(boundaries(input).contains(&kept.len()), "{t:?} splits a grapheme");
                }
            } else {
                prop_assert_eq!(t, "");
            }
        }
    }

    #[test]
    fn sanitize_emits_no_control(s in any_text()) {
        let block = sanitize_block(&s);
        let bad = |c: char| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c);
        prop_assert!(!block.chars().any(|c| c != '\n' && bad(c)), "{block:?}");
        let line = sanitize_line(&s);
        prop_assert!(!line.chars().any(bad), "{line:?}");
        prop_assert!(!line.starts_with(char::is_whitespace) && !line.ends_with(char::is_whitespace));
        prop_assert!(!line.contains("  "), "{line:?}");
        for out in [&block, &line] {
            prop_assert!(is_nfc(out), "{out:?} not NFC");
            prop_assert!(!out.graphemes(true).any(|g| g.starts_with(
                unicode_normalization::char::is_combining_mark)), "{out:?} has a mark without a base");
        }
    }

    #[test]
    fn sanitize_is_idempotent(s in any_text()) {
        let block = sanitize_block(&s);
        prop_assert_eq!(sanitize_block(&block), block.clone());
        let line = sanitize_line(&s);
        prop_assert_eq!(sanitize_line(&line), line.clone());
        prop_assert_eq!(sanitize_line(&block), line);
    }

    #[test]
    fn nfc_and_nfd_are_the_same_text(s in any_text()) {
        let (c, d): (String, String) = (s.nfc().collect(), s.nfd().collect());
        prop_assert_eq!(fold(&c), fold(&d));
        prop_assert_eq!(sanitize_block(&c), sanitize_block(&d));
        prop_assert_eq!(width(&sanitize_line(&c)), width(&sanitize_line(&d)));
    }

    #[test]
    fn fold_is_a_clean_key(s in any_text()) {
        let f = fold(&s);
        prop_assert_eq!(fold(&f), f.clone());
        prop_assert!(!f.starts_with(' ') && !f.ends_with(' ') && !f.contains("  "));
        prop_assert!(!f.chars().any(|c| c != ' ' && c.is_whitespace()));
        prop_assert!(!f.chars().any(|c| unicode_normalization::char::is_combining_mark(c)
            || matches!(c, 'đ' | 'Đ')));
    }

    #[test]
    fn find_folded_finds_any_piece_of_the_text(
        s in text(),
        cut in (0usize..40, 0usize..40),
        upper in any::<bool>(),
        decompose in any::<bool>(),
    ) {
        let hay = sanitize_line(&s);
        let gs: Vec<&str> = hay.graphemes(true).collect();
        let (i, j) = (cut.0.min(gs.len()), cut.1.min(gs.len()));
        let mut needle = gs[i.min(j)..i.max(j)].concat();
        if upper {
            needle = needle.to_uppercase();
        }
        if decompose {
            needle = needle.nfd().collect();
        }
        let found = find_folded(&hay, &needle);
        prop_assert_eq!(found.is_empty(), fold(&needle).is_empty() || !fold(&hay).contains(&fold(&needle)));
        if !fold(&needle).is_empty() {
            prop_assert!(!found.is_empty(), "{needle:?} not found in {hay:?}");
        }
        let bounds = boundaries(&hay);
        let mut end = 0;
        for r in &found {
            prop_assert!(r.start >= end && r.start < r.end, "{found:?}");
            prop_assert!(bounds.contains(&r.start) && bounds.contains(&r.end), "{r:?} splits a grapheme");
            prop_assert!(fold(&hay[r.clone()]).contains(&fold(&needle)), "{r:?} does not hold {needle:?}");
            end = r.end;
        }
    }

    #[test]
    fn fast_paths_give_what_the_general_algorithms_give(s in fast_or_slow_text()) {
        prop_assert_eq!(sanitize_line(&s), slow::sanitize_line(&s), "line {:?}", s);
        prop_assert_eq!(sanitize_block(&s), slow::sanitize_block(&s), "block {:?}", s);
        prop_assert_eq!(sanitize_line_owned(s.clone()), slow::sanitize_line(&s));
        prop_assert_eq!(sanitize_block_owned(s.clone()), slow::sanitize_block(&s));
        prop_assert_eq!(fold(&s), slow::fold(&s), "fold {:?}", s);
        prop_assert_eq!(fold_map(&s).text, fold(&s));
        // As the store builds its search key: sanitised fields joined by "\n\u{1}\n".
        let key = format!("{}\n\u{1}\n{}", sanitize_line(&s), sanitize_block(&s));
        prop_assert_eq!(fold(&key), slow::fold(&key));
    }

    #[test]
    fn fold_joined_folds_the_concatenation(
        parts in prop::collection::vec(fast_or_slow_text(), 0..5),
        sep in prop::sample::select(vec!["", " ", "\n\u{1}\n", "\u{301}", "x"]),
    ) {
        let joined: String = parts.iter().flat_map(|p| [p.as_str(), sep]).collect();
        let key = fold_joined(parts.iter().map(String::as_str), sep);
        prop_assert_eq!(&key, &fold(&joined), "{:?} joined by {:?}", parts, sep);
        prop_assert_eq!(key.capacity(), key.len());
    }

    #[test]
    fn nothing_panics(s in any::<String>(), n in any::<String>(), cols in 0usize..=130, wide in any::<bool>()) {
        let m = Metrics { ambiguous_wide: wide, urls_whole: false };
        let _ = (sanitize_block(&s), sanitize_line(&s), m.width(&s), m.truncate(&s, cols));
        let _ = (m.wrap(&s, cols), fold(&s), find_folded(&s, &n), find_folded(&s, &s));
        let f = fold_map(&s);
        let _ = f.original_range(cols..cols / 2 + 3);
    }
}

mod persons_are_people {
    //! `persons` never shows one person twice: whatever the spellings (case, NFC or NFD, tone
    //! placement, no-break and repeated spaces, Ð for Đ), the entries' identity keys differ,
    //! and every mention is counted in exactly one entry.

    use proptest::prelude::*;
    use tuinews::persons::Persons;
    use tuinews::query::words::identity_key;
    use tuinews::store::{Article, Store};
    use unicode_normalization::UnicodeNormalization;

    const NAMES: &[&str] = &[
        "Nguyễn Thị Thúy",
        "Nguyễn Thị Thuý",
        "Lê Văn Hùng",
        "Lê Văn Hưng",
        "Hoàng Hòa",
        "Hoàng Hoà",
        "Đỗ Mười",
        "Ðỗ Mười",
        "Phạm Minh Chính",
        "Shii Kazuo",
    ];

    /// One spelling of a name: its case, form and spaces changed.
    fn spelling() -> impl Strategy<Value = String> {
        (0..NAMES.len(), 0..3usize, any::<bool>(), 0..3usize).prop_map(|(i, case, nfd, space)| {
            let name = NAMES[i];
            let name = match case {
                0 => name.to_owned(),
                1 => name.to_uppercase(),
                _ => name.to_lowercase(),
            };
            let name = if nfd { name.nfd().collect() } else { name };
            let sep = ["\u{a0}", "  ", "\u{202f}"][space];
            if space == 0 && !nfd {
                name
            } else {
                name.replace(' ', sep)
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn one_entry_per_identity_and_every_mention_counted(
            articles in prop::collection::vec(prop::collection::vec(spelling(), 0..4), 1..12)
        ) {
            let store = Store::from_articles(
                articles
                    .iter()
                    .enumerate()
                    .map(|(i, persons)| Article {
                        id: format!("a{i}"),
                        title: format!("Tin {i}"),
                        persons: persons.iter().map(|p| p.as_str().into()).collect(),
                        ..Article::default()
                    })
                    .collect(),
            );
            let persons = Persons::new(&store);
            let keys: Vec<String> = persons.list.iter().map(|p| identity_key(&p.name)).collect();
            let mut unique = keys.clone();
            unique.sort();
            unique.dedup();
            prop_assert_eq!(unique.len(), keys.len(), "{:?}", persons.list.iter().map(|p| &p.name).collect::<Vec<_>>());
            // Each article is counted once under each identity it names.
            for (ix, a) in store.iter() {
                let mut own: Vec<String> = a.persons.iter().map(|p| identity_key(p)).collect();
                own.sort();
                own.dedup();
                for key in own {
                    let entry = persons.list.iter().find(|p| identity_key(&p.name) == key);
                    prop_assert!(entry.is_some_and(|p| p.articles.contains(&ix)), "{key}");
                }
            }
        }
    }
}
