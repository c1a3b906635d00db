fn main() -> std::process::ExitCode {
    wenlint::cli::main()
}
