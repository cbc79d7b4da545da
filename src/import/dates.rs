//! Dates written in Vietnamese news text: "Sáng 24/11", "ngày 28/1/2026", "28/01/2026 09:30",
//! "Chiều 28/1", "Thứ Tư, 24/11/2021 - 10:15".
//!
//! Pages and listed stories rarely carry a machine-readable date, but their text almost always
//! names the day of the event in one of a handful of forms. Reading those forms lets an imported
//! page be filtered by date like any other article. A day and month without a year is common
//! ("Sáng 28/1"): its year comes from the context the caller gives (the story's own full dates,
//! its block, the page, the year the user named, or the import date), and is then marked as
//! inferred so a reader of the store can tell a written year from a guessed one.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;

use crate::store::Published;

/// How strongly a form says "this is when the story happened", strongest first. A dateline with
/// a time is the page's own stamp; a part of the day ("Sáng 24/11") opens the lead of a news
/// story; "ngày 28/1" names a day in passing; a bare full date may be a birthday or an
/// anniversary ("28/1/1941-28/1/2026").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Stamp,
    PartOfDay,
    Day,
    Bare,
}

/// One date form found in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub day: i8,
    pub month: i8,
    /// The year when the text writes it.
    pub year: Option<i16>,
    pub time: Option<Time>,
    /// The offset the text names ("GMT+9"), when it names one.
    pub offset: Option<Offset>,
    strength: Strength,
    /// True when the date is one end of a range ("28/1/1941-28/1/2026"), which names a span,
    /// not the day of the story.
    in_range: bool,
}

/// A story's date with how it was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dated {
    pub published: Published,
    /// Where the year came from when the text did not write it with the day.
    pub year_from: Option<YearFrom>,
}

/// Where an inferred year came from, for the import report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearFrom {
    /// A full date elsewhere in the story's own text.
    Story,
    /// A full date in another story of the same block of listed stories.
    Block,
    /// A date or a year written elsewhere on the page.
    Page,
    /// The year the user gave (`--year`).
    Given,
    /// The latest year that does not put the date after the import date.
    ImportDate,
}

impl YearFrom {
    /// How the report explains the year.
    pub fn describe(self) -> &'static str {
        match self {
            YearFrom::Story => "from a full date in the story",
            YearFrom::Block => "from the dates of the stories listed with it",
            YearFrom::Page => "from the years the page names",
            YearFrom::Given => "from --year",
            YearFrom::ImportDate => "from the import date",
        }
    }
}

/// What a page around a story says about years, from the most to the least specific.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// Years of full dates in the same block of listed stories.
    pub block_years: Vec<i16>,
    /// Years of full dates anywhere on the page.
    pub page_date_years: Vec<i16>,
    /// Years written alone anywhere on the page ("năm 2026", "2025").
    pub page_years: Vec<i16>,
    /// The year the user named for dates without one.
    pub given_year: Option<i16>,
    /// The day of the import: an inferred date is never after it.
    pub today: Option<Date>,
}

/// Vietnamese parts of the day that open a news lead ("Sáng 24/11, tại Tokyo, ..."). The hours
/// they stand for are not written, so none is invented: a date with a part of the day stays a
/// plain date.
const PARTS_OF_DAY: &[&str] = &["sáng", "chiều", "tối", "trưa", "đêm", "khuya", "rạng"];

/// Every date form in `text`, in order; a bare day and month without a word before it that
/// makes it a date is left out.
pub fn find(text: &str) -> Vec<Found> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        let starts_number = c.is_ascii_digit() && (i == 0 || !is_numberish(chars[i - 1].1));
        if !starts_number {
            i += 1;
            continue;
        }
        let Some((found_len, mut found)) = date_at(&chars, i) else {
            // Skip the whole number so "1941" is not read again from "941".
            while i < chars.len() && is_numberish(chars[i].1) {
                i += 1;
            }
            continue;
        };
        let start_byte = chars[i].0;
        let end = i + found_len;
        let before = &text[..start_byte];
        let after_byte = chars.get(end).map_or(text.len(), |&(b, _)| b);
        let after = &text[after_byte..];
        let (time, offset) = time_after(after);
        found.time = time;
        found.offset = offset;
        found.in_range = ends_with_range_dash(before) || starts_with_range_dash(after);
        let word = last_word(before);
        found.strength = if found.year.is_some() && time.is_some() {
            Strength::Stamp
        } else if PARTS_OF_DAY.contains(&word.as_str()) {
            Strength::PartOfDay
        } else if word == "ngày" || word == "hôm" {
            Strength::Day
        } else if found.year.is_some() {
            Strength::Bare
        } else {
            // A bare "2/3" is as often a score or a fraction as a date.
            i = end;
            continue;
        };
        out.push(found);
        i = end;
    }
    out
}

/// The year of every full date in `text`.
pub fn full_date_years(text: &str) -> Vec<i16> {
    find(text).iter().filter_map(|f| f.year).collect()
}

/// Every year written alone in `text` (four digits from 1900 to 2099, not part of a longer
/// number or of a date).
pub fn bare_years(text: &str) -> Vec<i16> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let glued_before = start > 0 && matches!(bytes[start - 1], b'/' | b'.' | b',');
        let glued_after = i < bytes.len() && matches!(bytes[i], b'/');
        if i - start == 4
            && !glued_before
            && !glued_after
            && let Ok(y) = text[start..i].parse::<i16>()
            && (1900..2100).contains(&y)
        {
            out.push(y);
        }
    }
    out
}

/// The date of a story whose own text is `texts` (title, lead, body, captions in that order),
/// with the year taken from `ctx` when the text writes none. `None` when the text names no day.
pub fn story_date(texts: &[&str], ctx: &Context) -> Option<Dated> {
    let all: Vec<Found> = texts.iter().flat_map(|t| find(t)).collect();
    let best = all
        .iter()
        .filter(|f| !f.in_range)
        .min_by_key(|f| f.strength)
        .copied()?;
    let (year, year_from) = match best.year {
        Some(y) => (y, None),
        None => {
            let (y, from) = infer_year(&best, &all, ctx)?;
            (y, Some(from))
        }
    };
    let date = Date::new(year, best.month, best.day).ok()?;
    let published = match best.time {
        Some(t) => {
            let offset = best.offset.unwrap_or(VIETNAM);
            Published::Zoned {
                local: DateTime::from_parts(date, t),
                offset,
            }
        }
        None => Published::Day(date),
    };
    Some(Dated {
        published,
        year_from,
    })
}

/// Vietnam's offset, the default for times written in Vietnamese news.
pub const VIETNAM: Offset = Offset::constant(7);

/// The year for a day and month written without one: the story's own full dates (the same day
/// first), then its block, then the page, then the year the user named, then the import date.
/// A year from context is used only if it gives a real calendar day that is not after the import
/// date.
fn infer_year(best: &Found, own: &[Found], ctx: &Context) -> Option<(i16, YearFrom)> {
    let fits = |y: i16| {
        Date::new(y, best.month, best.day)
            .ok()
            .is_some_and(|d| ctx.today.is_none_or(|t| d <= t))
    };
    let latest = |years: &[i16]| years.iter().copied().filter(|&y| fits(y)).max();
    let same_day: Vec<i16> = own
        .iter()
        .filter(|f| f.day == best.day && f.month == best.month)
        .filter_map(|f| f.year)
        .collect();
    let own_years: Vec<i16> = own.iter().filter_map(|f| f.year).collect();
    if let Some(y) = latest(&same_day).or_else(|| latest(&own_years)) {
        return Some((y, YearFrom::Story));
    }
    if let Some(y) = latest(&ctx.block_years) {
        return Some((y, YearFrom::Block));
    }
    if let Some(y) = latest(&ctx.page_date_years).or_else(|| latest(&ctx.page_years)) {
        return Some((y, YearFrom::Page));
    }
    if let Some(y) = ctx.given_year {
        return Date::new(y, best.month, best.day)
            .ok()
            .map(|_| (y, YearFrom::Given));
    }
    let today = ctx.today?;
    let y = today.year();
    [y, y - 1]
        .into_iter()
        .find(|&y| fits(y))
        .map(|y| (y, YearFrom::ImportDate))
}

fn is_numberish(c: char) -> bool {
    c.is_ascii_digit() || c == '/'
}

/// A `d/m` or `d/m/yyyy` starting at `i`: its length in chars and what it says.
fn date_at(chars: &[(usize, char)], i: usize) -> Option<(usize, Found)> {
    let (day, n1) = digits(chars, i, 2)?;
    let mut j = i + n1;
    if chars.get(j).map(|c| c.1) != Some('/') {
        return None;
    }
    j += 1;
    let (month, n2) = digits(chars, j, 2)?;
    j += n2;
    let mut year = None;
    if chars.get(j).map(|c| c.1) == Some('/') {
        let (y, n3) = digits(chars, j + 1, 4)?;
        if n3 != 4 {
            return None;
        }
        year = Some(i16::try_from(y).ok()?);
        j += 1 + n3;
    }
    // "1/2/3/4" or "12/2025x" is no date.
    if chars
        .get(j)
        .is_some_and(|c| c.1.is_ascii_digit() || c.1 == '/' || c.1.is_alphabetic())
    {
        return None;
    }
    let day = i8::try_from(day).ok()?;
    let month = i8::try_from(month).ok()?;
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return None;
    }
    if let Some(y) = year
        && Date::new(y, month, day).is_err()
    {
        return None;
    }
    Some((
        j - i,
        Found {
            day,
            month,
            year,
            time: None,
            offset: None,
            strength: Strength::Bare,
            in_range: false,
        },
    ))
}

/// Up to `max` ASCII digits at `i`: their value and count.
fn digits(chars: &[(usize, char)], i: usize, max: usize) -> Option<(u32, usize)> {
    let mut v = 0u32;
    let mut n = 0;
    while let Some(&(_, c)) = chars.get(i + n) {
        let Some(d) = c.to_digit(10) else { break };
        if n == max {
            return None;
        }
        v = v * 10 + d;
        n += 1;
    }
    (n > 0).then_some((v, n))
}

/// A time right after a date: " 09:30", " - 10:15", ", 10:15", " | 10:15", optionally followed by
/// "(GMT+7)" or "GMT+9".
fn time_after(after: &str) -> (Option<Time>, Option<Offset>) {
    let rest = after.trim_start_matches([' ', '-', '–', ',', '|', '\u{a0}']);
    let digits_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits_len) || rest.as_bytes().get(digits_len) != Some(&b':') {
        return (None, None);
    }
    let hour: Option<i8> = rest[..digits_len].parse().ok();
    let min_str = &rest[digits_len + 1..];
    let min_len = min_str.bytes().take_while(u8::is_ascii_digit).count();
    if min_len != 2 {
        return (None, None);
    }
    let minute: Option<i8> = min_str[..2].parse().ok();
    let time = match (hour, minute) {
        (Some(h), Some(m)) => Time::new(h, m, 0, 0).ok(),
        _ => None,
    };
    let tail = min_str[2..].trim_start_matches([' ', '(']);
    let offset = ["GMT", "UTC"]
        .iter()
        .find_map(|p| tail.strip_prefix(p))
        .and_then(|t| {
            let sign = match t.chars().next()? {
                '+' => 1,
                '-' | '−' => -1,
                _ => return None,
            };
            let digits: String = t.chars().skip(1).take_while(char::is_ascii_digit).collect();
            let h: i8 = digits.parse().ok()?;
            Offset::from_hours(sign * h).ok()
        });
    (time, offset)
}

/// The word just before a position, lowercased, skipping spaces and a comma.
fn last_word(before: &str) -> String {
    let trimmed = before.trim_end_matches([' ', ',', '\u{a0}']);
    let word: String = trimmed
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    word.to_lowercase()
}

fn ends_with_range_dash(before: &str) -> bool {
    let t = before.trim_end_matches(' ');
    (t.ends_with('-') || t.ends_with('–'))
        && t.trim_end_matches(['-', '–', ' '])
            .ends_with(|c: char| c.is_ascii_digit())
}

fn starts_with_range_dash(after: &str) -> bool {
    let t = after.trim_start_matches(' ');
    (t.starts_with('-') || t.starts_with('–'))
        && t.trim_start_matches(['-', '–', ' '])
            .starts_with(|c: char| c.is_ascii_digit())
        && {
            // "24/11/2021 - 10:15" is a date and a time, not a range.
            let rest = t.trim_start_matches(['-', '–', ' ']);
            let n = rest.bytes().take_while(u8::is_ascii_digit).count();
            rest.as_bytes().get(n) != Some(&b':')
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(today: Date) -> Context {
        Context {
            today: Some(today),
            ..Context::default()
        }
    }

    fn date_of(text: &str, c: &Context) -> Option<(String, Option<YearFrom>)> {
        story_date(&[text], c).map(|d| (d.published.iso(), d.year_from))
    }

    #[test]
    fn the_page_forms_are_read() {
        let c = ctx(jiff::civil::date(2026, 2, 1));
        for (text, want, from) in [
            (
                "Sáng 24/11, tại Tokyo",
                "2025-11-24",
                Some(YearFrom::ImportDate),
            ),
            ("hôm nay, ngày 28/1/2026, tại", "2026-01-28", None),
            (
                "Cập nhật 28/01/2026 09:30",
                "2026-01-28T09:30:00+07:00",
                None,
            ),
            (
                "Chiều 28/1, tại Nhà Quốc hội",
                "2026-01-28",
                Some(YearFrom::ImportDate),
            ),
            (
                "Thứ Tư, 24/11/2021 - 10:15 (GMT+9)",
                "2021-11-24T10:15:00+09:00",
                None,
            ),
            (
                "Thứ Tư, 24/11/2021 - 10:15",
                "2021-11-24T10:15:00+07:00",
                None,
            ),
        ] {
            assert_eq!(date_of(text, &c), Some((want.to_owned(), from)), "{text:?}");
        }
    }

    #[test]
    fn ranges_scores_and_numbers_are_not_dates() {
        let c = ctx(jiff::civil::date(2026, 2, 1));
        for text in [
            "Kỷ niệm (28/1/1941-28/1/2026)",
            "tỷ số 2/3",
            "hơn 200.000 cây xanh năm 2025",
            "nhiệm kỳ 2026 – 2031",
            "Thời sự 24h",
            "ngày 31/2",
            "ngày 12/13",
        ] {
            assert_eq!(date_of(text, &c), None, "{text:?}");
        }
    }

    #[test]
    fn a_part_of_the_day_beats_an_anniversary_and_takes_its_year_from_the_story() {
        let c = ctx(jiff::civil::date(2030, 1, 1));
        let got = date_of(
            "Kỷ niệm 85 năm Ngày Bác Hồ về nước (28/1/1941-28/1/2026), tối 28/1, Ủy ban",
            &c,
        );
        assert_eq!(got, Some(("2026-01-28".to_owned(), Some(YearFrom::Story))));
    }

    #[test]
    fn context_years_are_used_in_order_and_never_after_today() {
        let today = jiff::civil::date(2026, 11, 23);
        let mut c = ctx(today);
        c.page_years = vec![2025, 2026, 2031];
        assert_eq!(
            date_of("Tin quốc tế ngày 30/01", &c),
            Some(("2026-01-30".to_owned(), Some(YearFrom::Page)))
        );
        c.block_years = vec![2024];
        assert_eq!(
            date_of("Tin quốc tế ngày 30/01", &c),
            Some(("2024-01-30".to_owned(), Some(YearFrom::Block)))
        );
        let mut c = ctx(today);
        c.given_year = Some(2021);
        assert_eq!(
            date_of("Sáng 24/11", &c),
            Some(("2021-11-24".to_owned(), Some(YearFrom::Given)))
        );
        // 24/11 of this year is tomorrow: the import date gives last year.
        assert_eq!(
            date_of("Sáng 24/11", &ctx(today)),
            Some(("2025-11-24".to_owned(), Some(YearFrom::ImportDate)))
        );
        // 29/2 takes the latest leap year the page names.
        let mut c = ctx(today);
        c.page_years = vec![2024, 2025];
        assert_eq!(
            date_of("ngày 29/2", &c),
            Some(("2024-02-29".to_owned(), Some(YearFrom::Page)))
        );
    }

    #[test]
    fn bare_years_skip_dates_and_long_numbers() {
        assert_eq!(
            bare_years("năm 2025, 28/1/2026, 12345, 1.2000, nhiệm kỳ 2026 – 2031"),
            [2025, 2026, 2031]
        );
    }
}
