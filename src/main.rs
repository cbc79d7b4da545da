//! The `tuinews` binary: parse arguments, load the store before touching the terminal, dispatch.

use std::process::ExitCode;

use clap::Parser;
use tuinews::cli::{self, Cli, Env};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let env = Env::from_process();
    let code = if cli.command.is_none() {
        eprintln!(
            "tuinews: the interactive reader is not built yet; use `tuinews list` and `tuinews show ID`"
        );
        cli::EXIT_FAILURE
    } else {
        let stdout = std::io::stdout();
        let stderr = std::io::stderr();
        cli::run(cli, &env, &mut stdout.lock(), &mut stderr.lock())
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
