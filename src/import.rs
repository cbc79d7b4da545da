//! Bringing articles in: RSS and Atom feeds, HTML article pages and plain-text pages, from files
//! or URLs, merged into a JSON store.
//!
//! Every source becomes a list of [`Story`]s (what the source says, nothing more), then each story
//! gets its date (from the source's own field, else from its text, [`dates`]), its persons when
//! the source names none ([`persons`]) and a stable id, and becomes a [`RawArticle`] that goes
//! through the store's one build step like a loaded article, so imported text is sanitised
//! exactly as loaded text is. [`merge`] then updates or adds the articles in the store and writes
//! it atomically.

mod command;
pub mod dates;
mod entry;
mod feed;
pub mod fetch;
mod html;
pub mod merge;
pub mod persons;
mod plain;
pub mod report;

use std::fmt;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::store::{Published, RawArticle, RawPublished};
use crate::text::fold;

pub use command::{ImportArgs, command, run};
pub use merge::{Action, Entry, Report, SourceReport};

/// The formats a source can be in, told apart by content, never by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RSS 2.0, RSS 1.0 or Atom.
    Feed,
    /// An HTML article page.
    Html,
    /// A plain-text page like the seeds the sample was built from.
    Text,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Feed => "feed",
            Format::Html => "HTML page",
            Format::Text => "text page",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One story as a source gives it, before it has an id, a date from its text or persons.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Story {
    /// The feed's own identifier for the item, when it has one.
    pub guid: Option<String>,
    pub title: String,
    pub summary: Option<String>,
    pub body: Vec<String>,
    pub captions: Vec<String>,
    pub section: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The date the source states in a field of its own (a feed's `pubDate`, a page's meta).
    pub published: Option<Published>,
    pub persons: Vec<String>,
    pub tags: Vec<String>,
    /// Text the page shows as its date ("Thứ Tư, 24/11/2021 - 10:15"), read before the story's
    /// own text when the page gives no machine-readable date.
    pub dateline: Option<String>,
    /// Which block of listed stories on a page it came from (1, 2, ...); `None` for a page's
    /// own article and for feed items.
    pub block: Option<usize>,
}

impl Story {
    /// The story's own text, in reading order: title, lead, body, captions.
    fn texts(&self) -> Vec<&str> {
        let mut v = vec![self.title.as_str()];
        v.extend(self.summary.as_deref());
        v.extend(self.body.iter().map(String::as_str));
        v.extend(self.captions.iter().map(String::as_str));
        v
    }
}

/// What a source held: its stories, and whether it is a page (its first story is the page's
/// article and the others are the stories it lists) or a feed (every story stands alone).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub format: Format,
    pub stories: Vec<Story>,
    pub page: bool,
}

/// What the import needs to know besides the sources.
#[derive(Clone, Debug)]
pub struct Options {
    /// The day of the import: a date written without a year is never put after it.
    pub today: Date,
    /// The year for dates written without one when nothing on the page tells (`--year`).
    pub year: Option<i16>,
}

/// Why a source could not be read. Every message names the source.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{source_name}: cannot read: {error}")]
    Read {
        source_name: String,
        #[source]
        error: std::io::Error,
    },
    #[error("{source_name}: {error}")]
    Fetch {
        source_name: String,
        #[source]
        error: fetch::FetchError,
    },
    #[error("{source_name}: not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 { source_name: String, offset: usize },
    #[error("{source_name}: looks like a feed but cannot be read as RSS or Atom: {message}")]
    Feed {
        source_name: String,
        message: String,
    },
    #[error("{source_name}: no article found ({what})")]
    Empty {
        source_name: String,
        what: &'static str,
    },
}

/// A source's articles, ready for the store, with what the report should say about them.
#[derive(Clone, Debug)]
pub struct Imported {
    pub format: Format,
    pub articles: Vec<RawArticle>,
    /// For each article (by position) whose year was not written with its day: where it came
    /// from.
    pub year_from: Vec<Option<dates::YearFrom>>,
}

/// Reads one source's content: detects its format, parses it and turns its stories into raw
/// articles. `base` is the URL the content came from, for resolving relative links.
pub fn read(
    name: &str,
    bytes: &[u8],
    base: Option<&str>,
    opts: &Options,
) -> Result<Imported, SourceError> {
    let parsed = parse(name, bytes, base)?;
    Ok(to_raw(parsed, opts))
}

/// Detects the format of `bytes` and parses it.
pub fn parse(name: &str, bytes: &[u8], base: Option<&str>) -> Result<Parsed, SourceError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match detect(bytes) {
        Format::Feed => {
            let stories = feed::parse(bytes, base).map_err(|message| SourceError::Feed {
                source_name: name.to_owned(),
                message,
            })?;
            Ok(Parsed {
                format: Format::Feed,
                stories,
                page: false,
            })
        }
        Format::Html => {
            let text = String::from_utf8_lossy(bytes);
            let stories = html::parse(&text, base).ok_or_else(|| SourceError::Empty {
                source_name: name.to_owned(),
                what: "the HTML page has no title and no paragraph",
            })?;
            Ok(Parsed {
                format: Format::Html,
                stories,
                page: true,
            })
        }
        Format::Text => {
            let text = std::str::from_utf8(bytes).map_err(|e| SourceError::NotUtf8 {
                source_name: name.to_owned(),
                offset: e.valid_up_to(),
            })?;
            let stories = plain::parse(text).ok_or_else(|| SourceError::Empty {
                source_name: name.to_owned(),
                what: "the text is empty",
            })?;
            Ok(Parsed {
                format: Format::Text,
                stories,
                page: true,
            })
        }
    }
}

/// Tells the format from the first non-blank characters: XML with an `rss`, `feed` or `RDF`
/// root is a feed, markup is HTML, anything else is text.
pub fn detect(bytes: &[u8]) -> Format {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
    let start = head.trim_start();
    let mut rest = start;
    // Skip the XML declaration, comments, doctypes and processing instructions.
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = r.split_once("?>").map_or("", |(_, r)| r);
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.split_once("-->").map_or("", |(_, r)| r);
        } else if rest.starts_with("<!doctype html") {
            return Format::Html;
        } else if let Some(r) = rest.strip_prefix("<!") {
            rest = r.split_once('>').map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    if ["<rss", "<feed", "<rdf:rdf", "<rdf "]
        .iter()
        .any(|p| rest.starts_with(p))
    {
        return Format::Feed;
    }
    if rest.starts_with('<')
        && (head.contains("<html") || head.contains("<body") || head.contains("<p"))
    {
        return Format::Html;
    }
    if start.starts_with("<html") || start.starts_with("<head") {
        return Format::Html;
    }
    Format::Text
}

/// Gives every story its date, persons and id, and links a page's article to the stories it
/// lists.
pub fn to_raw(parsed: Parsed, opts: &Options) -> Imported {
    let Parsed {
        format,
        stories,
        page,
    } = parsed;
    let page_text: String = if page {
        stories
            .iter()
            .flat_map(Story::texts)
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        String::new()
    };
    let page_date_years = dates::full_date_years(&page_text);
    let page_years = dates::bare_years(&page_text);

    let ids: Vec<String> = stories.iter().map(stable_id).collect();
    let mut articles = Vec::with_capacity(stories.len());
    let mut year_from = Vec::with_capacity(stories.len());
    for (i, story) in stories.iter().enumerate() {
        let listed = page && i > 0;
        let ctx = dates::Context {
            block_years: if listed {
                stories
                    .iter()
                    .enumerate()
                    .filter(|(j, s)| *j != i && s.block == story.block)
                    .flat_map(|(_, s)| s.texts())
                    .flat_map(dates::full_date_years)
                    .collect()
            } else {
                Vec::new()
            },
            page_date_years: if listed {
                page_date_years.clone()
            } else {
                Vec::new()
            },
            page_years: if listed {
                page_years.clone()
            } else {
                Vec::new()
            },
            given_year: opts.year,
            today: Some(opts.today),
        };
        let texts = story.texts();
        let mut date_texts: Vec<&str> = story.dateline.iter().map(String::as_str).collect();
        date_texts.extend(&texts);
        let (published, from) = match story.published {
            Some(p) => (Some(RawPublished::Known(p)), None),
            None => match dates::story_date(&date_texts, &ctx) {
                Some(d) => (Some(RawPublished::Known(d.published)), d.year_from),
                None => (None, None),
            },
        };
        let persons = if story.persons.is_empty() {
            persons::extract(&texts)
        } else {
            story.persons.clone()
        };
        let related = if page && i == 0 {
            ids[1..].to_vec()
        } else {
            Vec::new()
        };
        articles.push(RawArticle {
            id: Some(ids[i].clone()),
            title: Some(story.title.clone()),
            published,
            summary: story.summary.clone(),
            body: story.body.clone(),
            persons,
            related,
            section: story.section.clone(),
            source: story.source.clone(),
            url: story.url.clone(),
            tags: story.tags.clone(),
            captions: story.captions.clone(),
            problems: Vec::new(),
        });
        year_from.push(from);
    }
    Imported {
        format,
        articles,
        year_from,
    }
}

/// An id that stays the same each time the same story is imported: from the feed's guid, else
/// the story's URL, else its title, as a readable slug and a short hash of the whole key (so two
/// stories with the same slug still differ).
pub fn stable_id(story: &Story) -> String {
    let key = story
        .guid
        .as_deref()
        .or(story.url.as_deref())
        .unwrap_or(&story.title);
    let readable = if story.guid.is_some() || story.url.is_some() {
        let path = key.split(['?', '#']).next().unwrap_or(key);
        let last = path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(path);
        let last = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
        if last.is_empty() || last.contains(':') {
            slug(&story.title)
        } else {
            slug(last)
        }
    } else {
        slug(key)
    };
    let hash = format!("{:08x}", fnv1a(key.as_bytes()) as u32);
    if readable.is_empty() {
        hash
    } else {
        format!("{readable}-{hash}")
    }
}

/// Lowercase ASCII words joined by hyphens, at most about 48 characters, cut between words.
fn slug(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() && out.len() + 1 + word.len() > 48 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word[..word.len().min(48)]);
    }
    out
}

/// FNV-1a, 64 bits: small, stable across versions and platforms, which is all an id needs.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Whether a source names a URL (and is fetched) rather than a file.
pub fn is_url(source: &str) -> bool {
    let lower = source.get(..8).unwrap_or(source).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Where a user's store lives when tuinews would otherwise open the embedded sample:
/// `$XDG_DATA_HOME/tuinews/articles.json`, else `~/.local/share/tuinews/articles.json`.
pub fn user_store_path(xdg_data_home: Option<&Path>, home: Option<&Path>) -> Option<PathBuf> {
    crate::xdg::data_dir(xdg_data_home, home).map(|d| d.join("articles.json"))
}

/// Where tuinews keeps what it remembers between runs (the validators of fetched URLs):
/// `$XDG_STATE_HOME/tuinews`, else `~/.local/state/tuinews`.
pub fn state_dir(xdg_state_home: Option<&Path>, home: Option<&Path>) -> Option<PathBuf> {
    crate::xdg::state_dir(xdg_state_home, home)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content() {
        for (text, want) in [
            (
                "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">",
                Format::Feed,
            ),
            (
                "\n  <feed xmlns=\"http://www.w3.org/2005/Atom\">",
                Format::Feed,
            ),
            ("<?xml version=\"1.0\"?><!-- c --><rdf:RDF>", Format::Feed),
            ("<!DOCTYPE html><html><body>", Format::Html),
            ("<html lang=vi><p>x", Format::Html),
            ("Tiêu đề <b>không</b> phải HTML\n\nĐoạn.", Format::Text),
            ("Tiêu đề\n\nĐoạn.", Format::Text),
        ] {
            assert_eq!(detect(text.as_bytes()), want, "{text:?}");
        }
    }

    #[test]
    fn ids_are_stable_readable_and_distinct() {
        let by_url = Story {
            title: "Tiêu đề".to_owned(),
            url: Some("https://example.test/thoi-su/tin-moi-123.html?utm=x".to_owned()),
            ..Story::default()
        };
        let id = stable_id(&by_url);
        assert!(id.starts_with("tin-moi-123-"), "{id}");
        assert_eq!(id, stable_id(&by_url.clone()));
        let by_title = Story {
            title: "Lời hiệu triệu cho hành trình mới".to_owned(),
            ..Story::default()
        };
        assert!(stable_id(&by_title).starts_with("loi-hieu-trieu-cho-hanh-trinh-moi-"));
        let other = Story {
            title: "Lời hiệu triệu cho hành trình mới!".to_owned(),
            ..Story::default()
        };
        assert_ne!(stable_id(&by_title), stable_id(&other));
        let guid = Story {
            guid: Some("urn:uuid:1234".to_owned()),
            ..by_title.clone()
        };
        let id = stable_id(&guid);
        assert!(
            id.starts_with("loi-hieu-trieu-"),
            "a guid that is no path reads as the title: {id}"
        );
        assert_ne!(id, stable_id(&by_title), "the hash is of the guid");
    }
}
