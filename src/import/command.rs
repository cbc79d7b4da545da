//! `tuinews import` and the import every caller shares ([`run`]): each source read, fetched
//! or parsed on its own, merged into the store, and the store written once.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::{Options, Report, SourceError, SourceReport, fetch, is_url, merge, read};

/// `tuinews import`'s arguments.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Files or http(s) URLs: RSS or Atom feeds, HTML article pages, plain-text pages (told
    /// apart by content).
    #[arg(required = true, value_name = "SOURCE")]
    pub sources: Vec<String>,
    /// The store to import into (default: the store tuinews would open; instead of the embedded
    /// sample, the user's data store, created if missing).
    #[arg(long, value_name = "STORE")]
    pub into: Option<PathBuf>,
    /// Print the report as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// The year for dates a page writes without one ("Sáng 24/11") when nothing on the page
    /// tells (default: the latest year that does not put the date after today).
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i16).range(1900..2100))]
    pub year: Option<i16>,
    /// Seconds to wait for each URL.
    #[arg(long, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
}

/// Runs `tuinews import` into `into` (the caller resolves the default store); `state_dir` is
/// where fetch validators are remembered. The report goes to `out`, each failure also to `err`;
/// the exit status is 1 when a source failed or the store could not be written.
pub fn command(
    args: ImportArgs,
    into: Option<PathBuf>,
    today: Option<Date>,
    state_dir: Option<PathBuf>,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> std::io::Result<i32> {
    let Some(into) = into else {
        writeln!(
            err,
            "tuinews: no store to import into: give --into STORE (neither $XDG_DATA_HOME nor $HOME is set)"
        )?;
        return Ok(2);
    };
    let opts = Options {
        today: today.unwrap_or_else(|| jiff::Zoned::now().date()),
        year: args.year,
    };
    let mut fetcher = fetch::Fetcher::new(fetch::Config {
        timeout: std::time::Duration::from_secs(args.timeout),
        state_dir,
        ..fetch::Config::default()
    });
    run(&args.sources, &into, &opts, &mut fetcher).print(args.json, out, err)
}

/// Imports every source into the store at `store_path` and writes it once: a source that fails
/// is reported and the others still import; a store that cannot be read or written is reported
/// and left as it was.
pub fn run(
    sources: &[String],
    store_path: &Path,
    opts: &Options,
    fetcher: &mut fetch::Fetcher,
) -> Report {
    let mut report = Report {
        store: store_path.to_path_buf(),
        ..Report::default()
    };
    let mut store = match merge::StoreFile::open(store_path) {
        Ok(s) => s,
        Err(e) => {
            report.store_error = Some(e.to_string());
            return report;
        }
    };
    for src in sources {
        let mut entry = SourceReport {
            source: src.clone(),
            format: None,
            not_modified: false,
            result: Ok(Vec::new()),
        };
        let content = if is_url(src) {
            match fetcher.get(src) {
                Ok(fetch::Fetched::Body { bytes, url }) => Ok((bytes, Some(url))),
                Ok(fetch::Fetched::NotModified) => {
                    entry.not_modified = true;
                    report.sources.push(entry);
                    continue;
                }
                Err(error) => Err(SourceError::Fetch {
                    source_name: src.clone(),
                    error,
                }),
            }
        } else {
            std::fs::read(src)
                .map(|b| (b, None))
                .map_err(|error| SourceError::Read {
                    source_name: src.clone(),
                    error,
                })
        };
        let imported = content.and_then(|(bytes, base)| read(src, &bytes, base.as_deref(), opts));
        entry.result = match imported {
            Ok(imp) => {
                entry.format = Some(imp.format.name().to_owned());
                Ok(store.merge(src, imp.articles, &imp.year_from))
            }
            Err(e) => Err(e.to_string()),
        };
        report.sources.push(entry);
    }
    match store.write() {
        Ok(backup) => {
            report.backup = backup;
            // Failing to remember validators costs a full fetch next time, nothing more.
            let _ = fetcher.commit();
        }
        Err(e) => report.store_error = Some(e.to_string()),
    }
    report
}
