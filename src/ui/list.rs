//! The list pane both the headlines and the related stories use: a bordered block, one row per
//! item from the list's own offset, the selected row highlighted, a scrollbar when it overflows.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::{Theme, draw, pane_block};
use crate::layout::inner;
use crate::text::Metrics;

/// What a list pane shows.
pub struct ListPane<'a> {
    pub title: &'a str,
    pub focused: bool,
    pub len: usize,
    pub selected: usize,
    /// First item on screen (kept valid by the app state).
    pub offset: usize,
    /// Rows each item takes.
    pub item_height: usize,
    /// Shown instead of rows when the list is empty.
    pub empty_note: &'a str,
    pub theme: &'a Theme,
    pub metrics: Metrics,
}

/// Draws the pane; `row(i, width)` builds item `i`'s lines (`item_height` of them), each at
/// most `width` columns wide.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    pane: &ListPane<'_>,
    row: impl Fn(usize, usize) -> Vec<Line<'static>>,
) {
    let (metrics, theme) = (pane.metrics, pane.theme);
    frame.render_widget(
        pane_block(pane.title, pane.focused, theme, metrics, area.width),
        area,
    );
    let inner = inner(area);
    let height = pane.item_height.max(1);
    let rows = usize::from(inner.height) / height;
    let buf = frame.buffer_mut();
    if pane.len == 0 {
        draw::put_line(
            buf,
            inner,
            inner.y,
            &Line::styled(pane.empty_note, theme.dim),
            metrics,
        );
        return;
    }
    // Defensive: the state keeps the offset valid, but a frame of another size may be drawn.
    let offset = crate::app::keep_visible(pane.selected, pane.offset, rows, pane.len);
    for (slot, i) in (0..rows).zip(offset..pane.len) {
        let top = inner.y + u16::try_from(slot * height).unwrap_or(u16::MAX);
        for (dy, mut line) in row(i, usize::from(inner.width))
            .into_iter()
            .take(height)
            .enumerate()
        {
            let y = top.saturating_add(u16::try_from(dy).unwrap_or(0));
            if y >= inner.bottom() {
                break;
            }
            if i == pane.selected {
                let style = theme.selected(pane.focused);
                draw::fill_row(buf, inner, y, style);
                // Every span takes the highlight, so dim dates do not stay grey on blue.
                for span in &mut line.spans {
                    span.style = span.style.patch(style);
                }
            }
            draw::put_line(buf, inner, y, &line, metrics);
        }
    }
    if pane.len > rows {
        let mut state = ScrollbarState::new(pane.len.saturating_sub(rows)).position(offset);
        let mut bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None);
        if metrics.ambiguous_wide {
            // The block symbols are ambiguous-width too (see `pane_block`).
            bar = bar.track_symbol(Some("|")).thumb_symbol("#");
        }
        frame.render_stateful_widget(bar, area.inner(Margin::new(0, 1)), &mut state);
    }
}
