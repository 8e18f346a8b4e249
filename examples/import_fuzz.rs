//! The long mutation campaign, for manual runs (the bounded one runs in `cargo test`):
//!
//! ```sh
//! cargo run --release --example import_fuzz -- xlsx 600 [SEED]   # csv, xlsx, xls, ods or loader
//! ```
//!
//! Mutates the fixtures of one importer (or the sample projects, for the loader) for the given
//! number of seconds and puts every case through the whole import path. Prints the cases run,
//! how many were read and refused, panics, outputs that would not load again, and the peak
//! memory. An abort would end the process with a signal, which the caller sees.

#[path = "../tests/common/mutation.rs"]
mod mutation;

use mutation::{Outcome, Rng};
use std::time::{Duration, Instant};

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let kind = args.get(1).map(String::as_str).unwrap_or("xlsx").to_string();
    let seconds: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0x5eed_2026);
    let mut rng = Rng(seed | 1);
    let project = mutation::dealership();
    let files: Vec<(String, Vec<u8>)> = if kind == "loader" {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-projects");
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
            .collect();
        v.sort();
        v
    } else {
        mutation::fixtures(&kind)
    };
    assert!(!files.is_empty(), "no fixtures for {kind}");
    // Panics are counted, not printed.
    std::panic::set_hook(Box::new(|_| {}));
    let (mut cases, mut read, mut refused, mut panics, mut unloadable) = (0u64, 0u64, 0u64, 0u64, 0u64);
    let started = Instant::now();
    let deadline = Duration::from_secs(seconds);
    while started.elapsed() < deadline {
        let (name, original) = &files[rng.below(files.len())];
        let bytes = mutation::mutate_file(original, &mut rng);
        cases += 1;
        let result = std::panic::catch_unwind(|| {
            if kind == "loader" {
                match scorecard_studio::io::parse_project(&bytes) {
                    Ok(p) => {
                        let again = scorecard_studio::io::project_to_bytes(&p.project);
                        if scorecard_studio::io::parse_project(&again).is_err() {
                            panic!("would not load again");
                        }
                        Outcome::Read { accepted: 1 }
                    }
                    Err(_) => Outcome::Refused,
                }
            } else {
                mutation::import_case(&project, &bytes, &kind)
            }
        });
        match result {
            Ok(Outcome::Read { .. }) => read += 1,
            Ok(Outcome::Refused) => refused += 1,
            Err(e) => {
                let text = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                if text.contains("would not load") {
                    unloadable += 1;
                } else {
                    panics += 1;
                }
                let keep = std::env::temp_dir().join(format!("import-fuzz-{kind}-{cases}.bin"));
                let _ = std::fs::write(&keep, &bytes);
                eprintln!("case {cases} ({name}): {text} — kept as {}", keep.display());
            }
        }
    }
    println!(
        "{kind}: {cases} cases in {:.0} s (seed {seed:#x}): {read} read, {refused} refused, {panics} panics, {unloadable} unloadable outputs, peak memory {:.0} MB",
        started.elapsed().as_secs_f64(),
        peak_rss_mb().unwrap_or(f64::NAN)
    );
    if panics + unloadable > 0 {
        std::process::exit(1);
    }
}
