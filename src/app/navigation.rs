//! Moving around: the selection, scrolling, opening a story and going back, the mouse.

use super::{App, HistoryEntry};
use crate::action::Action;
use crate::layout::{self, Arrangement, Focus};
use crate::msg::Effect;
use crate::related;
use crate::store::ArticleIx;

/// Lines the mouse wheel scrolls at a time.
const WHEEL_STEP: usize = 3;
/// Lines shown above a search match the article scrolls to.
const MATCH_CONTEXT: usize = 1;

impl App {
    pub(super) fn enter_full_screen(&mut self) {
        if self.current.is_none() || self.screen.full {
            return;
        }
        self.focus_before_full = self.focus;
        self.focus = Focus::Article;
        self.screen.full = true;
    }

    pub(super) fn leave_full_screen(&mut self) {
        self.screen.full = false;
        self.focus = self.focus_before_full;
    }

    /// An action while the article is full screen.
    pub(super) fn full_screen(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.page(-1),
            // Space at the end of an article goes on to the next one.
            Action::PageDown if self.article_scroll >= self.max_article_scroll() => {
                self.next_article(1);
            }
            Action::PageDown => self.page(1),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::NextArticle => self.next_article(1),
            Action::PrevArticle => self.next_article(-1),
            Action::Escape => self.leave_full_screen(),
            Action::ToggleRead | Action::ToggleStar => return self.normal(action),
            Action::NextUnread => self.next_unread(true),
            Action::PrevUnread => self.next_unread(false),
            Action::NextMatch => self.jump_to_match(true),
            Action::PrevMatch => self.jump_to_match(false),
            Action::Help => self.mode = super::Mode::Help { scroll: 0 },
            Action::OpenLink => return self.open_link(),
            Action::CopyLink => return self.copy_link(),
            Action::Suspend => return vec![Effect::Suspend],
            Action::Quit => self.quit = true,
            _ => {}
        }
        Vec::new()
    }

    /// Shows the next (or previous) article of the list from its top, the focus kept.
    pub(super) fn next_article(&mut self, delta: isize) {
        let target = self.selected.saturating_add_signed(delta);
        if target >= self.view.len() || (delta < 0 && self.selected == 0) {
            self.notice = Some(
                if delta > 0 {
                    self.words.last_article
                } else {
                    self.words.first_article
                }
                .to_owned(),
            );
            return;
        }
        self.select(target);
    }

    /// `n` and `N`: with a search, the next (previous) match in the article while there is
    /// one; then the next (previous) unread article of the list, shown from its top (or, going
    /// back with a search, at its last match).
    pub(super) fn next_unread(&mut self, forward: bool) {
        if self.filter.search.is_some() {
            let here = self.article_scroll + MATCH_CONTEXT;
            let lines = self.match_lines();
            // Only while the article can still scroll that way: past that, the matches left
            // are on the screen already, and `n` goes on to the next article.
            let more = if forward {
                self.article_scroll < self.max_article_scroll() && lines.iter().any(|&l| l > here)
            } else {
                self.article_scroll > 0 && lines.iter().any(|&l| l < here)
            };
            if more {
                self.jump_to_match(forward);
                return;
            }
        }
        let unread = |app: &Self, pos: usize| {
            app.view
                .get(pos)
                .and_then(|&ix| app.store.article(ix))
                .is_some_and(|a| !app.state.is_read(&a.id))
        };
        let target = if forward {
            (self.selected + 1..self.view.len()).find(|&p| unread(self, p))
        } else {
            (0..self.selected).rev().find(|&p| unread(self, p))
        };
        match target {
            Some(pos) => {
                self.select(pos);
                self.refresh();
                // With a search, land on the article's first match (its last, going back).
                let lines = self.match_lines();
                let target = if forward { lines.first() } else { lines.last() };
                if let (Some(_), Some(&line)) = (&self.filter.search, target) {
                    self.article_scroll = line
                        .saturating_sub(MATCH_CONTEXT)
                        .min(self.max_article_scroll());
                    let n = if forward { 1 } else { lines.len() };
                    self.notice = Some(self.words.match_position(n, lines.len()));
                }
            }
            None => {
                self.notice = Some(
                    if forward {
                        self.words.no_unread_below
                    } else {
                        self.words.no_unread_above
                    }
                    .to_owned(),
                );
            }
        }
    }

    /// Moves the split between the headlines and the article.
    pub(super) fn move_split(&mut self, by: i16) {
        let range = layout::HEADLINES_PERCENT_RANGE;
        self.screen.headlines_percent = self
            .screen
            .headlines_percent
            .saturating_add_signed(by)
            .clamp(*range.start(), *range.end());
    }

    /// The document lines holding a search match, in order.
    pub fn match_lines(&self) -> Vec<usize> {
        let doc = self.document();
        doc.lines
            .iter()
            .enumerate()
            .filter_map(|(i, line)| match line {
                crate::document::DocLine::Text { block, range } => self
                    .highlights
                    .get(*block)
                    .is_some_and(|hs| {
                        hs.iter()
                            .any(|h| h.start < range.end && range.start < h.end)
                    })
                    .then_some(i),
                crate::document::DocLine::Gap => None,
            })
            .collect()
    }

    /// Scrolls the article so the next (or previous) match is near the top.
    pub(super) fn jump_to_match(&mut self, forward: bool) {
        let lines = self.match_lines();
        let here = self.article_scroll + MATCH_CONTEXT;
        let target = if forward {
            lines.iter().find(|&&l| l > here)
        } else {
            lines.iter().rev().find(|&&l| l < here)
        };
        match target {
            Some(&line) => {
                self.article_scroll = line
                    .saturating_sub(MATCH_CONTEXT)
                    .min(self.max_article_scroll());
                let n = lines.iter().position(|&l| l == line).map_or(0, |p| p + 1);
                self.notice = Some(self.words.match_position(n, lines.len()));
            }
            None if lines.is_empty() => self.notice = Some(self.words.no_matches_here.to_owned()),
            None => {
                self.notice = Some(if forward {
                    self.words.last_match.to_owned()
                } else {
                    self.words.first_match.to_owned()
                });
            }
        }
    }

    /// Selects headline `pos` (clamped) and shows its article.
    pub(super) fn select(&mut self, pos: usize) {
        self.selected = pos.min(self.view.len().saturating_sub(1));
        self.show(self.view.get(self.selected).copied());
    }

    /// The related stories of article `i`: linked, sharing a person, alike in content.
    pub(super) fn related_of(&self, i: ArticleIx) -> Vec<related::Related> {
        related::related(&self.store, &self.persons, self.similar.as_deref(), i)
    }

    /// Shows an article from the top, with its related stories.
    pub(super) fn show(&mut self, ix: Option<ArticleIx>) {
        if ix != self.current {
            self.keep_unread = false;
        }
        self.current = ix;
        self.article_scroll = 0;
        self.related = ix.map_or_else(Vec::new, |i| self.related_of(i));
        self.related_selected = 0;
        self.related_offset = 0;
    }

    pub(super) fn step(&mut self, delta: isize) {
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

    pub(super) fn page(&mut self, direction: isize) {
        let rows = match self.focus {
            Focus::Headlines => self.headlines_on_screen(),
            focus => self.panes().inner_height(focus),
        }
        .max(1);
        // The article keeps one line of context across a page turn.
        let rows = if self.focus == Focus::Article {
            rows.saturating_sub(1).max(1)
        } else {
            rows
        };
        self.step(direction * isize::try_from(rows).unwrap_or(1));
    }

    pub(super) fn max_article_scroll(&self) -> usize {
        let rows = self.panes().inner_height(Focus::Article);
        self.document.len().saturating_sub(rows.max(1))
    }

    pub(super) fn open(&mut self) {
        match self.focus {
            Focus::Headlines => {
                self.focus = Focus::Article;
                // Opened from a search: straight to the first match.
                if self.filter.search.is_some() && self.article_scroll == 0 {
                    self.refresh();
                    if let Some(line) = self.match_lines().first() {
                        self.article_scroll = line
                            .saturating_sub(MATCH_CONTEXT)
                            .min(self.max_article_scroll());
                    }
                }
            }
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

    pub(super) fn back(&mut self) {
        let Some(entry) = self.history.pop() else {
            self.notice = Some(self.words.nothing_back.to_owned());
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
        // Lay out now so the old scroll position can be restored within the new bounds.
        self.refresh();
        self.article_scroll = entry.article_scroll.min(self.max_article_scroll());
        self.related_selected = entry
            .related_selected
            .min(self.related.len().saturating_sub(1));
    }

    pub(super) fn click(&mut self, x: u16, y: u16) {
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
                let pos = self.headlines_offset + row / self.headline_height().max(1);
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

    pub(super) fn wheel(&mut self, x: u16, y: u16, down: bool) {
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
