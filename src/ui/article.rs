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

/// The article as styled lines at most `width` columns wide.
pub fn lines(a: &Article, width: usize, metrics: Metrics) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut out: Vec<Line<'static>> = Vec::new();
    let block = |text: &str, style: Style, out: &mut Vec<Line<'static>>| {
        out.extend(
            metrics
                .wrap(text, width)
                .into_iter()
                .map(|l| Line::styled(l, style)),
        );
    };
    block(&a.title, theme::title(), &mut out);
    let mut meta: Vec<String> = Vec::new();
    meta.extend(a.published.map(|p| p.long()));
    meta.extend(a.section.iter().cloned());
    meta.extend(a.source.iter().cloned());
    if !meta.is_empty() {
        block(&meta.join(" · "), theme::dim(), &mut out);
    }
    if !a.persons.is_empty() {
        block(
            &format!("{}{}", theme::PERSONS_LABEL, a.persons.join(", ")),
            theme::persons(),
            &mut out,
        );
    }
    if let Some(url) = &a.url {
        block(url, theme::dim(), &mut out);
    }
    if !a.summary.is_empty() {
        out.push(Line::default());
        block(&a.summary, theme::summary(), &mut out);
    }
    if a.body.is_empty() {
        out.push(Line::default());
        block(theme::NO_BODY, theme::dim(), &mut out);
    }
    for p in &a.body {
        out.push(Line::default());
        block(p, Style::default(), &mut out);
    }
    for c in &a.captions {
        out.push(Line::default());
        block(
            &format!("{}{c}", theme::CAPTION_MARK),
            theme::caption(),
            &mut out,
        );
    }
    out
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
