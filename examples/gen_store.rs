//! Writes a deterministic store of N Vietnamese-like articles, for benchmarks and for trying the
//! reader at archive scale:
//!
//! ```sh
//! cargo run --release --example gen_store -- 100000 /tmp/store-100k.json [SEED]
//! ```
//!
//! The same N and SEED always give byte-identical files (the generator carries its own PRNG;
//! see `benches/support/store_gen.rs`). About 1.7 KB per article.

use std::fs::File;
use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../benches/support/store_gen.rs"]
mod store_gen;

const USAGE: &str = "usage: gen_store N OUT.json [SEED]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen_store: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (n, out, seed) = match args.as_slice() {
        [n, out] => (n, out, "1"),
        [n, out, seed] => (n, out, seed.as_str()),
        _ => return Err(USAGE.to_owned()),
    };
    let n: usize = n
        .parse()
        .map_err(|_| format!("N must be a count: {n:?}\n{USAGE}"))?;
    let seed: u64 = seed
        .parse()
        .map_err(|_| format!("SEED must be an unsigned integer: {seed:?}\n{USAGE}"))?;
    let out = PathBuf::from(out);
    let file = File::create(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    store_gen::write_store(file, n, seed).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(())
}
