//! `scorecard-studio [FILE]` opens the window; `scorecard-studio <command>` runs headless.

use clap::Parser;
use scorecard_studio::cli::{self, Cli};
use scorecard_studio::i18n::Lang;
use scorecard_studio::i18n::T;

/// mimalloc keeps freed pages for reuse: with glibc's malloc a map frame spent about 40 % of its
/// time in page faults, the heap top trimmed after each frame and faulted in on the next
/// (`cargo bench --bench ui` and `--no-default-features` compare the two).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args = Cli::parse();
    let lang = args.lang.unwrap_or_else(Lang::from_environment);
    let code = match args.command {
        Some(command) => {
            let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
            cli::run(command, lang, &mut out, &mut err)
        }
        None => match scorecard_studio::ui::run(args.file, args.lang) {
            Ok(()) => cli::EXIT_OK,
            Err(e) => {
                eprintln!("{}", T::CannotOpenTheWindow.get(lang).to_string() + &e.to_string());
                cli::EXIT_UNREADABLE
            }
        },
    };
    std::process::exit(code);
}
