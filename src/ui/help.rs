//! The help overlay: every key of the table in force, from the keymap itself.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::{Theme, draw, pane_block};
use crate::app::App;
use crate::layout::{help_height, inner};
use crate::words;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, scroll: usize) {
    let rows = app.keymap.help_rows();
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
    let want_h = help_height(rows.len(), area.height);
    let [popup] = Layout::horizontal([Constraint::Length(want_w.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(want_h.min(area.height))])
        .flex(Flex::Center)
        .areas(popup);
    frame.render_widget(Clear, popup);
    let block = pane_block(words::HELP_TITLE, true, theme, app.metrics, popup.width)
        .title_bottom(Line::from(Span::styled(words::HELP_FOOTER, theme.dim)).right_aligned());
    frame.render_widget(block, popup);
    let inner = inner(popup);
    let visible = usize::from(inner.height);
    let scroll = scroll.min(rows.len().saturating_sub(visible));
    let buf = frame.buffer_mut();
    for (i, (keys, text)) in rows.iter().skip(scroll).take(visible).enumerate() {
        let y = inner.y + u16::try_from(i).unwrap_or(0);
        let pad = key_cols.saturating_sub(app.metrics.width(keys));
        let line = Line::from(vec![
            Span::styled(format!(" {keys}{} ", " ".repeat(pad)), theme.key),
            Span::raw(
                app.metrics
                    .truncate(text, usize::from(inner.width).saturating_sub(key_cols + 2)),
            ),
        ]);
        draw::put_line(buf, inner, y, &line, app.metrics);
    }
}
