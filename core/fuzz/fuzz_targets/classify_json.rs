#![no_main]
//! A household as JSON (indicators, facts or scores): a report or typed errors, never a panic.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        giamngheo::fuzzing::classify_json(text);
    }
});
