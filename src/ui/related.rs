//! The related pane: linked stories first, then stories sharing a person, each with its date,
//! title and why it is there. Enter opens the selected one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{draw, pane_block, theme};
use crate::app::App;
use crate::layout::{Focus, inner};
use crate::related::{Reason, Related};
use crate::store::Store;
use crate::text::Metrics;

/// One related row at most `width` columns wide.
pub fn row(store: &Store, r: &Related, width: usize, metrics: Metrics) -> Line<'static> {
    let a = &store.articles[r.index];
    let date = a
        .published
        .map_or_else(|| theme::UNDATED.to_owned(), |p| p.short());
    let mark = match r.reason {
        Reason::Linked => theme::LINKED_MARK,
        Reason::SharedPerson(_) => theme::SHARED_MARK,
    };
    let why = match &r.reason {
        Reason::SharedPerson(p) if width >= 50 => format!(" ({p})"),
        _ => String::new(),
    };
    let prefix = if width >= 30 {
        format!("{mark} {date:<10} ")
    } else {
        format!("{mark} ")
    };
    let prefix_cols = metrics.width(&prefix);
    let why = metrics.truncate(&why, width.saturating_sub(prefix_cols) / 3);
    let title_cols = width.saturating_sub(prefix_cols + metrics.width(&why));
    let title = metrics.truncate(&a.title, title_cols);
    let prefix = metrics.truncate(&prefix, width);
    Line::from(vec![
        Span::styled(prefix, theme::dim()),
        Span::raw(title),
        Span::styled(why, theme::persons()),
    ])
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let title = format!("{} {}", theme::RELATED_TITLE, app.related.len());
    frame.render_widget(
        pane_block(&title, app.focus == Focus::Related, app.metrics, area.width),
        area,
    );
    let inner = inner(area);
    let rows = usize::from(inner.height);
    let buf = frame.buffer_mut();
    if app.related.is_empty() {
        draw::put_line(
            buf,
            inner,
            inner.y,
            &Line::styled(theme::NO_RELATED, theme::dim()),
            app.metrics,
        );
        return;
    }
    let offset = crate::app::keep_visible(
        app.related_selected,
        app.related_offset,
        rows,
        app.related.len(),
    );
    for (i, r) in app.related.iter().enumerate().skip(offset).take(rows) {
        let y = inner.y + u16::try_from(i - offset).unwrap_or(0);
        let line = row(&app.store, r, usize::from(inner.width), app.metrics);
        if i == app.related_selected {
            let style = theme::selected(app.focus == Focus::Related);
            draw::fill_row(buf, inner, y, style);
            draw::put_line(buf, inner, y, &line.patch_style(style), app.metrics);
        } else {
            draw::put_line(buf, inner, y, &line, app.metrics);
        }
    }
}
