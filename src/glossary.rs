//! A short glossary of the words the page uses (tenant, log stream, tablet, macroblock, SCN,
//! archive round, piece, backup set), reachable from the header and from each term on screen
//! (`Term`: a button that opens the glossary at that word).

use leptos::prelude::*;

/// Which entry is open (None: the glossary is closed).
#[derive(Clone, Copy)]
pub struct Glossary {
    pub open: RwSignal<Option<&'static str>>,
}

/// The entries: (id, word, explanation).
pub const ENTRIES: [(&str, &str, &str); 9] = [
    (
        "tenant",
        "Tenant",
        "An isolated database inside the cluster, with its own users, data and resources. sys runs the cluster; mysql_tenant and oracle_tenant are user tenants, each with a meta tenant for its metadata. Backups are per tenant.",
    ),
    (
        "log-stream",
        "Log stream (LS)",
        "A tenant's data is split into log streams; each has its own redo log and replicas. LS 1 holds the system tablets; user tablets live in LS 1001 and up.",
    ),
    (
        "tablet",
        "Tablet",
        "One partition of a table (or index), the unit a log stream holds. Its data is stored in macroblocks.",
    ),
    (
        "macroblock",
        "Macroblock",
        "The 2 MB unit of storage on disk. A full backup copies every macroblock; an incremental copies those written since its base set, and reuses the rest by reference.",
    ),
    (
        "scn",
        "SCN",
        "System Change Number: the cluster-wide logical clock. Every change gets one; a backup set is consistent as of one SCN and can be restored to SCNs the archive log covers.",
    ),
    (
        "archive-round",
        "Archive round",
        "Log archiving from ALTER SYSTEM ARCHIVELOG to NOARCHIVELOG. A round goes PREPARE, BEGINNING, DOING; a data backup can start only while the tenant's round is DOING.",
    ),
    (
        "piece",
        "Piece",
        "A round's archive log is cut into pieces by time (log_archive_piece_switch_interval), each a directory at the archive destination.",
    ),
    (
        "backup-set",
        "Backup set",
        "What one data backup writes at the data destination: FULL (every macroblock) or INC (the changed ones, on a base set). A restore needs a full set, its incrementals and the archive log after them.",
    ),
    (
        "restorable-window",
        "Restorable window",
        "The moments a restore can reach: from a backup set's MIN_RESTORE_SCN on, as far as the archive holds log without a gap. A restore to a moment reads a set chain (a full and its incrementals), then replays archive pieces up to that moment, into a new tenant that starts as a STANDBY.",
    ),
];

pub fn use_glossary() -> Option<Glossary> {
    use_context::<Glossary>()
}

/// A word on screen that opens its glossary entry.
#[component]
pub fn Term(id: &'static str, children: Children) -> impl IntoView {
    let glossary = use_glossary();
    view! {
        <button
            type="button"
            class="term"
            title="What is this? Opens the glossary"
            data-term=id
            on:click=move |_| {
                if let Some(g) = glossary {
                    g.open.set(Some(id));
                }
            }
        >
            {children()}
        </button>
    }
}

#[component]
pub fn GlossaryPanel(glossary: Glossary) -> impl IntoView {
    // Scroll the chosen entry into view and focus it.
    Effect::new(move |_| {
        if let Some(id) = glossary.open.get() {
            request_animation_frame(move || {
                if let Some(el) = document().get_element_by_id(&format!("glossary-{id}")) {
                    el.scroll_into_view();
                    if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                        let _ = el.focus();
                    }
                }
            });
        }
    });
    let items = ENTRIES
        .iter()
        .map(|(id, word, what)| {
            let selected = move || glossary.open.get() == Some(*id);
            view! {
                <dt id=format!("glossary-{id}") tabindex="-1" class:selected=selected>{*word}</dt>
                <dd>{*what}</dd>
            }
        })
        .collect_view();
    view! {
        <div class="help glossary" role="dialog" aria-modal="false" aria-label="Glossary" data-testid="glossary" hidden=move || glossary.open.get().is_none()>
            <h2>"Glossary"</h2>
            <dl>{items}</dl>
            <button class="btn" on:click=move |_| glossary.open.set(None)>"Close"</button>
        </div>
    }
}
