//! The headline list: date, title truncated to fit, first person; the selected row highlighted,
//! a scrollbar when the list is longer than the pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

use super::Theme;
use super::list::{self, ListPane};
use crate::app::App;
use crate::layout::Focus;
use crate::store::Article;
use crate::text::Metrics;
use crate::words;
use crate::zone::Zone;

/// Columns of the date column (`dd/mm/yyyy`).
pub const DATE_COLS: usize = 10;

/// A name in at most `cols` columns: whole when it fits, else with the leading words as
/// initials, as Vietnamese papers abbreviate ("P. M. Chính"), else truncated.
pub fn fit_name(name: &str, cols: usize, metrics: Metrics) -> String {
    if metrics.width(name) <= cols {
        return name.to_owned();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if let Some((last, rest)) = words.split_last() {
        let mut short: Vec<String> = rest
            .iter()
            .filter_map(|w| w.graphemes(true).next().map(|g| format!("{g}.")))
            .collect();
        short.push((*last).to_owned());
        let short = short.join(" ");
        if metrics.width(&short) <= cols {
            return short;
        }
    }
    metrics.truncate(name, cols)
}

/// One headline row exactly `width` columns wide (or less when nothing fits).
/// One headline row exactly `width` columns wide (or less when nothing fits), with the search
/// matches of the title (`marks`, byte ranges of the title) highlighted.
pub fn row(
    a: &Article,
    width: usize,
    marks: &[std::ops::Range<usize>],
    zone: &Zone,
    theme: &Theme,
    metrics: Metrics,
) -> Line<'static> {
    let show_date = width >= 30;
    // A fixed person column on every row, so titles and names line up.
    let person_cols = if width >= 44 {
        (width / 5).clamp(10, 18)
    } else {
        0
    };
    let used = if show_date { DATE_COLS + 1 } else { 0 }
        + if person_cols > 0 { person_cols + 1 } else { 0 };
    let title_cols = width.saturating_sub(used);
    let mut title = metrics.truncate(&a.title, title_cols);
    let pad = title_cols.saturating_sub(metrics.width(&title));
    title.extend(std::iter::repeat_n(' ', pad));
    let mut spans = Vec::new();
    if show_date {
        spans.push(Span::styled(
            format!("{:<DATE_COLS$} ", zone.short_or_dash(a.published)),
            theme.date,
        ));
    }
    // The shown title starts with as much of the title as fits; the matches in that part are
    // highlighted, the ellipsis and padding after it are not.
    let kept = common_prefix(&a.title, &title);
    spans.extend(super::draw::marked_spans(
        &a.title,
        0..kept,
        marks,
        ratatui::style::Style::default(),
        theme.matched,
    ));
    spans.push(Span::raw(title[kept..].to_owned()));
    if person_cols > 0 {
        let person = a
            .persons
            .first()
            .map(|p| fit_name(p, person_cols, metrics))
            .unwrap_or_default();
        let pad = person_cols.saturating_sub(metrics.width(&person));
        let person = format!("{person}{}", " ".repeat(pad));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(person, theme.person));
    }
    Line::from(spans)
}

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let title = format!(
        "{} {}/{}",
        words::HEADLINES_TITLE,
        app.view.len(),
        app.store.len()
    );
    let no_match = words::no_match(&app.filter.to_string());
    let pane = ListPane {
        title: &title,
        focused: app.focus == Focus::Headlines,
        len: app.view.len(),
        selected: app.selected,
        offset: app.headlines_offset,
        empty_note: if app.loading.is_some() && !app.loaded {
            words::LOADING_LIST
        } else if app.store.is_empty() {
            words::EMPTY_STORE
        } else {
            &no_match
        },
        theme,
        metrics: app.metrics,
    };
    list::render(frame, area, &pane, |i, width| {
        app.view
            .get(i)
            .and_then(|&ix| app.store.article(ix))
            .map(|a| {
                let marks = app
                    .filter
                    .search
                    .as_ref()
                    .map(|q| q.highlights(&a.title))
                    .unwrap_or_default();
                row(a, width, &marks, &app.zone, theme, app.metrics)
            })
            .unwrap_or_default()
    });
}

/// Bytes at the start of `shown` that are the start of `full`, on a char boundary of both.
fn common_prefix(full: &str, shown: &str) -> usize {
    full.char_indices()
        .zip(shown.chars())
        .take_while(|((_, a), b)| a == b)
        .last()
        .map_or(0, |((i, a), _)| i + a.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_shorten_to_initials_before_truncating() {
        let m = Metrics::default();
        assert_eq!(fit_name("Phạm Minh Chính", 15, m), "Phạm Minh Chính");
        assert_eq!(fit_name("Phạm Minh Chính", 12, m), "P. M. Chính");
        assert_eq!(fit_name("Nguyễn Phú Trọng", 11, m), "N. P. Trọng");
        assert_eq!(fit_name("Phạm Minh Chính", 8, m), "Phạm Mi…");
    }

    #[test]
    fn rows_are_exactly_the_width() {
        let a = Article {
            id: "a".into(),
            title: "Thủ tướng Phạm Minh Chính gặp Chủ tịch Shii Kazuo 志位和夫".into(),
            persons: vec!["Phạm Minh Chính".into()],
            ..Article::default()
        };
        let m = Metrics::default();
        for w in [20, 30, 44, 60, 80, 120] {
            assert_eq!(
                m.width(&row(&a, w, &[], &Zone::Article, &Theme::default(), m).to_string()),
                w,
                "width {w}"
            );
        }
    }
}
