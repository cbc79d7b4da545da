//! Vietnamese text in a legacy 8-bit encoding (TCVN3, also called ABC, or VNI) that was read
//! as Latin-1 or Windows-1252: "ViÖt Nam", "Hµ Néi" (TCVN3) and "Vieät Nam", "Haø Noäi" (VNI)
//! instead of "Việt Nam", "Hà Nội". Such a store loads (it is valid Unicode), but no search
//! finds its words and every name is a stranger; `tuinews check` says which article and field
//! to convert.
//!
//! Written by hand: no crate recognises these encodings. The test is deliberately narrow, to
//! keep French, German and Portuguese names and words quiet:
//! - text holding any letter of Vietnamese Unicode (ă â đ ê ô ơ ư, the precomposed letters
//!   with tones) is Unicode Vietnamese, never legacy;
//! - TCVN3 puts its lowercase letters with tones on Latin-1 symbols and uppercase letters:
//!   a symbol such as µ ¸ ¶ ¹ ¨ © ª « ¬ ® right after a letter of the same word ("Hµ", "N¨m",
//!   "®i" at a word start), or an uppercase Latin-1 letter between two lowercase ones ("ViÖt");
//! - VNI writes a vowel's marks as a second Latin-1 letter after it: a vowel then one of
//!   ù ø û õ ï å ä ë ö ("Vieät", "Haø"), which Unicode Vietnamese never puts after a vowel;
//! - a field is flagged when at least two of its words look so, or one does and it is at
//!   least half of its words that are not plain ASCII.

/// Which legacy encoding a field seems to be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    Vni,
}

impl Legacy {
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI",
        }
    }
}

/// Letters only Vietnamese Unicode text has (with the precomposed letters of Latin Extended
/// Additional, which cover the tones).
fn is_vietnamese_letter(c: char) -> bool {
    matches!(
        c,
        'Ă' | 'ă' | 'Đ' | 'đ' | 'Ơ' | 'ơ' | 'Ư' | 'ư' | '\u{1ea0}'..='\u{1ef9}'
    )
}

/// Latin-1 symbols that TCVN3 uses for lowercase Vietnamese letters, where real text has no
/// business putting them against a letter.
const TCVN3_SYMBOLS: &[char] = &[
    '¡', '¢', '£', '¤', '¥', '¦', '§', '¨', '©', 'ª', '«', '¬', '®', '¯', '±', '²', '³', '´', 'µ',
    '¶', '·', '¸', '¹', 'º', '»', '¼', '½', '¾',
];

/// The second letters VNI writes after a vowel for its marks, those that never follow a vowel
/// in Unicode Vietnamese (which has "oà", "iê", "uâ", "oá": those are left out).
const VNI_MARKS: &[char] = &[
    'ù', 'ø', 'û', 'õ', 'ï', 'å', 'ä', 'ë', 'ö', 'Ù', 'Ø', 'Û', 'Õ', 'Ï', 'Å', 'Ä', 'Ë', 'Ö',
];

/// Words of French and other languages that have a vowel then one of [`VNI_MARKS`].
const FOREIGN_WORDS: &[&str] = &[
    "où",
    "août",
    "naïve",
    "naïf",
    "maïs",
    "mosaïque",
    "héroïne",
    "héroïque",
    "égoïste",
    "coïncidence",
    "hawaï",
    "caïd",
    "baïonnette",
    "laïque",
    "ouïe",
    "noël",
    "citroën",
    "aérien",
    "poêle",
    "croûte",
    "voûte",
    "goût",
    "coût",
];

fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// What one word shows: TCVN3 evidence, VNI evidence, or neither.
fn word_evidence(word: &str) -> Option<Legacy> {
    let chars: Vec<char> = word.chars().collect();
    let lower = word.to_lowercase();
    if FOREIGN_WORDS.contains(&lower.as_str()) {
        return None;
    }
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let after = chars.get(i + 1).copied();
        let letter = |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphabetic());
        if TCVN3_SYMBOLS.contains(&c) && (letter(before) || (before.is_none() && letter(after))) {
            // Units of measure are written with µ: 5 µm, µg.
            if c == 'µ' && before.is_none() && chars.len() <= 3 {
                continue;
            }
            return Some(Legacy::Tcvn3);
        }
        if ('À'..='Þ').contains(&c)
            && c != '×'
            && before.is_some_and(|b| b.is_ascii_lowercase())
            && after.is_some_and(|a| a.is_ascii_lowercase())
        {
            return Some(Legacy::Tcvn3);
        }
        if VNI_MARKS.contains(&c) && before.is_some_and(is_vowel) {
            return Some(Legacy::Vni);
        }
    }
    None
}

/// Whether `text` looks like Vietnamese in a legacy encoding, and which.
pub fn detect(text: &str) -> Option<Legacy> {
    if text.is_ascii() || text.chars().any(is_vietnamese_letter) {
        return None;
    }
    let words: Vec<&str> = text
        .split(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    ',' | ';' | ':' | '.' | '(' | ')' | '"' | '\'' | '!' | '?'
                )
        })
        .filter(|w| !w.is_empty())
        .collect();
    let non_ascii = words.iter().filter(|w| !w.is_ascii()).count();
    let (mut tcvn3, mut vni) = (0, 0);
    for w in &words {
        match word_evidence(w) {
            Some(Legacy::Tcvn3) => tcvn3 += 1,
            Some(Legacy::Vni) => vni += 1,
            None => {}
        }
    }
    let flagged = tcvn3 + vni;
    if flagged >= 2 || (flagged == 1 && flagged * 2 >= non_ascii) {
        Some(if tcvn3 >= vni {
            Legacy::Tcvn3
        } else {
            Legacy::Vni
        })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn tcvn3_read_as_latin1_is_found() {
        for text in [
            "ViÖt Nam",
            "Hµ Néi",
            "Thñ t\u{ad}íng Ph¹m Minh ChÝnh héi kiÕn Chñ tÞch §¶ng Céng s¶n NhËt B¶n",
            "§¶ng Céng s¶n ViÖt Nam",
            "N¨m 2021",
        ] {
            assert_eq!(detect(text), Some(Legacy::Tcvn3), "{text}");
        }
    }

    #[test]
    fn vni_read_as_latin1_is_found() {
        for text in [
            "Vieät Nam",
            "Haø Noäi",
            "Thuû töôùng Phaïm Minh Chính hoäi kieán",
            "Ñaûng Coäng saûn Vieät Nam",
        ] {
            assert_eq!(detect(text), Some(Legacy::Vni), "{text}");
        }
    }

    #[test]
    fn unicode_vietnamese_and_other_languages_are_left_alone() {
        for text in [
            "Việt Nam",
            "Thủ tướng Phạm Minh Chính hội kiến Chủ tịch Đảng Cộng sản Nhật Bản",
            "Tổng Bí thư Tô Lâm",
            "Hội nghị ASEAN lần thứ 47",
            "Il est allé où il voulait, en août, naïve et heureuse",
            "Noël à Paris: la poêle et le goût du café",
            "Müller schön Öl Straße Bäume",
            "São Paulo, Portugal: limões e pães",
            "Apple® iPhone © 2024, 5 µm, 20 °C, ½ giờ",
            "Shii Kazuo 志位和夫",
            "Ōtani, Øystein, Åsa, Ærø",
            "Citroën, Hawaï",
            "Lê Hoài Trung",
            "Vũ Trung Kiên",
            "Hoà Bình, Quân đội, Huế, Nguyên Khoa",
            "Toàn quốc, Thuận Hoá, Lê Hoà",
        ] {
            assert_eq!(detect(text), None, "{text}");
            let nfd: String = text.nfd().collect();
            assert_eq!(detect(&nfd), None, "NFD {text}");
        }
    }
}
