//! Key and mouse events -> [`Action`]s. The bindings are one table, which the help overlay also
//! shows, so what `?` lists is what the keys do.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use crate::action::Action;

/// A key as the table names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
}

/// Every binding: keys, the action, and the help text. Order is the help overlay's order.
pub const BINDINGS: &[(&[Key], Action, &str)] = &[
    (
        &[Key::Char('j'), Key::Code(KeyCode::Down)],
        Action::Down,
        "move down / scroll down",
    ),
    (
        &[Key::Char('k'), Key::Code(KeyCode::Up)],
        Action::Up,
        "move up / scroll up",
    ),
    (
        &[Key::Code(KeyCode::PageDown), Key::Char(' '), Key::Ctrl('d')],
        Action::PageDown,
        "page down",
    ),
    (
        &[Key::Code(KeyCode::PageUp), Key::Char('b'), Key::Ctrl('u')],
        Action::PageUp,
        "page up",
    ),
    (
        &[Key::Char('g'), Key::Code(KeyCode::Home)],
        Action::Top,
        "first row / top of the article",
    ),
    (
        &[Key::Char('G'), Key::Code(KeyCode::End)],
        Action::Bottom,
        "last row / end of the article",
    ),
    (
        &[Key::Code(KeyCode::Tab)],
        Action::FocusNext,
        "next pane: headlines, article, related",
    ),
    (
        &[Key::Code(KeyCode::BackTab)],
        Action::FocusPrev,
        "previous pane",
    ),
    (
        &[Key::Code(KeyCode::Enter)],
        Action::Open,
        "headlines: read the article; related: open the story",
    ),
    (
        &[Key::Code(KeyCode::Backspace)],
        Action::Back,
        "back to the article before",
    ),
    (&[Key::Char('/')], Action::Search, "search text (not yet)"),
    (
        &[Key::Char('p')],
        Action::PersonFilter,
        "filter by person (not yet)",
    ),
    (
        &[Key::Char('d')],
        Action::DateFilter,
        "filter by date (not yet)",
    ),
    (
        &[Key::Code(KeyCode::Esc)],
        Action::Escape,
        "close help; otherwise clear filters",
    ),
    (&[Key::Char('?')], Action::Help, "this help"),
    (&[Key::Char('q'), Key::Ctrl('c')], Action::Quit, "quit"),
];

impl Key {
    fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Char(c) => !ctrl && ev.code == KeyCode::Char(c),
            Key::Ctrl(c) => ctrl && ev.code == KeyCode::Char(c),
            Key::Code(code) => ev.code == code,
        }
    }

    /// How the help overlay writes the key.
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".to_owned(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Code(code) => match code {
                KeyCode::Down => "Down".to_owned(),
                KeyCode::Up => "Up".to_owned(),
                KeyCode::PageDown => "PgDn".to_owned(),
                KeyCode::PageUp => "PgUp".to_owned(),
                KeyCode::Home => "Home".to_owned(),
                KeyCode::End => "End".to_owned(),
                KeyCode::Tab => "Tab".to_owned(),
                KeyCode::BackTab => "Shift-Tab".to_owned(),
                KeyCode::Enter => "Enter".to_owned(),
                KeyCode::Backspace => "Backspace".to_owned(),
                KeyCode::Esc => "Esc".to_owned(),
                other => format!("{other:?}"),
            },
        }
    }
}

/// The action bound to a key press, if any. In the help overlay, `q` closes it rather than
/// quitting (Ctrl-C still quits).
pub fn key_action(ev: &KeyEvent, help_open: bool) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let action = BINDINGS
        .iter()
        .find(|(keys, _, _)| keys.iter().any(|k| k.matches(ev)))
        .map(|(_, action, _)| *action)?;
    if help_open && action == Action::Quit && !ev.modifiers.contains(KeyModifiers::CONTROL) {
        return Some(Action::Escape);
    }
    Some(action)
}

/// The action for any terminal event.
pub fn event_action(ev: &Event, help_open: bool) -> Option<Action> {
    match ev {
        Event::Key(k) => key_action(k, help_open),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::Wheel(m.column, m.row, true)),
            MouseEventKind::ScrollUp => Some(Action::Wheel(m.column, m.row, false)),
            _ => None,
        },
        _ => None,
    }
}

/// The help overlay's rows: keys and what they do.
pub fn help_rows() -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = BINDINGS
        .iter()
        .map(|(keys, _, help)| {
            (
                keys.iter().map(|k| k.label()).collect::<Vec<_>>().join(" "),
                *help,
            )
        })
        .collect();
    rows.push((
        "mouse".to_owned(),
        "click selects or focuses; wheel scrolls the pane under it",
    ));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn vim_and_arrow_keys() {
        assert_eq!(
            key_action(&key(KeyCode::Char('j')), false),
            Some(Action::Down)
        );
        assert_eq!(key_action(&key(KeyCode::Down), false), Some(Action::Down));
        assert_eq!(
            key_action(&key(KeyCode::Char('k')), false),
            Some(Action::Up)
        );
        assert_eq!(
            key_action(&key(KeyCode::Char('G')), false),
            Some(Action::Bottom)
        );
        assert_eq!(
            key_action(&key(KeyCode::Char(' ')), false),
            Some(Action::PageDown)
        );
        assert_eq!(
            key_action(&key(KeyCode::BackTab), false),
            Some(Action::FocusPrev)
        );
        assert_eq!(key_action(&key(KeyCode::Char('x')), false), None);
    }

    #[test]
    fn quit_keys_and_help() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(key_action(&ctrl_c, false), Some(Action::Quit));
        assert_eq!(key_action(&ctrl_c, true), Some(Action::Quit));
        assert_eq!(
            key_action(&key(KeyCode::Char('q')), false),
            Some(Action::Quit)
        );
        assert_eq!(
            key_action(&key(KeyCode::Char('q')), true),
            Some(Action::Escape)
        );
        // Plain `c` is not Ctrl-C.
        assert_eq!(key_action(&key(KeyCode::Char('c')), false), None);
    }

    #[test]
    fn releases_are_ignored() {
        let mut ev = key(KeyCode::Char('j'));
        ev.kind = KeyEventKind::Release;
        assert_eq!(key_action(&ev, false), None);
    }

    #[test]
    fn every_action_but_events_has_a_key() {
        for (keys, _, help) in BINDINGS {
            assert!(!keys.is_empty() && !help.is_empty());
        }
        assert!(help_rows().iter().any(|(k, _)| k == "?"));
    }
}
