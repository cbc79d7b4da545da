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

use crate::action::{Effect, Msg};
use crate::app::App;
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
    /// A store load finished.
    Loaded(Box<Result<Store, StoreError>>),
    /// The store's file changed on disk.
    StoreChanged,
    /// The terminal can no longer be read: the loop ends with this error.
    InputFailed(io::Error),
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
        Event::Loaded(result) => Some(Msg::Loaded(result)),
        Event::StoreChanged => Some(Msg::StoreChanged),
        Event::InputFailed(_) => None,
    }
}

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
    app.update(Msg::Resize(size.width, size.height));
    terminal
        .draw(|frame| ui::render(app, theme, frame))
        .map_err(io::Error::other)?;
    // A second click on the same cell soon after the first opens, as a double click does; the
    // terminal reports only single clicks.
    let mut last_click: Option<(std::time::Instant, u16, u16)> = None;
    while !app.quit {
        let event = match events.next_event()? {
            Some(Event::InputFailed(e)) => return Err(e),
            Some(event) => event,
            None => return Ok(()),
        };
        // Events that mean nothing (mouse motion, focus changes) cost no redraw.
        let Some(msg) = message(app, event) else {
            continue;
        };
        let mut queue = VecDeque::from([msg]);
        if let Some(Msg::Click(x, y)) = queue.front() {
            let now = std::time::Instant::now();
            let double = last_click
                .is_some_and(|(t, lx, ly)| (lx, ly) == (*x, *y) && now - t <= DOUBLE_CLICK);
            last_click = if double { None } else { Some((now, *x, *y)) };
            if double {
                queue.push_back(Msg::Action(crate::action::Action::Open));
            }
        }
        while let Some(msg) = queue.pop_front() {
            for effect in app.update(msg) {
                queue.extend(runner.run(effect, terminal));
            }
        }
        if !app.quit {
            terminal
                .draw(|frame| ui::render(app, theme, frame))
                .map_err(io::Error::other)?;
        }
    }
    Ok(())
}
