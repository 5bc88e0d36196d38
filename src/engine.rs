//! The one owner of the engine, shared by every component through context.
//!
//! The shell (engine + session) lives in a `StoredValue`; `rev` is bumped after every change
//! so components re-derive what they show. Components never decide OceanBase behaviour: they
//! read engine state and either run SQL through the console (`run_sql`) or tick time.

use leptos::prelude::*;
use obsim::shell::Shell;

#[derive(Clone, Copy)]
pub struct Engine {
    pub shell: StoredValue<Shell>,
    /// Bumped after every change of engine state.
    pub rev: RwSignal<u64>,
    /// Types `sql` into the console and runs it, so the user sees and learns the statement.
    pub run_sql: Callback<String>,
}

impl Engine {
    /// Reads engine state, re-running when it changes.
    pub fn read<T>(&self, f: impl FnOnce(&Shell) -> T) -> T {
        self.rev.track();
        self.shell.with_value(f)
    }

    /// Changes engine state and notifies readers.
    pub fn act(&self, f: impl FnOnce(&mut Shell)) {
        self.shell.update_value(f);
        self.rev.update(|r| *r += 1);
    }

    /// Changes engine state, notifies readers and returns what `f` returned (None only if the
    /// page is being torn down).
    pub fn write<T>(&self, f: impl FnOnce(&mut Shell) -> T) -> Option<T> {
        let mut out = None;
        self.shell.update_value(|sh| out = Some(f(sh)));
        self.rev.update(|r| *r += 1);
        out
    }
}

pub fn use_engine() -> Engine {
    expect_context::<Engine>()
}

/// Puts a statement into the console's input without running it (the user reads it and
/// presses Enter). Pages without a console leave it out of the context; actions then run
/// the statement through `Engine::run_sql`.
#[derive(Clone, Copy)]
pub struct Typist(pub Callback<String>);

/// Types `sql` into the console's input, or runs it where there is no console to type into.
pub fn type_sql(engine: Engine, sql: String) {
    match use_context::<Typist>() {
        Some(Typist(cb)) => cb.run(sql),
        None => engine.run_sql.run(sql),
    }
}
