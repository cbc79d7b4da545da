//! The article pane: title, date, section and source, persons, the lead, the body and captions,
//! wrapped to the pane's inner width with [`crate::text`], scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{draw, pane_block, theme};
use crate::app::App;
use crate::layout::{Focus, inner};
use crate::store::Article;
use crate::text::Metrics;

/// What a piece of an article is, which decides its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Title,
    /// Date and time with offset, section, source.
    Meta,
    Persons,
    Url,
    Summary,
    Body,
    Caption,
    /// The note shown when the store has no body for the story.
    NoBody,
    /// The blank line between blocks.
    Gap,
}

/// The article's blocks in reading order, unwrapped: the reader and `tuinews show` both build
/// on this, so they never disagree about what an article shows.
pub fn parts(a: &Article) -> Vec<(Part, String)> {
    let mut out = vec![(Part::Title, a.title.clone())];
    let meta: Vec<String> = a
        .published
        .map(|p| p.long())
        .into_iter()
        .chain(a.section.iter().cloned())
        .chain(a.source.iter().cloned())
        .collect();
    if !meta.is_empty() {
        out.push((Part::Meta, meta.join(" · ")));
    }
    if !a.persons.is_empty() {
        out.push((
            Part::Persons,
            format!("{}{}", theme::PERSONS_LABEL, a.persons.join(", ")),
        ));
    }
    if let Some(url) = &a.url {
        out.push((Part::Url, url.clone()));
    }
    let mut block = |part: Part, text: String| {
        out.push((Part::Gap, String::new()));
        out.push((part, text));
    };
    if !a.summary.is_empty() {
        block(Part::Summary, a.summary.clone());
    }
    if a.body.is_empty() {
        block(Part::NoBody, theme::NO_BODY.to_owned());
    }
    for p in &a.body {
        block(Part::Body, p.clone());
    }
    for c in &a.captions {
        block(Part::Caption, format!("{}{c}", theme::CAPTION_MARK));
    }
    out
}

/// The article as styled lines at most `width` columns wide.
pub fn lines(a: &Article, width: usize, metrics: Metrics) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut out: Vec<Line<'static>> = Vec::new();
    for (part, text) in parts(a) {
        let style = match part {
            Part::Title => theme::title(),
            Part::Meta | Part::Url | Part::NoBody => theme::dim(),
            Part::Persons => theme::persons(),
            Part::Summary => theme::summary(),
            Part::Caption => theme::caption(),
            Part::Body | Part::Gap => Style::default(),
        };
        if part == Part::Gap {
            out.push(Line::default());
            continue;
        }
        // On screen a name is never split across lines: its spaces become no-break spaces.
        let text = if part == Part::Persons {
            keep_names_whole(&text, a)
        } else {
            text
        };
        out.extend(
            metrics
                .wrap(&text, width)
                .into_iter()
                .map(|l| Line::styled(l, style)),
        );
    }
    out
}

/// Replaces the spaces inside each person's name with no-break spaces.
fn keep_names_whole(line: &str, a: &Article) -> String {
    let mut line = line.to_owned();
    for p in &a.persons {
        line = line.replace(p.as_str(), &p.replace(' ', "\u{a0}"));
    }
    line
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let lines = app.article_lines();
    let rows = usize::from(inner(area).height);
    let position = if lines.is_empty() {
        String::new()
    } else if lines.len() <= rows {
        "all".to_owned()
    } else {
        let last = (app.article_scroll + rows).min(lines.len());
        format!(
            "{}-{}/{} {}%",
            app.article_scroll + 1,
            last,
            lines.len(),
            last * 100 / lines.len()
        )
    };
    let block = pane_block(
        theme::ARTICLE_TITLE,
        app.focus == Focus::Article,
        app.metrics,
        area.width,
    )
    .title_bottom(Line::from(Span::styled(position, theme::dim())).right_aligned());
    frame.render_widget(block, area);
    let inner = inner(area);
    let buf = frame.buffer_mut();
    if app.current.is_none() {
        draw::put_line(
            buf,
            inner,
            inner.y,
            &Line::styled(theme::NO_ARTICLE, theme::dim()),
            app.metrics,
        );
        return;
    }
    for (row, line) in lines.iter().skip(app.article_scroll).take(rows).enumerate() {
        let y = inner.y + u16::try_from(row).unwrap_or(0);
        draw::put_line(buf, inner, y, line, app.metrics);
    }
}
