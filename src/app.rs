//! The reader's state and `update`, which handles one [`Msg`] without any I/O and returns the
//! [`Effect`]s (reload, open a link, copy, suspend) the loop should carry out.
//!
//! The store is kept apart from the filtered view (`view`, references into the store), so
//! filters never touch the data. The reader is in exactly one [`Mode`]. Pane sizes come from
//! [`crate::layout`] for the last known terminal size, which is how paging and mouse clicks use
//! the same rectangles the screen is drawn with; the article is laid out by
//! [`crate::document`], which the views draw from.

use jiff::civil::Date;
use ratatui::layout::Rect;

use crate::action::Action;
use crate::document::Document;
use crate::keymap::{Keymap, ModeKind};
use crate::layout::{self, Focus, Panes, View};
use crate::msg::{Effect, Msg};
use crate::persons::Persons;
use crate::query::Filter;
use crate::related::{PersonIndex, Related};
use crate::store::{Article, ArticleIx, Store, StoreError};
use crate::text::Metrics;
use crate::words::{self, Words};
use crate::zone::Zone;

mod navigation;
mod picker;
mod prompt;

pub use navigation::keep_visible;
pub use picker::Picker;
pub use prompt::{Prompt, PromptKind};

/// The widest the article's text is set by default: about 80 columns is a comfortable line.
pub const DEFAULT_MEASURE: usize = 80;
/// Lines the help overlay pages by.
const HELP_PAGE: usize = 10;

/// What the reader is doing; the keymap resolves keys in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// The panes take the keys.
    #[default]
    Normal,
    /// The help overlay is open, scrolled this far.
    Help { scroll: usize },
    /// A prompt in the status line takes the keys; printable keys are text.
    Prompt(Prompt),
    /// The person picker takes the keys; printable keys are text.
    Picker(Picker),
}

impl Mode {
    /// The mode without its data, as the keymap knows it.
    pub fn kind(&self) -> ModeKind {
        match self {
            Mode::Normal => ModeKind::Normal,
            Mode::Help { .. } => ModeKind::Help,
            Mode::Prompt(_) => ModeKind::Prompt,
            Mode::Picker(_) => ModeKind::Picker,
        }
    }
}

/// What the reader was showing before a related story was opened, to come back to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub current: Option<ArticleIx>,
    /// The selected headline's article: a position in the view would point elsewhere once
    /// the filters change.
    pub selected_article: Option<ArticleIx>,
    pub article_scroll: usize,
    pub related_selected: usize,
    pub focus: Focus,
}

/// Everything the reader shows, and nothing about how it is drawn.
#[derive(Debug)]
pub struct App {
    /// Shared, so a filter can be applied to it on another thread ([`Effect::Filter`]).
    pub store: std::sync::Arc<Store>,
    /// The store as the status line names it.
    pub store_name: String,
    pub metrics: Metrics,
    /// The interface language's texts.
    pub words: &'static Words,
    pub keymap: Keymap,
    /// A feed update is running (`U`).
    pub updating: bool,
    /// What the last update did, for the status line after the reload it causes.
    update_summary: Option<String>,
    /// The store's search index, once a thread has built it (`None` before: searches then
    /// fold the articles as they go).
    pub index: Option<std::sync::Arc<crate::query::index::SearchIndex>>,
    /// The store's content vectors, once a thread has built them (`None` before: related
    /// stories are then the linked ones and those sharing a person).
    pub similar: Option<std::sync::Arc<crate::similar::ContentIndex>>,
    pub persons: PersonIndex,
    /// Every person with their articles, for the picker: see [`App::people`].
    people: std::cell::OnceCell<Persons>,
    /// Every dated article's date, sorted: the date prompt's histogram counts from it.
    pub dates: Vec<Date>,
    pub filter: Filter,
    /// The articles the filter keeps, newest first.
    pub view: Vec<ArticleIx>,
    /// Position in `view` of the selected headline.
    pub selected: usize,
    /// First headline row on screen.
    pub headlines_offset: usize,
    /// The article shown: the selected headline, or a related story opened from it.
    pub current: Option<ArticleIx>,
    /// First article line on screen.
    pub article_scroll: usize,
    pub related: Vec<Related>,
    pub related_selected: usize,
    pub related_offset: usize,
    pub focus: Focus,
    /// Articles to go back to with Backspace, the most recent last.
    pub history: Vec<HistoryEntry>,
    pub mode: Mode,
    /// A one-off message for the status line, cleared by the next key.
    pub notice: Option<String>,
    /// Terminal size, columns and rows.
    pub size: (u16, u16),
    /// The split between the panes and whether the article is full screen.
    pub screen: View,
    /// The focus to return to when full screen ends.
    focus_before_full: Focus,
    /// The widest the article's text is set, in columns (a reading measure).
    pub measure: usize,
    /// Whether links are written as OSC 8 hyperlinks (the terminal can show them).
    pub hyperlinks: bool,
    /// The signal that ended the reader, for the exit status (128 + its number).
    pub exit_signal: Option<i32>,
    /// Which articles were read and starred (kept by id, apart from the store).
    pub state: crate::state::State,
    /// Whether the state changed since it was last handed out to be saved.
    state_changed: bool,
    /// The article was marked unread on purpose: being in it does not mark it read again.
    keep_unread: bool,
    /// The time marks are stamped with (ms since the epoch), set by the loop.
    pub now_ms: u64,
    /// The filters before each one the user applied, for Esc to take back.
    pub undo: Vec<Filter>,
    /// Whether the last key was Esc in the panes (a second clears every filter).
    escaped: bool,
    /// Undated articles a date filter leaves out that would otherwise be shown.
    pub undated_hidden: usize,
    pub quit: bool,
    /// The command the status line names for the load warnings of this store.
    pub check_command: String,
    /// Where dates are shown and filtered (`--tz`).
    pub zone: Zone,
    /// The date relative date filters (`today`, `7d`) count from; set by whoever builds the app.
    pub today: Date,
    /// Bytes read so far while the store loads or reloads; `None` when it is ready.
    pub loading: Option<u64>,
    /// Articles a load has read so far.
    pub loading_read: usize,
    /// Whether a store has arrived: a failure before that is fatal, after it only a notice.
    pub loaded: bool,
    /// Showing the first part of a store still loading ([`Msg::Part`]); and whether the reader
    /// has pressed a key since, so the whole store does not take them back to where they were
    /// the last time.
    pub partial: bool,
    moved_in_part: bool,
    /// A search index that arrived before its store ([`Msg::Indexed`]).
    next_index: Option<std::sync::Arc<crate::query::SearchIndex>>,
    /// Whether the store can be read again (the embedded sample cannot change).
    pub can_reload: bool,
    /// The first load failed: the loop quits and the binary reports this.
    pub fatal: Option<StoreError>,
    /// The current article laid out for the article pane's width, and for which (article, width).
    document: Document,
    document_key: Option<(ArticleIx, usize)>,
    /// Search matches in each block of the document, as byte ranges of the block's text.
    pub highlights: Vec<Vec<std::ops::Range<usize>>>,
    /// A filter is being applied in the background: the list shows the previous one's
    /// articles until it lands ([`Msg::Filtered`]).
    pub filtering: bool,
    /// The generation of the latest filter set; a background filter of an older one stops
    /// and is dropped.
    filter_generation: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// From this many articles on, a filter that reads articles one by one is applied in the
    /// background ([`Filter::reads_articles`]).
    pub background_from: usize,
    /// Effects asked for outside [`App::update`]'s own match (setting a filter), handed out
    /// with its result.
    outbox: Vec<Effect>,
}

/// See [`App::background_from`]: below this, any filter takes a few milliseconds.
pub const BACKGROUND_FROM: usize = 5_000;

impl App {
    /// A reader on a store that is already loaded.
    pub fn new(store: Store, store_name: impl Into<String>, metrics: Metrics) -> App {
        let mut app = App::loading(store_name, metrics);
        app.loading = None;
        app.loaded = true;
        app.install_store(store);
        app
    }

    /// A reader whose store is still loading: it draws at once and takes the articles when
    /// [`Msg::Loaded`] arrives.
    pub fn loading(store_name: impl Into<String>, metrics: Metrics) -> App {
        App {
            store: std::sync::Arc::default(),
            store_name: store_name.into(),
            metrics,
            words: &words::EN,
            keymap: Keymap::default(),
            index: None,
            similar: None,
            updating: false,
            update_summary: None,
            persons: PersonIndex::default(),
            people: std::cell::OnceCell::new(),
            dates: Vec::new(),
            filter: Filter::default(),
            view: Vec::new(),
            selected: 0,
            headlines_offset: 0,
            current: None,
            article_scroll: 0,
            related: Vec::new(),
            related_selected: 0,
            related_offset: 0,
            focus: Focus::Headlines,
            history: Vec::new(),
            mode: Mode::Normal,
            notice: None,
            size: (80, 24),
            screen: View::default(),
            focus_before_full: Focus::Headlines,
            measure: DEFAULT_MEASURE,
            hyperlinks: false,
            exit_signal: None,
            state: crate::state::State::default(),
            state_changed: false,
            keep_unread: false,
            now_ms: 0,
            undo: Vec::new(),
            escaped: false,
            undated_hidden: 0,
            quit: false,
            check_command: words::CHECK_COMMAND.to_owned(),
            today: jiff::Zoned::now().date(),
            zone: Zone::ARTICLE,
            loading: Some(0),
            loading_read: 0,
            loaded: false,
            partial: false,
            moved_in_part: false,
            next_index: None,
            can_reload: true,
            fatal: None,
            document: Document::default(),
            document_key: None,
            highlights: Vec::new(),
            filtering: false,
            filter_generation: std::sync::Arc::default(),
            background_from: BACKGROUND_FROM,
            outbox: Vec::new(),
        }
    }

    /// Where the panes are for the current size and focus.
    pub fn panes(&self) -> Panes {
        layout::arrange(
            Rect::new(0, 0, self.size.0, self.size.1),
            self.focus,
            self.screen,
        )
    }

    /// Rows one headline takes in the headline pane: 1, or 2 where it is narrow.
    pub fn headline_height(&self) -> usize {
        let panes = self.panes();
        layout::headline_height(
            panes.inner_width(Focus::Headlines),
            panes.inner_height(Focus::Headlines),
        )
    }

    /// How many headlines the pane shows at once.
    pub fn headlines_on_screen(&self) -> usize {
        self.panes().inner_height(Focus::Headlines) / self.headline_height().max(1)
    }

    /// Which key table resolves keys now: the mode's, or the full-screen article's.
    pub fn mode_kind(&self) -> ModeKind {
        match self.mode.kind() {
            ModeKind::Normal if self.screen.full => ModeKind::Full,
            kind => kind,
        }
    }

    /// The article shown, if any.
    pub fn current_article(&self) -> Option<&Article> {
        self.current.and_then(|i| self.store.article(i))
    }

    /// The article shown, laid out for the article pane (kept current by `update`).
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The help overlay's scroll position, when it is open.
    pub fn help_scroll(&self) -> Option<usize> {
        match self.mode {
            Mode::Help { scroll } => Some(scroll),
            _ => None,
        }
    }

    /// The furthest the help overlay scrolls at the current size.
    pub fn help_max_scroll(&self) -> usize {
        crate::helptext::layout(
            &self.keymap,
            self.words,
            self.metrics,
            self.size.0,
            self.size.1,
        )
        .max_scroll()
    }

    /// The open prompt, if any.
    pub fn prompt(&self) -> Option<&Prompt> {
        match &self.mode {
            Mode::Prompt(p) => Some(p),
            _ => None,
        }
    }

    /// Handles one message. No I/O: what needs I/O comes back as effects, whose outcomes
    /// arrive later as messages.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<Effect> {
        let msg = msg.into();
        if matches!(
            msg,
            Msg::Action(_) | Msg::Text(_) | Msg::Click(..) | Msg::Wheel(..)
        ) {
            self.notice = None;
        }
        let escape = matches!(msg, Msg::Action(Action::Escape)) && self.mode == Mode::Normal;
        let key = matches!(msg, Msg::Action(_) | Msg::Text(_));
        if self.partial && (key || matches!(msg, Msg::Click(..) | Msg::Wheel(..))) {
            self.moved_in_part = true;
        }
        let effects = match msg {
            Msg::Action(action) => match self.mode_kind() {
                ModeKind::Full => self.full_screen(action),
                ModeKind::Normal => self.normal(action),
                ModeKind::Help => self.help(action),
                ModeKind::Prompt => self.prompt_action(action),
                ModeKind::Picker => self.picker_action(action),
            },
            Msg::Text(text) => {
                match self.mode.kind() {
                    ModeKind::Prompt => self.prompt_text(&text),
                    ModeKind::Picker => self.picker_text(&text),
                    ModeKind::Normal | ModeKind::Help | ModeKind::Full => {}
                }
                Vec::new()
            }
            Msg::Resize(w, h) => {
                self.size = (w, h);
                Vec::new()
            }
            Msg::Signal(sig) => {
                self.exit_signal = Some(sig);
                self.quit = true;
                Vec::new()
            }
            Msg::Unbound(key) => {
                self.notice = Some(self.words.unbound(&key));
                Vec::new()
            }
            Msg::Click(x, y) if self.mode_kind() == ModeKind::Normal => {
                self.click(x, y);
                Vec::new()
            }
            Msg::Wheel(x, y, down) if self.mode == Mode::Normal => {
                self.wheel(x, y, down);
                Vec::new()
            }
            Msg::Click(..) | Msg::Wheel(..) => Vec::new(),
            Msg::Loading(bytes) => {
                self.loading = Some(bytes);
                Vec::new()
            }
            Msg::Progress(n) => {
                self.loading_read = n;
                Vec::new()
            }
            Msg::Part(store) => {
                // Only while the first load runs: a reload never shows a part.
                if !self.loaded {
                    self.install_store(*store);
                    self.partial = true;
                }
                Vec::new()
            }
            Msg::Loaded(result) => self.loaded_store(*result),
            Msg::Updated(outcome) => {
                self.updating = false;
                let text = match outcome {
                    Ok(o) => self.words.updated(&o),
                    Err(e) => e,
                };
                self.notice = Some(text.clone());
                self.update_summary = Some(text);
                Vec::new()
            }
            Msg::Indexed(index) => {
                // An index for a store since replaced (a reload) is dropped; one read with a
                // store from its cache comes just before that store, and waits for it.
                if index.is_for(&self.store) {
                    self.index = Some(index);
                } else {
                    self.next_index = Some(index);
                }
                Vec::new()
            }
            Msg::Similar(similar) => {
                // Vectors for a store since replaced (a reload) are dropped.
                if similar.is_for(&self.store) {
                    self.similar = Some(similar);
                    // The shown article's related stories gain the ones alike in content.
                    let selected = self.related_selected;
                    self.related = self.current.map_or_else(Vec::new, |i| self.related_of(i));
                    self.related_selected = selected.min(self.related.len().saturating_sub(1));
                }
                Vec::new()
            }
            Msg::StoreChanged => {
                if self.loading.is_some() || !self.loaded || !self.can_reload {
                    Vec::new()
                } else {
                    self.loading = Some(0);
                    self.notice = Some(self.words.store_changed.to_owned());
                    vec![Effect::Reload]
                }
            }
            Msg::Done(text) | Msg::Failed(text) => {
                self.notice = Some(text);
                Vec::new()
            }
            Msg::Filtered(applied) => {
                self.filtered_in_background(*applied);
                Vec::new()
            }
        };
        if key {
            self.escaped = escape;
        }
        self.refresh();
        let mut effects = effects;
        effects.append(&mut self.outbox);
        // An article the reader is in (the article pane focused, or full screen) is read.
        if self.focus == Focus::Article && self.mode == Mode::Normal && !self.keep_unread {
            self.mark_read(true);
        }
        if self.state_changed {
            self.state_changed = false;
            effects.push(Effect::SaveState(Box::new(self.state.clone())));
        }
        effects
    }

    /// Goes back to where the reader was when it last closed: the filters, the article, the
    /// place in it. A filter that no longer reads, or an article no longer in the store, is
    /// passed over.
    pub fn reopen(&mut self) {
        let Some(pos) = self.state.position.take() else {
            return;
        };
        let target = pos.article.as_deref().and_then(|id| self.store.ix_of(id));
        if let Ok(filter) = crate::query::line::parse(&pos.filter, self.today) {
            if self.reads_slowly(&filter) {
                // In the background: the article is shown meanwhile, and stays selected when
                // the filter lands if it keeps it.
                if let Some(ix) = target {
                    self.show(Some(ix));
                    self.refresh();
                    self.article_scroll = pos.scroll.min(self.max_article_scroll());
                }
                self.set_filter_in(filter, true);
                return;
            }
            // At once: the article is looked for in what the filter keeps.
            self.set_filter_in(filter, false);
        }
        if let Some(at) = target.and_then(|ix| self.view.iter().position(|&i| i == ix)) {
            self.select(at);
            self.refresh();
            self.article_scroll = pos.scroll.min(self.max_article_scroll());
        }
    }

    /// Where the reader is, to reopen there next time.
    pub fn position(&self) -> crate::state::Position {
        crate::state::Position {
            filter: self.filter.to_string(),
            article: self.current_article().map(|a| a.id.clone()),
            scroll: self.article_scroll,
        }
    }

    /// Marks the shown article read or unread.
    fn mark_read(&mut self, on: bool) {
        if let Some(id) = self.current_article().map(|a| a.id.clone()) {
            self.state_changed |= self.state.set_read(&id, on, self.now_ms);
        }
    }

    /// Whether an article has been read.
    pub fn is_read(&self, id: &str) -> bool {
        self.state.is_read(id)
    }

    /// How many of the shown articles are unread.
    pub fn unread_count(&self) -> usize {
        self.view
            .iter()
            .filter_map(|&ix| self.store.article(ix))
            .filter(|a| !self.state.is_read(&a.id))
            .count()
    }

    /// An action in the panes.
    fn normal(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.page(-1),
            Action::PageDown => self.page(1),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            // The related pane may be hidden (the config's `layout.related`): focus skips it.
            Action::FocusNext => {
                self.focus = self.focus.next();
                if self.focus == Focus::Related && !self.screen.related {
                    self.focus = self.focus.next();
                }
            }
            Action::FocusPrev => {
                self.focus = self.focus.prev();
                if self.focus == Focus::Related && !self.screen.related {
                    self.focus = self.focus.prev();
                }
            }
            Action::Open if self.focus == Focus::Article => self.enter_full_screen(),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::FullScreen => self.enter_full_screen(),
            Action::NextArticle => self.next_article(1),
            Action::PrevArticle => self.next_article(-1),
            Action::ShrinkHeadlines => self.move_split(-5),
            Action::GrowHeadlines => self.move_split(5),
            Action::Search => self.open_prompt(PromptKind::Search),
            Action::PersonFilter => self.open_picker(),
            Action::DateFilter => self.open_prompt(PromptKind::Date),
            Action::QueryLine => self.open_prompt(PromptKind::Query),
            Action::Escape => self.escape_filters(),
            Action::Help => self.mode = Mode::Help { scroll: 0 },
            Action::OpenLink => return self.open_link(),
            Action::CopyLink => return self.copy_link(),
            Action::Reload => return self.reload(),
            Action::Update => return self.update_feeds(),
            Action::Suspend => return vec![Effect::Suspend],
            Action::ToggleRead => {
                let on = !self
                    .current_article()
                    .is_some_and(|a| self.state.is_read(&a.id));
                self.mark_read(on);
                // Marked unread on purpose: it stays so while the reader is still in it.
                self.keep_unread = !on;
            }
            Action::OnlyUnread => {
                let mut filter = self.filter.clone();
                filter.unread = !filter.unread;
                self.apply_filter(filter);
            }
            Action::OnlyStarred => {
                let mut filter = self.filter.clone();
                filter.starred = !filter.starred;
                self.apply_filter(filter);
            }
            Action::ToggleStar => {
                if let Some(id) = self.current_article().map(|a| a.id.clone()) {
                    let on = !self.state.is_starred(&id);
                    self.state_changed |= self.state.set_starred(&id, on, self.now_ms);
                }
            }
            Action::NextUnread => self.next_unread(true),
            Action::PrevUnread => self.next_unread(false),
            Action::NextMatch => self.jump_to_match(true),
            Action::PrevMatch => self.jump_to_match(false),
            Action::Quit => self.quit = true,
            // Prompt editing means nothing in the panes.
            Action::Submit
            | Action::ToggleScope
            | Action::DateToday
            | Action::DateWeek
            | Action::DateMonth
            | Action::DateYear
            | Action::DeleteBack
            | Action::DeleteForward
            | Action::DeleteWord
            | Action::DeleteToStart
            | Action::CursorLeft
            | Action::CursorRight
            | Action::CursorStart
            | Action::CursorEnd => {}
        }
        Vec::new()
    }

    /// An action while the help overlay is open: it scrolls, closes, or quits.
    fn help(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Help { scroll } = self.mode else {
            return Vec::new();
        };
        let scroll = match action {
            Action::Escape | Action::Help => {
                self.mode = Mode::Normal;
                return Vec::new();
            }
            Action::Quit => {
                self.quit = true;
                return Vec::new();
            }
            Action::Suspend => return vec![Effect::Suspend],
            Action::Up => scroll.saturating_sub(1),
            Action::Down => scroll + 1,
            Action::PageUp => scroll.saturating_sub(HELP_PAGE),
            Action::PageDown => scroll + HELP_PAGE,
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            _ => scroll,
        };
        self.mode = Mode::Help { scroll };
        Vec::new()
    }

    fn open_link(&mut self) -> Vec<Effect> {
        let url = self.current_article().and(self.document.url.clone());
        match url {
            // Only web links: anything else (a path, an option-like "-x") is not handed on.
            Some(u) if u.starts_with("https://") || u.starts_with("http://") => {
                vec![Effect::OpenUrl(u)]
            }
            _ => {
                self.notice = Some(self.words.no_link.to_owned());
                Vec::new()
            }
        }
    }

    fn copy_link(&mut self) -> Vec<Effect> {
        match self.current_article() {
            Some(a) => vec![Effect::Copy(
                (self.document.url.clone()).unwrap_or_else(|| a.title.clone()),
            )],
            None => Vec::new(),
        }
    }

    fn reload(&mut self) -> Vec<Effect> {
        if !self.can_reload {
            self.notice = Some(self.words.embedded_no_reload.to_owned());
            return Vec::new();
        }
        if self.loading.is_some() {
            return Vec::new();
        }
        self.loading = Some(0);
        self.notice = Some(self.words.reloading.to_owned());
        vec![Effect::Reload]
    }

    /// `U`: the feeds fetched into the store in the background; the file watcher reloads it
    /// when the new articles are written.
    fn update_feeds(&mut self) -> Vec<Effect> {
        if !self.can_reload {
            self.notice = Some(self.words.update_embedded.to_owned());
            return Vec::new();
        }
        if self.updating {
            self.notice = Some(self.words.update_busy.to_owned());
            return Vec::new();
        }
        self.updating = true;
        self.notice = Some(self.words.updating.to_owned());
        vec![Effect::Update]
    }

    fn loaded_store(&mut self, result: Result<Store, StoreError>) -> Vec<Effect> {
        self.loading = None;
        match result {
            Ok(store) => {
                let reload = self.loaded;
                self.loaded = true;
                self.partial = false;
                self.install_store(store);
                if !reload && !self.moved_in_part {
                    self.reopen();
                }
                if reload {
                    // After an update, what it did says more than the count.
                    self.notice = Some(
                        self.update_summary
                            .take()
                            .unwrap_or_else(|| self.words.reloaded(self.store.len())),
                    );
                }
                match self.index {
                    Some(_) => vec![Effect::Similar(self.store.shared())],
                    None => vec![Effect::Index(self.store.shared())],
                }
            }
            Err(e) if self.loaded => {
                self.notice = Some(self.words.reload_failed(&e.to_string()));
                Vec::new()
            }
            Err(e) => {
                self.fatal = Some(e);
                self.quit = true;
                Vec::new()
            }
        }
    }

    /// Takes a new store (the first, or a reload of an edited file). References into the old
    /// store mean nothing in the new one, so what the reader was showing is carried across by
    /// article id: the same article stays shown and selected, where the reader was in it, and
    /// the way back keeps every article that is still there.
    pub fn install_store(&mut self, store: Store) {
        let old = std::mem::replace(&mut self.store, std::sync::Arc::new(store));
        // The old store's index answers in its article references: it goes with it.
        if self.index.as_ref().is_some_and(|i| !i.is_for(&self.store)) {
            self.index = None;
        }
        // An index waiting for its store is for this one, or for none that will come: taken
        // either way, so a stale one is not held.
        if let Some(next) = self.next_index.take().filter(|i| i.is_for(&self.store)) {
            self.index = Some(next);
        }
        if self
            .similar
            .as_ref()
            .is_some_and(|s| !s.is_for(&self.store))
        {
            self.similar = None;
        }
        let id_in_old =
            |ix: Option<ArticleIx>| ix.and_then(|i| old.article(i)).map(|a| a.id.as_str());
        let map = |ix: Option<ArticleIx>| id_in_old(ix).and_then(|id| self.store.ix_of(id));
        let current = map(self.current);
        let selected = map(self.view.get(self.selected).copied());
        let history: Vec<HistoryEntry> = self
            .history
            .iter()
            .filter_map(|h| {
                Some(HistoryEntry {
                    current: Some(map(h.current)?),
                    selected_article: map(h.selected_article),
                    ..h.clone()
                })
            })
            .collect();
        let (scroll, related_selected) = (self.article_scroll, self.related_selected);

        self.history = history;
        self.persons = PersonIndex::new(&self.store);
        // Built when the picker first needs it: not on the way to the headlines.
        self.people = std::cell::OnceCell::new();
        self.dates = self
            .store
            .articles()
            .iter()
            .filter_map(|a| a.published.map(|p| self.zone.date(&p)))
            .collect();
        self.dates.sort_unstable();
        // At once, so what was selected is found in the new view; but a filter that reads every
        // article of a large store (a search before the index is ready) is applied in the
        // background, the list keeping meanwhile the articles it showed that the new store has.
        self.next_generation();
        self.filtering = false;
        let slow = self.reads_slowly(&self.filter);
        self.view = if slow {
            self.view.iter().filter_map(|&ix| map(Some(ix))).collect()
        } else {
            self.filtered(&self.filter)
        };
        self.document_key = None;
        match selected.and_then(|s| self.view.iter().position(|&i| i == s)) {
            Some(pos) => self.selected = pos,
            None => self.selected = self.selected.min(self.view.len().saturating_sub(1)),
        }
        match current {
            Some(c) => {
                self.show(Some(c));
                self.refresh();
                self.article_scroll = scroll.min(self.max_article_scroll());
                self.related_selected = related_selected.min(self.related.len().saturating_sub(1));
            }
            None => self.select(self.selected),
        }
        if slow {
            self.set_filter_in(self.filter.clone(), true);
        }
    }

    /// Whether applying `filter` means reading articles one by one in a store large enough
    /// that it is done in the background ([`App::background_from`]).
    fn reads_slowly(&self, filter: &Filter) -> bool {
        self.store.len() >= self.background_from && filter.reads_articles(self.index.as_deref())
    }

    /// Every person of the store with their articles (for the picker), built on first use.
    pub fn people(&self) -> &Persons {
        self.people.get_or_init(|| Persons::new(&self.store))
    }

    /// The articles `filter` keeps, in list order, with the search index when it is ready.
    pub fn filtered(&self, filter: &Filter) -> Vec<ArticleIx> {
        filter.apply_indexed(&self.store, &self.zone, &self.state, self.index.as_deref())
    }

    /// Applies a filter the user chose (a prompt, the picker): Esc takes it back.
    pub fn apply_filter(&mut self, filter: Filter) {
        if filter != self.filter {
            self.undo.push(self.filter.clone());
            self.set_filter(filter);
        }
    }

    /// Esc in the panes: the first takes back the last filter applied, a second in a row
    /// clears them all.
    fn escape_filters(&mut self) {
        if self.filter.is_empty() {
            return;
        }
        match self.undo.pop() {
            Some(previous) if !self.escaped => {
                self.set_filter(previous);
                self.notice = Some(self.words.filter_removed.to_owned());
            }
            _ => {
                self.undo.clear();
                self.set_filter(Filter::default());
                self.notice = Some(self.words.filters_cleared.to_owned());
            }
        }
    }

    /// Replaces the filter, keeping the shown article selected when the new view has it, else
    /// selecting the article nearest to it in date. On a large store, a filter that reads
    /// articles one by one is applied in the background ([`Effect::Filter`]): the list keeps the
    /// previous articles, and the status line says it is searching, until it lands.
    pub fn set_filter(&mut self, filter: Filter) {
        self.set_filter_in(filter, true);
    }

    /// [`App::set_filter`], in the background only when `background` allows it.
    fn set_filter_in(&mut self, filter: Filter, background: bool) {
        // The highlights follow the search: lay the article out again.
        if filter.search != self.filter.search {
            self.document_key = None;
        }
        self.filter = filter;
        let generation = self.next_generation();
        let index = self.index.as_deref();
        if background && self.reads_slowly(&self.filter) {
            self.filtering = true;
            let marks = if self.filter.unread || self.filter.starred {
                std::sync::Arc::new(self.state.clone())
            } else {
                std::sync::Arc::default()
            };
            self.outbox
                .push(Effect::Filter(Box::new(crate::query::Background {
                    generation,
                    filter: self.filter.clone(),
                    store: std::sync::Arc::clone(&self.store),
                    zone: self.zone.clone(),
                    marks,
                    index: self.index.clone(),
                    latest: std::sync::Arc::clone(&self.filter_generation),
                })));
            return;
        }
        self.filtering = false;
        let view = self.filtered(&self.filter);
        let undated_hidden =
            self.filter
                .undated_hidden(&self.store, &self.zone, &self.state, index);
        self.show_view(view, undated_hidden);
    }

    /// A new generation of the filter: any filter still being applied in the background is
    /// out of date.
    fn next_generation(&self) -> u64 {
        use std::sync::atomic::Ordering;
        self.filter_generation.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// Shows the articles the filter keeps, with the shown article still selected when they
    /// hold it, else the one nearest to it in date.
    fn show_view(&mut self, view: Vec<ArticleIx>, undated_hidden: usize) {
        self.view = view;
        self.undated_hidden = undated_hidden;
        let keep = self
            .current
            .and_then(|c| self.view.iter().position(|&i| i == c));
        match keep {
            // The article stays, where the reader was in it, with its related stories.
            Some(pos) => self.selected = pos,
            None => {
                self.headlines_offset = 0;
                self.select(self.nearest_in_date());
            }
        }
        // A search prompt counts what its text keeps.
        if let Mode::Prompt(p) = &mut self.mode
            && p.kind == PromptKind::Search
        {
            p.verdict = Ok(self.view.len());
        }
        self.refresh();
    }

    /// A filter applied in the background has landed: shown if it is still the latest.
    fn filtered_in_background(&mut self, applied: crate::query::Applied) {
        use std::sync::atomic::Ordering;
        if self.filtering && applied.generation == self.filter_generation.load(Ordering::Relaxed) {
            self.filtering = false;
            self.show_view(applied.view, applied.undated_hidden);
        }
    }

    /// The position in the view of the article nearest in date to the one shown (the top when
    /// it is undated or there is none).
    fn nearest_in_date(&self) -> usize {
        let date_of = |ix: ArticleIx| {
            self.store
                .article(ix)
                .and_then(|a| a.published)
                .map(|p| p.sort_key())
        };
        let Some(here) = self.current.and_then(date_of) else {
            return 0;
        };
        self.view
            .iter()
            .enumerate()
            .filter_map(|(pos, &ix)| date_of(ix).map(|d| (pos, d.abs_diff(here))))
            .min_by_key(|&(pos, distance)| (distance, pos))
            .map_or(0, |(pos, _)| pos)
    }

    /// Switches the interface language; the article is laid out again in it.
    pub fn set_words(&mut self, words: &'static Words) {
        self.words = words;
        self.document_key = None;
        self.refresh();
    }

    /// Brings derived state in line with the size: laid-out article, scroll bounds, offsets.
    fn refresh(&mut self) {
        if let Mode::Help { scroll } = self.mode {
            self.mode = Mode::Help {
                scroll: scroll.min(self.help_max_scroll()),
            };
        }
        let panes = self.panes();
        // In the single-pane arrangement the article pane may be hidden; lay out for the width
        // it will have when shown so scroll positions stay meaningful.
        let width = match panes.article {
            Some(r) => usize::from(layout::inner(r).width),
            None => usize::from(self.size.0.saturating_sub(2)),
        }
        .min(self.measure.max(1));
        match self.current {
            Some(ix) if self.document_key != Some((ix, width)) => {
                // Read whole: the body may be in the store's file.
                if let Some(a) = self.store.whole(ix) {
                    self.document =
                        Document::layout(&a, width, self.metrics, &self.zone, self.words);
                }
                self.document_key = Some((ix, width));
                self.highlights = match &self.filter.search {
                    Some(q) => self
                        .document
                        .blocks
                        .iter()
                        .map(|b| q.highlights(&b.text))
                        .collect(),
                    None => Vec::new(),
                };
            }
            Some(_) => {}
            None => {
                self.document = Document::default();
                self.document_key = None;
                self.highlights.clear();
            }
        }
        self.article_scroll = self.article_scroll.min(self.max_article_scroll());
        self.headlines_offset = keep_visible(
            self.selected,
            self.headlines_offset,
            self.headlines_on_screen(),
            self.view.len(),
        );
        self.related_offset = keep_visible(
            self.related_selected,
            self.related_offset,
            panes.inner_height(Focus::Related),
            self.related.len(),
        );
    }
}
