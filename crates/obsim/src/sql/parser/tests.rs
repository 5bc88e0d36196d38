//! The parser's tests, by statement family in `tests/`; the helpers they share are here.

mod alter_system;
mod cleanup;
mod error_text;
mod recover_table;
mod resource;
mod robustness;
mod select;
mod statements;

use super::*;
use crate::sql::ast::{AlterSystem, BinaryOp, Expr, Literal, Select, SelectItem};

fn parse(sql: &str) -> Statement {
    match parse_statement(sql) {
        Ok(statement) => statement,
        Err(error) => panic!("{sql:?} should parse: {error}"),
    }
}

fn alter(sql: &str) -> AlterSystem {
    match parse(sql) {
        Statement::AlterSystem(alter) => alter,
        other => panic!("{sql:?} is not ALTER SYSTEM: {other:?}"),
    }
}

fn select(sql: &str) -> Select {
    match parse(sql) {
        Statement::Select(select) => *select,
        other => panic!("{sql:?} is not SELECT: {other:?}"),
    }
}

/// The single expression of `SELECT <expr>`.
fn expr(text: &str) -> Expr {
    match select(&format!("SELECT {text}"))
        .projection
        .into_iter()
        .next()
    {
        Some(SelectItem::Expr { expr, .. }) => expr,
        other => panic!("{text:?}: {other:?}"),
    }
}

fn assert_syntax_error(sql: &str, near: &str, line: usize) {
    assert_eq!(
        parse_statement(sql),
        Err(ObError::parse(near, line)),
        "for {sql:?}"
    );
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|name| name.to_string()).collect()
}

fn some_string(text: &str) -> Option<String> {
    Some(text.to_string())
}

fn column(name: &str) -> Expr {
    Expr::Column(vec![name.to_string()])
}

fn number(text: &str) -> Expr {
    Expr::Literal(Literal::Number(text.to_string()))
}

fn string(text: &str) -> Expr {
    Expr::Literal(Literal::String(text.to_string()))
}

fn binary(left: Expr, op: BinaryOp, right: Expr) -> Expr {
    Expr::Binary {
        left: Box::new(left),
        op,
        right: Box::new(right),
    }
}
