//! Load benchmark: `cargo bench --bench load -- [SIZES]` (default `10k 100k`; `1M` writes a
//! store of about 1.9 GB, so it runs only when asked).
//!
//! For each size it generates a store (benches/support/store_gen.rs, seed 1) in a temporary
//! directory and times, in turn, the naive floor (serde_json straight into structs of owned
//! Strings, no validation, no sanitising, no folding) and `Store::load_path`, each in a fresh
//! child process (this binary re-run with `--child`), so that every measurement's peak memory
//! (VmHWM) is its own and no run warms the allocator for the next. It prints a markdown table
//! of medians; the ratio is the median of the per-pair ratios, because on a shared, noisy
//! machine a ratio measured side by side is what holds, not an absolute time.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use serde::Deserialize;

#[path = "support/store_gen.rs"]
mod store_gen;

/// The floor: what parsing the same file costs with no work beyond owning the strings.
#[derive(Deserialize)]
struct NaiveStore {
    articles: Vec<NaiveArticle>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
#[allow(dead_code)] // Never read: built only, as the real loader builds its articles.
struct NaiveArticle {
    id: String,
    title: String,
    published: Option<String>,
    summary: Option<String>,
    body: Vec<String>,
    persons: Vec<String>,
    related: Vec<String>,
    section: Option<String>,
    source: Option<String>,
    url: Option<String>,
    tags: Vec<String>,
    captions: Vec<String>,
}

/// What one child process reports.
#[derive(Clone, Copy)]
struct Sample {
    seconds: f64,
    articles: usize,
    /// Peak resident memory of the whole process, KiB.
    peak_kib: u64,
    /// Resident memory right after the load, with the loaded store still alive, KiB.
    after_kib: u64,
}

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("load bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, kind, path] = args.as_slice()
        && flag == "--child"
    {
        return child(kind, Path::new(path));
    }
    // cargo bench passes `--bench`; any other flag is cargo's or libtest's, not ours.
    let mut sizes = Vec::new();
    for a in args.iter().filter(|a| !a.starts_with('-')) {
        sizes.push(parse_size(a).ok_or_else(|| format!("not a size: {a:?} (e.g. 10k, 1M)"))?);
    }
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000];
    }
    let dir = tempfile::tempdir()?;
    let exe = std::env::current_exe()?;
    println!(
        "| articles | file | naive floor | Store::load_path | load / naive | peak naive / file | peak load / file | after load / file |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for n in sizes {
        let path = dir.path().join(format!("store-{n}.json"));
        store_gen::write_store(std::fs::File::create(&path)?, n, 1)?;
        let file_bytes = std::fs::metadata(&path)?.len() as f64;
        let runs = if n <= 20_000 {
            7
        } else if n <= 200_000 {
            3
        } else {
            1
        };
        let (mut naive, mut load, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            let a = measure(&exe, "naive", &path)?;
            let b = measure(&exe, "load", &path)?;
            if a.articles != n || b.articles != n {
                return Err(format!(
                    "{n} articles written, {} parsed, {} loaded",
                    a.articles, b.articles
                )
                .into());
            }
            ratios.push(b.seconds / a.seconds);
            naive.push(a);
            load.push(b);
        }
        let kib = |k: f64| k * 1024.0 / file_bytes;
        println!(
            "| {} | {:.0} MB | {:.3} s | {:.3} s | {:.1}x | {:.2}x | {:.2}x | {:.2}x |",
            n,
            file_bytes / 1e6,
            median(naive.iter().map(|s| s.seconds)),
            median(load.iter().map(|s| s.seconds)),
            median(ratios.iter().copied()),
            kib(median(naive.iter().map(|s| s.peak_kib as f64))),
            kib(median(load.iter().map(|s| s.peak_kib as f64))),
            kib(median(load.iter().map(|s| s.after_kib as f64))),
        );
        std::fs::remove_file(&path)?;
    }
    println!(
        "\nTimes exclude process start-up; on {} ({} cores); medians; ratios are median per-pair ratios.",
        cpu_model(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    Ok(())
}

/// `10000`, `10k`, `1M`.
fn parse_size(s: &str) -> Option<usize> {
    let lower = s.to_ascii_lowercase();
    let (digits, scale) = match lower.strip_suffix('k') {
        Some(d) => (d, 1_000),
        None => match lower.strip_suffix('m') {
            Some(d) => (d, 1_000_000),
            None => (lower.as_str(), 1),
        },
    };
    digits.parse::<usize>().ok()?.checked_mul(scale)
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = values.collect();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

fn measure(exe: &PathBuf, kind: &str, path: &Path) -> Result<Sample> {
    let out = Command::new(exe)
        .arg("--child")
        .arg(kind)
        .arg(path)
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!(
            "child {kind} failed: {}{}",
            text,
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let f: Vec<&str> = text.split_whitespace().collect();
    let [seconds, articles, peak, after] = f.as_slice() else {
        return Err(format!("child {kind} printed {text:?}").into());
    };
    Ok(Sample {
        seconds: seconds.parse()?,
        articles: articles.parse()?,
        peak_kib: peak.parse()?,
        after_kib: after.parse()?,
    })
}

/// One measurement in this (fresh) process: `seconds articles peak_kib after_kib`.
fn child(kind: &str, path: &Path) -> Result<()> {
    let start = Instant::now();
    let (articles, keep): (usize, Box<dyn std::any::Any>) = match kind {
        "naive" => {
            let text = std::fs::read_to_string(path)?;
            let store: NaiveStore = serde_json::from_str(&text)?;
            (store.articles.len(), Box::new(store))
        }
        "load" => {
            let store = tuinews::store::Store::load_path(path)?;
            (store.len(), Box::new(store))
        }
        other => return Err(format!("unknown measurement {other:?}").into()),
    };
    let seconds = start.elapsed().as_secs_f64();
    let (peak, after) = (status_kib("VmHWM")?, status_kib("VmRSS")?);
    std::hint::black_box(&keep);
    println!("{seconds} {articles} {peak} {after}");
    Ok(())
}

/// A `kB` line of /proc/self/status.
fn status_kib(key: &str) -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .ok_or_else(|| format!("no {key} in /proc/self/status"))?;
    Ok(line.trim().trim_end_matches("kB").trim().parse()?)
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
                .map(|(_, m)| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned())
}
