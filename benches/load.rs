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
//!
//! Then, per size, it times whole `tuinews` processes (`list --count`, `persons`, `show ID`)
//! against the floor as a whole process of its own (this binary's `--child naive`), alternated,
//! with wall time, CPU time (user + system) and peak memory from the kernel's accounting of each
//! finished child (`wait4`).
//!
//! Last, per size, a warm start: the store read from the cache a reader writes
//! (`tuinews::store::cache`) against `Store::load_path`, and the search index and the content
//! vectors read from theirs against building them, alternated in this process.

use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Instant;

use serde::Deserialize;

#[path = "support/stats.rs"]
mod stats;
#[path = "support/store_gen.rs"]
mod store_gen;
use stats::{median, parse_size};

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
    let mut whole = Vec::new();
    let mut warm = Vec::new();
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
        whole.extend(whole_processes(&exe, &path, n, runs, file_bytes)?);
        warm.push(warm_start(dir.path(), &path, n, runs, file_bytes)?);
        std::fs::remove_file(&path)?;
    }
    println!(
        "\n| articles | command | floor wall | tuinews wall | wall / floor | floor CPU | tuinews CPU | CPU / floor | peak floor / file | peak tuinews / file |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for row in whole {
        println!("{row}");
    }
    println!(
        "\n| articles | load | from cache | cache / load | search index built | read | read / built | content vectors built | read | read / built | cache files / file |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for row in warm {
        println!("{row}");
    }
    println!(
        "\nTimes exclude process start-up; on {} ({} cores); medians; ratios are median per-pair ratios.",
        cpu_model(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    Ok(())
}

/// The commands timed as whole processes; `{id}` is replaced by the id of the middle article.
const COMMANDS: [&[&str]; 3] = [&["list", "--count"], &["persons"], &["show", "{id}"]];

/// What the kernel says of one finished child process.
#[derive(Clone, Copy)]
struct Usage {
    wall: f64,
    /// User plus system time.
    cpu: f64,
    peak_kib: u64,
}

/// Times each of [`COMMANDS`] on the store at `path` against the floor process, alternated;
/// one markdown row each.
fn whole_processes(
    exe: &Path,
    path: &Path,
    n: usize,
    runs: usize,
    file_bytes: f64,
) -> Result<Vec<String>> {
    let tuinews = Path::new(env!("CARGO_BIN_EXE_tuinews"));
    let id = (4_000_000 + n / 2).to_string();
    let store = path.display().to_string();
    let floor_args = ["--child", "naive", store.as_str()];
    let mut rows = Vec::new();
    for command in COMMANDS {
        let mut args = vec!["--store", store.as_str()];
        args.extend(
            command
                .iter()
                .map(|a| if *a == "{id}" { id.as_str() } else { a }),
        );
        let (mut floor, mut ours, mut wall, mut cpu) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            let a = run_child(exe, &floor_args)?;
            let b = run_child(tuinews, &args)?;
            wall.push(b.wall / a.wall);
            cpu.push(b.cpu / a.cpu);
            floor.push(a);
            ours.push(b);
        }
        let kib = |k: f64| k * 1024.0 / file_bytes;
        rows.push(format!(
            "| {} | `{}` | {:.3} s | {:.3} s | {:.2}x | {:.3} s | {:.3} s | {:.2}x | {:.2}x | {:.2}x |",
            n,
            command.join(" ").replace("{id}", "ID"),
            median(floor.iter().map(|u| u.wall)),
            median(ours.iter().map(|u| u.wall)),
            median(wall.into_iter()),
            median(floor.iter().map(|u| u.cpu)),
            median(ours.iter().map(|u| u.cpu)),
            median(cpu.into_iter()),
            kib(median(floor.iter().map(|u| u.peak_kib as f64))),
            kib(median(ours.iter().map(|u| u.peak_kib as f64))),
        ));
    }
    Ok(rows)
}

/// Runs `program` with `args`, its output thrown away, and reports what the kernel accounted
/// for it; fails unless it exits 0.
fn run_child(program: &Path, args: &[&str]) -> Result<Usage> {
    use std::process::Stdio;
    let start = Instant::now();
    let child = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let pid = libc::pid_t::try_from(child.id())?;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for (`child` is never waited on through
    // std), and both pointers are to live locals of the right types.
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed().as_secs_f64();
    if got != pid {
        return Err(format!(
            "wait4 on {}: {}",
            program.display(),
            std::io::Error::last_os_error()
        )
        .into());
    }
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        return Err(format!("{} {args:?} failed (status {status})", program.display()).into());
    }
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok(Usage {
        wall,
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        peak_kib: u64::try_from(usage.ru_maxrss)?,
    })
}

fn measure(exe: &Path, kind: &str, path: &Path) -> Result<Sample> {
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

/// The warm start of a store of `n` articles at `path`, as a table row: each thing from its cache
/// against making it, alternated `runs` times, medians and median per-pair ratios.
fn warm_start(dir: &Path, path: &Path, n: usize, runs: usize, file_bytes: f64) -> Result<String> {
    use tuinews::query::index::SearchIndex;
    use tuinews::similar::ContentIndex;
    use tuinews::store::{Store, cache};
    let cache_dir = dir.join(format!("cache-{n}"));
    // Written an hour ago: a store written this instant is not cached.
    std::fs::File::options()
        .write(true)
        .open(path)?
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))?;
    let loaded = Store::load_path(path)?;
    let articles = loaded.shared();
    cache::write(&cache_dir, &articles, &loaded.warnings)?;
    let search = SearchIndex::of_store(&articles);
    cache::write_derived(&cache_dir, &articles, "search", |s| search.save(s))?;
    drop(search);
    let similar = ContentIndex::of_store(&articles);
    cache::write_derived(&cache_dir, &articles, "similar", |s| similar.save(s))?;
    drop(similar);
    let time = |f: &mut dyn FnMut() -> bool| -> Result<f64> {
        let start = Instant::now();
        if !f() {
            return Err("a cache did not read".into());
        }
        Ok(start.elapsed().as_secs_f64())
    };
    let mut pairs: [(Vec<f64>, Vec<f64>); 3] = Default::default();
    for _ in 0..runs {
        pairs[0].0.push(time(&mut || {
            Store::load_path(path).is_ok_and(|s| s.len() == n)
        })?);
        pairs[0].1.push(time(&mut || {
            cache::read(&cache_dir, path, "s", &mut None).is_some_and(|s| s.len() == n)
        })?);
        pairs[1]
            .0
            .push(time(&mut || SearchIndex::of_store(&articles).tokens() > 0)?);
        pairs[1].1.push(time(&mut || {
            cache::read_derived(&cache_dir, &articles, "search", |s| {
                SearchIndex::load(s, &articles)
            })
            .is_some()
        })?);
        pairs[2].0.push(time(&mut || {
            std::hint::black_box(ContentIndex::of_store(&articles));
            true
        })?);
        pairs[2].1.push(time(&mut || {
            cache::read_derived(&cache_dir, &articles, "similar", |s| {
                ContentIndex::load(s, &articles)
            })
            .is_some()
        })?);
    }
    let cache_bytes: u64 = std::fs::read_dir(&cache_dir)?
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    let mut row = format!("| {n} ");
    for (made, read) in &pairs {
        let ratio = median(made.iter().zip(read).map(|(m, r)| r / m));
        row += &format!(
            "| {:.3} s | {:.3} s | {:.3}x ",
            median(made.iter().copied()),
            median(read.iter().copied()),
            ratio
        );
    }
    row += &format!("| {:.2}x |", cache_bytes as f64 / file_bytes);
    std::fs::remove_dir_all(&cache_dir)?;
    Ok(row)
}
