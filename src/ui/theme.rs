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

    /// Colours for a light background: the dark theme's yellow and cyan are hard to read on
    /// white, so names and captions take darker colours, and the status line is light.
    pub fn light() -> Theme {
        let person = Style::new().fg(Color::Magenta);
        Theme {
            caption: Style::new().fg(Color::Blue).add_modifier(Modifier::ITALIC),
            person,
            key: person,
            border_focused: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            status: Style::new().bg(Color::Gray).fg(Color::Black),
            warning: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            ..Theme::colour()
        }
    }

    /// The names of the roles, as a config file's `[theme]` table writes them.
    pub const ROLES: [&'static str; 15] = [
        "title",
        "dim",
        "date",
        "summary",
        "caption",
        "person",
        "key",
        "border_focused",
        "border",
        "pane_title",
        "selected_focused",
        "selected",
        "status",
        "warning",
        "matched",
    ];

    /// The style of a role, by its name in [`Theme::ROLES`].
    pub fn role_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "title" => &mut self.title,
            "dim" => &mut self.dim,
            "date" => &mut self.date,
            "summary" => &mut self.summary,
            "caption" => &mut self.caption,
            "person" => &mut self.person,
            "key" => &mut self.key,
            "border_focused" => &mut self.border_focused,
            "border" => &mut self.border,
            "pane_title" => &mut self.pane_title,
            "selected_focused" => &mut self.selected_focused,
            "selected" => &mut self.selected,
            "status" => &mut self.status,
            "warning" => &mut self.warning,
            "matched" => &mut self.matched,
            _ => return None,
        })
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

/// The attributes a style can name, as a config file writes them.
const ATTRIBUTES: [(&str, Modifier); 6] = [
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underline", Modifier::UNDERLINED),
    ("reverse", Modifier::REVERSED),
    ("strikethrough", Modifier::CROSSED_OUT),
];

/// Reads a style as a config file writes it: attributes and a colour in any order, the
/// background after `on` (`"bold yellow"`, `"italic #8fbcbb"`, `"white on blue"`, `"reverse"`,
/// `"none"` for plain). Colours: the sixteen names (`red`, `lightred`, `gray`, `darkgray`...),
/// `0`-`255`, or `#rrggbb`; `default` is the terminal's own.
pub fn parse_style(text: &str) -> Result<Style, String> {
    let mut style = Style::new();
    let mut words = text.split_whitespace().peekable();
    if words.peek().is_none() {
        return Err("an empty style; write \"none\" for plain text".to_owned());
    }
    while let Some(word) = words.next() {
        let lower = word.to_ascii_lowercase();
        if lower == "none" {
            continue;
        }
        if let Some((_, m)) = ATTRIBUTES.iter().find(|(name, _)| *name == lower) {
            style = style.add_modifier(*m);
        } else if lower == "on" {
            let Some(bg) = words.next() else {
                return Err("\"on\" needs a colour after it".to_owned());
            };
            style = style.bg(parse_colour(bg)?);
        } else if style.fg.is_some() {
            return Err(format!(
                "{word:?}: a second colour; the background goes after \"on\""
            ));
        } else {
            style = style.fg(parse_colour(word)?);
        }
    }
    Ok(style)
}

fn parse_colour(word: &str) -> Result<Color, String> {
    let lower = word.to_ascii_lowercase();
    if lower == "default" {
        return Ok(Color::Reset);
    }
    // ratatui reads the names (with or without a dash: light-red, lightred), indexes and #rrggbb.
    lower.parse::<Color>().map_err(|_| {
        format!(
            "{word:?} is not a colour: use a name (red, lightblue, gray...), 0-255 or #rrggbb, or an attribute (bold, dim, italic, underline, reverse, strikethrough)"
        )
    })
}

/// A style as [`parse_style`] reads it.
pub fn style_text(style: Style) -> String {
    let mut words: Vec<String> = ATTRIBUTES
        .iter()
        .filter(|(_, m)| style.add_modifier.contains(*m))
        .map(|(name, _)| (*name).to_owned())
        .collect();
    if let Some(fg) = style.fg {
        words.push(colour_text(fg));
    }
    if let Some(bg) = style.bg {
        words.push(format!("on {}", colour_text(bg)));
    }
    if words.is_empty() {
        "none".to_owned()
    } else {
        words.join(" ")
    }
}

fn colour_text(c: Color) -> String {
    match c {
        Color::Reset => "default".to_owned(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => i.to_string(),
        // The sixteen names: ratatui writes them as `LightRed`; a config writes `lightred`.
        named => format!("{named}").to_ascii_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_read_back_what_they_write() {
        for theme in [Theme::colour(), Theme::light(), Theme::no_colour()] {
            let mut t = theme;
            for name in Theme::ROLES {
                let Some(style) = t.role_mut(name) else {
                    panic!("no role {name}");
                };
                let text = style_text(*style);
                assert_eq!(parse_style(&text), Ok(*style), "{name}: {text}");
            }
        }
        let s = parse_style("Bold yellow on #102030 italic");
        assert_eq!(
            s,
            Ok(Style::new()
                .fg(Color::Yellow)
                .bg(Color::Rgb(0x10, 0x20, 0x30))
                .add_modifier(Modifier::BOLD | Modifier::ITALIC))
        );
        assert_eq!(parse_style("208"), Ok(Style::new().fg(Color::Indexed(208))));
        assert_eq!(parse_style("none"), Ok(Style::new()));
        assert!(parse_style("blod").is_err_and(|e| e.contains("\"blod\" is not a colour")));
        assert!(parse_style("red blue").is_err());
        assert!(parse_style("red on").is_err());
        assert!(parse_style("").is_err());
    }

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
