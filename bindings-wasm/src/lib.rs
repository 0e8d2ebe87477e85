//! WebAssembly binding of giamngheo (in progress).
