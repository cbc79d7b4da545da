//! The `tuinews` binary: parse arguments, load the store before touching the terminal, dispatch.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use tuinews::app::App;
use tuinews::cli::{self, Cli, Env};
use tuinews::store::{Origin, Store};
use tuinews::text::Metrics;
use tuinews::tui;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let env = Env::from_process();
    let code = if cli.command.is_none() {
        reader(&cli, &env)
    } else {
        let stdout = io::stdout();
        let stderr = io::stderr();
        cli::run(cli, &env, &mut stdout.lock(), &mut stderr.lock())
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// The interactive reader. The store is loaded (and every fatal error reported) before the
/// terminal is switched to raw mode, so messages land on a normal screen.
fn reader(cli: &Cli, env: &Env) -> i32 {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        eprintln!(
            "tuinews: the reader needs a terminal; for pipes and scripts use `tuinews list` and `tuinews show ID`"
        );
        return cli::EXIT_FAILURE;
    }
    let origin = env.origin(cli.store.clone());
    let store = match Store::open(&origin) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("tuinews: {e}");
            return cli::EXIT_FAILURE;
        }
    };
    let metrics = Metrics {
        ambiguous_wide: cli.ambiguous_wide,
    };
    // The status line names the file; `tuinews check` (with the path when one was given) has
    // the full story.
    let name = match &origin {
        Origin::Flag(p) | Origin::Env(p) | Origin::Xdg(p) => p
            .file_name()
            .map_or_else(|| origin.name(), |f| f.to_string_lossy().into_owned()),
        Origin::Embedded => origin.name(),
    };
    let mut app = App::new(store, tuinews::text::sanitize_line(&name), metrics);
    if let Origin::Flag(p) = &origin {
        app.check_command = format!("tuinews check {}", p.display());
    }

    // ratatui::init installs a panic hook that restores the terminal; ours runs first and also
    // turns mouse reporting off, so a panic never leaves the shell receiving mouse codes.
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            eprintln!("tuinews: cannot set up the terminal: {e}");
            return cli::EXIT_FAILURE;
        }
    };
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(io::stdout(), DisableMouseCapture);
        ratatui_hook(info);
    }));
    let _ = crossterm::execute!(io::stdout(), EnableMouseCapture);
    // crossterm installs its resize handler on the first poll or read; do it before the first
    // frame so a resize that arrives while that frame is drawn is not lost.
    let _ = crossterm::event::poll(std::time::Duration::ZERO);
    let result = tui::run(&mut terminal, &mut app, &mut tui::TerminalEvents);
    let _ = crossterm::execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let _ = io::stdout().flush();
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("tuinews: terminal error: {e}");
            cli::EXIT_FAILURE
        }
    }
}
