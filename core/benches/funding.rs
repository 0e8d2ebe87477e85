//! Funding allocation benchmarks (written with the funding module).

fn main() {}
