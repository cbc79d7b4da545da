//! The config file: `$XDG_CONFIG_HOME/tuinews/config.toml` (`~/.config/tuinews/config.toml`),
//! every key optional.
//!
//! Read with `toml_edit`, which keeps where each key was written, so a bad value or an unknown
//! key is reported with its file, line and column, and that key alone takes its default: the
//! reader always starts. A file that is not TOML at all gives one message with the place of
//! the first error, and every key its default. [`default_file`] writes the whole file with
//! every default and what each key does (`tuinews config --default`), and parses back to the
//! defaults.

use std::ops::Range;
use std::path::{Path, PathBuf};

use ratatui::style::Style;
use toml_edit::{Document, Item, TableLike};

use crate::action::Action;
use crate::keymap::{Key, Keymap, ModeKind};
use crate::layout::{DEFAULT_HEADLINES_PERCENT, HEADLINES_PERCENT_RANGE, View};
use crate::ui::Theme;
use crate::ui::theme::{parse_style, style_text};
use crate::words::Lang;
use crate::zone::Zone;

/// The article's text width when the config does not set one.
pub const DEFAULT_WIDTH: usize = crate::app::DEFAULT_MEASURE;
/// The widths the config accepts.
pub const WIDTHS: std::ops::RangeInclusive<usize> = 20..=1000;
/// The date format of full dates when the config does not set one.
pub const DEFAULT_DATE_FORMAT: &str = "%d/%m/%Y";

/// The built-in theme the configured roles start from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Base {
    #[default]
    Dark,
    Light,
}

/// What a config file sets; `None` and empty lists leave the defaults.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// `[keys.MODE] action = keys`, in the file's order, with the line each was written on.
    pub bindings: Vec<Binding>,
    pub base: Option<Base>,
    /// `[theme] role = "style"`.
    pub roles: Vec<(&'static str, Style)>,
    pub headlines_percent: Option<u16>,
    pub related: Option<bool>,
    pub width: Option<usize>,
    pub date_format: Option<String>,
    pub time_zone: Option<Zone>,
    pub ambiguous_wide: Option<bool>,
    pub language: Option<Lang>,
}

/// One `action = keys` line of a `[keys.MODE]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub mode: ModeKind,
    pub action: Action,
    pub keys: Vec<Key>,
    /// Where it was written, for a conflict's message.
    line: usize,
    column: usize,
}

/// Something wrong in the file: where, which key, what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    /// The key's dotted path (`keys.normal.quit`); empty for the file as a whole.
    pub key: String,
    pub message: String,
}

impl Problem {
    /// The message as printed: `FILE:LINE:COLUMN: KEY: what was wrong`.
    pub fn in_file(&self, file: &str) -> String {
        if self.key.is_empty() {
            format!("{file}:{}:{}: {}", self.line, self.column, self.message)
        } else {
            format!(
                "{file}:{}:{}: {}: {}",
                self.line, self.column, self.key, self.message
            )
        }
    }
}

/// Where the config file is: `$XDG_CONFIG_HOME/tuinews/config.toml`, else under `~/.config`.
/// A relative `XDG_CONFIG_HOME` is ignored, as the XDG specification asks.
pub fn path(xdg_config_home: Option<&Path>, home: Option<&Path>) -> Option<PathBuf> {
    crate::xdg::config_dir(xdg_config_home, home).map(|d| d.join("config.toml"))
}

/// A config file read: the settings that were good, and what was not.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub config: Config,
    pub problems: Vec<Problem>,
}

/// Reads the config file at `path`: `Ok(None)` when there is none (the normal case), an error
/// when it exists but cannot be read.
pub fn load(path: &Path) -> std::io::Result<Option<Loaded>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(match String::from_utf8(bytes) {
            Ok(text) => parse(&text),
            Err(e) => {
                let text = String::from_utf8_lossy(e.as_bytes());
                let at = e.utf8_error().valid_up_to();
                let (line, column) = line_column(&text, at);
                Loaded {
                    config: Config::default(),
                    problems: vec![Problem {
                        line,
                        column,
                        key: String::new(),
                        message: "not UTF-8 text; every setting takes its default".to_owned(),
                    }],
                }
            }
        })),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Reads config text.
pub fn parse(text: &str) -> Loaded {
    let doc = match Document::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let (line, column) = e.span().map_or((1, 1), |s| line_column(text, s.start));
            let message = e.message().trim().replace('\n', " ");
            return Loaded {
                config: Config::default(),
                problems: vec![Problem {
                    line,
                    column,
                    key: String::new(),
                    message: format!(
                        "not valid TOML: {}; every setting takes its default",
                        crate::text::sanitize_line(&message)
                    ),
                }],
            };
        }
    };
    let mut reader = Reader {
        text,
        problems: Vec::new(),
    };
    let mut config = Config::default();
    let root = doc.as_table();
    for (name, item) in root.iter() {
        let at = reader.place(root, name, item);
        let Some(table) = item.as_table_like() else {
            reader.problem(
                at,
                name,
                "expected a table ([layout], [text], [theme] or [keys.MODE])".to_owned(),
            );
            continue;
        };
        match name {
            "layout" => reader.layout(table, &mut config),
            "text" => reader.text_table(table, &mut config),
            "theme" => reader.theme(table, &mut config),
            "keys" => reader.keys(table, &mut config),
            other => reader.problem(
                at,
                other,
                "unknown table; the tables are [layout], [text], [theme] and [keys.MODE]"
                    .to_owned(),
            ),
        }
    }
    reader.conflicts(&config);
    Loaded {
        config,
        problems: reader.problems,
    }
}

/// Reads the document, noting problems as it goes.
struct Reader<'t> {
    text: &'t str,
    problems: Vec<Problem>,
}

/// Where a key was written: line and column, 1-based.
type Place = (usize, usize);

impl Reader<'_> {
    fn place(&self, table: &dyn TableLike, key: &str, item: &Item) -> Place {
        let span: Option<Range<usize>> = table
            .key(key)
            .and_then(toml_edit::Key::span)
            .or_else(|| item.span());
        span.map_or((1, 1), |s| line_column(self.text, s.start))
    }

    fn problem(&mut self, (line, column): Place, key: &str, message: String) {
        self.problems.push(Problem {
            line,
            column,
            key: crate::text::sanitize_line(key),
            message,
        });
    }

    /// Each key of `table` with its place, or a problem for a key `known` lacks.
    fn entries<'a>(
        &mut self,
        table: &'a dyn TableLike,
        prefix: &str,
        known: &[&str],
    ) -> Vec<(&'a str, &'a Item, Place)> {
        let mut out = Vec::new();
        for (key, item) in table.iter() {
            let at = self.place(table, key, item);
            if known.contains(&key) {
                out.push((key, item, at));
            } else {
                let hint = match closest(key, known) {
                    Some(k) => format!(" (did you mean {k}?)"),
                    None => String::new(),
                };
                self.problem(
                    at,
                    &format!("{prefix}.{key}"),
                    format!("unknown key{hint}; the keys here are {}", known.join(", ")),
                );
            }
        }
        out
    }

    fn layout(&mut self, table: &dyn TableLike, config: &mut Config) {
        for (key, item, at) in self.entries(table, "layout", &["headlines_percent", "related"]) {
            let path = format!("layout.{key}");
            match key {
                "headlines_percent" => {
                    let range = HEADLINES_PERCENT_RANGE;
                    match item.as_integer().and_then(|n| u16::try_from(n).ok()) {
                        Some(n) if range.contains(&n) => config.headlines_percent = Some(n),
                        _ => self.problem(
                            at,
                            &path,
                            format!(
                                "expected a whole number from {} to {}, found {}",
                                range.start(),
                                range.end(),
                                shown(item)
                            ),
                        ),
                    }
                }
                _ => match item.as_bool() {
                    Some(b) => config.related = Some(b),
                    None => self.problem(
                        at,
                        &path,
                        format!("expected true or false, found {}", shown(item)),
                    ),
                },
            }
        }
    }

    fn text_table(&mut self, table: &dyn TableLike, config: &mut Config) {
        let known = [
            "width",
            "date_format",
            "time_zone",
            "ambiguous_wide",
            "language",
        ];
        for (key, item, at) in self.entries(table, "text", &known) {
            let path = format!("text.{key}");
            let string = || item.as_str().map(str::to_owned);
            let result: Result<(), String> = match key {
                "width" => match item.as_integer().and_then(|n| usize::try_from(n).ok()) {
                    Some(n) if WIDTHS.contains(&n) => {
                        config.width = Some(n);
                        Ok(())
                    }
                    _ => Err(format!(
                        "expected a number of columns from {} to {}, found {}",
                        WIDTHS.start(),
                        WIDTHS.end(),
                        shown(item)
                    )),
                },
                "date_format" => match string() {
                    Some(f) => crate::zone::check_date_format(&f)
                        .map(|()| config.date_format = Some(f))
                        .map_err(|e| format!("cannot write a date with this format: {e}")),
                    None => Err(format!("expected a strftime format such as \"%d/%m/%Y\", found {}", shown(item))),
                },
                "time_zone" => match string() {
                    Some(z) => Zone::parse(&z)
                        .map(|zone| config.time_zone = Some(zone))
                        .map_err(|_| {
                            format!("{z:?} is not a time zone: an IANA name (Asia/Ho_Chi_Minh), an offset (+07:00, UTC) or article")
                        }),
                    None => Err(format!("expected a time zone name, found {}", shown(item))),
                },
                "ambiguous_wide" => match item.as_bool() {
                    Some(b) => {
                        config.ambiguous_wide = Some(b);
                        Ok(())
                    }
                    None => Err(format!("expected true or false, found {}", shown(item))),
                },
                _ => match string().map(|l| l.parse::<Lang>()) {
                    Some(Ok(lang)) => {
                        config.language = Some(lang);
                        Ok(())
                    }
                    Some(Err(e)) => Err(e.to_string()),
                    None => Err(format!("expected \"en\" or \"vi\", found {}", shown(item))),
                },
            };
            if let Err(message) = result {
                self.problem(at, &path, crate::text::sanitize_line(&message));
            }
        }
    }

    fn theme(&mut self, table: &dyn TableLike, config: &mut Config) {
        let mut known = vec!["base"];
        known.extend(Theme::ROLES);
        for (key, item, at) in self.entries(table, "theme", &known) {
            let path = format!("theme.{key}");
            let Some(text) = item.as_str() else {
                self.problem(
                    at,
                    &path,
                    format!("expected a string, found {}", shown(item)),
                );
                continue;
            };
            if key == "base" {
                match text.to_ascii_lowercase().as_str() {
                    "dark" => config.base = Some(Base::Dark),
                    "light" => config.base = Some(Base::Light),
                    _ => self.problem(
                        at,
                        &path,
                        format!(
                            "{:?}: the built-in themes are dark and light",
                            crate::text::sanitize_line(text)
                        ),
                    ),
                }
                continue;
            }
            let role = Theme::ROLES.iter().find(|r| **r == key).copied();
            match (role, parse_style(text)) {
                (Some(role), Ok(style)) => config.roles.push((role, style)),
                (_, Err(e)) => self.problem(at, &path, crate::text::sanitize_line(&e)),
                (None, Ok(_)) => {}
            }
        }
    }

    fn keys(&mut self, table: &dyn TableLike, config: &mut Config) {
        let modes: Vec<&str> = ModeKind::ALL.iter().map(|m| m.name()).collect();
        for (name, item, at) in self.entries(table, "keys", &modes) {
            let Some(mode) = ModeKind::ALL.into_iter().find(|m| m.name() == name) else {
                continue;
            };
            let Some(bindings) = item.as_table_like() else {
                self.problem(
                    at,
                    &format!("keys.{name}"),
                    "expected a table of action = keys".to_owned(),
                );
                continue;
            };
            for (action_name, keys_item) in bindings.iter() {
                let at = self.place(bindings, action_name, keys_item);
                let path = format!("keys.{name}.{action_name}");
                let Some(action) = Action::from_name(action_name) else {
                    let names: Vec<&str> = Action::all().map(Action::name).collect();
                    let hint = match closest(action_name, &names) {
                        Some(k) => format!(" (did you mean {k}?)"),
                        None => String::new(),
                    };
                    self.problem(
                        at,
                        &path,
                        format!(
                            "no action named {:?}{hint}; `tuinews config --default` lists them",
                            crate::text::sanitize_line(action_name)
                        ),
                    );
                    continue;
                };
                let texts: Option<Vec<&str>> = match keys_item.as_str() {
                    Some(one) => Some(vec![one]),
                    None => keys_item
                        .as_array()
                        .and_then(|a| a.iter().map(toml_edit::Value::as_str).collect()),
                };
                let Some(texts) = texts else {
                    self.problem(at, &path, format!("expected a key (\"q\") or a list of keys ([\"q\", \"Ctrl-c\"]), found {}", shown(keys_item)));
                    continue;
                };
                match texts
                    .iter()
                    .map(|t| Key::parse(t))
                    .collect::<Result<Vec<Key>, String>>()
                {
                    Ok(keys) => config.bindings.push(Binding {
                        mode,
                        action,
                        keys,
                        line: at.0,
                        column: at.1,
                    }),
                    Err(e) => self.problem(at, &path, crate::text::sanitize_line(&e)),
                }
            }
        }
    }

    /// Keys the file binds to two actions of one mode: the first in the table wins, which the
    /// message says, at the binding that made the clash.
    fn conflicts(&mut self, config: &Config) {
        let keymap = config.keymap();
        for (mode, key, actions) in keymap.conflicts() {
            let Some(b) =
                config.bindings.iter().rev().find(|b| {
                    b.mode == mode && actions.contains(&b.action) && b.keys.contains(&key)
                })
            else {
                continue;
            };
            let names: Vec<&str> = actions.iter().map(|a| a.name()).collect();
            let first = names.first().copied().unwrap_or_default();
            self.problem(
                (b.line, b.column),
                &format!("keys.{}.{}", mode.name(), b.action.name()),
                format!(
                    "{} is bound to {} in this mode; {first} wins",
                    key.label(),
                    names.join(" and ")
                ),
            );
        }
    }
}

impl Config {
    /// The key tables: the defaults with this file's bindings in place.
    pub fn keymap(&self) -> Keymap {
        let mut keymap = Keymap::default();
        for b in &self.bindings {
            keymap.bind(b.mode, b.action, b.keys.clone());
        }
        keymap
    }

    /// The theme: the base, the configured roles over it; with `no_color` (`NO_COLOR` set),
    /// the attribute-only theme and the roles' attributes without their colours.
    pub fn theme(&self, no_color: bool) -> Theme {
        let mut theme = match (no_color, self.base.unwrap_or_default()) {
            (true, _) => Theme::no_colour(),
            (false, Base::Dark) => Theme::colour(),
            (false, Base::Light) => Theme::light(),
        };
        for (role, style) in &self.roles {
            if let Some(slot) = theme.role_mut(role) {
                *slot = if no_color {
                    Style {
                        fg: None,
                        bg: None,
                        ..*style
                    }
                } else {
                    *style
                };
            }
        }
        theme
    }

    /// The arrangement the reader starts with.
    pub fn view(&self) -> View {
        View {
            headlines_percent: self.headlines_percent.unwrap_or(DEFAULT_HEADLINES_PERCENT),
            related: self.related.unwrap_or(true),
            ..View::default()
        }
    }

    /// The article's text width.
    pub fn width(&self) -> usize {
        self.width.unwrap_or(DEFAULT_WIDTH)
    }
}

/// How a value was written, for a message (never longer than a line, never a control
/// character).
fn shown(item: &Item) -> String {
    let text = item.to_string();
    let text = crate::text::sanitize_line(text.trim());
    let kind = item.type_name();
    if text.chars().count() > 40 {
        kind.to_owned()
    } else {
        format!("{kind} {text}")
    }
}

/// The known name nearest to a misspelt one, when one is near enough to be the one meant.
fn closest<'a>(typed: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (edit_distance(typed, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance, by characters. Written here: a dozen lines, for names of a few
/// letters, not worth a dependency.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The 1-based line and column (in characters) of byte `at` of `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The whole config file with every key at its default, each explained:
/// `tuinews config --default`.
pub fn default_file() -> String {
    let mut out = String::new();
    out.push_str(
        "# tuinews configuration: $XDG_CONFIG_HOME/tuinews/config.toml (~/.config/tuinews/config.toml).\n\
# Every key is optional: a key left out keeps the default written here. A bad value or an\n\
# unknown key is reported (file, line, key) and takes its default; the reader still starts.\n\
# `tuinews config --check` checks this file, `tuinews config --default` writes this text.\n\n",
    );
    out.push_str("[layout]\n");
    out.push_str(&format!(
        "# The headline pane's share of the width when the panes sit side by side ({}-{}).\nheadlines_percent = {DEFAULT_HEADLINES_PERCENT}\n",
        HEADLINES_PERCENT_RANGE.start(),
        HEADLINES_PERCENT_RANGE.end()
    ));
    out.push_str("# Show the related stories pane; without it the article takes its room.\nrelated = true\n\n");
    out.push_str("[text]\n");
    out.push_str(&format!(
        "# The article's text width in columns ({}-{}); a wider pane centres it.\nwidth = {DEFAULT_WIDTH}\n",
        WIDTHS.start(),
        WIDTHS.end()
    ));
    out.push_str(&format!(
        "# How full dates are written (the article's date line, show, list): a strftime format.\ndate_format = \"{DEFAULT_DATE_FORMAT}\"\n"
    ));
    out.push_str("# The time zone dates are shown and filtered in, as --tz takes it (--tz wins): an IANA\n# name, an offset (+07:00, UTC), or \"article\" for each article's own. Default: the system's.\n# time_zone = \"Asia/Ho_Chi_Minh\"\n");
    out.push_str("# Count East-Asian-ambiguous characters (à á đ è é ê ...) as two columns, for terminals\n# configured to draw them wide (--ambiguous-wide sets it too).\nambiguous_wide = false\n");
    out.push_str("# The interface language, en or vi, as --lang takes it (--lang wins). Default: vi when\n# LC_ALL, LC_MESSAGES or LANG starts with vi, else en.\n# language = \"vi\"\n\n");
    out.push_str("[theme]\n# The built-in theme the roles start from: dark or light. With NO_COLOR set, the roles keep\n# their attributes and lose their colours.\nbase = \"dark\"\n");
    out.push_str("# Each role: attributes (bold, dim, italic, underline, reverse, strikethrough), a colour (a\n# name such as yellow or lightblue, 0-255, or #rrggbb) and `on` a background; \"none\" is plain.\n# The dark theme's roles follow, commented out: a role set here replaces the base's, and\n# keeps only its attributes under NO_COLOR, so leave out the ones you do not change.\n");
    let mut theme = Theme::colour();
    for role in Theme::ROLES {
        if let Some(style) = theme.role_mut(role) {
            out.push_str(&format!("# {role} = \"{}\"\n", style_text(*style)));
        }
    }
    out.push_str("\n# Keys, one table per mode: an action = a key or a list of keys. A key is a character (j, G,\n# ?), Space, Ctrl-x, Alt-x, or a name: Enter, Esc, Tab, Shift-Tab, Backspace, Del, Up, Down,\n# Left, Right, PgUp, PgDn, Home, End, Insert, F1-F12. Binding an action replaces its keys in\n# that mode; [] unbinds it. The help overlay (?) shows the keys in force.\n");
    let keymap = Keymap::default();
    let words = crate::words::Lang::En.words();
    for mode in ModeKind::ALL {
        out.push_str(&format!("\n[keys.{}]\n", mode.name()));
        for (action, keys) in keymap.table(mode) {
            let keys: Vec<String> = keys.iter().map(|k| format!("{:?}", k.label())).collect();
            out.push_str(&format!(
                "{} = [{}]  # {}\n",
                action.name(),
                keys.join(", "),
                words.action_help(*action)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_reads_back_to_the_defaults() {
        let loaded = parse(&default_file());
        assert_eq!(loaded.problems, Vec::new());
        let c = &loaded.config;
        assert_eq!(c.keymap(), Keymap::default());
        assert_eq!(c.theme(false), Theme::colour());
        assert_eq!(c.theme(true), Theme::no_colour());
        assert_eq!(c.view(), View::default());
        assert_eq!(c.width(), DEFAULT_WIDTH);
        assert_eq!(c.date_format.as_deref(), Some(DEFAULT_DATE_FORMAT));
        assert_eq!(c.time_zone, None);
        assert_eq!(c.language, None);
        assert_eq!(c.ambiguous_wide, Some(false));
    }

    #[test]
    fn the_commented_roles_of_the_default_file_are_the_dark_theme() {
        let roles: String = default_file()
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| {
                Theme::ROLES
                    .iter()
                    .any(|r| l.starts_with(&format!("{r} = ")))
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let loaded = parse(&format!("[theme]\n{roles}"));
        assert_eq!(loaded.problems, Vec::new());
        assert_eq!(loaded.config.roles.len(), Theme::ROLES.len());
        assert_eq!(loaded.config.theme(false), Theme::colour());
    }

    #[test]
    fn lines_and_columns_count_characters() {
        assert_eq!(line_column("a\nbcd", 3), (2, 2));
        assert_eq!(line_column("Hà\nx", 4), (2, 1));
        assert_eq!(line_column("", 0), (1, 1));
    }

    #[test]
    fn near_misses_are_suggested() {
        assert_eq!(closest("quitt", &["quit", "help"]), Some("quit"));
        assert_eq!(closest("zzz", &["quit", "help"]), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
