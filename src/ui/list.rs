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
    /// First row on screen (kept valid by the app state).
    pub offset: usize,
    /// Shown instead of rows when the list is empty.
    pub empty_note: &'a str,
    pub theme: &'a Theme,
    pub metrics: Metrics,
}

/// Draws the pane; `row(i, width)` builds item `i`'s line at most `width` columns wide.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    pane: &ListPane<'_>,
    row: impl Fn(usize, usize) -> Line<'static>,
) {
    let (metrics, theme) = (pane.metrics, pane.theme);
    frame.render_widget(
        pane_block(pane.title, pane.focused, theme, metrics, area.width),
        area,
    );
    let inner = inner(area);
    let rows = usize::from(inner.height);
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
    for (y, i) in (inner.y..inner.bottom()).zip(offset..pane.len) {
        let mut line = row(i, usize::from(inner.width));
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
