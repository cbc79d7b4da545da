//! Subscriptions: the feeds `tuinews update` and `U` in the reader fetch into the store.
//!
//! Kept in `$XDG_CONFIG_HOME/tuinews/feeds` (`~/.config/tuinews/feeds`), beside the config
//! file, because they are the user's own choice and worth keeping in a dotfiles repository (the
//! state directory holds what tuinews remembers for itself, such as the validators of fetched
//! URLs). One feed per line, as newsboat's `urls` file writes them: the URL, then optionally a
//! name; `#` starts a comment. The file is written atomically (a temporary file, then a
//! rename), so an interrupted `feeds add` leaves the old list whole.

use std::io::Write;
use std::path::{Path, PathBuf};

/// One subscription.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feed {
    pub url: String,
    /// The name the user gave it, if any.
    pub name: Option<String>,
}

/// Where the subscriptions are: `$XDG_CONFIG_HOME/tuinews/feeds`, else under `~/.config`.
pub fn path(xdg_config_home: Option<&Path>, home: Option<&Path>) -> Option<PathBuf> {
    crate::xdg::config_dir(xdg_config_home, home).map(|d| d.join("feeds"))
}

/// Something wrong with a subscription or the file.
#[derive(Debug, thiserror::Error)]
pub enum FeedsError {
    #[error("{0:?} is not a feed address: give an http:// or https:// URL ({1})")]
    BadUrl(String, String),
    #[error("{file}: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}: {text:?} is not a feed address; the line is skipped")]
    BadLine {
        file: String,
        line: usize,
        text: String,
    },
}

/// Reads the subscriptions; a missing file is an empty list. Lines that are no URL are
/// returned as problems, the others still read.
pub fn load(path: &Path) -> Result<(Vec<Feed>, Vec<FeedsError>), FeedsError> {
    let file = crate::text::visible(&path.display().to_string());
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => return Err(FeedsError::Io { file, source }),
    };
    let mut feeds = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (url, name) = match line.split_once(char::is_whitespace) {
            Some((u, n)) => (u, Some(n.trim().trim_matches('"').to_owned())),
            None => (line, None),
        };
        match check_url(url) {
            Ok(url) => feeds.push(Feed {
                url,
                name: name.filter(|n| !n.is_empty()),
            }),
            Err(_) => problems.push(FeedsError::BadLine {
                file: file.clone(),
                line: i + 1,
                text: crate::text::sanitize_line(line),
            }),
        }
    }
    Ok((feeds, problems))
}

/// Writes the subscriptions, atomically.
pub fn save(path: &Path, feeds: &[Feed]) -> Result<(), FeedsError> {
    let file = crate::text::visible(&path.display().to_string());
    let io = |source| FeedsError::Io {
        file: file.clone(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut text =
        String::from("# tuinews subscriptions: one feed per line, its URL then a name.\n");
    for f in feeds {
        match &f.name {
            Some(n) => text.push_str(&format!("{} \"{}\"\n", f.url, n.replace('"', "'"))),
            None => text.push_str(&format!("{}\n", f.url)),
        }
    }
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
}

/// A URL as a subscription keeps it: http or https, parsed, control characters refused.
pub fn check_url(text: &str) -> Result<String, FeedsError> {
    let bad = |why: &str| FeedsError::BadUrl(crate::text::sanitize_line(text), why.to_owned());
    if text.chars().any(char::is_control) {
        return Err(bad("it holds a control character"));
    }
    let url = url::Url::parse(text.trim()).map_err(|e| bad(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad(&format!("the scheme is {}", url.scheme())));
    }
    Ok(url.to_string())
}

/// What `feeds add` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Added {
    New,
    /// Already there: nothing changed.
    Known,
}

/// Adds a feed (a URL already subscribed is left as it is).
pub fn add(path: &Path, url: &str, name: Option<&str>) -> Result<Added, FeedsError> {
    let url = check_url(url)?;
    let (mut feeds, _) = load(path)?;
    if feeds.iter().any(|f| f.url == url) {
        return Ok(Added::Known);
    }
    feeds.push(Feed {
        url,
        name: name
            .map(crate::text::sanitize_line)
            .filter(|n| !n.is_empty()),
    });
    save(path, &feeds)?;
    Ok(Added::New)
}

/// Removes the feeds whose URL or name is `which`; how many went.
pub fn remove(path: &Path, which: &str) -> Result<usize, FeedsError> {
    let (mut feeds, _) = load(path)?;
    let normal = check_url(which).ok();
    let before = feeds.len();
    feeds.retain(|f| {
        !(Some(&f.url) == normal.as_ref() || f.url == which || f.name.as_deref() == Some(which))
    });
    let gone = before - feeds.len();
    if gone > 0 {
        save(path, &feeds)?;
    }
    Ok(gone)
}

/// How many feeds are fetched at once.
pub const PARALLEL_FETCHES: usize = 4;

/// What `tuinews update` and `U` say when there is nothing to fetch.
pub const NO_SUBSCRIPTIONS: &str = "no subscriptions: tuinews feeds add URL";

/// `tuinews update` and `U`: the subscriptions read from `feeds_path` (a bad line is skipped
/// and returned as a warning), every one fetched (several at once, conditionally) and imported
/// into the store at `store_path`, written once. `progress` hears how many feeds of how many
/// have come back. An error (the file unreadable, no subscriptions) stops before any fetch.
pub fn update(
    feeds_path: &Path,
    store_path: &Path,
    today: Option<jiff::civil::Date>,
    fetch: crate::import::fetch::Config,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<(crate::import::merge::Report, Vec<FeedsError>), String> {
    let (feeds, warnings) = load(feeds_path).map_err(|e| e.to_string())?;
    if feeds.is_empty() {
        return Err(NO_SUBSCRIPTIONS.to_owned());
    }
    let opts = crate::import::Options {
        today: today.unwrap_or_else(|| jiff::Zoned::now().date()),
        year: None,
    };
    let mut fetcher = crate::import::fetch::Fetcher::new(fetch);
    let urls: Vec<String> = feeds.iter().map(|f| f.url.clone()).collect();
    fetcher.prefetch(&urls, PARALLEL_FETCHES, progress);
    let report = crate::import::run(&urls, store_path, &opts, &mut fetcher);
    Ok((report, warnings))
}

/// What an update did, in numbers, for the reader's status line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub feeds: usize,
    pub added: usize,
    pub changed: usize,
    /// Feeds that answered that nothing changed.
    pub unchanged: usize,
    pub failed: usize,
    /// Why the store could not be read or written (nothing changed then).
    pub store_error: Option<String>,
}

impl Outcome {
    pub fn of(report: &crate::import::merge::Report) -> Outcome {
        let (added, changed, _) = report.counts();
        Outcome {
            feeds: report.sources.len(),
            added,
            changed,
            unchanged: report.sources.iter().filter(|s| s.not_modified).count(),
            failed: report.sources.iter().filter(|s| s.result.is_err()).count(),
            store_error: report
                .store_error
                .as_deref()
                .map(crate::text::sanitize_line),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_list_remove_round_trip() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("tuinews").join("feeds");
        assert_eq!(load(&p).map(|(f, _)| f.len()).ok(), Some(0));
        assert_eq!(
            add(&p, "https://baoquocte.vn/rss/thoi-su.rss", Some("Thời sự")).ok(),
            Some(Added::New)
        );
        assert_eq!(
            add(&p, "https://baoquocte.vn/rss/thoi-su.rss", None).ok(),
            Some(Added::Known)
        );
        assert_eq!(
            add(&p, "http://example.org/feed", None).ok(),
            Some(Added::New)
        );
        let (feeds, problems) = load(&p).unwrap_or_else(|e| panic!("{e}"));
        assert!(problems.is_empty());
        assert_eq!(feeds.len(), 2);
        assert_eq!(feeds[0].name.as_deref(), Some("Thời sự"));
        assert_eq!(remove(&p, "Thời sự").ok(), Some(1));
        assert_eq!(remove(&p, "nothing").ok(), Some(0));
        let (feeds, _) = load(&p).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(feeds.len(), 1);
        assert_eq!(feeds[0].url, "http://example.org/feed");
        assert!(add(&p, "ftp://example.org/x", None).is_err());
        assert!(add(&p, "not a url", None).is_err());
        assert!(add(&p, "https://example.org/\u{1b}[31m", None).is_err());
    }

    #[test]
    fn a_bad_line_is_named_and_the_others_read() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("feeds");
        std::fs::write(
            &p,
            "# mine\nhttps://a.example/rss \"A\"\nnot-a-url\n\nhttp://b.example/atom\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let (feeds, problems) = load(&p).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(feeds.len(), 2);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .to_string()
                .ends_with(":3: \"not-a-url\" is not a feed address; the line is skipped"),
            "{}",
            problems[0]
        );
    }
}
