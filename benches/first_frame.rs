//! First-frame benchmark: `cargo bench --bench first_frame -- [SIZES]` (default `10k 100k`).
//!
//! Runs the real reader in a 120x40 pseudo-terminal (portable-pty, its output read into a vt100
//! screen) and times, from the spawn, what a person sees: the first frame (the panes drawn,
//! while the store may still be loading), the first headlines (the status line counting some
//! articles: the first part of a large store still loading, or the whole) and the headlines
//! (the status line counting every article). Baselines measured in the same run, alternated with the reader: for the first
//! frame, `tuinews --version` in the same terminal (a process that starts and exits: the floor
//! of any startup); for the headlines, `tuinews list --count` on the same store (loading it and
//! no more), which the reader's headlines should follow within 0.1 s. These start cold, with no
//! cache of the store; the warm columns time the same with the cache an earlier run wrote. The embedded sample is
//! measured first. Every figure is the median of several runs.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[path = "support/stats.rs"]
mod stats;
#[path = "support/store_gen.rs"]
mod store_gen;
use stats::{median, parse_size};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const BIN: &str = env!("CARGO_BIN_EXE_tuinews");
const DEADLINE: Duration = Duration::from_secs(120);

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("first_frame bench: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Seconds from spawning `args` in a fresh 120x40 terminal until `done` holds of its screen,
/// or (with `done` = `None`) until it exits.
/// Seconds from spawning the binary with `args` in a pseudo-terminal, `home` as its home and
/// `cache` as `$XDG_CACHE_HOME`, to `done` holding of its screen (or to its exit).
fn time_to(
    home: &Path,
    cache: &Path,
    args: &[&str],
    done: Option<&dyn Fn(&str) -> bool>,
) -> Result<f64> {
    let pair = native_pty_system().openpty(PtySize {
        rows: 40,
        cols: 120,
        pixel_width: 0,
        pixel_height: 0,
    })?;
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(args);
    cmd.env_clear();
    cmd.env("PATH", "/usr/bin:/bin");
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    cmd.env("HOME", home);
    cmd.env("XDG_CACHE_HOME", cache);
    cmd.cwd(home);
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd)?;
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader()?;
    let parser = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
    let feed = {
        let parser = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = parser.lock() {
                    p.process(&buf[..n]);
                }
            }
        })
    };
    let elapsed = loop {
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            return Err(format!("{args:?}: nothing after {DEADLINE:?}").into());
        }
        match done {
            Some(pred) => {
                let screen = parser
                    .lock()
                    .map(|p| p.screen().contents())
                    .unwrap_or_default();
                if pred(&screen) {
                    break start.elapsed().as_secs_f64();
                }
            }
            None => {
                if child.try_wait()?.is_some() {
                    break start.elapsed().as_secs_f64();
                }
            }
        }
        std::thread::sleep(Duration::from_micros(500));
    };
    let _ = child.kill();
    let _ = child.wait();
    drop(pair.master);
    let _ = feed.join();
    Ok(elapsed)
}

fn ms(s: f64) -> String {
    format!("{:.1} ms", s * 1000.0)
}

fn run() -> Result<()> {
    let mut sizes = Vec::new();
    for a in std::env::args().skip(1).filter(|a| !a.starts_with('-')) {
        sizes.push(parse_size(&a).ok_or_else(|| format!("not a size: {a:?} (e.g. 10k)"))?);
    }
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000];
    }
    let dir = tempfile::tempdir()?;
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home)?;
    println!(
        "| store | first frame | `tuinews --version` | first / --version | first headlines | headlines shown | `list --count` | shown - count | warm: first headlines | warm: headlines shown |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut stores: Vec<(String, Option<PathBuf>, usize)> =
        vec![("embedded sample".to_owned(), None, 45)];
    for n in sizes {
        let path = dir.path().join(format!("store-{n}.json"));
        store_gen::write_store(std::fs::File::create(&path)?, n, 1)?;
        // Written an hour ago: the reader does not cache a store written this instant.
        std::fs::File::options()
            .write(true)
            .open(&path)?
            .set_modified(std::time::SystemTime::now() - Duration::from_secs(3600))?;
        stores.push((format!("{n} articles"), Some(path), n));
    }
    for (name, path, n) in &stores {
        let path_arg = path.as_ref().map(|p| p.display().to_string());
        let mut reader_args: Vec<&str> = Vec::new();
        let mut count_args: Vec<&str> = vec!["list", "--count"];
        if let Some(p) = &path_arg {
            reader_args.extend(["--store", p]);
            count_args.extend(["--store", p]);
        }
        let count = format!("{n}/{n}");
        let panes = |s: &str| s.contains("Headlines");
        let headlines = |s: &str| s.contains(&count);
        let some = |s: &str| counts_some(s);
        let runs = if *n > 50_000 { 3 } else { 7 };
        let (mut first, mut version, mut some_shown, mut shown, mut counted) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut warm_some, mut warm_shown) = (Vec::new(), Vec::new());
        // A cache written by a run of the reader, for the warm runs.
        let warm = dir.path().join(format!("warm-{n}"));
        if path.is_some() {
            write_cache(&home, &warm, &reader_args)?;
        }
        let cold_runs = std::cell::Cell::new(0);
        // Cold: each run with a cache directory no run has written to.
        let time_to = |args: &[&str], done: Option<&dyn Fn(&str) -> bool>| {
            cold_runs.set(cold_runs.get() + 1);
            let cold = dir.path().join(format!("cold-{n}-{}", cold_runs.get()));
            time_to(&home, &cold, args, done)
        };
        for _ in 0..runs {
            version.push(time_to(&["--version"], None)?);
            first.push(time_to(&reader_args, Some(&panes))?);
            some_shown.push(time_to(&reader_args, Some(&some))?);
            shown.push(time_to(&reader_args, Some(&headlines))?);
            counted.push(time_to(&count_args, None)?);
            if path.is_some() {
                warm_some.push(self::time_to(&home, &warm, &reader_args, Some(&some))?);
                warm_shown.push(self::time_to(&home, &warm, &reader_args, Some(&headlines))?);
            }
        }
        let (f, v, p, s, c) = (
            median(first),
            median(version),
            median(some_shown),
            median(shown),
            median(counted),
        );
        let warm = |times: Vec<f64>| match times.is_empty() {
            true => "-".to_owned(),
            false => ms(median(times)),
        };
        println!(
            "| {name} | {} | {} | {:.2}x | {} | {} | {} | {} | {} | {} |",
            ms(f),
            ms(v),
            f / v,
            ms(p),
            ms(s),
            ms(c),
            ms(s - c),
            warm(warm_some),
            warm(warm_shown),
        );
    }
    Ok(())
}

/// Whether the screen's status line counts some articles: ` · SHOWN/TOTAL` with TOTAL above 0.
fn counts_some(screen: &str) -> bool {
    screen.split(" · ").any(|part| {
        let mut halves = part.trim().splitn(2, '/');
        let (Some(shown), Some(total)) = (halves.next(), halves.next()) else {
            return false;
        };
        let total = total.split_whitespace().next().unwrap_or_default();
        shown.chars().all(|c| c.is_ascii_digit())
            && !shown.is_empty()
            && total.parse::<usize>().is_ok_and(|t| t > 0)
    })
}

/// Runs the reader on a store until it has written the store's cache into `cache`.
fn write_cache(home: &Path, cache: &Path, reader_args: &[&str]) -> Result<()> {
    let written = || {
        std::fs::read_dir(cache.join("tuinews")).is_ok_and(|d| {
            d.flatten()
                .any(|e| e.file_name().to_string_lossy().ends_with(".cache"))
        })
    };
    time_to(home, cache, reader_args, Some(&|_: &str| written()))?;
    Ok(())
}
