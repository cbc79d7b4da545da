//! Terminal events -> [`Msg`]s, resolved in the reader's current [`ModeKind`].
//!
//! The bindings are a value, [`Keymap`], one table per mode; [`Keymap::default`] is the built-in
//! table and a config file can later replace or extend it. The help overlay prints the table in
//! force ([`Keymap::help_rows`]), so what `?` lists is what the keys do. In a prompt, a printable
//! key without Ctrl or Alt is text: `j`, `q`, `d` and Space are typed, not run.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use crate::action::Action;
use crate::msg::Msg;
use crate::words::Words;

/// Which table resolves a key: the mode without its data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ModeKind {
    /// The panes.
    Normal,
    /// The help overlay.
    Help,
    /// A line prompt: printable keys are text.
    Prompt,
    /// The person picker: printable keys are text.
    Picker,
    /// The article alone, full screen.
    Full,
}

impl ModeKind {
    /// Every mode, in the order the config file lists their tables.
    pub const ALL: [ModeKind; 5] = [
        ModeKind::Normal,
        ModeKind::Full,
        ModeKind::Help,
        ModeKind::Prompt,
        ModeKind::Picker,
    ];

    /// The mode's name in a config file's `[keys.NAME]` table.
    pub fn name(self) -> &'static str {
        match self {
            ModeKind::Normal => "normal",
            ModeKind::Help => "help",
            ModeKind::Prompt => "prompt",
            ModeKind::Picker => "picker",
            ModeKind::Full => "full",
        }
    }

    /// Whether printable keys are text in this mode.
    pub fn takes_text(self) -> bool {
        matches!(self, ModeKind::Prompt | ModeKind::Picker)
    }
}

/// A key as the table names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Alt(char),
    Code(KeyCode),
}

impl Key {
    /// The key of a press, as a table would name it (`None` for keys tuinews does not name).
    pub fn of(ev: &KeyEvent) -> Option<Key> {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        match ev.code {
            KeyCode::Char(c) if ctrl => Some(Key::Ctrl(c)),
            KeyCode::Char(c) if alt => Some(Key::Alt(c)),
            KeyCode::Char(c) => Some(Key::Char(c)),
            KeyCode::Modifier(_) | KeyCode::Null => None,
            code => Some(Key::Code(code)),
        }
    }

    fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        match self {
            Key::Char(c) => !ctrl && !alt && ev.code == KeyCode::Char(c),
            Key::Ctrl(c) => ctrl && ev.code == KeyCode::Char(c),
            Key::Alt(c) => alt && !ctrl && ev.code == KeyCode::Char(c),
            Key::Code(code) => ev.code == code,
        }
    }

    /// Reads a key as a config file writes it: a character (`j`, `G`, `?`), `Space`, `Ctrl-d`,
    /// `Alt-t`, or a key's name (`Enter`, `Esc`, `Tab`, `Shift-Tab`, `Backspace`, `Del`, `Up`,
    /// `Down`, `Left`, `Right`, `PgUp`, `PgDn`, `Home`, `End`, `Insert`, `F1`-`F12`). Names and
    /// modifiers in any case (`ctrl-D` is `Ctrl-d`); a single character as written (`G` is
    /// not `g`). Reads back every [`Key::label`].
    pub fn parse(text: &str) -> Result<Key, String> {
        let t = text.trim();
        let single = |s: &str| {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            }
        };
        if let Some(c) = single(t) {
            return if c.is_control() {
                Err(format!(
                    "{t:?}: a control character; write Ctrl-x, Enter or Tab"
                ))
            } else {
                Ok(Key::Char(c))
            };
        }
        let lower = t.to_ascii_lowercase();
        for (prefix, ctrl) in [
            ("ctrl-", true),
            ("c-", true),
            ("alt-", false),
            ("m-", false),
        ] {
            if let Some(rest) = lower.strip_prefix(prefix) {
                // The character as typed after the modifier, lowercase for Ctrl (terminals
                // send Ctrl-D and Ctrl-d alike).
                let typed = &t[prefix.len()..];
                let c = match rest {
                    "space" => Some(' '),
                    _ => single(typed),
                };
                return match c {
                    Some(c) if ctrl && c.is_ascii_alphabetic() => {
                        Ok(Key::Ctrl(c.to_ascii_lowercase()))
                    }
                    Some(c) if ctrl => Ok(Key::Ctrl(c)),
                    Some(c) => Ok(Key::Alt(c.to_ascii_lowercase())),
                    None => Err(format!(
                        "{t:?}: {} takes one character (Ctrl-d, Alt-t)",
                        if ctrl { "Ctrl" } else { "Alt" }
                    )),
                };
            }
        }
        let code = match lower.as_str() {
            "space" => return Ok(Key::Char(' ')),
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "backspace" | "bksp" => KeyCode::Backspace,
            "del" | "delete" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            f if f.starts_with('f') => match f[1..].parse::<u8>() {
                Ok(n @ 1..=12) => KeyCode::F(n),
                _ => return Err(format!("{t:?} is not a key name")),
            },
            _ => {
                return Err(format!(
                    "{t:?} is not a key: write a character, Space, Ctrl-x, Alt-x, or a name (Enter, Esc, Tab, Shift-Tab, Backspace, Del, Up, Down, Left, Right, PgUp, PgDn, Home, End, Insert, F1-F12)"
                ));
            }
        };
        Ok(Key::Code(code))
    }

    /// How the help overlay writes the key.
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".to_owned(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Alt(c) => format!("Alt-{}", c.to_ascii_uppercase()),
            Key::Code(code) => match code {
                KeyCode::Down => "Down".to_owned(),
                KeyCode::Up => "Up".to_owned(),
                KeyCode::Left => "Left".to_owned(),
                KeyCode::Right => "Right".to_owned(),
                KeyCode::PageDown => "PgDn".to_owned(),
                KeyCode::PageUp => "PgUp".to_owned(),
                KeyCode::Home => "Home".to_owned(),
                KeyCode::End => "End".to_owned(),
                KeyCode::Tab => "Tab".to_owned(),
                KeyCode::BackTab => "Shift-Tab".to_owned(),
                KeyCode::Enter => "Enter".to_owned(),
                KeyCode::Backspace => "Backspace".to_owned(),
                KeyCode::Delete => "Del".to_owned(),
                KeyCode::Esc => "Esc".to_owned(),
                KeyCode::Insert => "Insert".to_owned(),
                KeyCode::F(n) => format!("F{n}"),
                other => format!("{other:?}"),
            },
        }
    }
}

/// One table: the keys bound to each action, in the order the help lists them.
pub type Table = Vec<(Action, Vec<Key>)>;

/// The key tables of every mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    pub normal: Table,
    pub help: Table,
    pub prompt: Table,
    pub picker: Table,
    pub full: Table,
}

impl Default for Keymap {
    fn default() -> Keymap {
        use Key::{Alt, Char, Code, Ctrl};
        let movement = vec![
            (Action::Down, vec![Char('j'), Code(KeyCode::Down)]),
            (Action::Up, vec![Char('k'), Code(KeyCode::Up)]),
            (
                Action::PageDown,
                vec![Code(KeyCode::PageDown), Char(' '), Ctrl('d')],
            ),
            (
                Action::PageUp,
                vec![Code(KeyCode::PageUp), Char('b'), Ctrl('u')],
            ),
            (Action::Top, vec![Char('g'), Code(KeyCode::Home)]),
            (Action::Bottom, vec![Char('G'), Code(KeyCode::End)]),
        ];
        let mut normal = movement.clone();
        normal.extend([
            (Action::FocusNext, vec![Code(KeyCode::Tab)]),
            (Action::FocusPrev, vec![Code(KeyCode::BackTab)]),
            (
                Action::Open,
                vec![Code(KeyCode::Enter), Char('l'), Code(KeyCode::Right)],
            ),
            (
                Action::Back,
                vec![Code(KeyCode::Backspace), Char('h'), Code(KeyCode::Left)],
            ),
            (Action::FullScreen, vec![Char('z')]),
            (Action::NextArticle, vec![Char('J'), Char(']')]),
            (Action::PrevArticle, vec![Char('K'), Char('[')]),
            (Action::ShrinkHeadlines, vec![Char('<')]),
            (Action::GrowHeadlines, vec![Char('>')]),
            (Action::Search, vec![Char('/')]),
            (Action::PersonFilter, vec![Char('p')]),
            (Action::DateFilter, vec![Char('d')]),
            (Action::QueryLine, vec![Char(':')]),
            (Action::Escape, vec![Code(KeyCode::Esc)]),
            (Action::OpenLink, vec![Char('o')]),
            (Action::CopyLink, vec![Char('y')]),
            (Action::ToggleRead, vec![Char('m')]),
            (Action::ToggleStar, vec![Char('s')]),
            (Action::OnlyUnread, vec![Char('u')]),
            (Action::OnlyStarred, vec![Char('S')]),
            (Action::Reload, vec![Char('r'), Char('R')]),
            (Action::Update, vec![Char('U')]),
            (Action::NextUnread, vec![Char('n')]),
            (Action::PrevUnread, vec![Char('N')]),
            (Action::NextMatch, vec![Ctrl('n')]),
            (Action::PrevMatch, vec![Ctrl('p')]),
            (Action::Help, vec![Char('?')]),
            (Action::Suspend, vec![Ctrl('z')]),
            (Action::Quit, vec![Char('q'), Ctrl('c')]),
        ]);
        let mut full = movement.clone();
        full.extend([
            (
                Action::Escape,
                vec![
                    Code(KeyCode::Esc),
                    Char('q'),
                    Char('h'),
                    Code(KeyCode::Backspace),
                    Code(KeyCode::Left),
                ],
            ),
            (Action::NextArticle, vec![Char('J'), Char(']')]),
            (Action::PrevArticle, vec![Char('K'), Char('[')]),
            (Action::OpenLink, vec![Char('o')]),
            (Action::CopyLink, vec![Char('y')]),
            (Action::ToggleRead, vec![Char('m')]),
            (Action::ToggleStar, vec![Char('s')]),
            (Action::NextUnread, vec![Char('n')]),
            (Action::PrevUnread, vec![Char('N')]),
            (Action::NextMatch, vec![Ctrl('n')]),
            (Action::PrevMatch, vec![Ctrl('p')]),
            (Action::Help, vec![Char('?')]),
            (Action::Suspend, vec![Ctrl('z')]),
            (Action::Quit, vec![Ctrl('c')]),
        ]);
        let mut help = movement;
        help.extend([
            (Action::Escape, vec![Code(KeyCode::Esc), Char('q')]),
            (Action::Help, vec![Char('?')]),
            (Action::Suspend, vec![Ctrl('z')]),
            (Action::Quit, vec![Ctrl('c')]),
        ]);
        let editing = vec![
            (
                Action::DeleteBack,
                vec![Code(KeyCode::Backspace), Ctrl('h')],
            ),
            (Action::DeleteForward, vec![Code(KeyCode::Delete)]),
            (Action::DeleteWord, vec![Ctrl('w')]),
            (Action::DeleteToStart, vec![Ctrl('u')]),
            (Action::CursorLeft, vec![Code(KeyCode::Left), Ctrl('b')]),
            (Action::CursorRight, vec![Code(KeyCode::Right), Ctrl('f')]),
            (Action::CursorStart, vec![Code(KeyCode::Home), Ctrl('a')]),
            (Action::CursorEnd, vec![Code(KeyCode::End), Ctrl('e')]),
            (Action::Suspend, vec![Ctrl('z')]),
            (Action::Quit, vec![Ctrl('c')]),
        ];
        let mut prompt = vec![
            (Action::Submit, vec![Code(KeyCode::Enter)]),
            (Action::Escape, vec![Code(KeyCode::Esc), Ctrl('g')]),
            (Action::DateToday, vec![Alt('t')]),
            (Action::DateWeek, vec![Alt('w')]),
            (Action::DateMonth, vec![Alt('m')]),
            (Action::DateYear, vec![Alt('y')]),
        ];
        prompt.extend(editing.iter().cloned());
        let mut picker = vec![
            (Action::Submit, vec![Code(KeyCode::Enter)]),
            (Action::Escape, vec![Code(KeyCode::Esc), Ctrl('g')]),
            (Action::Down, vec![Code(KeyCode::Down), Ctrl('n')]),
            (Action::Up, vec![Code(KeyCode::Up), Ctrl('p')]),
            (Action::PageDown, vec![Code(KeyCode::PageDown)]),
            (Action::PageUp, vec![Code(KeyCode::PageUp)]),
            (Action::ToggleScope, vec![Code(KeyCode::Tab)]),
        ];
        picker.extend(editing);
        Keymap {
            normal,
            help,
            prompt,
            picker,
            full,
        }
    }
}

impl Keymap {
    /// The table of a mode.
    pub fn table(&self, mode: ModeKind) -> &Table {
        match mode {
            ModeKind::Normal => &self.normal,
            ModeKind::Help => &self.help,
            ModeKind::Prompt => &self.prompt,
            ModeKind::Picker => &self.picker,
            ModeKind::Full => &self.full,
        }
    }

    /// The table of a mode, to change.
    pub fn table_mut(&mut self, mode: ModeKind) -> &mut Table {
        match mode {
            ModeKind::Normal => &mut self.normal,
            ModeKind::Help => &mut self.help,
            ModeKind::Prompt => &mut self.prompt,
            ModeKind::Picker => &mut self.picker,
            ModeKind::Full => &mut self.full,
        }
    }

    /// The key a hint names for `action` in `mode`: the first bound, in the hint's short form
    /// (`Bksp` for Backspace); `None` when nothing is bound to it.
    pub fn hint_key(&self, mode: ModeKind, action: Action) -> Option<String> {
        let (_, keys) = self.table(mode).iter().find(|(a, _)| *a == action)?;
        keys.first().map(|k| match k {
            Key::Code(KeyCode::Backspace) => "Bksp".to_owned(),
            k => k.label(),
        })
    }

    /// Binds `keys` to `action` in `mode`, in place of the keys it had there (none unbinds it);
    /// an action the mode's table lacks is added at its end.
    pub fn bind(&mut self, mode: ModeKind, action: Action, keys: Vec<Key>) {
        let table = self.table_mut(mode);
        match table.iter_mut().find(|(a, _)| *a == action) {
            Some((_, old)) => *old = keys,
            None => table.push((action, keys)),
        }
    }

    /// What a key press means in `mode`: a bound action, text in a prompt, or — for a key
    /// bound to nothing outside a prompt — a message saying so.
    pub fn key(&self, mode: ModeKind, ev: &KeyEvent) -> Option<Msg> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let bound = self
            .table(mode)
            .iter()
            .find(|(_, keys)| keys.iter().any(|k| k.matches(ev)))
            .map(|(action, _)| Msg::Action(*action));
        if bound.is_some() {
            return bound;
        }
        match ev.code {
            KeyCode::Char(c)
                if mode.takes_text()
                    && !ev
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(Msg::Text(c.to_string()))
            }
            _ if mode.takes_text() => None,
            _ => Key::of(ev).map(|k| Msg::Unbound(k.label())),
        }
    }

    /// What any terminal event means in `mode`.
    pub fn event(&self, mode: ModeKind, ev: &Event) -> Option<Msg> {
        match ev {
            Event::Key(k) => self.key(mode, k),
            Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
            // A pasted block is text in a prompt and nothing elsewhere: never a run of keys.
            Event::Paste(text) if mode.takes_text() => Some(Msg::Text(text.clone())),
            Event::Mouse(m) if mode == ModeKind::Normal => match m.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click(m.column, m.row)),
                MouseEventKind::ScrollDown => Some(Msg::Wheel(m.column, m.row, true)),
                MouseEventKind::ScrollUp => Some(Msg::Wheel(m.column, m.row, false)),
                _ => None,
            },
            _ => None,
        }
    }

    /// The help overlay's rows for the panes: the keys of each action and what it does, then
    /// the mouse.
    pub fn help_rows(&self, words: &Words) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(String, &'static str)> = self
            .normal
            .iter()
            .filter(|(_, keys)| !keys.is_empty())
            .map(|(action, keys)| {
                (
                    keys.iter().map(|k| k.label()).collect::<Vec<_>>().join(" "),
                    words.action_help(*action),
                )
            })
            .collect();
        rows.push((words.mouse_keys.to_owned(), words.mouse_help));
        rows
    }

    /// Keys bound to more than one action in the same mode: (mode, key, the actions).
    pub fn conflicts(&self) -> Vec<(ModeKind, Key, Vec<Action>)> {
        let mut out = Vec::new();
        for mode in [
            ModeKind::Normal,
            ModeKind::Help,
            ModeKind::Prompt,
            ModeKind::Picker,
            ModeKind::Full,
        ] {
            let table = self.table(mode);
            let mut seen: Vec<Key> = Vec::new();
            for (_, keys) in table {
                for k in keys {
                    if seen.contains(k) {
                        continue;
                    }
                    seen.push(*k);
                    let actions: Vec<Action> = table
                        .iter()
                        .filter(|(_, ks)| ks.contains(k))
                        .map(|(a, _)| *a)
                        .collect();
                    if actions.len() > 1 {
                        out.push((mode, *k, actions));
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_back_their_labels_and_the_usual_spellings() {
        let km = Keymap::default();
        for mode in [km.normal, km.help, km.prompt, km.picker, km.full] {
            for (_, keys) in mode {
                for k in keys {
                    assert_eq!(Key::parse(&k.label()), Ok(k), "{}", k.label());
                }
            }
        }
        assert_eq!(Key::parse("ctrl-D"), Ok(Key::Ctrl('d')));
        assert_eq!(Key::parse("C-x"), Ok(Key::Ctrl('x')));
        assert_eq!(Key::parse("alt-T"), Ok(Key::Alt('t')));
        assert_eq!(Key::parse("G"), Ok(Key::Char('G')));
        assert_eq!(Key::parse("space"), Ok(Key::Char(' ')));
        assert_eq!(Key::parse("pagedown"), Ok(Key::Code(KeyCode::PageDown)));
        assert_eq!(Key::parse("F5"), Ok(Key::Code(KeyCode::F(5))));
        assert_eq!(Key::parse("F5").map(Key::label), Ok("F5".to_owned()));
        for bad in ["", "ctrl-", "ctrl-ab", "F13", "hyper-x", "\u{1b}", "enterr"] {
            assert!(Key::parse(bad).is_err(), "{bad:?}");
        }
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn action(km: &Keymap, mode: ModeKind, ev: KeyEvent) -> Option<Action> {
        match km.key(mode, &ev) {
            Some(Msg::Action(a)) => Some(a),
            _ => None,
        }
    }

    fn text(km: &Keymap, mode: ModeKind, ev: KeyEvent) -> Option<String> {
        match km.key(mode, &ev) {
            Some(Msg::Text(t)) => Some(t),
            _ => None,
        }
    }

    #[test]
    fn vim_and_arrow_keys_in_the_panes() {
        let km = Keymap::default();
        let n = ModeKind::Normal;
        for (ev, want) in [
            (key(KeyCode::Char('j')), Some(Action::Down)),
            (key(KeyCode::Down), Some(Action::Down)),
            (key(KeyCode::Char('k')), Some(Action::Up)),
            (key(KeyCode::Char('G')), Some(Action::Bottom)),
            (key(KeyCode::Char(' ')), Some(Action::PageDown)),
            (key(KeyCode::BackTab), Some(Action::FocusPrev)),
            (key(KeyCode::Char('/')), Some(Action::Search)),
            (key(KeyCode::Char('q')), Some(Action::Quit)),
            (ctrl('c'), Some(Action::Quit)),
            (ctrl('z'), Some(Action::Suspend)),
            (key(KeyCode::Char('x')), None),
            // Plain `c` is not Ctrl-C.
            (key(KeyCode::Char('c')), None),
        ] {
            assert_eq!(action(&km, n, ev), want, "{ev:?}");
            assert_eq!(text(&km, n, ev), None, "no text outside a prompt");
        }
    }

    #[test]
    fn in_help_q_closes_and_ctrl_c_quits() {
        let km = Keymap::default();
        let h = ModeKind::Help;
        assert_eq!(
            action(&km, h, key(KeyCode::Char('q'))),
            Some(Action::Escape)
        );
        assert_eq!(action(&km, h, ctrl('c')), Some(Action::Quit));
        assert_eq!(action(&km, h, key(KeyCode::Char('j'))), Some(Action::Down));
        assert_eq!(action(&km, h, key(KeyCode::Char('?'))), Some(Action::Help));
        // The panes' keys do nothing behind the overlay.
        assert_eq!(action(&km, h, key(KeyCode::Tab)), None);
        assert_eq!(action(&km, h, key(KeyCode::Char('/'))), None);
    }

    #[test]
    fn in_a_prompt_letters_and_space_are_text() {
        let km = Keymap::default();
        let p = ModeKind::Prompt;
        for c in ['j', 'q', 'd', ' ', 'p', '/', '?', 'G', 'ư', 'ệ'] {
            let ev = key(KeyCode::Char(c));
            assert_eq!(text(&km, p, ev), Some(c.to_string()), "{c:?}");
            assert_eq!(action(&km, p, ev), None);
        }
        for (ev, want) in [
            (key(KeyCode::Enter), Action::Submit),
            (key(KeyCode::Esc), Action::Escape),
            (key(KeyCode::Backspace), Action::DeleteBack),
            (key(KeyCode::Left), Action::CursorLeft),
            (ctrl('w'), Action::DeleteWord),
            (ctrl('u'), Action::DeleteToStart),
            (ctrl('c'), Action::Quit),
        ] {
            assert_eq!(action(&km, p, ev), Some(want), "{ev:?}");
        }
        // Ctrl and Alt chords are never text.
        assert_eq!(text(&km, p, ctrl('x')), None);
        let alt = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT);
        assert_eq!(text(&km, p, alt), None);
    }

    #[test]
    fn paste_is_text_only_in_a_prompt_and_never_keys() {
        let km = Keymap::default();
        let paste = Event::Paste("qqq j".to_owned());
        assert!(matches!(
            km.event(ModeKind::Prompt, &paste),
            Some(Msg::Text(t)) if t == "qqq j"
        ));
        assert!(km.event(ModeKind::Normal, &paste).is_none());
    }

    #[test]
    fn releases_are_ignored() {
        let km = Keymap::default();
        let mut ev = key(KeyCode::Char('j'));
        ev.kind = KeyEventKind::Release;
        assert!(km.key(ModeKind::Normal, &ev).is_none());
        assert!(km.key(ModeKind::Prompt, &ev).is_none());
    }

    #[test]
    fn the_default_tables_have_no_conflicts_and_the_help_shows_them() {
        let km = Keymap::default();
        assert_eq!(km.conflicts(), Vec::new());
        let rows = km.help_rows(&crate::words::EN);
        assert!(rows.iter().any(|(k, _)| k == "?"));
        assert!(rows.iter().any(|(k, h)| k == "q Ctrl-C" && *h == "quit"));
    }

    #[test]
    fn a_changed_table_is_what_resolves_and_what_the_help_shows() {
        let mut km = Keymap::default();
        for (action, keys) in &mut km.normal {
            if *action == Action::Down {
                keys.push(Key::Char('x'));
            }
        }
        assert_eq!(
            action(&km, ModeKind::Normal, key(KeyCode::Char('x'))),
            Some(Action::Down)
        );
        assert!(
            km.help_rows(&crate::words::EN)
                .iter()
                .any(|(k, _)| k == "j Down x")
        );
        km.normal.push((Action::Quit, vec![Key::Char('j')]));
        assert_eq!(
            km.conflicts(),
            vec![(
                ModeKind::Normal,
                Key::Char('j'),
                vec![Action::Down, Action::Quit]
            )]
        );
    }
}
