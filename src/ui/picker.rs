//! The person picker overlay: what is typed on the first line, then the matching persons with
//! their article counts, the highlighted one in the selection style.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::{Theme, draw, pane_block};
use crate::app::{App, Picker};
use crate::layout::{inner, picker_list, picker_rect};

pub fn render(app: &App, picker: &Picker, theme: &Theme, frame: &mut Frame, area: Rect) {
    let m = app.metrics;
    let popup = picker_rect(area);
    frame.render_widget(Clear, popup);
    let scope = if picker.only_result {
        app.words.picker_result
    } else {
        app.words.picker_all
    };
    let title = format!(
        "{} · {scope} · {}",
        app.words.picker_title,
        picker.rows.len()
    );
    let block = pane_block(&title, true, theme, m, popup.width)
        .title_bottom(Line::from(Span::styled(app.words.picker_hints, theme.dim)).right_aligned());
    frame.render_widget(block, popup);
    let inner = inner(popup);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let list = picker_list(popup);
    let width = usize::from(inner.width);

    // The line being typed, its end kept in view.
    let text = picker.input.text();
    let before = &text[..picker.input.cursor()];
    let prompt = "› ";
    let room = width.saturating_sub(m.width(prompt) + 1);
    let shown_before = draw::tail_fitting(before, room, m);
    let cursor_x = m.width(prompt) + m.width(shown_before);
    let line = Line::from(vec![
        Span::styled(prompt, theme.key),
        Span::raw(format!("{shown_before}{}", &text[picker.input.cursor()..])),
    ]);
    let buf = frame.buffer_mut();
    draw::put_line(buf, inner, inner.y, &line, m);

    if picker.rows.is_empty() {
        if list.height > 0 {
            let note = Line::styled(app.words.picker_none, theme.dim);
            draw::put_line(buf, list, list.y, &note, m);
        }
    } else {
        let rows = usize::from(list.height);
        let offset =
            crate::app::keep_visible(picker.selected, picker.offset, rows, picker.rows.len());
        for (y, i) in (list.y..list.bottom()).zip(offset..picker.rows.len()) {
            let Some(person) = picker.rows.get(i).and_then(|&p| app.people().list.get(p)) else {
                continue;
            };
            let count = picker
                .rows
                .get(i)
                .and_then(|&p| picker.counts.get(p))
                .copied()
                .unwrap_or(0)
                .to_string();
            let name_cols = width.saturating_sub(m.width(&count) + 3);
            let name = m.truncate(&person.name, name_cols);
            let pad = width.saturating_sub(m.width(&name) + m.width(&count) + 2);
            let mut line = Line::from(vec![
                Span::styled(format!(" {name}{}", " ".repeat(pad)), theme.person),
                Span::styled(format!("{count} "), theme.dim),
            ]);
            if i == picker.selected {
                let style = theme.selected(true);
                draw::fill_row(buf, list, y, style);
                for span in &mut line.spans {
                    span.style = span.style.patch(style);
                }
            }
            draw::put_line(buf, list, y, &line, m);
        }
    }
    if let Ok(x) = u16::try_from(cursor_x)
        && x < inner.width
    {
        frame.set_cursor_position(Position::new(inner.x + x, inner.y));
    }
}
