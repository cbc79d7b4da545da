//! Finding the people a Vietnamese news text names, for articles that come without a `persons`
//! list (every feed and page does).
//!
//! The person filter is the reader's main way in, so a name missed is an article lost and a place
//! taken for a person is noise in the picker. The rules are the ones a reader of Vietnamese news
//! uses, kept small enough to explain:
//!
//! - a name is a run of capitalised words; the title before it is not part of it ("Thủ tướng
//!   Phạm Minh Chính", "Đại sứ Việt Nam tại Nhật Bản Vũ Hồng Nam");
//! - a Vietnamese name starts with a family name and has two to four syllables; a foreign name is
//!   two or three words that are not Vietnamese syllables (Shii Kazuo, Vladimir Putin);
//! - a candidate counts when a title or a form of address stands before it in the same clause
//!   (Thủ tướng, Tổng Bí thư, Chủ tịch, Bộ trưởng, Đại sứ, đồng chí, ông, bà, ...), or when it
//!   recurs in the article;
//! - places, organisations and credits are never persons: provinces and countries by name,
//!   a run right after "Thành phố", "tư tưởng", "Trường", ... (a city, an ideology, a school
//!   named after someone), words that begin organisation names ("Đoàn Chủ tịch", "Bộ Chính
//!   trị"), and photo credits ("(Ảnh: Thống Nhất/TTXVN)") are removed before reading.
//!
//! Names that are the same person are merged: the same words with the tone mark on a different
//! vowel ("Hoà"/"Hòa"), in NFC or NFD, or in the other order (Japanese names are written both
//! ways); the first spelling met is kept.

use unicode_normalization::UnicodeNormalization;

use crate::text::fold;

/// The people `texts` name (title, lead, body, captions, in that order), in order of first
/// mention.
pub fn extract(texts: &[&str]) -> Vec<String> {
    let mut found: Vec<Candidate> = Vec::new();
    for text in texts {
        let nfc: String = text.nfc().collect();
        let clean = strip_credits(&nfc);
        candidates(&tokens(&clean), &mut found);
    }
    let mut out: Vec<(String, String)> = Vec::new();
    for c in &found {
        let key = identity(&c.name);
        if out.iter().any(|(k, _)| *k == key) {
            continue;
        }
        let same: Vec<&Candidate> = found.iter().filter(|o| identity(&o.name) == key).collect();
        let titled = same.iter().any(|o| o.titled);
        if titled || same.len() >= 2 {
            out.push((key, c.name.clone()));
        }
    }
    out.into_iter().map(|(_, name)| name).collect()
}

/// The key under which two spellings are one person: lowercase NFC words with each word's tone
/// mark taken off its vowel and put at the end (so "hoà" and "hòa" agree), in sorted order.
pub fn identity(name: &str) -> String {
    let mut words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            let mut base = String::new();
            let mut tones = String::new();
            for c in w.nfd() {
                if TONES.contains(&c) {
                    tones.push(c);
                } else {
                    base.extend(c.to_lowercase());
                }
            }
            let mut key: String = base.nfc().collect();
            key.push_str(&tones);
            key
        })
        .collect();
    words.sort();
    words.join(" ")
}

/// The five Vietnamese tone marks as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// One reading of a name in the text.
struct Candidate {
    name: String,
    /// A title or form of address stands before it in its clause.
    titled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    /// A word; `cap` when it can be part of a name (capitalised, not an acronym, no digit, no
    /// hyphen).
    Word { text: String, cap: bool },
    /// Punctuation that ends a clause.
    Break,
}

/// Photo and source credits: text in them names photographers and agencies, never the people
/// of the story.
fn strip_credits(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'outer: while !rest.is_empty() {
        for opener in [
            "(Ảnh",
            "(ảnh",
            "(Nguồn",
            "(nguồn",
            "(Video",
            "(Đồ họa",
            "(Đồ hoạ",
            "(Clip",
        ] {
            if rest.starts_with(opener) {
                match rest.find(')') {
                    Some(close) => rest = &rest[close + 1..],
                    None => rest = "",
                }
                out.push(' ');
                continue 'outer;
            }
        }
        if rest.starts_with("Ảnh:") || rest.starts_with("Nguồn:") {
            rest = rest.find('\n').map_or("", |n| &rest[n..]);
            continue;
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(c);
        }
        rest = chars.as_str();
    }
    out
}

fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    for raw in text.split_whitespace() {
        let mut s = raw;
        while let Some(c) = s.chars().next() {
            if c.is_alphanumeric() {
                break;
            }
            out.push(Tok::Break);
            s = &s[c.len_utf8()..];
        }
        let core = s.trim_end_matches(|c: char| !c.is_alphanumeric());
        let trailing = core.len() < s.len();
        for (i, part) in core.split(['/', '(', ')', ',', ';', ':']).enumerate() {
            if i > 0 {
                out.push(Tok::Break);
            }
            if !part.is_empty() {
                out.push(word(part));
            }
        }
        if trailing {
            out.push(Tok::Break);
        }
    }
    out
}

fn word(part: &str) -> Tok {
    let upper = part.chars().filter(|c| c.is_uppercase()).count();
    let first_upper = part.chars().next().is_some_and(char::is_uppercase);
    let plain = !part
        .chars()
        .any(|c| c.is_ascii_digit() || c == '-' || c == '.');
    Tok::Word {
        text: part.to_owned(),
        cap: first_upper && upper == 1 && plain,
    }
}

/// Finds the name candidates of one text and appends them to `out`.
fn candidates(toks: &[Tok], out: &mut Vec<Candidate>) {
    let mut i = 0;
    while i < toks.len() {
        if !matches!(&toks[i], Tok::Word { cap: true, .. }) {
            i += 1;
            continue;
        }
        let start = i;
        while matches!(toks.get(i), Some(Tok::Word { cap: true, .. })) {
            i += 1;
        }
        let run: Vec<&str> = toks[start..i].iter().filter_map(word_text).collect();
        let Some(len) = name_suffix(&run) else {
            continue;
        };
        let name_start = start + run.len() - len;
        let before = clause_words_before(toks, name_start);
        if before
            .last()
            .is_some_and(|w| PLACE_WORDS_BEFORE.contains(&w.as_str()))
            || ends_with_any(&before, PLACE_PHRASES_BEFORE)
        {
            continue;
        }
        let name = run[run.len() - len..].join(" ");
        let direct = ends_with_any(&before, ADDRESS_FORMS);
        let window = &before[before.len().saturating_sub(LOOKBACK)..];
        let titled = direct || contains_title(window);
        out.push(Candidate { name, titled });
    }
}

/// How many words back a title may stand from the name in its clause: far enough for "Đại sứ
/// Việt Nam tại Nhật Bản Vũ Hồng Nam", near enough not to lend one person's title to another.
const LOOKBACK: usize = 8;

fn word_text(t: &Tok) -> Option<&str> {
    match t {
        Tok::Word { text, .. } => Some(text),
        Tok::Break => None,
    }
}

/// The lowercase words of the clause before token `at`.
fn clause_words_before(toks: &[Tok], at: usize) -> Vec<String> {
    let start = toks[..at]
        .iter()
        .rposition(|t| *t == Tok::Break)
        .map_or(0, |p| p + 1);
    toks[start..at]
        .iter()
        .filter_map(word_text)
        .map(str::to_lowercase)
        .collect()
}

fn contains_title(words: &[String]) -> bool {
    TITLES.iter().any(|t| {
        let parts: Vec<&str> = t.split(' ').collect();
        words
            .windows(parts.len())
            .any(|w| w.iter().zip(&parts).all(|(a, b)| a == b))
    })
}

fn ends_with_any(words: &[String], phrases: &[&str]) -> bool {
    phrases.iter().any(|p| {
        let parts: Vec<&str> = p.split(' ').collect();
        words.len() >= parts.len()
            && words[words.len() - parts.len()..]
                .iter()
                .zip(&parts)
                .all(|(a, b)| a == b)
    })
}

/// How many trailing words of a capitalised run form a name, if any: the longest Vietnamese name
/// (a family name and one to three more syllables), else a foreign name of two or three words.
fn name_suffix(run: &[&str]) -> Option<usize> {
    for len in (2..=4.min(run.len())).rev() {
        let words = &run[run.len() - len..];
        if is_vietnamese_name(words) {
            return Some(len);
        }
    }
    let foreign = run.iter().rev().take_while(|w| !is_syllable(w)).count();
    let mut words = &run[run.len() - foreign..];
    while let Some((first, rest)) = words.split_first()
        && FOREIGN_PLACES.contains(first)
    {
        words = rest;
    }
    let len = words.len().min(3);
    (len >= 2
        && !words[words.len() - len..]
            .iter()
            .any(|w| FOREIGN_PLACES.contains(w)))
    .then_some(len)
}

fn is_vietnamese_name(words: &[&str]) -> bool {
    let Some((family, given)) = words.split_first() else {
        return false;
    };
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    FAMILY_NAMES.contains(&lower[0].as_str())
        && !given.is_empty()
        && words.iter().all(|w| is_syllable(w))
        && !lower[1..]
            .iter()
            .any(|w| NOT_GIVEN_NAMES.contains(&w.as_str()))
        && !PLACES.contains(&lower.join(" ").as_str())
        && !family.is_empty()
}

/// Whether a word could be one Vietnamese syllable: an initial consonant from the language's
/// set, one group of vowels, and one of its final consonants. Foreign names fail this
/// (Shii, Kazuo, Vladimir, Prak), which is how they are told apart.
fn is_syllable(word: &str) -> bool {
    let f = fold(word);
    if f.is_empty() || !f.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    const INITIALS: [&str; 27] = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h",
        "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
    ];
    const FINALS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];
    INITIALS.iter().any(|init| {
        let Some(rest) = f.strip_prefix(init) else {
            return false;
        };
        let vowels = rest.bytes().take_while(|b| b"aeiouy".contains(b)).count();
        (1..=3).contains(&vowels) && FINALS.contains(&&rest[vowels..])
            || (*init == "gi" && FINALS.contains(&rest))
    })
}

/// Titles and offices that introduce a name within a few words, lowercase.
const TITLES: &[&str] = &[
    "thủ tướng",
    "tổng bí thư",
    "bí thư",
    "chủ tịch",
    "bộ trưởng",
    "thứ trưởng",
    "đại sứ",
    "trưởng ban",
    "trưởng đoàn",
    "ủy viên",
    "uỷ viên",
    "đại tướng",
    "thượng tướng",
    "trung tướng",
    "thiếu tướng",
    "đại tá",
    "thượng tá",
    "trung tá",
    "thiếu tá",
    "tổng thống",
    "thủ hiến",
    "quốc vương",
    "nhà vua",
    "hoàng tử",
    "công chúa",
    "giáo sư",
    "tiến sĩ",
    "bác sĩ",
    "luật sư",
    "nhà văn",
    "nhà thơ",
    "nhạc sĩ",
    "ca sĩ",
    "nghệ sĩ",
    "giám đốc",
    "chủ nhiệm",
    "tư lệnh",
    "chính ủy",
    "chính uỷ",
    "thống đốc",
    "thị trưởng",
    "chánh án",
    "viện trưởng",
    "hiệu trưởng",
    "tổng thư ký",
    "người phát ngôn",
    "đồng chí",
    "ngài",
];

/// Forms of address that count only right before the name ("ông Lê Hoài Trung"): elsewhere in a
/// clause they are ordinary words.
const ADDRESS_FORMS: &[&str] = &["ông", "bà", "anh", "chị", "cụ", "ngài", "đồng chí"];

/// A word right before a run that makes it a place, a school, a prize or an idea named after
/// someone rather than the person ("Thành phố Hồ Chí Minh", "tư tưởng Hồ Chí Minh").
const PLACE_WORDS_BEFORE: &[&str] = &[
    "phố",
    "tp",
    "tỉnh",
    "huyện",
    "quận",
    "xã",
    "phường",
    "đường",
    "sông",
    "cầu",
    "trường",
    "lăng",
    "tưởng",
    "thưởng",
    "viện",
    "làng",
    "đảo",
    "núi",
    "chợ",
];

/// Phrases right before a run with the same effect, where one word alone would be too broad.
const PLACE_PHRASES_BEFORE: &[&str] = &["bảo tàng", "sân bay", "nhà hát", "khu di tích"];

/// The most common Vietnamese family names, lowercase.
const FAMILY_NAMES: &[&str] = &[
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ",
    "hồ", "ngô", "dương", "lý", "tô", "đào", "đinh", "trương", "lương", "mai", "trịnh", "đoàn",
    "lâm", "hà", "tạ", "cao", "lưu", "châu", "thái", "kiều", "quách", "la", "nông", "triệu", "đàm",
    "tôn", "chu", "giang", "phùng", "vương", "đồng", "lại", "thân", "hứa", "doãn", "từ", "mạc",
    "lã", "âu", "tăng", "hàn", "đậu", "ninh", "tống", "khổng", "quan", "lục", "phí", "diệp",
    "bạch", "văn", "khúc", "lò", "vi", "lục", "hầu", "viên", "kim", "mẫn", "thạch",
];

/// Words that begin the names of bodies and offices, never a given name: "Đoàn Chủ tịch" (the
/// Presidium), "Cao Ủy", "Lê Bộ" never name a person.
const NOT_GIVEN_NAMES: &[&str] = &[
    "chủ",
    "bộ",
    "ban",
    "đảng",
    "ủy",
    "uỷ",
    "nhà",
    "tổng",
    "thủ",
    "phó",
    "cục",
    "sở",
    "viện",
    "hội",
    "quân",
    "tỉnh",
    "huyện",
    "xã",
    "phường",
    "đài",
    "báo",
    "trường",
    "bệnh",
    "ngân",
    "công",
    "tập",
    "nghị",
    "luật",
    "quỹ",
    "phòng",
    "ngày",
    "năm",
    "tháng",
    "tết",
];

/// Places whose names look like Vietnamese personal names (a family name and a syllable).
const PLACES: &[&str] = &[
    "hà nội",
    "hà giang",
    "hà nam",
    "hà tĩnh",
    "hà tiên",
    "hà lan",
    "cao bằng",
    "cao lãnh",
    "lâm đồng",
    "đồng nai",
    "đồng tháp",
    "đồng hới",
    "đồng nai",
    "thái bình",
    "thái nguyên",
    "thái lan",
    "hàn quốc",
    "hoàng sa",
    "châu âu",
    "châu á",
    "châu phi",
    "châu mỹ",
    "châu đốc",
    "ninh bình",
    "ninh thuận",
    "giang tây",
    "kim bảng",
    "lào cai",
    "mai châu",
    "tô lịch",
    "vũ hán",
    "phan thiết",
    "phan rang",
    "lý sơn",
    "hồ gươm",
    "hồ tây",
    "văn lang",
    "văn miếu",
    "trần phú",
];

/// Foreign places that precede names in runs ("Campuchia Prak Sokhonn").
const FOREIGN_PLACES: &[&str] = &[
    "Campuchia",
    "Tokyo",
    "Osaka",
    "Kansai",
    "Venezuela",
    "Iran",
    "Chile",
    "Singapore",
    "Malaysia",
    "Indonesia",
    "Philippines",
    "Myanmar",
    "Brunei",
    "Australia",
    "Ukraine",
    "Israel",
    "Cuba",
    "Canada",
    "Brazil",
    "Argentina",
    "Mexico",
    "Washington",
    "London",
    "Paris",
    "Berlin",
    "Moskva",
    "Vientiane",
    "Phnom",
    "Penh",
    "Seoul",
    "Bangkok",
    "Jakarta",
    "Manila",
    "Vietnam",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_introduce_names_and_are_not_part_of_them() {
        for (text, want) in [
            (
                "Thủ tướng Phạm Minh Chính phát biểu",
                vec!["Phạm Minh Chính"],
            ),
            (
                "Đại sứ Việt Nam tại Nhật Bản Vũ Hồng Nam cùng tham dự",
                vec!["Vũ Hồng Nam"],
            ),
            (
                "Phó Thủ tướng, Bộ trưởng Ngoại giao Campuchia Prak Sokhonn.",
                vec!["Prak Sokhonn"],
            ),
            (
                "Tổng thống Liên bang Nga Vladimir Putin điện đàm với Tổng Bí thư Tô Lâm",
                vec!["Vladimir Putin", "Tô Lâm"],
            ),
            ("Ông Lê Hoài Trung nhấn mạnh", vec!["Lê Hoài Trung"]),
            ("cho bà Nguyễn Thị Bình", vec!["Nguyễn Thị Bình"]),
        ] {
            assert_eq!(extract(&[text]), want, "{text:?}");
        }
    }

    #[test]
    fn places_bodies_ideas_and_credits_are_not_persons() {
        for text in [
            "Thủ tướng tiếp Đoàn Chủ tịch Ban Chấp hành Trung ương Đảng Cộng sản Nhật Bản.",
            "Ủy viên Bộ Chính trị thăm Cao Bằng. Tại Cao Bằng, Hà Nội và Hà Nội.",
            "vận dụng chủ nghĩa Marx-Lenin, tư tưởng Hồ Chí Minh; Thành phố Hồ Chí Minh và Thành phố Hồ Chí Minh",
            "Kỷ niệm 85 năm Ngày Bác Hồ về nước",
            "Chủ tịch Quốc hội phát biểu. (Ảnh: Doãn Tấn/TTXVN)",
            "Giải thưởng Hòa bình Romesh Chandra",
            "Thủ tướng thăm Trường Lê Quý Đôn",
        ] {
            assert_eq!(extract(&[text]), Vec::<String>::new(), "{text:?}");
        }
    }

    #[test]
    fn a_name_without_a_title_counts_when_it_recurs() {
        assert_eq!(extract(&["Lê Văn Tám đi học."]), Vec::<String>::new());
        assert_eq!(
            extract(&["Lê Văn Tám đi học.", "Hôm sau, Lê Văn Tám về."]),
            ["Lê Văn Tám"]
        );
    }

    #[test]
    fn spellings_of_one_person_merge_and_the_first_is_kept() {
        assert_eq!(
            extract(&[
                "Ông Nguyễn Văn Hoà nói. Ông Nguye\u{302}\u{303}n Văn Hòa nói.",
                "đồng chí Shii Kazuo và đồng chí Kazuo Shii",
            ]),
            ["Nguyễn Văn Hoà", "Shii Kazuo"]
        );
        assert_ne!(identity("Nguyễn Văn Hùng"), identity("Nguyễn Văn Hưng"));
        assert_eq!(
            identity("Nguye\u{302}\u{303}n Văn Hoà"),
            identity("Nguyễn văn hòa")
        );
    }

    #[test]
    fn syllables() {
        for w in [
            "Nguyễn",
            "Nghiêm",
            "Giữ",
            "Gì",
            "Quang",
            "Trường",
            "Nga",
            "Kim",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in [
            "Shii", "Kazuo", "Vladimir", "Prak", "Sokhonn", "Tokyo", "Ogata",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
    }
}
