//! Drawing the reader: [`render`] lays out the panes for the frame and asks each pane's module to
//! draw itself from `&App` with the [`Theme`] it is given. Nothing here changes state, and
//! nothing below the views (the app state, the store, the command line) imports this module.

pub mod article;
pub mod draw;
pub mod headlines;
pub mod help;
pub mod histogram;
pub mod list;
pub mod picker;
pub mod prompt;
pub mod related;
pub mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType};

use crate::app::App;
use crate::layout::{self, Arrangement};
use crate::text::Metrics;

pub use theme::Theme;

/// Draws the whole screen.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let panes = layout::arrange(area, app.focus, app.screen);
    if panes.arrangement == Arrangement::TooSmall {
        let cols = usize::from(area.width);
        let note = if app.metrics.width(app.words.too_small) <= cols {
            app.words.too_small
        } else {
            app.words.too_small_short
        };
        let text = app.metrics.truncate(note, cols);
        draw::put_line(
            frame.buffer_mut(),
            area,
            area.y,
            &Line::styled(text, theme.warning),
            app.metrics,
        );
        return;
    }
    if let Some(r) = panes.headlines {
        headlines::render(app, theme, frame, r);
    }
    if let Some(r) = panes.article {
        article::render(app, theme, frame, r);
    }
    if let Some(r) = panes.related {
        related::render(app, theme, frame, r);
    }
    if let Some(r) = panes.status {
        match app.prompt() {
            Some(p) => {
                if p.kind == crate::app::PromptKind::Date {
                    histogram::render(app, p, theme, frame, area);
                }
                prompt::render(app, p, theme, frame, r);
            }
            None => status::render(app, theme, frame, r),
        }
    }
    if let Some(scroll) = app.help_scroll() {
        help::render(app, theme, frame, area, scroll);
    }
    if let crate::app::Mode::Picker(picker) = &app.mode {
        picker::render(app, picker, theme, frame, area);
    }
}

/// A pane's bordered block, its title truncated to fit, the border highlighted when focused.
pub fn pane_block(
    title: &str,
    focused: bool,
    theme: &Theme,
    metrics: Metrics,
    width: u16,
) -> Block<'static> {
    let title = metrics.truncate(title, usize::from(width.saturating_sub(4)));
    // Box-drawing characters are East-Asian-ambiguous: a terminal that draws ambiguous
    // characters wide draws them wide too and pushes every border out, so that mode uses ASCII.
    let block = Block::bordered();
    let block = if metrics.ambiguous_wide {
        block.border_set(theme::ASCII_BORDER)
    } else if focused {
        block.border_type(BorderType::Thick)
    } else {
        block.border_type(BorderType::Plain)
    };
    block
        .border_style(theme.border(focused))
        .title(Line::styled(
            format!(" {title} "),
            if focused {
                theme.border_focused
            } else {
                theme.pane_title
            },
        ))
}
