//! The reader's state and `update`, which carries out an [`Action`] without any I/O.
//!
//! The store is kept apart from the filtered view (`view`, indices into the store), so filters
//! never touch the data. Pane sizes come from [`crate::layout`] for the last known terminal size,
//! which is how paging and mouse clicks use the same rectangles the screen is drawn with.

use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::action::Action;
use crate::layout::{self, Arrangement, Focus, Panes};
use crate::query::Filter;
use crate::related::{self, PersonIndex, Related};
use crate::store::{Article, ArticleIx, Store};
use crate::text::Metrics;
use crate::ui;

/// Lines the mouse wheel scrolls at a time.
const WHEEL_STEP: usize = 3;

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
    pub store: Store,
    /// The store as the status line names it.
    pub store_name: String,
    pub metrics: Metrics,
    pub persons: PersonIndex,
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
    /// The help overlay's scroll position, when it is open.
    pub help: Option<usize>,
    /// A one-off message for the status line, cleared by the next key.
    pub notice: Option<String>,
    /// Terminal size, columns and rows.
    pub size: (u16, u16),
    pub quit: bool,
    /// The command the status line names for the load warnings of this store.
    pub check_command: String,
    /// The current article wrapped for the article pane's width: (article, width) and lines.
    article_cache: Option<(ArticleIx, usize)>,
    article_lines: Vec<Line<'static>>,
}

impl App {
    pub fn new(store: Store, store_name: impl Into<String>, metrics: Metrics) -> App {
        let persons = PersonIndex::new(&store);
        let filter = Filter::default();
        let view = filter.apply(&store);
        let mut app = App {
            store,
            store_name: store_name.into(),
            metrics,
            persons,
            filter,
            view,
            selected: 0,
            headlines_offset: 0,
            current: None,
            article_scroll: 0,
            related: Vec::new(),
            related_selected: 0,
            related_offset: 0,
            focus: Focus::Headlines,
            history: Vec::new(),
            help: None,
            notice: None,
            size: (80, 24),
            quit: false,
            check_command: "tuinews check".to_owned(),
            article_cache: None,
            article_lines: Vec::new(),
        };
        app.select(0);
        app
    }

    /// Where the panes are for the current size and focus.
    pub fn panes(&self) -> Panes {
        layout::compute(Rect::new(0, 0, self.size.0, self.size.1), self.focus)
    }

    /// The article shown, if any.
    pub fn current_article(&self) -> Option<&Article> {
        self.current.and_then(|i| self.store.article(i))
    }

    /// The article's lines wrapped for the article pane (computed in `update`).
    pub fn article_lines(&self) -> &[Line<'static>] {
        &self.article_lines
    }

    /// Carries out one action. No I/O: the loop draws afterwards.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..)) {
            self.notice = None;
        }
        if let Some(scroll) = self.help {
            // The help overlay takes the keys while it is open.
            match action {
                Action::Escape | Action::Help => self.help = None,
                Action::Quit => self.quit = true,
                Action::Up => self.help = Some(scroll.saturating_sub(1)),
                Action::Down => self.help = Some(scroll + 1),
                Action::PageUp => self.help = Some(scroll.saturating_sub(10)),
                Action::PageDown => self.help = Some(scroll + 10),
                Action::Top => self.help = Some(0),
                Action::Bottom => self.help = Some(usize::MAX),
                Action::Resize(w, h) => self.size = (w, h),
                _ => {}
            }
            self.refresh();
            return;
        }
        match action {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.page(-1),
            Action::PageDown => self.page(1),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::FocusNext => self.focus = self.focus.next(),
            Action::FocusPrev => self.focus = self.focus.prev(),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::Search => self.not_yet(ui::theme::SEARCH_NOT_YET),
            Action::PersonFilter => self.not_yet(ui::theme::PERSON_NOT_YET),
            Action::DateFilter => self.not_yet(ui::theme::DATE_NOT_YET),
            Action::Escape => {
                if !self.filter.is_empty() {
                    self.set_filter(Filter::default());
                    self.notice = Some("Filters cleared".to_owned());
                }
            }
            Action::Help => self.help = Some(0),
            Action::Quit => self.quit = true,
            Action::Resize(w, h) => self.size = (w, h),
            Action::Click(x, y) => self.click(x, y),
            Action::Wheel(x, y, down) => self.wheel(x, y, down),
        }
        self.refresh();
    }

    /// Replaces the filter, keeping the shown article selected when the new view has it.
    pub fn set_filter(&mut self, filter: Filter) {
        self.filter = filter;
        self.view = self.filter.apply(&self.store);
        let keep = self
            .current
            .and_then(|c| self.view.iter().position(|&i| i == c));
        match keep {
            // The article stays, where the reader was in it, with its related stories.
            Some(pos) => self.selected = pos,
            None => {
                self.headlines_offset = 0;
                self.select(0);
            }
        }
        self.refresh();
    }

    fn not_yet(&mut self, message: &str) {
        self.notice = Some(message.to_owned());
    }

    /// Selects headline `pos` (clamped) and shows its article.
    fn select(&mut self, pos: usize) {
        self.selected = pos.min(self.view.len().saturating_sub(1));
        self.show(self.view.get(self.selected).copied());
    }

    /// Shows article `index` from the top, with its related stories.
    fn show(&mut self, index: Option<ArticleIx>) {
        self.current = index;
        self.article_scroll = 0;
        self.related = index.map_or_else(Vec::new, |i| {
            related::related(&self.store, &self.persons, i)
        });
        self.related_selected = 0;
        self.related_offset = 0;
    }

    fn step(&mut self, delta: isize) {
        match self.focus {
            Focus::Headlines => {
                let target = self.selected.saturating_add_signed(delta);
                let target = target.min(self.view.len().saturating_sub(1));
                if target != self.selected {
                    self.select(target);
                }
            }
            Focus::Article => {
                self.article_scroll = self
                    .article_scroll
                    .saturating_add_signed(delta)
                    .min(self.max_article_scroll());
            }
            Focus::Related => {
                self.related_selected = self
                    .related_selected
                    .saturating_add_signed(delta)
                    .min(self.related.len().saturating_sub(1));
            }
        }
    }

    fn page(&mut self, direction: isize) {
        let rows = self.panes().inner_height(self.focus).max(1);
        // The article keeps one line of context across a page turn.
        let rows = if self.focus == Focus::Article {
            rows.saturating_sub(1).max(1)
        } else {
            rows
        };
        self.step(direction * isize::try_from(rows).unwrap_or(1));
    }

    fn max_article_scroll(&self) -> usize {
        let rows = self.panes().inner_height(Focus::Article);
        self.article_lines.len().saturating_sub(rows.max(1))
    }

    fn open(&mut self) {
        match self.focus {
            Focus::Headlines => self.focus = Focus::Article,
            Focus::Article => {}
            Focus::Related => {
                let Some(target) = self.related.get(self.related_selected).map(|r| r.ix) else {
                    return;
                };
                self.history.push(HistoryEntry {
                    current: self.current,
                    selected_article: self.view.get(self.selected).copied(),
                    article_scroll: self.article_scroll,
                    related_selected: self.related_selected,
                    focus: self.focus,
                });
                if let Some(pos) = self.view.iter().position(|&i| i == target) {
                    self.selected = pos;
                }
                self.show(Some(target));
                self.focus = Focus::Article;
            }
        }
    }

    fn back(&mut self) {
        let Some(entry) = self.history.pop() else {
            self.notice = Some("Nothing to go back to".to_owned());
            return;
        };
        if let Some(pos) = entry
            .selected_article
            .and_then(|a| self.view.iter().position(|&i| i == a))
        {
            self.selected = pos;
        }
        self.show(entry.current);
        self.focus = entry.focus;
        // Rewrap now so the old scroll position can be restored within the new bounds.
        self.refresh();
        self.article_scroll = entry.article_scroll.min(self.max_article_scroll());
        self.related_selected = entry
            .related_selected
            .min(self.related.len().saturating_sub(1));
    }

    fn click(&mut self, x: u16, y: u16) {
        let panes = self.panes();
        let Some(pane) = panes.pane_at(x, y) else {
            return;
        };
        self.focus = pane;
        let Some(rect) = panes.rect(pane) else {
            return;
        };
        let inner = layout::inner(rect);
        if y < inner.y || y >= inner.y + inner.height {
            return;
        }
        let row = usize::from(y - inner.y);
        match pane {
            Focus::Headlines => {
                let pos = self.headlines_offset + row;
                if pos < self.view.len() && pos != self.selected {
                    self.select(pos);
                }
            }
            Focus::Related => {
                let pos = self.related_offset + row;
                if pos < self.related.len() {
                    self.related_selected = pos;
                }
            }
            Focus::Article => {}
        }
    }

    fn wheel(&mut self, x: u16, y: u16, down: bool) {
        let Some(pane) = self.panes().pane_at(x, y) else {
            return;
        };
        let focus = std::mem::replace(&mut self.focus, pane);
        let step = isize::try_from(WHEEL_STEP).unwrap_or(1);
        self.step(if down { step } else { -step });
        // Wheel scrolls the pane under the pointer without moving the focus.
        if self.panes().arrangement != Arrangement::Single {
            self.focus = focus;
        }
    }

    /// Brings derived state in line with the size: wrapped article, scroll bounds, list offsets.
    fn refresh(&mut self) {
        if let Some(scroll) = self.help {
            self.help = Some(scroll.min(ui::help::max_scroll(self.size)));
        }
        let panes = self.panes();
        // In the single-pane arrangement the article pane may be hidden; wrap for the width it
        // will have when shown so scroll positions stay meaningful.
        let width = match panes.article {
            Some(r) => usize::from(layout::inner(r).width),
            None => usize::from(self.size.0.saturating_sub(2)),
        };
        if let Some(index) = self.current {
            if self.article_cache != Some((index, width)) {
                if let Some(a) = self.store.article(index) {
                    self.article_lines = ui::article::lines(a, width, self.metrics);
                }
                self.article_cache = Some((index, width));
            }
        } else {
            self.article_lines.clear();
            self.article_cache = None;
        }
        self.article_scroll = self.article_scroll.min(self.max_article_scroll());
        self.headlines_offset = keep_visible(
            self.selected,
            self.headlines_offset,
            panes.inner_height(Focus::Headlines),
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

/// The first visible row of a list of `len` rows with `rows` on screen, so `selected` is visible
/// and the list does not end above the bottom of the pane.
pub fn keep_visible(selected: usize, offset: usize, rows: usize, len: usize) -> usize {
    if rows == 0 {
        return offset.min(selected);
    }
    let offset = if selected < offset {
        selected
    } else if selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    };
    offset.min(len.saturating_sub(rows))
}
