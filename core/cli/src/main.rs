//! The `giamngheo` command (see `giamngheo --help` and core/cli/README.md).

fn main() {
    let mut args = Vec::new();
    for a in std::env::args_os().skip(1) {
        match a.into_string() {
            Ok(s) => args.push(s),
            Err(bad) => {
                eprintln!("giamngheo: đối số không phải UTF-8 / an argument is not UTF-8: {}", bad.to_string_lossy());
                std::process::exit(2);
            }
        }
    }
    std::process::exit(giamngheo_cli::main_with_args(args));
}
