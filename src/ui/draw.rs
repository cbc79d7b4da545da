//! Writes pre-wrapped, styled lines into the buffer one grapheme per cell.
//!
//! Written by hand rather than through `Paragraph` or `Buffer::set_line`: those measure with
//! ratatui's own widths, which can disagree with the terminal (East-Asian-ambiguous letters in a
//! CJK terminal, half-width katakana with a voiced mark), and `Paragraph::wrap` can put a wide
//! glyph past the edge. Here each grapheme takes exactly the columns [`Metrics`] says, and when
//! that differs from what ratatui would compute the cell carries a forced width, so the diff
//! neither overwrites the glyph's second column nor skips the next cell.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::text::Metrics;

/// Writes `line` at row `y` from column `area.x`, clipped to `area`'s width; returns the columns
/// used. Styles: the buffer cell gets the line style patched with the span style.
pub fn put_line(buf: &mut Buffer, area: Rect, y: u16, line: &Line<'_>, metrics: Metrics) -> u16 {
    let mut x = area.x;
    let right = area.right();
    for span in &line.spans {
        let style = line.style.patch(span.style);
        x = put_str(buf, x, right, y, &span.content, style, metrics);
        if x >= right {
            break;
        }
    }
    x - area.x
}

/// Writes `text` from column `x`, never past `right`; returns the next free column.
pub fn put_str(
    buf: &mut Buffer,
    mut x: u16,
    right: u16,
    y: u16,
    text: &str,
    style: Style,
    metrics: Metrics,
) -> u16 {
    for g in text.graphemes(true) {
        let w = metrics.grapheme_width(g);
        let Ok(w16) = u16::try_from(w) else {
            break;
        };
        if w16 == 0 {
            // Nothing sanitised reaches here with zero width but lone marks and format
            // characters; drawing them alone would put them on the previous cell.
            continue;
        }
        if x.saturating_add(w16) > right {
            break;
        }
        let ratatui_width = g.width();
        let mut cx = x;
        if ratatui_width > w || drawn_in_parts(g) {
            // Thai and Lao SARA AM after a consonant ("กำ", "น้ำ", "ຄຳ"), half-width katakana
            // with a voiced mark ("ｶﾞ"), and any grapheme ratatui measures wider than the
            // terminal draws it: the terminal draws it one character to a cell. Each part gets
            // a cell of its own (a character with the marks after it), so the buffer holds what
            // the screen shows and the next frame's diff rewrites every cell: written as one
            // wide symbol, the vowel's cell was taken for covered and kept its glyph when the
            // text changed.
            for part in parts(g) {
                let pw = u16::try_from(part.width()).unwrap_or(0);
                if pw == 0 || cx.saturating_add(pw) > x.saturating_add(w16) {
                    continue;
                }
                if let Some(cell) = buf.cell_mut((cx, y)) {
                    cell.set_symbol(part).set_style(style);
                }
                cx += pw;
            }
        } else if let Some(cell) = buf.cell_mut((x, y)) {
            cell.set_symbol(g).set_style(style);
            if ratatui_width != w
                && let Some(n) = NonZeroU16::new(w16)
            {
                cell.set_diff_option(CellDiffOption::ForcedWidth(n));
            }
            cx += 1;
        }
        // The columns a wide glyph covers (or its parts left) are blank and styled like it, as
        // ratatui does.
        for dx in cx.max(x + 1)..x.saturating_add(w16) {
            if let Some(cell) = buf.cell_mut((dx, y)) {
                cell.reset();
                cell.set_style(style);
            }
        }
        x += w16;
    }
    x
}

/// Whether a terminal draws grapheme `g` one character to a cell: it holds a spacing vowel
/// or mark that terminals advance for (Thai and Lao SARA AM, the half-width voiced marks).
fn drawn_in_parts(g: &str) -> bool {
    g.chars().count() > 1
        && g.chars()
            .skip(1)
            .any(|c| matches!(c, '\u{e33}' | '\u{eb3}' | '\u{ff9e}' | '\u{ff9f}'))
}

/// The parts of a grapheme a terminal draws in cells of their own: each character with a
/// width starts one, and the zero-width marks after it stay with it.
fn parts(g: &str) -> impl Iterator<Item = &str> {
    let mut starts: Vec<usize> = g
        .char_indices()
        .filter(|&(i, c)| i == 0 || unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > 0)
        .map(|(i, _)| i)
        .collect();
    starts.push(g.len());
    (0..starts.len() - 1).filter_map(move |k| g.get(starts[k]..starts[k + 1]))
}

/// The slice `range` of `text` as spans in `base` style, with the parts inside `marks` (byte
/// ranges of `text`, sorted, on grapheme boundaries) in `matched` style patched over it.
pub fn marked_spans(
    text: &str,
    range: std::ops::Range<usize>,
    marks: &[std::ops::Range<usize>],
    base: Style,
    matched: Style,
) -> Vec<ratatui::text::Span<'static>> {
    use ratatui::text::Span;
    let mut spans = Vec::new();
    let mut at = range.start;
    for m in marks {
        let (start, end) = (m.start.max(range.start), m.end.min(range.end));
        if start >= end {
            continue;
        }
        if let Some(plain) = text.get(at..start).filter(|s| !s.is_empty()) {
            spans.push(Span::styled(plain.to_owned(), base));
        }
        if let Some(hit) = text.get(start..end) {
            spans.push(Span::styled(hit.to_owned(), base.patch(matched)));
        }
        at = end;
    }
    if let Some(rest) = text.get(at..range.end).filter(|s| !s.is_empty()) {
        spans.push(Span::styled(rest.to_owned(), base));
    }
    spans
}

/// The longest end of `text` that fits in `cols` columns, cut between graphemes: what a line
/// being typed shows before the cursor, so the cursor stays on screen.
pub fn tail_fitting(text: &str, cols: usize, metrics: Metrics) -> &str {
    for (at, _) in text.grapheme_indices(true) {
        if metrics.width(&text[at..]) <= cols {
            return &text[at..];
        }
    }
    ""
}

/// Makes the text drawn in `area` (one row) an OSC 8 hyperlink to `url`, for terminals that
/// show them as links and ignore them otherwise: the opening sequence goes before the first
/// cell's symbol and the closing one after the last's, each cell keeping its width. A URL with
/// any control character (none survives the store's sanitiser) is never written.
pub fn hyperlink(buf: &mut Buffer, area: Rect, url: &str) {
    if area.width == 0 || url.is_empty() || url.chars().any(char::is_control) {
        return;
    }
    let (first, last) = (area.x, area.right() - 1);
    let mut wrap = |x: u16, before: &str, after: &str| {
        if let Some(cell) = buf.cell_mut((x, area.y)) {
            let symbol = format!("{before}{}{after}", cell.symbol());
            let width = u16::try_from(cell.symbol().width().max(1)).unwrap_or(1);
            cell.set_symbol(&symbol);
            if let Some(n) = NonZeroU16::new(width) {
                cell.set_diff_option(CellDiffOption::ForcedWidth(n));
            }
        }
    };
    wrap(first, &format!("{OSC8_OPEN}{url}{ST}"), "");
    wrap(last, "", &format!("{OSC8_OPEN}{ST}"));
}

/// The start of an OSC 8 hyperlink sequence, and the string terminator that ends it.
pub const OSC8_OPEN: &str = "\x1b]8;;";
pub const ST: &str = "\x1b\\";

/// Fills a row of `area` with spaces in `style` (a selected row's highlight).
pub fn fill_row(buf: &mut Buffer, area: Rect, y: u16, style: Style) {
    buf.set_style(Rect::new(area.x, y, area.width, 1), style);
}
