//! The event loop: draw, wait for one event, turn it into a message, update, carry out the
//! effects the update asked for (feeding their outcomes back in), draw again.
//!
//! Generic over the ratatui backend, the event source and the effect runner, so tests drive the
//! whole reader on a `TestBackend` with scripted events and a recording runner. Events come
//! from more than the terminal: a store that finished loading in another thread, a store file
//! that changed on disk. The loop blocks on the next event, so an idle reader does no work.

use std::collections::VecDeque;
use std::io;

use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::App;
use crate::msg::{Effect, Msg};
use crate::store::{Store, StoreError};
use crate::ui::{self, Theme};

/// How soon a second click on the same cell counts as a double click.
const DOUBLE_CLICK: std::time::Duration = std::time::Duration::from_millis(400);

/// Something that happened outside the app.
#[derive(Debug)]
pub enum Event {
    /// A key, mouse, paste or resize event from the terminal.
    Terminal(crossterm::event::Event),
    /// A store load made progress (bytes read, or the size being read).
    Loading(u64),
    /// A store load has read this many articles.
    Progress(usize),
    /// The first part of a large store still loading, to show meanwhile.
    Part(Box<Store>),
    /// A store load finished.
    Loaded(Box<Result<Store, StoreError>>),
    /// The search index of a loaded store is ready.
    Indexed(std::sync::Arc<crate::query::index::SearchIndex>),
    /// The loaded store's content vectors are ready.
    Similar(std::sync::Arc<crate::similar::ContentIndex>),
    /// A filter applied in the background found its articles.
    Filtered(Box<crate::query::Applied>),
    /// A feed update finished.
    Updated(Result<crate::feeds::Outcome, String>),
    /// The store's file changed on disk.
    StoreChanged,
    /// The terminal can no longer be read: the loop ends with this error.
    InputFailed(io::Error),
    /// A thread other than the loop's panicked (a load, an index build, a filter): the loop
    /// ends with [`Crashed`], since what that thread was doing will never arrive.
    Crashed(String),
    /// A signal that ends the reader arrived (SIGTERM, SIGHUP, SIGINT, SIGQUIT).
    Terminate(i32),
    /// SIGTSTP from outside: suspend as Ctrl-Z does.
    Stop,
}

impl From<crossterm::event::Event> for Event {
    fn from(e: crossterm::event::Event) -> Event {
        Event::Terminal(e)
    }
}

/// Where events come from: the terminal and the app's threads, or a script in tests.
pub trait EventSource {
    /// The next event, waiting for it; `Ok(None)` when there will be no more.
    fn next_event(&mut self) -> io::Result<Option<Event>>;

    /// The next event if one is already waiting, without waiting.
    fn try_next_event(&mut self) -> io::Result<Option<Event>> {
        Ok(None)
    }
}

/// A fixed list of events, for tests.
pub struct Scripted(pub VecDeque<Event>);

impl Scripted {
    pub fn new<E: Into<Event>>(events: impl IntoIterator<Item = E>) -> Scripted {
        Scripted(events.into_iter().map(Into::into).collect())
    }
}

impl EventSource for Scripted {
    fn next_event(&mut self) -> io::Result<Option<Event>> {
        Ok(self.0.pop_front())
    }
}

/// A fixed list of events that are all waiting at once, as a burst of keys typed faster than
/// frames are drawn is, for tests.
pub struct Burst(pub VecDeque<Event>);

impl EventSource for Burst {
    fn next_event(&mut self) -> io::Result<Option<Event>> {
        Ok(self.0.pop_front())
    }

    fn try_next_event(&mut self) -> io::Result<Option<Event>> {
        Ok(self.0.pop_front())
    }
}

/// Carries out an effect; what it returns is handed to `update` next.
pub trait EffectRunner<B: Backend> {
    fn run(&mut self, effect: Effect, terminal: &mut Terminal<B>) -> Option<Msg>;
}

/// Carries out nothing and remembers what it was asked, for tests.
#[derive(Debug, Default)]
pub struct Recorder {
    pub effects: Vec<Effect>,
}

impl<B: Backend> EffectRunner<B> for Recorder {
    fn run(&mut self, effect: Effect, _terminal: &mut Terminal<B>) -> Option<Msg> {
        self.effects.push(effect);
        None
    }
}

/// Turns an event into what `update` handles, in the app's current mode.
pub fn message(app: &App, event: Event) -> Option<Msg> {
    match event {
        Event::Terminal(e) => app.keymap.event(app.mode_kind(), &e),
        Event::Loading(bytes) => Some(Msg::Loading(bytes)),
        Event::Progress(n) => Some(Msg::Progress(n)),
        Event::Part(store) => Some(Msg::Part(store)),
        Event::Loaded(result) => Some(Msg::Loaded(result)),
        Event::Indexed(index) => Some(Msg::Indexed(index)),
        Event::Similar(similar) => Some(Msg::Similar(similar)),
        Event::Updated(outcome) => Some(Msg::Updated(outcome)),
        Event::Filtered(applied) => Some(Msg::Filtered(applied)),
        Event::StoreChanged => Some(Msg::StoreChanged),
        Event::InputFailed(_) | Event::Crashed(_) => None,
        Event::Terminate(sig) => Some(Msg::Signal(sig)),
        Event::Stop => Some(Msg::Action(crate::action::Action::Suspend)),
    }
}

/// Why the loop ended when a thread of the reader panicked: the panic's message and place.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Crashed(pub String);

/// Runs the reader until it quits or the events end.
pub fn run<B: Backend, E: EventSource, R: EffectRunner<B>>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    theme: &Theme,
    events: &mut E,
    runner: &mut R,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size().map_err(io::Error::other)?;
    resize(terminal, app, size.width, size.height)?;
    terminal
        .draw(|frame| ui::render(app, theme, frame))
        .map_err(io::Error::other)?;
    // A second click on the same cell soon after the first opens, as a double click does; the
    // terminal reports only single clicks.
    let mut last_click: Option<(std::time::Instant, u16, u16)> = None;
    while !app.quit {
        let Some(first) = events.next_event()? else {
            return Ok(());
        };
        // Every event already waiting is handled before the next frame, so keys never pile up
        // behind slow frames, and `q` takes effect within one frame whatever is queued.
        let mut next = Some(first);
        while let Some(event) = next.take() {
            match event {
                Event::InputFailed(e) => return Err(e),
                Event::Crashed(message) => return Err(io::Error::other(Crashed(message))),
                event => handle(terminal, app, runner, event, &mut last_click)?,
            }
            if app.quit {
                return Ok(());
            }
            next = events.try_next_event()?;
        }
        terminal
            .draw(|frame| ui::render(app, theme, frame))
            .map_err(io::Error::other)?;
    }
    Ok(())
}

/// The largest screen the reader draws on: a terminal reporting more (65535x65535, say) gets
/// this much, rather than a buffer too large to allocate.
pub const MAX_COLS: u16 = 1000;
pub const MAX_ROWS: u16 = 500;

/// Takes a new terminal size, clamped to what can sensibly be drawn.
fn resize<B: Backend>(terminal: &mut Terminal<B>, app: &mut App, w: u16, h: u16) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let (w, h) = (w.min(MAX_COLS), h.min(MAX_ROWS));
    if terminal.get_frame().area() != ratatui::layout::Rect::new(0, 0, w, h) {
        terminal
            .resize(ratatui::layout::Rect::new(0, 0, w, h))
            .map_err(io::Error::other)?;
    }
    app.update(Msg::Resize(w, h));
    Ok(())
}

/// One event: its message, the effects it asks for, their outcomes.
fn handle<B: Backend, R: EffectRunner<B>>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    runner: &mut R,
    event: Event,
    last_click: &mut Option<(std::time::Instant, u16, u16)>,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    // Marks made now carry this time, so two readers' marks merge by the later one.
    app.now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    // Events that mean nothing (mouse motion, focus changes) do nothing.
    let Some(msg) = message(app, event) else {
        return Ok(());
    };
    if let Msg::Resize(w, h) = msg {
        return resize(terminal, app, w, h);
    }
    let mut queue = VecDeque::from([msg]);
    if let Some(Msg::Click(x, y)) = queue.front() {
        let now = std::time::Instant::now();
        let double =
            last_click.is_some_and(|(t, lx, ly)| (lx, ly) == (*x, *y) && now - t <= DOUBLE_CLICK);
        *last_click = if double { None } else { Some((now, *x, *y)) };
        if double {
            queue.push_back(Msg::Action(crate::action::Action::Open));
        }
    }
    while let Some(msg) = queue.pop_front() {
        if let Msg::Resize(w, h) = msg {
            resize(terminal, app, w, h)?;
            continue;
        }
        for effect in app.update(msg) {
            queue.extend(runner.run(effect, terminal));
        }
    }
    Ok(())
}
