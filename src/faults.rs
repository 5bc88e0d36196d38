//! The Faults panel: stop an OBServer, make a destination unreachable or full, interrupt log
//! archiving. Invariant: every fault goes through `Shell::inject`, so it is recorded in the
//! session log and a reload or a share link reproduces it.

use crate::engine::use_engine;
use leptos::prelude::*;
use obsim::session_log::Fault;

/// Fault injection: each fault is recorded in the session log so reloads and share links
/// reproduce it.
#[component]
pub fn Faults() -> impl IntoView {
    let engine = use_engine();
    let servers = move || {
        engine.read(|sh| {
            sh.cluster
                .servers
                .iter()
                .enumerate()
                .map(|(i, s)| (i, s.addr(), s.active))
                .collect::<Vec<_>>()
        })
    };
    let dests = move || {
        engine.read(|sh| {
            let mut out = Vec::new();
            for t in sh.cluster.user_tenants() {
                if let Some(d) = sh
                    .cluster
                    .tenant_backup(t.id)
                    .and_then(|b| b.data_dest.as_ref())
                {
                    out.push((
                        t.name.clone(),
                        d.path.clone(),
                        sh.cluster.medium.is_unreachable(&d.path),
                        sh.cluster.medium.is_full(&d.path),
                    ));
                }
            }
            out
        })
    };
    let archiving = move || {
        engine.read(|sh| {
            sh.cluster
                .user_tenants()
                .filter(|t| sh.cluster.archive.get(&t.id).is_some_and(|a| a.is_doing()))
                .map(|t| (t.id, t.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let inject = move |f: Fault| engine.act(|sh| sh.inject(f));
    view! {
        <section class="panel faults" aria-label="Faults">
            <h2>"Faults"</h2>
            <div class="fault-group">
                <h3>"OBServers"</h3>
                {move || {
                    servers()
                        .into_iter()
                        .map(|(i, addr, active)| {
                            let label = if active { format!("Stop {addr}") } else { format!("Start {addr}") };
                            view! {
                                <button class="btn small" class:danger=active on:click=move |_| inject(Fault::ServerActive { index: i, active: !active })>
                                    {label}
                                </button>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <div class="fault-group">
                <h3>"Backup destinations"</h3>
                {move || {
                    let d = dests();
                    if d.is_empty() {
                        return view! { <p class="hint">"No DATA_BACKUP_DEST set yet."</p> }.into_any();
                    }
                    d.into_iter()
                        .map(|(tenant, path, unreachable, full)| {
                            let p1 = path.clone();
                            let p2 = path.clone();
                            view! {
                                <div class="fault-row">
                                    <span class="path" title=path.clone()>{tenant}": "{path.clone()}</span>
                                    <button class="btn small" class:danger=!unreachable on:click=move |_| inject(Fault::DestUnreachable { path: p1.clone(), on: !unreachable })>
                                        {if unreachable { "Make reachable" } else { "Make unreachable" }}
                                    </button>
                                    <button class="btn small" class:danger=!full on:click=move |_| inject(Fault::DestFull { path: p2.clone(), on: !full })>
                                        {if full { "Free space" } else { "Fill up" }}
                                    </button>
                                </div>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </div>
            <div class="fault-group">
                <h3>"Log archive"</h3>
                {move || {
                    let a = archiving();
                    if a.is_empty() {
                        return view! { <p class="hint">"No archive round is DOING."</p> }.into_any();
                    }
                    a.into_iter()
                        .map(|(id, name)| {
                            view! {
                                <button class="btn small danger" on:click=move |_| inject(Fault::InterruptArchive { tenant_id: id })>
                                    {format!("Interrupt archiving of {name}")}
                                </button>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </div>
        </section>
    }
}
