//! The related pane: linked stories first, then stories sharing a person, each with its date,
//! title and why it is there. Enter opens the selected one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Theme;
use super::headlines::When;
use super::list::{self, ListPane};
use crate::app::App;
use crate::layout::DATE_COLS;
use crate::layout::Focus;
use crate::related::{Reason, Related};
use crate::store::Store;
use crate::text::Metrics;
use crate::words;

/// One related row at most `width` columns wide.
pub fn row(
    store: &Store,
    r: &Related,
    width: usize,
    when: &When<'_>,
    theme: &Theme,
    metrics: Metrics,
) -> Line<'static> {
    let Some(a) = store.article(r.ix) else {
        return Line::default();
    };
    let mark = match r.reason {
        Reason::Linked => words::LINKED_MARK,
        Reason::SharedPerson(_) => words::SHARED_MARK,
        Reason::Similar => words::SIMILAR_MARK,
    };
    let why = match &r.reason {
        Reason::SharedPerson(p) if width >= 50 => format!(" ({p})"),
        _ => String::new(),
    };
    let prefix = if width >= 30 {
        let date = match a.published {
            Some(p) => when.zone.compact(&p, when.today),
            None => words::UNDATED.to_owned(),
        };
        format!("{mark} {date:<DATE_COLS$} ")
    } else {
        format!("{mark} ")
    };
    let prefix = metrics.truncate(&prefix, width);
    let prefix_cols = metrics.width(&prefix);
    let why = metrics.truncate(&why, width.saturating_sub(prefix_cols) / 3);
    let title_cols = width.saturating_sub(prefix_cols + metrics.width(&why));
    let title = metrics.truncate(&a.title, title_cols);
    Line::from(vec![
        Span::styled(prefix, theme.dim),
        Span::raw(title),
        Span::styled(why, theme.person),
    ])
}

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let title = format!("{} {}", app.words.related_title, app.related.len());
    let pane = ListPane {
        title: &title,
        focused: app.focus == Focus::Related,
        len: app.related.len(),
        selected: app.related_selected,
        offset: app.related_offset,
        item_height: 1,
        empty_note: app.words.no_related,
        theme,
        metrics: app.metrics,
    };
    let when = When {
        zone: &app.zone,
        today: app.today,
        state: None,
    };
    list::render(frame, area, &pane, |i, width| {
        app.related
            .get(i)
            .map(|r| vec![row(&app.store, r, width, &when, theme, app.metrics)])
            .unwrap_or_default()
    });
}
