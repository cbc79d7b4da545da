//! The query line: every filter in one line of text, the same in the reader (`:`) and on the
//! command line (`tuinews list --query`), and what a [`Filter`] prints as, so filters move
//! between the two.
//!
//! ```text
//! person:"Lương Cường" date:2026-01 "biên giới" asean
//! ```
//!
//! `person:NAME` (repeatable) and `date:SPEC` take a bare word or a quoted value; everything
//! else is search text, words and "quoted phrases". A word with another `key:` is search text
//! (`10:30`).

use jiff::civil::Date;

use super::{DateFilter, Filter, PersonQuery, SearchQuery};

/// A query line that cannot be read: where (a 1-based column, in characters) and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct QueryError {
    pub column: usize,
    pub message: String,
}

/// One piece of the line: its text, whether it was quoted, and its starting column.
struct Token {
    text: String,
    quoted: bool,
    column: usize,
}

/// Reads a quoted value starting after its opening quote at `chars[i]`; returns the value and
/// the index after the closing quote.
fn quoted(chars: &[char], open: usize) -> Result<(String, usize), QueryError> {
    let close = chars[open + 1..]
        .iter()
        .position(|&c| c == '"')
        .map(|p| open + 1 + p)
        .ok_or_else(|| QueryError {
            column: open + 1,
            message: "this quote is never closed".to_owned(),
        })?;
    Ok((chars[open + 1..close].iter().collect(), close + 1))
}

/// The line's keys, each followed by its value.
const KEYS: [&str; 2] = ["person:", "date:"];

/// The key a word starts with, in any case.
fn key_of(word: &str) -> Option<&'static str> {
    let lower = word.to_lowercase();
    KEYS.into_iter().find(|k| lower.starts_with(k))
}

/// The line's flags.
enum Flag {
    Unread,
    Starred,
}

/// The flag a word is, in any case.
fn flag_of(word: &str) -> Option<Flag> {
    match word.to_lowercase().as_str() {
        "is:unread" => Some(Flag::Unread),
        "is:starred" => Some(Flag::Starred),
        _ => None,
    }
}

/// A search as the query line writes it, meaning the same when read back: a word that would
/// read as a filter there (`person:x`, `date:2026`, `is:unread`) is quoted, which a search
/// reads as the same word, and a quote left open (which runs to the end) is closed.
pub(crate) fn search_as_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    // Outside quotes and inside them, in turn, as `SearchQuery::new` reads them.
    for (n, part) in text.split('"').enumerate() {
        if n > 0 {
            out.push('"');
        }
        if n % 2 == 1 {
            out.push_str(part);
            continue;
        }
        let mut rest = part;
        while !rest.is_empty() {
            let start = rest.len() - rest.trim_start().len();
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = &rest[..end];
            if key_of(word).is_some() || flag_of(word).is_some() {
                out.push('"');
                out.push_str(word);
                out.push('"');
            } else {
                out.push_str(word);
            }
            rest = &rest[end..];
        }
    }
    if text.matches('"').count() % 2 == 1 {
        out.push('"');
    }
    out
}

/// Parses a query line; relative dates count from `today`.
///
/// The line is sanitised first (escape sequences and control characters removed, NFC), so a
/// word is what is shown and printed back: `\0person:x` is the person filter its text reads
/// as. Columns count characters of the sanitised line, which is the line as typed unless it
/// held such characters or was not NFC.
pub fn parse(text: &str, today: Date) -> Result<Filter, QueryError> {
    let text = crate::text::sanitize_block(text);
    // A mark where a word starts (after a space or a quote) would fall away when the word is
    // sanitised alone, and `"\u{5b0}person:x` would then read as a filter: it goes now. A mark
    // after anything else keeps its base (`a-\u{301}` stays as the picker wrote it).
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
    let mut word_start = true;
    for c in text.chars() {
        if !unicode_normalization::char::is_combining_mark(c) {
            word_start = c.is_whitespace() || c == '"';
            chars.push(c);
        } else if !word_start {
            chars.push(c);
        }
    }
    let mut filter = Filter::default();
    let mut search: Vec<Token> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let column = i + 1;
        if chars[i] == '"' {
            let (phrase, next) = quoted(&chars, i)?;
            search.push(Token {
                text: phrase,
                quoted: true,
                column,
            });
            i = next;
            continue;
        }
        let word_end = chars[i..]
            .iter()
            .position(|c| c.is_whitespace())
            .map_or(chars.len(), |p| i + p);
        let word: String = chars[i..word_end].iter().collect();
        let Some(key) = key_of(&word) else {
            // A quote inside a word opens a phrase there, as it does in a search typed alone
            // (`--search`, `/`), so the search text means the same read either way.
            let end = chars[i..word_end]
                .iter()
                .position(|&c| c == '"')
                .map_or(word_end, |q| i + q);
            let word: String = chars[i..end].iter().collect();
            match flag_of(&word) {
                Some(Flag::Unread) => filter.unread = true,
                Some(Flag::Starred) => filter.starred = true,
                None => search.push(Token {
                    text: word,
                    quoted: false,
                    column,
                }),
            }
            i = end;
            continue;
        };
        let value_at = i + key.chars().count();
        let (value, next) = if chars.get(value_at) == Some(&'"') {
            quoted(&chars, value_at)?
        } else {
            (chars[value_at..word_end].iter().collect(), word_end)
        };
        // Sanitised alone too: a mark after `person:` has a base in the line, none in the value.
        let value = crate::text::sanitize_line(&value);
        if value.is_empty() {
            return Err(QueryError {
                column,
                message: format!("{key} needs a value"),
            });
        }
        if key == "person:" {
            filter.persons.push(PersonQuery::new(&value));
        } else {
            if filter.date.is_some() {
                return Err(QueryError {
                    column,
                    message: "a second date: give one date or a range A..B".to_owned(),
                });
            }
            let date = DateFilter::parse(&value, today).map_err(|e| QueryError {
                column: value_at + 1,
                message: e.reason,
            })?;
            filter.date = Some(date);
        }
        i = next;
    }
    let text = search
        .iter()
        .map(|t| {
            if t.quoted {
                format!("\"{}\"", t.text)
            } else {
                t.text.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    let query = SearchQuery::new(&text);
    if !query.terms.is_empty() {
        filter.search = Some(query);
    } else if let Some(t) = search.first() {
        return Err(QueryError {
            column: t.column,
            message: "nothing to search for in this".to_owned(),
        });
    }
    Ok(filter)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 1, 30);

    #[test]
    fn every_filter_in_one_line() {
        let f = parse(
            r#"person:"Lương Cường" date:2026-01 "biên giới" asean person:tô"#,
            TODAY,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            f.persons,
            [PersonQuery::new("Lương Cường"), PersonQuery::new("tô")]
        );
        assert_eq!(f.date.as_ref().map(|d| d.spec.as_str()), Some("2026-01"));
        assert_eq!(
            f.search.as_ref().map(|s| s.text.as_str()),
            Some("\"biên giới\" asean")
        );
        assert_eq!(parse("   ", TODAY), Ok(Filter::default()));
        // A word with another key is search text.
        assert!(parse("10:30", TODAY).is_ok_and(|f| f.search.is_some()));
    }

    #[test]
    fn a_filter_prints_as_a_line_that_reads_back_as_itself() {
        for line in [
            r#"person:"Lê Hoài Trung" date:2026-01 asean"#,
            r#"person:Tô date:2026-01-20..2026-01-31 "biên giới""#,
            "date:..2021-12-31",
            "is:unread is:starred asean",
            r#"person:"Shii Kazuo" person:"Phạm Minh Chính""#,
        ] {
            let f = parse(line, TODAY).unwrap_or_else(|e| panic!("{line}: {e}"));
            assert_eq!(f.to_string(), line);
            assert_eq!(parse(&f.to_string(), TODAY), Ok(f));
        }
    }

    #[test]
    fn errors_say_where_and_why() {
        let err = |line: &str| parse(line, TODAY).map(|_| ()).unwrap_err();
        assert_eq!(
            err("asean date:2026-13"),
            QueryError {
                column: 12,
                message: "there is no month 13".to_owned()
            }
        );
        assert_eq!(err(r#"person:"Lê Hoài"#).column, 8);
        assert_eq!(err("hà person:").message, "person: needs a value");
        assert_eq!(err("date:2026 date:2025").column, 11);
        assert_eq!(
            err("date:2026 date:2025").to_string(),
            "column 11: a second date: give one date or a range A..B"
        );
    }
}
