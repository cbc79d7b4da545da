//! The status line: store, shown/total, active filters, load warnings, key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{draw, theme};
use crate::app::App;
use crate::layout::Focus;

/// The left part: what is open and what is filtered.
pub fn left(app: &App) -> Vec<Span<'static>> {
    let mut spans = vec![Span::raw(format!(
        " {} · {}/{}",
        app.store_name,
        app.view.len(),
        app.store.len()
    ))];
    if !app.filter.is_empty() {
        spans.push(Span::raw(format!(" · {}", app.filter)));
    }
    if !app.store.warnings.is_empty() {
        let n = app.store.warnings.len();
        let s = if n == 1 { "" } else { "s" };
        spans.push(Span::styled(
            format!(" · {n} warning{s}: tuinews check"),
            theme::warning(),
        ));
    }
    if let Some(notice) = &app.notice {
        spans.push(Span::styled(format!(" · {notice}"), theme::warning()));
    }
    spans
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let buf = frame.buffer_mut();
    draw::fill_row(buf, area, area.y, theme::status());
    let hints = match app.focus {
        Focus::Headlines => theme::HINTS_HEADLINES,
        Focus::Article => theme::HINTS_ARTICLE,
        Focus::Related => theme::HINTS_RELATED,
    };
    let width = usize::from(area.width);
    let left = Line::from(left(app)).style(theme::status());
    let left_cols = app.metrics.width(&left.to_string());
    // The pane's hints when they fit after the status, else the two that matter most.
    let hints = [hints, theme::HINTS_SHORT]
        .into_iter()
        .find(|h| left_cols + app.metrics.width(h) + 3 <= width)
        .unwrap_or("");
    let hint_cols = app.metrics.width(hints) + 1;
    if !hints.is_empty() {
        let x = area.x + u16::try_from(width - hint_cols).unwrap_or(0);
        let hint_area = Rect::new(x, area.y, area.right() - x, 1);
        draw::put_line(
            buf,
            hint_area,
            area.y,
            &Line::styled(format!("{hints} "), theme::dim().patch(theme::status())),
            app.metrics,
        );
    }
    let text = app.metrics.truncate(&left.to_string(), width);
    if left_cols <= width {
        draw::put_line(buf, area, area.y, &left, app.metrics);
    } else {
        draw::put_line(
            buf,
            area,
            area.y,
            &Line::styled(text, theme::status()),
            app.metrics,
        );
    }
}
