//! The config file: one fixture per kind of bad config with the message a user sees (file,
//! line, key), each setting's effect on the reader, and `tuinews config` on the command line.

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use tuinews::action::Action;
use tuinews::app::App;
use tuinews::config;
use tuinews::layout::Focus;
use tuinews::ui::Theme;

mod common;
use common::{MAIN_2021, app_at, press, select_id};

/// The problems of a config text, as printed for a file named `config.toml`.
fn problems(text: &str) -> Vec<String> {
    config::parse(text)
        .problems
        .iter()
        .map(|p| p.in_file("config.toml"))
        .collect()
}

/// One bad key per fixture: its message (file, line, column, the key's path, what was wrong),
/// and the good key beside it still applies.
#[test]
fn each_bad_config_names_the_file_the_line_and_the_key() {
    let fixtures: &[(&str, &str)] = &[
        (
            "[layout]\nrelated = false\nheadlines_percnt = 40\n",
            "config.toml:3:1: layout.headlines_percnt: unknown key (did you mean headlines_percent?)",
        ),
        (
            "[layout]\nrelated = false\nheadlines_percent = 90\n",
            "config.toml:3:1: layout.headlines_percent: expected a whole number from 25 to 75, found integer 90",
        ),
        (
            "[layout]\nrelated = false\n[keys.normal]\nquitt = \"x\"\n",
            "config.toml:4:1: keys.normal.quitt: no action named \"quitt\" (did you mean quit?)",
        ),
        (
            "[layout]\nrelated = false\n[keys.normal]\nquit = \"ctrl-\"\n",
            "config.toml:4:1: keys.normal.quit: \"ctrl-\"",
        ),
        (
            "[layout]\nrelated = false\n[keys.nromal]\nquit = \"x\"\n",
            "config.toml:3:7: keys.nromal: unknown key (did you mean normal?)",
        ),
        (
            "[layout]\nrelated = false\n[keys.normal]\nsearch = \"q\"\n",
            "config.toml:4:1: keys.normal.search: q is bound to search and quit in this mode; search wins",
        ),
        (
            "[layout]\nrelated = false\n[theme]\ntitle = \"blod\"\n",
            "config.toml:4:1: theme.title: \"blod\" is not a colour",
        ),
        (
            "[layout]\nrelated = false\n[theme]\nbase = \"solarized\"\n",
            "config.toml:4:1: theme.base: \"solarized\": the built-in themes are dark and light",
        ),
        (
            "[layout]\nrelated = false\n[text]\ndate_format = \"%H:%M\"\n",
            "config.toml:4:1: text.date_format: cannot write a date with this format",
        ),
        (
            "[layout]\nrelated = false\n[text]\ntime_zone = \"Mars/Olympus\"\n",
            "config.toml:4:1: text.time_zone: \"Mars/Olympus\" is not a time zone",
        ),
        (
            "[layout]\nrelated = false\n[text]\nlanguage = \"fr\"\n",
            "config.toml:4:1: text.language: unknown interface language \"fr\"",
        ),
        (
            "[layout]\nrelated = false\n[text]\nwidth = 5\n",
            "config.toml:4:1: text.width: expected a number of columns from 20 to 1000, found integer 5",
        ),
        (
            "[layout]\nrelated = false\n[text]\nambiguous_wide = \"yes\"\n",
            "config.toml:4:1: text.ambiguous_wide: expected true or false, found string \"yes\"",
        ),
        (
            "[layout]\nrelated = false\n[colours]\ntitle = \"red\"\n",
            "config.toml:3:2: colours: unknown table",
        ),
    ];
    for (text, want) in fixtures {
        let loaded = config::parse(text);
        let got: Vec<String> = loaded
            .problems
            .iter()
            .map(|p| p.in_file("config.toml"))
            .collect();
        assert!(
            got.len() == 1 && got[0].starts_with(want),
            "for\n{text}\nwanted {want:?}\ngot {got:?}"
        );
        assert_eq!(
            loaded.config.related,
            Some(false),
            "the good key of\n{text}"
        );
    }
}

#[test]
fn a_file_that_is_not_toml_gives_its_line_and_column_and_every_default() {
    let loaded = config::parse("[layout]\nrelated = true\nwidth = = 3\n");
    assert_eq!(loaded.config, config::Config::default());
    let got: Vec<String> = loaded
        .problems
        .iter()
        .map(|p| p.in_file("config.toml"))
        .collect();
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].starts_with("config.toml:3:9: not valid TOML:")
            && got[0].ends_with("every setting takes its default"),
        "{got:?}"
    );
    // Whatever the text, nothing in a message is a control character.
    let hostile = problems("[theme]\ntitle = \"\u{1b}[31mred\"\n\"\u{1b}]0;x\u{7}\" = 1\n");
    assert!(!hostile.is_empty());
    for p in hostile {
        assert!(!p.chars().any(char::is_control), "{p:?}");
    }
}

#[test]
fn a_rebinding_changes_what_the_key_does_and_what_help_shows() {
    let loaded = config::parse("[keys.normal]\ndown = [\"x\", \"Down\"]\nquit = \"Q\"\n");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let mut app = app_at(120, 40);
    app.keymap = loaded.config.keymap();
    let first = app.selected;
    press(&mut app, "j");
    assert_eq!(app.selected, first, "j is no longer bound");
    press(&mut app, "x");
    assert_eq!(app.selected, first + 1, "x moves down");
    press(&mut app, "q");
    assert!(!app.quit, "q no longer quits");
    let rows = app.keymap.help_rows(app.words);
    assert!(rows.iter().any(|(k, _)| k == "x Down"), "{rows:?}");
    assert!(rows.iter().any(|(k, _)| k == "Q"), "{rows:?}");
    assert!(
        !rows.iter().any(|(k, _)| k.split(' ').any(|k| k == "j")),
        "{rows:?}"
    );
    // The status line's hints name the keys in force too.
    app.notice = None;
    let text = screen(&app, &Theme::default()).backend().to_string();
    let status = text
        .lines()
        .nth(usize::from(app.size.1) - 1)
        .unwrap_or_default()
        .to_owned();
    assert!(
        status.contains("x/k move") && status.contains("Q quit"),
        "{status}"
    );
    press(&mut app, "Q");
    assert!(app.quit);
}

fn screen(app: &App, theme: &Theme) -> Terminal<TestBackend> {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| panic!("{e}"));
    terminal
        .draw(|f| tuinews::ui::render(app, theme, f))
        .unwrap_or_else(|e| panic!("{e}"));
    terminal
}

#[test]
fn theme_roles_reach_the_screen_and_no_color_keeps_only_attributes() {
    let loaded = config::parse("[theme]\nbase = \"light\"\nstatus = \"bold white on #102030\"\n");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let app = app_at(100, 30);
    let t = screen(&app, &loaded.config.theme(false));
    let status = &t.backend().buffer()[(0, 29)];
    assert_eq!(status.bg, Color::Rgb(0x10, 0x20, 0x30));
    assert_eq!(status.fg, Color::White);
    // The light base: person names are not the dark theme's yellow.
    assert_eq!(loaded.config.theme(false).person, Theme::light().person);
    let plain = loaded.config.theme(true);
    assert_eq!((plain.status.fg, plain.status.bg), (None, None));
    assert!(
        plain
            .status
            .add_modifier
            .contains(ratatui::style::Modifier::BOLD)
    );
}

#[test]
fn width_and_the_related_pane_change_the_screen() {
    let narrow = config::parse("[text]\nwidth = 40\n[layout]\nrelated = false\n");
    assert!(narrow.problems.is_empty(), "{:?}", narrow.problems);
    let mut app = app_at(120, 40);
    app.measure = narrow.config.width();
    app.screen = narrow.config.view();
    select_id(&mut app, MAIN_2021);
    app.update(Action::Open);
    assert!(app.panes().related.is_none());
    let doc = app.document();
    let widest = doc.plain().map(|l| app.metrics.width(l)).max().unwrap_or(0);
    assert!((30..=40).contains(&widest), "lines up to {widest} columns");
    // Tab goes from the article back to the headlines: the hidden pane is skipped.
    assert_eq!(app.focus, Focus::Article);
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Focus::Headlines);
    let text = screen(&app, &Theme::default()).backend().to_string();
    assert!(!text.contains("Related"), "{text}");
}

/// A sandbox home with a config file in its XDG place.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn with_config(text: &str) -> Home {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let conf = dir.path().join(".config").join("tuinews");
        fs::create_dir_all(&conf).unwrap_or_else(|e| panic!("{e}"));
        fs::write(conf.join("config.toml"), text).unwrap_or_else(|e| panic!("{e}"));
        Home { dir }
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join(".config/tuinews/config.toml")
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("tuinews").unwrap_or_else(|e| panic!("{e}"));
        for v in [
            "TUINEWS_STORE",
            "XDG_DATA_HOME",
            "XDG_CONFIG_HOME",
            "XDG_STATE_HOME",
            "LC_ALL",
            "LC_MESSAGES",
            "LANG",
            "TZ",
        ] {
            c.env_remove(v);
        }
        c.env("HOME", self.dir.path());
        c
    }
}

fn output(c: &mut Command) -> (i32, String, String) {
    let out = c.output().unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn config_default_prints_a_file_that_checks_clean() {
    let home = Home::with_config("");
    let (code, default, _) = output(home.cmd().args(["config", "--default"]));
    assert_eq!(code, 0);
    assert!(default.contains("[keys.normal]") && default.contains("quit = [\"q\", \"Ctrl-C\"]"));
    fs::write(home.config(), &default).unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = output(home.cmd().args(["config", "--check"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.ends_with(": ok\n"), "{out}");
    assert_eq!(config::parse(&default).problems, Vec::new());
}

#[test]
fn config_check_reports_each_problem_and_fails() {
    let home =
        Home::with_config("[layout]\nheadlines_percent = 99\n[keys.normal]\nquitt = \"x\"\n");
    let (code, out, err) = output(home.cmd().args(["config", "--check"]));
    assert_eq!(code, 1);
    let file = home.config().display().to_string();
    assert!(
        out.contains(&format!("{file}:2:1: layout.headlines_percent:")),
        "{out}"
    );
    assert!(
        out.contains(&format!("{file}:4:1: keys.normal.quitt:")),
        "{out}"
    );
    assert!(err.contains("2 problems"), "{err}");
    let (code, _, err) = output(
        home.cmd()
            .args(["config", "--check", "/nonexistent/config.toml"]),
    );
    assert_eq!(code, 1);
    assert!(err.contains("no such file"), "{err}");
    let (code, out, _) = output(home.cmd().arg("config"));
    assert_eq!(code, 0);
    assert!(out.contains(&file) && out.contains("exists"), "{out}");
}

#[test]
fn commands_take_the_config_and_warn_about_its_problems() {
    let home = Home::with_config(
        "[text]\ndate_format = \"%Y-%m-%d\"\ntime_zone = \"+07:00\"\nlanguage = \"vi\"\nbogus = 1\n",
    );
    let (code, out, err) = output(home.cmd().args(["list", "--person", "Phạm Minh Chính"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.lines().any(|l| l.starts_with("2021-11-24  Tăng cường")),
        "{out}"
    );
    assert!(!out.contains("24/11/2021"), "{out}");
    assert!(
        err.contains("config.toml:5:1: text.bogus: unknown key"),
        "{err}"
    );
    let (_, shown, _) = output(home.cmd().args(["show", MAIN_2021]));
    assert!(shown.contains("Thứ Tư, 2021-11-24"), "{shown}");
    // The command line wins over the config.
    let (_, shown, _) = output(home.cmd().args(["--lang", "en", "show", MAIN_2021]));
    assert!(shown.contains("Wednesday, 2021-11-24"), "{shown}");
    // --config names another file; a missing one is said, and the defaults apply.
    let (code, out, err) = output(home.cmd().args([
        "--config",
        "/nonexistent/tuinews.toml",
        "list",
        "--person",
        "Phạm Minh Chính",
    ]));
    assert_eq!(code, 0);
    assert!(
        out.lines().any(|l| l.starts_with("24/11/2021  Tăng cường")),
        "{out}"
    );
    assert!(
        err.contains("/nonexistent/tuinews.toml: no such file"),
        "{err}"
    );
}

/// The remaining keys, through the settings the reader starts with: the split, ambiguous
/// width, and the order command line, file, environment.
#[test]
fn the_split_and_ambiguous_width_reach_the_reader_and_flags_win() {
    use clap::Parser;
    let home = Home::with_config(
        "[layout]\nheadlines_percent = 30\n[text]\nambiguous_wide = true\nlanguage = \"vi\"\n",
    );
    let env = tuinews::cli::Env {
        home: Some(home.dir.path().to_path_buf()),
        ..tuinews::cli::Env::default()
    };
    let cli = tuinews::cli::Cli::parse_from(["tuinews"]);
    let settings = tuinews::cli::settings(&cli, &env).unwrap_or_else(|e| panic!("{e}"));
    assert!(settings.problems.is_empty(), "{:?}", settings.problems);
    assert!(settings.metrics.ambiguous_wide);
    assert_eq!(settings.words.lang, tuinews::words::Lang::Vi);
    let mut app = app_at(120, 40);
    app.screen = settings.config.view();
    app.update(tuinews::msg::Msg::Resize(120, 40));
    let headlines = app.panes().headlines.unwrap_or_default();
    assert_eq!(headlines.width, 36, "30% of 120 columns");
    let cli = tuinews::cli::Cli::parse_from(["tuinews", "--lang", "en"]);
    let settings = tuinews::cli::settings(&cli, &env).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(settings.words.lang, tuinews::words::Lang::En);
}
