//! What the reader hears, and what it asks the loop to do.
//!
//! [`Msg`] is everything [`crate::app::App::update`] handles: a bound [`Action`], or an event
//! that no key produces (a resize, a click, text typed into a prompt, a store that finished
//! loading). [`Effect`] is the I/O `update` asks for; its outcome comes back as a [`Msg`].

use std::sync::Arc;

use crate::action::Action;
use crate::feeds::Outcome;
use crate::query::index::SearchIndex;
use crate::similar::ContentIndex;
use crate::state::State;
use crate::store::{Articles, Store, StoreError};

/// Everything `update` handles.
#[derive(Debug)]
pub enum Msg {
    /// A bound key.
    Action(Action),
    /// Text typed or pasted into a prompt (a pasted block arrives whole, never as keys).
    Text(String),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// A mouse click at a column and row: focus the pane there and select the row.
    Click(u16, u16),
    /// The mouse wheel at a column and row: scroll the pane there (`true` scrolls down).
    Wheel(u16, u16, bool),
    /// A key bound to nothing where it was pressed, as the help writes it.
    Unbound(String),
    /// A signal that ends the reader (SIGTERM, SIGHUP, SIGINT, SIGQUIT), by its number.
    Signal(i32),
    /// A store load or reload made progress: bytes read so far.
    Loading(u64),
    /// A store load has read this many articles.
    Progress(usize),
    /// The first part of a large store still loading: shown until the whole store arrives
    /// ([`Msg::Loaded`]).
    Part(Box<Store>),
    /// A store load or reload finished.
    Loaded(Box<Result<Store, StoreError>>),
    /// The search index of a loaded store is ready.
    Indexed(Arc<SearchIndex>),
    /// The content vectors of a loaded store are ready (related stories by content).
    Similar(Arc<ContentIndex>),
    /// The store's file changed on disk.
    StoreChanged,
    /// A feed update finished (or could not start: why).
    Updated(Result<Outcome, String>),
    /// A filter applied in the background found its articles.
    Filtered(Box<crate::query::Applied>),
    /// An effect was carried out; the text is for the status line.
    Done(String),
    /// An effect failed; the text says why, for the status line.
    Failed(String),
}

impl From<Action> for Msg {
    fn from(a: Action) -> Msg {
        Msg::Action(a)
    }
}

/// I/O that `update` asks the loop to carry out; the outcome comes back as a [`Msg`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Read the store again (answered by [`Msg::Loaded`]).
    Reload,
    /// Build the search index of the store just installed, in the background (answered by
    /// [`Msg::Indexed`]). Asked once the store is installed, so the build does not take the
    /// cores while the headlines are being made ready.
    Index(Arc<Articles>),
    /// Build the content vectors only (answered by [`Msg::Similar`]): the store just installed
    /// came with its search index, read from its cache.
    Similar(Arc<Articles>),
    /// Fetch the subscribed feeds into the store in the background (answered by
    /// [`Msg::Updated`]; the file watcher then reloads the store).
    Update,
    /// Open a web link in the browser.
    OpenUrl(String),
    /// Put text on the clipboard.
    Copy(String),
    /// Hand the terminal back to the shell until the user resumes.
    Suspend,
    /// Write the reading state (read and starred marks) of this store.
    SaveState(Box<State>),
    /// Apply a filter on another thread (answered by [`Msg::Filtered`], unless another filter
    /// replaced it meanwhile).
    Filter(Box<crate::query::Background>),
}
