//! Where each pane goes for a terminal size: pure, so the app state can map mouse positions and
//! page sizes with the same rectangles the screen is drawn with.

use ratatui::layout::{Constraint, Layout, Margin, Rect};

/// The panes of the reader.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Focus {
    #[default]
    Headlines,
    Article,
    Related,
}

impl Focus {
    pub fn next(self) -> Focus {
        match self {
            Focus::Headlines => Focus::Article,
            Focus::Article => Focus::Related,
            Focus::Related => Focus::Headlines,
        }
    }

    pub fn prev(self) -> Focus {
        match self {
            Focus::Headlines => Focus::Related,
            Focus::Article => Focus::Headlines,
            Focus::Related => Focus::Article,
        }
    }
}

/// Below this many columns or rows the reader shows a one-line "too small" note.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// Below this width (or [`SINGLE_BELOW_HEIGHT`] rows) one pane fills the screen.
pub const SINGLE_BELOW_WIDTH: u16 = 60;
pub const SINGLE_BELOW_HEIGHT: u16 = 14;
/// From this width on, headlines sit left of the article and related stories.
pub const SIDE_BY_SIDE_FROM: u16 = 100;

/// How the panes are arranged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrangement {
    /// Headlines left; article over related on the right.
    Wide,
    /// Headlines, article and related stacked top to bottom.
    Stacked,
    /// Only the focused pane; Tab switches.
    Single,
    /// Not enough room for anything but a note.
    TooSmall,
}

/// Pane rectangles (borders included) and the status line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panes {
    pub arrangement: Arrangement,
    pub headlines: Option<Rect>,
    pub article: Option<Rect>,
    pub related: Option<Rect>,
    pub status: Option<Rect>,
}

impl Panes {
    /// The rectangle of a pane, when it is on screen.
    pub fn rect(&self, focus: Focus) -> Option<Rect> {
        match focus {
            Focus::Headlines => self.headlines,
            Focus::Article => self.article,
            Focus::Related => self.related,
        }
    }

    /// The pane under a screen position.
    pub fn pane_at(&self, x: u16, y: u16) -> Option<Focus> {
        [Focus::Headlines, Focus::Article, Focus::Related]
            .into_iter()
            .find(|f| self.rect(*f).is_some_and(|r| r.contains((x, y).into())))
    }

    /// Rows inside a pane's border (0 when it is not shown).
    pub fn inner_height(&self, focus: Focus) -> usize {
        self.rect(focus).map_or(0, |r| usize::from(inner(r).height))
    }

    /// Columns inside a pane's border (0 when it is not shown).
    pub fn inner_width(&self, focus: Focus) -> usize {
        self.rect(focus).map_or(0, |r| usize::from(inner(r).width))
    }
}

/// Rows of the help overlay with `keys` rows of keys in a terminal of `rows` lines: one per key,
/// a blank, two borders, at most the terminal.
pub fn help_height(keys: usize, rows: u16) -> u16 {
    u16::try_from(keys + 3).unwrap_or(u16::MAX).min(rows)
}

/// Where the person picker goes: centred, up to 64 columns wide, leaving two rows above and
/// below when the terminal has them.
pub fn picker_rect(area: Rect) -> Rect {
    let width = area.width.min(64);
    let height = if area.height > 12 {
        area.height - 4
    } else {
        area.height
    };
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// The picker's list: inside its border, below the line being typed.
pub fn picker_list(picker: Rect) -> Rect {
    let inner = inner(picker);
    Rect::new(
        inner.x,
        inner.y.saturating_add(1).min(inner.bottom()),
        inner.width,
        inner.height.saturating_sub(1),
    )
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    r.inner(Margin::new(1, 1))
}

/// Places the panes in `area`; in the single-pane arrangement only `focus` is shown.
pub fn compute(area: Rect, focus: Focus) -> Panes {
    let none = Panes {
        arrangement: Arrangement::TooSmall,
        headlines: None,
        article: None,
        related: None,
        status: None,
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return none;
    }
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let status = Some(status);
    if area.width < SINGLE_BELOW_WIDTH || area.height < SINGLE_BELOW_HEIGHT {
        let mut p = Panes {
            arrangement: Arrangement::Single,
            status,
            ..none
        };
        match focus {
            Focus::Headlines => p.headlines = Some(main),
            Focus::Article => p.article = Some(main),
            Focus::Related => p.related = Some(main),
        }
        return p;
    }
    if area.width >= SIDE_BY_SIDE_FROM {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)])
                .areas(main);
        let [article, related] =
            Layout::vertical([Constraint::Percentage(72), Constraint::Percentage(28)]).areas(right);
        return Panes {
            arrangement: Arrangement::Wide,
            headlines: Some(left),
            article: Some(article),
            related: Some(related),
            status,
        };
    }
    let [headlines, article, related] = Layout::vertical([
        Constraint::Percentage(32),
        Constraint::Percentage(46),
        Constraint::Percentage(22),
    ])
    .areas(main);
    Panes {
        arrangement: Arrangement::Stacked,
        headlines: Some(headlines),
        article: Some(article),
        related: Some(related),
        status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrangements_by_size() {
        let at = |w, h| compute(Rect::new(0, 0, w, h), Focus::Article).arrangement;
        assert_eq!(at(120, 40), Arrangement::Wide);
        assert_eq!(at(80, 24), Arrangement::Stacked);
        assert_eq!(at(50, 20), Arrangement::Single);
        assert_eq!(at(120, 10), Arrangement::Single);
        assert_eq!(at(19, 24), Arrangement::TooSmall);
        assert_eq!(at(1, 1), Arrangement::TooSmall);
    }

    #[test]
    fn single_shows_only_the_focused_pane() {
        let p = compute(Rect::new(0, 0, 50, 20), Focus::Related);
        assert!(p.headlines.is_none() && p.article.is_none());
        assert_eq!(p.related, Some(Rect::new(0, 0, 50, 19)));
        assert_eq!(p.status, Some(Rect::new(0, 19, 50, 1)));
    }

    #[test]
    fn panes_tile_without_overlap() {
        for (w, h) in [(120, 40), (80, 24), (100, 14), (60, 14), (250, 80)] {
            let p = compute(Rect::new(0, 0, w, h), Focus::Headlines);
            let rects: Vec<Rect> = [p.headlines, p.article, p.related, p.status]
                .into_iter()
                .flatten()
                .collect();
            let area: u32 = rects
                .iter()
                .map(|r| u32::from(r.width) * u32::from(r.height))
                .sum();
            assert_eq!(area, u32::from(w) * u32::from(h), "{w}x{h}");
            for (i, a) in rects.iter().enumerate() {
                for b in &rects[i + 1..] {
                    assert!(!a.intersects(*b), "{w}x{h}: {a:?} overlaps {b:?}");
                }
            }
        }
    }
}
