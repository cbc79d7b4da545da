//! The reader's time zone: one zone for the whole session, in which dates and times are shown
//! and date filters are applied.
//!
//! `--tz ZONE` takes an IANA name (`Asia/Ho_Chi_Minh`), a fixed offset (`+07:00`, `UTC`), or
//! `article` to keep each article's own offset; without it, the system's zone (`TZ`, then the
//! system setting). A plain date (`2021-11-24`) stays that date in every zone, and a time written
//! without an offset is shown as written: neither names a moment to convert.

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};

use crate::store::Published;

/// Where dates are shown and filtered, and how a date is written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Zone {
    /// One zone for everything, with the name the user gave it; `None` for each article in
    /// its own offset.
    tz: Option<(TimeZone, String)>,
    /// A strftime format for full dates (the config's `date_format`); `dd/mm/yyyy` without.
    format: Option<String>,
}

/// A `--tz` value that names no zone.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "--tz {0:?}: not a time zone; give an IANA name (Asia/Ho_Chi_Minh), an offset (+07:00, UTC) or article"
)]
pub struct ZoneError(pub String);

impl Zone {
    /// Each article in its own offset.
    pub const ARTICLE: Zone = Zone {
        tz: None,
        format: None,
    };

    /// The same zone, writing full dates with the strftime `format` (checked by
    /// [`check_date_format`]; a format that fails on a date falls back to `dd/mm/yyyy`).
    pub fn with_format(mut self, format: Option<String>) -> Zone {
        self.format = format;
        self
    }

    /// Reads a `--tz` value.
    pub fn parse(s: &str) -> Result<Zone, ZoneError> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("article") {
            return Ok(Zone::ARTICLE);
        }
        let err = || ZoneError(s.to_owned());
        let zone = if t.eq_ignore_ascii_case("utc") || t.eq_ignore_ascii_case("z") {
            TimeZone::UTC
        } else if t.starts_with(['+', '-']) {
            TimeZone::fixed(parse_offset(t).ok_or_else(err)?)
        } else {
            TimeZone::get(t).map_err(|_| err())?
        };
        Ok(Zone {
            tz: Some((zone, t.to_owned())),
            format: None,
        })
    }

    /// The system's zone (`TZ`, then the system setting), or each article's own offset when the
    /// system has none that can be read.
    pub fn system() -> Zone {
        match TimeZone::try_system() {
            Ok(zone) => {
                let name = zone.iana_name().unwrap_or("local").to_owned();
                Zone {
                    tz: Some((zone, name)),
                    format: None,
                }
            }
            Err(_) => Zone::ARTICLE,
        }
    }

    /// The date and time to show, and the offset to show beside them when it is not the zone's
    /// own (always, for [`Zone::ARTICLE`]).
    fn local(&self, p: &Published) -> (DateTime, Option<Offset>, bool) {
        match (&self.tz, p) {
            (None, Published::Zoned { local, offset }) => (*local, Some(*offset), true),
            (Some((zone, _)), Published::Zoned { local, offset }) => {
                match offset.to_timestamp(*local) {
                    Ok(ts) => {
                        let here = zone.to_offset(ts);
                        (here.to_datetime(ts), Some(*offset), here != *offset)
                    }
                    Err(_) => (*local, Some(*offset), true),
                }
            }
            (_, Published::Floating(local)) => (*local, None, false),
            (_, Published::Day(d)) => (d.to_datetime(jiff::civil::Time::midnight()), None, false),
        }
    }

    /// The article's calendar date in this zone.
    pub fn date(&self, p: &Published) -> Date {
        match p {
            Published::Day(d) => *d,
            _ => self.local(p).0.date(),
        }
    }

    /// `dd/mm/yyyy` in this zone: the date column of lists.
    pub fn short(&self, p: &Published) -> String {
        let d = self.date(p);
        self.format
            .as_deref()
            .and_then(|f| jiff::fmt::strtime::format(f, d).ok())
            .map_or_else(
                || format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year()),
                |s| crate::text::sanitize_line(&s),
            )
    }

    /// The date as lists show it, in at most 8 columns: the time for today (`09:30`, when
    /// the store gives one), `dd/mm` for this year, `dd/mm/yy` before.
    pub fn compact(&self, p: &Published, today: Date) -> String {
        let (local, _, _) = self.local(p);
        let d = self.date(p);
        if d == today && !matches!(p, Published::Day(_)) {
            format!("{:02}:{:02}", local.hour(), local.minute())
        } else if d.year() == today.year() {
            format!("{:02}/{:02}", d.day(), d.month())
        } else {
            format!(
                "{:02}/{:02}/{:02}",
                d.day(),
                d.month(),
                d.year().rem_euclid(100)
            )
        }
    }

    /// `dd/mm/yyyy`, or `-` for an undated article.
    pub fn short_or_dash(&self, p: Option<Published>) -> String {
        p.map_or_else(|| crate::words::UNDATED.to_owned(), |p| self.short(&p))
    }

    /// The weekday, date and time as the article view shows them: `Thứ Tư, 24/11/2021 09:30`,
    /// with the article's own offset after it when that is not the zone's.
    pub fn long(&self, p: &Published, words: &crate::words::Words) -> String {
        let (local, offset, show_offset) = self.local(p);
        let day = format!(
            "{}, {}",
            words.weekday(local.date().weekday()),
            self.short(p)
        );
        match p {
            Published::Day(_) => day,
            Published::Floating(_) => format!("{day} {:02}:{:02}", local.hour(), local.minute()),
            Published::Zoned { .. } => {
                let mut out = format!("{day} {:02}:{:02}", local.hour(), local.minute());
                if let (Some(o), true) = (offset, show_offset) {
                    out.push(' ');
                    out.push_str(&offset_text(o));
                    if let Some((_, name)) = &self.tz {
                        out.push_str(&format!(" ({})", words.shown_in(name)));
                    }
                }
                out
            }
        }
    }
}

/// Whether `format` is a strftime format jiff can write a date with (it refuses, for a date,
/// directives that need a time or a zone only at the moment it writes).
pub fn check_date_format(format: &str) -> Result<(), String> {
    let sample = jiff::civil::date(2021, 11, 24);
    jiff::fmt::strtime::format(format, sample)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// `+07:00`, `-05:30`.
fn offset_text(o: Offset) -> String {
    let secs = o.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    format!("{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
}

/// `+07:00`, `+0700`, `+07`, `-05:30`.
fn parse_offset(s: &str) -> Option<Offset> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(digits.len(), 2 | 4) {
        return None;
    }
    let h: i32 = digits.get(0..2)?.parse().ok()?;
    let m: i32 = digits
        .get(2..)
        .filter(|m| !m.is_empty())
        .map_or(Some(0), |m| m.parse().ok())?;
    if h > 18 || m > 59 {
        return None;
    }
    Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Published {
        Published::parse(s).unwrap_or_else(|| panic!("{s} is a date"))
    }

    fn tz(s: &str) -> Zone {
        Zone::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_date_format_writes_full_dates_and_a_bad_one_is_refused() {
        let day = at("2021-11-24");
        let iso = Zone::ARTICLE.with_format(Some("%Y-%m-%d".to_owned()));
        assert_eq!(iso.short(&day), "2021-11-24");
        assert_eq!(iso.long(&day, &crate::words::EN), "Wednesday, 2021-11-24");
        assert_eq!(Zone::ARTICLE.short(&day), "24/11/2021");
        assert!(check_date_format("%d.%m.%Y").is_ok());
        // A date has no hour: refused when checked, and the default if it gets through.
        assert!(check_date_format("%H:%M").is_err());
        let bad = Zone::ARTICLE.with_format(Some("%H".to_owned()));
        assert_eq!(bad.short(&day), "24/11/2021");
        // Control characters in a format never reach the screen.
        let esc = Zone::ARTICLE.with_format(Some("%d\u{1b}[31m".to_owned()));
        assert!(!esc.short(&day).contains('\u{1b}'));
    }

    #[test]
    fn a_moment_is_shown_in_the_readers_zone() {
        let p = at("2026-01-28T17:30:00Z");
        assert_eq!(
            tz("UTC").long(&p, &crate::words::VI),
            "Thứ Tư, 28/01/2026 17:30"
        );
        assert_eq!(
            tz("Asia/Ho_Chi_Minh").long(&p, &crate::words::VI),
            "Thứ Năm, 29/01/2026 00:30 +00:00 (giờ Asia/Ho_Chi_Minh)"
        );
        assert_eq!(tz("+07:00").date(&p), jiff::civil::date(2026, 1, 29));
        assert_eq!(tz("UTC").date(&p), jiff::civil::date(2026, 1, 28));
        assert_eq!(
            Zone::ARTICLE.long(&p, &crate::words::VI),
            "Thứ Tư, 28/01/2026 17:30 +00:00"
        );
        // In its own zone the offset is not repeated.
        let hanoi = at("2026-01-28T23:30:00+07:00");
        assert_eq!(
            tz("+07:00").long(&hanoi, &crate::words::VI),
            "Thứ Tư, 28/01/2026 23:30"
        );
        assert_eq!(tz("UTC").short(&hanoi), "28/01/2026");
        assert_eq!(tz("-05:00").short(&hanoi), "28/01/2026");
        assert_eq!(tz("+09:00").short(&hanoi), "29/01/2026");
    }

    #[test]
    fn plain_dates_and_floating_times_stay_as_written() {
        let day = at("2021-11-24");
        for z in ["UTC", "+09:00", "-11:00", "article"] {
            assert_eq!(
                tz(z).long(&day, &crate::words::VI),
                "Thứ Tư, 24/11/2021",
                "{z}"
            );
            assert_eq!(tz(z).date(&day), jiff::civil::date(2021, 11, 24));
        }
        let floating = at("2021-11-24T23:30:00");
        assert_eq!(
            tz("+09:00").long(&floating, &crate::words::VI),
            "Thứ Tư, 24/11/2021 23:30"
        );
    }

    #[test]
    fn list_dates_are_compact() {
        let today = jiff::civil::date(2026, 1, 28);
        let z = tz("+07:00");
        assert_eq!(z.compact(&at("2026-01-28T09:05:00+07:00"), today), "09:05");
        assert_eq!(z.compact(&at("2026-01-28"), today), "28/01");
        assert_eq!(z.compact(&at("2026-01-02T09:05:00+07:00"), today), "02/01");
        assert_eq!(z.compact(&at("2021-11-24"), today), "24/11/21");
    }

    #[test]
    fn zones_are_read_from_names_and_offsets() {
        assert_eq!(Zone::parse("article"), Ok(Zone::ARTICLE));
        for ok in [
            "UTC",
            "+07:00",
            "+0700",
            "-05:30",
            "Asia/Ho_Chi_Minh",
            "Europe/Paris",
        ] {
            assert!(Zone::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["Mars/Base", "+7", "+25:00", "", "07:00"] {
            assert!(Zone::parse(bad).is_err(), "{bad}");
        }
        assert!(
            Zone::parse("Mars/Base")
                .unwrap_err()
                .to_string()
                .contains("IANA")
        );
    }
}
