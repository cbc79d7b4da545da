//! Vietnamese alphabetical order: a < ă < â < b < c < d < đ < e < ê < ... < o < ô < ơ < ... < u < ư,
//! with tones as a secondary difference (ngang < huyền < hỏi < ngã < sắc < nặng). Letters
//! outside the Vietnamese alphabet sort next to their base letter, their marks a secondary
//! difference after the tones (Muller < Müller < Mulz; Otani < Ōtani), and "Ð" (U+00D0, often
//! typed for Đ) is Đ.
//!
//! Written by hand: the only crate that collates Vietnamese correctly is ICU4X's `icu_collator`,
//! which brings a large data and dependency tree for one alphabet; the rule fits in a page.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;

/// The sort key of a string: letters with their vowel marks first, tones second, case last.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    primary: Vec<u32>,
    /// Per letter: its tone (0-5), then any other mark above it (see [`foreign_mark`]).
    secondary: Vec<u16>,
    tertiary: Vec<u8>,
}

/// Computes the Vietnamese sort key of `s`.
pub fn key(s: &str) -> Key {
    let mut primary = Vec::with_capacity(s.len());
    let mut secondary = Vec::with_capacity(s.len());
    let mut tertiary = Vec::with_capacity(s.len());
    for c in s.nfd() {
        match c {
            // Vowel modifiers change the letter: they refine the last primary weight.
            '\u{0306}' => bump(&mut primary, 1), // breve: ă
            '\u{0302}' => bump(&mut primary, 2), // circumflex: â ê ô
            '\u{031B}' => bump(&mut primary, 3), // horn: ơ ư
            // Tones are secondary.
            '\u{0300}' => set_tone(&mut secondary, 1), // huyền
            '\u{0309}' => set_tone(&mut secondary, 2), // hỏi
            '\u{0303}' => set_tone(&mut secondary, 3), // ngã
            '\u{0301}' => set_tone(&mut secondary, 4), // sắc
            '\u{0323}' => set_tone(&mut secondary, 5), // nặng
            // Marks of other alphabets (ü, ō, å, ç, š...): secondary, after the tone.
            c if unicode_normalization::char::is_combining_mark(c) => {
                add_mark(&mut secondary, foreign_mark(c));
            }
            _ => {
                let lower = c.to_lowercase().next().unwrap_or(c);
                tertiary.push(u8::from(lower != c));
                // Letters that are a base letter with a stroke or slash but no decomposition
                // sort beside that letter.
                let (base, mark) = match lower {
                    'ø' => ('o', 1),
                    'ł' => ('l', 1),
                    'ı' => ('i', 1),
                    other => (other, 0),
                };
                secondary.push(mark << 8);
                primary.push(match base {
                    'đ' | 'ð' | 'ɖ' => weight('d') + 1,
                    c if c.is_whitespace() => 1,
                    c => weight(c),
                });
            }
        }
    }
    Key {
        primary,
        secondary,
        tertiary,
    }
}

fn weight(c: char) -> u32 {
    // Four slots per character leave room for the modifiers above.
    (u32::from(c) + 2) * 4
}

fn bump(primary: &mut [u32], by: u32) {
    if let Some(last) = primary.last_mut() {
        *last += by;
    }
}

fn set_tone(secondary: &mut [u16], tone: u16) {
    if let Some(last) = secondary.last_mut() {
        *last = (*last & !0xff) | tone;
    }
}

/// A mark of another alphabet on the last letter: in the high byte, so it counts after the
/// tone.
fn add_mark(secondary: &mut [u16], mark: u16) {
    if let Some(last) = secondary.last_mut() {
        *last = (*last & 0xff) | ((((*last >> 8) + mark).min(0xff)) << 8);
    }
}

/// The weight of a combining mark that is not Vietnamese: the common ones in a fixed order,
/// any other after them.
fn foreign_mark(c: char) -> u16 {
    match c {
        '\u{0308}' => 2, // diaeresis: ä ö ü
        '\u{0304}' => 3, // macron: ā ō ū
        '\u{030a}' => 4, // ring: å
        '\u{0327}' => 5, // cedilla: ç
        '\u{030c}' => 6, // caron: č š ž
        '\u{0328}' => 7, // ogonek: ą ę
        '\u{0307}' => 8, // dot above: ż
        '\u{030b}' => 9, // double acute: ő
        _ => 10,
    }
}

/// Compares two strings in Vietnamese alphabetical order.
pub fn compare(a: &str, b: &str) -> Ordering {
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = words.iter().map(|s| (*s).to_owned()).collect();
        v.sort_by(|a, b| compare(a, b));
        v
    }

    #[test]
    fn alphabet_order() {
        let alphabet = [
            "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o",
            "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y",
        ];
        let mut shuffled = alphabet.to_vec();
        shuffled.reverse();
        assert_eq!(sorted(&shuffled), alphabet);
    }

    #[test]
    fn tones_are_secondary() {
        // The letter decides first: "ác" sorts before "ăa" although á has a tone.
        assert_eq!(sorted(&["ăa", "ác"]), ["ác", "ăa"]);
        // Same letters: ngang < huyền < hỏi < ngã < sắc < nặng.
        assert_eq!(
            sorted(&["mạ", "má", "mã", "mả", "mà", "ma"]),
            ["ma", "mà", "mả", "mã", "má", "mạ"]
        );
    }

    #[test]
    fn other_alphabets_sort_beside_their_base_letters() {
        assert_eq!(
            sorted(&["Mulz", "Müller", "Muller", "Mueller"]),
            ["Mueller", "Muller", "Müller", "Mulz"]
        );
        assert_eq!(sorted(&["Ōtani", "Oz", "Otani"]), ["Otani", "Ōtani", "Oz"]);
        assert_eq!(
            sorted(&["Øystein", "Oz", "Oystein"]),
            ["Oystein", "Øystein", "Oz"]
        );
        // Ð (eth, typed for Đ) is Đ, after every D.
        assert_eq!(sorted(&["Ðỗ", "Dương", "Đinh"]), ["Dương", "Đinh", "Ðỗ"]);
        assert_eq!(key("Ðỗ").primary, key("Đỗ").primary);
        // NFD the same as NFC.
        let nfd: String = "Müller Ōtani".nfd().collect();
        assert_eq!(key(&nfd), key("Müller Ōtani"));
        // On the same letters, the Vietnamese tones come before a foreign mark.
        assert_eq!(sorted(&["mü", "mụ", "mu", "mú"]), ["mu", "mú", "mụ", "mü"]);
    }

    #[test]
    fn names_and_nfd() {
        assert_eq!(
            sorted(&["Đỗ", "Dương", "Lê Hoài Trung", "Lê"]),
            ["Dương", "Đỗ", "Lê", "Lê Hoài Trung"]
        );
        let nfd: String = "Ơn".nfd().collect();
        assert_eq!(key(&nfd), key("Ơn"));
        assert_eq!(sorted(&["Ơn", "Ôn", "On"]), ["On", "Ôn", "Ơn"]);
    }
}
