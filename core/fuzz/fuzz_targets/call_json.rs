#![no_main]
//! Every JSON function (eligibility, funding plans, allocations, counterpart ratios), by name:
//! `<function name>\n<JSON request>`; an unknown name is answered with `function_unknown`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    giamngheo::fuzzing::call_json(data);
});
