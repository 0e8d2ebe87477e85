#![no_main]
//! A caller's parameter file: a standard or typed errors, and a loaded standard classifies.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        giamngheo::fuzzing::standard_json(text);
    }
});
