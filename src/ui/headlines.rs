//! The headline list: date, title truncated to fit, first person; the selected row highlighted,
//! a scrollbar when the list is longer than the pane.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::{draw, pane_block, theme};
use crate::app::App;
use crate::layout::{Focus, inner};
use crate::store::Article;
use crate::text::Metrics;

/// Columns of the date column (`dd/mm/yyyy`).
const DATE_COLS: usize = 10;

/// One headline row exactly `width` columns wide (or less when nothing fits).
pub fn row(a: &Article, width: usize, metrics: Metrics) -> Line<'static> {
    let date = a
        .published
        .map_or_else(|| theme::UNDATED.to_owned(), |p| p.short());
    let show_date = width >= 30;
    let person = a.persons.first().filter(|_| width >= 44);
    // A fixed person column, so titles and names line up from row to row.
    let person_cols = if person.is_some() {
        (width / 4).min(20)
    } else {
        0
    };
    let used = if show_date { DATE_COLS + 1 } else { 0 }
        + if person.is_some() { person_cols + 1 } else { 0 };
    let title_cols = width.saturating_sub(used);
    let mut title = metrics.truncate(&a.title, title_cols);
    let pad = title_cols.saturating_sub(metrics.width(&title));
    title.extend(std::iter::repeat_n(' ', pad));
    let mut spans = Vec::new();
    if show_date {
        spans.push(Span::styled(format!("{date:<DATE_COLS$} "), theme::dim()));
    }
    spans.push(Span::raw(title));
    if let Some(p) = person {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            metrics.truncate(p, person_cols),
            theme::persons(),
        ));
    }
    Line::from(spans)
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let title = format!(
        "{} {}/{}",
        theme::HEADLINES_TITLE,
        app.view.len(),
        app.store.len()
    );
    frame.render_widget(
        pane_block(
            &title,
            app.focus == Focus::Headlines,
            app.metrics,
            area.width,
        ),
        area,
    );
    let inner = inner(area);
    let rows = usize::from(inner.height);
    let width = usize::from(inner.width);
    let buf = frame.buffer_mut();
    if app.view.is_empty() {
        let note = if app.store.is_empty() {
            theme::EMPTY_STORE
        } else {
            theme::NO_MATCH
        };
        draw::put_line(
            buf,
            inner,
            inner.y,
            &Line::styled(note, theme::dim()),
            app.metrics,
        );
        return;
    }
    let offset = crate::app::keep_visible(app.selected, app.headlines_offset, rows, app.view.len());
    for (row_no, &index) in app.view.iter().enumerate().skip(offset).take(rows) {
        let y = inner.y + u16::try_from(row_no - offset).unwrap_or(0);
        let line = row(&app.store.articles[index], width, app.metrics);
        if row_no == app.selected {
            let style = theme::selected(app.focus == Focus::Headlines);
            draw::fill_row(buf, inner, y, style);
            draw::put_line(buf, inner, y, &line.patch_style(style), app.metrics);
        } else {
            draw::put_line(buf, inner, y, &line, app.metrics);
        }
    }
    if app.view.len() > rows {
        let mut state = ScrollbarState::new(app.view.len().saturating_sub(rows)).position(offset);
        let mut bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None);
        if app.metrics.ambiguous_wide {
            // The block symbols are ambiguous-width too (see `pane_block`).
            bar = bar.track_symbol(Some("|")).thumb_symbol("#");
        }
        frame.render_stateful_widget(bar, area.inner(Margin::new(0, 1)), &mut state);
    }
}
