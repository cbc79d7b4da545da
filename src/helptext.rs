//! The help overlay's text laid out for a terminal size: the keys in force and what they do,
//! descriptions wrapped (never cut) to the room there is, then what the list marks mean. The app
//! state scrolls by it and the view draws it, so both agree on how many lines there are.

use crate::keymap::Keymap;
use crate::text::Metrics;
use crate::words::Words;

/// The overlay: its size (borders included) and its lines, keys then text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HelpText {
    pub width: u16,
    pub height: u16,
    /// Columns of the key column.
    pub key_cols: usize,
    /// One entry per screen line: the keys (empty on a continuation line) and the text.
    pub lines: Vec<(String, String)>,
}

impl HelpText {
    /// Lines inside the border.
    pub fn visible(&self) -> usize {
        usize::from(self.height.saturating_sub(2))
    }

    /// The furthest the overlay scrolls.
    pub fn max_scroll(&self) -> usize {
        self.lines.len().saturating_sub(self.visible())
    }
}

/// Lays the help out for a terminal of `cols` x `rows`.
pub fn layout(keymap: &Keymap, words: &Words, metrics: Metrics, cols: u16, rows: u16) -> HelpText {
    let mut entries: Vec<(String, &str)> = keymap.help_rows(words);
    entries.extend(
        words
            .marks_help
            .iter()
            .map(|(mark, text)| ((*mark).to_owned(), *text)),
    );
    let widest_keys = entries
        .iter()
        .map(|(k, _)| metrics.width(k))
        .max()
        .unwrap_or(0);
    // The key column never takes more than a third of the screen; longer key lists wrap too.
    let key_cols = widest_keys.min(usize::from(cols) / 3).max(1);
    let widest_text = entries
        .iter()
        .map(|(_, t)| metrics.width(t))
        .max()
        .unwrap_or(0);
    let width = u16::try_from(key_cols + widest_text + 4)
        .unwrap_or(u16::MAX)
        .min(cols);
    let text_cols = usize::from(width).saturating_sub(2 + key_cols + 2).max(1);
    let mut lines = Vec::new();
    for (keys, text) in entries {
        let key_lines = metrics.wrap(&keys, key_cols);
        let text_lines = metrics.wrap(text, text_cols);
        for i in 0..key_lines.len().max(text_lines.len()) {
            lines.push((
                key_lines.get(i).cloned().unwrap_or_default(),
                text_lines.get(i).cloned().unwrap_or_default(),
            ));
        }
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX).min(rows);
    HelpText {
        width,
        height,
        key_cols,
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_wrap_instead_of_being_cut() {
        let km = Keymap::default();
        let m = Metrics::default();
        let wide = layout(&km, &crate::words::EN, m, 200, 100);
        let narrow = layout(&km, &crate::words::EN, m, 40, 100);
        assert_eq!(narrow.width, 40);
        assert!(narrow.lines.len() > wide.lines.len());
        let all = |h: &HelpText| {
            h.lines
                .iter()
                .map(|(_, t)| t.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        // Every word of every description is there at 40 columns.
        for word in all(&wide).split_whitespace() {
            assert!(all(&narrow).contains(word), "{word}");
        }
        for (k, t) in &narrow.lines {
            assert!(m.width(k) <= narrow.key_cols);
            assert!(m.width(k) + m.width(t) + 4 <= 40, "{k} {t}");
        }
        assert!(all(&wide).contains("links to"), "the marks are explained");
    }

    #[test]
    fn it_scrolls_only_when_taller_than_the_screen() {
        let km = Keymap::default();
        let h = layout(&km, &crate::words::EN, Metrics::default(), 80, 12);
        assert_eq!(h.height, 12);
        assert_eq!(h.max_scroll(), h.lines.len() - 10);
        assert_eq!(
            layout(&km, &crate::words::EN, Metrics::default(), 120, 200).max_scroll(),
            0
        );
    }
}
