//! The event loop: draw, wait for one event, turn it into an action, update, repeat. Generic over
//! the ratatui backend and the event source, so tests drive the whole reader on a `TestBackend`
//! with scripted events. It blocks on the next event, so an idle reader uses no CPU.

use std::io;

use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::action::Action;
use crate::app::App;
use crate::keymap;
use crate::ui;

/// Where events come from: the terminal, or a script in tests.
pub trait EventSource {
    /// The next event; `Ok(None)` when there will be no more (a script ran out).
    fn next_event(&mut self) -> io::Result<Option<Event>>;
}

/// The real terminal's events, blocking until one arrives.
pub struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next_event(&mut self) -> io::Result<Option<Event>> {
        crossterm::event::read().map(Some)
    }
}

/// A fixed list of events, for tests.
pub struct Scripted(pub std::collections::VecDeque<Event>);

impl Scripted {
    pub fn new(events: impl IntoIterator<Item = Event>) -> Scripted {
        Scripted(events.into_iter().collect())
    }
}

impl EventSource for Scripted {
    fn next_event(&mut self) -> io::Result<Option<Event>> {
        Ok(self.0.pop_front())
    }
}

/// Runs the reader until it quits or the events end.
pub fn run<B: Backend, E: EventSource>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut E,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size().map_err(io::Error::other)?;
    app.update(Action::Resize(size.width, size.height));
    terminal
        .draw(|frame| ui::render(app, frame))
        .map_err(io::Error::other)?;
    while !app.quit {
        let Some(event) = events.next_event()? else {
            return Ok(());
        };
        // Events that mean nothing (mouse motion, focus changes) cost no redraw.
        let Some(action) = keymap::event_action(&event, app.help.is_some()) else {
            continue;
        };
        app.update(action);
        if !app.quit {
            terminal
                .draw(|frame| ui::render(app, frame))
                .map_err(io::Error::other)?;
        }
    }
    Ok(())
}
