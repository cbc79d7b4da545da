//! Article counts per month, or per day within one month: what the date prompt draws so the
//! reader sees where the news is. Pure: from the sorted dates of the store's articles.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::query::DateRange;

/// One bar: a span of days and how many articles fall in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    pub start: Date,
    pub end: Date,
    pub count: usize,
    /// Whether the range being typed covers it.
    pub chosen: bool,
}

/// Whether the bars are months or days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Month,
    Day,
}

/// Articles dated in `start..=end`, from sorted dates.
fn count(dates: &[Date], start: Date, end: Date) -> usize {
    let from = dates.partition_point(|d| *d < start);
    let to = dates.partition_point(|d| *d <= end);
    to.saturating_sub(from)
}

fn month_start(d: Date) -> Date {
    d.first_of_month()
}

/// The bars for `dates` (sorted): the days of one month when `range` lies within one month,
/// else the months from the first article to the last, at most `max` of them (the latest).
pub fn buckets(dates: &[Date], range: Option<DateRange>, max: usize) -> (Unit, Vec<Bucket>) {
    let chosen = |b: &Bucket| range.is_some_and(|r| r.contains(b.start) || r.contains(b.end));
    let one_month = range.and_then(|r| match (r.start, r.end) {
        (Some(s), Some(e)) if month_start(s) == month_start(e) => Some(month_start(s)),
        _ => None,
    });
    if let Some(first) = one_month {
        let days = usize::from(first.days_in_month().unsigned_abs());
        let out = (0..days.min(max))
            .filter_map(|i| first.checked_add(i64::try_from(i).ok()?.days()).ok())
            .map(|d| {
                let mut b = Bucket {
                    start: d,
                    end: d,
                    count: count(dates, d, d),
                    chosen: false,
                };
                b.chosen = chosen(&b);
                b
            })
            .collect();
        return (Unit::Day, out);
    }
    let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
        return (Unit::Month, Vec::new());
    };
    let mut months = Vec::new();
    let mut m = month_start(*first);
    while m <= *last {
        let end = m.last_of_month();
        let mut b = Bucket {
            start: m,
            end,
            count: count(dates, m, end),
            chosen: false,
        };
        b.chosen = chosen(&b);
        months.push(b);
        match m.checked_add(1.month()) {
            Ok(next) => m = next,
            Err(_) => break,
        }
    }
    let skip = months.len().saturating_sub(max);
    (Unit::Month, months.split_off(skip))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn dates() -> Vec<Date> {
        let mut d = vec![
            date(2025, 11, 3),
            date(2026, 1, 28),
            date(2026, 1, 28),
            date(2026, 1, 30),
            date(2025, 11, 30),
        ];
        d.sort();
        d
    }

    #[test]
    fn months_from_the_first_article_to_the_last() {
        let (unit, b) = buckets(&dates(), None, 100);
        assert_eq!(unit, Unit::Month);
        let counts: Vec<usize> = b.iter().map(|b| b.count).collect();
        assert_eq!(counts, [2, 0, 3], "November, December, January");
        assert_eq!(b[0].start, date(2025, 11, 1));
        assert!(b.iter().all(|b| !b.chosen));
        // Too many for the room: the latest ones.
        let (_, b) = buckets(&dates(), None, 2);
        assert_eq!(b.len(), 2);
        assert_eq!(b[1].start, date(2026, 1, 1));
    }

    #[test]
    fn days_when_the_range_is_within_one_month() {
        let range = DateRange {
            start: Some(date(2026, 1, 28)),
            end: Some(date(2026, 1, 31)),
        };
        let (unit, b) = buckets(&dates(), Some(range), 100);
        assert_eq!(unit, Unit::Day);
        assert_eq!(b.len(), 31);
        assert_eq!(b[27].count, 2);
        assert_eq!(b[29].count, 1);
        let chosen: Vec<u8> = b
            .iter()
            .filter(|b| b.chosen)
            .map(|b| b.start.day() as u8)
            .collect();
        assert_eq!(chosen, [28, 29, 30, 31]);
    }

    #[test]
    fn a_longer_range_marks_its_months() {
        let range = DateRange {
            start: Some(date(2025, 12, 15)),
            end: None,
        };
        let (unit, b) = buckets(&dates(), Some(range), 100);
        assert_eq!(unit, Unit::Month);
        let chosen: Vec<bool> = b.iter().map(|b| b.chosen).collect();
        assert_eq!(chosen, [false, true, true]);
        assert_eq!(buckets(&[], None, 10).1, Vec::new());
    }
}
