//! How a typed word matches a word of the text: the rules search and person filters share.
//!
//! - A word typed without marks matches accent- and case-insensitively (`ha` finds "Hà", "Hải",
//!   "hạ"); a word typed with marks matches only words with those marks ("smart accents", as
//!   smartcase does for case), so `Hùng` never finds "Hưng", a different person.
//! - The tone mark's placement does not matter: "hoà" and "hòa", "thuý" and "thúy" are one
//!   word. A marked word is compared as its letters with their vowel marks (circumflex, breve,
//!   horn; đ) plus its tone, wherever the tone was written.
//! - Search words match the start of a word of the text (`ha` does not find "Nhật" or "pha");
//!   a word in a script written without spaces (Chinese, Japanese) matches anywhere.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use crate::text::{fold, fold_map};

/// The five Vietnamese tone marks as combining characters, in a fixed order.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// A marked word in a form where tone placement does not matter: lowercase NFC letters with
/// their vowel marks, and the tone (0 for none, else 1 + its index in [`TONES`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkedKey {
    pub letters: String,
    pub tone: u8,
}

/// The key of a word as written (any normalisation form, any case).
pub fn marked_key(word: &str) -> MarkedKey {
    let mut tone = 0;
    let mut letters = String::with_capacity(word.len());
    for c in word.nfkd().flat_map(char::to_lowercase) {
        match TONES.iter().position(|&t| t == c) {
            Some(i) => tone = u8::try_from(i + 1).unwrap_or(0),
            None => letters.push(c),
        }
    }
    MarkedKey {
        letters: letters.nfc().collect(),
        tone,
    }
}

/// A person's identity: one key for every spelling of one name, a different key for another
/// name. Case, normalisation form, the kind and number of spaces (NBSP, U+202F) and where the
/// tone mark sits ("Thuý" / "Thúy") do not matter; the marks do ("Hùng" is not "Hưng"). "Ð"
/// (U+00D0, often typed for Đ) counts as Đ.
pub fn identity_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    for (_, word) in words(name) {
        let key = marked_key(word);
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(key.letters.chars().map(|c| if c == 'ð' { 'đ' } else { c }));
        if key.tone > 0 {
            out.push('\u{1}');
            out.push(char::from(b'0' + key.tone));
        }
    }
    out
}

/// A word the user typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Typed {
    /// Folded: no marks, lowercase, đ as d.
    pub folded: String,
    /// With its marks, when it was typed with any.
    pub marked: Option<MarkedKey>,
}

impl Typed {
    pub fn new(word: &str) -> Typed {
        let folded = fold(word);
        let key = marked_key(word);
        let plain = key.tone == 0 && key.letters == folded;
        Typed {
            marked: (!plain).then_some(key),
            folded,
        }
    }

    /// Words of a script written without spaces match anywhere inside a word.
    pub fn anywhere(&self) -> bool {
        self.folded
            .chars()
            .next()
            .is_some_and(|c| !c.is_ascii() && c.is_alphabetic() && !is_latin(c))
    }

    /// Whether a word of the text, as written, matches: the whole word, or its start.
    pub fn matches(&self, word: &str, whole: bool) -> bool {
        // Most words of a text start with another letter: settled without folding them.
        if !self.anywhere()
            && let (Some(w), Some(t)) = (first_base(word), self.folded.chars().next())
            && w != t
        {
            return false;
        }
        match &self.marked {
            None => {
                let f = fold(word);
                if whole {
                    f == self.folded
                } else if self.anywhere() {
                    f.contains(&self.folded)
                } else {
                    f.starts_with(&self.folded)
                }
            }
            Some(key) if !self.anywhere() => key_matches(word, key, whole),
            Some(key) => {
                let k = marked_key(word);
                k.tone == key.tone && k.letters.contains(&key.letters)
            }
        }
    }
}

/// A word written with marks as the search index keeps it: its tone (a digit, `0` for none)
/// then its letters lowercase in NFKD without the tone, so that a word matches a [`MarkedKey`]
/// exactly when this starts with [`marked_prefix`] of the key (see [`key_matches`], which
/// compares the same sequences). `None` for a word of ASCII letters alone, which no key
/// matches: a key has a tone or a mark, or it would have been typed plain.
pub fn marked_token(word: &str) -> Option<String> {
    if word.is_ascii() {
        return None;
    }
    let mut tone = 0;
    let mut letters = String::with_capacity(word.len() + 4);
    for c in word.nfkd().flat_map(char::to_lowercase) {
        match TONES.iter().position(|&t| t == c) {
            Some(i) => tone = i + 1,
            None => letters.push(c),
        }
    }
    let mut out = String::with_capacity(letters.len() + 1);
    out.push(char::from(b'0' + u8::try_from(tone).unwrap_or(0)));
    out.push_str(&letters);
    Some(out)
}

/// What the [`marked_token`]s of the words a key matches start with.
pub fn marked_prefix(key: &MarkedKey) -> String {
    let mut out = String::with_capacity(key.letters.len() + 4);
    out.push(char::from(b'0' + key.tone));
    out.extend(key.letters.nfd());
    out
}

/// Whether `word` (any form, any case) is the key's word, or starts with it, tone placement
/// aside: the word's letters in NFD with the tone marks set aside, compared as they come, with
/// no string built. A search typed with marks runs this over every word of every candidate
/// article.
fn key_matches(word: &str, key: &MarkedKey, whole: bool) -> bool {
    let mut want = key.letters.nfd();
    let mut tone = 0;
    for c in word.nfkd().flat_map(char::to_lowercase) {
        if let Some(i) = TONES.iter().position(|&t| t == c) {
            tone = u8::try_from(i + 1).unwrap_or(0);
            continue;
        }
        match want.next() {
            Some(w) if w == c => {}
            Some(_) => return false,
            // The word goes on past the key: a prefix, unless the whole word was asked for.
            None if whole => return false,
            None => {}
        }
    }
    want.next().is_none() && tone == key.tone
}

/// The first letter of a word without its marks, lowercase, đ as d: what its fold starts with.
fn first_base(word: &str) -> Option<char> {
    let c = word.chars().next()?;
    let mut base = None;
    // Compatibility too, as the fold does: a fullwidth Ａ starts "a".
    unicode_normalization::char::decompose_compatible(c, |d| {
        if base.is_none() {
            base = Some(d);
        }
    });
    let base = base?.to_lowercase().next()?;
    Some(match base {
        'đ' | 'ð' | 'ɖ' => 'd',
        other => other,
    })
}

/// Latin letters (Vietnamese among them) and the other alphabets written with spaces.
fn is_latin(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' | '\u{370}'..='\u{52F}')
}

/// The words of a text with their byte ranges: runs of letters and digits with their marks
/// (a hyphen, an apostrophe or any other punctuation ends a word).
///
/// A scan of `char`s rather than Unicode's word boundaries: every search of a word typed with
/// marks runs this over each candidate article, and the two cut Vietnamese the same way.
pub fn words(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    // Vietnamese text is ASCII and Latin letters almost throughout: those are settled by
    // range before the general (and much slower) Unicode tables are asked.
    let in_word = |c: char| {
        c.is_ascii_alphanumeric()
            || (matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}')
                && !matches!(c, '\u{d7}' | '\u{f7}'))
            || (!c.is_ascii()
                && (c.is_alphanumeric()
                    || unicode_normalization::char::is_combining_mark(c)
                    || c == '\u{200d}'))
    };
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = rest.by_ref().find(|&(_, c)| in_word(c))?;
        let mut end = text.len();
        while let Some(&(at, c)) = rest.peek() {
            if !in_word(c) {
                end = at;
                break;
            }
            rest.next();
        }
        Some((start..end, &text[start..end]))
    })
}

/// Whether the typed words `phrase` occur in `text` (see [`find`]), stopping at the first;
/// for a caller that has already seen the folded words in the folded text.
pub fn occurs(text: &str, phrase: &[Typed]) -> bool {
    !find_up_to(text, phrase, 1, false).is_empty()
}

/// Where the typed words `phrase` occur in `text` as consecutive words (only spaces between
/// them), every one whole but the last, which may be the start of a word. The ranges cover the
/// matched graphemes. One typed word is a phrase of one.
pub fn find(text: &str, phrase: &[Typed]) -> Vec<Range<usize>> {
    find_up_to(text, phrase, usize::MAX, true)
}

/// [`find`], stopping after `limit` matches; `precheck` first looks for the folded words in
/// the folded text.
fn find_up_to(text: &str, phrase: &[Typed], limit: usize, precheck: bool) -> Vec<Range<usize>> {
    let Some((last, whole)) = phrase.split_last() else {
        return Vec::new();
    };
    // Most texts do not hold the words at all: one pass over the folded text says so before
    // any word is cut out and compared.
    let first = phrase.first().map_or("", |t| t.folded.as_str());
    if precheck && !fold(text).contains(first) {
        return Vec::new();
    }
    // Chinese and Japanese run their characters together: each is a "word" of its own, so a
    // typed run is looked for anywhere in the text.
    if whole.is_empty() && last.anywhere() {
        return fold_map(text).find(&last.folded);
    }
    let list: Vec<(Range<usize>, &str)> = words(text).collect();
    let mut out = Vec::new();
    for start in 0..list.len() {
        let Some(window) = list.get(start..start + phrase.len()) else {
            break;
        };
        let together = window.windows(2).all(|w| {
            text[w[0].0.end..w[1].0.start]
                .chars()
                .all(char::is_whitespace)
        });
        let fits = together
            && whole
                .iter()
                .zip(window)
                .all(|(t, (_, w))| t.matches(w, true))
            && window.last().is_some_and(|(_, w)| last.matches(w, false));
        if !fits {
            continue;
        }
        let (first, (last_range, last_word)) = (&window[0].0, &window[window.len() - 1]);
        // Highlight what matched of the last word: its start, or the place inside it.
        let map = fold_map(last_word);
        let inner = map
            .text
            .find(last.folded.as_str())
            .map(|at| map.original_range(at..at + last.folded.len()))
            .unwrap_or(0..last_word.len());
        let end = last_range.start + inner.end;
        let begin = if phrase.len() == 1 {
            last_range.start + inner.start
        } else {
            first.start
        };
        out.push(begin..end);
        if out.len() >= limit {
            break;
        }
    }
    out
}

/// The typed words of a text.
pub fn typed(text: &str) -> Vec<Typed> {
    text.split_whitespace()
        .map(Typed::new)
        .filter(|t| !t.folded.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str, query: &str) -> Vec<String> {
        find(text, &typed(query))
            .into_iter()
            .map(|r| text[r].to_owned())
            .collect()
    }

    #[test]
    fn marked_tokens_start_with_the_prefix_of_every_key_they_match() {
        let words = [
            "Hùng", "Hưng", "hoà", "hòa", "Thuý", "ĐẢNG", "Đảng", "ấn", "Nhật", "qúy",
        ];
        let typed = [
            "Hù", "Hùng", "hòa", "thúy", "Đả", "đảng", "â", "à", "Nhậ", "quý", "Hư",
        ];
        for w in words {
            let token = marked_token(w).unwrap_or_default();
            let nfd: String = w.nfd().collect();
            assert_eq!(marked_token(&nfd), Some(token.clone()), "{w}");
            for t in typed {
                let key = marked_key(t);
                for whole in [false, true] {
                    let by_token = if whole {
                        token == marked_prefix(&key)
                    } else {
                        token.starts_with(&marked_prefix(&key))
                    };
                    assert_eq!(by_token, key_matches(w, &key, whole), "{w} / {t} / {whole}");
                }
            }
        }
        assert_eq!(marked_token("Hanoi"), None);
    }

    #[test]
    fn unmarked_words_match_word_starts_with_any_marks() {
        let text = "Hà Nội, Hải Phòng và hạ tầng; Nhật Bản, pha trà";
        assert_eq!(hits(text, "ha"), ["Hà", "Hả", "hạ"]);
        assert_eq!(hits(text, "HA"), ["Hà", "Hả", "hạ"]);
        assert!(hits(text, "at").is_empty(), "not inside Nhật");
    }

    #[test]
    fn marked_words_match_only_those_marks_wherever_the_tone_sits() {
        let text = "Lê Văn Hùng gặp Lê Văn Hưng; hoà bình và hòa hợp; Thuý, Thúy";
        assert_eq!(hits(text, "Hùng"), ["Hùng"]);
        assert_eq!(hits(text, "hưng"), ["Hưng"]);
        assert_eq!(hits(text, "hung"), ["Hùng", "Hưng"]);
        assert_eq!(hits(text, "hòa"), ["hoà", "hòa"]);
        assert_eq!(hits(text, "hoà"), ["hoà", "hòa"]);
        assert_eq!(hits(text, "thúy"), ["Thuý", "Thúy"]);
        // A marked prefix keeps its marks: "Hư" is the start of Hưng only.
        assert_eq!(hits(text, "Hư"), ["Hư"]);
        // NFD typed or stored is the same word.
        let nfd: String = "Hùng".nfd().collect();
        assert_eq!(hits(text, &nfd), ["Hùng"]);
        let nfd_text: String = text.nfd().collect();
        assert_eq!(find(&nfd_text, &typed("Hùng")).len(), 1);
    }

    #[test]
    fn phrases_are_consecutive_words() {
        let text = "Thủ đô Hà Nội đón Tết; Hà, Nội Bài";
        assert_eq!(hits(text, "ha noi"), ["Hà Nội"]);
        assert_eq!(hits(text, "hà n"), ["Hà N"]);
        assert!(hits(text, "noi ha").is_empty());
        assert!(hits(text, "do noi").is_empty());
    }

    #[test]
    fn scripts_without_spaces_match_inside_words() {
        let text = "Chủ tịch Shii Kazuo 志位和夫 phát biểu";
        assert_eq!(hits(text, "和夫"), ["和夫"]);
        assert_eq!(hits(text, "kazuo"), ["Kazuo"]);
        assert!(hits(text, "azuo").is_empty());
    }

    #[test]
    fn one_identity_for_every_spelling_of_one_name() {
        let thuy = identity_key("Nguyễn Thị Thúy");
        for same in [
            "Nguyễn Thị Thuý",
            "NGUYỄN THỊ THÚY",
            "Nguyễn\u{a0}Thị  Thúy",
            "Nguyễn\u{202f}Thị Thúy",
        ] {
            assert_eq!(identity_key(same), thuy, "{same}");
        }
        let nfd: String = "Nguyễn Thị Thúy".nfd().collect();
        assert_eq!(identity_key(&nfd), thuy);
        assert_ne!(identity_key("Lê Văn Hùng"), identity_key("Lê Văn Hưng"));
        assert_ne!(identity_key("Tô Lâm"), identity_key("Tô Lam"));
        assert_eq!(identity_key("Ðỗ Mười"), identity_key("Đỗ Mười"));
    }

    #[test]
    fn keys_ignore_tone_placement_but_not_vowel_marks() {
        assert_eq!(marked_key("hoà"), marked_key("hòa"));
        assert_eq!(marked_key("qúy"), marked_key("quý"));
        assert_ne!(marked_key("Hùng"), marked_key("Hưng"));
        assert_ne!(marked_key("lâm"), marked_key("lấm"));
        assert_eq!(Typed::new("ha").marked, None);
        assert!(Typed::new("hà").marked.is_some());
        assert!(Typed::new("Đà").marked.is_some());
    }
}
