//! A map over a slice on `jobs` threads, results in input order: workers take
//! the next item from an atomic index (as `eucdm validate` does), so one slow
//! message does not hold up a whole share.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` of every item, in order, computed on up to `jobs` threads.
pub fn map<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let jobs = jobs.clamp(1, items.len().max(1));
    if jobs == 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut slots: Vec<Option<R>> = items.iter().map(|_| None).collect();
    std::thread::scope(|s| {
        let workers: Vec<_> = (1..jobs).map(|_| s.spawn(work)).collect();
        let mine = work();
        let theirs = workers.into_iter().flat_map(|w| match w.join() {
            Ok(done) => done,
            Err(panic) => std::panic::resume_unwind(panic),
        });
        for (i, r) in mine.into_iter().chain(theirs) {
            slots[i] = Some(r);
        }
    });
    slots
        .into_iter()
        .map(|r| r.expect("every item taken once"))
        .collect()
}

/// The default number of threads: every core.
pub fn every_core() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
