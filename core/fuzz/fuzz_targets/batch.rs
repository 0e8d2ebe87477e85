#![no_main]
//! Columns of arbitrary values through the batch and the statistics.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    giamngheo::fuzzing::batch(data);
});
