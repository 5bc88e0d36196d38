//! The native `obsim` command. The SQL layer (issue 4) makes this a script runner and an
//! interactive prompt; for now it prints the initial cluster so the binary target exists and works.

fn main() {
    let seed = std::env::args()
        .skip_while(|a| a != "--seed")
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(42);
    let cluster = obsim::Cluster::new(seed);
    println!(
        "OceanBase {} (simulated), seed {}",
        cluster.version(),
        cluster.seed()
    );
    for t in &cluster.tenants {
        println!(
            "{:>5} {:<14} {:<4} {:<6} {}",
            t.id,
            t.name,
            t.tenant_type.as_str(),
            t.mode.as_str(),
            t.status.as_str()
        );
    }
}
