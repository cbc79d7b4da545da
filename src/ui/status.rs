//! The status line: store, shown/total, active filters, load warnings, key hints.
//!
//! When the line is short of room the store name gives way first, then the key hints; the
//! counts, filters and warnings stay whole as long as they fit at all. While the store loads,
//! the counts give way to how much has been read (or, while the first part of a large store is
//! shown, stand before it).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Theme, draw};
use crate::action::Action;
use crate::app::App;
use crate::keymap::ModeKind;
use crate::layout::Focus;

/// Everything after the store name: counts (or loading), filters, warnings, the notice.
pub fn details(app: &App, theme: &Theme) -> Vec<Span<'static>> {
    let counts = Span::raw(format!(" · {}/{}", app.view.len(), app.store.len()));
    let mut spans = match app.loading {
        Some(bytes) if !app.loaded => {
            let loading = Span::raw(format!(" · {}", app.words.loading(bytes, app.loading_read)));
            // The first part of a large store is shown while the rest loads: both counts.
            match app.partial {
                true => vec![counts, loading],
                false => vec![loading],
            }
        }
        _ => vec![counts],
    };
    if app.filtering {
        spans.push(Span::styled(
            format!(" · {}", app.words.searching),
            theme.dim.patch(theme.status),
        ));
    }
    if app.loaded {
        spans.push(Span::raw(format!(
            " · {}",
            app.words.unread(app.unread_count())
        )));
    }
    if !app.filter.is_empty() {
        spans.push(Span::raw(format!(" · {}", app.filter)));
    }
    if app.undated_hidden > 0 {
        spans.push(Span::styled(
            format!(" · {}", app.words.undated_hidden(app.undated_hidden)),
            theme.dim.patch(theme.status),
        ));
    }
    if !app.store.warnings.is_empty() {
        spans.push(Span::styled(
            format!(
                " · {}",
                app.words
                    .warnings(app.store.warnings.len(), &app.check_command)
            ),
            theme.warning,
        ));
    }
    if let Some(notice) = &app.notice {
        spans.push(Span::styled(format!(" · {notice}"), theme.warning));
    }
    spans
}

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let m = app.metrics;
    let buf = frame.buffer_mut();
    draw::fill_row(buf, area, area.y, theme.status);
    let width = usize::from(area.width);
    let details = details(app, theme);
    let details_cols: usize = details.iter().map(|s| m.width(&s.content)).sum();
    // The store name keeps at least a few columns, and never more than what is left.
    let name_room = width.saturating_sub(details_cols + 1).max(width.min(8));
    let name = m.truncate(&app.store_name, name_room.saturating_sub(1));
    let mut spans = vec![Span::raw(format!(" {name}"))];
    spans.extend(details);
    let left = Line::from(spans).style(theme.status);
    let left_cols = m.width(&left.to_string());

    let h = &app.words.hints;
    let (mode, pairs): (ModeKind, Vec<(&[Action], &str)>) = match app.focus {
        _ if app.screen.full => (
            ModeKind::Full,
            vec![
                (&[Action::Down, Action::Up], h.scroll),
                (&[Action::NextArticle, Action::PrevArticle], h.next_prev),
                (&[Action::Escape], h.back),
                (&[Action::Help], h.help),
            ],
        ),
        Focus::Headlines => (
            ModeKind::Normal,
            vec![
                (&[Action::Down, Action::Up], h.moves),
                (&[Action::Open], h.read),
                (&[Action::FocusNext], h.pane),
                (&[Action::Help], h.help),
                (&[Action::Quit], h.quit),
            ],
        ),
        Focus::Article => (
            ModeKind::Normal,
            vec![
                (&[Action::Down, Action::Up], h.scroll),
                (&[Action::PageDown], h.page),
                (&[Action::FocusNext], h.pane),
                (&[Action::Help], h.help),
                (&[Action::Quit], h.quit),
            ],
        ),
        Focus::Related => (
            ModeKind::Normal,
            vec![
                (&[Action::Down, Action::Up], h.moves),
                (&[Action::Open], h.open),
                (&[Action::Back], h.back),
                (&[Action::Help], h.help),
                (&[Action::Quit], h.quit),
            ],
        ),
    };
    let full = hints(app, mode, &pairs);
    let short = hints(
        app,
        mode,
        &[
            (&[Action::FocusNext], h.pane),
            (&[Action::Help], h.help),
            (&[Action::Quit], h.quit),
        ],
    );
    let minimal = hints(app, mode, &[(&[Action::Help], h.help)]);
    // The help hint stays at every width: the rest of the line gives way to it.
    let hints = [full, short]
        .into_iter()
        .find(|h| left_cols + m.width(h) + 3 <= width)
        .unwrap_or(minimal);
    let hint_cols = m.width(&hints) + 1;
    let left_room = width.saturating_sub(hint_cols + 1);
    if hint_cols <= width {
        at_right(buf, area, &hints, theme.dim.patch(theme.status), m);
    }
    let left_area = Rect::new(area.x, area.y, u16::try_from(left_room).unwrap_or(0), 1);
    if left_cols <= left_room {
        draw::put_line(buf, left_area, area.y, &left, m);
    } else {
        let text = m.truncate(&left.to_string(), left_room);
        draw::put_line(buf, left_area, area.y, &Line::styled(text, theme.status), m);
    }
}

/// Key hints from the key table in force, so a rebound key is hinted as bound: each entry's
/// keys (`j/k` for two actions) then what they do; an action bound to nothing is left out.
pub fn hints(app: &App, mode: ModeKind, pairs: &[(&[Action], &str)]) -> String {
    pairs
        .iter()
        .filter_map(|(actions, what)| {
            let keys: Option<Vec<String>> = actions
                .iter()
                .map(|a| app.keymap.hint_key(mode, *a))
                .collect();
            keys.map(|k| format!("{} {what}", k.join("/")))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Writes `hints` in `style` at the right end of the status row.
pub fn at_right(
    buf: &mut ratatui::buffer::Buffer,
    area: Rect,
    hints: &str,
    style: ratatui::style::Style,
    m: crate::text::Metrics,
) {
    let width = usize::from(area.width);
    let hint_cols = m.width(hints) + 1;
    let x = area.x + u16::try_from(width.saturating_sub(hint_cols)).unwrap_or(0);
    let hint_area = Rect::new(x, area.y, area.right() - x, 1);
    let line = Line::styled(format!("{hints} "), style);
    draw::put_line(buf, hint_area, area.y, &line, m);
}
