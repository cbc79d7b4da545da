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
    /// The article alone, full screen.
    Full,
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

/// What the reader chose about the arrangement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct View {
    /// The headline pane's share of the width when the panes sit side by side (`<` and `>`).
    pub headlines_percent: u16,
    /// The article alone on the screen (`z`).
    pub full: bool,
    /// Whether the related pane is shown (the config's `layout.related`); without it the
    /// article takes its room.
    pub related: bool,
}

impl Default for View {
    fn default() -> View {
        View {
            headlines_percent: DEFAULT_HEADLINES_PERCENT,
            full: false,
            related: true,
        }
    }
}

/// The headline pane's default share of a wide terminal: titles need the room more than the
/// article, which is set at a reading measure anyway.
pub const DEFAULT_HEADLINES_PERCENT: u16 = 50;
/// How far `<` and `>` may move the split.
pub const HEADLINES_PERCENT_RANGE: std::ops::RangeInclusive<u16> = 25..=75;

/// Columns of the date column in lists (`24/11/21`, `24/11`, `09:30`).
pub const DATE_COLS: usize = 8;
/// Columns of the person column in the headline list.
pub const PERSON_COLS: usize = 14;
/// Below this many columns for the title on one line, a headline takes two lines: the title on
/// the first, date and persons on the second.
pub const MIN_TITLE_COLS: usize = 50;

/// Rows one headline takes in a list `width` x `height` (inside the border): 1, or 2 when a
/// title on one line would get fewer than [`MIN_TITLE_COLS`] and the list has the rows to spare
/// (at least [`TWO_LINE_MIN_ROWS`]).
pub fn headline_height(width: usize, height: usize) -> usize {
    if height >= TWO_LINE_MIN_ROWS
        && (20..DATE_COLS + 2 + MIN_TITLE_COLS + 1 + PERSON_COLS).contains(&width)
    {
        2
    } else {
        1
    }
}

/// A list shorter than this keeps one row per headline: halving a handful of rows costs more
/// than a cut title.
pub const TWO_LINE_MIN_ROWS: usize = 10;

/// Places the panes in `area`; in the single-pane arrangement only `focus` is shown.
pub fn compute(area: Rect, focus: Focus) -> Panes {
    arrange(area, focus, View::default())
}

/// Places the panes in `area` for the reader's `view`.
pub fn arrange(area: Rect, focus: Focus, view: View) -> Panes {
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
    if view.full {
        return Panes {
            arrangement: Arrangement::Full,
            article: Some(main),
            status,
            ..none
        };
    }
    if area.width < SINGLE_BELOW_WIDTH || area.height < SINGLE_BELOW_HEIGHT {
        let mut p = Panes {
            arrangement: Arrangement::Single,
            status,
            ..none
        };
        match focus {
            Focus::Headlines => p.headlines = Some(main),
            Focus::Related if view.related => p.related = Some(main),
            Focus::Article | Focus::Related => p.article = Some(main),
        }
        return p;
    }
    if area.width >= SIDE_BY_SIDE_FROM {
        let left_percent = view.headlines_percent.clamp(
            *HEADLINES_PERCENT_RANGE.start(),
            *HEADLINES_PERCENT_RANGE.end(),
        );
        let [left, right] = Layout::horizontal([
            Constraint::Percentage(left_percent),
            Constraint::Percentage(100 - left_percent),
        ])
        .areas(main);
        let (article, related) = if view.related {
            let [article, related] =
                Layout::vertical([Constraint::Percentage(72), Constraint::Percentage(28)])
                    .areas(right);
            (article, Some(related))
        } else {
            (right, None)
        };
        return Panes {
            arrangement: Arrangement::Wide,
            headlines: Some(left),
            article: Some(article),
            related,
            status,
        };
    }
    if !view.related {
        let [headlines, article] =
            Layout::vertical([Constraint::Percentage(30), Constraint::Percentage(70)]).areas(main);
        return Panes {
            arrangement: Arrangement::Stacked,
            headlines: Some(headlines),
            article: Some(article),
            related: None,
            status,
        };
    }
    let [headlines, article, related] = Layout::vertical([
        Constraint::Percentage(30),
        Constraint::Percentage(52),
        Constraint::Percentage(18),
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
    fn without_the_related_pane_the_article_takes_its_room() {
        let view = View {
            related: false,
            ..View::default()
        };
        for (w, h) in [(120, 40), (80, 24), (50, 20)] {
            for focus in [Focus::Headlines, Focus::Article, Focus::Related] {
                let p = arrange(Rect::new(0, 0, w, h), focus, view);
                assert!(p.related.is_none(), "{w}x{h} {focus:?}");
            }
        }
        let p = arrange(Rect::new(0, 0, 50, 20), Focus::Related, view);
        assert_eq!(p.article, Some(Rect::new(0, 0, 50, 19)));
    }

    #[test]
    fn panes_tile_without_overlap() {
        for (w, h, related) in [
            (120, 40, true),
            (80, 24, true),
            (100, 14, true),
            (60, 14, true),
            (250, 80, true),
            (120, 40, false),
            (80, 24, false),
        ] {
            let view = View {
                related,
                ..View::default()
            };
            let p = arrange(Rect::new(0, 0, w, h), Focus::Headlines, view);
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
