//! Splits a wasm-bindgen module in two by a profile (issue 16; driven by `tools/split.mjs`).
//!
//! `wasm-split-profile IN.wasm HOT.txt OUT_MAIN.wasm OUT_COLD.wasm`
//!
//! HOT.txt lists the function indices (imports included, as in IN.wasm) that ran while the page
//! started. Every other local function keeps its type and every reference to it in the main
//! module, but its body becomes a stub: if the cold module is not linked yet, call the import
//! `__split.load(slot)` (the loader links it, synchronously if need be), then `call_indirect`
//! through a new table slot. The cold module is the original module with its memory, tables and
//! globals imported from the main one (`p.__split_*`), its JS imports taken from the main
//! module's re-exports, no data, no exports, and one element segment that fills those slots with
//! the real functions; code neither module reaches is dropped. OUT_COLD.wasm.slots gets the first
//! slot and, per slot, the original index (the loader reports the slots stubs asked for).
use anyhow::{Context, Result, bail};
use std::collections::{HashMap, HashSet};
use walrus::ir::{UnaryOp, Value, Visitor, VisitorMut, dfs_in_order, dfs_pre_order_mut};
use walrus::{
    ConstExpr, ElementItems, ElementKind, ExportItem, FunctionBuilder, FunctionId, FunctionKind,
    GlobalKind, ImportKind, Module, ModuleConfig, TableId, ValType,
};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 {
        bail!("usage: wasm-split-profile IN.wasm HOT.txt OUT_MAIN.wasm OUT_COLD.wasm");
    }
    let input = std::fs::read(&args[1]).context("reading the input wasm")?;
    let hot: HashSet<usize> = std::fs::read_to_string(&args[2])?
        .split_whitespace()
        .map(|s| s.parse::<usize>())
        .collect::<Result<_, _>>()?;
    let config = ModuleConfig::new();
    let mut main = Module::from_buffer_with_config(&input, &config)?;
    let mut cold = Module::from_buffer_with_config(&input, &config)?;

    // Both modules were parsed from the same bytes: their function ids, in arena order, follow
    // the input's index space (imports first).
    let n_imports = main
        .funcs
        .iter()
        .take_while(|f| matches!(f.kind, FunctionKind::Import(_)))
        .count();
    if main
        .funcs
        .iter()
        .skip(n_imports)
        .any(|f| matches!(f.kind, FunctionKind::Import(_)))
    {
        bail!("imports are not first in the function index space");
    }
    if main
        .data
        .iter()
        .any(|d| !matches!(d.kind, walrus::DataKind::Active { .. }))
    {
        bail!("passive data segments are not supported");
    }
    let total = main.funcs.iter().count();
    let cold_indices: Vec<usize> = (n_imports..total).filter(|i| !hot.contains(i)).collect();
    eprintln!(
        "{total} functions ({n_imports} imported), {} hot, {} cold",
        total - n_imports - cold_indices.len(),
        cold_indices.len()
    );

    let base = main
        .tables
        .get(
            main.tables
                .main_function_table()?
                .context("no function table")?,
        )
        .initial;
    let called = keep_cold_functions(&mut cold, n_imports, &cold_indices, base)?;
    stub_cold_functions(&mut main, n_imports, &cold_indices, &called)?;

    let slots: Vec<String> = cold_indices.iter().map(|i| i.to_string()).collect();
    std::fs::write(
        format!("{}.slots", args[4]),
        format!("{base}\n{}\n", slots.join(" ")),
    )?;
    std::fs::write(&args[3], main.emit_wasm())?;
    std::fs::write(&args[4], cold.emit_wasm())?;
    Ok(())
}

/// The function table, grown by one slot per cold function; returns the first new slot.
fn grow_table(m: &mut Module, by: usize) -> Result<(TableId, u64)> {
    let table = m
        .tables
        .main_function_table()?
        .context("no function table")?;
    let t = m.tables.get_mut(table);
    let base = t.initial;
    t.initial += by as u64;
    if let Some(max) = t.maximum {
        t.maximum = Some(max.max(t.initial));
    }
    Ok((table, base))
}

/// The main module: cold bodies become stubs; what the cold module needs is exported (`called`:
/// the hot functions, by original index, that cold code calls or takes the reference of).
fn stub_cold_functions(
    main: &mut Module,
    n_imports: usize,
    cold: &[usize],
    called: &[usize],
) -> Result<u64> {
    let ids: Vec<FunctionId> = main.funcs.iter().map(|f| f.id()).collect();
    let (table, base) = grow_table(main, cold.len())?;
    let load_ty = main.types.add(&[ValType::I32], &[]);
    let (load, _) = main.add_import_func("__split", "load", load_ty);
    let loaded = main
        .globals
        .add_local(ValType::I32, true, false, ConstExpr::Value(Value::I32(0)));
    main.exports
        .add("__split_loaded", ExportItem::Global(loaded));
    for (k, &i) in cold.iter().enumerate() {
        let id = ids[i];
        let slot = (base + k as u64) as i32;
        let ty = main.funcs.get(id).ty();
        let (params, results) = {
            let t = main.types.get(ty);
            (t.params().to_vec(), t.results().to_vec())
        };
        let mut b = FunctionBuilder::new(&mut main.types, &params, &results);
        let args: Vec<_> = params.iter().map(|&p| main.locals.add(p)).collect();
        let mut body = b.func_body();
        body.global_get(loaded).unop(UnaryOp::I32Eqz).if_else(
            None,
            |then| {
                then.i32_const(slot).call(load);
            },
            |_| {},
        );
        for &a in &args {
            body.local_get(a);
        }
        body.i32_const(slot).call_indirect(ty, table);
        main.funcs.get_mut(id).kind = FunctionKind::Local(b.local_func(args));
    }
    let memories: Vec<_> = main.memories.iter().map(|m| m.id()).collect();
    for (k, m) in memories.into_iter().enumerate() {
        main.exports
            .add(&format!("__split_m{k}"), ExportItem::Memory(m));
    }
    let tables: Vec<_> = main.tables.iter().map(|t| t.id()).collect();
    for (k, t) in tables.into_iter().enumerate() {
        main.exports
            .add(&format!("__split_t{k}"), ExportItem::Table(t));
    }
    let globals: Vec<_> = main
        .globals
        .iter()
        .map(|g| g.id())
        .filter(|&g| g != loaded)
        .collect();
    for (k, g) in globals.into_iter().enumerate() {
        main.exports
            .add(&format!("__split_g{k}"), ExportItem::Global(g));
    }
    for (k, &id) in ids[..n_imports].iter().enumerate() {
        main.exports
            .add(&format!("__split_i{k}"), ExportItem::Function(id));
    }
    for &i in called {
        main.exports
            .add(&format!("__split_h{i}"), ExportItem::Function(ids[i]));
    }
    // A cold function that nothing hot calls, lists in a table or exports needs no stub.
    walrus::passes::gc::run(main);
    Ok(base)
}

/// The cold module: the real bodies, with everything shared imported from the main module, hot
/// functions included (so their code is not repeated). Returns the hot functions it imports.
fn keep_cold_functions(
    cold: &mut Module,
    n_imports: usize,
    indices: &[usize],
    base: u64,
) -> Result<Vec<usize>> {
    let ids: Vec<FunctionId> = cold.funcs.iter().map(|f| f.id()).collect();
    let (table, grown_base) = grow_table(cold, indices.len())?;
    if grown_base != base {
        bail!("the two modules' function tables differ");
    }
    let memories: Vec<_> = cold.memories.iter().map(|m| m.id()).collect();
    for (k, m) in memories.into_iter().enumerate() {
        let imp = cold
            .imports
            .add("p", &format!("__split_m{k}"), ImportKind::Memory(m));
        let mem = cold.memories.get_mut(m);
        mem.import = Some(imp);
        mem.data_segments.clear();
    }
    // The main module has written the data and the original table entries.
    let data: Vec<_> = cold.data.iter().map(|d| d.id()).collect();
    for d in data {
        cold.data.delete(d);
    }
    let elements: Vec<_> = cold.elements.iter().map(|e| e.id()).collect();
    for e in elements {
        cold.elements.delete(e);
    }
    let tables: Vec<_> = cold.tables.iter().map(|t| t.id()).collect();
    for (k, t) in tables.into_iter().enumerate() {
        let imp = cold
            .imports
            .add("p", &format!("__split_t{k}"), ImportKind::Table(t));
        let tb = cold.tables.get_mut(t);
        tb.import = Some(imp);
        tb.init = None;
        tb.elem_segments.clear();
    }
    let segment = cold.elements.add(
        ElementKind::Active {
            table,
            offset: ConstExpr::Value(Value::I32(base as i32)),
        },
        ElementItems::Functions(indices.iter().map(|&i| ids[i]).collect()),
    );
    cold.tables.get_mut(table).elem_segments.insert(segment);
    let globals: Vec<_> = cold.globals.iter().map(|g| g.id()).collect();
    for (k, g) in globals.into_iter().enumerate() {
        let imp = cold
            .imports
            .add("p", &format!("__split_g{k}"), ImportKind::Global(g));
        cold.globals.get_mut(g).kind = GlobalKind::Import(imp);
    }
    for (k, &id) in ids[..n_imports].iter().enumerate() {
        let FunctionKind::Import(f) = &cold.funcs.get(id).kind else {
            bail!("function {k} is not an import");
        };
        let imp = cold.imports.get_mut(f.import);
        imp.module = "p".into();
        imp.name = format!("__split_i{k}");
    }
    let exports: Vec<_> = cold.exports.iter().map(|e| e.id()).collect();
    for e in exports {
        cold.exports.delete(e);
    }
    cold.start = None;
    let called = import_hot_functions(cold, n_imports, indices, &ids)?;
    let customs: Vec<_> = cold.customs.iter().map(|(id, _)| id).collect();
    for c in customs {
        cold.customs.delete(c);
    }
    walrus::passes::gc::run(cold);
    Ok(called)
}

/// Replaces every use of a hot function in the cold functions' bodies by an import of it from
/// the main module (`p.__split_h<index>`); the hot copies then go with the garbage collection.
fn import_hot_functions(
    cold: &mut Module,
    n_imports: usize,
    indices: &[usize],
    ids: &[FunctionId],
) -> Result<Vec<usize>> {
    struct Uses<'a> {
        hot: &'a HashMap<FunctionId, usize>,
        found: HashSet<usize>,
    }
    impl<'i> Visitor<'i> for Uses<'_> {
        fn visit_function_id(&mut self, f: &FunctionId) {
            if let Some(&i) = self.hot.get(f) {
                self.found.insert(i);
            }
        }
    }
    struct Remap<'a>(&'a HashMap<FunctionId, FunctionId>);
    impl VisitorMut for Remap<'_> {
        fn visit_function_id_mut(&mut self, f: &mut FunctionId) {
            if let Some(&to) = self.0.get(f) {
                *f = to;
            }
        }
    }
    let cold_set: HashSet<usize> = indices.iter().copied().collect();
    let hot: HashMap<FunctionId, usize> = (n_imports..ids.len())
        .filter(|i| !cold_set.contains(i))
        .map(|i| (ids[i], i))
        .collect();
    let mut uses = Uses {
        hot: &hot,
        found: HashSet::new(),
    };
    for &i in indices {
        let FunctionKind::Local(lf) = &cold.funcs.get(ids[i]).kind else {
            bail!("function {i} is not local");
        };
        dfs_in_order(&mut uses, lf, lf.entry_block());
    }
    let mut called: Vec<usize> = uses.found.into_iter().collect();
    called.sort_unstable();
    let mut map = HashMap::new();
    for &i in &called {
        let ty = cold.funcs.get(ids[i]).ty();
        let (import, _) = cold.add_import_func("p", &format!("__split_h{i}"), ty);
        map.insert(ids[i], import);
    }
    let mut remap = Remap(&map);
    for &i in indices {
        if let FunctionKind::Local(lf) = &mut cold.funcs.get_mut(ids[i]).kind {
            let entry = lf.entry_block();
            dfs_pre_order_mut(&mut remap, lf, entry);
        }
    }
    Ok(called)
}
