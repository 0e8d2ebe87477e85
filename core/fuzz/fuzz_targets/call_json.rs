#![no_main]
//! Every JSON function (eligibility, funding plans, allocations, counterpart ratios): the first
//! byte picks the function, the rest is the request.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    giamngheo::fuzzing::call_json(data);
});
