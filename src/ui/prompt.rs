//! A line prompt in the status row: its label, what has been typed, the terminal's cursor where
//! the next letter goes; at the right, what the text means (how many articles it shows, or
//! why it cannot be read) and the hints.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::status::at_right;
use super::{Theme, draw};
use crate::app::{App, Prompt, PromptKind};

pub fn render(app: &App, prompt: &Prompt, theme: &Theme, frame: &mut Frame, area: Rect) {
    let m = app.metrics;
    let width = usize::from(area.width);
    let label = match prompt.kind {
        PromptKind::Search => app.words.prompt_search,
        PromptKind::Date => app.words.prompt_date,
        PromptKind::Query => app.words.prompt_query,
    };
    let label = format!(" {label}");
    let text = prompt.input.text();
    let (before, after) = text.split_at(prompt.input.cursor());
    let before = draw::tail_fitting(before, width.saturating_sub(m.width(&label) + 1), m);
    let cursor_x = m.width(&label) + m.width(before);

    let buf = frame.buffer_mut();
    draw::fill_row(buf, area, area.y, theme.status);
    // What the text means matters more than the hints, so it is cut to fit rather than left out.
    let room = width.saturating_sub(cursor_x + m.width(after) + 3);
    let problem = app
        .notice
        .clone()
        .or_else(|| prompt.verdict.as_ref().err().cloned());
    let right = match (problem, &prompt.verdict) {
        (Some(problem), _) if room >= 8 => Some((
            m.truncate(&problem, room),
            theme.status.patch(theme.warning),
        )),
        (None, Ok(n)) => {
            // A search still being applied in the background has no count yet.
            let count = if app.filtering && prompt.kind == crate::app::PromptKind::Search {
                app.words.searching.to_owned()
            } else {
                app.words.articles(*n)
            };
            let h = &app.words.hints;
            let keys = super::status::hints(
                app,
                crate::keymap::ModeKind::Prompt,
                &[
                    (&[crate::action::Action::Submit], h.apply),
                    (&[crate::action::Action::Escape], h.cancel),
                ],
            );
            let full = format!("{count} · {keys}");
            [full, count]
                .into_iter()
                .find(|t| m.width(t) <= room)
                .map(|t| (t, theme.dim.patch(theme.status)))
        }
        _ => None,
    };
    if let Some((text, style)) = right {
        at_right(buf, area, &text, style, m);
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
