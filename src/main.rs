//! The `tuinews` binary: parse arguments, dispatch a command, or run the reader.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use tuinews::app::App;
use tuinews::cli::{self, Cli, Env};
use tuinews::runtime::{self, Channel, System};
use tuinews::store::Origin;
use tuinews::tui;

fn main() -> ExitCode {
    let env = Env::from_process();
    // The help is written in the interface language, so the language is read off the
    // arguments before clap parses them.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cli::lang_in_args(&args).unwrap_or(env.lang);
    let matches = tuinews::clihelp::localize(Cli::command(), lang).get_matches_from(&args);
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let code = if cli.command.is_none() {
        reader(&cli, &env)
    } else {
        let stdout = io::stdout();
        let stderr = io::stderr();
        cli::run(cli, &env, &mut stdout.lock(), &mut stderr.lock())
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// The status of a reader ended by a panic, as Rust's own.
const EXIT_PANIC: i32 = 101;

/// Prints the panic of a thread other than the loop's, if there was one
/// ([`runtime::crashed`]); whether there was.
fn report_crash() -> bool {
    let crashed = runtime::crashed();
    if let Some(message) = crashed {
        runtime::say(format_args!(
            "internal error, please report it: a thread of the reader {message}"
        ));
    }
    crashed.is_some()
}

/// The interactive reader. The first frame is drawn at once and the store loads in another
/// thread; a store that cannot be loaded at all ends the reader, and the message is printed
/// once the terminal is back to normal.
fn reader(cli: &Cli, env: &Env) -> i32 {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        runtime::say(
            "the reader needs a terminal; for pipes and scripts use `tuinews list` and `tuinews show ID`",
        );
        return cli::EXIT_FAILURE;
    }
    let origin = env.origin(cli.store.clone());
    // The command line, then the config file, then the environment.
    let settings = match cli::settings(cli, env) {
        Ok(s) => s,
        Err(e) => {
            runtime::say(e);
            return cli::EXIT_USAGE;
        }
    };
    let (words, metrics, config) = (settings.words, settings.metrics, &settings.config);
    // The status line names the file; `tuinews check` (with the path when one was given) has
    // the full story.
    let name = match &origin {
        Origin::Flag(p) | Origin::Env(p) | Origin::Xdg(p) => p
            .file_name()
            .map_or_else(|| origin.name(), |f| f.to_string_lossy().into_owned()),
        Origin::Embedded => words.embedded_sample.to_owned(),
    };
    let mut app = App::loading(tuinews::text::sanitize_line(&name), metrics);
    app.set_words(words);
    app.can_reload = origin != Origin::Embedded;
    if let Origin::Flag(p) = &origin {
        app.check_command = format!(
            "tuinews check {}",
            tuinews::text::sanitize_line(&p.display().to_string())
        );
    }
    if let Some(today) = env.today {
        app.today = today;
    }
    app.zone = settings.zone.clone();
    app.keymap = config.keymap();
    app.screen = config.view();
    app.measure = config.width();
    // A bad config costs its keys their defaults, never the reader: the status line says so.
    // The file is named by its name alone there, so the key and the reason fit; `tuinews config
    // --check` gives the whole path.
    if let Some(first) = settings.problems.first() {
        let first = settings
            .config_file
            .as_deref()
            .and_then(|full| {
                let name = full.rsplit('/').next()?;
                first.strip_prefix(full).map(|rest| format!("{name}{rest}"))
            })
            .unwrap_or_else(|| first.clone());
        app.notice = Some(match settings.problems.len() {
            1 => first,
            n => format!("{first} (and {} more: tuinews config --check)", n - 1),
        });
    }
    // Terminals that draw OSC 8 links make them clickable; others ignore the sequence, but the
    // Linux console and dumb terminals may show it, so those do without.
    let term = std::env::var("TERM").unwrap_or_default();
    app.hyperlinks = !(term.is_empty() || term == "dumb" || term.starts_with("linux"));
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = config.theme(no_color);

    let mut terminal = match runtime::enter_terminal() {
        Ok(t) => t,
        Err(e) => {
            runtime::leave_terminal();
            runtime::say(format_args!("cannot set up the terminal: {e}"));
            return cli::EXIT_FAILURE;
        }
    };
    let mut events = Channel::default();
    runtime::restore_on_panic(&events);
    events.read_terminal();
    if let Err(e) = events.watch_signals() {
        runtime::leave_terminal();
        runtime::say(format_args!("cannot watch for signals: {e}"));
        return cli::EXIT_FAILURE;
    }
    let cache_dir = tuinews::xdg::cache_dir(env.xdg_cache_home.as_deref(), env.home.as_deref());
    events.load(&origin, cache_dir.clone());
    events.watch(&origin);
    let mut system = System::new(&events, origin.clone());
    system.words = app.words;
    system.feeds_path = tuinews::feeds::path(env.xdg_config_home.as_deref(), env.home.as_deref());
    system.fetch_state =
        tuinews::import::state_dir(env.xdg_state_home.as_deref(), env.home.as_deref());
    system.today = env.today;
    system.cache_dir = cache_dir;
    // The reading state: kept per store (by its canonical path; the sample by its name).
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(std::path::PathBuf::from)
    };
    system.state_dir = tuinews::state::state_dir(var("XDG_STATE_HOME"), var("HOME"));
    system.state_key = Some(tuinews::state::store_key(&origin));
    if let (Some(dir), Some(key)) = (&system.state_dir, &system.state_key) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(0));
        let (state, warnings) = tuinews::state::State::load(dir, key, now);
        app.state = state;
        if let Some(w) = warnings.first() {
            app.notice = Some(w.0.clone());
        }
    }
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        tui::run(&mut terminal, &mut app, &theme, &mut events, &mut system)
    }));
    // Stop reading keys before anything else: what is typed from now on is the shell's.
    events.stop_reading();
    let Ok(result) = run else {
        // The loop's thread panicked (the hook gave the terminal back and printed the
        // message), or a thread it waited for did and passed the panic on. What the app holds
        // may be half changed: nothing is saved.
        runtime::close_terminal(terminal);
        report_crash();
        return EXIT_PANIC;
    };
    // Remember where the reader was, to reopen there (marks were saved as they changed), while
    // the terminal is still the reader's: once it is given back, the process only exits.
    let saved = match (&system.state_dir, &system.state_key) {
        (Some(dir), Some(key)) if app.loaded => {
            app.state.position = Some(app.position());
            app.state.save(dir, key).err()
        }
        _ => None,
    };
    runtime::close_terminal(terminal);
    if let Some(e) = saved {
        runtime::say(e);
    }
    if report_crash() {
        return cli::EXIT_FAILURE;
    }
    if let Some(sig) = app.exit_signal {
        // The conventional status of a process ended by a signal.
        return 128 + sig;
    }
    if let Some(e) = app.fatal {
        runtime::say(e);
        return cli::EXIT_FAILURE;
    }
    match result {
        Ok(()) => 0,
        Err(e) => {
            runtime::say(format_args!("terminal error: {e}"));
            cli::EXIT_FAILURE
        }
    }
}
