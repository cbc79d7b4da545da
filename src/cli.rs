//! The command line: argument definitions and the scriptable subcommands.
//!
//! Every subcommand writes to the writers it is given and returns an exit status, so tests run
//! them without a process; `main` only wires them to stdout and stderr.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use jiff::civil::Date;
use serde_json::json;

use crate::document::Document;
use crate::query::{DateFilter, Filter, PersonQuery, SearchQuery};
use crate::store::{Article, Origin, Person, Store};
use crate::text::Metrics;
use crate::words::{self, Lang, Words};
use crate::zone::Zone;

/// Exit status for a store that could not be loaded, an unknown id, or a check with warnings.
pub const EXIT_FAILURE: i32 = 1;
/// Exit status for arguments that cannot be understood (clap uses the same).
pub const EXIT_USAGE: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "tuinews",
    version,
    about = "A terminal reader for Vietnamese news: headlines, the article and its related stories",
    long_about = "A terminal reader for Vietnamese news. With no command, opens the interactive reader.\n\n\
Store: --store PATH, else $TUINEWS_STORE, else $XDG_DATA_HOME/tuinews/articles.json \
(~/.local/share/tuinews/articles.json) when it exists, else the embedded sample."
)]
pub struct Cli {
    /// The JSON article store to open.
    #[arg(long, global = true, value_name = "PATH")]
    pub store: Option<PathBuf>,

    /// Count East-Asian-ambiguous characters (à á đ è é ê ...) as two columns, for terminals
    /// configured to draw them wide.
    #[arg(long, global = true)]
    pub ambiguous_wide: bool,

    /// The time zone dates are shown and filtered in: an IANA name (Asia/Ho_Chi_Minh), an
    /// offset (+07:00, UTC), or `article` for each article's own offset. Default: the system's.
    #[arg(long, global = true, value_name = "ZONE", allow_hyphen_values = true)]
    pub tz: Option<String>,

    /// The interface language: en (English) or vi (tiếng Việt). Default: vi when LC_ALL,
    /// LC_MESSAGES or LANG starts with vi, else en.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<Lang>,

    /// The config file to read (default: $XDG_CONFIG_HOME/tuinews/config.toml, or
    /// ~/.config/tuinews/config.toml).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List matching articles, newest first, undated last.
    List(ListArgs),
    /// Every person with their number of articles, most first.
    Persons {
        /// One JSON object per line: {"name", "count"}.
        #[arg(long)]
        json: bool,
    },
    /// Print one article as plain text wrapped to a width.
    Show {
        /// The article's id.
        id: String,
        /// Columns to wrap to (default: the terminal's width, or 80 when not a terminal).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        width: Option<u16>,
    },
    /// Load and validate a store; print what was opened, the counts and every warning.
    Check {
        /// The store to check (default: the store tuinews would open).
        path: Option<PathBuf>,
    },
    /// Import feeds, HTML pages and text pages (files or URLs) into a store, updating what is
    /// already there; prints what was added, updated and skipped.
    Import(crate::import::ImportArgs),
    /// Subscriptions: the feeds `tuinews update` (and U in the reader) fetch.
    Feeds {
        #[command(subcommand)]
        action: FeedsAction,
    },
    /// Fetch every subscribed feed (several at once, only what changed) into the store; prints
    /// what was added, updated and skipped.
    Update {
        /// The store to update (default: as for import).
        #[arg(long, value_name = "STORE")]
        into: Option<PathBuf>,
        /// Print the report as one JSON object.
        #[arg(long)]
        json: bool,
        /// Seconds to wait for each feed.
        #[arg(long, value_name = "SECONDS", default_value_t = 30,
              value_parser = clap::value_parser!(u64).range(1..))]
        timeout: u64,
    },
    /// The reader's cache of the stores it has loaded: list each store cached, whether it is
    /// still there and the size of its files, or clear it.
    Cache {
        /// Take away every cached store and index (the reader makes them again at the next load).
        #[arg(long)]
        clear: bool,
    },
    /// The config file: print where it is read from, the complete default file, or check one.
    Config {
        /// Print the complete default config file, every key commented.
        #[arg(long, conflicts_with = "check")]
        default: bool,
        /// Check the config file (or PATH) and print every problem; exit status 1 if any.
        #[arg(long)]
        check: bool,
        /// The file to check (default: the one tuinews reads).
        #[arg(requires = "check")]
        path: Option<PathBuf>,
    },
}

/// `tuinews feeds ...`.
#[derive(Debug, Subcommand)]
pub enum FeedsAction {
    /// Subscribe to a feed.
    Add {
        /// The feed's http(s) URL.
        url: String,
        /// A name for it.
        #[arg(long)]
        name: Option<String>,
    },
    /// List the subscriptions.
    List,
    /// Unsubscribe: by URL or by name.
    Remove {
        /// The feed's URL or name.
        feed: String,
    },
}

#[derive(Debug, Args, Default)]
pub struct ListArgs {
    /// Keep articles naming this person (accent- and case-insensitive, whole words). Repeatable:
    /// every one must match.
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,
    /// Keep articles published on these dates: YYYY-MM-DD, YYYY-MM, YYYY, DD/MM/YYYY, A..B, today, Nd.
    #[arg(long, value_name = "SPEC", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Keep articles containing every word (accent- and case-insensitive); "quoted phrases" as written.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub search: Option<String>,
    /// Every filter in one line, as the reader's query line writes it:
    /// person:"Lương Cường" date:2026-01 "biên giới" asean. Combines with the other flags.
    #[arg(long, value_name = "LINE", allow_hyphen_values = true)]
    pub query: Option<String>,
    /// Only articles not read in the reader yet.
    #[arg(long)]
    pub unread: bool,
    /// Only articles starred in the reader.
    #[arg(long)]
    pub starred: bool,
    /// One JSON object per line.
    #[arg(long, conflicts_with = "count")]
    pub json: bool,
    /// Print only the number of matching articles.
    #[arg(long)]
    pub count: bool,
}

/// What the process environment contributes, passed in so commands stay testable.
#[derive(Clone, Debug, Default)]
pub struct Env {
    pub tuinews_store: Option<PathBuf>,
    pub xdg_data_home: Option<PathBuf>,
    pub home: Option<PathBuf>,
    pub today: Option<Date>,
    /// Width of the terminal on stdout, when stdout is one.
    pub terminal_width: Option<u16>,
    /// The zone dates are shown in without `--tz`: the system's.
    pub zone: Zone,
    /// `$XDG_STATE_HOME`, where the reading state is kept.
    pub xdg_state_home: Option<PathBuf>,
    /// `$XDG_CACHE_HOME`, where the reader keeps caches of the stores it loaded.
    pub xdg_cache_home: Option<PathBuf>,
    /// The interface language the locale asks for (`LC_ALL`, `LC_MESSAGES`, `LANG`).
    pub lang: Lang,
    /// `$XDG_CONFIG_HOME`, where the config file is.
    pub xdg_config_home: Option<PathBuf>,
    /// Whether stderr is a terminal (for progress lines).
    pub stderr_terminal: bool,
}

impl Env {
    /// Reads the real environment.
    pub fn from_process() -> Env {
        use std::io::IsTerminal;
        let var = |k: &str| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        Env {
            tuinews_store: var("TUINEWS_STORE"),
            xdg_data_home: var("XDG_DATA_HOME"),
            home: var("HOME"),
            today: Some(jiff::Zoned::now().date()),
            zone: Zone::system(),
            xdg_state_home: var("XDG_STATE_HOME"),
            xdg_cache_home: var("XDG_CACHE_HOME"),
            lang: Lang::from_locale(|k| std::env::var(k).ok()),
            xdg_config_home: var("XDG_CONFIG_HOME"),
            stderr_terminal: io::stderr().is_terminal(),
            terminal_width: if io::stdout().is_terminal() {
                crossterm::terminal::size().ok().map(|(w, _)| w)
            } else {
                None
            },
        }
    }

    /// The store the flags and environment choose.
    pub fn origin(&self, flag: Option<PathBuf>) -> Origin {
        crate::store::choose(
            flag,
            self.tuinews_store.clone(),
            self.xdg_data_home.clone(),
            self.home.clone(),
        )
    }
}

/// Standard output that takes a closed pipe quietly: what is written after it closed is
/// dropped, and every other error still comes through.
struct QuietPipe<'a> {
    inner: &'a mut dyn Write,
}

impl Write for QuietPipe<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.inner.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(buf.len()),
            other => other,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.inner.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }
}

/// Runs a subcommand. `None` (the reader) is handled by the binary, not here.
pub fn run(cli: Cli, env: &Env, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    // A reader that closes the pipe early (`tuinews list | head`) stops the output, not the
    // command: it runs on and exits with its own status (`check bad.json | true` is still 1).
    let mut out = QuietPipe { inner: out };
    let out: &mut dyn Write = &mut out;
    let mut err = QuietPipe { inner: err };
    let err: &mut dyn Write = &mut err;
    if let Some(Command::Config {
        default,
        check,
        path,
    }) = &cli.command
    {
        let path = path.clone().or_else(|| config_path(&cli, env));
        return match config_command(*default, *check, path.as_deref(), out, err) {
            Ok(code) => code,
            Err(e) => {
                let _ = writeln!(err, "tuinews: cannot write output: {e}");
                EXIT_FAILURE
            }
        };
    }
    match &cli.command {
        Some(Command::Feeds { action }) => {
            return finish(feeds_command(action, env, out), err);
        }
        Some(Command::Cache { clear }) => {
            let dir = crate::xdg::cache_dir(env.xdg_cache_home.as_deref(), env.home.as_deref());
            return finish(cache_command(dir.as_deref(), *clear, out, err), err);
        }
        Some(Command::Update {
            into,
            json,
            timeout,
        }) => {
            let into = into
                .clone()
                .or_else(|| default_import_store(cli.store.clone(), env));
            return finish(update_command(into, *json, *timeout, env, out, err), err);
        }
        _ => {}
    }
    let settings = match settings(&cli, env) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "tuinews: {e}");
            return EXIT_USAGE;
        }
    };
    for p in &settings.problems {
        let _ = writeln!(err, "tuinews: warning: {p}");
    }
    let Settings {
        metrics,
        zone,
        words,
        ..
    } = settings;
    let result = match cli.command {
        Some(Command::Check { path }) => {
            let origin = match path {
                Some(p) => Origin::Flag(p),
                None => env.origin(cli.store),
            };
            check(&origin, &zone, out, err)
        }
        Some(Command::Import(args)) => {
            let into = args
                .into
                .clone()
                .or_else(|| default_import_store(cli.store.clone(), env));
            let state =
                crate::import::state_dir(env.xdg_state_home.as_deref(), env.home.as_deref());
            crate::import::command(args, into, env.today, state, out, err)
        }
        Some(cmd) => {
            let origin = env.origin(cli.store);
            let store = match Store::open(&origin) {
                Ok(s) => s,
                Err(e) => {
                    let _ = writeln!(err, "tuinews: {e}");
                    return EXIT_FAILURE;
                }
            };
            for w in &store.warnings {
                let _ = writeln!(err, "tuinews: warning: {w}");
            }
            match cmd {
                Command::List(args) => {
                    // The reader's marks, for --unread and --starred (warnings left to it).
                    let marks =
                        crate::state::state_dir(env.xdg_state_home.clone(), env.home.clone())
                            .map(|dir| {
                                let key = crate::state::store_key(&origin);
                                crate::state::State::load(&dir, &key, 0).0
                            })
                            .unwrap_or_default();
                    list(&store, &args, env, &zone, &marks, out, err)
                }
                Command::Persons { json } => persons(&store, json, out),
                Command::Show { id, width } => {
                    // A terminal that says it has no columns gets the default, not a column.
                    let cols = width
                        .or(env.terminal_width.filter(|w| *w > 0))
                        .unwrap_or(80);
                    let page = Page {
                        cols: usize::from(cols.max(1)),
                        // URLs stay whole in `show`, so they can be copied and clicked.
                        metrics: Metrics {
                            urls_whole: true,
                            ..metrics
                        },
                        zone: &zone,
                        words,
                    };
                    show(&store, &id, &page, out, err)
                }
                Command::Check { .. }
                | Command::Import(_)
                | Command::Cache { .. }
                | Command::Config { .. }
                | Command::Feeds { .. }
                | Command::Update { .. } => unreachable!("handled above"),
            }
        }
        None => {
            let _ = writeln!(err, "tuinews: no command given");
            Ok(EXIT_USAGE)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(err, "tuinews: cannot write output: {e}");
            EXIT_FAILURE
        }
    }
}

/// Builds the filter of `tuinews list`; a bad date SPEC is a usage error.
pub fn filter_from_args(args: &ListArgs, today: Date) -> Result<Filter, crate::query::FilterError> {
    let mut filter = match &args.query {
        Some(line) => crate::query::line::parse(line, today)?,
        None => Filter::default(),
    };
    if let Some(spec) = &args.date {
        if filter.date.is_some() {
            return Err(crate::query::FilterError::TwoDates);
        }
        filter.date = Some(DateFilter::parse(spec, today)?);
    }
    filter
        .persons
        .extend(args.person.iter().map(|p| PersonQuery::new(p)));
    filter.unread |= args.unread;
    filter.starred |= args.starred;
    if let Some(text) = &args.search {
        // Both searches must hold: their terms together.
        let both = match &filter.search {
            Some(s) => format!("{} {text}", s.text),
            None => text.clone(),
        };
        filter.search = Some(SearchQuery::new(&both)).filter(|s| !s.terms.is_empty());
    }
    Ok(filter)
}

fn list(
    store: &Store,
    args: &ListArgs,
    env: &Env,
    zone: &Zone,
    marks: &crate::state::State,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let today = env.today.unwrap_or_else(|| jiff::Zoned::now().date());
    let filter = match filter_from_args(args, today) {
        Ok(f) => f,
        Err(e) => {
            writeln!(err, "tuinews: {e}")?;
            return Ok(EXIT_USAGE);
        }
    };
    let hits = filter.apply_in(store, zone, marks);
    if args.count {
        writeln!(out, "{}", hits.len())?;
        return Ok(0);
    }
    for a in hits.iter().filter_map(|&ix| store.article(ix)) {
        if args.json {
            writeln!(out, "{}", article_json(a))?;
        } else {
            let fit = env
                .terminal_width
                .map(|w| (usize::from(w), Metrics::default()));
            writeln!(out, "{}", list_line(a, zone, fit))?;
        }
    }
    Ok(0)
}

/// One plain `list` line: `24/11/2021  Title  [Person, Person]`.
/// One plain `list` line: `24/11/2021  Title  [Person, Person]  #id`. With `fit` (a
/// terminal's width), the title (then the persons) give way so the line fits; piped lines are
/// never cut.
pub fn list_line(a: &Article, zone: &Zone, fit: Option<(usize, Metrics)>) -> String {
    let date = zone.short_or_dash(a.published);
    let persons = if a.persons.is_empty() {
        String::new()
    } else {
        format!("  [{}]", a.persons.join(", "))
    };
    let id = format!("  #{}", a.id);
    let Some((cols, m)) = fit else {
        return format!("{date:<10}  {}{persons}{id}", a.title);
    };
    let fixed = 12 + m.width(&id);
    let persons = if fixed + m.width(&persons) + 12 <= cols {
        persons
    } else {
        String::new()
    };
    let room = cols.saturating_sub(fixed + m.width(&persons));
    let title = m.truncate(&a.title, room);
    let line = format!("{date:<10}  {title}{persons}{id}");
    if m.width(&line) <= cols {
        line
    } else {
        m.truncate(&line, cols)
    }
}

fn article_json(a: &Article) -> serde_json::Value {
    json!({
        "id": a.id,
        "title": a.title,
        "published": a.published.map(|p| p.iso()),
        "persons": a.persons,
        "section": a.section,
        "related": a.related,
    })
}

/// Every person with their number of articles, most first, ties in Vietnamese order.
/// One entry per person, whatever the spelling (the picker's list: see
/// [`crate::persons::Persons`]).
pub fn person_counts(store: &Store) -> Vec<(String, usize)> {
    crate::persons::Persons::new(store)
        .list
        .into_iter()
        .map(|p| (p.name, p.articles.len()))
        .collect()
}

fn persons(store: &Store, json: bool, out: &mut dyn Write) -> io::Result<i32> {
    for (name, n) in person_counts(store) {
        if json {
            writeln!(out, "{}", json!({ "name": name, "count": n }))?;
        } else {
            writeln!(out, "{n:>4}  {name}")?;
        }
    }
    Ok(0)
}

fn show(
    store: &Store,
    id: &str,
    page: &Page<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let Some(ix) = store.ix_of(id.trim()) else {
        writeln!(
            err,
            "tuinews: no article with id {id:?} in {} (`tuinews list --json` shows the ids)",
            store.name
        )?;
        return Ok(EXIT_FAILURE);
    };
    // Read whole: the body is in the store's file.
    let a = match store.try_whole(ix) {
        Some(Ok(a)) => a,
        Some(Err(e)) => {
            writeln!(err, "tuinews: {e}")?;
            return Ok(EXIT_FAILURE);
        }
        None => return Ok(EXIT_FAILURE),
    };
    for line in render_plain(store, &a, page) {
        writeln!(out, "{line}")?;
    }
    Ok(0)
}

/// How `show` lays an article out: the width, how columns are counted, the zone dates are
/// shown in and the interface language.
pub struct Page<'a> {
    pub cols: usize,
    pub metrics: Metrics,
    pub zone: &'a Zone,
    pub words: &'a Words,
}

/// The article as plain lines, each at most `cols` wide (for `show` and for checking wrapping):
/// the same document the reader shows, then the stories it links to.
pub fn render_plain(store: &Store, a: &Article, page: &Page<'_>) -> Vec<String> {
    let &Page {
        cols,
        metrics,
        zone,
        words,
    } = page;
    let doc = Document::layout(a, cols, metrics, zone, words);
    let mut lines: Vec<String> = doc.plain().map(str::to_owned).collect();
    // The related stories the reader shows, with their marks and ids: linked and sharing a
    // person. Not those alike in content, which need every article's words weighed (the
    // reader does it in the background; `show` answers in the time of the load).
    let persons = crate::related::PersonIndex::new(store);
    let related = store
        .ix_of(&a.id)
        .map(|ix| crate::related::related(store, &persons, None, ix))
        .unwrap_or_default();
    if !related.is_empty() {
        lines.push(String::new());
        lines.extend(metrics.wrap(words.related_label, cols));
        for r in related {
            let Some(other) = store.article(r.ix) else {
                continue;
            };
            let date = zone.short_or_dash(other.published);
            let (mark, why) = match &r.reason {
                crate::related::Reason::Linked => (words::LINKED_MARK, String::new()),
                crate::related::Reason::SharedPerson(p) => (words::SHARED_MARK, format!(" ({p})")),
                crate::related::Reason::Similar => (words::SIMILAR_MARK, String::new()),
            };
            let line = format!("{mark} {date} {}{why}  #{}", other.title, other.id);
            lines.extend(metrics.wrap(&line, cols));
        }
    }
    lines
}

/// The store `import` and `update` write to: the one tuinews would open, or instead of the
/// embedded sample the user's data store.
fn default_import_store(store: Option<PathBuf>, env: &Env) -> Option<PathBuf> {
    match env.origin(store) {
        Origin::Flag(p) | Origin::Env(p) | Origin::Xdg(p) => Some(p),
        Origin::Embedded => {
            crate::import::user_store_path(env.xdg_data_home.as_deref(), env.home.as_deref())
        }
    }
}

/// An exit status, or the message when output could not be written.
fn finish(result: io::Result<i32>, err: &mut dyn Write) -> i32 {
    result.unwrap_or_else(|e| {
        let _ = writeln!(err, "tuinews: cannot write output: {e}");
        EXIT_FAILURE
    })
}

/// The subscriptions file, or a message why there is none.
fn feeds_path(env: &Env) -> Result<PathBuf, String> {
    crate::feeds::path(env.xdg_config_home.as_deref(), env.home.as_deref()).ok_or_else(|| {
        "no place for subscriptions: neither XDG_CONFIG_HOME nor HOME is set".to_owned()
    })
}

/// `tuinews feeds add | list | remove`.
fn feeds_command(action: &FeedsAction, env: &Env, out: &mut dyn Write) -> io::Result<i32> {
    let path = match feeds_path(env) {
        Ok(p) => p,
        Err(e) => {
            writeln!(out, "tuinews: {e}")?;
            return Ok(EXIT_FAILURE);
        }
    };
    let file = crate::text::visible(&path.display().to_string());
    let result = match action {
        FeedsAction::Add { url, name } => {
            crate::feeds::add(&path, url, name.as_deref()).map(|added| match added {
                crate::feeds::Added::New => {
                    format!("subscribed: {} ({file})", crate::text::sanitize_line(url))
                }
                crate::feeds::Added::Known => {
                    format!("already subscribed: {}", crate::text::sanitize_line(url))
                }
            })
        }
        FeedsAction::Remove { feed } => crate::feeds::remove(&path, feed).and_then(|n| {
            if n == 0 {
                Err(crate::feeds::FeedsError::BadUrl(
                    crate::text::sanitize_line(feed),
                    "no subscription has this URL or name".to_owned(),
                ))
            } else {
                Ok(format!(
                    "unsubscribed: {}",
                    crate::text::sanitize_line(feed)
                ))
            }
        }),
        FeedsAction::List => crate::feeds::load(&path).map(|(feeds, problems)| {
            let mut lines: Vec<String> = problems.iter().map(|p| format!("warning: {p}")).collect();
            for f in &feeds {
                match &f.name {
                    Some(n) => lines.push(format!("{}  {}", crate::text::sanitize_line(n), f.url)),
                    None => lines.push(f.url.clone()),
                }
            }
            if feeds.is_empty() {
                lines.push(crate::feeds::NO_SUBSCRIPTIONS.to_owned());
            }
            lines.join("\n")
        }),
    };
    match result {
        Ok(text) => {
            writeln!(out, "{text}")?;
            Ok(0)
        }
        Err(e) => {
            writeln!(out, "tuinews: {e}")?;
            Ok(EXIT_FAILURE)
        }
    }
}

/// `tuinews update`: every subscription into the store, with a progress line on a terminal.
fn update_command(
    into: Option<PathBuf>,
    json: bool,
    timeout: u64,
    env: &Env,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let Some(into) = into else {
        writeln!(
            err,
            "tuinews: no store to update: give --into STORE (neither $XDG_DATA_HOME nor $HOME is set)"
        )?;
        return Ok(EXIT_USAGE);
    };
    let fetch = crate::import::fetch::Config {
        timeout: std::time::Duration::from_secs(timeout),
        state_dir: crate::import::state_dir(env.xdg_state_home.as_deref(), env.home.as_deref()),
        ..crate::import::fetch::Config::default()
    };
    // A progress line only where a person watches: never in a pipe or a log.
    let tty = env.stderr_terminal;
    let progress = |done: usize, of: usize| {
        if tty {
            let _ = write!(io::stderr(), "\rtuinews: fetched {done} of {of} feeds");
        }
    };
    let updated = feeds_path(env)
        .map_err(|e| e.to_string())
        .and_then(|path| crate::feeds::update(&path, &into, env.today, fetch, &progress));
    if tty && updated.is_ok() {
        writeln!(err)?;
    }
    let (report, warnings) = match updated {
        Ok(done) => done,
        Err(e) => {
            writeln!(err, "tuinews: {}", crate::text::sanitize_line(&e))?;
            return Ok(EXIT_FAILURE);
        }
    };
    for w in warnings {
        writeln!(err, "tuinews: warning: {w}")?;
    }
    report.print(json, out, err)
}

/// What the command line, the config file and the environment decide together: the command
/// line wins, then the config file, then the environment.
pub struct Settings {
    pub metrics: Metrics,
    /// The zone, with the config's date format.
    pub zone: Zone,
    pub words: &'static Words,
    pub config: crate::config::Config,
    /// What was wrong in the config file, each as `FILE:LINE:COLUMN: KEY: message`.
    pub problems: Vec<String>,
    /// The config file read (or looked for), as `FILE` is written in `problems`.
    pub config_file: Option<String>,
}

/// The config file tuinews reads: `--config`, else the XDG place.
pub fn config_path(cli: &Cli, env: &Env) -> Option<PathBuf> {
    cli.config
        .clone()
        .or_else(|| crate::config::path(env.xdg_config_home.as_deref(), env.home.as_deref()))
}

/// Reads the config file (a missing one is no problem, unless `--config` named it) and
/// resolves the settings; `Err` for a `--tz` that names no zone.
pub fn settings(cli: &Cli, env: &Env) -> Result<Settings, String> {
    let mut problems = Vec::new();
    let mut config = crate::config::Config::default();
    let path = config_path(cli, env);
    let config_file = path
        .as_ref()
        .map(|p| crate::text::visible(&p.display().to_string()));
    if let (Some(path), Some(file)) = (&path, &config_file) {
        match crate::config::load(path) {
            Ok(Some(loaded)) => {
                problems.extend(loaded.problems.iter().map(|p| p.in_file(file)));
                config = loaded.config;
            }
            Ok(None) if cli.config.is_some() => {
                problems.push(format!(
                    "{file}: no such file; every setting takes its default"
                ));
            }
            Ok(None) => {}
            Err(e) => problems.push(format!(
                "{file}: cannot be read ({e}); every setting takes its default"
            )),
        }
    }
    let zone = match &cli.tz {
        Some(t) => Zone::parse(t).map_err(|e| e.to_string())?,
        None => config.time_zone.clone().unwrap_or_else(|| env.zone.clone()),
    }
    .with_format(config.date_format.clone());
    let lang = cli.lang.or(config.language).unwrap_or(env.lang);
    Ok(Settings {
        metrics: Metrics {
            ambiguous_wide: cli.ambiguous_wide || config.ambiguous_wide.unwrap_or(false),
            urls_whole: false,
        },
        zone,
        words: lang.words(),
        config,
        problems,
        config_file,
    })
}

/// `tuinews cache [--clear]`: what the reader keeps in `dir`, or taken away.
fn cache_command(
    dir: Option<&std::path::Path>,
    clear: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let Some(dir) = dir else {
        writeln!(
            err,
            "tuinews: no cache directory: neither XDG_CACHE_HOME nor HOME is set"
        )?;
        return Ok(EXIT_FAILURE);
    };
    let shown = crate::text::visible(&dir.display().to_string());
    let mb = |bytes: u64| format!("{:.1} MB", bytes as f64 / 1e6);
    if clear {
        return match crate::store::cache::clear(dir) {
            Ok((files, bytes)) => {
                let noun = if files == 1 { "file" } else { "files" };
                writeln!(out, "{shown}: {files} {noun} taken away ({})", mb(bytes))?;
                Ok(0)
            }
            Err(e) => {
                writeln!(err, "tuinews: {shown}: cannot clear: {e}")?;
                Ok(EXIT_FAILURE)
            }
        };
    }
    let cached = crate::store::cache::list(dir);
    writeln!(out, "{shown}")?;
    for c in &cached {
        let store = c.store.as_ref().map_or_else(
            || "(a store its files do not name)".to_owned(),
            |p| crate::text::visible(&p.display().to_string()),
        );
        let gone = if c.there { "" } else { " (no longer there)" };
        let files = if c.files.len() == 1 { "file" } else { "files" };
        writeln!(
            out,
            "  {store}{gone}: {} in {} {files}",
            mb(c.bytes),
            c.files.len()
        )?;
    }
    let total: u64 = cached.iter().map(|c| c.bytes).sum();
    let stores = if cached.len() == 1 { "store" } else { "stores" };
    writeln!(out, "{} {stores}, {}", cached.len(), mb(total))?;
    Ok(0)
}

/// `tuinews config`: where the file is; `--default`, the default file; `--check`, the
/// problems of one (exit status 1 when there are any, or it cannot be read).
fn config_command(
    default: bool,
    check: bool,
    path: Option<&std::path::Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    if default {
        write!(out, "{}", crate::config::default_file())?;
        return Ok(0);
    }
    let Some(path) = path else {
        writeln!(
            err,
            "tuinews: no config file: neither XDG_CONFIG_HOME nor HOME is set"
        )?;
        return Ok(EXIT_FAILURE);
    };
    let file = crate::text::visible(&path.display().to_string());
    if !check {
        let state = if path.is_file() {
            "exists"
        } else {
            "not there: every setting takes its default"
        };
        writeln!(out, "{file} ({state})")?;
        return Ok(0);
    }
    match crate::config::load(path) {
        Ok(Some(loaded)) if loaded.problems.is_empty() => {
            writeln!(out, "{file}: ok")?;
            Ok(0)
        }
        Ok(Some(loaded)) => {
            for p in &loaded.problems {
                writeln!(out, "{}", p.in_file(&file))?;
            }
            let n = loaded.problems.len();
            writeln!(
                err,
                "tuinews: {n} problem{} in {file}; those settings take their defaults",
                if n == 1 { "" } else { "s" }
            )?;
            Ok(EXIT_FAILURE)
        }
        Ok(None) => {
            writeln!(err, "tuinews: {file}: no such file")?;
            Ok(EXIT_FAILURE)
        }
        Err(e) => {
            writeln!(err, "tuinews: {file}: cannot be read: {e}")?;
            Ok(EXIT_FAILURE)
        }
    }
}

/// The language `--lang` asks for, read off the raw arguments before they are parsed (for
/// `--help`); `None` when there is no such flag or its value is not a language, which the
/// parser then reports.
pub fn lang_in_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            return it.next().and_then(|v| v.parse().ok());
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return v.parse().ok();
        }
    }
    None
}

fn check(
    origin: &Origin,
    zone: &Zone,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    writeln!(out, "Opened: {}", origin.describe())?;
    let store = match Store::open(origin) {
        Ok(s) => s,
        Err(e) => {
            // The report so far goes to stdout; the failure itself, like every fatal error, to stderr.
            writeln!(err, "tuinews: {e}")?;
            return Ok(EXIT_FAILURE);
        }
    };
    let persons = person_counts(&store).len();
    let dates: Vec<_> = store
        .articles()
        .iter()
        .filter_map(|a| a.published.map(|p| zone.date(&p)))
        .collect();
    writeln!(out, "Articles: {}", store.len())?;
    writeln!(out, "Persons: {persons}")?;
    match (dates.iter().min(), dates.iter().max()) {
        (Some(min), Some(max)) => writeln!(
            out,
            "Dated: {} of {}, from {} to {}",
            dates.len(),
            store.len(),
            min.strftime("%d/%m/%Y"),
            max.strftime("%d/%m/%Y")
        )?,
        _ => writeln!(out, "Dated: none of {}", store.len())?,
    }
    let legacy = legacy_text(&store);
    writeln!(out, "Warnings: {}", store.warnings.len() + legacy.len())?;
    for w in &store.warnings {
        writeln!(out, "warning: {w}")?;
    }
    for w in &legacy {
        writeln!(out, "warning: {w}")?;
    }
    Ok(if store.warnings.is_empty() && legacy.is_empty() {
        0
    } else {
        EXIT_FAILURE
    })
}

/// Fields that look like Vietnamese in a legacy 8-bit encoding read as Latin-1 (see
/// [`crate::legacy`]), one message each, naming the store, the article and the field.
fn legacy_text(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    for a in (0..store.len()).filter_map(|i| store.articles().whole(i)) {
        let mut fields: Vec<(String, &str)> = vec![
            ("title".to_owned(), a.title.as_str()),
            ("summary".to_owned(), a.summary.as_str()),
        ];
        let lists: [(&str, Vec<&str>); 3] = [
            ("body", a.body.iter().map(String::as_str).collect()),
            ("captions", a.captions.iter().map(String::as_str).collect()),
            ("persons", a.persons.iter().map(Person::as_str).collect()),
        ];
        for (name, list) in lists {
            fields.extend(
                list.into_iter()
                    .enumerate()
                    .map(|(i, t)| (format!("{name}[{i}]"), t)),
            );
        }
        for (field, text) in fields {
            if let Some(enc) = crate::legacy::detect(text) {
                let sample: String = text.chars().take(40).collect();
                out.push(format!(
                    "{}: article {:?}: {field} looks like Vietnamese in {} read as Latin-1 ({sample:?}); convert the source to Unicode",
                    store.name,
                    a.id,
                    enc.name()
                ));
            }
        }
    }
    out
}
