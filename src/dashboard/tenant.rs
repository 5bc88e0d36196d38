//! The tenant dashboard: one card per user tenant with its archive and backup state, and
//! buttons that type the equivalent statement into the console.

use super::drill::stage;
use super::model::{TenantInfo, lag_text};
use super::sql::{NEEDS_SESSION, default_archive_dest, default_data_dest, parse_score};
use crate::engine::{type_sql, use_engine};
use crate::format;
use crate::glossary::Term;
use leptos::ev::{KeyboardEvent, MouseEvent, SubmitEvent};
use leptos::prelude::*;
use obsim::restore::stage::TenantActions;
use wasm_bindgen::JsCast;

/// Keys that work while focus is inside a tenant card (not in a text field): each presses the
/// card's button or focuses its field, so the statement still goes through the console.
pub const CARD_KEYS: [(&str, &str); 7] = [
    ("F", "[data-action=full]"),
    ("V", "[data-action=activate]"),
    ("I", "[data-action=inc]"),
    ("C", "[data-action=cancel]"),
    ("A", "[data-action=archive]"),
    ("H", "input[type=number]"),
    ("D", "details input"),
];

fn card_shortcut(ev: &KeyboardEvent) {
    if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || crate::keys::in_text_field(ev) {
        return;
    }
    let key = ev.key().to_ascii_uppercase();
    let Some((_, selector)) = CARD_KEYS.iter().find(|(k, _)| *k == key) else {
        return;
    };
    let Some(card) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if key == "D"
        && let Ok(Some(details)) = card.query_selector("details")
    {
        let _ = details.set_attribute("open", "");
    }
    if let Ok(Some(el)) = card.query_selector(selector)
        && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
    {
        ev.prevent_default();
        ev.stop_propagation();
        if key == "H" || key == "D" {
            let _ = el.focus();
        } else {
            el.click();
        }
    }
}

#[component]
pub fn TenantDashboard(
    /// Only these tenants' cards (embeds' `tenants=`); None: every user tenant.
    #[prop(optional_no_strip)]
    only: Option<Vec<String>>,
) -> impl IntoView {
    let engine = use_engine();
    let only = StoredValue::new(only);
    let ids = Memo::new(move |_| {
        engine.read(|sh| {
            only.with_value(|only| {
                sh.cluster
                    .user_tenants()
                    .filter(|t| only.as_ref().is_none_or(|o| o.contains(&t.name)))
                    .map(|t| t.id)
                    .collect::<Vec<_>>()
            })
        })
    });
    let who = Memo::new(move |_| {
        engine.read(|sh| format!("{}@{}", sh.session.user, sh.session.tenant_name))
    });
    view! {
        <section class="dash dash-tenants" aria-labelledby="dash-tenants-title" data-tour="tenants">
            <h2 id="dash-tenants-title"><Term id="tenant">"Tenants"</Term></h2>
            <p class="dash-note">
                "Buttons type the statement into the console as "
                <strong data-testid="session-user">{move || who.get()}</strong> "."
            </p>
            <div class="tenant-cards">
                <For
                    each=move || ids.get()
                    key=|id| *id
                    children=move |id| view! { <TenantCard id=id /> }
                />
            </div>
        </section>
    }
}

#[component]
fn TenantCard(id: u64) -> impl IntoView {
    let engine = use_engine();
    let info = Memo::new(move |_| {
        engine
            .read(|sh| TenantInfo::read(sh, id))
            .unwrap_or_default()
    });
    let name = info.with_untracked(|i| i.name.clone());
    let text = move |f: fn(&TenantInfo) -> String| move || info.with(f);
    // Status and role as DBA_OB_TENANTS shows them, and the actions the engine would accept
    // now (`Cluster::tenant_stage`): a restoring tenant takes no backup; a restored standby
    // can be activated.
    let stage = Memo::new(move |_| {
        engine
            .read(|sh| stage(&sh.cluster, id))
            .map(|s| (s.status.to_string(), s.role, s.actions))
            .unwrap_or_default()
    });
    let allowed = move |f: fn(&TenantActions) -> bool| stage.with(|s| f(&s.2));
    let no_session = move || info.with(|i| i.stmt().full_backup().is_none());
    let denied = move || no_session() || !allowed(|a| a.backup);
    let why = move || {
        if no_session() {
            Some(NEEDS_SESSION.to_string())
        } else {
            stage
                .with(|s| (!s.2.backup).then(|| format!("not while the tenant is {} {}", s.0, s.1)))
        }
    };
    let activate = move || {
        info.with(|i| i.stmt().activate())
            .filter(|_| allowed(|a| a.activate))
    };
    // Every action only types its statement; the console runs it.
    let act = move |f: fn(&TenantInfo) -> Option<String>| {
        move |_: MouseEvent| {
            if let Some(sql) = info.with_untracked(f) {
                engine.run_sql.run(sql);
            }
        }
    };
    let title_id = format!("tenant-{id}-title");
    let labelled_by = title_id.clone();
    let group_label = format!("Backup actions on {name}");
    let cancel_label = format!("Cancel backup of {name}");
    view! {
        <article
            class="tenant-card"
            data-tenant=name.clone()
            aria-labelledby=labelled_by
            tabindex="-1"
            on:keydown=move |ev| card_shortcut(&ev)
        >
            <header class="card-head">
                <h3 id=title_id>{name.clone()}</h3>
                <span class="chip-id" aria-label="tenant id">{id}</span>
                <span class="tag">{text(|i| i.mode.clone())}</span>
                <span class="tag" data-testid="tenant-status">{move || stage.with(|s| s.0.clone())}</span>
                <span class="tag" data-testid="tenant-role" translate="no">{move || stage.with(|s| s.1.clone())}</span>
            </header>
            <dl class="facts">
                <dt>"Log mode"</dt>
                <dd data-testid="log-mode">{text(|i| i.log_mode.clone())}</dd>
                <dt><Term id="archive-round">"Archive"</Term></dt>
                <dd data-testid="round">
                    <span class=move || {
                        info.with(|i| {
                            format!(
                                "status status-{}",
                                i.round.as_ref().map_or("none", |r| r.state.as_str()).to_lowercase(),
                            )
                        })
                    }>{text(TenantInfo::round_text)}</span>
                    " "
                    <span class="muted" data-testid="lag">
                        {text(|i| i.round.as_ref().and_then(|r| r.lag).map(lag_text).unwrap_or_default())}
                    </span>
                </dd>
                <dt>"LOG_ARCHIVE_DEST"</dt>
                <dd class="path" data-testid="archive-dest">
                    {text(|i| i.archive_dest.clone().unwrap_or_else(|| "not set".into()))}
                </dd>
                <dt>"DATA_BACKUP_DEST"</dt>
                <dd class="path" data-testid="data-dest">
                    {text(|i| i.data_dest.clone().unwrap_or_else(|| "not set".into()))}
                </dd>
                <dt>"ha_low_thread_score"</dt>
                <dd data-testid="score">
                    {text(|i| {
                        if i.score == 0 { "0 (default)".into() } else { i.score.to_string() }
                    })}
                </dd>
                <dt><Term id="backup-set">"Latest full"</Term></dt>
                <dd data-testid="latest-full">{text(|i| set_brief(i.latest_full.as_ref()))}</dd>
                <dt>"Latest incremental"</dt>
                <dd data-testid="latest-inc">{text(|i| set_brief(i.latest_inc.as_ref()))}</dd>
                <dt>"Changed since"</dt>
                <dd data-testid="changed">
                    {text(|i| match i.changed {
                        Some((set, n)) => format!("{n} macroblocks since set {set}"),
                        None => "no successful set yet".into(),
                    })}
                </dd>
                <dt>"Data size"</dt>
                <dd data-testid="data-size">{text(|i| format::bytes(i.data_bytes))}</dd>
            </dl>
            <p class="card-failure" data-testid="failure" hidden=move || info.with(|i| i.last_failure.is_none())>
                {text(|i| {
                    i.last_failure
                        .as_ref()
                        .map(|(job, result, comment)| {
                            if comment.is_empty() {
                                format!("Last backup failed: job {job}, RESULT {result}: no comment")
                            } else {
                                format!("Last backup failed: job {job}, RESULT {result}:")
                            }
                        })
                        .unwrap_or_default()
                })}
                " "
                // OceanBase's own words (the job's COMMENT): never translated.
                <span translate="no">
                    {text(|i| i.last_failure.as_ref().map(|f| f.2.clone()).unwrap_or_default())}
                </span>
            </p>
            <div class="card-actions" role="group" aria-label=group_label>
                <button
                    type="button"
                    data-action="full"
                    aria-keyshortcuts="F"
                    disabled=denied
                    title=why
                    on:click=act(|i| i.stmt().full_backup())
                >
                    "Full backup"
                </button>
                <button
                    type="button"
                    data-action="inc"
                    aria-keyshortcuts="I"
                    disabled=denied
                    title=why
                    on:click=act(|i| i.stmt().inc_backup())
                >
                    "Incremental backup"
                </button>
                <button
                    type="button"
                    data-action="cancel"
                    aria-keyshortcuts="C"
                    disabled=denied
                    title=why
                    aria-label=cancel_label
                    on:click=act(|i| i.stmt().cancel())
                >
                    "Cancel"
                </button>
                <button
                    type="button"
                    data-action="archive"
                    aria-keyshortcuts="A"
                    disabled=move || no_session() || !allowed(|a| a.archive)
                    title=why
                    on:click=act(|i| i.stmt().archive(i.log_mode != "ARCHIVELOG"))
                >
                    {text(|i| {
                        if i.log_mode == "ARCHIVELOG" { "Archive off" } else { "Archive on" }.into()
                    })}
                </button>
                <button
                    type="button"
                    data-action="activate"
                    aria-keyshortcuts="V"
                    hidden=move || activate().is_none()
                    title=activate
                    on:click=move |_| {
                        if let Some(sql) = activate() {
                            type_sql(engine, sql);
                        }
                    }
                >
                    "Activate"
                </button>
            </div>
            <p class="dash-note" hidden=move || !no_session()>
                "Read only here: " {NEEDS_SESSION} "."
            </p>
            <ScoreForm info=info />
            <DestForm info=info />
        </article>
    }
}

fn set_brief(s: Option<&super::model::SetBrief>) -> String {
    match s {
        None => "none".into(),
        Some(s) if s.end.is_empty() => format!("set {} {}", s.id, s.status),
        Some(s) => format!("set {} {} at {}", s.id, s.status, s.end),
    }
}

/// `ha_low_thread_score` for this tenant (0–100; 0 means the default of 2 threads).
#[component]
fn ScoreForm(info: Memo<TenantInfo>) -> impl IntoView {
    let engine = use_engine();
    let id = info.with_untracked(|i| i.id);
    let score = RwSignal::new(info.with_untracked(|i| i.score.to_string()));
    // The field follows the engine: after a statement sets the score (here or typed), it shows
    // the new value.
    let engine_score = Memo::new(move |_| info.with(|i| i.score));
    Effect::new(move |_| {
        let current = engine_score.get().to_string();
        if score.get_untracked() != current {
            score.set(current);
        }
    });
    let sql =
        move || parse_score(&score.get()).and_then(|s| info.with(|i| i.stmt().thread_score(s)));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Some(sql) = sql() {
            engine.run_sql.run(sql);
        }
    };
    let input_id = format!("score-{id}");
    view! {
        <form class="card-form" on:submit=on_submit>
            <label for=input_id.clone()>"Thread score"</label>
            <input
                id=input_id
                type="number"
                min="0"
                max="100"
                step="1"
                inputmode="numeric"
                aria-keyshortcuts="H"
                bind:value=score
            />
            <button
                type="submit"
                data-action="score"
                disabled=move || sql().is_none()
                title=move || sql().unwrap_or_else(|| format!("0–100; {NEEDS_SESSION}"))
                aria-label="Set ha_low_thread_score"
            >
                "Set"
            </button>
        </form>
    }
}

/// DATA_BACKUP_DEST and LOG_ARCHIVE_DEST, prefilled with the current value or a default.
#[component]
fn DestForm(info: Memo<TenantInfo>) -> impl IntoView {
    let engine = use_engine();
    let (id, name, data0, arch0) = info.with_untracked(|i| {
        (
            i.id,
            i.name.clone(),
            i.data_dest.clone(),
            i.archive_dest.clone(),
        )
    });
    let data = RwSignal::new(data0.unwrap_or_else(|| default_data_dest(&name)));
    let archive = RwSignal::new(arch0.unwrap_or_else(|| default_archive_dest(&name)));
    // The fields follow the engine's destinations once set.
    let engine_dests =
        Memo::new(move |_| info.with(|i| (i.data_dest.clone(), i.archive_dest.clone())));
    Effect::new(move |_| {
        let (d, a) = engine_dests.get();
        if let Some(d) = d.filter(|d| *d != data.get_untracked()) {
            data.set(d);
        }
        if let Some(a) = a.filter(|a| *a != archive.get_untracked()) {
            archive.set(a);
        }
    });
    let stmts = move || info.with(|i| i.dest_statements(&data.get(), &archive.get()));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let s = stmts();
        if !s.is_empty() {
            engine.run_sql.run(s.join("\n"));
        }
    };
    let (data_id, arch_id) = (format!("data-dest-{id}"), format!("archive-dest-{id}"));
    view! {
        <details class="card-details">
            <summary>"Destinations"</summary>
            <form class="card-form dest-form" on:submit=on_submit>
                <label for=data_id.clone()>"DATA_BACKUP_DEST"</label>
                <input id=data_id type="text" spellcheck="false" aria-keyshortcuts="D" bind:value=data />
                <label for=arch_id.clone()>"LOG_ARCHIVE_DEST (LOCATION=)"</label>
                <input id=arch_id type="text" spellcheck="false" bind:value=archive />
                <button
                    type="submit"
                    data-action="dests"
                    disabled=move || stmts().is_empty()
                    title=move || {
                        let s = stmts();
                        if s.is_empty() {
                            format!("nothing to change, or {NEEDS_SESSION}")
                        } else {
                            s.join("\n")
                        }
                    }
                >
                    "Set destinations"
                </button>
            </form>
        </details>
    }
}
