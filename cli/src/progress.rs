//! The progress bar of `eucdm validate` on stderr: shown only on a terminal
//! and for enough files to be worth watching, never with `--quiet`; a
//! pipeline's log or a test sees nothing of it.

use std::io::IsTerminal as _;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Fewer files are validated before a bar would have shown anything.
const SHOWN_FROM: usize = 10;

/// Files validated of all, and the time left.
const TEMPLATE: &str = "{elapsed_precise} [{wide_bar}] {pos}/{len} files ({eta} left)";

pub struct Progress {
    bar: ProgressBar,
    /// Kept apart: the bar's own state is locked while [`Progress::writing`] runs.
    shown: bool,
    /// stdout is the bar's terminal too: every output line must wipe the bar.
    stdout_shared: bool,
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
                stdout_shared: false,
            };
        }
        let style = ProgressStyle::with_template(TEMPLATE)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        let bar = ProgressBar::with_draw_target(Some(steps as u64), ProgressDrawTarget::stderr())
            .with_style(style);
        // The elapsed time moves while a large message is validated.
        bar.enable_steady_tick(Duration::from_millis(250));
        Progress {
            bar,
            shown,
            stdout_shared: std::io::stdout().is_terminal(),
        }
    }

    /// The bar is drawn on the terminal stdout writes to: an output line
    /// must reach it (be flushed) before the bar is drawn again.
    pub fn shares_stdout(&self) -> bool {
        self.shown && self.stdout_shared
    }

    /// One more step done.
    pub fn step(&self) {
        self.bar.inc(1);
    }

    /// Runs `f`, which writes an output line and, when `to_stderr`, a line
    /// on stderr: when either reaches the bar's terminal, with the bar wiped
    /// (it is drawn again afterwards), so that they do not mix. `f` must not
    /// call the bar (its state is locked meanwhile);
    /// [`Progress::shares_stdout`] does not.
    pub fn writing<R>(&self, to_stderr: bool, f: impl FnOnce() -> R) -> R {
        if self.shown && (to_stderr || self.stdout_shared) {
            self.bar.suspend(f)
        } else {
            f()
        }
    }

    /// Removes the bar: the terminal keeps only the output.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
