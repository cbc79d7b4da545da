//! A line prompt in the status row: its label, what has been typed, the terminal's cursor where
//! the next letter goes; the hints (or why the text was refused) at the right.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

use super::status::at_right;
use super::{Theme, draw};
use crate::app::{App, Prompt, PromptKind};
use crate::words;

pub fn render(app: &App, prompt: &Prompt, theme: &Theme, frame: &mut Frame, area: Rect) {
    let m = app.metrics;
    let width = usize::from(area.width);
    let label = match prompt.kind {
        PromptKind::Search => words::PROMPT_SEARCH,
        PromptKind::Person => words::PROMPT_PERSON,
        PromptKind::Date => words::PROMPT_DATE,
    };
    let label = format!(" {label}");
    let text = prompt.input.text();
    let (before, after) = text.split_at(prompt.input.cursor());
    // Keep the cursor on screen: drop whole graphemes from the start while the text before it
    // does not fit beside the label.
    let room = width.saturating_sub(m.width(&label) + 1);
    let mut shown_from = 0;
    for (at, _) in before.grapheme_indices(true) {
        if m.width(&before[at..]) <= room {
            shown_from = at;
            break;
        }
        shown_from = before.len();
    }
    let before = &before[shown_from..];
    let cursor_x = m.width(&label) + m.width(before);

    let buf = frame.buffer_mut();
    draw::fill_row(buf, area, area.y, theme.status);
    // Why the text was refused matters more than the hints, so it is cut to fit rather than
    // left out.
    let room = width.saturating_sub(cursor_x + m.width(after) + 3);
    match app.notice.as_deref() {
        Some(notice) if room >= 8 => {
            let style = theme.status.patch(theme.warning);
            at_right(buf, area, &m.truncate(notice, room), style, m);
        }
        _ if m.width(words::HINTS_PROMPT) <= room => {
            at_right(
                buf,
                area,
                words::HINTS_PROMPT,
                theme.dim.patch(theme.status),
                m,
            );
        }
        _ => {}
    }
    let line = Line::from(vec![
        Span::styled(label, theme.key.patch(theme.status)),
        Span::raw(format!("{before}{after}")),
    ])
    .style(theme.status);
    draw::put_line(buf, area, area.y, &line, m);
    if let Ok(x) = u16::try_from(cursor_x)
        && x < area.width
    {
        frame.set_cursor_position(Position::new(area.x + x, area.y));
    }
}
