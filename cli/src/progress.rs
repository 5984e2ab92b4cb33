//! The progress bar of `eucdm validate` on stderr: shown only on a terminal
//! and for enough files to be worth watching, never with `--quiet`; a
//! pipeline's log or a test sees nothing of it.

use std::io::IsTerminal as _;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Fewer files are validated before a bar would have shown anything.
const SHOWN_FROM: usize = 10;

/// Files validated of all, with rate and time left.
const TEMPLATE: &str = "{elapsed_precise} [{wide_bar}] {pos}/{len} files ({per_sec}, {eta} left)";

pub struct Progress {
    bar: ProgressBar,
    /// Kept apart: the bar's own state is locked while [`Progress::suspend`] runs.
    shown: bool,
}

impl Progress {
    /// A bar of `steps` steps, drawn on stderr when it is a terminal, `quiet`
    /// is not asked and there are at least [`SHOWN_FROM`] steps; else hidden.
    pub fn new(steps: usize, quiet: bool) -> Progress {
        let shown = !quiet && steps >= SHOWN_FROM && std::io::stderr().is_terminal();
        if !shown {
            return Progress {
                bar: ProgressBar::hidden(),
                shown,
            };
        }
        let style = ProgressStyle::with_template(TEMPLATE)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        let bar = ProgressBar::with_draw_target(Some(steps as u64), ProgressDrawTarget::stderr())
            .with_style(style);
        // The elapsed time moves while a large message is validated.
        bar.enable_steady_tick(Duration::from_millis(250));
        Progress { bar, shown }
    }

    pub fn is_shown(&self) -> bool {
        self.shown
    }

    /// One more step done.
    pub fn step(&self) {
        self.bar.inc(1);
    }

    /// Runs `f` with the bar wiped from the terminal, so that lines written
    /// meanwhile (to stderr or a stdout on the same terminal) do not mix
    /// with it; it is drawn again afterwards. `f` must not call the bar (its
    /// state is locked meanwhile); [`Progress::is_shown`] does not.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.bar.suspend(f)
    }

    /// Removes the bar: the terminal keeps only the output.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
