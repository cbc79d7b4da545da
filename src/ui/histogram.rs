//! Above the date prompt: the store's articles per month (or per day, when the dates typed lie
//! within one month) as bars, the ones the typed range covers in the match style, so the reader
//! sees where the news is before choosing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::{Theme, draw, pane_block};
use crate::app::{App, Prompt};
use crate::histogram::{Unit, buckets};
use crate::layout::inner;
use crate::query::DateFilter;

/// Rows the histogram takes, borders included, when the terminal has room for it.
const HEIGHT: u16 = 8;
/// Eighths of a cell, from empty to full; ASCII where block characters would be drawn wide.
const BARS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/// Where the histogram goes: just above the status row, full width.
pub fn area(screen: Rect) -> Option<Rect> {
    (screen.height >= HEIGHT + 6 && screen.width >= 20)
        .then(|| Rect::new(screen.x, screen.bottom() - 1 - HEIGHT, screen.width, HEIGHT))
}

pub fn render(app: &App, prompt: &Prompt, theme: &Theme, frame: &mut Frame, screen: Rect) {
    let Some(rect) = area(screen) else {
        return;
    };
    let m = app.metrics;
    let range = DateFilter::parse(prompt.input.text(), app.today)
        .ok()
        .map(|d| d.range);
    let inside = inner(rect);
    let (unit, bars) = buckets(&app.dates, range, usize::from(inside.width));
    frame.render_widget(Clear, rect);
    let title = match (unit, bars.first()) {
        (Unit::Day, Some(b)) => app.words.per_day(&b.start.strftime("%m/%Y").to_string()),
        _ => app.words.per_month.to_owned(),
    };
    let choices = m.truncate(
        app.words.date_choices,
        usize::from(rect.width.saturating_sub(4)),
    );
    let block = pane_block(&title, false, theme, m, rect.width)
        .title_bottom(Line::from(Span::styled(choices, theme.dim)).right_aligned());
    frame.render_widget(block, rect);
    if bars.is_empty() || inside.height < 2 {
        return;
    }
    let rows = usize::from(inside.height - 1);
    let top = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let buf = frame.buffer_mut();
    for (x, b) in (inside.x..inside.right()).zip(&bars) {
        let style = if b.chosen { theme.matched } else { theme.date };
        // Height in eighths of a row, at least one for a month with any article.
        let eighths = (b.count * rows * 8)
            .div_ceil(top)
            .max(usize::from(b.count > 0));
        for r in 0..rows {
            let y = inside.y + u16::try_from(rows - 1 - r).unwrap_or(0);
            let fill = eighths.saturating_sub(r * 8).min(8);
            let glyph = if m.ambiguous_wide {
                if fill >= 4 { "#" } else { " " }
            } else {
                BARS[fill]
            };
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.set_symbol(glyph).set_style(style);
            }
        }
    }
    // The axis: years under their first month (or day numbers every five days).
    let mut labels: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (i, b) in bars.iter().enumerate() {
        if i < used {
            continue;
        }
        let label = match unit {
            Unit::Month if i == 0 || b.start.month() == 1 => b.start.year().to_string(),
            Unit::Day if i == 0 || b.start.day() % 5 == 0 => b.start.day().to_string(),
            _ => continue,
        };
        if i > used {
            labels.push(Span::raw(" ".repeat(i - used)));
        }
        used = i + label.len() + 1;
        labels.push(Span::styled(format!("{label} "), theme.dim));
    }
    let axis = Rect::new(inside.x, inside.bottom() - 1, inside.width, 1);
    draw::put_line(buf, axis, axis.y, &Line::from(labels), m);
}
