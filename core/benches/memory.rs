//! Peak extra memory of the batch path: the kernel's high-water mark of resident memory
//! (VmHWM) before and after classifying 1 million households. Into caller-owned columns it
//! should grow by nothing; with newly allocated output columns, by those 2 MB.

use giamngheo::batch::{BatchInput, Deprivations, Incomes, OnError, classify_batch, classify_batch_into};

/// Resets the high-water mark to the current resident size (Linux: `5` to clear_refs).
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // criterion-style discovery: nothing to list
    }
    let n = 1_000_000;
    let (Ok(s), Ok(sample)) = (giamngheo::standard_by_id("qd59-2015"), giamngheo::sample::synthetic_households(n, 1))
    else {
        eprintln!("cannot build the sample");
        return;
    };
    let input = BatchInput::new(&sample.area, Incomes::Dong(&sample.income), Deprivations::Mask(&sample.deprivations));
    let mut class = vec![1u8; n];
    let mut count = vec![1u8; n];
    let reset = reset_peak();
    let Some(before) = peak_kib() else {
        println!("memory: /proc/self/status not available on this platform");
        return;
    };
    let _ = classify_batch_into(s, &input, &mut class, &mut count, OnError::Collect);
    let after_into = peak_kib().unwrap_or(before);
    reset_peak();
    let after_into = peak_kib().unwrap_or(after_into);
    let result = classify_batch(s, &input, OnError::Collect);
    let after_alloc = peak_kib().unwrap_or(after_into);
    if !reset {
        println!("memory: cannot reset the peak (no /proc/self/clear_refs); figures include the sample's generation");
    }
    println!("memory: 1M households, input columns {} KiB", n * (1 + 8 + 2) / 1024);
    println!("memory: classify_batch_into (caller-owned outputs): peak grew by {} KiB", after_into - before);
    println!(
        "memory: classify_batch (allocates the 2 output columns, {} KiB): peak grew by {} KiB",
        2 * n / 1024,
        after_alloc - after_into
    );
    drop(result);
}
