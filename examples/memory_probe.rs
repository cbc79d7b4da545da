//! Where a loaded store's memory goes, for the README's Performance section:
//!
//! ```sh
//! cargo run --release --example memory_probe -- STORE.json
//! ```
//!
//! Loads the store, then builds the search index, then the content vectors, and after each
//! step gives the allocator's free pages back and prints the process's resident size (VmRSS)
//! and its peak so far (VmHWM), from `/proc/self/status` (Linux). Then it counts the bytes each
//! article's fields take, from their capacities with the allocator's rounding (16-byte steps,
//! 8 bytes of header): what the store keeps of an article, field by field.

use std::collections::BTreeMap;
use std::process::ExitCode;

use tuinews::query::index::SearchIndex;
use tuinews::similar::ContentIndex;
use tuinews::store::{Article, Label, Person, Store};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("memory_probe: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: memory_probe STORE.json")?;
    let store = Store::load_path(std::path::Path::new(&path)).map_err(|e| e.to_string())?;
    report("loaded")?;
    let articles = store.shared();
    let search = SearchIndex::of_store(&articles);
    report("search index built")?;
    let started = std::time::Instant::now();
    let similar = ContentIndex::of_store(&articles);
    report(&format!(
        "content vectors built ({:.1} s)",
        started.elapsed().as_secs_f64()
    ))?;
    drop((search, similar));
    fields(&store);
    Ok(())
}

/// The resident size and its peak so far, KiB, after giving freed pages back.
fn report(step: &str) -> Result<(), String> {
    tuinews::memory::give_back();
    let status = std::fs::read_to_string("/proc/self/status").map_err(|e| e.to_string())?;
    let kib = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or("?")
            .to_owned()
    };
    println!(
        "{step}: VmRSS {} KiB, VmHWM {} KiB",
        kib("VmRSS"),
        kib("VmHWM")
    );
    Ok(())
}

/// An allocation of `n` bytes as the allocator takes it.
fn allocated(n: usize) -> usize {
    if n == 0 { 0 } else { (n + 8).div_ceil(16) * 16 }
}

/// The bytes each field of the store's articles takes, per article.
fn fields(store: &Store) {
    let n = store.len().max(1);
    let mut bytes: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, a) in store.iter() {
        let mut add = |field: &'static str, capacity: usize| {
            *bytes.entry(field).or_default() += allocated(capacity);
        };
        add("id", a.id.capacity());
        add("title", a.title.capacity());
        add("summary", a.summary.capacity());
        add("url", a.url.as_ref().map_or(0, String::capacity));
        add("persons", a.persons.capacity() * size_of::<Person>());
        add("tags", a.tags.capacity() * size_of::<Label>());
        add("related", a.related.capacity() * size_of::<String>());
        for r in &a.related {
            add("related", r.capacity());
        }
        for p in &a.body {
            add("body", p.capacity());
        }
        add("body", a.body.capacity() * size_of::<String>());
        add("captions", a.captions.capacity() * size_of::<String>());
    }
    let own = size_of::<Article>();
    println!("per article, over {} articles:", store.len());
    println!("  {:>10} {own:>7} B", "the struct");
    let mut total = own * n;
    for (field, b) in &bytes {
        println!("  {field:>10} {:>7.1} B", *b as f64 / n as f64);
        total += b;
    }
    println!("  {:>10} {:>7.1} B", "total", total as f64 / n as f64);
}
