//! The article pane: the [`crate::document::Document`] the app state laid out for this width,
//! each line styled by the part it belongs to, scrollable, with its position at the bottom.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Theme, draw, pane_block};
use crate::app::App;
use crate::document::{DocLine, Part};
use crate::layout::{Focus, inner};
use crate::words;

/// The style of a part of the article.
pub fn style(part: Option<Part>, theme: &Theme) -> Style {
    match part {
        Some(Part::Title) => theme.title,
        Some(Part::Meta | Part::Url | Part::NoBody) => theme.dim,
        Some(Part::Persons) => theme.person,
        Some(Part::Summary) => theme.summary,
        Some(Part::Caption) => theme.caption,
        Some(Part::Body) | None => Style::default(),
    }
}

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let doc = app.document();
    let rows = usize::from(inner(area).height);
    let total = doc.len();
    let position = if total == 0 {
        String::new()
    } else if total <= rows {
        app.words.position_all.to_owned()
    } else {
        let last = (app.article_scroll + rows).min(total);
        words::position(app.article_scroll + 1, last, total)
    };
    let block = pane_block(
        app.words.article_title,
        app.focus == Focus::Article && !app.screen.full,
        theme,
        app.metrics,
        area.width,
    )
    .title_bottom(Line::from(Span::styled(position, theme.dim)).right_aligned());
    frame.render_widget(block, area);
    let mut inner = inner(area);
    // The text is set at its measure, centred in a wider pane.
    if doc.width > 0 && usize::from(inner.width) > doc.width {
        let spare = inner.width - u16::try_from(doc.width).unwrap_or(inner.width);
        inner.x += spare / 2;
        inner.width -= spare;
    }
    let buf = frame.buffer_mut();
    if app.current.is_none() {
        draw::put_line(
            buf,
            inner,
            inner.y,
            &Line::styled(app.words.no_article, theme.dim),
            app.metrics,
        );
        return;
    }
    for (row, line) in doc
        .lines
        .iter()
        .skip(app.article_scroll)
        .take(rows)
        .enumerate()
    {
        let y = inner.y + u16::try_from(row).unwrap_or(0);
        let base = style(doc.part(line), theme);
        let styled = match line {
            DocLine::Text { block, range } => match (
                doc.blocks.get(*block),
                app.highlights.get(*block).filter(|h| !h.is_empty()),
            ) {
                (Some(b), Some(marks)) => Line::from(draw::marked_spans(
                    &b.text,
                    range.clone(),
                    marks,
                    base,
                    theme.matched,
                )),
                _ => Line::styled(doc.text(line).to_owned(), base),
            },
            DocLine::Gap => Line::default(),
        };
        let used = draw::put_line(buf, inner, y, &styled, app.metrics);
        if app.hyperlinks
            && doc.part(line) == Some(Part::Url)
            && let Some(url) = doc.url.as_deref()
        {
            draw::hyperlink(buf, Rect::new(inner.x, y, used, 1), url);
        }
    }
}
