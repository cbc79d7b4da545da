//! The help overlay: every key, from the keymap's own table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::{draw, pane_block, theme};
use crate::app::App;
use crate::keymap::help_rows;
use crate::layout::inner;

/// Rows of the overlay for a terminal of `rows` lines: one per key, a blank, two borders.
fn popup_height(keys: usize, rows: u16) -> u16 {
    u16::try_from(keys + 3).unwrap_or(u16::MAX).min(rows)
}

/// The furthest the help can scroll in a terminal of this size (columns, rows).
pub fn max_scroll(size: (u16, u16)) -> usize {
    let keys = help_rows().len();
    keys.saturating_sub(usize::from(popup_height(keys, size.1).saturating_sub(2)))
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, scroll: usize) {
    let rows = help_rows();
    let key_cols = rows
        .iter()
        .map(|(k, _)| app.metrics.width(k))
        .max()
        .unwrap_or(0);
    let text_cols = rows
        .iter()
        .map(|(_, t)| app.metrics.width(t))
        .max()
        .unwrap_or(0);
    let want_w = u16::try_from(key_cols + text_cols + 6).unwrap_or(u16::MAX);
    let want_h = popup_height(rows.len(), area.height);
    let [popup] = Layout::horizontal([Constraint::Length(want_w.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(want_h.min(area.height))])
        .flex(Flex::Center)
        .areas(popup);
    frame.render_widget(Clear, popup);
    let block = pane_block(theme::HELP_TITLE, true, app.metrics, popup.width)
        .title_bottom(Line::from(Span::styled(theme::HELP_FOOTER, theme::dim())).right_aligned());
    frame.render_widget(block, popup);
    let inner = inner(popup);
    let visible = usize::from(inner.height);
    let scroll = scroll.min(rows.len().saturating_sub(visible));
    let buf = frame.buffer_mut();
    for (i, (keys, text)) in rows.iter().skip(scroll).take(visible).enumerate() {
        let y = inner.y + u16::try_from(i).unwrap_or(0);
        let pad = key_cols.saturating_sub(app.metrics.width(keys));
        let line = Line::from(vec![
            Span::styled(format!(" {keys}{} ", " ".repeat(pad)), theme::persons()),
            Span::raw(
                app.metrics
                    .truncate(text, usize::from(inner.width).saturating_sub(key_cols + 2)),
            ),
        ]);
        draw::put_line(buf, inner, y, &line, app.metrics);
    }
}
