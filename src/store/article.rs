//! The domain types of one article: what the reader, filters and commands see once the store has
//! built it, with every text field already sanitised.

use jiff::civil::{Date, DateTime};
use jiff::tz::Offset;

use super::names::{Label, Person};

/// When an article was published, as precisely as the store says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Published {
    /// A moment with its own UTC offset (RFC 3339).
    Zoned { local: DateTime, offset: Offset },
    /// A date and time with no offset: shown as written, sorted as if UTC.
    Floating(DateTime),
    /// A calendar date only.
    Day(Date),
}

impl Published {
    /// Parses the forms the store accepts: RFC 3339 with offset, a timestamp without offset,
    /// or a plain `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Published> {
        let s = s.trim();
        if let Ok(ts) = s.parse::<jiff::Timestamp>() {
            // The timestamp parser accepts `Z` and numeric offsets; recover the offset that was
            // written so the article's calendar date is the one in its own offset.
            let offset = written_offset(s)?;
            let local = offset.to_datetime(ts);
            return Some(Published::Zoned { local, offset });
        }
        if let Ok(dt) = s.parse::<DateTime>()
            && s.len() > 10
        {
            return Some(Published::Floating(dt));
        }
        if let Ok(d) = s.parse::<Date>() {
            return Some(Published::Day(d));
        }
        None
    }

    /// The calendar date in the article's own offset.
    pub fn date(&self) -> Date {
        match self {
            Published::Zoned { local, .. } | Published::Floating(local) => local.date(),
            Published::Day(d) => *d,
        }
    }

    /// A key that orders articles by time: instants by their UTC moment, floating times and
    /// plain dates as if they were UTC (a plain date counts as its start).
    pub fn sort_key(&self) -> i64 {
        let (local, offset) = match self {
            Published::Zoned { local, offset } => (*local, offset.seconds()),
            Published::Floating(local) => (*local, 0),
            Published::Day(d) => (d.to_datetime(jiff::civil::Time::midnight()), 0),
        };
        let days = i64::from(
            local
                .date()
                .since(Date::constant(1970, 1, 1))
                .map_or(0, |s| s.get_days()),
        );
        let t = local.time();
        days * 86_400
            + i64::from(t.hour()) * 3600
            + i64::from(t.minute()) * 60
            + i64::from(t.second())
            - i64::from(offset)
    }

    /// `dd/mm/yyyy`, as Vietnamese readers write dates.
    pub fn short(&self) -> String {
        let d = self.date();
        format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
    }

    /// The date with time and offset when the store gives them: `24/11/2021 09:30 +09:00`.
    pub fn long(&self) -> String {
        match self {
            Published::Zoned { local, offset } => {
                let secs = offset.seconds();
                let sign = if secs < 0 { '-' } else { '+' };
                let abs = secs.unsigned_abs();
                format!(
                    "{} {:02}:{:02} {sign}{:02}:{:02}",
                    self.short(),
                    local.hour(),
                    local.minute(),
                    abs / 3600,
                    abs % 3600 / 60
                )
            }
            Published::Floating(local) => {
                format!("{} {:02}:{:02}", self.short(), local.hour(), local.minute())
            }
            Published::Day(_) => self.short(),
        }
    }

    /// ISO 8601 / RFC 3339 form, for JSON output.
    pub fn iso(&self) -> String {
        match self {
            Published::Zoned { local, offset } => {
                let secs = offset.seconds();
                if secs == 0 {
                    format!("{}Z", local.strftime("%Y-%m-%dT%H:%M:%S"))
                } else {
                    let sign = if secs < 0 { '-' } else { '+' };
                    let abs = secs.unsigned_abs();
                    format!(
                        "{}{sign}{:02}:{:02}",
                        local.strftime("%Y-%m-%dT%H:%M:%S"),
                        abs / 3600,
                        abs % 3600 / 60
                    )
                }
            }
            Published::Floating(local) => local.strftime("%Y-%m-%dT%H:%M:%S").to_string(),
            Published::Day(d) => d.strftime("%Y-%m-%d").to_string(),
        }
    }
}

/// `dd/mm/yyyy`, or `-` for an undated article: the date column of lists.
pub fn short_date(p: Option<Published>) -> String {
    p.map_or_else(|| "-".to_owned(), |p| p.short())
}

/// The offset written at the end of an RFC 3339 string (`Z`, `+07:00`, `-0500`).
fn written_offset(s: &str) -> Option<Offset> {
    if s.ends_with(['Z', 'z']) {
        return Some(Offset::UTC);
    }
    let pos = s.rfind(['+', '-'])?;
    let tail = &s[pos + 1..];
    let digits: String = tail.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 4 || tail.len() > 5 {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = digits[2..].parse().ok()?;
    let secs = (h * 3600 + m * 60) * if s.as_bytes()[pos] == b'-' { -1 } else { 1 };
    Offset::from_seconds(secs).ok()
}

/// One article, validated and sanitised.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub published: Option<Published>,
    /// The lead; empty when the store gives none, and (with the body and captions) in an
    /// article of a store that leaves them in its file.
    pub summary: String,
    /// Paragraphs, each non-empty. Empty, with the captions, in an article of a store that
    /// leaves bodies in its file ([`Article::stored`]): [`crate::store::Articles::whole`]
    /// reads them.
    pub body: Vec<String>,
    /// The persons it names, each with the name folded once at load for the person filter.
    /// (Text search folds the other fields on demand, or asks the reader's index: a folded copy
    /// of every text kept for every article cost as much memory as the text itself.) A load
    /// shares each person, tag, section and source among the articles that give it, once per
    /// loading thread ([`super::names`]).
    pub persons: Vec<Person>,
    /// Ids of related stories; every one exists in the store.
    pub related: Vec<String>,
    pub section: Option<Label>,
    pub source: Option<Label>,
    /// The link to the article; with the lead, body and captions, in the store's file for an
    /// article of a store that leaves them there ([`crate::store::Articles::whole`] reads it).
    pub url: Option<String>,
    pub tags: Vec<Label>,
    pub captions: Vec<String>,
    /// Where the article's entry is in the store's file, when its lead, body, captions and link were
    /// left there instead of being kept in memory.
    pub stored: Option<Stored>,
}

/// Where an article's entry is in its store's file: its lead, body, captions and link, the bulk
/// of a store, are read from there when they are wanted (the article pane, `show`, the background
/// indexes), so a loaded archive takes a fraction of its file's size in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stored {
    /// The entry's first byte in the file.
    pub offset: u64,
    /// The entry's length in bytes.
    pub len: u32,
    /// Whether the article has body paragraphs (else a lead, captions or a link).
    pub has_body: bool,
}

impl Article {
    /// Whether the article has body paragraphs, here or in the store's file.
    pub fn has_body(&self) -> bool {
        !self.body.is_empty() || self.stored.is_some_and(|s| s.has_body)
    }

    /// Whether its lead, body, captions and link are in the store's file and not here: an article as the
    /// store keeps it, or one whose body could not be read again
    /// ([`crate::store::Articles::whole`]).
    pub fn body_elsewhere(&self) -> bool {
        self.stored.is_some()
    }

    /// The fields a text search looks in, as written, in a fixed order: title, lead, body
    /// paragraphs, captions, persons.
    pub fn search_fields(&self) -> impl Iterator<Item = &str> + Clone {
        std::iter::once(self.title.as_str())
            .chain(std::iter::once(self.summary.as_str()))
            .chain(self.body.iter().map(String::as_str))
            .chain(self.captions.iter().map(String::as_str))
            .chain(self.persons.iter().map(Person::as_str))
    }
}
