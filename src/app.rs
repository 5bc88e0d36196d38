//! The page: a header and the tenant list, both read from the engine.

use leptos::prelude::*;
use obsim::Cluster;

#[component]
pub fn App() -> impl IntoView {
    let cluster = StoredValue::new(Cluster::new(crate::DEFAULT_SEED));
    view! {
        <Header cluster=cluster />
        <main class="layout">
            <TenantList cluster=cluster />
            <ServerList cluster=cluster />
        </main>
    }
}

#[component]
fn Header(cluster: StoredValue<Cluster>) -> impl IntoView {
    let (version, seed) = cluster.with_value(|c| (c.version().to_string(), c.seed()));
    view! {
        <header class="topbar">
            <h1 class="brand">"obplay"</h1>
            <span class="meta" data-testid="cluster-version">"OceanBase " {version}</span>
            <span class="meta" data-testid="seed">"seed " {seed}</span>
        </header>
    }
}

#[component]
fn TenantList(cluster: StoredValue<Cluster>) -> impl IntoView {
    let tenants = cluster.with_value(|c| c.tenants.clone());
    view! {
        <section class="panel" aria-labelledby="tenants-title">
            <h2 id="tenants-title">"Tenants"</h2>
            <table class="grid" data-testid="tenant-list">
                <thead>
                    <tr>
                        <th scope="col" class="num">"ID"</th>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Type"</th>
                        <th scope="col">"Mode"</th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <tbody>
                    {tenants
                        .into_iter()
                        .map(|t| {
                            let name = t.name.clone();
                            view! {
                                <tr data-tenant=name>
                                    <td class="num">{t.id}</td>
                                    <td>{t.name}</td>
                                    <td>{t.tenant_type.as_str()}</td>
                                    <td class="mode">{t.mode.as_str()}</td>
                                    <td>{t.status.as_str()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn ServerList(cluster: StoredValue<Cluster>) -> impl IntoView {
    let servers = cluster.with_value(|c| c.servers.clone());
    view! {
        <section class="panel" aria-labelledby="servers-title">
            <h2 id="servers-title">"OBServers"</h2>
            <table class="grid" data-testid="server-list">
                <thead>
                    <tr>
                        <th scope="col">"Zone"</th>
                        <th scope="col">"Address"</th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <tbody>
                    {servers
                        .into_iter()
                        .map(|s| {
                            let status = if s.active { "ACTIVE" } else { "INACTIVE" };
                            view! {
                                <tr>
                                    <td>{s.zone.clone()}</td>
                                    <td>{s.addr()}</td>
                                    <td>{status}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}
