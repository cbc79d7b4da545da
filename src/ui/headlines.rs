//! The headline list. Where the pane is wide enough for a readable title on one line, a row
//! is the date, the title and the first person; where it is not, each headline takes two
//! lines, the title across the whole width and then the date and persons, dimmed (see
//! [`layout::headline_height`]). Stories the store has only a headline for are dimmed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

use super::Theme;
use super::list::{self, ListPane};
use crate::app::App;
use crate::layout::{self, DATE_COLS, Focus, PERSON_COLS};
use crate::store::Article;
use crate::text::Metrics;
use crate::words;
use crate::zone::Zone;

/// A person's name as the list shows it, as Vietnamese papers abbreviate: the leading words as
/// initials and the given name whole ("P. M. Chính"); the given name alone when even that is
/// too wide, and cut only when the given name itself is.
pub fn short_name(name: &str, cols: usize, metrics: Metrics) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some((last, rest)) = words.split_last() else {
        return String::new();
    };
    let mut short: Vec<String> = rest
        .iter()
        .filter_map(|w| w.graphemes(true).next().map(|g| format!("{g}.")))
        .collect();
    short.push((*last).to_owned());
    let short = short.join(" ");
    if metrics.width(&short) <= cols {
        short
    } else if metrics.width(last) <= cols {
        (*last).to_owned()
    } else {
        metrics.truncate(last, cols)
    }
}

/// A headline's lines for a list `width` columns wide: one, or two with `two_lines` (see the
/// module doc), with the search matches of the title (`marks`, byte ranges of the title)
/// highlighted.
pub fn rows(
    a: &Article,
    width: usize,
    two_lines: bool,
    marks: &[std::ops::Range<usize>],
    when: &When<'_>,
    theme: &Theme,
    metrics: Metrics,
) -> Vec<Line<'static>> {
    let date = match a.published {
        Some(p) => when.zone.compact(&p, when.today),
        None => words::UNDATED.to_owned(),
    };
    // Headline-only stories read dimmer, so the eye goes to the ones with a body; unread ones
    // are bold.
    let title_style = if !a.has_body() {
        theme.dim
    } else {
        Style::default()
    };
    let title_style = if when.unread(&a.id) {
        title_style.add_modifier(ratatui::style::Modifier::BOLD)
    } else {
        title_style
    };
    // A starred story carries the mark in the column before its date.
    let mark = if when.starred(&a.id) {
        words::STAR_MARK
    } else {
        " "
    };
    if two_lines {
        let title = title_spans(a, width, marks, title_style, theme, metrics);
        let persons: Vec<String> = a
            .persons
            .iter()
            .map(|p| short_name(p, PERSON_COLS, metrics))
            .collect();
        let mut meta = date;
        if !persons.is_empty() {
            meta.push_str(" · ");
            meta.push_str(&persons.join(", "));
        }
        let meta = metrics.truncate(&format!("{mark} {meta}"), width);
        return vec![Line::from(title), Line::styled(meta, theme.dim)];
    }
    let show_date = width >= 30;
    let person_cols = if width >= 44 { PERSON_COLS } else { 0 };
    let used = if show_date { DATE_COLS + 2 } else { 0 }
        + if person_cols > 0 { person_cols + 1 } else { 0 };
    let title_cols = width.saturating_sub(used);
    let mut spans = Vec::new();
    if show_date {
        spans.push(Span::styled(
            format!("{mark}{date:<DATE_COLS$} "),
            theme.date,
        ));
    }
    spans.extend(title_spans(
        a,
        title_cols,
        marks,
        title_style,
        theme,
        metrics,
    ));
    if person_cols > 0 {
        let person = a
            .persons
            .first()
            .map(|p| short_name(p, person_cols, metrics))
            .unwrap_or_default();
        let pad = person_cols.saturating_sub(metrics.width(&person));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            format!("{person}{}", " ".repeat(pad)),
            theme.person,
        ));
    }
    vec![Line::from(spans)]
}

/// The title in exactly `cols` columns (cut with an ellipsis, or padded), its matches marked.
fn title_spans(
    a: &Article,
    cols: usize,
    marks: &[std::ops::Range<usize>],
    style: Style,
    theme: &Theme,
    metrics: Metrics,
) -> Vec<Span<'static>> {
    let mut title = metrics.truncate(&a.title, cols);
    let pad = cols.saturating_sub(metrics.width(&title));
    title.extend(std::iter::repeat_n(' ', pad));
    // The shown title starts with as much of the title as fits; the matches in that part are
    // highlighted, the ellipsis and padding after it are not.
    let kept = common_prefix(&a.title, &title);
    let mut spans = super::draw::marked_spans(&a.title, 0..kept, marks, style, theme.matched);
    spans.push(Span::styled(title[kept..].to_owned(), style));
    spans
}

/// How dates are shown: in which zone, and relative to which day (the year is left out for the
/// current year, the date for today).
pub struct When<'a> {
    pub zone: &'a Zone,
    pub today: jiff::civil::Date,
    /// The reading state, when marks are shown.
    pub state: Option<&'a crate::state::State>,
}

impl When<'_> {
    fn unread(&self, id: &str) -> bool {
        self.state.is_some_and(|s| !s.is_read(id))
    }

    fn starred(&self, id: &str) -> bool {
        self.state.is_some_and(|s| s.is_starred(id))
    }
}

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let title = format!(
        "{} {}/{}",
        app.words.headlines_title,
        app.view.len(),
        app.store.len()
    );
    let no_match = app.words.no_match(&app.filter.to_string());
    let inner = layout::inner(area);
    let height = layout::headline_height(usize::from(inner.width), usize::from(inner.height));
    let pane = ListPane {
        title: &title,
        focused: app.focus == Focus::Headlines,
        len: app.view.len(),
        selected: app.selected,
        offset: app.headlines_offset,
        item_height: height,
        empty_note: if app.loading.is_some() && !app.loaded {
            app.words.loading_list
        } else if app.store.is_empty() {
            app.words.empty_store
        } else {
            &no_match
        },
        theme,
        metrics: app.metrics,
    };
    let when = When {
        zone: &app.zone,
        today: app.today,
        state: Some(&app.state),
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
                rows(a, width, height == 2, &marks, &when, theme, app.metrics)
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
    fn names_are_initials_and_the_given_name_never_cut_in_the_middle() {
        let m = Metrics::default();
        assert_eq!(short_name("Phạm Minh Chính", 14, m), "P. M. Chính");
        assert_eq!(short_name("Nguyễn Phú Trọng", 14, m), "N. P. Trọng");
        assert_eq!(short_name("Shii Kazuo", 14, m), "S. Kazuo");
        assert_eq!(short_name("Tô Lâm", 14, m), "T. Lâm");
        assert_eq!(short_name("Phạm Minh Chính", 8, m), "Chính");
        assert_eq!(short_name("Madonna", 14, m), "Madonna");
    }

    #[test]
    fn rows_are_exactly_the_width_on_one_line_or_two() {
        let a = Article {
            id: "a".into(),
            title: "Thủ tướng Phạm Minh Chính gặp Chủ tịch Shii Kazuo 志位和夫".into(),
            persons: vec!["Phạm Minh Chính".into()],
            body: vec!["x".into()],
            published: crate::store::Published::parse("2021-11-24"),
            ..Article::default()
        };
        let m = Metrics::default();
        let when = When {
            zone: &Zone::ARTICLE,
            today: jiff::civil::date(2026, 1, 30),
            state: None,
        };
        for w in [20, 30, 43, 44, 60, 73, 74, 100, 200] {
            let two = layout::headline_height(w, 30) == 2;
            let lines = rows(&a, w, two, &[], &when, &Theme::default(), m);
            assert_eq!(lines.len(), if two { 2 } else { 1 }, "width {w}");
            assert_eq!(m.width(&lines[0].to_string()), w, "width {w}");
            assert!(lines.iter().all(|l| m.width(&l.to_string()) <= w));
        }
        let two = rows(&a, 60, true, &[], &when, &Theme::default(), m);
        assert!(
            two[0]
                .to_string()
                .starts_with("Thủ tướng Phạm Minh Chính gặp Chủ tịch")
        );
        assert_eq!(two[1].to_string().trim_end(), "  24/11/21 · P. M. Chính");
    }
}
