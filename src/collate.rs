//! Vietnamese alphabetical order: a < ă < â < b < c < d < đ < e < ê < ... < o < ô < ơ < ... < u < ư,
//! with tones as a secondary difference (ngang < huyền < hỏi < ngã < sắc < nặng).
//!
//! Written by hand: the only crate that collates Vietnamese correctly is ICU4X's `icu_collator`,
//! which brings a large data and dependency tree for one alphabet; the rule fits in a page.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;

/// The sort key of a string: letters with their vowel marks first, tones second, case last.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    primary: Vec<u32>,
    secondary: Vec<u8>,
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
            _ => {
                let lower = c.to_lowercase().next().unwrap_or(c);
                tertiary.push(u8::from(lower != c));
                secondary.push(0);
                primary.push(match lower {
                    'đ' => weight('d') + 1,
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

fn set_tone(secondary: &mut [u8], tone: u8) {
    if let Some(last) = secondary.last_mut() {
        *last = tone;
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
