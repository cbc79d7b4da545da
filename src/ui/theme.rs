//! Styles by role, as one [`Theme`] value the views are given, so a config file can change it
//! and `NO_COLOR` is honoured in one place. Interface text lives in [`crate::words`].

use ratatui::style::{Color, Modifier, Style};

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

/// Every style the reader draws with, named by what it is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// The article's title.
    pub title: Style,
    /// Secondary text: dates, meta lines, notes, position.
    pub dim: Style,
    /// Dates in lists.
    pub date: Style,
    /// The lead paragraph.
    pub summary: Style,
    /// Image captions.
    pub caption: Style,
    /// Person names.
    pub person: Style,
    /// Key names in the help overlay.
    pub key: Style,
    /// A pane's border and title when it has the focus, and when it has not.
    pub border_focused: Style,
    pub border: Style,
    /// The title of an unfocused pane.
    pub pane_title: Style,
    /// The selected row of the focused list, and of a list without the focus.
    pub selected_focused: Style,
    pub selected: Style,
    /// The status line.
    pub status: Style,
    /// Warnings and notices.
    pub warning: Style,
    /// A search match.
    pub matched: Style,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::colour()
    }
}

impl Theme {
    /// The default colours.
    ///
    /// Nothing is drawn in "bright black" (colour 8, `DarkGray`): common dark themes such as
    /// Solarized Dark use it as the background. Secondary text is dimmed by attribute instead,
    /// which reads on light and dark backgrounds alike.
    pub fn colour() -> Theme {
        let dim = Style::new().add_modifier(Modifier::DIM);
        let person = Style::new().fg(Color::Yellow);
        Theme {
            title: Style::new().add_modifier(Modifier::BOLD),
            dim,
            date: dim,
            summary: Style::new().add_modifier(Modifier::ITALIC),
            caption: Style::new().fg(Color::Cyan).add_modifier(Modifier::ITALIC),
            person,
            key: person,
            border_focused: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: Style::new(),
            pane_title: Style::new(),
            selected_focused: Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            status: Style::new().bg(Color::Black).fg(Color::Gray),
            warning: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            matched: Style::new()
                .add_modifier(Modifier::REVERSED)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// No colour at all (<https://no-color.org>): attributes only. The selected row is reverse
    /// video in every pane, bold where the pane has the focus, so it never disappears.
    pub fn no_colour() -> Theme {
        let dim = Style::new().add_modifier(Modifier::DIM);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
            title: bold,
            dim,
            date: dim,
            summary: Style::new().add_modifier(Modifier::ITALIC),
            caption: Style::new().add_modifier(Modifier::ITALIC),
            person: Style::new(),
            key: bold,
            border_focused: bold,
            border: Style::new(),
            pane_title: Style::new(),
            selected_focused: reversed.add_modifier(Modifier::BOLD),
            selected: reversed,
            status: reversed,
            warning: bold,
            matched: reversed.add_modifier(Modifier::UNDERLINED),
        }
    }

    /// The theme the environment asks for: no colour when `NO_COLOR` is set and not empty.
    pub fn from_no_color(no_color: Option<&std::ffi::OsStr>) -> Theme {
        if no_color.is_some_and(|v| !v.is_empty()) {
            Theme::no_colour()
        } else {
            Theme::colour()
        }
    }

    /// A pane's border, by focus.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.border_focused
        } else {
            self.border
        }
    }

    /// The selected row, by the list's focus.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            self.selected_focused
        } else {
            self.selected
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_colour_has_no_colour_and_keeps_the_selection_visible() {
        let t = Theme::no_colour();
        for style in [
            t.title,
            t.dim,
            t.summary,
            t.caption,
            t.person,
            t.border_focused,
            t.border,
            t.selected_focused,
            t.selected,
            t.status,
            t.warning,
            t.matched,
        ] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
        for focused in [true, false] {
            assert!(
                t.selected(focused)
                    .add_modifier
                    .contains(Modifier::REVERSED)
            );
        }
        assert_eq!(Theme::from_no_color(Some("1".as_ref())), t);
        assert_eq!(Theme::from_no_color(Some("".as_ref())), Theme::colour());
        assert_eq!(Theme::from_no_color(None), Theme::colour());
    }
}
