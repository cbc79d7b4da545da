//! The help overlay: every key of the table in force, from the keymap itself, laid out by
//! [`crate::helptext`]; where it is taller than the screen, its position shows it scrolls.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::{Theme, draw, pane_block};
use crate::app::App;
use crate::helptext;
use crate::layout::inner;
use crate::words;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, scroll: usize) {
    let help = helptext::layout(&app.keymap, app.words, app.metrics, area.width, area.height);
    let [popup] = Layout::horizontal([Constraint::Length(help.width.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(help.height.min(area.height))])
        .flex(Flex::Center)
        .areas(popup);
    frame.render_widget(Clear, popup);
    let visible = help.visible();
    let scroll = scroll.min(help.max_scroll());
    let mut block = pane_block(app.words.help_title, true, theme, app.metrics, popup.width)
        .title_bottom(Line::from(Span::styled(app.words.help_footer, theme.dim)).right_aligned());
    if help.max_scroll() > 0 {
        let last = (scroll + visible).min(help.lines.len());
        let position = words::help_position(scroll + 1, last, help.lines.len());
        block = block.title_bottom(Line::from(Span::styled(position, theme.dim)).left_aligned());
    }
    frame.render_widget(block, popup);
    let inner = inner(popup);
    let buf = frame.buffer_mut();
    for (i, (keys, text)) in help.lines.iter().skip(scroll).take(visible).enumerate() {
        let y = inner.y + u16::try_from(i).unwrap_or(0);
        let pad = help.key_cols.saturating_sub(app.metrics.width(keys));
        let line = Line::from(vec![
            Span::styled(format!(" {keys}{} ", " ".repeat(pad)), theme.key),
            Span::raw(text.clone()),
        ]);
        draw::put_line(buf, inner, y, &line, app.metrics);
    }
}
