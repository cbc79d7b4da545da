//! The reader's edges with the real world: the terminal's modes, the threads that feed the
//! loop (terminal input, loading the store, watching its file), and the effect runner that
//! opens links, copies, reloads and suspends. Everything here is I/O; the decisions are made
//! in [`crate::app`], and [`crate::tui::run`] connects the two.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, SystemTime};

use base64::Engine;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::msg::{Effect, Msg};
use crate::query::index::SearchIndex;
use crate::similar::ContentIndex;
use crate::store::cache::{Sink, Source};
use crate::store::{Articles, Origin, Store};
use crate::tui::{EffectRunner, Event, EventSource};
use crate::words::Words;

/// How long the input thread waits for a key before looking at whether it is paused.
const INPUT_POLL: Duration = Duration::from_millis(200);
/// How often the loop hears how many articles a load has read.
const PROGRESS_EVERY: Duration = Duration::from_millis(150);
/// How often the store's file is looked at for changes.
const WATCH_EVERY: Duration = Duration::from_secs(1);

/// How long the first load runs before the reader shows the part read so far: a store of
/// 100 000 articles is whole by then on the machines measured, one of a million seconds from it.
const FIRST_PART_AFTER: Duration = Duration::from_millis(800);

/// About how many articles that first part holds: enough to read and filter, few enough to
/// copy in a few tens of milliseconds.
const FIRST_PART_MOST: usize = 100_000;

/// The terminal the reader draws on.
pub type Term = Terminal<CrosstermBackend<io::Stdout>>;

/// Puts the terminal in the reader's modes: raw, alternate screen, mouse, bracketed paste.
///
/// Set up by hand rather than with `ratatui::try_init`: its restore and its panic hook report a
/// failure with `eprintln!`, which itself panics when stderr is a terminal that has gone away,
/// and a panic inside the panic hook aborts the process (status 134) instead of exiting.
pub fn enter_terminal() -> io::Result<Term> {
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Gives the terminal back as it was; safe to call more than once, and quiet when the terminal
/// is gone (every step is tried, none can fail the caller).
pub fn leave_terminal() {
    let _ = crossterm::execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = io::stdout().flush();
}

/// Leaves the terminal for good at the end of the reader: given back, and the `Terminal` not
/// dropped, since its drop shows the cursor (done here) and reports a failure with
/// `eprintln!`, a panic when the terminal has gone away.
pub fn close_terminal(terminal: Term) {
    leave_terminal();
    std::mem::forget(terminal);
}

/// Installs a panic hook. A panic on the loop's thread gives the terminal back before the
/// message is printed (by the hook there was before, Rust's own, which ignores a stderr that
/// cannot be written), so the shell is never left in raw mode or receiving mouse codes.
///
/// A panic on another thread (a load, an index build, the cores a filter runs on) leaves the
/// terminal to the loop: its message, its controls made visible, is kept ([`crashed`]) and sent
/// to the loop ([`Event::Crashed`]), which ends; the reader then gives the terminal back and
/// prints it. (Given back from that thread, the terminal would be the shell's while the loop
/// went on drawing on it, and what the thread was doing would never arrive.) A thread the loop
/// waits for passes its panic on to the loop's own thread, whose unwinding the reader catches
/// to give the terminal back (see `main.rs`).
///
/// Installed on the thread that runs the loop.
pub fn restore_on_panic(events: &Channel) {
    let previous = std::panic::take_hook();
    let tx = events.tx.clone();
    let loop_thread = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == loop_thread {
            leave_terminal();
            previous(info);
            return;
        }
        let message = crate::text::visible(&info.to_string().replace('\n', " "));
        let _ = CRASHED.set(message.clone());
        let _ = tx.send(Event::Crashed(message));
    }));
}

/// The first panic on a thread other than the loop's.
static CRASHED: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// The message of the first panic on a thread other than the loop's, if there was one: the
/// reader reports it once the terminal is given back, however the loop ended.
pub fn crashed() -> Option<&'static str> {
    CRASHED.get().map(String::as_str)
}

/// Writes `tuinews: MESSAGE` to stderr, quietly doing nothing when stderr cannot be written
/// (`eprintln!` would panic: the terminal may be gone).
pub fn say(message: impl std::fmt::Display) {
    let _ = writeln!(io::stderr(), "tuinews: {message}");
}

/// The loop's events: everything the threads send, in arrival order.
pub struct Channel {
    tx: Sender<Event>,
    rx: Receiver<Event>,
    /// Set while the terminal belongs to someone else (suspended), so input is left unread.
    paused: Arc<AtomicBool>,
}

impl Default for Channel {
    fn default() -> Channel {
        let (tx, rx) = channel();
        Channel {
            tx,
            rx,
            paused: Arc::new(AtomicBool::new(false)),
        }
    }
}

impl EventSource for Channel {
    fn next_event(&mut self) -> io::Result<Option<Event>> {
        // The channel holds a sender itself, so it never disconnects while the loop runs.
        Ok(self.rx.recv().ok())
    }

    fn try_next_event(&mut self) -> io::Result<Option<Event>> {
        Ok(self.rx.try_recv().ok())
    }
}

impl Channel {
    /// Starts the thread that reads the terminal. It polls with a timeout rather than blocking
    /// in `read`, so that while the reader is suspended it stops reading and leaves the keys to
    /// the shell.
    pub fn read_terminal(&self) {
        let tx = self.tx.clone();
        let paused = Arc::clone(&self.paused);
        std::thread::spawn(move || {
            loop {
                if paused.load(Ordering::SeqCst) {
                    std::thread::sleep(INPUT_POLL);
                    continue;
                }
                let event = match crossterm::event::poll(INPUT_POLL) {
                    Ok(false) => continue,
                    // Paused while the poll waited: the keys are not the reader's any more.
                    Ok(true) if paused.load(Ordering::SeqCst) => continue,
                    Ok(true) => crossterm::event::read(),
                    Err(e) => Err(e),
                };
                match event {
                    Ok(e) => {
                        if tx.send(Event::Terminal(e)).is_err() {
                            return;
                        }
                    }
                    // A terminal that cannot be read ends the reader, with the reason.
                    Err(e) => {
                        let _ = tx.send(Event::InputFailed(e));
                        return;
                    }
                }
            }
        });
    }

    /// Turns the signals that would otherwise kill the reader with the terminal still raw into
    /// events: SIGTERM, SIGHUP, SIGINT and SIGQUIT end it (the terminal is given back, then the
    /// process exits with 128 + the signal), SIGTSTP from outside suspends it as Ctrl-Z does.
    pub fn watch_signals(&self) -> io::Result<()> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
        let mut signals =
            signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])?;
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            for sig in signals.forever() {
                let event = if sig == SIGTSTP {
                    Event::Stop
                } else {
                    Event::Terminate(sig)
                };
                if tx.send(event).is_err() {
                    return;
                }
            }
        });
        Ok(())
    }

    /// Stops the input thread from reading the terminal (for good: the reader is ending).
    pub fn stop_reading(&self) {
        self.paused.store(true, Ordering::SeqCst);
    }

    /// Loads the store in another thread, from its cache in `cache` when one is valid; progress
    /// and the result arrive as events. A store read from its file is then cached there.
    pub fn load(&self, origin: &Origin, cache: Option<PathBuf>) {
        let tx = self.tx.clone();
        let origin = origin.clone();
        std::thread::spawn(move || {
            if let Some(path) = path_of(&origin)
                && let Ok(meta) = std::fs::metadata(path)
            {
                let _ = tx.send(Event::Loading(meta.len()));
            }
            // How many articles have been read, told to the loop a few times a second while the
            // load runs, so the status line counts them.
            let read = Arc::new(std::sync::atomic::AtomicUsize::new(0));
            let done = Arc::new(AtomicBool::new(false));
            let ticker = {
                let (tx, read, done) = (tx.clone(), Arc::clone(&read), Arc::clone(&done));
                std::thread::spawn(move || {
                    let mut told = 0;
                    while !done.load(Ordering::SeqCst) {
                        // Parked rather than asleep: the load's end wakes it at once, so the
                        // headlines wait for the load and not for the next tick.
                        std::thread::park_timeout(PROGRESS_EVERY);
                        if done.load(Ordering::SeqCst) {
                            break;
                        }
                        let now = read.load(Ordering::SeqCst);
                        if now != told && tx.send(Event::Progress(now)).is_err() {
                            return;
                        }
                        told = now;
                    }
                })
            };
            // A store still loading after a moment shows its first part meanwhile.
            let part_tx = tx.clone();
            let first_part = crate::store::FirstPart {
                after: FIRST_PART_AFTER,
                most: FIRST_PART_MOST,
                give: Box::new(move |part| {
                    let _ = part_tx.send(Event::Part(Box::new(part)));
                }),
            };
            let telling = crate::store::Telling {
                read: &read,
                first_part: Some(first_part),
            };
            let result = Store::open_cached(&origin, cache.as_deref(), telling);
            // Leads and bodies were built and dropped: the reader, which stays, gives their
            // room back (a command that exits has no need to).
            crate::memory::give_back();
            done.store(true, Ordering::SeqCst);
            ticker.thread().unpark();
            let _ = ticker.join();
            // The search index is built once the app has installed the store (`Effect::Index`):
            // the headlines do not wait for it, nor for the cache written after. Only a store
            // read from its cache waits for its cached index to be read (a tenth of a second at
            // a million articles), so filtering has it from the first key.
            let to_cache = match &result {
                Ok((store, false)) => Some((store.shared(), store.warnings.clone())),
                // A store from its cache brings its search index, if that is cached too: it
                // goes first, so the reader filters with it from the start.
                Ok((store, true)) => {
                    let articles = store.shared();
                    if let Some(index) = cached::<SearchIndex>(cache.as_deref(), &articles) {
                        let _ = tx.send(Event::Indexed(Arc::new(index)));
                    }
                    None
                }
                Err(_) => None,
            };
            let _ = tx.send(Event::Loaded(Box::new(result.map(|(store, _)| store))));
            if let (Some(dir), Some((articles, warnings))) = (cache, to_cache) {
                write_cache(&dir, &articles, &warnings);
            }
        });
    }

    /// Watches the store's file and says when its size or modification time changes.
    pub fn watch(&self, origin: &Origin) {
        let Some(path) = path_of(origin).cloned() else {
            return;
        };
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            let stamp = |p: &PathBuf| {
                std::fs::metadata(p)
                    .ok()
                    .map(|m| (m.len(), m.modified().unwrap_or(SystemTime::UNIX_EPOCH)))
            };
            let mut seen = stamp(&path);
            loop {
                std::thread::sleep(WATCH_EVERY);
                let now = stamp(&path);
                // A file being rewritten may be missing for a moment; wait for it to return.
                if now.is_some() && now != seen {
                    seen = now;
                    if tx.send(Event::StoreChanged).is_err() {
                        return;
                    }
                }
            }
        });
    }
}

/// Writes the cache of a store just read from its file. A cache that cannot be written costs
/// the next start its speed and nothing else, so a failure is not reported.
fn write_cache(dir: &Path, articles: &crate::store::Articles, warnings: &[crate::store::Warning]) {
    if let Ok(true) = crate::store::cache::write(dir, articles, warnings) {
        // Each cache written takes away those of stores no longer there.
        crate::store::cache::prune(dir);
    }
}

/// A table derived from a store's articles and cached beside it: the search index, the content
/// vectors.
trait DerivedTable: Sized {
    /// Its cache file's extension.
    const KIND: &'static str;
    fn load(source: &mut Source<'_>, articles: &Arc<Articles>) -> Option<Self>;
    fn build(articles: &Arc<Articles>) -> Self;
    fn save(&self, sink: &mut Sink<'_>) -> io::Result<()>;
    /// The event that hands it to the loop.
    fn event(table: Arc<Self>) -> Event;
}

impl DerivedTable for SearchIndex {
    const KIND: &'static str = "search";

    fn load(source: &mut Source<'_>, articles: &Arc<Articles>) -> Option<Self> {
        SearchIndex::load(source, articles)
    }

    fn build(articles: &Arc<Articles>) -> Self {
        SearchIndex::of_store(articles)
    }

    fn save(&self, sink: &mut Sink<'_>) -> io::Result<()> {
        SearchIndex::save(self, sink)
    }

    fn event(table: Arc<Self>) -> Event {
        Event::Indexed(table)
    }
}

impl DerivedTable for ContentIndex {
    const KIND: &'static str = "similar";

    fn load(source: &mut Source<'_>, articles: &Arc<Articles>) -> Option<Self> {
        ContentIndex::load(source, articles)
    }

    fn build(articles: &Arc<Articles>) -> Self {
        ContentIndex::of_store(articles)
    }

    fn save(&self, sink: &mut Sink<'_>) -> io::Result<()> {
        ContentIndex::save(self, sink)
    }

    fn event(table: Arc<Self>) -> Event {
        Event::Similar(table)
    }
}

/// The table `T` of `articles` read from its cache in `cache`, when one is valid for them.
fn cached<T: DerivedTable>(cache: Option<&Path>, articles: &Arc<Articles>) -> Option<T> {
    let dir = cache?;
    crate::store::cache::read_derived(dir, articles, T::KIND, |source| T::load(source, articles))
}

/// Sends the loop the table `T` of `articles`: read from its cache when one is valid, else
/// built (its freed memory given back), sent, then cached (a failure to cache costs the next
/// start its speed only, so it is not reported). `false` when the loop is gone.
fn deliver<T: DerivedTable>(
    tx: &Sender<Event>,
    cache: Option<&Path>,
    articles: &Arc<Articles>,
) -> bool {
    if let Some(table) = cached::<T>(cache, articles) {
        return tx.send(T::event(Arc::new(table))).is_ok();
    }
    let table = Arc::new(T::build(articles));
    crate::memory::give_back();
    if tx.send(T::event(Arc::clone(&table))).is_err() {
        return false;
    }
    if let Some(dir) = cache {
        let _ = crate::store::cache::write_derived(dir, articles, T::KIND, |sink| table.save(sink));
    }
    true
}

fn path_of(origin: &Origin) -> Option<&PathBuf> {
    match origin {
        Origin::Flag(p) | Origin::Env(p) | Origin::Xdg(p) => Some(p),
        Origin::Embedded => None,
    }
}

/// Carries out effects for real.
pub struct System {
    channel_tx: Sender<Event>,
    paused: Arc<AtomicBool>,
    origin: Origin,
    /// Where the reading state is kept, and the store it is kept for.
    pub state_dir: Option<PathBuf>,
    pub state_key: Option<PathBuf>,
    /// The interface language, for the messages effects end with.
    pub words: &'static Words,
    /// The subscriptions file and where fetch validators are kept, for `U`.
    pub feeds_path: Option<PathBuf>,
    pub fetch_state: Option<PathBuf>,
    /// The day dates without a year are read against.
    pub today: Option<jiff::civil::Date>,
    /// Where caches of loaded stores are kept (a reload writes its store's cache again).
    pub cache_dir: Option<PathBuf>,
}

impl System {
    pub fn new(channel: &Channel, origin: Origin) -> System {
        System {
            channel_tx: channel.tx.clone(),
            paused: Arc::clone(&channel.paused),
            origin,
            state_dir: None,
            state_key: None,
            words: &crate::words::EN,
            feeds_path: None,
            fetch_state: None,
            today: None,
            cache_dir: None,
        }
    }

    /// On a thread: the search index of `articles` (when `search`), then their content vectors,
    /// each sent as it is ready. Each is read from its cache when one is valid for these
    /// articles, else built, and cached after it is sent.
    fn derive(&self, articles: Arc<Articles>, search: bool) {
        let tx = self.channel_tx.clone();
        let cache = self.cache_dir.clone();
        std::thread::spawn(move || {
            // Searching first, then what related stories by content need.
            if search && !deliver::<SearchIndex>(&tx, cache.as_deref(), &articles) {
                return;
            }
            deliver::<ContentIndex>(&tx, cache.as_deref(), &articles);
        });
    }

    /// Opens a link: with `$BROWSER`, which may be a terminal browser, the terminal is handed
    /// over while it runs and taken back after; without it, the desktop's opener is started
    /// in the background.
    fn open_url(&self, url: &str, terminal: &mut Term) -> Option<Msg> {
        let browser = std::env::var("BROWSER")
            .ok()
            .filter(|b| !b.trim().is_empty());
        let command = browser_command(browser.as_deref(), url, cfg!(target_os = "macos"));
        let (program, args) = command.split_first()?;
        let mut cmd = std::process::Command::new(program);
        cmd.args(args);
        if browser.is_none() {
            let spawned = cmd
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn();
            return Some(match spawned {
                Ok(mut child) => {
                    // Reap it when it ends, so no zombie is left behind.
                    std::thread::spawn(move || child.wait());
                    Msg::Done(self.words.opening(url))
                }
                Err(e) => Msg::Failed(format!("{program}: {e}")),
            });
        }
        self.paused.store(true, Ordering::SeqCst);
        leave_terminal();
        let status = cmd.status();
        let back = self.take_terminal_back(terminal);
        Some(match (status, back) {
            (_, Err(msg)) => msg,
            (Ok(s), Ok(_)) if s.success() => Msg::Done(self.words.opening(url)),
            (Ok(s), Ok(_)) => Msg::Failed(format!("{program}: {s}")),
            (Err(e), Ok(_)) => Msg::Failed(format!("{program}: {e}")),
        })
    }

    fn copy(&self, text: &str) -> Msg {
        let mut out = io::stdout();
        match write!(out, "{}", osc52(text)).and_then(|()| out.flush()) {
            Ok(()) => Msg::Done(self.words.copied(text)),
            Err(e) => Msg::Failed(e.to_string()),
        }
    }

    /// Runs `U` on a thread: every subscription fetched into the store, the outcome sent back
    /// as [`Event::Updated`]. The file watcher sees the store change and reloads it.
    fn update(&self) {
        let tx = self.channel_tx.clone();
        let store = path_of(&self.origin).cloned();
        let feeds_path = self.feeds_path.clone();
        let state = self.fetch_state.clone();
        let today = self.today;
        std::thread::spawn(move || {
            let outcome = (|| {
                let store = store.ok_or("the embedded sample takes no feeds")?;
                let path = feeds_path.ok_or("no place for subscriptions: HOME is not set")?;
                let fetch = crate::import::fetch::Config {
                    state_dir: state,
                    ..crate::import::fetch::Config::default()
                };
                let (report, _) = crate::feeds::update(&path, &store, today, fetch, &|_, _| {})?;
                Ok(crate::feeds::Outcome::of(&report))
            })();
            let outcome = outcome.map_err(|e: String| crate::text::sanitize_line(&e));
            let _ = tx.send(Event::Updated(outcome));
        });
    }

    /// Gives the terminal to the shell and stops the process until `fg`, then takes it back.
    fn suspend(&self, terminal: &mut Term) -> Option<Msg> {
        self.paused.store(true, Ordering::SeqCst);
        leave_terminal();
        // Stop as SIGTSTP's default action does (the reader's own handler only forwards it),
        // until `fg` sends SIGCONT.
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
        match self.take_terminal_back(terminal) {
            Ok(resize) => resize,
            Err(failed) => Some(failed),
        }
    }

    /// Puts the terminal back in the reader's modes after someone else had it, and starts
    /// reading keys again; the answer is a resize so the next frame is drawn in full.
    fn take_terminal_back(&self, terminal: &mut Term) -> Result<Option<Msg>, Msg> {
        let back = crossterm::terminal::enable_raw_mode().and_then(|()| {
            crossterm::execute!(
                io::stdout(),
                EnterAlternateScreen,
                EnableMouseCapture,
                EnableBracketedPaste
            )
        });
        self.paused.store(false, Ordering::SeqCst);
        if let Err(e) = back {
            let _ = crossterm::execute!(io::stdout(), LeaveAlternateScreen);
            return Err(Msg::Failed(e.to_string()));
        }
        // Everything on screen is stale: clear it and draw the next frame in full, at the
        // current size. `resize` clears without asking the terminal where its cursor is (which
        // `clear` does, and the answer would be read by the input thread instead).
        let Ok(size) = terminal.size() else {
            return Ok(None);
        };
        let _ = terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height));
        Ok(Some(Msg::Resize(size.width, size.height)))
    }
}

/// The command that opens `url`: `$BROWSER` (the first of a `:`-separated list; a program and
/// its arguments split on spaces), else `xdg-open` (`open` on macOS). The URL is always one
/// argument of its own, never passed through a shell, whatever it holds (spaces, quotes, `;`,
/// `$(...)`).
pub fn browser_command(browser: Option<&str>, url: &str, macos: bool) -> Vec<String> {
    let mut command: Vec<String> = browser
        .and_then(|b| b.split(':').find(|c| !c.trim().is_empty()))
        .map(|b| b.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    if command.is_empty() {
        command.push(if macos { "open" } else { "xdg-open" }.to_owned());
    }
    command.push(url.to_owned());
    command
}

/// The OSC 52 sequence that puts `text` on the clipboard: base64 carries it, so nothing in it
/// can end the sequence or reach the terminal as a control.
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\x1b]52;c;{encoded}\x07")
}

impl EffectRunner<CrosstermBackend<io::Stdout>> for System {
    fn run(&mut self, effect: Effect, terminal: &mut Term) -> Option<Msg> {
        match effect {
            Effect::Reload => {
                let tx = self.channel_tx.clone();
                let origin = self.origin.clone();
                let cache = self.cache_dir.clone();
                std::thread::spawn(move || {
                    let store = Store::open(&origin);
                    crate::memory::give_back();
                    let to_cache = store
                        .as_ref()
                        .ok()
                        .map(|s| (s.shared(), s.warnings.clone()));
                    let _ = tx.send(Event::Loaded(Box::new(store)));
                    if let (Some(dir), Some((articles, warnings))) = (cache, to_cache) {
                        write_cache(&dir, &articles, &warnings);
                    }
                });
                None
            }
            Effect::Index(articles) => {
                self.derive(articles, true);
                None
            }
            Effect::Similar(articles) => {
                self.derive(articles, false);
                None
            }
            Effect::Filter(job) => {
                let tx = self.channel_tx.clone();
                std::thread::spawn(move || {
                    // Nothing is sent for a filter replaced meanwhile.
                    if let Some(applied) = job.run() {
                        let _ = tx.send(Event::Filtered(Box::new(applied)));
                    }
                });
                None
            }
            Effect::OpenUrl(url) => self.open_url(&url, terminal),
            Effect::Copy(text) => Some(self.copy(&text)),
            Effect::Update => {
                self.update();
                None
            }
            Effect::Suspend => self.suspend(terminal),
            Effect::SaveState(mut state) => {
                let (dir, store) = (self.state_dir.as_ref()?, self.state_key.as_ref()?);
                match state.save(dir, store) {
                    Ok(()) => None,
                    Err(e) => Some(Msg::Failed(e.to_string())),
                }
            }
        }
    }
}
