//! Styles and every piece of interface text, in one place, so a theme or a Vietnamese interface
//! later changes one file.

use ratatui::style::{Color, Modifier, Style};

pub const HEADLINES_TITLE: &str = "Headlines";
pub const ARTICLE_TITLE: &str = "Article";
pub const RELATED_TITLE: &str = "Related";
pub const HELP_TITLE: &str = "Keys";
pub const UNDATED: &str = "-";
pub const PERSONS_LABEL: &str = "Persons: ";
pub const RELATED_LABEL: &str = "Related:";
pub const CAPTION_MARK: &str = "▣ ";
pub const LINKED_MARK: &str = "→";
pub const SHARED_MARK: &str = "≈";
pub const NO_BODY: &str = "(this store has no body text for this story)";
pub const NO_ARTICLE: &str = "(no article selected)";
pub const NO_RELATED: &str = "(no related stories)";
pub const EMPTY_STORE: &str = "(the store has no articles)";
pub const NO_MATCH: &str = "(no article matches the filters; Esc clears them)";
pub const TOO_SMALL: &str = "terminal too small for tuinews";
pub const HELP_FOOTER: &str = "Esc, ? or q closes";

/// Key hints for the status line when the pane's own do not fit.
pub const HINTS_SHORT: &str = "Tab pane · ? help · q quit";
pub const SEARCH_NOT_YET: &str = "search: not yet here; try tuinews list --search";
pub const PERSON_NOT_YET: &str = "person filter: not yet here; try tuinews list --person";
pub const DATE_NOT_YET: &str = "date filter: not yet here; try tuinews list --date";
pub const TOO_SMALL_SHORT: &str = "too small";
/// Key hints for the status line, by focused pane.
pub const HINTS_HEADLINES: &str = "j/k move · Enter read · Tab pane · ? help · q quit";
pub const HINTS_ARTICLE: &str = "j/k scroll · Space page · Tab pane · ? help · q quit";
pub const HINTS_RELATED: &str = "j/k move · Enter open · Bksp back · ? help · q quit";

/// Borders for terminals that draw ambiguous characters (box drawing included) two columns wide.
pub const ASCII_BORDER: ratatui::symbols::border::Set<'static> = ratatui::symbols::border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn summary() -> Style {
    Style::new().add_modifier(Modifier::ITALIC)
}

pub fn caption() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::ITALIC)
}

pub fn persons() -> Style {
    Style::new().fg(Color::Yellow)
}

pub fn border(focused: bool) -> Style {
    if focused {
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
    } else {
        Style::new().fg(Color::DarkGray)
    }
}

pub fn selected(focused: bool) -> Style {
    if focused {
        Style::new()
            .bg(Color::Blue)
            .fg(Color::White)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::new().add_modifier(Modifier::REVERSED)
    }
}

pub fn status() -> Style {
    Style::new().bg(Color::Black).fg(Color::Gray)
}

pub fn warning() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}
